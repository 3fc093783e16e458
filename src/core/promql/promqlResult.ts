// What a range query answered, as the panel and the timeline show it: one row per series
// (its labels, last, min and max), the points for the chart, and one sentence for every way
// a query can fail.

import { isJsonObject } from '../incidents/jsonShapes';

/** More series than this are cut: a chart of thousands of lines shows nothing. */
export const MAX_SERIES = 500;

export interface SeriesPoint {
  /** Epoch ms. */
  readonly t: number;
  /** NaN and ±Infinity as Prometheus sends them. */
  readonly v: number;
}

export interface SeriesRow {
  /** `metric{label="value", …}`, as Prometheus writes a series. */
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly points: readonly SeriesPoint[];
  /** The last finite value (undefined when there is none), and the least and greatest. */
  readonly last?: number;
  readonly min?: number;
  readonly max?: number;
}

export interface QueryResult {
  readonly series: readonly SeriesRow[];
  /** How many series Prometheus sent (more than `series.length` when cut). */
  readonly total: number;
  /** Prometheus' own warnings, and the note when series were cut. */
  readonly notes: readonly string[];
}

/** Reads the body of a successful `query_range` (or `query`) answer; a sentence when it is not one. */
export function readQueryResult(json: unknown): QueryResult | { problem: string } {
  if (!isJsonObject(json) || json.status !== 'success' || !isJsonObject(json.data)) return { problem: 'Prometheus answered something that is not a query result.' };
  const { resultType, result } = json.data;
  const notes = Array.isArray(json.warnings) ? json.warnings.filter((w): w is string => typeof w === 'string').map((w) => `Prometheus warns: ${w}`) : [];
  let raw: { metric: Record<string, string>; values: unknown[] }[];
  if (resultType === 'matrix' && Array.isArray(result)) raw = result.filter(isJsonObject).map((s) => ({ metric: stringRecord(s.metric), values: Array.isArray(s.values) ? s.values : [] }));
  else if (resultType === 'vector' && Array.isArray(result)) raw = result.filter(isJsonObject).map((s) => ({ metric: stringRecord(s.metric), values: [s.value] }));
  else if (resultType === 'scalar' || resultType === 'string') raw = [{ metric: {}, values: [result] }];
  else return { problem: `Prometheus answered a result of type ${String(resultType)}, which the panel cannot show.` };
  const kept = raw.slice(0, MAX_SERIES).map((s) => seriesRow(s.metric, s.values));
  if (raw.length > MAX_SERIES) notes.push(`Showing the first ${MAX_SERIES} of ${raw.length} series; narrow the query to see the rest.`);
  return { series: kept, total: raw.length, notes };
}

