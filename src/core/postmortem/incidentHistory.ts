// "Last time": the earlier incidents of this workspace that were about the same alert, so a
// responder paged again sees at once how long it took before, what was run, and what was run
// last before it was over. Built from the session records and the execution journal alone.

import type { JournalEntry } from '../execution/executionJournal';
import { redactSecrets } from '../execution/secretRedaction';
import { formatSpan } from '../shared/duration';
import { formatTime } from '../shared/timeFormat';
import { eventsFromJournal, sessionSpan, type SessionRecord, type StepRunEvent, type TimelineEvent } from './sessionModel';
import { codeSpan, describeOutcome, describeTarget, escapeCell } from './timeline';

/** A stored incident as the session store holds it (its step runs are in the journal). */
export interface RecordedIncident {
  readonly record: SessionRecord;
  readonly events: readonly TimelineEvent[];
}

export interface IncidentHistoryEntry {
  readonly record: SessionRecord;
  /** Resolved minus started (the first alert); absent while unresolved. */
  readonly timeToResolveMs?: number;
  /** The steps run during it, in the order they started, each once. */
  readonly steps: readonly StepRunEvent[];
  /** The last step started before it was resolved; absent when unresolved or nothing was run. */
  readonly lastStepBeforeResolution?: StepRunEvent;
  /** What was typed at Resolve. */
  readonly resolution?: string;
}

/** The name an alert is known by across incidents: its alert name, else its title (a Kubernetes problem, a page). */
export function alertKey(alert: { readonly alertName?: string; readonly title: string }): string {
  return alert.alertName?.trim() || alert.title.trim();
}

/** Whether an incident was about the alert: started from it, or the alert joined it later. */
function isAbout(incident: RecordedIncident, key: string): boolean {
  if (incident.record.sources.some((source) => alertKey(source) === key)) return true;
  return incident.events.some((event) => event.type === 'alert-fired' && alertKey(event) === key);
}

/**
 * The incidents about `key` (see alertKey), newest first, with their steps from the journal,
 * each step counted for one incident only as in the timeline. `exceptId` leaves out one (the
 * active incident is not history).
 */
export function collectIncidentHistory(key: string, incidents: readonly RecordedIncident[], journal: readonly JournalEntry[], exceptId?: string): IncidentHistoryEntry[] {
  const spans = incidents.map((incident) => sessionSpan(incident.record, incident.events));
  return incidents
    .filter((incident) => incident.record.id !== exceptId && isAbout(incident, key))
    .sort((a, b) => Date.parse(b.record.startedAt) - Date.parse(a.record.startedAt) || (a.record.id < b.record.id ? 1 : -1))
    .map((incident) => historyEntry(incident, eventsFromJournal([...journal], sessionSpan(incident.record, incident.events), spans)));
}

function historyEntry(incident: RecordedIncident, fromJournal: readonly StepRunEvent[]): IncidentHistoryEntry {
  const { record } = incident;
  const seen = new Set<string>();
  const steps = [...incident.events.filter((event): event is StepRunEvent => event.type === 'step-run'), ...fromJournal]
    .filter((step) => !Number.isNaN(Date.parse(step.at)) && !seen.has(step.runId) && seen.add(step.runId))
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  const resolvedMs = record.resolvedAt === undefined ? undefined : Date.parse(record.resolvedAt);
  const startedMs = Date.parse(record.startedAt);
  const resolved = resolvedMs !== undefined && !Number.isNaN(resolvedMs);
  const before = resolved ? steps.filter((step) => Date.parse(step.at) <= resolvedMs) : [];
  const summaries = incident.events.flatMap((event) => (event.type === 'incident-resolved' && event.summary?.trim() ? [event.summary.trim()] : []));
  return {
    record,
    ...(resolved && !Number.isNaN(startedMs) ? { timeToResolveMs: Math.max(0, resolvedMs - startedMs) } : {}),
    steps,
    ...(before.length > 0 ? { lastStepBeforeResolution: before[before.length - 1] } : {}),
    ...(summaries.length > 0 ? { resolution: summaries[summaries.length - 1] } : {}),
  };
}

