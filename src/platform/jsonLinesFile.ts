import { appendFile, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Appends one line to an append-only JSON-lines file, creating its folder. A crash mid-write
 * leaves a last line without its newline; the next line must not be glued onto it, or that
 * line would be unreadable too, so such a tail is ended first. Each append opens and closes
 * the file: what was appended survives a crash of the extension host.
 */
export async function appendJsonLine(path: string, line: string, tailChecked = false): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const prefix = tailChecked || (await endsWithNewline(path)) ? '' : '\n';
  await appendFile(path, prefix + line, 'utf8');
}

/** True when the file is missing, empty, or ends with a newline. */
async function endsWithNewline(path: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return true;
  }
  try {
    const { size } = await handle.stat();
    if (size === 0) return true;
    const last = Buffer.alloc(1);
    await handle.read(last, 0, 1, size - 1);
    return last[0] === 0x0a;
  } finally {
    await handle.close();
  }
}
