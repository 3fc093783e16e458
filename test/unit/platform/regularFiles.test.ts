// Reading the start of a file the extension wrote, on real folders: whatever was put in its
// place (a folder, a named pipe with no writer, a device) is reported, never waited on or read.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readFileStart } from '../../../src/platform/regularFiles';

describe('readFileStart', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'oncall-regular-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('reads a whole small file and says its size', async () => {
    writeFileSync(join(folder, 'out.txt'), 'kubectl says hi\n');
    const start = await readFileStart(join(folder, 'out.txt'), 1024);
    assert.ok(!('notAFile' in start));
    assert.equal(start.bytes.toString('utf8'), 'kubectl says hi\n');
    assert.equal(start.size, 16);
  });

  it('reads only as far as asked, and still says the whole size', async () => {
    writeFileSync(join(folder, 'big.txt'), 'x'.repeat(10_000));
    const start = await readFileStart(join(folder, 'big.txt'), 100);
    assert.ok(!('notAFile' in start));
    assert.equal(start.bytes.length, 100);
    assert.equal(start.size, 10_000);
  });

  it('says a folder, a named pipe with no writer and a device are not files', async () => {
    mkdirSync(join(folder, 'dir.txt'));
    execFileSync('mkfifo', [join(folder, 'pipe.txt')]);
    symlinkSync('/dev/zero', join(folder, 'zero.txt'));
    for (const name of ['dir.txt', 'pipe.txt', 'zero.txt']) {
      assert.deepEqual(await readFileStart(join(folder, name), 1024), { notAFile: true }, name);
    }
  });

  it('throws the error of a file that is not there, for the caller to word', async () => {
    await assert.rejects(readFileStart(join(folder, 'gone.txt'), 1024), { code: 'ENOENT' });
  });
});
