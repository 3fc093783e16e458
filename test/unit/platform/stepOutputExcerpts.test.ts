// The stored outputs are files anyone can edit: every way one can be wrong ends in one
// sentence in the post-mortem, never in an error. Real files in a temporary folder.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StepOutputRef } from '../../../src/core/execution/executionJournal';
import { MAX_STORED_OUTPUT_BYTES } from '../../../src/core/postmortem/stepOutputExcerpt';
import { JournalStore } from '../../../src/platform/execution/journalStore';
import type { Log } from '../../../src/platform/log';
import { readStepOutputExcerpt, readStepOutputExcerpts } from '../../../src/platform/postmortem/stepOutputExcerpts';

const log = { warn() {}, info() {}, error() {}, debug() {} } as unknown as Log;
const ref = (file: string): StepOutputRef => ({ file, printedBytes: 10, omittedBytes: 0 });

describe('readStepOutputExcerpt', () => {
  let folder: string;
  let journal: JournalStore;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'oncall-outputs-'));
    journal = new JournalStore(folder, log);
    mkdirSync(journal.outputFolder, { recursive: true });
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('reads the last lines of a stored output', async () => {
    writeFileSync(join(journal.outputFolder, 'run-1.txt'), 'one\ntwo\nthree\n');
    assert.deepEqual(await readStepOutputExcerpt(journal, ref('run-1.txt')), { kind: 'lines', lines: ['one', 'two', 'three'], totalLines: 3, ref: ref('run-1.txt') });
  });

  const unavailable = (reason: string) => ({ kind: 'unavailable', reason });

  it('says the file is missing', async () => {
    assert.deepEqual(await readStepOutputExcerpt(journal, ref('run-2.txt')), unavailable('the stored file is missing'));
  });

  it('never opens a name the extension does not write', async () => {
    writeFileSync(join(folder, 'secret.txt'), 'do not show');
    assert.deepEqual(await readStepOutputExcerpt(journal, ref('../secret.txt')), unavailable('the journal names a file the extension does not write'));
  });

  it('does not read a file larger than any capture writes', async () => {
    writeFileSync(join(journal.outputFolder, 'run-3.txt'), Buffer.alloc(MAX_STORED_OUTPUT_BYTES + 1, 0x61));
    const excerpt = await readStepOutputExcerpt(journal, ref('run-3.txt'));
    assert.equal(excerpt.kind, 'unavailable');
    assert.match(excerpt.kind === 'unavailable' ? excerpt.reason : '', /^the stored file is 1\.0 MB, larger than a capture ever writes$/);
  });

  it('says a file that is not UTF-8 is not shown', async () => {
    writeFileSync(join(journal.outputFolder, 'run-4.txt'), Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xd8, 0xc0, 0x80]));
    assert.deepEqual(await readStepOutputExcerpt(journal, ref('run-4.txt')), unavailable('the stored file is not valid UTF-8'));
  });

  it('does not read a folder, or wait on a named pipe, put in the file’s place', async function () {
    mkdirSync(join(journal.outputFolder, 'run-5.txt'));
    assert.deepEqual(await readStepOutputExcerpt(journal, ref('run-5.txt')), unavailable('the stored output is not a file'));
    if (process.platform === 'win32') this.skip();
    execFileSync('mkfifo', [join(journal.outputFolder, 'run-6.txt')]);
    assert.deepEqual(await readStepOutputExcerpt(journal, ref('run-6.txt')), unavailable('the stored output is not a file'));
    symlinkSync('/dev/zero', join(journal.outputFolder, 'run-7.txt'));
    assert.deepEqual(await readStepOutputExcerpt(journal, ref('run-7.txt')), unavailable('the stored output is not a file'));
  });

  it('reads each captured step once, by run id, and none for a step without output', async () => {
    writeFileSync(join(journal.outputFolder, 'run-1.txt'), 'ok\n');
    const step = { type: 'step-run' as const, at: '2026-11-24T14:10:00.000Z', runbook: 'r.md', runbookTitle: 'R', command: 'echo ok', context: '', namespace: '', exitCode: 0, durationMs: 1 };
    const excerpts = await readStepOutputExcerpts(journal, [
      { ...step, runId: 'run-1', output: ref('run-1.txt') },
      { ...step, runId: 'run-1', output: ref('run-1.txt') },
      { ...step, runId: 'run-9' },
    ]);
    assert.deepEqual([...excerpts.keys()], ['run-1']);
  });
});
