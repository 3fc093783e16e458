// The post-mortem template and folder settings, resolved on real folders with real symlinks,
// and exclusive file creation with writers racing for the same name.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkWorkspaceRelativePath } from '../../../src/core/shared/workspacePath';
import { createFileExclusively, createNextFreeFile, resolveInsideWorkspace } from '../../../src/platform/workspaceFiles';
import { WORKSPACE_PATH_CASES } from './hostileWorkspacePaths';

const SETTING = 'oncall.postMortem.template';

describe('workspace-relative settings', () => {
  let base: string;
  let root: string;
  let outside: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'oncall-wsfiles-'));
    root = join(base, 'repo');
    outside = join(base, 'home');
    mkdirSync(join(root, 'docs'), { recursive: true });
    mkdirSync(join(outside, '.kube'), { recursive: true });
    writeFileSync(join(outside, '.kube', 'config'), 'secret');
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  for (const { value, inside, reason } of WORKSPACE_PATH_CASES) {
    it(`${inside ? 'accepts' : 'refuses'} ${JSON.stringify(value)}`, async () => {
      const checked = checkWorkspaceRelativePath(SETTING, value);
      const resolved = await resolveInsideWorkspace(root, SETTING, value);
      if (inside) {
        assert.deepEqual(checked, { segments: inside.split('/') });
        assert.deepEqual(resolved, { path: join(root, ...inside.split('/')) });
      } else {
        assert.ok('problem' in resolved, `got ${JSON.stringify(resolved)}`);
        assert.match(resolved.problem, reason ?? /./);
        assert.match(resolved.problem, /^oncall\.postMortem\.template must be a path inside the workspace folder, and .* so it was not used\.$/s);
      }
    });
  }

  it('refuses a symlink in the repository that leads out of it, for a file and for a folder', async () => {
    symlinkSync(join(outside, '.kube', 'config'), join(root, 'docs', 'template.md'));
    symlinkSync(outside, join(root, 'postmortems'));
    for (const value of ['docs/template.md', 'postmortems', 'postmortems/new/deeper']) {
      const resolved = await resolveInsideWorkspace(root, SETTING, value);
      assert.ok('problem' in resolved && /symbolic link/.test(resolved.problem), `${value}: ${JSON.stringify(resolved)}`);
    }
  });

  it('refuses a dangling symlink, which a later write would follow', async () => {
    symlinkSync(join(outside, 'not-yet'), join(root, 'postmortems'));
    const resolved = await resolveInsideWorkspace(root, SETTING, 'postmortems');
    assert.ok('problem' in resolved && /missing target/.test(resolved.problem));
  });

  it('accepts a symlink that stays inside the workspace', async () => {
    mkdirSync(join(root, 'shared'));
    symlinkSync(join(root, 'shared'), join(root, 'docs', 'linked'));
    assert.deepEqual(await resolveInsideWorkspace(root, SETTING, 'docs/linked/pm.md'), { path: join(root, 'shared', 'pm.md') });
  });
});

describe('exclusive file creation', () => {
  let folder: string;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), 'oncall-exclusive-'));
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('never writes over an existing file, nor through a dangling symlink', async () => {
    writeFileSync(join(folder, 'a.md'), 'mine');
    assert.equal(await createFileExclusively(join(folder, 'a.md'), 'theirs'), false);
    assert.equal(readFileSync(join(folder, 'a.md'), 'utf8'), 'mine');
    symlinkSync(join(folder, 'elsewhere.md'), join(folder, 'b.md'));
    assert.equal(await createFileExclusively(join(folder, 'b.md'), 'theirs'), false);
    assert.deepEqual(readdirSync(folder).sort(), ['a.md', 'b.md']);
  });

  it('gives writers racing for one name a file each, on the next free name', async () => {
    const nameFor = (taken: ReadonlySet<string>) => {
      for (let n = 1; ; n++) {
        const name = `2026-12-06-db-down${n === 1 ? '' : `-${n}`}.md`;
        if (!taken.has(name)) return name;
      }
    };
    const written = await Promise.all(Array.from({ length: 12 }, (_, i) => createNextFreeFile(join(folder, 'postmortems'), nameFor, `writer ${i}`)));
    assert.equal(new Set(written).size, 12, 'twelve different files');
    const contents = written.map((path) => readFileSync(path, 'utf8')).sort();
    assert.deepEqual(contents, Array.from({ length: 12 }, (_, i) => `writer ${i}`).sort(), 'each writer’s text intact');
  });
});
