// Chat commands written into shell blocks: `/slack create-channel …`, `/pd trigger`,
// `/statuspage update …`. bash answers "No such file or directory" and the risk check reads
// them as commands, so such lines are left out of Run (Copy keeps them).
//
// Only a whole line that is one top-level command is left out: the command boundaries come
// from the shell lexer, so a `/word` line inside a heredoc, a multi-line quote, a `\`
// continuation, a `&&`/`|` chain or a compound (`if…fi`) is part of another command and stays.
// A line that stands alone between newlines is a complete command in bash, so blanking it
// cannot change what the lines around it mean.

import { splitBlockCommands } from './blockCommands';

/** Chat tools' slash commands teams write into runbooks; any of these is a chat command. */
const KNOWN_CHAT_COMMANDS = new Set([
  'slack', 'pd', 'pagerduty', 'statuspage', 'incident', 'inc', 'jira', 'opsgenie', 'genie', 'zoom', 'meet',
  'remind', 'firehydrant', 'fh', 'rootly', 'incidentio', 'oncall', 'page', 'ack', 'resolve', 'escalate',
  'teams', 'msteams', 'giphy', 'topic', 'invite', 'status', 'declare', 'sev', 'who', 'github',
]);

/**
 * Top-level folders of Unix systems: `/opt/app/run` or even `/opt` alone is a path. Known
 * without I/O: core never looks at the disk, and the disk that matters is the terminal's.
 */
const SYSTEM_FOLDERS = new Set([
  'usr', 'bin', 'sbin', 'opt', 'etc', 'tmp', 'var', 'home', 'root', 'dev', 'proc', 'sys', 'lib', 'lib32', 'lib64',
  'mnt', 'media', 'srv', 'run', 'boot', 'snap', 'nix', 'app', 'apps', 'data', 'workspace', 'workspaces',
  'Applications', 'Users', 'Library', 'System', 'Volumes', 'private',
]);

/** `/word` at the start of a line, then the end of the line or a space. */
const SLASH_WORD = /^\/([A-Za-z][\w-]*)(?=\s|$)/;

/** A chat command line: a known chat command, or a `/word` that is not a system folder (see file notes). */
export function isChatCommandLine(line: string): boolean {
  const text = line.trim();
  const match = SLASH_WORD.exec(text);
  if (match === null) return false;
  const word = match[1]!;
  if (KNOWN_CHAT_COMMANDS.has(word.toLowerCase())) return true;
  return !SYSTEM_FOLDERS.has(word);
}

export interface ChatCommandLine {
  /** 0-based line of the block's text. */
  readonly line: number;
  /** Column where the command starts on that line. */
  readonly column: number;
  readonly text: string;
}

/** The lines of shell `text` that are chat commands standing alone as commands (see file notes). */
export function findChatCommandLines(text: string): ChatCommandLine[] {
  if (!/^[ \t]*\/[A-Za-z]/m.test(text)) return [];
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const found: ChatCommandLine[] = [];
  for (const command of splitBlockCommands(text)) {
    if (command.startLine !== command.endLine || command.shape !== 'simple') continue;
    const line = lines[command.startLine]!;
    // Alone on its line: `/slack x; rm y` runs as written (bash fails on the first part).
    if (line.trim() !== command.text.trim() || !isChatCommandLine(command.text)) continue;
    found.push({ line: command.startLine, column: line.indexOf(command.text), text: command.text });
  }
  return found;
}

/** `text` with the given lines blanked: line numbers stay, what remains means what it did. */
export function blankLines(text: string, lines: readonly number[]): string {
  if (lines.length === 0) return text;
  const blank = new Set(lines);
  return text
    .split('\n')
    .map((line, index) => (blank.has(index) ? '' : line))
    .join('\n');
}

/** One sentence for the confirmation naming the lines Run leaves out, or undefined when none. */
export function describeLeftOutLines(leftOut: readonly { line: number; text: string }[] | undefined): string | undefined {
  if (leftOut === undefined || leftOut.length === 0) return undefined;
  const lines = leftOut.map((left) => `line ${left.line + 1} (${left.text.length > 60 ? `${left.text.slice(0, 59)}…` : left.text})`);
  return `Left out, chat command${leftOut.length === 1 ? '' : 's'} not shell (copy ${leftOut.length === 1 ? 'it' : 'them'} into your chat tool): ${lines.join(', ')}.`;
}
