// Fills post-mortem and status-message templates from what the session recorded. Templates
// come in two dialects: the built-in `{{placeholders}}`, and whatever a team wrote into its
// runbook (`[Incident Title]`, `YYYY-MM-DD`, `HH:MM`, `X hours Y minutes`). Both are filled in
// a single pass over the template text, so a value (a title, a note, a command) is never read
// again as a placeholder. Placeholders we know nothing about stay as written for a person to fill.

import { redactSecrets } from '../execution/secretRedaction';
import { describeResponseTimes, type ResponseMetrics } from './metrics';
import { channelName, type SessionRecord, type TimelineEvent } from './sessionModel';
import { describeOutcome, describeTarget, renderTimelineTable, type TimelineRow } from './timeline';
import { formatSpan } from '../shared/duration';
import { formatClock, formatTime, formatUtc, formatUtcClock, formatUtcDate } from '../shared/timeFormat';
import type { StatusMessageKind } from './templates';
import { renderOutputDetails, type StepOutputExcerpt } from './stepOutputExcerpt';

export interface PostMortemFacts {
  readonly record: SessionRecord;
  /** assembleTimeline(events) */
  readonly rows: readonly TimelineRow[];
  readonly events: readonly TimelineEvent[];
  readonly metrics: ResponseMetrics;
  /** IANA zone shown next to UTC, e.g. `Europe/Berlin`. */
  readonly timeZone?: string;
  /** ISO 8601: when the draft is generated (the "so far" of an open incident). */
  readonly now: string;
  readonly responders: readonly string[];
  /** Marks the result as a draft even when the record is resolved. */
  readonly draft: boolean;
  /** The end of what each step printed, by run id, for steps whose output was captured. */
  readonly outputs?: ReadonlyMap<string, StepOutputExcerpt>;
}

/** One placeholder as found: `{{name}}`, `[Name]`, or a written-out format such as `YYYY-MM-DD`. */
interface Token {
  readonly text: string;
  /** Set for a chat channel written with blanks in it: `#incident-[date]-[number]`, `#inc-{{id}}`. */
  readonly channel?: true;
  /** Set for `{{name}}`. */
  readonly curly?: string;
  /** Set for `[Name]`: lower case, single spaces. */
  readonly bracket?: string;
  /** Text on the same line before the token, e.g. `Impact now: `. */
  readonly label: string;
  /** Text on the same line after the token. */
  readonly after: string;
}

/**
 * A channel name with blanks in it, as teams write them: `#incident-[date]-[number]`,
 * `#inc-{{id}}`, `#incident-<id>`, `#inc-YYYYMMDD-NNN`, `#incident-XXX`, `#[channel-name]`.
 * A real channel (`#incident-review`) has no blank and is left alone.
 */
const CHANNEL_BLANK = String.raw`\[[^[\]\n]{1,40}\]|\{\{[^{}\n]{1,40}\}\}|<[\w -]{1,40}>|YYYY-?MM-?DD|X{2,}|N{2,}`;
const CHANNEL = String.raw`#(?:[a-z]+[-_])*(?:inc|incident)(?:[-_](?:${CHANNEL_BLANK}|\d+))*[-_](?:${CHANNEL_BLANK})(?:[-_](?:${CHANNEL_BLANK}|\d+))*|#\[[^[\]\n]{0,30}channel[^[\]\n]{0,20}\]`;