function stringRecord(value: unknown): Record<string, string> {
  if (!isJsonObject(value)) return {};
  return Object.fromEntries(Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/** Prometheus writes values as strings: `"1.5"`, `"NaN"`, `"+Inf"`, `"-Inf"`. */
export function parseSampleValue(text: unknown): number {
  if (typeof text === 'number') return text;
  if (typeof text !== 'string') return Number.NaN;
  if (text === '+Inf' || text === 'Inf') return Number.POSITIVE_INFINITY;
  if (text === '-Inf') return Number.NEGATIVE_INFINITY;
  const value = Number(text);
  return text.trim() === '' ? Number.NaN : value;
}

/** A series' row: its points in time order and the statistics of its finite values. */
export function seriesRow(labels: Readonly<Record<string, string>>, values: readonly unknown[]): SeriesRow {
  const points: SeriesPoint[] = [];
  for (const pair of values) {
    if (!Array.isArray(pair) || typeof pair[0] !== 'number') continue;
    points.push({ t: Math.round(pair[0] * 1000), v: parseSampleValue(pair[1]) });
  }
  points.sort((a, b) => a.t - b.t);
  const finite = points.filter((p) => Number.isFinite(p.v)).map((p) => p.v);
  const stats = finite.length === 0 ? {} : { last: finite[finite.length - 1]!, min: Math.min(...finite), max: Math.max(...finite) };
  return { name: seriesName(labels), labels, points, ...stats };
}

/** `up{instance="a:9100", job="node"}`; `{}` for a series without labels (a scalar, `sum(...)`). */
export function seriesName(labels: Readonly<Record<string, string>>): string {
  const metric = labels.__name__ ?? '';
  const rest = Object.keys(labels)
    .filter((key) => key !== '__name__')
    .sort()
    .map((key) => `${key}=${JSON.stringify(labels[key])}`);
  return rest.length === 0 && metric !== '' ? metric : `${metric}{${rest.join(', ')}}`;
}

/** `1.23k`-free: up to 4 significant digits, exponent form for very large or small values. */
export function formatSample(value: number | undefined): string {
  if (value === undefined) return '–';
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e9 || magnitude < 1e-4) return value.toExponential(3).replace(/\.?0+e/, 'e');
  return String(Number(value.toPrecision(4)));
}

/** What the request came back with when it failed, as the HTTP layer knows it. */
export interface QueryFailure {
  readonly reason: 'unreachable' | 'timeout' | 'tls' | 'status' | 'not-json' | 'too-large' | 'bad-url' | 'aborted';
  readonly detail: string;
  readonly status?: number;
  readonly body?: string;
}

/** Prometheus' error body: `{"status":"error","errorType":"bad_data","error":"1:5: parse error: …"}`. */
function prometheusError(body: string | undefined): { type?: string; error?: string } {
  if (!body) return {};
  try {
    const json: unknown = JSON.parse(body);
    if (isJsonObject(json)) return { ...(typeof json.errorType === 'string' ? { type: json.errorType } : {}), ...(typeof json.error === 'string' ? { error: json.error } : {}) };
  } catch {
    // not JSON: a proxy's page
  }
  return {};
}

/** `1:14: parse error: unexpected …` → its position and the message without it. */
export function parseErrorPosition(error: string): { line: number; column: number; message: string } | undefined {
  const match = /^(\d+):(\d+):\s*(.*)$/s.exec(error.trim());
  return match ? { line: Number(match[1]), column: Number(match[2]), message: match[3]! } : undefined;
}

/** One sentence for a failed query, naming the Prometheus (`name`). */
export function describeQueryFailure(failure: QueryFailure, name: string, timeLimit: string): string {
  const said = prometheusError(failure.body);
  const error = said.error?.replace(/\s+/g, ' ').trim();
  switch (failure.reason) {
    case 'timeout':
      return `Prometheus ${name} did not answer within ${timeLimit}; try a shorter range or a cheaper query.`;
    case 'unreachable':
    case 'aborted':
      return `Prometheus ${name} is unreachable (${failure.detail}).`;
    case 'tls':
      return `Prometheus ${name} failed TLS: ${failure.detail}; check its tls settings.`;
    case 'bad-url':
      return `The URL of Prometheus ${name} is not usable (${failure.detail}): fix it in the settings.`;
    case 'not-json':
    case 'too-large':
      return `Prometheus ${name} sent ${failure.detail}, not a query result: is the URL a Prometheus?`;
    case 'status':
      return describeStatus(failure.status ?? 0, said.type, error, name);
  }
}

function describeStatus(status: number, type: string | undefined, error: string | undefined, name: string): string {
  if (status === 400 && error) {
    const position = parseErrorPosition(error);
    if (position) return `The query is not valid PromQL at line ${position.line}, column ${position.column}: ${position.message}`;
    return `Prometheus ${name} refused the query: ${error}`;
  }
  if (status === 401 || status === 403) return `Prometheus ${name} refused the request (${status}): set its password or token.`;
  if (status === 404) return `Prometheus ${name} has no query API at its URL (404): check the URL and any path prefix in the settings.`;
  if (status === 422) return `Prometheus ${name} could not run the query (422${type ? `, ${type}` : ''}): ${error ?? 'no reason given'}.`;
  if (status === 503) return `Prometheus ${name} is unavailable or overloaded (503${type ? `, ${type}` : ''}): ${error ?? 'try again shortly'}.`;
  return `Prometheus ${name} answered HTTP ${status}${error ? `: ${error}` : '.'}`;
}
