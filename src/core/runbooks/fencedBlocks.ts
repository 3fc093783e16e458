import type { StateBlock } from 'markdown-it';

// A replacement for markdown-it's `fence` block rule that recognises exactly the same fences
// (CommonMark: three or more backticks or tildes, indented less than four columns relative to
// the container, a backtick info string without backticks, closed by a run of the same marker
// at least as long) but also records what the stock rule throws away: whether a closing fence
// was found, and where each content line starts in the source. Steps need both: the editor
// places diagnostics and placeholder positions by line and column, and an unterminated fence
// must be reported, not silently run to the end of the file.

const BACKTICK = 0x60;
const TILDE = 0x7e;
const TAB = 0x09;
const SPACE = 0x20;

/** What `readFence` stores in `token.meta` of every `fence` token. */
export interface FenceDetails {
  readonly terminated: boolean;
  /** Column of the fence's first marker character on the opening line. */
  readonly fenceColumn: number;
  /** The content lines joined by `\n` (no trailing newline), container prefixes removed. */
  readonly content: string;
  /** Per content line, the source column where that line's content starts. */
  readonly contentColumns: readonly number[];
  /**
   * Per content line, spaces put in front of the content for a tab that the container's
   * indentation only partly consumed (CommonMark expands such tabs). Almost always 0.
   */
  readonly paddings: readonly number[];
}

function findPhysicalLineStart(src: string, offset: number): number {
  return offset === 0 ? 0 : src.lastIndexOf('\n', offset - 1) + 1;
}

/** The markdown-it block rule; register it with `ruler.at('fence', readFence, ...)`. */
export function readFence(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const src = state.src;
  let pos = state.bMarks[startLine] + state.tShift[startLine];
  const max = state.eMarks[startLine];

  // Indented four or more columns past the container: an indented code block, not a fence.
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  if (pos + 3 > max) return false;

  const marker = src.charCodeAt(pos);
  if (marker !== BACKTICK && marker !== TILDE) return false;

  const markerStart = pos;
  pos = state.skipChars(pos, marker);
  const markerLength = pos - markerStart;
  if (markerLength < 3) return false;

  const info = src.slice(pos, max);
  // A backtick in a backtick fence's info string makes the line inline code instead.
  if (marker === BACKTICK && info.indexOf('`') >= 0) return false;
  if (silent) return true;

  const { nextLine, terminated } = findClosingFence(state, startLine, endLine, marker, markerLength);
  const { lines, contentColumns, paddings } = readContentLines(state, startLine, nextLine);
  const lineCount = lines.length;

  state.line = nextLine + (terminated ? 1 : 0);

  const content = lines.join('\n');
  const token = state.push('fence', 'code', 0);
  token.info = info;
  token.content = lineCount > 0 ? content + '\n' : '';
  token.markup = src.slice(markerStart, markerStart + markerLength);
  token.map = [startLine, state.line];
  const details: FenceDetails = {
    terminated,
    fenceColumn: markerStart - findPhysicalLineStart(src, state.bMarks[startLine]),
    content,
    contentColumns,
    paddings,
  };
  token.meta = details;
  return true;
}

/** The line after the block's last content line, and whether a closing fence is there. */
function findClosingFence(
  state: StateBlock,
  startLine: number,
  endLine: number,
  marker: number,
  markerLength: number,
): { nextLine: number; terminated: boolean } {
  const src = state.src;
  let nextLine = startLine;
  for (;;) {
    nextLine++;
    // The block is closed by the end of its container (or the document) if no fence closes it.
    if (nextLine >= endLine) return { nextLine, terminated: false };

    let at = state.bMarks[nextLine] + state.tShift[nextLine];
    const lineEnd = state.eMarks[nextLine];
    // A non-blank line indented less than the container ends the container, and the block.
    if (at < lineEnd && state.sCount[nextLine] < state.blkIndent) return { nextLine, terminated: false };
    if (src.charCodeAt(at) !== marker) continue;
    if (state.sCount[nextLine] - state.blkIndent >= 4) continue;

    const runStart = at;
    at = state.skipChars(at, marker);
    if (at - runStart < markerLength) continue;
    at = state.skipSpaces(at);
    if (at < lineEnd) continue;

    return { nextLine, terminated: true };
  }
}

/** The content lines between the fences, with the opening fence's own indentation removed from each. */
function readContentLines(
  state: StateBlock,
  startLine: number,
  nextLine: number,
): { lines: string[]; contentColumns: number[]; paddings: number[] } {
  const src = state.src;
  const indent = state.sCount[startLine];
  const lineCount = nextLine - startLine - 1;
  const lines = new Array<string>(lineCount);
  const contentColumns = new Array<number>(lineCount);
  const paddings = new Array<number>(lineCount);
  for (let i = 0, line = startLine + 1; line < nextLine; line++, i++) {
    const lineStart = state.bMarks[line];
    const last = state.eMarks[line];
    let first = lineStart;
    let lineIndent = 0;
    while (first < last && lineIndent < indent) {
      const ch = src.charCodeAt(first);
      if (ch === TAB) lineIndent += 4 - ((lineIndent + state.bsCount[line]) % 4);
      else if (ch === SPACE || first - lineStart < state.tShift[line]) lineIndent++;
      else break;
      first++;
    }
    const padding = lineIndent > indent ? lineIndent - indent : 0;
    lines[i] = padding > 0 ? ' '.repeat(padding) + src.slice(first, last) : src.slice(first, last);
    contentColumns[i] = first - findPhysicalLineStart(src, lineStart);
    paddings[i] = padding;
  }
  return { lines, contentColumns, paddings };
}
