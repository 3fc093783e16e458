// Path settings as people write them, with what they must expand to (or why they cannot).
// Environment for every row: HOME=/home/sre, KUBE_DIR=/srv/kube, EMPTY='' , TEAM unset.

export interface SettingPathCase {
  readonly written: string;
  /** The expanded path, or undefined when it must be refused. */
  readonly path?: string;
  /** A fragment of the refusal sentence. */
  readonly error?: string;
  readonly why: string;
  readonly windows?: boolean;
}

export const SETTING_PATH_ENV = { home: '/home/sre', env: { KUBE_DIR: '/srv/kube', EMPTY: '', HOME: '/home/sre' } };
export const WINDOWS_PATH_ENV = { home: 'C:\\Users\\sre', env: { USERPROFILE: 'C:\\Users\\sre', KUBE_DIR: 'D:\\kube' }, separator: '\\' as const };

export const SETTING_PATH_CASES: readonly SettingPathCase[] = [
  { written: '~/.kube/staging', path: '/home/sre/.kube/staging', why: 'the home folder' },
  { written: '  ~/.kube/staging  ', path: '/home/sre/.kube/staging', why: 'surrounding blanks from a pasted value' },
  { written: '~', path: '/home/sre', why: 'the home folder alone' },
  { written: '${env:KUBE_DIR}/prod.yaml', path: '/srv/kube/prod.yaml', why: 'an environment variable' },
  { written: '${userHome}/.kube/config', path: '/home/sre/.kube/config', why: "VS Code's userHome variable" },
  { written: '${env:HOME}/.kube/${env:KUBE_DIR}', path: '/home/sre/.kube//srv/kube', why: 'two variables, each expanded once' },
  { written: '/etc/kube/config', path: '/etc/kube/config', why: 'an absolute path is kept' },
  { written: 'configs/kube.yaml', path: 'configs/kube.yaml', why: 'a relative path is kept for its caller to resolve' },
  { written: '/data/~/x', path: '/data/~/x', why: 'a ~ that does not start the path is a plain character' },
  { written: '${env:TEAM}/config', error: '${env:TEAM}, which is not set', why: 'an unset variable must not turn into /config' },
  { written: '${env:EMPTY}/config', error: '${env:EMPTY}, which is not set', why: 'an empty variable is as bad as an unset one' },
  { written: '${workspaceFolder}/kubeconfig', error: 'not a variable a path setting can use', why: 'an unknown variable is refused, not kept literally' },
  { written: '~root/.kube/config', error: "another user's home", why: '~user is not expanded by Node or VS Code' },
  { written: '~\\.kube\\config', path: 'C:\\Users\\sre\\.kube\\config', why: 'Windows home with backslashes', windows: true },
  { written: '${env:KUBE_DIR}\\prod', path: 'D:\\kube\\prod', why: 'a Windows variable', windows: true },
];
