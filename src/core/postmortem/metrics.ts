// Response metrics: how long it took to react to, stop and close an incident. Medians rather
// than means across incidents, because one forgotten overnight session would swamp a mean.

import type { SessionRecord, TimelineEvent } from './sessionModel';
import { formatSpan } from '../shared/duration';

export interface ResponseMetrics {
  readonly timeToAcknowledgeMs?: number;
  readonly timeToMitigateMs?: number;
  readonly timeToResolveMs?: number;
}

/**
 * - acknowledge: the first acknowledgement a source reported. Only that: a step run or a note is
 *   not an acknowledgement, and counting one made the figure depend on which events a reader
 *   had loaded (the post-mortem adds journal steps, the Sessions view does not).
 * - mitigate: the first alert that resolved, else the incident's own resolution.
 * - resolve: the record's resolvedAt.
 * Each is measured from the record's start and absent when its event is missing. An event
 * recorded before the start (acknowledged in PagerDuty before the session was opened) counts as 0.
 */
export function computeMetrics(record: SessionRecord, events: readonly TimelineEvent[]): ResponseMetrics {
  const startMs = Date.parse(record.startedAt);
  if (Number.isNaN(startMs)) return {};
  const since = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : Math.max(0, ms - startMs));

  const acknowledged = earliest(events, (e) => e.type === 'alert-acknowledged');
  const mitigated = earliest(events, (e) => e.type === 'alert-resolved') ?? earliest(events, (e) => e.type === 'incident-resolved');
  const resolvedMs = record.resolvedAt === undefined ? undefined : Date.parse(record.resolvedAt);

  const metrics: { timeToAcknowledgeMs?: number; timeToMitigateMs?: number; timeToResolveMs?: number } = {};
  const acknowledgeMs = since(acknowledged);
  const mitigateMs = since(mitigated);
  const resolveMs = resolvedMs === undefined || Number.isNaN(resolvedMs) ? undefined : since(resolvedMs);
  if (acknowledgeMs !== undefined) metrics.timeToAcknowledgeMs = acknowledgeMs;
  if (mitigateMs !== undefined) metrics.timeToMitigateMs = mitigateMs;
  if (resolveMs !== undefined) metrics.timeToResolveMs = resolveMs;
  return metrics;
}

function earliest(events: readonly TimelineEvent[], matches: (event: TimelineEvent) => boolean): number | undefined {
  let found: number | undefined;
  for (const event of events) {
    if (!matches(event)) continue;
    const ms = Date.parse(event.at);
    if (!Number.isNaN(ms) && (found === undefined || ms < found)) found = ms;
  }
  return found;
}

/** The median of each metric over the incidents that have it; a metric no incident has stays absent. */
export function medianMetrics(list: readonly ResponseMetrics[]): ResponseMetrics {
  const result: { timeToAcknowledgeMs?: number; timeToMitigateMs?: number; timeToResolveMs?: number } = {};
  for (const key of ['timeToAcknowledgeMs', 'timeToMitigateMs', 'timeToResolveMs'] as const) {
    const values = list.map((metrics) => metrics[key]).filter((value): value is number => value !== undefined && Number.isFinite(value));
    const value = median(values);
    if (value !== undefined) result[key] = value;
  }
  return result;
}

function median(values: number[]): number | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** `12 min`, `1 h 5 min`, `45 s`; `—` when unknown. */
export function formatMetric(ms?: number): string {
  if (ms === undefined || !Number.isFinite(ms) || ms < 0) return '—';
  return formatSpan(ms);
}

export interface ResponseTime {
  /** `Time to acknowledge`, `Time to mitigate`, `Time to resolve`. */
  readonly label: string;
  readonly value: string;
}

/**
 * The response times as every view states them: acknowledge only when someone acknowledged
 * (no `—` for a step that never happens with Alertmanager), mitigate and resolve always.
 */
export function describeResponseTimes(metrics: ResponseMetrics): ResponseTime[] {
  const times: ResponseTime[] = [];
  if (metrics.timeToAcknowledgeMs !== undefined) times.push({ label: 'Time to acknowledge', value: formatMetric(metrics.timeToAcknowledgeMs) });
  times.push({ label: 'Time to mitigate', value: formatMetric(metrics.timeToMitigateMs) });
  times.push({ label: 'Time to resolve', value: formatMetric(metrics.timeToResolveMs) });
  return times;
}
