// JournalStore uses only Node's fs (its Log is a type), so it is tested here on real files.
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import names from '../execution/data/hostileStepOutputNames.json';
import type { JournalEntry } from '../../../src/core/execution/executionJournal';
import { JournalStore } from '../../../src/platform/execution/journalStore';
import type { Log } from '../../../src/platform/log';

function recordingLog(): Log & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, warn: (m: string) => warnings.push(m), info() {}, error() {}, debug() {}, show() {}, dispose() {} } as unknown as Log & { warnings: string[] };
}

function finished(runId: string, exitCode: number): JournalEntry {
  return { type: 'step-finished', runId, at: new Date(0).toISOString(), exitCode, durationMs: 5 };
}

describe('JournalStore', () => {
  let folder: string;
  beforeEach(() => {
    folder = join(mkdtempSync(join(tmpdir(), 'oncall-journal-')), 'storage');
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('creates its folder and keeps entries in the order they were appended, even when appended at once', async () => {
    const store = new JournalStore(folder, recordingLog());
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.append(finished(`r${i}`, i))));
    const entries = await store.read();
    assert.deepEqual(entries.map((e) => e.runId), Array.from({ length: 50 }, (_, i) => `r${i}`));
    assert.equal(readFileSync(store.path, 'utf8').split('\n').length, 51, 'one line per entry');
  });

  it('reads back what an earlier session wrote, skipping a torn last line with a warning', async () => {
    const log = recordingLog();
    await new JournalStore(folder, log).append(finished('r1', 0));
    appendFileSync(join(folder, 'execution-journal.jsonl'), '{"type":"step-finished","runId":"r2","at"');
    const reopened = new JournalStore(folder, log);
    assert.deepEqual((await reopened.read()).map((e) => e.runId), ['r1']);
    assert.match(log.warnings.join('\n'), /Skipped unreadable lines 2/);
    // The next entry after a torn line is not lost with it.
    await reopened.append(finished('r3', 1));
    assert.deepEqual((await reopened.read()).map((e) => e.runId), ['r1', 'r3']);
  });

  it('starts each entry on a fresh line even when another window tore the tail after this one wrote', async () => {
    const store = new JournalStore(folder, recordingLog());
    await store.append(finished('r1', 0));
    // Another window sharing the workspace storage dies mid-write.
    appendFileSync(store.path, '{"type":"step-finished","runId":"other","at"');
    await store.append(finished('r2', 0));
    assert.deepEqual((await store.read()).map((e) => e.runId), ['r1', 'r2']);
  });

  it('says an entry was not written when the disk is full, and tells no listener about it', async () => {
    mkdirSync(folder, { recursive: true });
    symlinkSync('/dev/full', join(folder, 'execution-journal.jsonl'));
    const log = recordingLog();
    const store = new JournalStore(folder, log);
    const heard: string[] = [];
    store.onDidAppend((entry) => heard.push(entry.runId));
    const written = await store.append(finished('r1', 0));
    assert.equal(written.ok, false);
    assert.match(written.ok ? '' : written.problem, /cannot be written: the disk is full/);
    assert.deepEqual(heard, []);
    assert.deepEqual(await store.read(), [], 'a device is not read forever');
  });

  it('reads an empty journal when nothing has run', async () => {
    assert.deepEqual(await new JournalStore(folder, recordingLog()).read(), []);
  });
});

describe('JournalStore step outputs', () => {
  // A journal line can be edited by hand: its output file name must never lead outside the outputs folder.
  const store = new JournalStore(join(tmpdir(), 'oncall-journal-names'), recordingLog());

  for (const name of names.accepted) {
    it(`keeps the output named ${JSON.stringify(name)} inside the outputs folder`, () => {
      assert.equal(store.outputPath(name), join(store.outputFolder, name));
    });
  }
  for (const name of names.refused) {
    it(`refuses the output name ${JSON.stringify(name)}`, () => {
      assert.equal(store.outputPath(name), undefined);
    });
  }
});
