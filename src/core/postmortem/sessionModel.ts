// The incident session: what an on-call engineer declares when an alert becomes "an
// incident", and everything that happens until it is resolved. Stored as JSON lines (one
// record line, then events) so a crash mid-write loses at most the line being written, and
// the post-mortem can be rebuilt from the file alone. Plain data only, no vscode types.

import { collectStepRuns, type JournalEntry, type StepOutputRef, type StepStartedEntry } from '../execution/executionJournal';
import { redactSecrets } from '../execution/secretRedaction';
import type { Incident, IncidentSource } from '../incidents/incidentModel';
import { isSeverityLevel, type SeverityLevel } from '../shared/severity';
import { PAGERDUTY_EVENT_CHECKS, type PagerDutyTimelineEvent } from './pagerDutyEvents';

/** An alert or page the session was started from (or that joined it later). */
export interface SourceIncidentRef {
  /** `Incident.id`: `incident/<source>/<sourceName>/<sourceId>`. */
  readonly incidentId: string;
  readonly source: IncidentSource;
  readonly sourceName: string;
  readonly title: string;
  readonly alertName?: string;
  /** ISO 8601 as the source gave it; empty when it gave none. */
  readonly startedAt: string;
  readonly url?: string;
  readonly runbookUrl?: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface SessionRecord {
  /** `INC-YYYYMMDD-NNN`, see nextSessionId. */
  readonly id: string;
  readonly title: string;
  readonly severity: SeverityLevel;
  /** ISO 8601, UTC. */
  readonly startedAt: string;
  /** ISO 8601, UTC; absent while the incident is open. */
  readonly resolvedAt?: string;
  readonly sources: readonly SourceIncidentRef[];
  readonly runbookUri?: string;
  readonly service?: string;
  readonly responders?: readonly string[];
}

export interface IncidentStartedEvent {
  readonly type: 'incident-started';
  readonly at: string;
  readonly title: string;
  readonly severity: SeverityLevel;
  readonly by?: string;
}

export interface AlertFiredEvent {
  readonly type: 'alert-fired';
  readonly at: string;
  readonly incidentId: string;
  readonly title: string;
  readonly alertName?: string;
  readonly source: IncidentSource;
  readonly severity: SeverityLevel;
}

export interface AlertAcknowledgedEvent {
  readonly type: 'alert-acknowledged';
  readonly at: string;
  readonly incidentId: string;
  readonly title: string;
  readonly by?: string;
}

export interface AlertSilencedEvent {
  readonly type: 'alert-silenced';
  readonly at: string;
  readonly incidentId: string;
  readonly title: string;
  readonly silenceId: string;
  /** ISO 8601: when the silence expires. */
  readonly until: string;
  readonly comment: string;
}

export interface AlertResolvedEvent {
  readonly type: 'alert-resolved';
  readonly at: string;
  readonly incidentId: string;
  readonly title: string;
}

export interface SeverityChangedEvent {
  readonly type: 'severity-changed';
  readonly at: string;
  readonly from: SeverityLevel;
  readonly to: SeverityLevel;
  readonly incidentId?: string;
}

export interface StepRunEvent {
  readonly type: 'step-run';
  /** When the step started. */
  readonly at: string;
  readonly runId: string;
  readonly runbook: string;
  readonly runbookTitle: string;
  readonly section?: string;
  /** Secrets already redacted (the journal stores it so). */
  readonly command: string;
  readonly context: string;
  readonly namespace: string;
  /** Null while running, or when the shell could not report it. */
  readonly exitCode: number | null;
  readonly durationMs: number | null;
  /** True when it ran before the incident was declared and no other incident owned it: taken in from before. */
  readonly takenIn?: boolean;
  /** What the step printed, as the journal names it; absent when it was not captured. */
  readonly output?: StepOutputRef;
}

export interface ChecklistTickedEvent {
  readonly type: 'checklist-ticked';
  readonly at: string;
  readonly runbook: string;
  readonly runbookTitle: string;
  readonly item: string;
  /** False when an item was unticked again. */
  readonly checked: boolean;
}

export interface NoteEvent {
  readonly type: 'note';
  readonly at: string;
  readonly text: string;
}

/** Where a piece of evidence was selected: lines of a file (or untitled editor), or a terminal. */
export type EvidenceOrigin =
  | {
      readonly kind: 'editor';
      /** Workspace-relative path, or the editor's name for a document never saved. */
      readonly path: string;
      /** 1-based, inclusive. */
      readonly startLine: number;
      readonly endLine: number;
    }
  | { readonly kind: 'terminal'; readonly name: string };

/** Text a responder selected and added to the timeline as evidence: secrets masked, at most 64 KB. */
export interface EvidenceEvent {
  readonly type: 'evidence';
  readonly at: string;
  readonly text: string;
  readonly origin: EvidenceOrigin;
  /** Bytes of the selection left out because it was longer than the evidence limit. */
  readonly omittedBytes?: number;
}

export interface IncidentResolvedEvent {
  readonly type: 'incident-resolved';
  readonly at: string;
  readonly summary?: string;
}

/** A status update posted to the team's channel: the text as sent (never where it was sent: the webhook URL is a secret). */
export interface StatusUpdatePostedEvent {
  readonly type: 'status-update-posted';
  readonly at: string;
  readonly text: string;
  /** Where it went, in words: `Slack`. */
  readonly via: string;
}

export type TimelineEvent =
  | IncidentStartedEvent
  | AlertFiredEvent
  | AlertAcknowledgedEvent
  | AlertSilencedEvent
  | AlertResolvedEvent
  | SeverityChangedEvent
  | StepRunEvent
  | ChecklistTickedEvent
  | NoteEvent
  | EvidenceEvent
  | IncidentResolvedEvent
  | StatusUpdatePostedEvent
  | PagerDutyTimelineEvent;

export type TimelineEventType = TimelineEvent['type'];

/** A line of the session file. The store appends a new record line whenever the record changes; the last one wins. */
export type SessionLine = { readonly type: 'record'; readonly record: SessionRecord } | TimelineEvent;

export function sourceRefFromIncident(incident: Incident): SourceIncidentRef {
  return {
    incidentId: incident.id,
    source: incident.source,
    sourceName: incident.sourceName,
    title: incident.title,
    ...(incident.alertName !== undefined ? { alertName: incident.alertName } : {}),
    startedAt: incident.startedAt,
    ...(incident.url !== undefined ? { url: incident.url } : {}),
    ...(incident.runbookUrl !== undefined ? { runbookUrl: incident.runbookUrl } : {}),
    // Copied so a later snapshot of the incident cannot change what the session recorded.
    labels: { ...incident.labels },
  };
}

const INCIDENT_ID = /^INC-(\d{8})-(\d{3,})$/;

/** `INC-YYYYMMDD-NNN` for the UTC day of `now`; NNN is one more than the highest of that day, so ids stay unique after deletions. */
export function nextSessionId(now: Date, existingIds: Iterable<string>): string {
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  let highest = 0;
  for (const id of existingIds) {
    const match = INCIDENT_ID.exec(id);
    if (match !== null && match[1] === day) highest = Math.max(highest, Number(match[2]));
  }
  return `INC-${day}-${String(highest + 1).padStart(3, '0')}`;
}

/** The chat channel people conventionally open for an incident: `#incident-2026-11-24-001`. */
export function channelName(id: string): string {
  const match = INCIDENT_ID.exec(id);
  if (match !== null) {
    const day = match[1];
    return `#incident-${day.slice(0, 4)}-${day.slice(4, 6)}-${day.slice(6)}-${match[2]}`;
  }
  const slug = id.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return `#incident-${slug || 'unnamed'}`;
}

export function serializeSessionLine(line: SessionLine): string {
  return `${JSON.stringify(line)}\n`;
}

export interface ParsedSession {
  /** The last record line; absent when none could be read. */
  readonly record?: SessionRecord;
  readonly events: TimelineEvent[];
  /** 1-based line numbers that could not be read (corrupt, torn, or of an unknown kind). */
  readonly skippedLines: number[];
}

/**
 * Reads a session file. A line that does not parse is skipped and counted: one bad line must
 * not hide the rest. When no record line can be read (the first line torn), the record is
 * rebuilt from the events and the file's `id`, so the incident does not vanish with one line;
 * a torn resolution record is made good by the incident-resolved event.
 */
export function parseSession(text: string, id?: string): ParsedSession {
  let record: SessionRecord | undefined;
  const events: TimelineEvent[] = [];
  const skippedLines: number[] = [];
  text.split('\n').forEach((rawLine, index) => {
    const line = rawLine.trim();
    if (line === '') return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      skippedLines.push(index + 1);
      return;
    }
    if (isRecordLine(value)) record = value.record;
    else if (isTimelineEvent(value)) events.push(value);
    else skippedLines.push(index + 1);
  });
  record ??= id === undefined ? undefined : recordFromEvents(id, events);
  const resolved = events.find((event) => event.type === 'incident-resolved');
  if (record && record.resolvedAt === undefined && resolved) record = { ...record, resolvedAt: resolved.at };
  return record === undefined ? { events, skippedLines } : { record, events, skippedLines };
}

