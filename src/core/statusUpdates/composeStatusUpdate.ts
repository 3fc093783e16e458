// The status update an incident commander posts to the team's Slack channel: what the
// incident is, how long it has run, what was tried (the last steps and their exit codes),
// what was noted, and what happens next in the responder's own words. Everything that came
// from a command line, a note or a title goes through secret redaction, and the text is cut
// to fit Slack's limit by dropping the oldest steps and notes first.

import { redactSecrets } from '../execution/secretRedaction';
import { resolutionSummary } from '../postmortem/renderPostMortem';
import type { SessionRecord, StepRunEvent, TimelineEvent } from '../postmortem/sessionModel';
import { describeOutcome, describeTarget } from '../postmortem/timeline';
import { formatSpan } from '../shared/duration';
import { truncate } from '../shared/text';
import { formatUtcClock } from '../shared/timeFormat';

/**
 * Slack truncates a message's `text` past 40,000 characters and recommends staying under
 * 4,000; a status update that long is no longer read anyway.
 */
export const SLACK_TEXT_LIMIT = 4000;
const STEPS_SHOWN = 5;
const NOTES_SHOWN = 3;
const COMMAND_CHARS = 160;
const NOTE_CHARS = 400;
const NEXT_CHARS = 1000;

export interface StatusUpdateInput {
  readonly record: SessionRecord;
  /** The timeline: stored events and the step runs from the journal. */
  readonly events: readonly TimelineEvent[];
  readonly nowMs: number;
  /** What's next, as the responder typed it. */
  readonly whatsNext?: string;
  /** Minutes until the next update is due (0: no promise made). */
  readonly intervalMinutes: number;
}

export function composeStatusUpdate(input: StatusUpdateInput): string {
  const steps = input.events.filter((event): event is StepRunEvent => event.type === 'step-run').sort(byTime);
  const notes = input.events.filter((event): event is Extract<TimelineEvent, { type: 'note' }> => event.type === 'note').sort(byTime);
  let stepCount = Math.min(STEPS_SHOWN, steps.length);
  let noteCount = Math.min(NOTES_SHOWN, notes.length);
  for (;;) {
    const text = layout(input, steps.slice(steps.length - stepCount), notes.slice(notes.length - noteCount));
    if (escapedLength(text) <= SLACK_TEXT_LIMIT) return text;
    // The oldest go first: the latest step and the latest note say most about now.
    if (stepCount >= noteCount && stepCount > 0) stepCount--;
    else if (noteCount > 0) noteCount--;
    else return fitToLimit(text);
  }
}

function layout(input: StatusUpdateInput, steps: readonly StepRunEvent[], notes: readonly Extract<TimelineEvent, { type: 'note' }>[]): string {
  const { record, nowMs } = input;
  const startMs = Date.parse(record.startedAt);
  const lines = [`*${record.severity} ${record.id}: ${oneLine(redactSecrets(record.title), 200)}*`, statusLine(record, input.events, startMs, nowMs)];
  if (steps.length > 0) lines.push('', '*Last steps*', ...steps.map(describeStep));
  if (notes.length > 0) lines.push('', '*Latest notes*', ...notes.map((note) => `• ${clock(note.at)} ${oneLine(redactSecrets(note.text), NOTE_CHARS)}`));
  const resolution = record.resolvedAt === undefined ? undefined : resolutionSummary(input.events);
  if (resolution) lines.push('', `*Resolution:* ${truncate(redactSecrets(resolution), NEXT_CHARS)}`);
  const next = input.whatsNext?.trim();
  if (next) lines.push('', `*What's next:* ${truncate(redactSecrets(next), NEXT_CHARS)}`);
  if (input.intervalMinutes > 0 && record.resolvedAt === undefined) lines.push('', `Next update by ${formatUtcClock(nowMs + input.intervalMinutes * 60_000)} UTC.`);
  return lines.join('\n');
}

/** `Status: active for 42 min (since 10:02 UTC) · alerts: 1 firing, 1 resolved`, or `resolved at 10:44 UTC, after 42 min`. */
function statusLine(record: SessionRecord, events: readonly TimelineEvent[], startMs: number, nowMs: number): string {
  const since = Number.isNaN(startMs) ? '' : ` for ${formatSpan(Math.max(0, nowMs - startMs))} (since ${formatUtcClock(startMs)} UTC)`;
  const state = record.resolvedAt === undefined ? `active${since}` : describeResolved(startMs, Date.parse(record.resolvedAt));
  const alerts = alertCounts(events);
  return `Status: ${state}${alerts ? ` · alerts: ${alerts}` : ''}`;
}

