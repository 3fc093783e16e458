import { severityAtRank } from '../shared/severity';
import type { SeverityDefinition } from './model';

// Runbooks define their severity levels in a table, a list, a bold paragraph (`**P0 - Critical**`
// then `**Response Time**: 15 minutes`) or a heading per level (`### P1 - High` then such lines),
// in one of three schemes:
//   P0-P3                      taken as written;
//   SEV0-SEV4 / SEV1-SEV4      SEV0 is the worst where a runbook has one (SEV0→P0 ... SEV3→P3,
//                              SEV4→P3); where the scale starts at SEV1, SEV1 is the worst
//                              (SEV1→P0 ... SEV4→P3). Which one a runbook uses is decided by
//                              whether any SEV0 appears in it;
//   critical/high/medium/low   → P0/P1/P2/P3.
// A row counts only with a response time (a response column, or a duration in its text):
// that is what separates a severity definition from, say, a table of alerts and their levels.

type Scheme = 'priority' | 'sev' | 'word';

/** A severity row before SEV numbers are mapped (that needs the whole runbook). */
export interface SeverityRow {
  readonly scheme: Scheme;
  /** P or SEV number, or 0-3 for the words. */
  readonly rank: number;
  readonly label: string;
  readonly description?: string;
  readonly responseTime?: string;
  readonly responseMinutes?: number;
  readonly line: number;
}

const WORD_RANKS: Readonly<Record<string, number>> = { critical: 0, high: 1, medium: 2, low: 3 };