/** A record rebuilt from what the events say: the declaration and the alerts it was started from. */
function recordFromEvents(id: string, events: readonly TimelineEvent[]): SessionRecord | undefined {
  const started = events.find((event): event is IncidentStartedEvent => event.type === 'incident-started');
  if (!started) return undefined;
  const fired = events.filter((event): event is AlertFiredEvent => event.type === 'alert-fired');
  const sources = fired.map(
    (event): SourceIncidentRef => ({
      incidentId: event.incidentId,
      source: event.source,
      // `incident/<source>/<sourceName>/<sourceId>`
      sourceName: event.incidentId.split('/')[2] ?? '',
      title: event.title,
      ...(event.alertName !== undefined ? { alertName: event.alertName } : {}),
      startedAt: event.at,
      labels: {},
    }),
  );
  const startedAt = [started.at, ...fired.map((event) => event.at)].sort()[0];
  return { id, title: started.title, severity: started.severity, startedAt, sources, ...(started.by ? { responders: [started.by] } : {}) };
}

/** The times that decide which incident a step run belongs to. */
export interface SessionSpan {
  readonly id: string;
  /** When the incident started (its first alert fired): runs from here on may be taken in. */
  readonly startedAt: string;
  /** When it was declared (Start Incident): runs from here until it is resolved are its own. */
  readonly declaredAt: string;
  readonly resolvedAt?: string;
}

