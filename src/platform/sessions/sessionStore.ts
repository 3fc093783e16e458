import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseSession, serializeSessionLine, type SessionRecord, type SessionLine, type TimelineEvent } from '../../core/postmortem/sessionModel';
import { appendJsonLine } from '../jsonLinesFile';
import type { SourceLog } from '../incidents/incidentSource';

export interface StoredSession {
  readonly record: SessionRecord;
  readonly events: TimelineEvent[];
}

/**
 * Incident sessions on disk: one append-only JSON-lines file per incident in the extension's
 * storage for this workspace. Every event is appended (and the file closed) as it happens, so
 * a crash or reload loses at most the line being written; a record change (resolution) is a
 * new `record` line, the last one wins. Unreadable lines are skipped with a warning.
 */
export class SessionStore {
  /** Appends per file are chained so that lines land in the order they happened. */
  private readonly writing = new Map<string, Promise<void>>();

  constructor(
    private readonly folder: string,
    private readonly log: SourceLog,
  ) {}

  pathOf(id: string): string {
    return join(this.folder, `${id}.jsonl`);
  }

  append(id: string, line: SessionLine): Promise<void> {
    const path = this.pathOf(id);
    const next = (this.writing.get(id) ?? Promise.resolve()).then(async () => {
      try {
        await appendJsonLine(path, serializeSessionLine(line));
      } catch (error) {
        this.log.error(`Could not write the incident timeline ${path}: ${String(error)}`);
      }
    });
    this.writing.set(id, next);
    return next;
  }

  async read(id: string): Promise<StoredSession | undefined> {
    await this.writing.get(id);
    let text: string;
    try {
      text = await readFile(this.pathOf(id), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    const parsed = parseSession(text);
    if (parsed.skippedLines.length > 0) this.log.warn(`Skipped unreadable lines ${parsed.skippedLines.join(', ')} of ${this.pathOf(id)}.`);
    return parsed.record ? { record: parsed.record, events: parsed.events } : undefined;
  }

  /** Every stored session, newest first. */
  async list(): Promise<StoredSession[]> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch {
      return [];
    }
    const sessions: StoredSession[] = [];
    for (const name of names.filter((n) => /^INC-\d{8}-\d{3,}\.jsonl$/.test(n))) {
      const session = await this.read(name.slice(0, -'.jsonl'.length)).catch((error: unknown) => {
        this.log.error(`Could not read ${name}: ${String(error)}`);
        return undefined;
      });
      if (session) sessions.push(session);
    }
    return sessions.sort((a, b) => (a.record.startedAt < b.record.startedAt ? 1 : a.record.startedAt > b.record.startedAt ? -1 : a.record.id < b.record.id ? 1 : -1));
  }
}
