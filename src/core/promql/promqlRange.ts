// The time range and step of a query run from a runbook, and the URLs that ask Prometheus for
// it: the range API for the panel, and the graph page a person opens to carry on there.

import { formatUtc } from '../shared/timeFormat';

/** How far before the earliest alert the range starts: the lead-up is what explains it. */
export const LEAD_IN_MS = 30 * 60_000;
export const DEFAULT_RANGE_MS = 60 * 60_000;
/** About this many points per series: enough for a readable line, few enough to be quick. */
export const TARGET_POINTS = 250;

export interface QueryRange {
  readonly startMs: number;
  readonly endMs: number;
  readonly stepSeconds: number;
  /** What the range covers, for the panel and the timeline. */
  readonly basis: 'incident' | 'last-hour';
}

// Steps people read at a glance; the range is divided by TARGET_POINTS and rounded up to one.
const NICE_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400];

/** The smallest readable step that keeps the range at or under about TARGET_POINTS points. */
export function chooseStep(rangeMs: number): number {
  const raw = Math.max(1, rangeMs / 1000 / TARGET_POINTS);
  return NICE_STEPS.find((step) => step >= raw) ?? Math.ceil(raw / 86400) * 86400;
}

/**
 * From 30 minutes before the incident's earliest alert to now; the last hour without an
 * incident, or when its start is unknown or in the future (a clock ahead of this one).
 */
export function chooseRange(nowMs: number, earliestAlertMs?: number): QueryRange {
  const usable = earliestAlertMs !== undefined && Number.isFinite(earliestAlertMs) && earliestAlertMs < nowMs;
  const startMs = usable ? earliestAlertMs - LEAD_IN_MS : nowMs - DEFAULT_RANGE_MS;
  // Whole seconds: Prometheus aligns nothing, and the graph page takes seconds.
  const start = Math.floor(startMs / 1000) * 1000;
  const end = Math.ceil(nowMs / 1000) * 1000;
  return { startMs: start, endMs: end, stepSeconds: chooseStep(end - start), basis: usable ? 'incident' : 'last-hour' };
}

/** `90` → `1m30s`, `3600` → `1h`, `0.5` → `500ms`: Prometheus's duration syntax. */
export function formatPromDuration(seconds: number): string {
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  let rest = Math.round(seconds);
  let text = '';
  for (const [unit, size] of [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]] as const) {
    const count = Math.floor(rest / size);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * size;
  }
  return text || '0s';
}

/** The parameters of `GET /api/v1/query_range`. */
export function queryRangeParams(query: string, range: QueryRange): [string, string][] {
  return [
    ['query', query],
    ['start', String(range.startMs / 1000)],
    ['end', String(range.endMs / 1000)],
    ['step', String(range.stepSeconds)],
  ];
}

/**
 * The graph page for the same query and range (`/graph?g0.expr=…`), under the base URL's path
 * (a Prometheus behind `--web.external-url=/prometheus`). No credentials: it opens in a browser.
 */
export function graphUrl(baseUrl: string, query: string, range: QueryRange): string {
  const url = new URL(baseUrl);
  url.username = '';
  url.password = '';
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/graph`;
  url.hash = '';
  const params = new URLSearchParams();
  params.set('g0.expr', query);
  params.set('g0.tab', '0');
  params.set('g0.stacked', '0');
  params.set('g0.range_input', formatPromDuration((range.endMs - range.startMs) / 1000));
  params.set('g0.end_input', formatUtc(range.endMs));
  params.set('g0.moment_input', formatUtc(range.endMs));
  params.set('g0.step_input', String(range.stepSeconds));
  url.search = params.toString();
  return url.toString();
}

/**
 * The Prometheus an alert came from, read off its `generatorURL` (`http://host:9090/graph?g0.expr=…`,
 * or `/prometheus/graph` behind a prefix): the base URL, or undefined when the link is not a
 * Prometheus graph link (Grafana's alerting pages, Thanos' `/alerts`, anything else).
 */
export function prometheusFromGeneratorUrl(generatorUrl: string | undefined): string | undefined {
  if (!generatorUrl) return undefined;
  let url: URL;
  try {
    url = new URL(generatorUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!/\/graph\/?$/.test(url.pathname) || !url.searchParams.has('g0.expr')) return undefined;
  const prefix = url.pathname.replace(/\/graph\/?$/, '');
  return `${url.protocol}//${url.host}${prefix}`;
}

/** An alert as the incident model and the incident record both carry it. */
export interface AlertFacts {
  /** ISO 8601; empty when unknown. */
  readonly startedAt: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly url?: string;
}

export interface IncidentWindow {
  /** Epoch ms of the earliest alert; undefined when no alert has a usable time. */
  readonly earliestAlertMs?: number;
  /** The labels placeholders fill from: the first alert's (the one the runbook was opened for). */
  readonly labels: Readonly<Record<string, string>>;
  /** Prometheus base URLs read off the alerts' generator URLs, first seen first, once each. */
  readonly prometheusUrls: readonly string[];
}

/** What a query needs to know of an incident: when its first alert fired, its labels, where it came from. */
export function incidentWindow(alerts: readonly AlertFacts[], declaredAt?: string): IncidentWindow {
  const times = alerts.map((alert) => Date.parse(alert.startedAt)).filter((ms) => Number.isFinite(ms));
  const declared = declaredAt !== undefined ? Date.parse(declaredAt) : Number.NaN;
  if (times.length === 0 && Number.isFinite(declared)) times.push(declared);
  const urls = alerts.map((alert) => prometheusFromGeneratorUrl(alert.url)).filter((url): url is string => url !== undefined);
  return {
    ...(times.length > 0 ? { earliestAlertMs: Math.min(...times) } : {}),
    labels: alerts[0]?.labels ?? {},
    prometheusUrls: [...new Set(urls)],
  };
}