export function sessionSpan(record: SessionRecord, events: readonly TimelineEvent[]): SessionSpan {
  const declaredAt = events.find((event) => event.type === 'incident-started')?.at ?? record.startedAt;
  return { id: record.id, startedAt: record.startedAt, declaredAt, ...(record.resolvedAt !== undefined ? { resolvedAt: record.resolvedAt } : {}) };
}

function within(ms: number, from: string, to: string | undefined): boolean {
  return ms >= Date.parse(from) && ms <= (to === undefined ? Number.POSITIVE_INFINITY : Date.parse(to));
}

/**
 * The incident a run that started at `ms` belongs to: the one active (declared, not yet
 * resolved) then; else the first declared of those whose time span reaches back to it (it
 * took the run in first). Undefined when none.
 */
function ownerOf(ms: number, spans: readonly SessionSpan[]): string | undefined {
  const active = spans.find((span) => within(ms, span.declaredAt, span.resolvedAt));
  if (active) return active.id;
  const takers = spans.filter((span) => within(ms, span.startedAt, span.resolvedAt)).sort((a, b) => Date.parse(a.declaredAt) - Date.parse(b.declaredAt));
  return takers[0]?.id;
}

/**
 * Step runs from the execution journal that belong to `session`, as timeline events in journal
 * order: a run belongs to one incident only (see ownerOf, weighed against `others`). Runs from
 * before the declaration are marked taken in. A run without its finished entry (still running,
 * or the editor died) keeps null exit code and duration.
 */
/** Every heading holding the step, so the fourth "Investigation" is told from the first; an older entry kept only the innermost. */
function sectionOf(started: StepStartedEntry): { section?: string } {
  if (started.sectionPath !== undefined && started.sectionPath.length > 0) return { section: started.sectionPath.join(' › ') };
  return started.section !== undefined ? { section: started.section } : {};
}

export function eventsFromJournal(entries: JournalEntry[], session: SessionSpan, others: readonly SessionSpan[] = []): StepRunEvent[] {
  const spans = [session, ...others.filter((other) => other.id !== session.id)];
  const declaredMs = Date.parse(session.declaredAt);
  const events: StepRunEvent[] = [];
  for (const { started, finished } of collectStepRuns(entries)) {
    const startedMs = Date.parse(started.at);
    if (ownerOf(startedMs, spans) !== session.id) continue;
    events.push({
      type: 'step-run',
      at: started.at,
      runId: started.runId,
      runbook: started.runbook,
      runbookTitle: started.runbookTitle,
      ...sectionOf(started),
      // The journal stores commands redacted; redacting again costs little and covers an older journal.
      command: redactSecrets(started.command),
      context: started.context,
      namespace: started.namespace,
      exitCode: finished?.exitCode ?? null,
      durationMs: finished?.durationMs ?? null,
      ...(startedMs < declaredMs ? { takenIn: true } : {}),
      ...(finished?.output !== undefined ? { output: finished.output } : {}),
    });
  }
  return events;
}

