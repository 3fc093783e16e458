// The status bar's hover for the kube target. It is a trusted Markdown string (its command
// links must work), while every name in it comes from a kubeconfig, which a repository or a
// cluster admin may have written: each is escaped so it reads as the name it is and can never
// become a link, an image, HTML, a heading or a theme icon.

export interface KubeTargetDescription {
  readonly context: string;
  readonly namespace: string;
  readonly cluster: string;
  readonly server: string;
  readonly user: string;
  readonly source: string;
  readonly protected: boolean;
}

export interface TooltipCommands {
  readonly switchContext: string;
  readonly switchNamespace: string;
}

const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu;

/**
 * A code span showing `text` literally. Nothing inside a code span is markup, so the only way
 * out is a backtick run as long as the fence: the fence is one longer than the longest run
 * in the text. Invisible characters are shown as `\u{…}` (a line break would otherwise end the
 * span's paragraph).
 */
export function markdownCodeSpan(text: string): string {
  const visible = text.replace(INVISIBLE, (char) => `\\u{${char.codePointAt(0)!.toString(16)}}`);
  const longestRun = Math.max(0, ...(visible.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  // CommonMark strips one space at each end when both are there: pad when the text starts or
  // ends with a backtick or a space, so the text comes out exactly.
  const pad = /^[` ]|[` ]$/u.test(visible) ? ' ' : '';
  return visible === '' ? '`(empty)`' : `${fence}${pad}${visible}${pad}${fence}`;
}

/** The hover Markdown: where steps run, what the context points at, and the two switch links. */
export function renderKubeTargetTooltip(target: KubeTargetDescription, commands: TooltipCommands): string {
  const name = markdownCodeSpan;
  return [
    `Runbook steps run in ${name(target.context)}, namespace ${name(target.namespace)}\n\n`,
    `Cluster ${name(target.cluster)} at ${name(target.server)}  \nUser ${target.user ? name(target.user) : '(none)'}  \nFrom ${name(target.source)}\n\n`,
    target.protected ? '🛡 Protected context: destructive steps need the context name typed.\n\n' : '',
    `[Switch context](command:${commands.switchContext}) · [Switch namespace](command:${commands.switchNamespace})`,
  ].join('');
}
