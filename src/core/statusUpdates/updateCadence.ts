// When the next status update of an active incident is due. PagerDuty's incident-response
// guidance has the incident commander update stakeholders every 30 minutes or so during a
// major incident; the interval is a setting, and 0 turns the reminder off. The clock starts
// when the incident is declared, starts again at every update posted, and stops when the
// incident is resolved.

import type { SessionRecord, TimelineEvent } from '../postmortem/sessionModel';

export const DEFAULT_UPDATE_INTERVAL_MINUTES = 30;
/** A day: a longer interval is a typo, and a reminder that never comes is no reminder. */
export const MAX_UPDATE_INTERVAL_MINUTES = 24 * 60;

export type UpdateCadence =
  | { readonly kind: 'off' }
  /** Not yet due: `dueAt` in ms since the epoch. */
  | { readonly kind: 'waiting'; readonly dueAt: number; readonly remainingMs: number }
  /**
   * Due since `dueAt`. `period` names the current due period (one per interval that passes
   * without an update), so a reminder is offered once per period and not on every tick.
   */
  | { readonly kind: 'due'; readonly dueAt: number; readonly period: number };

/** The interval as a setting may hold it: a number of minutes, 0 for off; anything else is the default. */
export function updateIntervalMinutes(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return DEFAULT_UPDATE_INTERVAL_MINUTES;
  return Math.min(MAX_UPDATE_INTERVAL_MINUTES, value);
}

/** When the clock last started: the latest update posted, else the declaration, else the record's start. */
export function cadenceStart(record: SessionRecord, events: readonly TimelineEvent[]): number {
  let latest: number | undefined;
  let declared: number | undefined;
  for (const event of events) {
    const at = Date.parse(event.at);
    if (Number.isNaN(at)) continue;
    if (event.type === 'status-update-posted' && (latest === undefined || at > latest)) latest = at;
    if (event.type === 'incident-started' && declared === undefined) declared = at;
  }
  return latest ?? declared ?? Date.parse(record.startedAt);
}

export function updateCadence(record: SessionRecord | undefined, events: readonly TimelineEvent[], intervalMinutes: number, nowMs: number): UpdateCadence {
  if (!record || record.resolvedAt !== undefined || intervalMinutes <= 0) return { kind: 'off' };
  const start = cadenceStart(record, events);
  if (Number.isNaN(start)) return { kind: 'off' };
  const intervalMs = intervalMinutes * 60_000;
  const dueAt = start + intervalMs;
  if (nowMs < dueAt) return { kind: 'waiting', dueAt, remainingMs: dueAt - nowMs };
  return { kind: 'due', dueAt, period: Math.floor((nowMs - dueAt) / intervalMs) };
}

/** `update in 12m`, `update in 1h 5m`, `update due`; empty when off. */
export function describeCadence(cadence: UpdateCadence): string {
  if (cadence.kind === 'off') return '';
  if (cadence.kind === 'due') return 'update due';
  // Rounded up: "in 0m" would read as due, and it is not yet.
  const minutes = Math.max(1, Math.ceil(cadence.remainingMs / 60_000));
  return minutes < 60 ? `update in ${minutes}m` : `update in ${Math.floor(minutes / 60)}h${minutes % 60 ? ` ${minutes % 60}m` : ''}`;
}

/** Milliseconds until the status bar's words change next (a minute boundary or the due time). */
export function nextCadenceChangeMs(cadence: UpdateCadence): number | undefined {
  if (cadence.kind !== 'waiting') return undefined;
  const toMinuteBoundary = cadence.remainingMs % 60_000 || 60_000;
  return Math.min(cadence.remainingMs, toMinuteBoundary);
}
