// Keeps the first and the last bytes of an output of any length in fixed memory: the head
// fills once, the tail is a window over the most recent bytes. Both are held as UTF-8 bytes
// (copies, so no slice of a large chunk keeps the chunk alive) and are cut only at the start
// of a character; where something was left out they are cut at a line start, so every kept
// line is whole (masking works on whole lines).

export interface HeadTailText {
  /** The kept start of the output. */
  readonly head: string;
  /** The kept end of the output; empty when the head holds everything. */
  readonly tail: string;
  /** UTF-8 bytes written in all. */
  readonly printedBytes: number;
  /** Bytes between head and tail that were not kept; 0 when everything was. */
  readonly omittedBytes: number;
}

/** How far back from the head's end a line start is looked for. */
const LINE_SEARCH_BYTES = 16 * 1024;

export class HeadTailBuffer {
  private readonly head: Buffer;
  private headLength = 0;
  private headClosed = false;
  /** Twice the tail's size, so the window moves by copying once per tail's worth of output. */
  private readonly tail: Buffer;
  private tailLength = 0;
  private printed = 0;

  constructor(
    private readonly headBytes = 64 * 1024,
    private readonly tailBytes = 64 * 1024,
  ) {
    this.head = Buffer.alloc(headBytes);
    this.tail = Buffer.alloc(tailBytes * 2);
  }

  get printedBytes(): number {
    return this.printed;
  }

  write(text: string): void {
    if (text === '') return;
    const bytes = Buffer.byteLength(text, 'utf8');
    this.printed += bytes;
    if (!this.headClosed) {
      if (this.headLength + bytes <= this.headBytes) {
        this.headLength += this.head.write(text, this.headLength, 'utf8');
        return;
      }
      text = this.closeHead(text);
    }
    this.appendTail(text);
  }

  get headFull(): boolean {
    return this.headClosed;
  }

  /**
   * Counts `bytes` written after the head is full that can never reach the kept tail (more
   * output follows them at once): they are left out without being copied.
   */
  skip(bytes: number): void {
    this.printed += bytes;
    this.tailLength = 0;
  }

  /** Fills the head to a line start (or a character start) and returns what goes on to the tail. */
  private closeHead(text: string): string {
    this.headClosed = true;
    const room = this.headBytes - this.headLength;
    // `room` code units encode to at least `room` bytes (or are all of the text).
    let units = Math.min(text.length, room + 1);
    if (isHighSurrogate(text.charCodeAt(units - 1))) units--;
    const piece = Buffer.from(text.slice(0, units), 'utf8');
    const pieceCut = piece.length > room ? characterStart(piece, room, 0) : piece.length;
    piece.copy(this.head, this.headLength, 0, pieceCut);
    const filled = this.headLength + pieceCut;
    // A line start near the end of the head, so the line that does not fit is kept whole in the tail.
    const lineEnd = filled > 0 ? this.head.lastIndexOf(0x0a, filled - 1) : -1;
    const kept = lineEnd >= 0 && lineEnd >= filled - LINE_SEARCH_BYTES ? lineEnd + 1 : filled;
    // What did not fit goes on as text: the head's bytes after the cut, the piece's after the room, the rest of the text.
    const moved = this.head.toString('utf8', kept, filled);
    const leftOfPiece = pieceCut < piece.length ? piece.toString('utf8', pieceCut) : '';
    this.headLength = kept;
    return moved + leftOfPiece + text.slice(units);
  }

  private appendTail(text: string): void {
    // Only the last `tailBytes` code units can reach the last `tailBytes` bytes.
    let from = Math.max(0, text.length - this.tailBytes);
    if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from++;
    const bytes = Buffer.from(from > 0 ? text.slice(from) : text, 'utf8');
    if (bytes.length >= this.tailBytes) {
      bytes.copy(this.tail, 0, bytes.length - this.tailBytes);
      this.tailLength = this.tailBytes;
      return;
    }
    if (this.tailLength + bytes.length > this.tail.length) {
      const keep = Math.min(this.tailLength, this.tailBytes);
      this.tail.copyWithin(0, this.tailLength - keep, this.tailLength);
      this.tailLength = keep;
    }
    bytes.copy(this.tail, this.tailLength);
    this.tailLength += bytes.length;
  }

  /** What was kept, decoded. */
  result(): HeadTailText {
    const head = this.head.toString('utf8', 0, this.headLength);
    const written = this.printed - this.headLength;
    let start = Math.max(0, this.tailLength - this.tailBytes);
    if (written > this.tailLength - start) {
      // Something was left out: the tail starts at a character, then at a line if it has one.
      start = characterStart(this.tail, start, 1);
      const lineStart = this.tail.indexOf(0x0a, start);
      if (lineStart >= 0 && lineStart + 1 < this.tailLength) start = lineStart + 1;
    }
    const tail = this.tail.toString('utf8', start, this.tailLength);
    return { head, tail, printedBytes: this.printed, omittedBytes: written - (this.tailLength - start) };
  }
}

/** The start of the character at or around `at` in UTF-8 `bytes`: moving back (-0) or forward (1). */
function characterStart(bytes: Buffer, at: number, direction: 0 | 1): number {
  let position = at;
  if (direction === 0) {
    while (position > 0 && (bytes[position] & 0xc0) === 0x80) position--;
    return position;
  }
  while (position < bytes.length && (bytes[position] & 0xc0) === 0x80) position++;
  return position;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
