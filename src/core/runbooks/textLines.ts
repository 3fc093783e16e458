// Line bookkeeping for a runbook's text. Line breaks are `\r\n`, `\r` and `\n`, the same set
// VS Code and markdown-it recognise, so line numbers agree with the editor.

/** Replaces `\r\n` and lone `\r` by `\n`; columns stay the same because only line ends change. */
export function normaliseLineEnds(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
}

/**
 * Offsets where each line starts in `\n`-only text. There is always one more line than there
 * are line breaks, as in an editor: `"a\n"` has two lines, the second empty.
 */
export function indexLineStarts(text: string): number[] {
  const starts = [0];
  let at = text.indexOf('\n');
  while (at >= 0) {
    starts.push(at + 1);
    at = text.indexOf('\n', at + 1);
  }
  return starts;
}

/** The 0-based line holding `offset` (binary search over `indexLineStarts`). */
export function findLineOfOffset(lineStarts: readonly number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (lineStarts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return low;
}

/** Text of one line without its line break. */
export function readLine(text: string, lineStarts: readonly number[], line: number): string {
  const start = lineStarts[line];
  const end = line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length;
  return text.slice(start, end);
}
