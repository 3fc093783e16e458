import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseJournal, serializeJournalEntry, type JournalEntry } from '../../core/execution/executionJournal';
import { appendJsonLine } from '../jsonLinesFile';
import type { Log } from '../log';

/**
 * The execution journal on disk: append-only JSON lines in the extension's storage for this
 * workspace. Each entry is appended as it happens, so a reload or crash loses at most the
 * entry being written; unreadable lines are skipped with a warning when read back.
 */
export class JournalStore {
  private writing: Promise<void> = Promise.resolve();
  private tailChecked = false;
  private readonly listeners = new Set<(entry: JournalEntry) => void>();

  constructor(
    private readonly folder: string,
    private readonly log: Log,
  ) {}

  get path(): string {
    return join(this.folder, 'execution-journal.jsonl');
  }

  /** Called for every entry once it is written (incident sessions follow step runs this way). */
  onDidAppend(listener: (entry: JournalEntry) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  append(entry: JournalEntry): Promise<void> {
    // Appends are chained so that entries land in the order they happened.
    this.writing = this.writing.then(async () => {
      try {
        // The torn-tail check is needed once: after that this store wrote the last line itself.
        await appendJsonLine(this.path, serializeJournalEntry(entry), this.tailChecked);
        this.tailChecked = true;
      } catch (error) {
        this.log.error(`Could not write the execution journal ${this.path}: ${String(error)}`);
      }
      for (const listener of [...this.listeners]) {
        try {
          listener(entry);
        } catch (error) {
          this.log.error(`A journal listener failed: ${String(error)}`);
        }
      }
    });
    return this.writing;
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
