// The incident timeline as people read it: one row per event, in time order, in words. It is
// shown in the editor and pasted into post-mortems that leave the team, so every text that
// came from a command line or a note goes through secret redaction here, whatever the
// caller already did.

import { redactSecrets } from '../execution/secretRedaction';
import { describeEvidence } from './evidence';
import type { TimelineEvent, TimelineEventType } from './sessionModel';
import { describePagerDutyEvent, isPagerDutyEvent, pagerDutyEventIdentity, type PagerDutyTimelineEvent, type PagerDutyTimelineEventType } from './pagerDutyEvents';
import { formatStepDuration } from '../shared/duration';
import { formatLocal, formatUtc } from '../shared/timeFormat';

export interface TimelineRow {
  /** The event's time as recorded (ISO 8601). */
  readonly at: string;
  /** `YYYY-MM-DD HH:MM:SS`, UTC. */
  readonly utc: string;
  /** `YYYY-MM-DD HH:MM:SS <zone>` in the requested time zone. */
  readonly local: string;
  /** What happened, in words: `Alert fired`, `Step run`... */
  readonly event: string;
  readonly detail: string;
  readonly type: TimelineEventType;
  /** For step runs: the (redacted) command that starts `detail`, so renderers can show it as code. */
  readonly command?: string;
  /** For step runs: the run, whose captured output the row opens. */
  readonly runId?: string;
}

export interface AssembleTimelineOptions {
  /** IANA zone for `local`, e.g. `Europe/Berlin`; UTC when absent or unknown to the runtime. */
  readonly timeZone?: string;
}

const EVENT_WORDS: Readonly<Record<Exclude<TimelineEventType, 'checklist-ticked' | PagerDutyTimelineEventType>, string>> = {
  'incident-started': 'Incident started',
  'alert-fired': 'Alert fired',
  'alert-acknowledged': 'Alert acknowledged',
  'alert-silenced': 'Alert silenced',
  'alert-resolved': 'Alert resolved',
  'severity-changed': 'Severity changed',
  'step-run': 'Step run',
  note: 'Note',
  evidence: 'Evidence added',
  'incident-resolved': 'Incident resolved',
  'status-update-posted': 'Status update posted',
};

/**
 * Sorts events by time (events at the same instant keep the order given), drops repeats of
 * the same event (a store that appended it twice, an alert seen again after a reload), and
 * words each one. Events whose time does not parse are left out: they cannot be placed.
 */
export function assembleTimeline(events: readonly TimelineEvent[], options: AssembleTimelineOptions = {}): TimelineRow[] {
  const kept: { event: TimelineEvent; ms: number; order: number }[] = [];
  const byKey = new Map<string, number>();
  events.forEach((event, order) => {
    const ms = Date.parse(event.at);
    if (Number.isNaN(ms)) return;
    const key = identify(event, ms);
    const earlier = byKey.get(key);
    if (earlier === undefined) {
      byKey.set(key, kept.length);
      kept.push({ event, ms, order });
    } else if (event.type === 'step-run' && knowsMoreThan(event, kept[earlier].event)) {
      // The same run logged before and after it finished: keep the finished one, in the first one's place.
      kept[earlier] = { ...kept[earlier], event };
    }
  });
  kept.sort((a, b) => a.ms - b.ms || a.order - b.order);
  return kept.map(({ event, ms }) => describe(event, ms, options.timeZone));
}

/** Same type, same instant, same subject: the same event. A step run is identified by its run id alone. */
function identify(event: TimelineEvent, ms: number): string {
  const fields = ((): unknown[] => {
    switch (event.type) {
      case 'incident-started':
        return [event.title, event.severity];
      case 'alert-fired':
      case 'alert-acknowledged':
      case 'alert-resolved':
        return [event.incidentId];
      case 'alert-silenced':
        return [event.incidentId, event.silenceId];
      case 'severity-changed':
        return [event.from, event.to, event.incidentId];
      case 'step-run':
        return [];
      case 'checklist-ticked':
        return [event.runbook, event.item, event.checked];
      case 'note':
        return [event.text];
      case 'evidence':
        return [event.text, event.origin];
      case 'incident-resolved':
        return [event.summary];
      case 'status-update-posted':
        return [event.text];
      case 'pagerduty-action':
      case 'pagerduty-note-posted':
      case 'pagerduty-log-entry':
        return pagerDutyEventIdentity(event);
    }
  })();
  return event.type === 'step-run' ? JSON.stringify([event.type, event.runId]) : JSON.stringify([event.type, ms, ...fields]);
}

function knowsMoreThan(candidate: TimelineEvent, existing: TimelineEvent): boolean {
  if (candidate.type !== 'step-run' || existing.type !== 'step-run') return false;
  const score = (e: { exitCode: number | null; durationMs: number | null }): number => (e.exitCode !== null ? 2 : 0) + (e.durationMs !== null ? 1 : 0);
  return score(candidate) > score(existing);
}

