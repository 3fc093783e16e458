// The responder's name from git's user.name, read without running anything from the
// repository: git is looked up on PATH by absolute entries only, never inside a workspace
// folder, and run from the file system's root so it reads the user's and the system's
// configuration, not a repository's. Nothing runs in Restricted Mode. No 'vscode' import,
// so it is tested with a real git and a planted fake one.

import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access, realpath, stat } from 'node:fs/promises';
import { parse, sep } from 'node:path';
import { programCandidates } from '../core/shared/programPath';
import { isInsideFolder } from '../core/shared/workspacePath';

export interface GitUserNameOptions {
  readonly trusted: boolean;
  readonly workspaceFolders: readonly string[];
  readonly env?: NodeJS.ProcessEnv;
  readonly platform?: NodeJS.Platform;
  readonly timeoutMs?: number;
}

/** git's absolute path outside every workspace folder, or undefined when there is none. */
export async function findGitOutsideWorkspace(options: Pick<GitUserNameOptions, 'workspaceFolders' | 'env' | 'platform'>): Promise<string | undefined> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const folders = (await Promise.all(options.workspaceFolders.map((folder) => realpath(folder).catch(() => folder)))).map((folder) => folder);
  const pathValue = env.PATH ?? env.Path;
  for (const candidate of programCandidates({ name: 'git', path: pathValue, platform, pathExt: env.PATHEXT })) {
    try {
      const resolved = await realpath(candidate);
      // Both the entry and where it leads: a PATH entry symlinked into the repository counts as the repository.
      if (folders.some((folder) => isInsideFolder(folder, candidate, sep) || isInsideFolder(folder, resolved, sep))) continue;
      if (!(await stat(resolved)).isFile()) continue;
      if (platform !== 'win32') await access(resolved, constants.X_OK);
      return resolved;
    } catch {
      // Not there or not runnable: the next entry.
    }
  }
  return undefined;
}

/** git's user.name, or undefined (untrusted workspace, no git outside it, unset, or git failed). */
export async function readGitUserName(options: GitUserNameOptions): Promise<string | undefined> {
  if (!options.trusted) return undefined;
  const git = await findGitOutsideWorkspace(options);
  if (!git) return undefined;
  const env = options.env ?? process.env;
  return new Promise((resolve) => {
    execFile(
      git,
      ['config', '--get', 'user.name'],
      { cwd: parse(git).root || sep, env, timeout: options.timeoutMs ?? 2000, windowsHide: true },
      (error, stdout) => resolve(error ? undefined : stdout.trim() || undefined),
    );
  });
}
