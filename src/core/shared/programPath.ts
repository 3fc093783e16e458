// Where a program may be looked up on PATH when the extension runs it by itself (git for the
// responder's name). A shell also searches empty and relative PATH entries, which resolve
// against the current folder: the repository. Only absolute entries are ever candidates.

export interface ProgramSearch {
  readonly name: string;
  /** The PATH value. */
  readonly path: string | undefined;
  readonly platform: string;
  /** PATHEXT on Windows; only .exe and .com are run (a .cmd or .bat would need a shell). */
  readonly pathExt?: string;
}

/** Absolute file names to try, in PATH order; no relative or empty entry ever contributes. */
export function programCandidates(search: ProgramSearch): string[] {
  const windows = search.platform === 'win32';
  const separator = windows ? '\\' : '/';
  const entries = (search.path ?? '').split(windows ? ';' : ':').map((entry) => entry.trim().replace(/^"(.*)"$/u, '$1'));
  const absolute = entries.filter((entry) => (windows ? /^[A-Za-z]:[\\/]|^\\\\[^\\]/u.test(entry) : entry.startsWith('/')));
  const names = windows
    ? (search.pathExt ?? '.EXE;.COM')
        .split(';')
        .map((ext) => ext.trim().toLowerCase())
        .filter((ext) => ext === '.exe' || ext === '.com')
        .map((ext) => `${search.name}${ext}`)
    : [search.name];
  return absolute.flatMap((entry) => names.map((name) => `${entry.replace(/[\\/]+$/u, '')}${separator}${name}`));
}
