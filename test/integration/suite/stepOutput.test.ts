// What a step printed, kept beside the journal: run in real bash through shell integration,
// read back from the file the journal names, and opened from the step's timeline row.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { Commands, Settings, STEP_OUTPUT_SCHEME } from '../../../src/constants';
import { OUTPUT_HEAD_BYTES, OUTPUT_TAIL_BYTES } from '../../../src/core/execution/stepOutputCapture';
import type { OnCallApi } from '../../../src/extension';
import type { SessionNode } from '../../../src/views/sessionsTreeProvider';
import { activateExtension, workspaceFolder } from '../support/hostHelpers';
import {
  COLOURED_STEP,
  FIFTY_MB_PRINTED,
  FIFTY_MB_STEP,
  finishedRun,
  FOLLOW_STEP,
  PLAIN_STEP,
  removeDrillRunbook,
  startDrillStep,
  WAITING_STEP,
  writeDrillRunbook,
} from '../support/stepOutputDrill';
import { waitFor } from '../../support/waiting';

function storedText(api: OnCallApi, file: string): string {
  const path = api.journal.outputPath(file);
  assert.ok(path, `a plain output file name: ${file}`);
  // Fails on any invalid byte.
  return new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(path));
}

describe('the output of steps, kept beside the journal', function () {
  this.timeout(300_000);
  let api: OnCallApi;
  let runbook: vscode.Uri;
  let incident: string;

  before(async () => {
    api = await activateExtension();
    runbook = writeDrillRunbook(workspaceFolder());
    await api.sessions.ready();
    incident = (await vscode.commands.executeCommand<string>(Commands.startSession, undefined, { title: 'Step output drill' })) ?? '';
    assert.match(incident, /^INC-/);
  });

  after(async () => {
    await vscode.workspace.getConfiguration().update(Settings.captureStepOutput, undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration().update(Settings.captureStepOutput, undefined, vscode.ConfigurationTarget.Global);
    if (api.sessions.active?.id === incident) await vscode.commands.executeCommand(Commands.resolveSession, 'drill over');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    removeDrillRunbook(workspaceFolder());
  });

  it('keeps a coloured step uncoloured with its secrets masked, its exit code beside it, and its timeline row opens it', async () => {
    const runbookText = readFileSync(runbook.fsPath, 'utf8');
    const runbookFiles = readdirSync(dirname(runbook.fsPath)).sort();
    const runId = await startDrillStep(api, runbook, COLOURED_STEP);
    const { finished } = await finishedRun(api, runId);
    assert.equal(readFileSync(runbook.fsPath, 'utf8'), runbookText, 'nothing is written into the runbook');
    assert.deepEqual(readdirSync(dirname(runbook.fsPath)).sort(), runbookFiles, 'nor beside it');
    assert.equal(finished.exitCode, 2);
    assert.ok(finished.output, 'the end names the output');
    assert.equal(finished.output.file, `${runId}.txt`);
    assert.equal(finished.output.omittedBytes, 0);
    const text = storedText(api, finished.output.file);
    assert.match(text, /^red alert\nDB_PASSWORD=\*\*\*\ntoken: \*\*\*\nls: cannot access '\/nonexistent-step-output-path': No such file or directory\n$/);
    assert.doesNotMatch(text, /\x1b|hunter2|aaaaBBBB/);
    assert.equal(finished.output.printedBytes, Buffer.byteLength("red alert\nDB_PASSWORD=hunter2-drill\ntoken: ghp_aaaaBBBBccccDDDDeeeeFFFFgggghhhh1234\nls: cannot access '/nonexistent-step-output-path': No such file or directory\n"));

    const session = (await api.sessionTree.getChildren()).find((node) => node.id === incident);
    assert.ok(session);
    const rows = await api.sessionTree.getChildren(session);
    const row = rows.find((node): node is Extract<SessionNode, { kind: 'row' }> => node.kind === 'row' && node.row.runId === runId);
    assert.ok(row, 'the step has its row in the timeline');
    const item = api.sessionTree.getTreeItem(row);
    assert.equal(item.command?.command, Commands.openStepOutput);
    const opened = await vscode.commands.executeCommand<string>(item.command.command, ...(item.command.arguments ?? []));
    const document = await waitFor('the output document', () => vscode.window.activeTextEditor?.document.uri.toString() === opened && vscode.window.activeTextEditor.document);
    const shown = document.getText();
    assert.ok(shown.startsWith(`$ ${COLOURED_STEP}\n`), shown.slice(0, 200));
    assert.match(shown, /^Context: \(none: kubectl had no cluster\) \/ namespace: \(none\)$/m);
    assert.match(shown, /^Exit code: 2 · Duration: \d/m);
    assert.ok(shown.endsWith(`\n${text}`), 'the stored output follows the header');
    // Its scheme's provider has no way to save: the document is read-only.
    assert.equal(document.uri.scheme, STEP_OUTPUT_SCHEME);
  });

  it('keeps the first and last 64 KB of a 50 MB step, as valid UTF-8', async () => {
    const runId = await startDrillStep(api, runbook, FIFTY_MB_STEP);
    const { finished } = await finishedRun(api, runId, 280_000);
    assert.equal(finished.exitCode, 0);
    assert.ok(finished.output);
    const text = storedText(api, finished.output.file);
    assert.equal(finished.output.printedBytes, FIFTY_MB_PRINTED, 'every byte printed was counted');
    const size = statSync(api.journal.outputPath(finished.output.file)!).size;
    assert.ok(size <= OUTPUT_HEAD_BYTES + OUTPUT_TAIL_BYTES + 100, `${size} bytes stored`);
    assert.equal(finished.output.omittedBytes, FIFTY_MB_PRINTED - (size - Buffer.byteLength(`… ${finished.output.omittedBytes} bytes left out …\n`)));
    const lines = text.split('\n');
    const marker = lines.findIndex((line) => /^… \d+ bytes left out …$/.test(line));
    assert.ok(marker > 0, 'one marker line between head and tail');
    for (const line of [...lines.slice(0, marker), ...lines.slice(marker + 1, -1)]) assert.match(line, /^[A-Za-z0-9+/=]{1,76}$/);
  });

  it('keeps what a step printed when its terminal is closed mid-step', async () => {
    // A reader of its own sees the echo: the extension's reader, given the same chunk at the same time, has it too.
    let seen = '';
    const listener = vscode.window.onDidStartTerminalShellExecution(async (event) => {
      if (event.terminal.name !== 'On-Call') return;
      for await (const chunk of event.execution.read()) seen += chunk;
    });
    try {
      const runId = await startDrillStep(api, runbook, WAITING_STEP);
      await waitFor('the echo before the wait', () => seen.includes('printed-before-close'), 30_000);
      vscode.window.terminals.find((t) => t.name === 'On-Call')?.dispose();
      const { finished } = await finishedRun(api, runId);
      assert.equal(finished.exitCode, null, 'no exit code: the terminal was closed');
      assert.ok(finished.output);
      assert.equal(storedText(api, finished.output.file), 'printed-before-close\n');
    } finally {
      listener.dispose();
    }
  });

  it('keeps nothing of a step that runs until stopped: VS Code would hold all it prints until it ends', async () => {
    const runId = await startDrillStep(api, runbook, FOLLOW_STEP);
    const terminal = await waitFor('the step\'s own terminal', () => vscode.window.terminals.find((t) => t.name.startsWith('On-Call (interactive')));
    terminal.dispose();
    const { finished } = await finishedRun(api, runId);
    assert.equal(finished.output, undefined);
    assert.ok(!existsSync(api.journal.outputPath(`${runId}.txt`)!), 'no output file for a step that runs until stopped');
  });

  it('opens the output document of a step whose file was replaced by a named pipe, saying it cannot be read', async () => {
    const runId = await startDrillStep(api, runbook, PLAIN_STEP);
    const { finished } = await finishedRun(api, runId);
    assert.ok(finished.output);
    // A pipe in the file's place would hold a blocking open (and a worker thread) forever.
    const path = api.journal.outputPath(finished.output.file)!;
    rmSync(path);
    execFileSync('mkfifo', [path]);
    try {
      const opened = await vscode.commands.executeCommand<string>(Commands.openStepOutput, runId);
      const document = await waitFor('the output document', () => vscode.window.activeTextEditor?.document.uri.toString() === opened && vscode.window.activeTextEditor.document, 20_000);
      assert.match(document.getText(), /Its output file cannot be read/);
    } finally {
      rmSync(path, { force: true });
    }
  });

  it("keeps the output when the repository's settings turn capture off: only the user's can", async () => {
    await vscode.workspace.getConfiguration().update(Settings.captureStepOutput, false, vscode.ConfigurationTarget.Workspace);
    const runId = await startDrillStep(api, runbook, PLAIN_STEP);
    const { finished } = await finishedRun(api, runId);
    assert.equal(finished.exitCode, 0);
    assert.ok(finished.output, 'the output was kept');
    assert.ok(existsSync(api.journal.outputPath(finished.output.file)!));
    await vscode.workspace.getConfiguration().update(Settings.captureStepOutput, undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('writes nothing when the user turns capture off', async () => {
    await vscode.workspace.getConfiguration().update(Settings.captureStepOutput, false, vscode.ConfigurationTarget.Global);
    const before = existsSync(api.journal.outputFolder) ? readdirSync(api.journal.outputFolder).length : 0;
    const runId = await startDrillStep(api, runbook, PLAIN_STEP);
    const { finished } = await finishedRun(api, runId);
    assert.equal(finished.exitCode, 0);
    assert.equal(finished.output, undefined);
    assert.equal(readdirSync(api.journal.outputFolder).length, before);
    assert.ok(!existsSync(api.journal.outputPath(`${runId}.txt`)!));
  });
});