// ---- validation of lines read back ------------------------------------------------------

const SOURCES: ReadonlySet<unknown> = new Set(['alertmanager', 'kubernetes', 'pagerduty']);

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function areStrings(value: Fields, keys: readonly string[]): boolean {
  return keys.every((key) => typeof value[key] === 'string');
}

/** Optional fields may be missing, but when present they must have the right type. */
function areOptionalStrings(value: Fields, keys: readonly string[]): boolean {
  return keys.every((key) => value[key] === undefined || typeof value[key] === 'string');
}

function isNumberOrNull(value: unknown): boolean {
  return value === null || (typeof value === 'number' && Number.isFinite(value));
}

function isCount(value: unknown): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isEvidenceOrigin(value: unknown): boolean {
  if (!isObject(value)) return false;
  if (value.kind === 'terminal') return areStrings(value, ['name']);
  return value.kind === 'editor' && areStrings(value, ['path']) && isCount(value.startLine) && isCount(value.endLine);
}

function isSourceRef(value: unknown): value is SourceIncidentRef {
  return (
    isObject(value) &&
    areStrings(value, ['incidentId', 'sourceName', 'title', 'startedAt']) &&
    SOURCES.has(value.source) &&
    areOptionalStrings(value, ['alertName', 'url', 'runbookUrl']) &&
    isObject(value.labels)
  );
}

function isIncidentRecord(value: unknown): value is SessionRecord {
  return (
    isObject(value) &&
    areStrings(value, ['id', 'title', 'startedAt']) &&
    isSeverityLevel(value.severity) &&
    areOptionalStrings(value, ['resolvedAt', 'runbookUri', 'service']) &&
    Array.isArray(value.sources) &&
    value.sources.every(isSourceRef) &&
    (value.responders === undefined || (Array.isArray(value.responders) && value.responders.every((r) => typeof r === 'string')))
  );
}

function isRecordLine(value: unknown): value is { type: 'record'; record: SessionRecord } {
  return isObject(value) && value.type === 'record' && isIncidentRecord(value.record);
}

const EVENT_CHECKS: Readonly<Record<TimelineEventType, (event: Fields) => boolean>> = {
  'incident-started': (e) => areStrings(e, ['title']) && isSeverityLevel(e.severity) && areOptionalStrings(e, ['by']),
  'alert-fired': (e) => areStrings(e, ['incidentId', 'title']) && SOURCES.has(e.source) && isSeverityLevel(e.severity) && areOptionalStrings(e, ['alertName']),
  'alert-acknowledged': (e) => areStrings(e, ['incidentId', 'title']) && areOptionalStrings(e, ['by']),
  'alert-silenced': (e) => areStrings(e, ['incidentId', 'title', 'silenceId', 'until', 'comment']),
  'alert-resolved': (e) => areStrings(e, ['incidentId', 'title']),
  'severity-changed': (e) => isSeverityLevel(e.from) && isSeverityLevel(e.to) && areOptionalStrings(e, ['incidentId']),
  'step-run': (e) =>
    areStrings(e, ['runId', 'runbook', 'runbookTitle', 'command', 'context', 'namespace']) &&
    areOptionalStrings(e, ['section']) &&
    isNumberOrNull(e.exitCode) &&
    isNumberOrNull(e.durationMs) &&
    (e.takenIn === undefined || typeof e.takenIn === 'boolean'),
  'checklist-ticked': (e) => areStrings(e, ['runbook', 'runbookTitle', 'item']) && typeof e.checked === 'boolean',
  note: (e) => areStrings(e, ['text']),
  evidence: (e) => areStrings(e, ['text']) && isEvidenceOrigin(e.origin) && (e.omittedBytes === undefined || isCount(e.omittedBytes)),
  'incident-resolved': (e) => areOptionalStrings(e, ['summary']),
  'status-update-posted': (e) => areStrings(e, ['text', 'via']),
  ...PAGERDUTY_EVENT_CHECKS,
};

function isTimelineEvent(value: unknown): value is TimelineEvent {
  if (!isObject(value) || typeof value.type !== 'string' || typeof value.at !== 'string') return false;
  // An event that cannot be placed in time cannot go on the timeline.
  if (Number.isNaN(Date.parse(value.at))) return false;
  if (!Object.prototype.hasOwnProperty.call(EVENT_CHECKS, value.type)) return false;
  return EVENT_CHECKS[value.type as TimelineEventType](value);
}
