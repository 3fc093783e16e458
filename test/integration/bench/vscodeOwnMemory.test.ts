// Benchmark, run by `npm run bench` in hosts without On-Call: what the extension host spends on
// the part of the memory benchmark that is VS Code's own work — the 10,000-line Markdown file
// open in an editor (the Markdown extension tokenizes and keeps it) and a command run in a
// terminal — measured from the same baseline as withEverythingLoaded.test.ts (VS Code's
// Markdown and JSON support and the empty extension active).
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../../src/constants';
import { BENCH_WORKSPACE } from '../../fixtures/bench/corpus';
import { workspaceFolder } from '../support/hostHelpers';
import { sleep, waitFor } from '../../support/waiting';
import { REFERENCE_HOST, report, settledMemory } from './benchHost';
import { activateVscodeSupport, EMPTY_ID, WARMUP_ID } from './vscodeSupport';

describe(`benchmark (${REFERENCE_HOST}): VS Code's own memory for the same editor and terminal`, function () {
  this.timeout(180_000);

  it('opens the 10,000-line runbook and runs a command in a terminal, with the empty extension only', async function () {
    if (vscode.extensions.getExtension(EXTENSION_ID)) {
      console.log(`VS Code's own memory: skipped, On-Call is loaded here (run with ONCALL_BENCH_WITHOUT_ONCALL=1)`);
      this.skip();
    }
    const empty = vscode.extensions.getExtension(EMPTY_ID);
    const warmup = vscode.extensions.getExtension(WARMUP_ID);
    assert.ok(empty && warmup, 'the bench pass loads the empty and the warm-up extension');
    await activateVscodeSupport(new Set([EMPTY_ID, WARMUP_ID]));
    await warmup.activate();
    await sleep(200);
    await empty.activate();
    const baseline = await settledMemory();

    const big = vscode.Uri.joinPath(workspaceFolder(), BENCH_WORKSPACE.bigRunbook);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(big));
    await vscode.commands.executeCommand('vscode.executeCodeLensProvider', big);
    const stamp = vscode.Uri.joinPath(workspaceFolder(), 'reference-stamp.txt');
    const terminal = vscode.window.createTerminal({ name: 'reference', cwd: workspaceFolder() });
    terminal.sendText(`date +%s%3N > '${stamp.fsPath}'`);
    await waitFor('the terminal command', () => existsSync(stamp.fsPath), 30_000);
    // The memory benchmark's waits for its views and polls.
    await sleep(6_000);
    const after = await settledMemory();
    console.log(
      `VS Code's own memory for the same editor and terminal: rss +${(after.rssMb - baseline.rssMb).toFixed(1)} MB, heap +${(after.heapUsedMb - baseline.heapUsedMb).toFixed(1)} MB`,
    );
    report({ referenceBaseline: baseline, referenceAfter: after });
  });
});