// Anchored at the start of a cell or item (after emphasis or an emoji). Words must stand
// alone or be followed by punctuation, so "High memory usage" is not the label "High".
const LABEL =
  /^[^A-Za-z0-9]*(?:(P[0-3])\b|(SEV(?:ERITY)?[- ]?[0-4])\b|(critical|high|medium|low)(?=\s*(?:$|[:\-–—(|/,.*_])))/i;

interface Label {
  readonly scheme: Scheme;
  readonly rank: number;
  readonly label: string;
  /** Length of the matched text including leading decoration. */
  readonly end: number;
}

function readLabel(text: string): Label | undefined {
  const match = LABEL.exec(text);
  if (match === null) return undefined;
  if (match[1] !== undefined) return { scheme: 'priority', rank: Number(match[1][1]), label: match[1], end: match[0].length };
  if (match[2] !== undefined) {
    return { scheme: 'sev', rank: Number(match[2][match[2].length - 1]), label: match[2], end: match[0].length };
  }
  return { scheme: 'word', rank: WORD_RANKS[match[3].toLowerCase()], label: match[3], end: match[0].length };
}

const DURATION =
  /(\d+(?:\.\d+)?)(?:\s*(?:-|–|to)\s*\d+(?:\.\d+)?)?\s*(seconds?|secs?|s|minutes?|mins?|m|hours?|hrs?|hr|h|days?|d|weeks?|w)\b/i;
const IMMEDIATE = /\b(?:immediate(?:ly)?|asap)\b/i;
const BUSINESS_DAY = /\b(?:next\s+business\s+day|business\s+days?|business\s+hours|next\s+working\s+day)\b/i;

const UNIT_MINUTES: Readonly<Record<string, number>> = { s: 1 / 60, m: 1, h: 60, d: 1440, w: 10080 };

// Update cadences are not response times: "Immediate status page update", "Update every
// 30 minutes", "Comms: every hour". A clause naming a response or acknowledgement still counts.
const CADENCE = /status\s*-?\s*page|\bupdates?\b|\bevery\b|\bcadence\b|\bcommunicat|\bcomms\b|\bbroadcast/i;
const RESPONSE_WORD = /respon|acknowledg|\back\b|\btta\b/i;
/** Clauses of a cell or item: `,` `;` `|`, a sentence end, a spaced dash. */
const CLAUSE_BREAK = /[;,|]|\.\s|\s[-–—]\s/;

/**
 * The phrase of `text` that gives a response time, and its minutes when it has a fixed length.
 * "Immediate" has no minutes: a response clock of 0 would make every incident of the level
 * overdue the moment it appears, so the level keeps the clock of the settings or the defaults.
 */
export function readResponseTime(written: string): { written: string; minutes?: number } | undefined {
  // A response time sits near the start; the cap keeps a pathological cell from costing
  // quadratic time in the digit-run backtracking of DURATION.
  const text = written.length > 300 ? written.slice(0, 300) : written;
  for (const clause of text.split(CLAUSE_BREAK)) {
    if (CADENCE.test(clause) && !RESPONSE_WORD.test(clause)) continue;
    const found = readClauseTime(clause);
    if (found !== undefined) return found;
  }
  return undefined;
}

function readClauseTime(text: string): { written: string; minutes?: number } | undefined {
  const duration = DURATION.exec(text);
  if (duration !== null) {
    const unit = duration[2].toLowerCase();
    const key = unit.startsWith('mi') ? 'm' : unit.startsWith('h') ? 'h' : unit.startsWith('s') ? 's' : unit[0];
    const minutes = Number(duration[1]) * UNIT_MINUTES[key];
    return { written: duration[0], minutes: Math.round(minutes * 100) / 100 };
  }
  const immediate = IMMEDIATE.exec(text);
  if (immediate !== null) return { written: immediate[0] };
  const businessDay = BUSINESS_DAY.exec(text);
  if (businessDay !== null) return { written: businessDay[0] };
  return undefined;
}

/** Minutes to respond for "5 minutes", "15 min", "1 hour"; undefined for "Immediate" and "Next business day". */
export function parseResponseMinutes(text: string): number | undefined {
  return readResponseTime(text)?.minutes;
}

function stripEmphasis(text: string): string {
  const plain = text.replace(/\*\*|__|`/g, '');
  let start = 0;
  let end = plain.length;
  while (start < end && isEmphasisOrSpace(plain.charCodeAt(start))) start++;
  while (end > start && isEmphasisOrSpace(plain.charCodeAt(end - 1))) end--;
  return plain.slice(start, end);
}

function isEmphasisOrSpace(code: number): boolean {
  return code === 0x2a || code === 0x5f || code === 0x20 || code === 0x09 || code === 0x0a;
}

// Cheap test run on every list item before the real parse.
const MAY_START_WITH_LABEL = /^[^A-Za-z0-9]{0,8}(?:P[0-3]|SEV|critical|high|medium|low)/i;

const RESPONSE_HEADER = /respon|acknowledg|\back\b|\btta\b/i;
const TIME_HEADER = /\bsla\b|\btime\b|within/i;
const DESCRIPTION_HEADER = /descri|impact|defin|criteria|meaning|example|condition|scope|when|summary/i;

export interface TableRow {
  readonly cells: readonly string[];
  readonly line: number;
}

/** Severity rows of one markdown table (raw cell text), or none when it is not a severity table. */
export function readSeverityTable(header: readonly string[], rows: readonly TableRow[]): SeverityRow[] {
  const labelled = rows.filter((row) => row.cells.length > 1 && readLabel(stripEmphasis(row.cells[0])) !== undefined);
  if (labelled.length < 2) return [];
  let responseColumn = header.findIndex((cell, index) => index > 0 && RESPONSE_HEADER.test(cell));
  if (responseColumn < 0) responseColumn = header.findIndex((cell, index) => index > 0 && TIME_HEADER.test(cell));
  const descriptionColumn = header.findIndex((cell, index) => index > 0 && index !== responseColumn && DESCRIPTION_HEADER.test(cell));

  const definitions: SeverityRow[] = [];
  for (const row of labelled) {
    const cells = row.cells.map(stripEmphasis);
    const label = readLabel(cells[0]);
    if (label === undefined) continue;
    let timeColumn = responseColumn;
    if (timeColumn < 0) timeColumn = cells.findIndex((cell, index) => index > 0 && readResponseTime(cell) !== undefined);
    const timeCell = timeColumn > 0 && /[A-Za-z0-9]/.test(cells[timeColumn] ?? '') ? cells[timeColumn] : undefined;
    const time = timeCell !== undefined ? readResponseTime(timeCell) : undefined;
    let description: string | undefined;
    if (descriptionColumn > 0) description = cells[descriptionColumn];
    else description = cells.find((cell, index) => index > 0 && index !== timeColumn && cell !== '');
    definitions.push({
      scheme: label.scheme,
      rank: label.rank,
      label: label.label,
      description: description === '' ? undefined : description,
      responseTime: timeCell,
      responseMinutes: time?.minutes,
      line: row.line,
    });
  }
  // A table of levels without any response time is not a severity definition.
  return definitions.some((row) => row.responseTime !== undefined) ? definitions : [];
}

/** A list item such as `**P0 (Critical)**: outage, respond within 5 minutes`. */
export function readSeverityListItem(text: string, line: number): SeverityRow | undefined {
  if (!MAY_START_WITH_LABEL.test(text)) return undefined;
  const plain = stripEmphasis(text);
  const label = readLabel(plain);
  if (label === undefined) return undefined;
  const rest = plain.slice(label.end);
  const time = readResponseTime(rest);
  if (time === undefined) return undefined;
  const description = rest.replace(/^[\s*_:\-–—|,.]+/, '').trim();
  return {
    scheme: label.scheme,
    rank: label.rank,
    label: label.label,
    description: description === '' ? undefined : description,
    responseTime: time.written,
    responseMinutes: time.minutes,
    line,
  };
}

/**
 * A level named on its own, waiting for its response time on the lines below: a heading
 * (`### P1 - High`) or a paragraph that opens with a bold label (`**P0 - Critical**`).
 */
export interface PendingSeverity {
  readonly label: Label;
  readonly description?: string;
  readonly line: number;
}

/** Longest text after the label for a heading or bold line to count as naming a level. */
const MAX_LABEL_REST = 60;

/** A heading such as `P1 - High` or `SEV2 (Major)`, naming a level whose definition follows. */
export function readSeverityHeading(title: string, line: number): PendingSeverity | undefined {
  if (!MAY_START_WITH_LABEL.test(title)) return undefined;
  return readStandaloneLabel(stripEmphasis(title), line);
}

/**
 * A line that opens with a bold level and gives no time itself: `**P0 - Critical**`,
 * `**Critical** - ledger writes stopped` (a line with its time is a list definition).
 */
export function readBoldSeverityLabel(text: string, line: number): PendingSeverity | undefined {
  const bold = /^\s*(?:\*\*|__)([^*_\n]+)(?:\*\*|__)\s*(?:[:\-–—]\s*([^\n]*))?$/.exec(text);
  if (bold === null || !MAY_START_WITH_LABEL.test(bold[1])) return undefined;
  const trailing = bold[2]?.trim() ?? '';
  if (trailing !== '' && readResponseTime(trailing) !== undefined) return undefined;
  return readStandaloneLabel(trailing === '' ? bold[1].trim() : `${bold[1].trim()} - ${trailing}`, line);
}

function readStandaloneLabel(text: string, line: number): PendingSeverity | undefined {
  const label = readLabel(text);
  if (label === undefined) return undefined;
  const rest = text.slice(label.end).replace(/^[\s*_:\-–—|,.(]+|[\s)]+$/g, '').trim();
  if (rest.length > MAX_LABEL_REST) return undefined;
  return rest === '' ? { label, line } : { label, description: rest, line };
}

// `**Response Time**: 15 minutes`, `SLA: Response within 15 minutes`, `Respond: 15 min`,
// `Time to acknowledge - 5m`: a key naming a response, then its time.
const RESPONSE_LINE =
  /^[\s>*+-]*(response(?:\s+time)?|respond(?:\s+within)?|time\s+to\s+(?:respond|acknowledge|ack)|ack(?:nowledge)?(?:\s+(?:within|time))?|sla|tta)\s*[:\-–—]\s*(\S.*)$/i;

/** The response time a line of a definition gives, if it is such a line. */
export function readResponseLine(text: string): { written: string; minutes?: number } | undefined {
  const match = RESPONSE_LINE.exec(text.replace(/\*\*|__/g, ''));
  if (match === null) return undefined;
  return readResponseTime(match[2]);
}

/** The row of a pending level once a line gives its response time. */
export function completeSeverity(pending: PendingSeverity, time: { written: string; minutes?: number }): SeverityRow {
  return {
    scheme: pending.label.scheme,
    rank: pending.label.rank,
    label: pending.label.label,
    ...(pending.description !== undefined ? { description: pending.description } : {}),
    responseTime: time.written,
    ...(time.minutes !== undefined ? { responseMinutes: time.minutes } : {}),
    line: pending.line,
  };
}

/** Maps the rows of one runbook onto P0-P3 (see the scheme notes at the top of this file). */
export function resolveSeverityLevels(rows: readonly SeverityRow[]): SeverityDefinition[] {
  const sevStartsAtZero = rows.some((row) => row.scheme === 'sev' && row.rank === 0);
  return rows.map((row) => {
    const rank = row.scheme === 'sev' && !sevStartsAtZero ? row.rank - 1 : row.rank;
    const level = severityAtRank(rank);
    const definition: SeverityDefinition = {
      level,
      label: row.label,
      line: row.line,
      ...(row.description !== undefined ? { description: row.description } : {}),
      ...(row.responseTime !== undefined ? { responseTime: row.responseTime } : {}),
      ...(row.responseMinutes !== undefined ? { responseMinutes: row.responseMinutes } : {}),
    };
    return definition;
  });
}
