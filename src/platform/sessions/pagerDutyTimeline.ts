// The active incident's timeline and its PagerDuty incidents, kept in step both ways: actions
// taken here and notes posted from here are recorded; what happened in PagerDuty (acknowledged
// by, escalated to, notes by others) is read from the incident's log entries while the incident
// is active, each entry once, and never the notes this extension posted itself. One piece of
// work at a time, so a poll and a note being posted cannot both write the same entry.

import * as vscode from 'vscode';
import type { Incident } from '../../core/incidents/incidentModel';
import { noteContent } from '../../core/incidents/pagerDutyTeam';
import { newLogEntryEvents, type PagerDutyActionKind } from '../../core/postmortem/pagerDutyEvents';
import type { NoteEvent, SourceIncidentRef, TimelineEvent } from '../../core/postmortem/sessionModel';
import { config } from '../config';
import type { IncidentHub } from '../incidents/incidentHub';
import type { PagerDutyTeamActions } from '../incidents/pagerDutyTeamActions';
import type { Log } from '../log';
import type { Sessions } from './sessions';

/** A PagerDuty incident the active incident is about: its timeline id and PagerDuty's id. */
export interface LinkedPagerDutyIncident {
  readonly incidentId: string;
  readonly sourceId: string;
  readonly title: string;
}

export class PagerDutyTimeline implements vscode.Disposable {
  private work: Promise<unknown> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The incident whose PagerDuty log was last read: a newly active one is read at once. */
  private following: string | undefined;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly sessions: Sessions,
    private readonly hub: IncidentHub,
    readonly team: PagerDutyTeamActions,
    private readonly log: Log,
  ) {
    this.disposables.push(sessions.onDidChange(() => this.schedule()));
  }

  /** The active incident's PagerDuty incidents (its sources from PagerDuty). */
  linked(): LinkedPagerDutyIncident[] {
    const active = this.sessions.active;
    if (!active || !this.hub.pagerDutySource()) return [];
    return active.sources.filter((source) => source.source === 'pagerduty').map(linkOf);
  }

  /** Records an accepted action in the active incident's timeline (nothing when none is active). */
  async recordAction(incident: Incident, action: PagerDutyActionKind, detail: string): Promise<void> {
    const by = await this.hub.pagerDutySource()?.userEmail();
    await this.sessions.record({ type: 'pagerduty-action', at: new Date().toISOString(), incidentId: incident.id, title: incident.title, action, detail, ...(by ? { by } : {}) });
    // What PagerDuty made of it (escalated to, assigned to) shows now, not at the next poll.
    void this.syncLogEntries();
  }

  /** The active incident's notes not yet posted to every one of its PagerDuty incidents, newest first. */
  unpostedNotes(): NoteEvent[] {
    const events = this.activeEvents();
    const linked = this.linked();
    const postedTo = (note: NoteEvent) => new Set(events.filter((e) => e.type === 'pagerduty-note-posted' && e.noteAt === note.at).map((e) => (e as { incidentId: string }).incidentId));
    return events.filter((e): e is NoteEvent => e.type === 'note' && linked.some((incident) => !postedTo(e).has(incident.incidentId))).reverse();
  }

  /**
   * Posts a note to PagerDuty incidents, one after the other; each one accepted is recorded (so
   * its log entry does not come back as someone else's note). Resolves to the refusals, one
   * sentence each: the note itself is already in the local timeline whatever PagerDuty says.
   */
  postNote(note: NoteEvent, targets: readonly LinkedPagerDutyIncident[]): Promise<string[]> {
    const posted = this.serial(async () => {
      const refusals: string[] = [];
      for (const target of targets) {
        try {
          const noteId = await this.team.postNote(target.sourceId, note.text);
          await this.sessions.record({
            type: 'pagerduty-note-posted',
            at: new Date().toISOString(),
            incidentId: target.incidentId,
            title: target.title,
            noteAt: note.at,
            text: noteContent(note.text),
            ...(noteId ? { noteId } : {}),
          });
        } catch (error) {
          refusals.push(error instanceof Error ? error.message : String(error));
        }
      }
      return refusals;
    });
    void posted.then(() => this.syncLogEntries());
    return posted;
  }

  /** Reads the log entries of the active incident's PagerDuty incidents once; resolves to the events added. */
  syncLogEntries(): Promise<number> {
    return this.serial(async () => {
      const active = this.sessions.active;
      let added = 0;
      for (const target of this.linked()) {
        if (!active || this.sessions.active?.id !== active.id) break;
        try {
          const entries = await this.team.logEntries(target.sourceId, active.startedAt);
          for (const event of newLogEntryEvents(entries, { id: target.incidentId, title: target.title }, this.activeEvents())) {
            if (await this.sessions.record(event)) added++;
          }
        } catch (error) {
          // The timeline simply misses these until the next poll; the user acts on their own actions' errors.
          this.log.warn(`PagerDuty log entries of ${target.sourceId} not read: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return added;
    });
  }

  private activeEvents(): readonly TimelineEvent[] {
    const active = this.sessions.active;
    return (active && this.sessions.sessions.find((session) => session.record.id === active.id)?.events) ?? [];
  }

  private serial<T>(task: () => Promise<T>): Promise<T> {
    const next = this.work.then(task, task);
    this.work = next.catch(() => undefined);
    return next;
  }

  /** Polls while an incident about PagerDuty incidents is active, at the PagerDuty poll interval. */
  private schedule(): void {
    if (this.disposed || this.timer !== undefined || this.linked().length === 0) return;
    const activeId = this.sessions.active?.id;
    const delayMs = activeId === this.following ? config.pagerDutyPollSeconds() * 1000 : 0;
    this.following = activeId;
    this.timer = setTimeout(() => {
      void this.syncLogEntries().finally(() => {
        this.timer = undefined;
        this.schedule();
      });
    }, delayMs);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function linkOf(source: SourceIncidentRef): LinkedPagerDutyIncident {
  // `incident/pagerduty/<sourceName>/<sourceId>`
  return { incidentId: source.incidentId, sourceId: source.incidentId.split('/').pop() ?? '', title: source.title };
}