// `[text](url)` is a link and `[ ]`/`[x]` a checkbox, not blanks; the lookahead keeps links out.
const TOKEN = new RegExp(String.raw`(${CHANNEL})|` + /\{\{\s*([A-Za-z][\w.-]*)\s*\}\}|P\[SEVERITY\]|\[([^[\]\n]{1,100})\](?![([])|\bYYYY-MM-DD\b|\bHH:MM(?::SS)?\b|\bX hours,? Y minutes\b/.source, 'gi');

/** Replaces each token `resolve` has a value for; the rest stays as written. */
function fillLine(line: string, resolve: (token: Token) => string | undefined): string {
  return line.replace(TOKEN, (match: string, channel: string | undefined, curly: string | undefined, bracket: string | undefined, offset: number) => {
    const token: Token = {
      text: match,
      ...(channel !== undefined ? { channel: true as const } : {}),
      ...(curly !== undefined ? { curly } : {}),
      ...(bracket !== undefined ? { bracket: bracket.trim().toLowerCase().replace(/\s+/g, ' ') } : {}),
      label: line.slice(0, offset),
      after: line.slice(offset + match.length),
    };
    return resolve(token) ?? match;
  });
}

/** For `[Time] UTC` the template already says UTC. */
function saysUtcAfter(token: Token): boolean {
  return /^\s*\(?UTC\b/i.test(token.after);
}

/** `[channel]`, `[Slack channel]`, `[#incident-channel]`, `{{slack_channel}}`: the incident's chat channel. */
function isChannelBlank(token: Token): boolean {
  const name = token.bracket ?? token.curly?.toLowerCase().replace(/[_.-]+/g, ' ');
  return name !== undefined && /^#?(?:(?:incident|inc|slack|teams|chat|war[\s-]?room)[\s-])*(?:channel|war[\s-]?room)(?:[\s-]name)?$/.test(name);
}

function parseTime(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The service an incident is about: the record's, else the first source's `service` label. */
function serviceOf(record: SessionRecord): string | undefined {
  return record.service || record.sources.find((source) => source.labels.service)?.labels.service || undefined;
}

// ---- post-mortem ----------------------------------------------------------------------------

/** Sections whose brackets are for people (an action item's `[Date]` is its due date, not the incident's). */
const PEOPLE_SECTIONS = /action items?|follow[\s-]?ups?|lessons|what went|next steps/i;
const TIMELINE_HEADING = /^(#{1,6})\s+.*\btimeline\b/i;

/**
 * Fills a post-mortem template. A template without a timeline placeholder or section gets a
 * `## Timeline` section at the end; a timeline section with a table of `HH:MM` example rows
 * (the usual runbook shape) gets the real table in place of the example. An open incident
 * (or `draft`) renders as a draft, with a note at the top and `ongoing` as its end.
 */
export function renderPostMortem(template: string, facts: PostMortemFacts): string {
  const { record } = facts;
  const startMs = parseTime(record.startedAt) ?? parseTime(facts.now) ?? 0;
  const endMs = parseTime(record.resolvedAt);
  const nowMs = parseTime(facts.now) ?? startMs;
  const open = endMs === undefined;
  const timeline = renderTimelineTable(facts.rows);
  const resolveToken = postMortemTokenResolver(facts, { startMs, endMs, nowMs }, timeline);

  const lines = normalise(template).split('\n');
  const hasTimelinePlaceholder = /\{\{\s*timeline\s*\}\}/.test(template);
  const exampleTable = hasTimelinePlaceholder ? undefined : findTimelineTable(lines);
  const output = fillPostMortemLines(lines, exampleTable, timeline, resolveToken);

  let text = output.join('\n');
  if (!hasTimelinePlaceholder && exampleTable === undefined) text = `${text.replace(/\s*$/, '')}\n\n## Timeline\nAll times in UTC.\n\n${timeline}\n`;
  if (open || facts.draft) text = addDraftNote(text, record, nowMs, open);
  return text.endsWith('\n') ? text : `${text}\n`;
}

interface IncidentTimes {
  readonly startMs: number;
  readonly endMs: number | undefined;
  readonly nowMs: number;
}

/** A token's value, or undefined to leave it as written (always so for brackets in a section for people). */
type TokenResolver = (token: Token, peopleSection: boolean) => string | undefined;

function postMortemTokenResolver(facts: PostMortemFacts, times: IncidentTimes, timeline: string): TokenResolver {
  const { record } = facts;
  const { startMs } = times;
  const responders = [...new Set([...facts.responders, ...(record.responders ?? [])].map((r) => r.trim()).filter((r) => r !== ''))];
  const service = serviceOf(record);
  const curlyValues = curlyPostMortemValues(facts, times, timeline, responders, service);
  const bracketValues = bracketPostMortemValues(curlyValues, times, responders.length > 0, service !== undefined);
  return (token, peopleSection) => {
    if (token.channel === true || isChannelBlank(token)) return channelName(record.id);
    if (token.curly !== undefined) return Object.prototype.hasOwnProperty.call(curlyValues, token.curly) ? curlyValues[token.curly]() : undefined;
    if (peopleSection) return undefined;
    if (token.bracket !== undefined) return Object.prototype.hasOwnProperty.call(bracketValues, token.bracket) ? bracketValues[token.bracket]() : undefined;
    if (/^P\[SEVERITY\]$/i.test(token.text)) return record.severity;
    if (token.text === 'YYYY-MM-DD') return curlyValues.date();
    if (/^HH:MM:SS$/.test(token.text)) return formatUtc(startMs).slice(11);
    if (token.text === 'HH:MM') return formatUtcClock(startMs);
    if (/^X hours/i.test(token.text)) return curlyValues.duration();
    return undefined;
  };
}

/** The built-in `{{name}}` placeholders. */
function curlyPostMortemValues(
  facts: PostMortemFacts,
  { startMs, endMs, nowMs }: IncidentTimes,
  timeline: string,
  responders: readonly string[],
  service: string | undefined,
): Record<string, () => string> {
  const { record } = facts;
  const open = endMs === undefined;
  return {
    title: () => redactSecrets(record.title),
    id: () => record.id,
    channel: () => channelName(record.id),
    severity: () => record.severity,
    service: () => (service ? redactSecrets(service) : '_TODO: service_'),
    date: () => formatUtcDate(startMs),
    start: () => formatTime(startMs, facts.timeZone),
    end: () => (endMs === undefined ? 'ongoing' : formatTime(endMs, facts.timeZone)),
    duration: () => (endMs === undefined ? `ongoing (${formatSpan(Math.max(0, nowMs - startMs))} so far)` : formatSpan(Math.max(0, endMs - startMs))),
    detection: () => describeDetection(record, facts.events, facts.timeZone),
    responders: () => (responders.length > 0 ? redactSecrets(responders.join(', ')) : '_TODO: who responded, and in which role_'),
    timeline: () => timeline,
    steps: () => describeSteps(facts.events, facts.outputs),
    silences: () => describeSilences(facts.events),
    resolution: () => describeResolution(facts.events, open),
    metrics: () => describeMetrics(facts.metrics),
    now: () => `${formatUtc(nowMs)} UTC`,
  };
}

/** `[Name]` blanks of runbook templates; a blank for responders or service stays when nothing fills it. */
function bracketPostMortemValues(
  curlyValues: Record<string, () => string>,
  { startMs, endMs }: IncidentTimes,
  hasResponders: boolean,
  hasService: boolean,
): Record<string, () => string | undefined> {
  return {
    date: curlyValues.date,
    'incident date': curlyValues.date,
    title: curlyValues.title,
    'incident title': curlyValues.title,
    'incident name': curlyValues.title,
    severity: curlyValues.severity,
    'severity level': curlyValues.severity,
    'start time': curlyValues.start,
    'start time utc': () => `${formatUtc(startMs).slice(0, 16)}`,
    start: curlyValues.start,
    'end time': curlyValues.end,
    'end time utc': () => (endMs === undefined ? 'ongoing' : formatUtc(endMs).slice(0, 16)),
    end: curlyValues.end,
    duration: curlyValues.duration,
    'total duration': curlyValues.duration,
    'incident id': curlyValues.id,
    id: curlyValues.id,
    responders: () => (hasResponders ? curlyValues.responders() : undefined),
    service: () => (hasService ? curlyValues.service() : undefined),
    'service name': () => (hasService ? curlyValues.service() : undefined),
  };
}

/** Every line filled, tracking sections for people, with the timeline put where the example table was. */
function fillPostMortemLines(lines: readonly string[], exampleTable: TimelinePlacement | undefined, timeline: string, resolveToken: TokenResolver): string[] {
  const output: string[] = [];
  let peopleSection = false;
  let peopleLevel = 0;
  let inFence = false;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index];
    if (/^\s*(?:`{3,}|~{3,})/.test(line)) inFence = !inFence;
    const heading = inFence ? null : /^(#{1,6})\s+(.*)$/.exec(line);
    if (heading !== null) {
      const level = heading[1].length;
      if (PEOPLE_SECTIONS.test(heading[2])) {
        peopleSection = true;
        peopleLevel = level;
      } else if (peopleSection && level <= peopleLevel) peopleSection = false;
    }
    if (exampleTable !== undefined && index === exampleTable.insertAt) {
      if (exampleTable.kind === 'replace') {
        output.push(timeline);
        index = exampleTable.endLine;
        continue;
      }
      output.push(fillLine(line, (token) => resolveToken(token, peopleSection)), '', timeline);
      continue;
    }
    output.push(fillLine(line, (token) => resolveToken(token, peopleSection)));
  }
  return output;
}

function normalise(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

type TimelinePlacement = { kind: 'replace'; insertAt: number; endLine: number } | { kind: 'after-heading'; insertAt: number };

/** A list item that shows an example timeline row: `- [Time] - [Event]`, `- 14:32 - Root cause identified`, `* HH:MM …`. */
const EXAMPLE_ROW_ITEM = /^\s*(?:[-*+]|\d+[.)])\s+(?:\*\*)?(?:\[[^\]\n]*\]|\d{1,2}:\d{2}(?::\d{2})?|HH:MM(?::SS)?)/i;
/** A line that is a single blank: `[Timeline]`, `[Chronological events]`. */
const LONE_BLANK = /^\s*\[[^\]\n]+\]\s*$/;

/** The last line of the run of lines from `start` that `belongs` accepts. */
function endOfRun(lines: readonly string[], start: number, belongs: (line: string) => boolean): number {
  let end = start;
  while (end + 1 < lines.length && belongs(lines[end + 1])) end++;
  return end;
}

/**
 * Where the real timeline goes in a template that has a timeline heading: in place of the
 * example rows in that section, whether a table (`| HH:MM | … |`), a list (`- [Time] - [Event]`,
 * `- 14:32 - Root cause identified`) or a lone blank (`[Timeline]`), so that sample times
 * never reach the draft as facts; right after the heading when the section has none.
 */
function findTimelineTable(lines: readonly string[]): TimelinePlacement | undefined {
  let inFence = false;
  for (let index = 0; index < lines.length; index++) {
    if (/^\s*(?:`{3,}|~{3,})/.test(lines[index])) inFence = !inFence;
    if (inFence) continue;
    const heading = TIMELINE_HEADING.exec(lines[index]);
    if (heading === null) continue;
    const level = heading[1].length;
    for (let line = index + 1; line < lines.length; line++) {
      const next = /^(#{1,6})\s/.exec(lines[line]);
      if (next !== null && next[1].length <= level) break;
      if (/^\s*\|/.test(lines[line])) return { kind: 'replace', insertAt: line, endLine: endOfRun(lines, line, (next) => /^\s*\|/.test(next)) };
      if (EXAMPLE_ROW_ITEM.test(lines[line])) return { kind: 'replace', insertAt: line, endLine: endOfRun(lines, line, (next) => /^\s*(?:[-*+]|\d+[.)])\s+\S/.test(next)) };
      if (LONE_BLANK.test(lines[line])) return { kind: 'replace', insertAt: line, endLine: line };
    }
    return { kind: 'after-heading', insertAt: index };
  }
  return undefined;
}

function addDraftNote(text: string, record: SessionRecord, nowMs: number, open: boolean): string {
  const why = open ? `${record.id} is still open` : `this review of ${record.id} is not final`;
  const note = `> **Draft:** ${why}; facts as of ${formatUtc(nowMs).slice(0, 16)} UTC. Generate it again once the incident is resolved.`;
  const lines = text.split('\n');
  if (/^#\s/.test(lines[0] ?? '')) return [lines[0], '', note, ...lines.slice(1)].join('\n');
  return `${note}\n\n${text}`;
}

function describeDetection(record: SessionRecord, events: readonly TimelineEvent[], timeZone: string | undefined): string {
  const fired = events
    .filter((event): event is Extract<TimelineEvent, { type: 'alert-fired' }> => event.type === 'alert-fired' && parseTime(event.at) !== undefined)
    .sort((a, b) => (parseTime(a.at) ?? 0) - (parseTime(b.at) ?? 0))[0];
  if (fired !== undefined) {
    const name = fired.alertName && fired.alertName !== fired.title ? `${fired.alertName} (“${fired.title}”)` : `“${fired.title}”`;
    return redactSecrets(`${name} fired in ${fired.source} at ${formatTime(parseTime(fired.at) ?? 0, timeZone)}, severity ${fired.severity}.`);
  }
  const source = record.sources[0];
  if (source !== undefined) {
    const at = parseTime(source.startedAt);
    const name = source.alertName && source.alertName !== source.title ? `${source.alertName} (“${source.title}”)` : `“${source.title}”`;
    return redactSecrets(`${name} from ${source.source} (${source.sourceName})${at === undefined ? '' : `, firing since ${formatTime(at, timeZone)}`}.`);
  }
  return '_TODO: how the incident was detected (no alert was linked to the session)._';
}

function describeSteps(events: readonly TimelineEvent[], outputs: ReadonlyMap<string, StepOutputExcerpt> = new Map()): string {
  const runs = events
    .filter((event): event is Extract<TimelineEvent, { type: 'step-run' }> => event.type === 'step-run' && parseTime(event.at) !== undefined)
    .map((run, order) => ({ run, order }))
    .sort((a, b) => (parseTime(a.run.at) ?? 0) - (parseTime(b.run.at) ?? 0) || a.order - b.order);
  const seen = new Set<string>();
  const lines: string[] = [];
  let number = 0;
  for (const { run } of runs) {
    if (seen.has(run.runId)) continue;
    seen.add(run.runId);
    number++;
    if (number > 1) lines.push('');
    const where = [run.runbookTitle, run.section].filter((part) => part).join(' › ');
    const command = redactSecrets(run.command).replace(/\r\n?/g, '\n');
    const outcome = `${describeTarget(run.context, run.namespace)} → ${describeOutcome(run.exitCode, run.durationMs)}`;
    // What belongs to item 10 sits under its text, four columns in: three would end the list.
    const indent = ' '.repeat(`${number}. `.length);
    const head = `${number}. ${formatUtcClock(parseTime(run.at) ?? 0)} UTC${where ? ` (${redactSecrets(where)})` : ''}${redactSecrets(outcome)}`;
    // A fenced block keeps multi-line commands (heredocs, continuations) readable and inert.
    const fence = '`'.repeat(Math.max(3, ...(command.match(/`{3,}/g) ?? []).map((backticks) => backticks.length + 1)));
    lines.push(head, '', `${indent}${fence}sh`, ...command.split('\n').map((line) => `${indent}${line}`), `${indent}${fence}`);
    const output = run.output === undefined ? undefined : outputs.get(run.runId);
    if (output !== undefined) lines.push('', ...renderOutputDetails(output, indent));
  }
  return lines.length > 0 ? lines.join('\n') : '_No runbook steps were run from the editor during this incident._';
}

function describeSilences(events: readonly TimelineEvent[]): string {
  const silences = events.filter((event): event is Extract<TimelineEvent, { type: 'alert-silenced' }> => event.type === 'alert-silenced');
  if (silences.length === 0) return 'None.';
  return silences
    .map((silence) => {
      const until = parseTime(silence.until);
      const comment = silence.comment.trim() ? `: “${silence.comment.trim()}”` : '';
      return redactSecrets(`- ${silence.title}, silenced at ${formatUtcClock(parseTime(silence.at) ?? 0)} UTC until ${until === undefined ? silence.until : `${formatUtc(until).slice(0, 16)} UTC`} (silence ${silence.silenceId})${comment}`);
    })
    .join('\n');
}

function describeResolution(events: readonly TimelineEvent[], open: boolean): string {
  const summary = resolutionSummary(events);
  if (summary !== undefined) return redactSecrets(summary);
  return open ? '_TODO: not resolved yet; what is being done to resolve it._' : '_TODO: what was rolled back, restarted or fixed, and how we knew it worked._';
}

function describeMetrics(metrics: ResponseMetrics): string {
  return describeResponseTimes(metrics)
    .map((time) => `- ${time.label}: ${time.value}`)
    .join('\n');
}

// ---- status messages ------------------------------------------------------------------------

export interface StatusMessageFacts {
  readonly record: SessionRecord;
  /** ISO 8601: when the message is sent. */
  readonly now: string;
  /** Who is affected and how, in the responder's words. */
  readonly impact?: string;
  /** Minutes until the next update is promised; 30 when absent. */
  readonly nextUpdateMinutes?: number;
  readonly timeZone?: string;
  /** `Investigating`, `Identified`, `Mitigating`, `Monitoring`; `Resolved` for a resolution, `Investigating` otherwise when absent. */
  readonly status?: string;
  /** What was typed at Resolve: how it ended (see resolutionSummary). */
  readonly resolution?: string;
}

/** The text typed at Resolve, the latest when the incident was reopened and resolved again. */
export function resolutionSummary(events: readonly TimelineEvent[]): string | undefined {
  const summaries = events
    .filter((event): event is Extract<TimelineEvent, { type: 'incident-resolved' }> => event.type === 'incident-resolved')
    .map((event) => event.summary?.trim() ?? '')
    .filter((summary) => summary !== '');
  return summaries[summaries.length - 1];
}

const DEFAULT_STATUS_TEMPLATES: Readonly<Record<StatusMessageKind, string>> = {
  initial: [
    '{{severity}} INCIDENT: {{headline}}',
    '',
    'Status: {{status}}',
    'Started: {{start}}',
    'Impact: {{impact}}',
    'Incident: {{id}}, discussion in {{channel}}',
    '',
    'Next update: {{nextUpdate}}',
  ].join('\n'),
  update: [
    '{{severity}} UPDATE: {{headline}}',
    '',
    'Status: {{status}}',
    'Impact: {{impact}}',
    'Ongoing since {{start}} ({{duration}})',
    '',
    'Next update: {{nextUpdate}}',
  ].join('\n'),
  resolution: [
    'RESOLVED: {{headline}}',
    '',
    'From {{start}} to {{end}} ({{duration}}).',
    'Resolution: {{resolution}}',
    'A post-mortem will follow in {{channel}}.',
  ].join('\n'),
};

const STATUS_WORDS = /^(?:investigating|identified|mitigating|monitoring|fixing|resolved)$/i;

/** `[Investigating / Identified / Mitigating / Monitoring]`: a choice of states, not a sentence that mentions one. */
function isStatusChoice(name: string): boolean {
  const options = name.split('/').map((option) => option.trim());
  return options.length >= 2 && options.filter((option) => STATUS_WORDS.test(option)).length >= 2;
}

/**
 * Fills a communication template (the runbook's own, or a built-in default for the kind):
 * severity, service, status, times, impact and the next update time, in `{{name}}` or the
 * bracket forms runbooks use (`[SEVERITY]`, `[Service Name]`, `[Time UTC]`, `[Brief description]`,
 * `[Investigating / Identified / …]`, `[Next update time]`). In a resolution the first of two
 * `[Time]` blanks is the start and the second the end. `[Date]` stays: in these messages it is
 * the date of the post-mortem meeting, which only people know. Once resolved, an impact nobody
 * wrote is not "under assessment" (the post-mortem assesses it); before then, the duration is
 * how long so far.
 */
export function renderStatusMessage(template: string | undefined, kind: StatusMessageKind, facts: StatusMessageFacts): string {
  const text = fillStatusMessage(template, kind, facts);
  const resolution = facts.resolution?.trim() ? redactSecrets(facts.resolution.trim()) : undefined;
  // How it was resolved is what readers of a resolution want most; a template without a blank for it still says it.
  if (kind !== 'resolution' || resolution === undefined || text.includes(resolution)) return text;
  return `${text.replace(/\s*$/, '')}\nResolution: ${resolution}${text.endsWith('\n') ? '\n' : ''}`;
}

function fillStatusMessage(template: string | undefined, kind: StatusMessageKind, facts: StatusMessageFacts): string {
  const { record, timeZone } = facts;
  const nowMs = parseTime(facts.now) ?? 0;
  const startMs = parseTime(record.startedAt) ?? nowMs;
  const endMs = parseTime(record.resolvedAt) ?? nowMs;
  const service = serviceOf(record);
  const title = redactSecrets(record.title);
  const status = facts.status?.trim() || (kind === 'resolution' ? 'Resolved' : 'Investigating');
  const impact = facts.impact?.trim() ? redactSecrets(facts.impact.trim()) : undefined;
  const resolution = facts.resolution?.trim() ? redactSecrets(facts.resolution.trim()) : undefined;
  const nextUpdateMs = nowMs + (facts.nextUpdateMinutes ?? 30) * 60_000;
  const lead = record.responders?.find((name) => name.trim() !== '');
  const text = normalise(template ?? DEFAULT_STATUS_TEMPLATES[kind]);
  const timeBlanks = text.match(/\[(?:time(?: utc)?|timestamp)\]/gi)?.length ?? 0;
  let timeBlanksSeen = 0;

  /** Start, end or now as the message's kind and the blank's position mean it. */
  const timeOf = (which: 'start' | 'end' | 'now' | 'next', token: Token): string => {
    const ms = which === 'start' ? startMs : which === 'end' ? endMs : which === 'next' ? nextUpdateMs : nowMs;
    if (saysUtcAfter(token)) return formatUtc(ms).slice(0, 16);
    return formatTime(ms, timeZone);
  };
  const curlyValues: Record<string, (token: Token) => string> = {
    severity: () => record.severity,
    service: () => (service ? redactSecrets(service) : title),
    title: () => title,
    headline: () => (service && !title.toLowerCase().includes(service.toLowerCase()) ? `${redactSecrets(service)}: ${title}` : title),
    status: () => status,
    impact: () => impact ?? (kind === 'resolution' ? 'described in the post-mortem' : 'Under assessment'),
    resolution: () => resolution ?? 'see the post-mortem',
    id: () => record.id,
    channel: () => channelName(record.id),
    start: (token) => timeOf('start', token),
    end: (token) => timeOf('end', token),
    now: (token) => timeOf('now', token),
    duration: () => formatSpan(Math.max(0, (kind === 'resolution' ? endMs : nowMs) - startMs)),
    nextUpdate: () => formatClock(nextUpdateMs, timeZone),
  };

  const resolveBracket = (name: string, token: Token): string | undefined => {
    if (/^(?:time(?: utc)?|timestamp)$/.test(name)) {
      timeBlanksSeen++;
      if (kind === 'initial') return timeOf('start', token);
      if (kind === 'update') return timeOf('now', token);
      return timeOf(timeBlanks >= 2 && timeBlanksSeen === 1 ? 'start' : 'end', token);
    }
    if (/^(?:severity|sev|severity level|priority)$/.test(name)) return record.severity;
    if (/^(?:service|service name|affected service|system)$/.test(name)) return service ? redactSecrets(service) : undefined;
    if (/^(?:brief description|short description|description|title|incident title|summary)$/.test(name)) return title;
    if (/^(?:start time|started|start)$/.test(name)) return timeOf('start', token);
    if (/^(?:end time|resolved time|resolution time|end)$/.test(name)) return kind === 'resolution' ? timeOf('end', token) : undefined;
    if (name === 'duration' || name === 'total duration') return curlyValues.duration(token);
    if (/^next update(?: time)?$/.test(name)) return formatClock(nextUpdateMs, timeZone);
    if (/^(?:status|current status)$/.test(name) || isStatusChoice(name)) return status;
    if (/^(?:incident id|id)$/.test(name)) return record.id;
    if (/^(?:name|incident lead|incident commander|lead|commander)$/.test(name) && (name !== 'name' || /\b(?:lead|commander|owner|on-?call)\b[^:]*:[\s*_@]*$/i.test(token.label))) return lead;
    if (resolution !== undefined && /^(?:resolution(?: summary)?|fix|what fixed it|how it was (?:resolved|fixed)|root cause and fix)$/.test(name)) return resolution;
    if (impact !== undefined && (/^impact\b/.test(name) || /\bimpact\b[^:]*:[\s*_]*$/i.test(token.label))) return impact;
    return undefined;
  };

  return text
    .split('\n')
    .map((line) =>
      fillLine(line, (token) => {
        if (token.channel === true || isChannelBlank(token)) return channelName(record.id);
        if (token.curly !== undefined) return Object.prototype.hasOwnProperty.call(curlyValues, token.curly) ? curlyValues[token.curly](token) : undefined;
        if (token.bracket !== undefined) return resolveBracket(token.bracket, token);
        if (/^P\[SEVERITY\]$/i.test(token.text)) return record.severity;
        if (token.text === 'YYYY-MM-DD') return formatUtcDate(kind === 'resolution' ? endMs : nowMs);
        if (token.text === 'HH:MM') return formatUtcClock(kind === 'initial' ? startMs : kind === 'resolution' ? endMs : nowMs);
        return undefined;
      }),
    )
    .join('\n');
}

// ---- file name ------------------------------------------------------------------------------

const MAX_SLUG = 60;

/**
 * `<folder>/YYYY-MM-DD-<slug>.md`, dated by the incident's start (UTC), never one already in
 * `existing` (paths relative to the same root; compared without regard to case, since
 * macOS and Windows file systems do not tell them apart): `-2`, `-3`… is added instead.
 */
export function postMortemFileName(folder: string, record: SessionRecord, existing: ReadonlySet<string>): string {
  const startMs = parseTime(record.startedAt);
  const date = startMs === undefined ? record.id.replace(/^INC-(\d{4})(\d{2})(\d{2}).*$/, '$1-$2-$3') : formatUtcDate(startMs);
  const slug = slugify(record.title) || slugify(record.id) || 'incident';
  const prefix = folder.replace(/\\/g, '/').replace(/^\.\/+/, '').replace(/\/+$/, '');
  const taken = new Set([...existing].map((path) => path.replace(/\\/g, '/').replace(/^\.\/+/, '').toLowerCase()));
  for (let attempt = 1; ; attempt++) {
    const name = `${date}-${slug}${attempt === 1 ? '' : `-${attempt}`}.md`;
    const path = prefix === '' ? name : `${prefix}/${name}`;
    if (!taken.has(path.toLowerCase())) return path;
  }
}

/** Lower-case ASCII words joined by dashes, accents dropped, cut at a word boundary near MAX_SLUG. */
function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= MAX_SLUG) return slug;
  const cut = slug.slice(0, MAX_SLUG + 1);
  const lastDash = cut.lastIndexOf('-');
  return (lastDash > MAX_SLUG / 2 ? cut.slice(0, lastDash) : slug.slice(0, MAX_SLUG)).replace(/-+$/, '');
}
