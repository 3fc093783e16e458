// How a runbook step's text is handed to an interactive shell so that it arrives as ONE
// input, exactly as written.
//
// VS Code's Terminal.sendText writes multi-line text line by line (as if typed). A shell
// then runs the first line before it has read the rest, so an interactive command such as
// `kubectl exec -it pod -- sh` would swallow the following lines as its own stdin. Wrapping
// the text in bracketed paste (ESC[200~ ... ESC[201~) makes readline (bash >= 4.4, zsh >= 5.1)
// take it as one paste, and the final Enter runs it as one command line: heredocs,
// continuations and multi-line quotes included. This is what VS Code itself does for "Run
// Selected Text In Active Terminal". The terminals that receive it are created by the
// extension with bash, where bracketed paste is on by default since 5.1.

import { findHiddenCharacter, nameHiddenCharacter } from './hiddenCharacters';

const PASTE_START = '\x1b[200~';
const PASTE_END = '\x1b[201~';

/** Removes trailing blank lines and trailing spaces at the very end; everything else is kept. */
export function trimStepText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(/\s+$/u, '');
}

/**
 * The text to send (followed by Enter) for a step. Single lines are sent as they are, so
 * shell integration can also run them with `executeCommand`; multi-line text is wrapped in
 * bracketed paste, and so is a line holding a tab. Text holding a control character (ESC of a
 * paste-end sequence included) throws: the plan has refused it already, with a sentence.
 */
/** `multiLine`: sent as one bracketed paste (several lines, or a tab) rather than typed. */
export function encodeTerminalInput(text: string): { text: string; multiLine: boolean } {
  // The plan refuses such text with a sentence; this is the last gate before the terminal. The
  // plan's text has its line ends normalised already, so any CR here is refused.
  const hidden = findHiddenCharacter(text);
  if (hidden !== undefined) throw new Error(`Refusing to type ${nameHiddenCharacter(hidden.codePoint)} into a terminal.`);
  const trimmed = trimStepText(text).split(PASTE_END).join('').split(PASTE_START).join('');
  // Typed, a tab asks readline for completion, which can add text; pasted, it is a tab.
  if (!trimmed.includes('\n') && !trimmed.includes('\t')) return { text: trimmed, multiLine: false };
  return { text: `${PASTE_START}${trimmed}${PASTE_END}`, multiLine: true };
}
