// The pin files of one window. A terminal's KUBECONFIG names its pin file for the terminal's
// whole life, so the file must never be shared and never be seen half-written:
// - each window (each PinFiles) writes under a folder of its own, named by a random id, so
//   a step run in another window, even for the same context, never rewrites this window's
//   pins: a pinned terminal's target changes only through this window's own switch;
// - every write goes to a temporary file in the same folder, is flushed to disk, and then
//   renamed over the pin: a kubectl starting at any moment reads the old pin or the new one,
//   never an empty file (with an empty first file kubectl falls back to the user's
//   current-context, which is exactly the cluster the pin exists to keep it away from).
// No `vscode` here, so the behaviour is tested with real kubectl outside the editor.

import { createHash, randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';

export class PinFiles {
  private ready: Promise<unknown> | undefined;
  private writes = 0;

  /** `root` is shared by every window (global storage); this instance owns one folder in it. */
  constructor(
    root: string,
    readonly owner: string = randomUUID(),
  ) {
    this.folder = join(root, owner);
  }

  /** The folder this window's pins live in. */
  readonly folder: string;

  /** The pin file of one context in this window: readable, and unique for names that differ only in characters a file name cannot hold. */
  pathFor(context: string): string {
    const safe = context.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 60);
    const hash = createHash('sha256').update(context).digest('hex').slice(0, 8);
    return join(this.folder, `${safe}-${hash}.kubeconfig.yaml`);
  }

  /** The file a terminal without any kubeconfig points KUBECONFIG at. */
  get noClusterPath(): string {
    return join(this.folder, 'no-cluster.kubeconfig.yaml');
  }

  /** Writes a context's pin (atomically) and returns its path. */
  async writePin(context: string, content: string): Promise<string> {
    const path = this.pathFor(context);
    await this.write(path, content);
    return path;
  }

  async writeNoCluster(content: string): Promise<string> {
    await this.write(this.noClusterPath, content);
    return this.noClusterPath;
  }

  /** Removes this window's folder; only when its terminals are gone. */
  async dispose(): Promise<void> {
    await rm(this.folder, { recursive: true, force: true });
  }

  private async write(path: string, content: string): Promise<void> {
    this.ready ??= mkdir(this.folder, { recursive: true, mode: 0o700 });
    await this.ready;
    await writeFileAtomically(path, content, `${process.pid}-${++this.writes}`);
  }
}

/**
 * Replaces `path` with `content` so that a reader sees the old file or the new one, whole:
 * a temporary file beside it, written, flushed (fsync), then renamed over it.
 */
export async function writeFileAtomically(path: string, content: string, unique: string = randomUUID()): Promise<void> {
  const temporary = `${path}.${unique}.tmp`;
  const handle = await open(temporary, 'w', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}
