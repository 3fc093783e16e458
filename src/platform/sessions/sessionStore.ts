import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { nextSessionId, parseSession, serializeSessionLine, type SessionRecord, type SessionLine, type TimelineEvent } from '../../core/postmortem/sessionModel';
import { appendJsonLine } from '../jsonLinesFile';
import type { SourceLog } from '../incidents/incidentSource';

export interface StoredSession {
  readonly record: SessionRecord;
  readonly events: TimelineEvent[];
}

/** What became of an appended line: `missing` when the session's file is gone (nothing was written). */
export type SessionWrite = 'written' | 'missing' | 'failed';

const SESSION_FILE = /^INC-\d{8}-\d{3,}\.jsonl$/;

/**
 * Incident sessions on disk: one append-only JSON-lines file per incident in the extension's
 * storage for this workspace. Every event is appended (and the file closed) as it happens, so
 * a crash or reload loses at most the line being written; a record change (resolution) is a
 * new `record` line, the last one wins. Unreadable lines are skipped with a warning. Windows
 * sharing the workspace share this folder: a session's file is created exclusively, so two
 * windows never both take one id.
 */
export class SessionStore {
  /** Appends per file are chained so that lines land in the order they happened. */
  private readonly writing = new Map<string, Promise<unknown>>();

  constructor(
    private readonly folder: string,
    private readonly log: SourceLog,
  ) {}

  pathOf(id: string): string {
    return join(this.folder, `${id}.jsonl`);
  }

  /**
   * Creates a new session's file, holding its record line, under the next free id of `now`'s
   * day: exclusively (`wx`), so an id another window took meanwhile is skipped, never shared.
   * Resolves once the file exists; `known` adds ids whose files may be gone.
   */
  async create(now: Date, build: (id: string) => SessionRecord, known: Iterable<string> = []): Promise<SessionRecord> {
    await mkdir(this.folder, { recursive: true });
    const taken = new Set([...known, ...(await this.storedIds())]);
    for (;;) {
      const record = build(nextSessionId(now, taken));
      try {
        await writeFile(this.pathOf(record.id), serializeSessionLine({ type: 'record', record }), { flag: 'wx' });
        return record;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        taken.add(record.id);
      }
    }
  }

  /** Appends a line to an existing session's file; a file that is gone is not recreated with this line alone (see restore). */
  append(id: string, line: SessionLine): Promise<SessionWrite> {
    const path = this.pathOf(id);
    const next = (this.writing.get(id) ?? Promise.resolve()).then(async (): Promise<SessionWrite> => {
      try {
        await appendJsonLine(path, serializeSessionLine(line), { create: false });
        return 'written';
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
        this.log.error(`Could not write the incident timeline ${path}: ${String(error)}`);
        return 'failed';
      }
    });
    this.writing.set(id, next);
    return next;
  }

  /** Writes a session whose file is gone again, from what this window holds; false when it could not. */
  restore(session: StoredSession): Promise<boolean> {
    const { id } = session.record;
    const lines = [{ type: 'record' as const, record: session.record }, ...session.events].map(serializeSessionLine).join('');
    const next = (this.writing.get(id) ?? Promise.resolve()).then(async () => {
      try {
        await mkdir(this.folder, { recursive: true });
        // Exclusive: another window that restored it first keeps its copy.
        await writeFile(this.pathOf(id), lines, { flag: 'wx' });
        this.log.warn(`The record of incident ${id} was gone (${this.pathOf(id)}); it was written again from what this window holds.`);
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return this.holdsSameIncident(session.record);
        this.log.error(`Could not write the incident record ${this.pathOf(id)} again: ${String(error)}`);
        return false;
      }
    });
    this.writing.set(id, next);
    return next;
  }

  /**
   * Whether the file of `record`'s id holds that incident: another window that restored it
   * first wrote the same one, but a window that never knew it may have started a new incident
   * under the freed id, and that record must neither be taken for this one nor written over.
   */
  private async holdsSameIncident(record: SessionRecord): Promise<boolean> {
    const stored = await readFile(this.pathOf(record.id), 'utf8').then((text) => parseSession(text, record.id).record, () => undefined);
    if (stored !== undefined && isSameIncident(stored, record)) return true;
    this.log.warn(`${record.id} ${this.pathOf(record.id)} now holds another incident ("${stored?.title ?? 'unreadable'}"); this window keeps "${record.title}" from memory only.`);
    return false;
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
    const parsed = parseSession(text, id);
    if (parsed.skippedLines.length > 0) this.log.warn(`Skipped unreadable lines ${parsed.skippedLines.join(', ')} of ${this.pathOf(id)}.`);
    return parsed.record ? { record: parsed.record, events: parsed.events } : undefined;
  }

  /** Every stored session, newest first. */
  async list(): Promise<StoredSession[]> {
    const sessions: StoredSession[] = [];
    for (const id of await this.storedIds()) {
      const session = await this.read(id).catch((error: unknown) => {
        this.log.error(`Could not read ${this.pathOf(id)}: ${String(error)}`);
        return undefined;
      });
      if (session) sessions.push(session);
    }
    return sessions.sort((a, b) => (a.record.startedAt < b.record.startedAt ? 1 : a.record.startedAt > b.record.startedAt ? -1 : a.record.id < b.record.id ? 1 : -1));
  }

  /** The ids of the session files in the folder. */
  private async storedIds(): Promise<string[]> {
    try {
      return (await readdir(this.folder)).filter((name) => SESSION_FILE.test(name)).map((name) => name.slice(0, -'.jsonl'.length));
    } catch {
      return [];
    }
  }
}

/** Two records of one id are the same incident when they started at the same time under the same title. */
export function isSameIncident(a: SessionRecord, b: SessionRecord): boolean {
  return a.id === b.id && a.startedAt === b.startedAt && a.title === b.title;
}
