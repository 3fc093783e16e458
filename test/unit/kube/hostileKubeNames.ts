// Context, cluster, user and namespace names as a crafted kubeconfig could hold them. The
// status bar hover is trusted Markdown with command links: each must read as plain text.

export const HOSTILE_KUBE_NAMES: readonly { readonly why: string; readonly name: string }[] = [
  { why: 'a command link', name: 'prod](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22rm%20-rf%20~%5Cn%22%7D) [x' },
  { why: 'a backtick that closes the code span, then a link', name: 'dev` [Run](command:oncall.runbooks.runStep) `' },
  { why: 'a double backtick run', name: 'a``[x](command:y)``b' },
  { why: 'an image that calls home', name: '![pixel](https://evil.example/p.png)' },
  { why: 'an autolink', name: '<command:oncall.kube.switchContext>' },
  { why: 'raw HTML', name: '<img src=x onerror=alert(1)>' },
  { why: 'a reference link', name: '[x][1]\n\n[1]: command:workbench.action.reloadWindow' },
  { why: 'a new paragraph with a heading', name: 'staging\n\n# Protected: no' },
  { why: 'CR and Unicode line separators', name: 'a\rb\u2028c\u2029d' },
  { why: 'a theme icon', name: '$(shield) prod' },
  { why: 'bidi overrides that reorder what is shown', name: 'prod\u202e-ged\u202c' },
  { why: 'zero-width characters', name: 'pro\u200bd' },
  { why: 'leading and trailing backticks and spaces', name: '` spaced `' },
  { why: 'emphasis and entities', name: '**bold** &amp; _it_' },
  { why: 'an EKS ARN', name: 'arn:aws:eks:eu-west-1:123456789012:cluster/prod' },
];
