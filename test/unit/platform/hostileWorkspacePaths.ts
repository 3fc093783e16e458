// Values a repository's settings could give oncall.postMortem.template / .folder. `inside` is
// the workspace-relative result expected, or undefined when the value must be refused (reason
// is the part of the sentence that explains it).

export interface WorkspacePathCase {
  readonly value: string;
  readonly inside?: string;
  readonly reason?: RegExp;
}

export const WORKSPACE_PATH_CASES: readonly WorkspacePathCase[] = [
  { value: 'postmortems', inside: 'postmortems' },
  { value: 'docs/incidents/', inside: 'docs/incidents' },
  { value: './templates//pm.md', inside: 'templates/pm.md' },
  { value: 'docs\\pm.md', inside: 'docs/pm.md' },
  { value: 'a..b/c...md', inside: 'a..b/c...md' },
  { value: '/home/me/.kube/config', reason: /is absolute/ },
  { value: '\\\\server\\share\\x', reason: /is absolute/ },
  { value: '\\Windows\\win.ini', reason: /is absolute/ },
  { value: 'C:\\Users\\me\\.kube\\config', reason: /drive or a URI scheme/ },
  { value: 'c:config', reason: /drive or a URI scheme/ },
  { value: 'file:///etc/passwd', reason: /drive or a URI scheme/ },
  { value: '~/.kube/config', reason: /home folder/ },
  { value: '~root/.ssh/id_rsa', reason: /home folder/ },
  { value: '../../.kube/config', reason: /goes up with \.\./ },
  { value: 'docs/../../secret', reason: /goes up with \.\./ },
  { value: 'docs\\..\\..\\secret', reason: /goes up with \.\./ },
  { value: 'docs/..\\..\\x', reason: /goes up with \.\./ },
  { value: 'docs/.. /x', reason: /goes up with dots/ },
  { value: 'docs/.../x', reason: /goes up with dots/ },
  { value: '.', reason: /workspace folder itself/ },
  { value: 'pm\n.md', reason: /control characters/ },
  { value: 'pm\u0000.md', reason: /control characters/ },
];
