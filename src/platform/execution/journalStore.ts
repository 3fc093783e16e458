import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseJournal, serializeJournalEntry, type JournalEntry } from '../../core/execution/executionJournal';
import type { Log } from '../log';

/**
 * The execution journal on disk: append-only JSON lines in the extension's storage for this
 * workspace. Each entry is appended as it happens, so a reload or crash loses at most the
 * entry being written; unreadable lines are skipped with a warning when read back.
 */
export class JournalStore {
  private writing: Promise<void> = Promise.resolve();
  private tailChecked = false;

  constructor(
    private readonly folder: string,
    private readonly log: Log,
  ) {}

  get path(): string {
    return join(this.folder, 'execution-journal.jsonl');
  }

  append(entry: JournalEntry): Promise<void> {
    // Appends are chained so that entries land in the order they happened.
    this.writing = this.writing.then(async () => {
      try {
        await mkdir(this.folder, { recursive: true });
        // A crash mid-write leaves a last line without its newline; the next entry must not be
        // glued onto it, or that entry would be unreadable too.
        const prefix = this.tailChecked || (await this.endsWithNewline()) ? '' : '\n';
        this.tailChecked = true;
        await appendFile(this.path, prefix + serializeJournalEntry(entry), 'utf8');
      } catch (error) {
        this.log.error(`Could not write the execution journal ${this.path}: ${String(error)}`);
      }
    });
    return this.writing;
  }

  /** True when the journal is missing, empty, or ends with a newline. */
  private async endsWithNewline(): Promise<boolean> {
    let handle;
    try {
      handle = await open(this.path, 'r');
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

  async read(): Promise<JournalEntry[]> {
    await this.writing;
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const { entries, skippedLines } = parseJournal(text);
    if (skippedLines.length > 0) this.log.warn(`Skipped unreadable lines ${skippedLines.join(', ')} of ${this.path}.`);
    return entries;
  }
}
