// The timeline events the PagerDuty team actions add: what a responder did to a PagerDuty
// incident from the editor (responders requested, reassigned, escalated, priority changed),
// the notes posted to it, and the incident's own log entries (what others did in PagerDuty).
// Kept beside sessionModel.ts so the session model only lists them.

import { isTimelineLogEntry, noteContent, type PagerDutyLogEntry } from '../incidents/pagerDutyTeam';
import type { TimelineEvent } from './sessionModel';

export type PagerDutyActionKind = 'responders-requested' | 'reassigned' | 'escalated' | 'priority-changed';

/** An action taken on a PagerDuty incident from the editor, after PagerDuty accepted it. */
export interface PagerDutyActionEvent {
  readonly type: 'pagerduty-action';
  readonly at: string;
  /** `Incident.id` of the PagerDuty incident. */
  readonly incidentId: string;
  readonly title: string;
  readonly action: PagerDutyActionKind;
  /** `to Bob Secondary`, `to level 2`, `P1`, `Carol Escalation: "join the bridge"`. */
  readonly detail: string;
  readonly by?: string;
}

/** A timeline note posted to a PagerDuty incident (its text as sent, redacted). */
export interface PagerDutyNotePostedEvent {
  readonly type: 'pagerduty-note-posted';
  readonly at: string;
  readonly incidentId: string;
  readonly title: string;
  /** The `at` of the note event that was posted. */
  readonly noteAt: string;
  readonly text: string;
  readonly noteId?: string;
}

/** An entry of the PagerDuty incident's log: acknowledged by, escalated to, a note by someone else. */
export interface PagerDutyLogEntryEvent {
  readonly type: 'pagerduty-log-entry';
  readonly at: string;
  readonly incidentId: string;
  readonly title: string;
  readonly entryId: string;
  readonly entryType: string;
  readonly summary: string;
  readonly by?: string;
  readonly note?: string;
}

export type PagerDutyTimelineEvent = PagerDutyActionEvent | PagerDutyNotePostedEvent | PagerDutyLogEntryEvent;
export type PagerDutyTimelineEventType = PagerDutyTimelineEvent['type'];

const ACTIONS: ReadonlySet<unknown> = new Set<PagerDutyActionKind>(['responders-requested', 'reassigned', 'escalated', 'priority-changed']);

const strings = (event: Record<string, unknown>, keys: readonly string[]) => keys.every((key) => typeof event[key] === 'string');
const optionalStrings = (event: Record<string, unknown>, keys: readonly string[]) => keys.every((key) => event[key] === undefined || typeof event[key] === 'string');

/** Checks of the lines read back, one per event type (sessionModel's table takes them in). */
export const PAGERDUTY_EVENT_CHECKS: Readonly<Record<PagerDutyTimelineEventType, (event: Record<string, unknown>) => boolean>> = {
  'pagerduty-action': (e) => strings(e, ['incidentId', 'title', 'detail']) && ACTIONS.has(e.action) && optionalStrings(e, ['by']),
  'pagerduty-note-posted': (e) => strings(e, ['incidentId', 'title', 'noteAt', 'text']) && optionalStrings(e, ['noteId']),
  'pagerduty-log-entry': (e) => strings(e, ['incidentId', 'title', 'entryId', 'entryType', 'summary']) && optionalStrings(e, ['by', 'note']),
};

export function isPagerDutyEvent(event: TimelineEvent): event is PagerDutyTimelineEvent {
  return Object.prototype.hasOwnProperty.call(PAGERDUTY_EVENT_CHECKS, event.type);
}

const ACTION_WORDS: Readonly<Record<PagerDutyActionKind, string>> = {
  'responders-requested': 'Responders requested',
  reassigned: 'Reassigned',
  escalated: 'Escalated',
  'priority-changed': 'Priority changed',
};

/** The words of a timeline row (the caller redacts the detail). */
export function describePagerDutyEvent(event: PagerDutyTimelineEvent): { event: string; detail: string } {
  switch (event.type) {
    case 'pagerduty-action':
      return { event: `${ACTION_WORDS[event.action]} (PagerDuty)`, detail: `${event.title}: ${event.detail}${event.by ? `, by ${event.by}` : ''}` };
    case 'pagerduty-note-posted':
      return { event: 'Note posted to PagerDuty', detail: `${event.title}: ${event.text}` };
    case 'pagerduty-log-entry':
      return { event: 'PagerDuty', detail: event.note ? `${event.summary} “${event.note}”` : event.summary };
  }
}

/** What tells one event from a repeat of it (the timeline drops repeats). */
export function pagerDutyEventIdentity(event: PagerDutyTimelineEvent): unknown[] {
  switch (event.type) {
    case 'pagerduty-action':
      return [event.incidentId, event.action, event.detail];
    case 'pagerduty-note-posted':
      return [event.incidentId, event.noteAt];
    case 'pagerduty-log-entry':
      return [event.incidentId, event.entryId];
  }
}

/**
 * The log entries not yet in the timeline, as events: each entry once (by id, across polls and
 * windows), notification noise left out, and no note this extension posted coming back as if
 * someone else wrote it.
 */
export function newLogEntryEvents(
  entries: readonly PagerDutyLogEntry[],
  incident: { readonly id: string; readonly title: string },
  timeline: readonly TimelineEvent[],
): PagerDutyLogEntryEvent[] {
  const seen = new Set<string>();
  const posted = new Set<string>();
  for (const event of timeline) {
    if (event.type === 'pagerduty-log-entry' && event.incidentId === incident.id) seen.add(event.entryId);
    if (event.type === 'pagerduty-note-posted' && event.incidentId === incident.id) posted.add(noteContent(event.text));
  }
  const events: PagerDutyLogEntryEvent[] = [];
  for (const entry of entries) {
    if (seen.has(entry.id) || !isTimelineLogEntry(entry)) continue;
    seen.add(entry.id);
    const note = entry.note === undefined ? undefined : noteContent(entry.note);
    if (note !== undefined && posted.has(note)) continue;
    events.push({
      type: 'pagerduty-log-entry',
      at: entry.at,
      incidentId: incident.id,
      title: incident.title,
      entryId: entry.id,
      entryType: entry.type,
      summary: entry.summary,
      ...(entry.by ? { by: entry.by } : {}),
      ...(note ? { note } : {}),
    });
  }
  return events;
}