function describe(event: TimelineEvent, ms: number, timeZone: string | undefined): TimelineRow {
  const base = { at: event.at, utc: formatUtc(ms), local: formatLocal(ms, timeZone), type: event.type };
  if (event.type === 'step-run') {
    const command = redactSecrets(event.command);
    const takenIn = event.takenIn ? ' (taken in: ran before the incident was declared)' : '';
    const detail = redactSecrets(`${command}${describeTarget(event.context, event.namespace)} → ${describeOutcome(event.exitCode, event.durationMs)}${takenIn}`);
    const row = { ...base, event: EVENT_WORDS['step-run'], detail, runId: event.runId };
    return detail.startsWith(command) ? { ...row, command } : row;
  }
  if (isPagerDutyEvent(event)) {
    const words = describePagerDutyEvent(event);
    return { ...base, event: words.event, detail: redactSecrets(words.detail) };
  }
  const word = event.type === 'checklist-ticked' ? (event.checked ? 'Checklist item ticked' : 'Checklist item unticked') : EVENT_WORDS[event.type];
  return { ...base, event: word, detail: redactSecrets(describeDetail(event)) };
}

function describeDetail(event: Exclude<TimelineEvent, { type: 'step-run' } | PagerDutyTimelineEvent>): string {
  switch (event.type) {
    case 'incident-started':
      return `${event.title} (${event.severity})${event.by ? `, declared by ${event.by}` : ''}`;
    case 'alert-fired': {
      const named = event.alertName && event.alertName !== event.title ? `${event.alertName}: ${event.title}` : event.title;
      return `${event.severity} ${named} (${event.source})`;
    }
    case 'alert-acknowledged':
      return `${event.title}${event.by ? ` by ${event.by}` : ''}`;
    case 'alert-silenced': {
      const untilMs = Date.parse(event.until);
      const until = Number.isNaN(untilMs) ? event.until : `${formatUtc(untilMs)} UTC`;
      const comment = event.comment.trim() ? `: “${event.comment.trim()}”` : '';
      return `${event.title}, until ${until} (silence ${event.silenceId})${comment}`;
    }
    case 'alert-resolved':
      return event.title;
    case 'severity-changed':
      return `${event.from} → ${event.to}`;
    case 'checklist-ticked':
      return `${event.item} (${event.runbookTitle})`;
    case 'note':
      return event.text;
    case 'evidence':
      return describeEvidence(event);
    case 'incident-resolved':
      return event.summary ?? '';
    case 'status-update-posted':
      return `${event.via}: ${event.text}`;
  }
}

/** ` in prod-eu/shop`: where a step ran, as the status bar names it. */
export function describeTarget(context: string, namespace: string): string {
  if (!context && !namespace) return '';
  return ` in ${context || '(no context)'}${namespace ? `/${namespace}` : ''}`;
}

/** `exit 1 (2.3 s)`; says so when the shell reported nothing (no shell integration, or still running). */
export function describeOutcome(exitCode: number | null, durationMs: number | null): string {
  const duration = durationMs === null ? '' : ` (${formatStepDuration(durationMs)})`;
  if (exitCode !== null) return `exit ${exitCode}${duration}`;
  return durationMs === null ? 'no result recorded' : `exit code unknown${duration}`;
}

/**
 * A markdown table `| Time (UTC) | Event | Detail |`. Commands are shown as code; in plain
 * text, pipes are escaped and `<` is written as an entity (a `<pod-name>` left in a command
 * would otherwise vanish as an unknown HTML tag); line breaks become `<br>`.
 */
export function renderTimelineTable(rows: readonly TimelineRow[]): string {
  const lines = ['| Time (UTC) | Event | Detail |', '|---|---|---|'];
  for (const row of rows) {
    let detail: string;
    if (row.command !== undefined && row.command !== '' && row.detail.startsWith(row.command)) {
      detail = codeSpan(row.command) + escapeCell(row.detail.slice(row.command.length));
    } else detail = escapeCell(row.detail);
    lines.push(`| ${escapeCell(row.utc)} | ${escapeCell(row.event)} | ${detail} |`);
  }
  return lines.join('\n');
}

/** Text safe inside a table cell. */
export function escapeCell(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\\(?=\|)/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/\n/g, '<br>');
}

/**
 * A code span holding `text` on one line (a table row cannot break): line continuations are
 * joined, other line breaks shown as ` ⏎ `. The backtick fence is longer than any run inside.
 */
export function codeSpan(text: string): string {
  const oneLine = text
    .replace(/\r\n?/g, '\n')
    .replace(/[ \t]*\\\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join(' ⏎ ')
    // Inside a table even a code span ends at a bare pipe.
    .replace(/\|/g, '\\|');
  const longestRun = Math.max(0, ...(oneLine.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${oneLine}${pad}${fence}`;
}
