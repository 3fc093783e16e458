// Benchmarks of the runbook index inside the extension host, with the real classes and the
// real VS Code API (`npm run bench` judges the samples):
// - CodeLens for the 10,000-line runbook: RunbookCodeLensProvider.provideCodeLenses() on an
//   open document, cold (a new provider over a new RunbookIndex: no parse cached, the parser
//   module already loaded, as for any runbook opened after the first) and cached (the same
//   document version again), against a bare markdown-it parse of the document's text.
//   The provider is called directly: `vscode.executeCodeLensProvider` would add the round
//   trip to the workbench (in the browser, for code-server), which is not the extension's.
// - Re-index after one file changes: from the file watcher's change event to the index's
//   onDidChange for that file (read with Node, parse, store, the views' listeners).
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import MarkdownIt from 'markdown-it';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../../src/constants';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';
import { Log } from '../../../src/platform/log';
import { RunbookIndex } from '../../../src/platform/runbooks/runbookIndex';
import { RunbookCodeLensProvider } from '../../../src/views/runbookCodeLensProvider';
import { BENCH_WORKSPACE } from '../../fixtures/bench/corpus';
import { activateExtension, workspaceFolder } from '../support/hostHelpers';
import { report, SHARED_HOST } from './benchHost';
import { sleep } from '../../support/waiting';

describe(`benchmark (${SHARED_HOST}): runbook index`, function () {
  this.timeout(180_000);

  it('computes the lenses of a 10,000-line runbook, cold and cached', async () => {
    await activateExtension();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(workspaceFolder(), BENCH_WORKSPACE.bigRunbook));
    // Opening it makes the extension's own diagnostics parse it once: let that pass.
    await sleep(1_000);
    const log = new Log();
    const starter = vscode.Uri.joinPath(extension.extensionUri, 'runbooks');
    const bare = new MarkdownIt();
    const cold: number[] = [];
    const cached: number[] = [];
    const reference: number[] = [];
    let lensCount = 0;
    for (let run = 0; run < 3 + 15; run++) {
      let started = performance.now();
      bare.parse(document.getText(), {});
      const referenceMs = performance.now() - started;
      const index = new RunbookIndex(starter, log);
      const provider = new RunbookCodeLensProvider(index);
      started = performance.now();
      const lenses = await provider.provideCodeLenses(document);
      const coldMs = performance.now() - started;
      const again: number[] = [];
      for (let i = 0; i < 5; i++) {
        started = performance.now();
        const same = await provider.provideCodeLenses(document);
        again.push(performance.now() - started);
        assert.equal(same, lenses, 'the second request is served from the cache');
      }
      provider.dispose();
      index.dispose();
      lensCount = lenses.length;
      if (run < 3) continue; // warm-up
      reference.push(referenceMs);
      cold.push(coldMs);
      cached.push(...again);
    }
    log.dispose();
    assert.ok(lensCount > 100, `lenses: ${lensCount}`);
    console.log(`CodeLens, ${document.lineCount} lines, ${lensCount} lenses: cold ${cold.map((s) => s.toFixed(1)).join(', ')} ms; bare parse ${reference.map((s) => s.toFixed(1)).join(', ')} ms`);
    console.log(`CodeLens, cached: ${cached.map((s) => s.toFixed(3)).join(', ')} ms`);
    report({ codeLensColdMs: cold, codeLensBareParseMs: reference, codeLensCachedMs: cached, codeLensLines: document.lineCount, codeLensCount: lensCount });
  });

  it('re-indexes a runbook after its file changes', async () => {
    const api = await activateExtension();
    const uri = vscode.Uri.joinPath(workspaceFolder(), BENCH_WORKSPACE.editedRunbook);
    const original = readFileSync(uri.fsPath, 'utf8');
    // Our watcher is created before the index's (a rescan makes new ones), so its listener runs
    // first for the same event: the clock starts before the index sees the change.
    const watcher = vscode.workspace.createFileSystemWatcher('**/runbooks/**/*.md');
    await api.runbooks.rescan();
    const handled: number[] = [];
    const fromWrite: number[] = [];
    try {
      for (let run = 0; run < 2 + 11; run++) {
        let seenAt: number | undefined;
        let writtenAt = 0;
        const done = new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('the index did not report the change within 10 s')), 10_000);
          const seen = watcher.onDidChange((changed) => {
            if (changed.toString() === uri.toString()) seenAt ??= performance.now();
          });
          const indexed = api.runbooks.onDidChange((change) => {
            if (seenAt === undefined || !change.changed.some((changed) => changed.toString() === uri.toString())) return;
            const now = performance.now();
            if (run >= 2) {
              handled.push(now - seenAt);
              fromWrite.push(now - writtenAt);
            }
            clearTimeout(timer);
            seen.dispose();
            indexed.dispose();
            resolve();
          });
        });
        writtenAt = performance.now();
        writeFileSync(uri.fsPath, `${original}\n<!-- edit ${run} -->\n`);
        await done;
        // Let any second event of the same write come and go.
        await sleep(400);
      }
    } finally {
      watcher.dispose();
      writeFileSync(uri.fsPath, original);
    }
    // Where the time goes: the index reads the file with Node (open, stat, read), then parses;
    // for comparison, the same read through vscode.workspace.fs (stat, then readFile).
    const read: number[] = [];
    const workspaceFs: number[] = [];
    const parse: number[] = [];
    for (let run = 0; run < 11; run++) {
      let started = performance.now();
      const handle = await open(uri.fsPath, 'r');
      await handle.stat();
      const text = await handle.readFile('utf8');
      await handle.close();
      read.push(performance.now() - started);
      started = performance.now();
      await vscode.workspace.fs.stat(uri);
      await vscode.workspace.fs.readFile(uri);
      workspaceFs.push(performance.now() - started);
      started = performance.now();
      parseRunbook(text, { fileName: 'db-connections.md' });
      parse.push(performance.now() - started);
    }
    console.log(`Node read ${read.map((s) => s.toFixed(2)).join(', ')} ms; vscode.workspace.fs stat + readFile ${workspaceFs.map((s) => s.toFixed(2)).join(', ')} ms; parse ${parse.map((s) => s.toFixed(2)).join(', ')} ms`);
    const title = api.runbooks.get(uri)?.runbook.title;
    console.log(`re-index of ${BENCH_WORKSPACE.editedRunbook} ("${title}"): ${handled.map((s) => s.toFixed(2)).join(', ')} ms after the watcher's event; ${fromWrite.map((s) => s.toFixed(0)).join(', ')} ms after the write`);
    report({ reindexMs: handled, reindexFromWriteMs: fromWrite, reindexReadMs: read, reindexWorkspaceFsMs: workspaceFs, reindexParseMs: parse });
  });
});
