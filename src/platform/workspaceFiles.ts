// Files the extension itself creates in the workspace (post-mortems, runbook stubs) and files a
// setting points it at (the post-mortem template). Node's fs only, no 'vscode', so it is tested
// on real folders with real symlinks.

import { constants } from 'node:fs';
import { lstat, mkdir, open, realpath } from 'node:fs/promises';
import { dirname, join, sep } from 'node:path';
import { checkWorkspaceRelativePath, isInsideFolder } from '../core/shared/workspacePath';

/** A setting's path, inside the workspace once symlinks are resolved, or one sentence why not. */
export type ResolvedWorkspacePath = { readonly path: string } | { readonly problem: string };

/**
 * Resolves a workspace-relative setting to an absolute path inside `root`. The textual check
 * refuses absolute and `..` paths; then the longest existing prefix is resolved with realpath,
 * so a symlink in the repository that leads out (`postmortems -> /home/me/.ssh`) is refused too.
 */
export async function resolveInsideWorkspace(root: string, setting: string, value: string): Promise<ResolvedWorkspacePath> {
  const checked = checkWorkspaceRelativePath(setting, value);
  if ('problem' in checked) return checked;
  const realRoot = await realpath(root);
  const target = join(realRoot, ...checked.segments);
  let existing = target;
  for (;;) {
    try {
      const resolved = await realpath(existing);
      if (!isInsideFolder(realRoot, resolved, sep)) {
        return { problem: `${setting} must be a path inside the workspace folder, and ${JSON.stringify(value)} leads out of it through a symbolic link, so it was not used.` };
      }
      return { path: resolved === existing ? target : join(resolved, target.slice(existing.length)) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || existing === realRoot) throw error;
      // A link whose target does not exist (yet): following it later could write anywhere.
      if (await lstat(existing).then(() => true, () => false)) {
        return { problem: `${setting} must be a path inside the workspace folder, and ${JSON.stringify(value)} goes through a symbolic link to a missing target, so it was not used.` };
      }
      existing = dirname(existing);
    }
  }
}

/**
 * Creates `path` with `content` only if no file of that name exists (O_EXCL: atomic on local
 * file systems, so two windows can never overwrite each other's file). False when it exists.
 * O_NOFOLLOW too, so a dangling symlink planted under the new name is not followed.
 */
export async function createFileExclusively(path: string, content: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o644);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(content, 'utf8');
  } finally {
    await handle.close();
  }
  return true;
}

/**
 * Creates a new file in `folder` named by `nameFor(taken)`, trying the next name each time
 * another writer got there first. Returns the path written.
 */
export async function createNextFreeFile(folder: string, nameFor: (taken: ReadonlySet<string>) => string, content: string): Promise<string> {
  await mkdir(folder, { recursive: true });
  const taken = new Set<string>();
  for (let attempt = 0; attempt < 1000; attempt++) {
    const name = nameFor(taken);
    const path = join(folder, name);
    if (await createFileExclusively(path, content)) return path;
    taken.add(name);
  }
  throw new Error(`Could not find a free file name in ${folder}.`);
}
