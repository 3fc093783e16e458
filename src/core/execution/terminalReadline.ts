// Readline settings for the extension's own terminals. Steps arrive as one bracketed paste;
// bash >= 5.1 then highlights the pasted text ("active region") and redraws it when Enter
// is pressed, which the VS Code terminal renders as a garbled double copy of multi-line
// blocks. Turning only that highlight off keeps the echoed block readable. The user's own
// readline files are included first, so their key bindings and settings still apply.

export interface ReadlineFiles {
  /** The user's INPUTRC, or ~/.inputrc, when it exists. */
  readonly user?: string;
  /** /etc/inputrc, when it exists. */
  readonly system?: string;
}

export function renderInputrc(files: ReadlineFiles): string {
  const lines = ['# On-Call step terminals: your readline settings, without the highlight of pasted text.'];
  // Like readline itself: the user's file when there is one, else the system file.
  if (files.user) lines.push(`$include ${files.user}`);
  else if (files.system) lines.push(`$include ${files.system}`);
  lines.push('set enable-active-region off', '');
  return lines.join('\n');
}
