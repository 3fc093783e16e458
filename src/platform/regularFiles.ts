// Reading files the extension wrote but anyone can replace (step outputs, post-mortems): only
// a plain file is read, and only as far as asked. Node's fs only, no 'vscode', so it is tested
// on real folders with real pipes.

import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/** The start of a plain file, and its whole size; or why nothing was read. */
export type FileStart = { readonly bytes: Buffer; readonly size: number } | { readonly notAFile: true };

/**
 * Reads at most `maxBytes` from the start of `path`. A folder, device or named pipe in the
 * file's place is not read: the open does not block (a pipe with no writer would hold it
 * forever) and the check is made on the opened file, so one swapped in after it is not the one
 * read. Errors of the open or the read (ENOENT, EACCES...) are thrown as they come.
 */
export async function readFileStart(path: string, maxBytes: number): Promise<FileStart> {
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { notAFile: true };
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes));
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return { bytes: buffer.subarray(0, bytesRead), size: info.size };
  } finally {
    await handle.close().catch(() => undefined);
  }
}
