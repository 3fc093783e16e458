// A Python step runs with the real python3, from a folder holding modules that shadow the
// standard library: the step must get the standard library.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildStepCommand } from '../../../src/core/execution/stepCommand';
import { SHADOW_CASES } from './pythonShadowModules';

describe('Python steps and modules beside the runbook', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'oncall-python-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  for (const { why, files, step, expected } of SHADOW_CASES) {
    it(`uses the standard library, not ${why}`, () => {
      for (const [path, content] of Object.entries(files)) {
        mkdirSync(dirname(join(folder, path)), { recursive: true });
        writeFileSync(join(folder, path), content);
      }
      const command = buildStepCommand({ kind: 'python', commands: step });
      // PYTHONPATH=. is what a user's shell profile might also set: it must not reopen the hole.
      const output = execFileSync('bash', ['-c', command], { cwd: folder, encoding: 'utf8', env: { ...process.env, PYTHONPATH: '.', PYTHONSTARTUP: '' } });
      assert.equal(output.trim(), expected);
    });
  }
});
