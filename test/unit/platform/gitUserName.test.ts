// The responder's name comes from a real git; a `git` planted in the repository (first on
// PATH, as `.` or an empty entry, or through a symlinked PATH entry) must never run.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { programCandidates } from '../../../src/core/shared/programPath';
import { findGitOutsideWorkspace, readGitUserName } from '../../../src/platform/gitUserName';
import { PATH_CASES } from './hostilePath';

const realGitFolder = dirname(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim());

describe('program lookup on PATH', () => {
  for (const { why, platform, path, pathExt, candidates } of PATH_CASES) {
    it(`tries only absolute entries: ${why}`, () => {
      assert.deepEqual(programCandidates({ name: 'git', path, platform, ...(pathExt ? { pathExt } : {}) }), candidates);
    });
  }
});

describe("git's user.name for the responders", () => {
  let base: string;
  let repo: string;
  let home: string;
  let marker: string;
  let cwd: string;
  beforeEach(() => {
    cwd = process.cwd();
    base = mkdtempSync(join(tmpdir(), 'oncall-git-'));
    repo = join(base, 'repo');
    home = join(base, 'home');
    marker = join(base, 'planted-git-ran');
    mkdirSync(join(repo, 'bin'), { recursive: true });
    mkdirSync(home);
    writeFileSync(join(home, '.gitconfig'), '[user]\n\tname = Ada Responder\n');
    // The repository's own git, and a local config that would name someone else.
    for (const folder of [repo, join(repo, 'bin')]) {
      writeFileSync(join(folder, 'git'), `#!/bin/sh\necho planted > '${marker}'\necho Mallory\n`);
      chmodSync(join(folder, 'git'), 0o755);
    }
    execFileSync('git', ['init', '-q', repo]);
    execFileSync('git', ['-C', repo, 'config', 'user.name', 'Repository Config']);
    symlinkSync(join(repo, 'bin'), join(base, 'linked-bin'));
  });
  afterEach(() => {
    process.chdir(cwd);
    rmSync(base, { recursive: true, force: true });
  });

  const env = (path: string) => ({ PATH: path, HOME: home, XDG_CONFIG_HOME: join(home, '.config'), GIT_CONFIG_NOSYSTEM: '1' });

  for (const [why, path] of [
    ['the repository folder first on PATH', () => `${repo}:${realGitFolder}`],
    ['a dot entry, run from the repository', () => `.:${realGitFolder}`],
    ['an empty entry, run from the repository', () => `:${realGitFolder}`],
    ['a relative entry', () => `bin:${realGitFolder}`],
    ['a PATH entry that is a symlink into the repository', () => `${join(base, 'linked-bin')}:${realGitFolder}`],
  ] as const) {
    it(`runs the real git, never one from the repository: ${why}`, async () => {
      process.chdir(repo);
      const name = await readGitUserName({ trusted: true, workspaceFolders: [repo], env: env(path()) });
      assert.equal(existsSync(marker), false, 'the planted git ran');
      assert.equal(name, 'Ada Responder', "the user's name, not the repository's local config");
    });
  }

  it('runs nothing in Restricted Mode', async () => {
    const name = await readGitUserName({ trusted: false, workspaceFolders: [base], env: env(`${join(base, 'linked-bin')}:${realGitFolder}`) });
    assert.equal(name, undefined);
    assert.equal(existsSync(marker), false);
  });

  it('finds no git when the only one is in the repository', async () => {
    assert.equal(await findGitOutsideWorkspace({ workspaceFolders: [repo], env: env(`${repo}:${join(repo, 'bin')}`) }), undefined);
  });
});