function describeResolved(startMs: number, endMs: number): string {
  if (Number.isNaN(endMs)) return 'resolved';
  return `resolved at ${formatUtcClock(endMs)} UTC${Number.isNaN(startMs) ? '' : `, after ${formatSpan(Math.max(0, endMs - startMs))}`}`;
}

/** The state of each alert the incident is about, as its latest event says: `2 firing, 1 silenced`. */
function alertCounts(events: readonly TimelineEvent[]): string {
  const states = new Map<string, string>();
  const words: Partial<Record<TimelineEvent['type'], string>> = { 'alert-fired': 'firing', 'alert-acknowledged': 'acknowledged', 'alert-silenced': 'silenced', 'alert-resolved': 'resolved' };
  for (const event of [...events].sort(byTime)) {
    const word = words[event.type];
    if (word !== undefined && 'incidentId' in event && event.incidentId) states.set(event.incidentId, word);
  }
  const counts = new Map<string, number>();
  for (const state of states.values()) counts.set(state, (counts.get(state) ?? 0) + 1);
  return ['firing', 'acknowledged', 'silenced', 'resolved']
    .filter((state) => counts.has(state))
    .map((state) => `${counts.get(state)} ${state}`)
    .join(', ');
}

function describeStep(step: StepRunEvent): string {
  const command = oneLine(redactSecrets(step.command), COMMAND_CHARS).replace(/`/g, "'");
  return `• ${clock(step.at)} \`${command}\`${describeTarget(step.context, step.namespace)} → ${describeOutcome(step.exitCode, step.durationMs)}`;
}

function clock(at: string): string {
  const ms = Date.parse(at);
  return Number.isNaN(ms) ? '' : formatUtcClock(ms);
}

function oneLine(text: string, max: number): string {
  return truncate(text.replace(/\s+/g, ' ').trim(), max);
}

function byTime(a: TimelineEvent, b: TimelineEvent): number {
  return Date.parse(a.at) - Date.parse(b.at);
}

// ---- what goes to Slack -------------------------------------------------------------------

/**
 * Slack reads `<...>` as links and mentions (`<!channel>` pings everyone) and `&` as the start
 * of an entity, and asks senders to escape these three; nothing in a status update is meant
 * to ping or link, so they are always escaped.
 */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function escapedLength(text: string): number {
  return escapeSlackText(text).length;
}

function fitToLimit(text: string): string {
  let cut = text.slice(0, SLACK_TEXT_LIMIT - 1);
  while (escapedLength(`${cut}…`) > SLACK_TEXT_LIMIT) cut = cut.slice(0, -16);
  return `${cut}…`;
}

export type SlackMessage =
  /** `text` is what the timeline keeps (redacted, unescaped); `body` what Slack receives. */
  | { readonly ok: true; readonly text: string; readonly body: { readonly text: string } }
  | { readonly ok: false; readonly reason: string };

/**
 * The JSON body of an incoming-webhook post for a text the user confirmed: redacted again (it
 * may have been edited), escaped, and within Slack's limit; `reason` says why not in one sentence.
 */
export function slackMessage(text: string, extraSecrets: readonly string[] = []): SlackMessage {
  let redacted = redactSecrets(text.replace(/\r\n?/g, '\n')).trim();
  for (const secret of extraSecrets) if (secret.length >= 8) redacted = redacted.split(secret).join('***');
  if (redacted === '') return { ok: false, reason: 'The status update is empty: write what the team should know.' };
  const escaped = escapeSlackText(redacted);
  if (escaped.length > SLACK_TEXT_LIMIT) {
    return { ok: false, reason: `The status update is ${thousands(escaped.length)} characters; Slack takes at most ${thousands(SLACK_TEXT_LIMIT)}: shorten it.` };
  }
  return { ok: true, text: redacted, body: { text: escaped } };
}

/** `6,000`: digits grouped the same whatever the locale. */
function thousands(count: number): string {
  return String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
