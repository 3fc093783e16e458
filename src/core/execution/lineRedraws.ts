// A carriage return not followed by a line feed sends the cursor back to the start of the
// line: progress bars and spinners redraw one line that way, sometimes 100,000 times. Kept as
// printed, that would be 100,000 lines of output; as a person saw it, it is the last one.
// Streaming: the line being drawn is held until its line feed comes (or it grows past a
// bound, then it is committed as it stands), so a redraw split across chunks still collapses.
// Backspaces are applied here too, for the same reason.

/** A line drawn longer than this (code units) is committed without waiting for its end. */
const MAX_PENDING = 16_384;

/** From a line's start to its last carriage return (once `\r\n` endings are gone, every `\r` is a redraw). */
const REDRAWN = /^[^\n]*\r/gm;
const CR_BEFORE_LF = /\r+\n/g;

export class LineRedrawCollapser {
  /** The line being drawn: text after the last line feed. */
  private pending = '';

  /** The lines completed by `text`, as they finally read, with `\n` endings. */
  push(text: string): string {
    if (text === '') return '';
    let all = this.pending === '' ? text : this.pending + text;
    if (all.includes('\b')) all = applyBackspaces(all);
    const lastLineEnd = all.lastIndexOf('\n');
    let rest = lastLineEnd < 0 ? all : all.slice(lastLineEnd + 1);
    const complete = lastLineEnd < 0 ? '' : collapseLines(all.slice(0, lastLineEnd + 1));
    rest = visiblePart(rest);
    if (rest.length > MAX_PENDING) {
      this.pending = '';
      return complete + rest.replace(/\r+$/, '');
    }
    this.pending = rest;
    return complete;
  }

  /**
   * The UTF-8 size of what `lines` (ending with a line feed) completes, as `push` would return
   * it, without building that text when its only carriage returns end lines: the middle of a
   * long output is counted, not kept.
   */
  count(lines: string): number {
    const firstEnd = lines.indexOf('\n');
    let bytes = Buffer.byteLength(this.push(lines.slice(0, firstEnd + 1)), 'utf8');
    const rest = lines.slice(firstEnd + 1);
    const returns = lineEndReturns(rest);
    bytes += returns < 0 ? Buffer.byteLength(this.push(rest), 'utf8') : Buffer.byteLength(rest, 'utf8') - returns;
    return bytes;
  }

  /** The line still being drawn when the output ended. */
  end(): string {
    const last = this.pending.replace(/\r+$/, '');
    this.pending = '';
    return last;
  }
}

/** Complete lines without what was drawn over and without `\r` before `\n`. */
function collapseLines(lines: string): string {
  if (!lines.includes('\r')) return lines;
  // The common case first (a terminal ends every line with `\r\n`): one native pass.
  let text = lines.replaceAll('\r\n', '\n');
  if (!text.includes('\r')) return text;
  text = text.replace(CR_BEFORE_LF, '\n');
  return text.includes('\r') ? text.replace(REDRAWN, '') : text;
}

/**
 * The part of an unfinished line still visible: after its last carriage return, unless that
 * return ends the text (it may be the first half of `\r\n`), which is kept.
 */
function visiblePart(line: string): string {
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === 0x0d) end--;
  const redraw = line.lastIndexOf('\r', end - 1);
  if (redraw < 0 || end === 0) return line;
  return line.slice(redraw + 1);
}

/**
 * A backspace takes back the character before it on the same line (a spinner's `|\b/\b-`);
 * one at a line start has nothing to take. Linear: each backspace shortens the last piece.
 */
function applyBackspaces(text: string): string {
  const pieces: string[] = [];
  let from = 0;
  for (let at = text.indexOf('\b'); at >= 0; at = text.indexOf('\b', from)) {
    if (at > from) pieces.push(text.slice(from, at));
    from = at + 1;
    const last = pieces.length - 1;
    if (last < 0) continue;
    const piece = pieces[last];
    const end = piece.charCodeAt(piece.length - 1);
    if (end === 0x0a) continue;
    const width = end >= 0xdc00 && end <= 0xdfff && piece.length > 1 ? 2 : 1;
    if (piece.length === width) pieces.pop();
    else pieces[last] = piece.slice(0, -width);
  }
  pieces.push(text.slice(from));
  return pieces.join('');
}

/** How many `\r` the text holds, all right before a `\n`; -1 when one redraws a line or a backspace is there. */
function lineEndReturns(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\r'); at >= 0; at = text.indexOf('\r', at + 1)) {
    if (text.charCodeAt(at + 1) !== 0x0a) return -1;
    count++;
  }
  return text.includes('\b') ? -1 : count;
}
