import { constants } from 'node:fs';
import { appendFile, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Appends one line to an append-only JSON-lines file, creating its folder. A crash mid-write
 * leaves a last line without its newline; the next line must not be glued onto it, or that
 * line would be unreadable too, so such a tail is ended first. The tail is checked on every
 * append: another window sharing the file may have torn it since this one last wrote. Each
 * append opens and closes the file: what was appended survives a crash of the extension host.
 * With `create: false` a missing file is an error (ENOENT), not a new file holding one line.
 */
export async function appendJsonLine(path: string, line: string, options: { readonly create?: boolean } = {}): Promise<void> {
  const create = options.create ?? true;
  if (create) await mkdir(dirname(path), { recursive: true });
  const prefix = (await endsWithNewline(path)) ? '' : '\n';
  await appendFile(path, prefix + line, { encoding: 'utf8', flag: create ? 'a' : constants.O_WRONLY | constants.O_APPEND });
}

/** Why a file could not be written, in words a user acts on. */
export function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reasons: Record<string, string> = {
    ENOSPC: 'the disk is full',
    EDQUOT: 'the disk quota is used up',
    EROFS: 'the disk is read-only',
    EACCES: 'it may not be written (permission denied)',
    EPERM: 'it may not be written (permission denied)',
    ENOENT: 'its folder is gone',
    ENOTDIR: 'its folder is gone',
  };
  return (code && reasons[code]) ?? (error instanceof Error ? error.message : String(error));
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