/**
 * Text shown literally in a line of Markdown, still readable in the source (the document opens
 * as source): only what would start emphasis, code, a link or HTML is escaped, and a link's target cannot end early.
 */
function inline(text: string): string {
  return redactSecrets(text)
    .replace(/\r?\n|\r/g, ' ')
    .replace(/[\\`*_[\]<>|]/g, '\\$&');
}

/** `` `kubectl rollout undo deploy/web` → exit 0 ``: a step in one line of Markdown. */
function describeStep(step: StepRunEvent): string {
  return `${codeSpan(redactSecrets(step.command))}${escapeCell(redactSecrets(`${describeTarget(step.context, step.namespace)} → ${describeOutcome(step.exitCode, step.durationMs)}`))}`;
}

/** Where an earlier incident's post-mortem is, by incident id: a link target and the name shown. */
export type PostMortemLinks = ReadonlyMap<string, { readonly target: string; readonly name: string }>;

/** The history as a Markdown document: one section per incident, newest first. */
export function renderIncidentHistory(key: string, entries: readonly IncidentHistoryEntry[], postMortems: PostMortemLinks, timeZone?: string): string {
  const name = inline(key);
  const lines = [`# Incident history: ${name}`, ''];
  if (entries.length === 0) {
    lines.push(`No earlier incident in this workspace's records was about ${name}.`);
    return `${lines.join('\n')}\n`;
  }
  lines.push(`${entries.length} earlier incident${entries.length === 1 ? '' : 's'} about this alert in this workspace's records, newest first.`);
  for (const entry of entries) lines.push('', ...renderEntry(entry, postMortems.get(entry.record.id), timeZone));
  return `${lines.join('\n')}\n`;
}

function renderEntry(entry: IncidentHistoryEntry, postMortem: { target: string; name: string } | undefined, timeZone: string | undefined): string[] {
  const { record } = entry;
  const lines = [`## ${record.id}: ${inline(record.title)} (${record.severity})`, ''];
  lines.push(`- **When:** ${formatTime(Date.parse(record.startedAt), timeZone)}`);
  lines.push(entry.timeToResolveMs === undefined ? '- **Time to resolve:** not resolved' : `- **Time to resolve:** ${formatSpan(entry.timeToResolveMs)}`);
  if (entry.resolution !== undefined) lines.push(`- **Resolution:** ${escapeCell(redactSecrets(entry.resolution))}`);
  if (entry.lastStepBeforeResolution !== undefined) lines.push(`- **Last step before resolution:** ${describeStep(entry.lastStepBeforeResolution)}`);
  lines.push(postMortem ? `- **Post-mortem:** [${inline(postMortem.name)}](<${postMortem.target.replace(/[<>\s]/g, encodeURIComponent)}>)` : '- **Post-mortem:** none found in the post-mortem folder');
  lines.push('');
  if (entry.steps.length === 0) {
    lines.push('No runbook steps were run from the editor.');
    return lines;
  }
  lines.push('| Started | Step |', '|---|---|');
  for (const step of entry.steps) lines.push(`| ${escapeCell(formatTime(Date.parse(step.at), timeZone))} | ${describeStep(step)} |`);
  return lines;
}

/** `INC-20261124-001 (2026-11-24 14:03 UTC) took 1 h 5 min to resolve; last step before it was over: kubectl rollout undo deploy/web (exit 0).` */
export function describeLastTime(entry: IncidentHistoryEntry, timeZone?: string): string {
  const when = formatTime(Date.parse(entry.record.startedAt), timeZone);
  const took = entry.timeToResolveMs === undefined ? 'was not resolved' : `took ${formatSpan(entry.timeToResolveMs)} to resolve`;
  const last = entry.lastStepBeforeResolution;
  // The exit code alone: a sentence in a notification has no room for the run time.
  const step = last ? `; last step before it was over: ${redactSecrets(last.command).split('\n')[0]} (${describeOutcome(last.exitCode, null)})` : '';
  return `${entry.record.id} (${when}) ${took}${step}.`;
}
