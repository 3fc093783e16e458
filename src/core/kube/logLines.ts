// Container log text as it streams in: cut into lines across chunk boundaries, capped to what
// an editor holds comfortably (the newest lines win: a crash is explained at the end), and
// filtered after a follow stream is resumed so that no line shows twice. Pure.
//
// Logs are always asked for with `timestamps=true`: each line starts with the kubelet's
// RFC 3339 time (nanoseconds, trailing zeros trimmed), which is what a resumed stream is
// matched by. `sinceTime` only has second precision, so a resumed stream repeats the lines of
// the last second: they are dropped by content.

/** Cuts streamed text into complete lines; keeps a partial last line for the next chunk. */
export class LineSplitter {
  private partial = '';

  /** The lines completed by this chunk, without their newlines. */
  push(chunk: string): string[] {
    const text = this.partial + chunk;
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    return lines.map(stripCarriageReturn);
  }

  /** Forgets a partial line (a dropped stream sends it again whole when resumed). */
  discard(): void {
    this.partial = '';
  }

  /** At the end of a stream: the last line, when it had no newline. */
  end(): string[] {
    const rest = this.partial;
    this.partial = '';
    return rest === '' ? [] : [stripCarriageReturn(rest)];
  }
}

function stripCarriageReturn(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2}) /;

/** A line's timestamp as a sortable key (`<epoch seconds>.<nanoseconds, 9 digits>`), or undefined. */
export function lineTimeKey(line: string): string | undefined {
  const match = TIMESTAMP.exec(line);
  if (!match) return undefined;
  const seconds = Date.parse(`${match[1]}${match[3]}`) / 1000;
  if (Number.isNaN(seconds)) return undefined;
  return `${String(seconds).padStart(12, '0')}.${(match[2] ?? '').padEnd(9, '0')}`;
}

/** The `sinceTime` to resume from: the last line's second (the API drops sub-second precision). */
function secondOf(line: string): string | undefined {
  const match = TIMESTAMP.exec(line);
  if (!match) return undefined;
  return new Date(Date.parse(`${match[1]}${match[3]}`)).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Remembers where a stream got to, and after a resume drops what was already seen: lines older
 * than the last one seen, and the lines of that last instant already shown (a multiset, so a
 * line legitimately logged twice in one instant still shows twice).
 */
export class ResumePoint {
  private lastKey: string | undefined;
  private lastLine: string | undefined;
  private atLastKey: string[] = [];
  private replaying: string[] | undefined;

  /** True when the line is new and should be shown. */
  accept(line: string): boolean {
    const key = lineTimeKey(line);
    if (this.replaying !== undefined && key !== undefined && this.lastKey !== undefined) {
      if (key < this.lastKey) return false;
      if (key === this.lastKey) {
        const index = this.replaying.indexOf(line);
        if (index >= 0) {
          this.replaying.splice(index, 1);
          return false;
        }
      } else {
        this.replaying = undefined;
      }
    }
    if (key === undefined) return true;
    if (key !== this.lastKey) this.atLastKey = [];
    this.lastKey = key;
    this.lastLine = line;
    this.atLastKey.push(line);
    return true;
  }

  /** Starts a resume: returns the sinceTime to ask for, or undefined when nothing was seen yet. */
  resume(): string | undefined {
    if (this.lastLine === undefined) return undefined;
    this.replaying = [...this.atLastKey];
    return secondOf(this.lastLine);
  }
}

/** What a capped document left out. */
export interface Dropped {
  readonly lines: number;
  readonly bytes: number;
}

/** The newest lines up to `maxBytes` (UTF-8), and a count of what was dropped to stay under it. */
export class CappedLines {
  private lines: string[] = [];
  private start = 0;
  private bytes = 0;
  private droppedLines = 0;
  private droppedBytes = 0;

  constructor(private readonly maxBytes: number) {}

  push(line: string): void {
    const size = byteLength(line) + 1;
    this.lines.push(line);
    this.bytes += size;
    while (this.bytes > this.maxBytes && this.start < this.lines.length - 1) {
      const dropped = byteLength(this.lines[this.start]) + 1;
      this.start++;
      this.bytes -= dropped;
      this.droppedLines++;
      this.droppedBytes += dropped;
    }
    // Compacts now and then rather than shifting on every drop.
    if (this.start > 4096 && this.start * 2 > this.lines.length) {
      this.lines = this.lines.slice(this.start);
      this.start = 0;
    }
  }

  get lineCount(): number {
    return this.lines.length - this.start;
  }

  get dropped(): Dropped {
    return { lines: this.droppedLines, bytes: this.droppedBytes };
  }

  text(): string {
    return this.lineCount === 0 ? '' : `${this.lines.slice(this.start).join('\n')}\n`;
  }
}

/** UTF-8 length without allocating: the cap is checked on every line of a 100 MB stream. */
function byteLength(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0x80) bytes += code >= 0x800 && (code < 0xd800 || code > 0xdfff) ? 2 : 1;
  }
  return bytes;
}

/** "2.0 MB", "512 KB", "310 bytes". */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}

/** The note above a capped log. */
export function describeDropped(dropped: Dropped, maxBytes: number): string | undefined {
  if (dropped.lines === 0) return undefined;
  const lines = `${groupThousands(dropped.lines)} line${dropped.lines === 1 ? '' : 's'}`;
  return `Only the newest ${formatBytes(maxBytes)} are shown: ${lines} (${formatBytes(dropped.bytes)}) before them were left out. The kubectl command above reads the whole log.`;
}

/** "812,345": the same in every locale. */
function groupThousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+$)/g, ',');
}
