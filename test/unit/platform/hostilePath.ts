// PATH values a user can have while a repository plants a `git` of its own. `candidates` are
// the absolute file names that may be tried, in order (WS stands for the workspace folder;
// entries inside it are dropped later, after symlinks are resolved).

export interface PathCase {
  readonly why: string;
  readonly platform: 'linux' | 'win32';
  readonly path: string;
  readonly pathExt?: string;
  readonly candidates: readonly string[];
}

export const PATH_CASES: readonly PathCase[] = [
  { why: 'an empty entry means the current folder', platform: 'linux', path: ':/usr/bin', candidates: ['/usr/bin/git'] },
  { why: 'a trailing colon means the current folder', platform: 'linux', path: '/usr/bin:', candidates: ['/usr/bin/git'] },
  { why: 'a dot entry', platform: 'linux', path: '.:/usr/local/bin:/usr/bin', candidates: ['/usr/local/bin/git', '/usr/bin/git'] },
  { why: 'relative entries resolve against the repository', platform: 'linux', path: 'node_modules/.bin:bin:./tools:../x:/usr/bin', candidates: ['/usr/bin/git'] },
  { why: 'a trailing slash', platform: 'linux', path: '/opt/git/bin/', candidates: ['/opt/git/bin/git'] },
  { why: 'Windows: git.exe beside the repository is found first by the system', platform: 'win32', path: '.;C:\\Program Files\\Git\\cmd', candidates: ['C:\\Program Files\\Git\\cmd\\git.exe', 'C:\\Program Files\\Git\\cmd\\git.com'] },
  { why: 'Windows: quoted entries and relative ones', platform: 'win32', path: '"C:\\Git\\cmd";tools;\\\\server\\share\\bin', pathExt: '.COM;.EXE;.BAT;.CMD', candidates: ['C:\\Git\\cmd\\git.com', 'C:\\Git\\cmd\\git.exe', '\\\\server\\share\\bin\\git.com', '\\\\server\\share\\bin\\git.exe'] },
  { why: 'Windows: a drive-relative entry', platform: 'win32', path: 'C:tools;C:/Git/bin', candidates: ['C:/Git/bin\\git.exe', 'C:/Git/bin\\git.com'] },
  { why: 'Windows: scripts are never candidates', platform: 'win32', path: 'C:\\bin', pathExt: '.BAT;.CMD;.PS1', candidates: [] },
];
