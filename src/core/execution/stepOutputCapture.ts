// What a step printed, as it is kept beside the journal (see StepOutputRef): stripped of
// escape sequences, carriage-return redraws collapsed, bounded to its first and last 64 KB
// with one marker line between, secrets masked, valid UTF-8. Chunks are processed as they
// come and not held: memory stays the same for 1 KB or 1 GB of output.

import { EscapeSequenceStripper } from './escapeSequenceStripper';
import { LineRedrawCollapser } from './lineRedraws';
import { HeadTailBuffer } from './outputHeadTail';
import { redactSecrets } from './secretRedaction';

/** The most a step keeps of the start and of the end of its output. */
export const OUTPUT_HEAD_BYTES = 64 * 1024;
export const OUTPUT_TAIL_BYTES = 64 * 1024;

export interface CapturedOutput {
  /** The text to store. */
  readonly text: string;
  /** Bytes printed after stripping, kept and left out together. */
  readonly printedBytes: number;
  /** Bytes left out between head and tail. */
  readonly omittedBytes: number;
}

/** The marker line between the kept head and tail. */
export function omittedMarker(bytes: number): string {
  return `… ${bytes} bytes left out …`;
}

export class StepOutputCapture {
  private readonly stripper = new EscapeSequenceStripper();
  private readonly redraws = new LineRedrawCollapser();
  private readonly buffer: HeadTailBuffer;

  constructor(
    headBytes = OUTPUT_HEAD_BYTES,
    private readonly tailBytes = OUTPUT_TAIL_BYTES,
  ) {
    this.buffer = new HeadTailBuffer(headBytes, tailBytes);
  }

  /** Bytes printed so far, after stripping. */
  get printedBytes(): number {
    return this.buffer.printedBytes;
  }

  write(chunk: string): void {
    let text = this.stripper.push(chunk);
    if (text === '') return;
    if (this.buffer.headFull && text.length > 3 * this.tailBytes) {
      // Lines well over a tail's worth before the chunk's end cannot be kept: only their size counts.
      const split = text.lastIndexOf('\n', text.length - 2 * this.tailBytes - 1);
      if (split > 0) {
        this.buffer.skip(this.redraws.count(text.slice(0, split + 1)));
        text = text.slice(split + 1);
      }
    }
    this.buffer.write(this.redraws.push(text));
  }

  /** The output as stored; call once, at the end. */
  finish(): CapturedOutput {
    const rest = this.stripper.end();
    this.buffer.write(this.redraws.push(rest));
    this.buffer.write(this.redraws.end());
    const { head, tail, printedBytes, omittedBytes } = this.buffer.result();
    if (omittedBytes === 0) return { text: redactSecrets(head + tail), printedBytes, omittedBytes };
    const maskedHead = redactSecrets(head);
    const text = `${maskedHead}${maskedHead === '' || maskedHead.endsWith('\n') ? '' : '\n'}${omittedMarker(omittedBytes)}\n${maskTailMidway(tail)}`;
    return { text, printedBytes, omittedBytes };
  }
}

const PEM_END = /^-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----$/m;

/**
 * Masks a tail that starts after left-out output: besides what redactSecrets finds, the body of
 * a private key whose BEGIN line was left out (the tail starts inside it) is masked up to its END.
 */
function maskTailMidway(tail: string): string {
  const end = PEM_END.exec(tail);
  const begin = tail.indexOf('-----BEGIN ');
  if (end === null || (begin >= 0 && begin < end.index)) return redactSecrets(tail);
  const body = end.index > 0 ? '***\n' : '';
  return body + redactSecrets(tail.slice(end.index));
}

/**
 * The stored text cut to `bytes` of UTF-8 when longer (the incident's output budget ran out):
 * at a line end when one is near, never inside a character.
 */
export function fitToBytes(text: string, bytes: number): { readonly text: string; readonly cut: boolean } {
  const encoded = Buffer.from(text, 'utf8');
  if (encoded.length <= bytes) return { text, cut: false };
  let end = Math.max(0, bytes);
  while (end > 0 && (encoded[end] & 0xc0) === 0x80) end--;
  const lineEnd = end > 0 ? encoded.lastIndexOf(0x0a, end - 1) : -1;
  if (lineEnd >= 0 && lineEnd >= end - 4096) end = lineEnd + 1;
  return { text: encoded.toString('utf8', 0, end), cut: true };
}
