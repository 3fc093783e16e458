import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isStepOutputFileName, parseJournal, serializeJournalEntry, type JournalEntry } from '../../core/execution/executionJournal';
import { appendJsonLine, describeWriteError } from '../jsonLinesFile';
import type { Log } from '../log';

/** Whether an entry reached the journal; when not, why, as a user reads it. */
export type JournalWrite = { readonly ok: true } | { readonly ok: false; readonly problem: string };

/**
 * The execution journal on disk: append-only JSON lines in the extension's storage for this
 * workspace. Each entry is appended as it happens, so a reload or crash loses at most the
 * entry being written; unreadable lines are skipped with a warning when read back.
 */
export class JournalStore {
  private writing: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(entry: JournalEntry) => void>();

  constructor(
    private readonly folder: string,
    private readonly log: Log,
  ) {}

  get path(): string {
    return join(this.folder, 'execution-journal.jsonl');
  }

  /** The folder holding captured step outputs (see StepOutputRef), beside the journal. */
  get outputFolder(): string {
    return join(this.folder, 'step-outputs');
  }

  /** Where a step's captured output lives; undefined for a name that is not a plain output file name. */
  outputPath(file: string): string | undefined {
    return isStepOutputFileName(file) ? join(this.outputFolder, file) : undefined;
  }

  /** Called for every entry once it is written (incident sessions follow step runs this way); never for one that could not be written. */
  onDidAppend(listener: (entry: JournalEntry) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  append(entry: JournalEntry): Promise<JournalWrite> {
    // Appends are chained so that entries land in the order they happened.
    const written = this.writing.then(() => this.write(entry));
    this.writing = written;
    return written;
  }

  private async write(entry: JournalEntry): Promise<JournalWrite> {
    try {
      await appendJsonLine(this.path, serializeJournalEntry(entry));
    } catch (error) {
      this.log.error(`Could not write the execution journal ${this.path}: ${String(error)}`);
      return { ok: false, problem: `The execution journal cannot be written: ${describeWriteError(error)} (${this.path}).` };
    }
    for (const listener of [...this.listeners]) {
      try {
        listener(entry);
      } catch (error) {
        this.log.error(`A journal listener failed: ${String(error)}`);
      }
    }
    return { ok: true };
  }

  async read(): Promise<JournalEntry[]> {
    await this.writing;
    let text: string;
    try {
      // A device in its place (a link to /dev/full, say) would be read forever.
      if (!(await stat(this.path)).isFile()) {
        this.log.warn(`The execution journal ${this.path} is not a file: nothing read from it.`);
        return [];
      }
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
