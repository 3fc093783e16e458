// The end of what a step printed, as a post-mortem or a summary shows it. The stored output
// file is written by the extension, but it lives on disk where anyone can edit it, so it is
// read as untrusted: it may not be UTF-8, may hold control characters or secrets the capture
// missed, and may hold lines that would end a Markdown code fence or a `<details>` block.

import type { StepOutputRef } from '../execution/executionJournal';
import { redactSecrets } from '../execution/secretRedaction';
import { formatBytes } from '../kube/logLines';

/** How many of the last lines a post-mortem shows for each step. */
export const EXCERPT_LINES = 20;

/**
 * A stored output larger than this was not written by the capture (which keeps two 64 KB ends
 * and a marker): it is not read at all.
 */
export const MAX_STORED_OUTPUT_BYTES = 1024 * 1024;

/** One line of an excerpt is cut at this many characters (a minified bundle is one line). */
const MAX_LINE_CHARS = 500;

export type StepOutputExcerpt =
  | {
      readonly kind: 'lines';
      /** The last lines, cleaned and masked; empty when the step printed nothing. */
      readonly lines: readonly string[];
      /** Lines in the stored file. */
      readonly totalLines: number;
      readonly ref: StepOutputRef;
    }
  | { readonly kind: 'unavailable'; readonly reason: string };

/** Why an output cannot be shown, in the words of the post-mortem: `Output not available: <reason>.` */
export function unavailableOutput(reason: string): StepOutputExcerpt {
  return { kind: 'unavailable', reason };
}

/**
 * The last `count` lines of a stored output file's bytes. Bytes that are not UTF-8 make the
 * output unavailable rather than shown garbled; control characters (a stray escape sequence,
 * a NUL) are dropped, secrets masked again, and very long lines cut.
 */
export function excerptStoredOutput(bytes: Uint8Array, ref: StepOutputRef, count = EXCERPT_LINES): StepOutputExcerpt {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return unavailableOutput('the stored file is not valid UTF-8');
  }
  // Masked whole before it is cut into lines: a secret spread over lines (a key block) is masked as one.
  const lines = redactSecrets(removeControls(text)).split('\n');
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  const last = lines.slice(-count).map((line) => (line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}… (${line.length - MAX_LINE_CHARS} more characters)` : line));
  return { kind: 'lines', lines: last, totalLines: lines.length, ref };
}

/** Line breaks made `\n`, escape sequences and other control characters (tab aside) dropped. */
function removeControls(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '')
      // Directional overrides reorder what a reviewer sees (a command shown other than it ran).
      .replace(/[\u202a-\u202e\u2066-\u2069]/g, '')
  );
}

/** `last 20 of 143 lines · 1.2 MB left out in the middle`: what the excerpt is a part of. */
function describeExcerpt(excerpt: Extract<StepOutputExcerpt, { kind: 'lines' }>): string {
  const parts = [excerpt.totalLines > excerpt.lines.length ? `last ${excerpt.lines.length} of ${excerpt.totalLines} lines` : `${excerpt.lines.length} line${excerpt.lines.length === 1 ? '' : 's'}`];
  if (excerpt.ref.omittedBytes > 0) parts.push(`${formatBytes(excerpt.ref.omittedBytes)} of ${formatBytes(excerpt.ref.printedBytes)} left out in the middle`);
  if (excerpt.ref.overBudget) parts.push("capture stopped early: the incident's output budget ran out");
  return parts.join(' · ');
}

/** A backtick fence longer than any run of backticks in `lines`, so no line can close it. */
function fenceFor(lines: readonly string[]): string {
  const longest = Math.max(0, ...lines.flatMap((line) => (line.match(/`+/g) ?? []).map((run) => run.length)));
  return '`'.repeat(Math.max(3, longest + 1));
}

/**
 * The excerpt as Markdown lines, each starting with `indent` (to stay inside a list item):
 * a collapsed `<details>` holding a fenced block, or one sentence when there is nothing to
 * show. Inside the fence, HTML and `</details>` are inert text; the fence is longer than any
 * backtick run, so no line of output can end it.
 */
export function renderOutputDetails(excerpt: StepOutputExcerpt, indent = ''): string[] {
  if (excerpt.kind === 'unavailable') return [`${indent}_Output not available: ${excerpt.reason}._`];
  if (excerpt.lines.length === 0) return [`${indent}_The step printed nothing${excerpt.ref.overBudget ? " that was kept (the incident's output budget had run out)" : ''}._`];
  const fence = fenceFor(excerpt.lines);
  return [
    `${indent}<details><summary>Output (${describeExcerpt(excerpt)})</summary>`,
    '',
    `${indent}${fence}text`,
    ...excerpt.lines.map((line) => `${indent}${line}`),
    `${indent}${fence}`,
    '',
    `${indent}</details>`,
  ];
}

/** The excerpt as plain text (a chat message, the clipboard): the lines, or why there are none. */
export function renderOutputPlain(excerpt: StepOutputExcerpt): string {
  if (excerpt.kind === 'unavailable') return `(output not available: ${excerpt.reason})`;
  if (excerpt.lines.length === 0) return '(printed nothing)';
  return excerpt.lines.join('\n');
}
