import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { isRunbookFile } from '../../../src/core/runbooks/runbookFiles';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';

const repoRoot = path.join(__dirname, '../../../../..');

describe('isRunbookFile', () => {
  it('leaves out a README that only explains the folder', () => {
    for (const file of ['runbooks/README.md', 'test/fixtures/runbooks/matching/README.md']) {
      const runbook = parseRunbook(readFileSync(path.join(repoRoot, file), 'utf8'), { fileName: 'README.md' });
      assert.equal(isRunbookFile('README.md', runbook), false, file);
    }
    assert.equal(isRunbookFile('readme.markdown', parseRunbook('# Notes\n\n```yaml\nkey: value\n```\n')), false, 'a YAML example is nothing to run');
  });

  it('keeps a README with steps, and any other file', () => {
    const steps = parseRunbook('# Disk full\n\n```bash\ndf -h\n```\n');
    assert.equal(isRunbookFile('README.md', steps), true);
    assert.equal(isRunbookFile('notes.md', parseRunbook('# Notes only\n')), true);
  });
});
