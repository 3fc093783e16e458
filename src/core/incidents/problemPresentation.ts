// What the Incidents view shows of problems (incidents folded by the object they are about):
// the severity → group → problem layout, a folded problem's row, hover and context tags, and
// the sentence a notification says. A problem of one incident is shown as that incident.

import { ContextValues } from '../../constants';
import { formatCompactDuration } from '../shared/duration';
import { SEVERITY_LEVELS, type SeverityLevel } from '../shared/severity';
import { escapeMarkdown } from '../shared/text';
import { describeResponseTime, type ResponseTime } from './responseTimes';
import type { Incident } from './incidentModel';
import {
  describeResponseClock,
  formatIncidentSummary,
  formatLocalAndUtc,
  incidentContextValue,
  pickLayoutGroup,
  type IncidentGrouping,
  type IncidentLayoutOptions,
  isSuppressed, SOURCE_TITLES, type IncidentRow } from './incidentPresentation';
import {
  describeProblemObject,
  entryProblem,
  isLoneIncident,
  problemPart,
  problemSources,
  withoutSuppressedParts,
  type PartRole,
  type Problem,
  type ProblemEntry,
} from './problems';

export interface ProblemGroup {
  readonly level: SeverityLevel;
  /** Service, namespace or job; `nodes` for nodes. */
  readonly name: string;
  /** Newest first: what just broke is what the engineer looks for. */
  readonly entries: readonly ProblemEntry[];
  /** The entries as problems, made on each read: for a group being drawn, not for every poll. */
  readonly problems: readonly Problem[];
}

export interface ProblemBucket {
  readonly level: SeverityLevel;
  /** Problems, not incidents: what the severity row counts. */
  readonly count: number;
  readonly groups: readonly ProblemGroup[];
}

export interface ProblemLayout {
  /** Only levels that have problems, most severe first. */
  readonly buckets: readonly ProblemBucket[];
  /** Suppressed incidents left out because the view hides them. */
  readonly hidden: number;
}

/**
 * The group a problem is shown in: its object's namespace (or its incident's service), or, when
 * the view groups as Alertmanager's route does, the route group of the part whose runbook it
 * opens, else of any part an Alertmanager route grouped.
 */
function pickProblemGroup(problem: Problem, groupBy: IncidentGrouping | undefined): string {
  if (groupBy !== 'alertmanager') return problem.group;
  const primary = problemPart(problem, 'primary')!;
  const routed = primary.routeGroups?.[0] ? primary : problem.parts.find((part) => part.routeGroups?.[0]);
  return routed ? pickLayoutGroup(routed, groupBy) : problem.group;
}

/**
 * Lays problems out by level and group; without suppressed parts unless they are shown. An
 * incident kept as its own problem stays one in the layout (see ProblemEntry).
 */
export function layoutProblems(problems: Iterable<ProblemEntry>, options: IncidentLayoutOptions): ProblemLayout {
  const byLevel = new Map<SeverityLevel, Map<string, ProblemEntry[]>>();
  let hidden = 0;
  for (const entry of problems) {
    const whole = entryProblem(entry);
    const problem = options.showSuppressed ? whole : withoutSuppressedParts(whole);
    hidden += whole.parts.length - (problem?.parts.length ?? 0);
    if (problem === undefined) continue;
    let groups = byLevel.get(problem.severity);
    if (groups === undefined) byLevel.set(problem.severity, (groups = new Map()));
    const name = pickProblemGroup(problem, options.groupBy);
    const kept = problem === whole ? entry : problem;
    const list = groups.get(name);
    if (list === undefined) groups.set(name, [kept]);
    else list.push(kept);
  }
  const buckets: ProblemBucket[] = [];
  for (const level of SEVERITY_LEVELS) {
    const groups = byLevel.get(level);
    if (groups === undefined) continue;
    let count = 0;
    const ordered = [...groups.keys()]
      .sort((a, b) => a.localeCompare(b))
      .map((name) => {
        const list = groups.get(name)!.sort(compareNewestFirst);
        count += list.length;
        return {
          level,
          name,
          entries: list,
          get problems() {
            return list.map(entryProblem);
          },
        };
      });
    buckets.push({ level, count, groups: ordered });
  }
  return { buckets, hidden };
}

function compareNewestFirst(a: ProblemEntry, b: ProblemEntry): number {
  // ISO 8601 strings in UTC sort as times; ties keep a stable order by key.
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? 1 : -1;
  const left = isLoneIncident(a) ? a.id : a.key;
  const right = isLoneIncident(b) ? b.id : b.key;
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * The problem as one incident, for its clock and row: the highest severity, the earliest
 * start, the object as title. Acknowledged when someone acknowledged any part (the clock is
 * answered), firing while any part is.
 */
export function problemHeadline(problem: Problem): Incident {
  const primary = problemPart(problem, 'primary')!;
  const acknowledged = problem.parts.some((part) => part.status === 'acknowledged');
  const status = acknowledged ? 'acknowledged' : problem.suppressed ? primary.status : 'firing';
  const title = problem.object ? describeProblemObject(problem.object) : primary.title;
  return { ...primary, id: problem.key, title, severity: problem.severity, startedAt: problem.startedAt, status };
}

/** What went wrong, short: alert names and Kubernetes reasons, each once, the primary's first. */
function problemReasons(problem: Problem): string[] {
  const primary = problemPart(problem, 'primary')!;
  const reasons: string[] = [];
  for (const part of [primary, ...problem.parts]) {
    const reason = part.source === 'kubernetes' ? part.labels.reason || part.alertName : part.alertName || part.title;
    if (reason && !reasons.includes(reason)) reasons.push(reason);
  }
  return reasons;
}

/**
 * A folded problem's row. A 300 px sidebar shows about 29 characters of a label, so it names
 * the object kubectl's way first (`deployment/web`: the group above it is the namespace, the
 * level above that the severity), then "overdue 42m" or else its age: `deployment/web ·
 * overdue 42m`. The description has the sources and what went wrong: `P1 · Alertmanager +
 * Kubernetes · for 57m · KubePodCrashLooping, Unavailable +3 · response 42m overdue`. The
 * children are the parts, each its own row.
 */
export function describeProblemRow(problem: Problem, responseMinutes: number | undefined, now: number): IncidentRow {
  const headline = problemHeadline(problem);
  const clock = responseMinutes === undefined ? undefined : describeResponseClock(headline, responseMinutes, now);
  const started = Date.parse(problem.startedAt);
  const age = Number.isNaN(started) ? undefined : formatCompactDuration(now - started);
  const name = problem.object ? `${problem.object.kind}/${problem.object.name}` : headline.title;
  const fact = clock?.overdue ? clock.short : age;
  const sources = problemSources(problem).map((source) => SOURCE_TITLES[source]).join(' + ');
  const reasons = problemReasons(problem);
  const shown = reasons.slice(0, 2).join(', ') + (reasons.length > 2 ? ` +${reasons.length - 2}` : '');
  const details = [...(age ? [`for ${age}`] : []), shown, ...(headline.status === 'firing' ? [] : [headline.status]), ...(clock ? [clock.text] : [])].join(' · ');
  return {
    label: fact ? `${name} · ${fact}` : name,
    description: `${problem.severity} · ${sources} · ${details}`,
    overdue: clock?.overdue ?? false,
    accessibilityLabel: `${problem.severity} ${headline.title}, ${problem.parts.length} signals from ${sources}, ${details}`,
  };
}

/** Tags of the parts each command acts on, so a problem row offers what its parts allow. */
export function problemContextValue(problem: Problem, ownSilenceIds: ReadonlySet<string>): string {
  const tags = new Set<string>([ContextValues.incident, 'problem']);
  const roles: PartRole[] = ['primary', 'alert', 'silenced', 'pagerduty', 'source', 'object'];
  for (const role of roles) {
    const part = problemPart(problem, role);
    if (part === undefined) continue;
    for (const tag of incidentContextValue(part, ownSilenceIds).split('+').slice(1)) tags.add(tag);
  }
  return [...tags].join('+');
}

/** The hover of a folded problem: what, since when, its clock, then each part. */
export function formatProblemTooltip(problem: Problem, now: number, timeZone?: string, responseTime?: ResponseTime): string {
  const headline = problemHeadline(problem);
  const row = describeProblemRow(problem, responseTime?.minutes, now);
  const lines = [`**${escapeMarkdown(headline.title)}**`, '', `${escapeMarkdown(row.description)}  `];
  if (responseTime) lines.push(`${problem.severity} response time ${escapeMarkdown(describeResponseTime(responseTime))}  `);
  if (problem.startedAt !== '') lines.push(`Started ${formatLocalAndUtc(problem.startedAt, timeZone)}  `);
  const primary = problemPart(problem, 'primary')!;
  lines.push(`Runbook from: ${escapeMarkdown(primary.alertName ?? primary.title)}`, '', `**${problem.parts.length} signals**`, '');
  for (const part of problem.parts) {
    const state = isSuppressed(part) ? ` (${part.status})` : '';
    lines.push(`- ${part.severity} ${escapeMarkdown(part.title)} · ${SOURCE_TITLES[part.source]} \`${part.sourceName.replace(/`/g, "'")}\`${state}`);
  }
  return lines.join('\n');
}

/** A notification's sentence: `P1 deployment shop/web: KubePodCrashLooping, CrashLoopBackOff (Alertmanager + Kubernetes)`. */
export function describeProblemNotice(problem: Problem): string {
  if (problem.parts.length === 1) {
    const incident = problem.parts[0];
    const name = incident.alertName && incident.alertName !== incident.title ? `${incident.alertName}: ` : '';
    return `${incident.severity} ${name}${incident.title} (${SOURCE_TITLES[incident.source]} ${incident.sourceName})`;
  }
  const sources = problemSources(problem).map((source) => SOURCE_TITLES[source]).join(' + ');
  return `${problem.severity} ${problemHeadline(problem).title}: ${problemReasons(problem).slice(0, 3).join(', ')} (${sources})`;
}

/** A problem's row id: its incident's id for a problem of one (the row it always had), else `folded/<key>`. */
export function problemRowId(problem: ProblemEntry): string {
  if (isLoneIncident(problem)) return problem.id;
  return problem.parts.length === 1 ? problem.parts[0].id : `folded/${problem.key}`;
}

/**
 * The folded rows of a layout. A problem of one is drawn in its incident's own row (its id is
 * the row's), so it needs no entry: three maps of every alert of a storm cost megabytes.
 */
export interface ProblemRows {
  /** The folded row each part of a folded problem is drawn in; an incident not here has its own row. */
  readonly rowOf: ReadonlyMap<string, string>;
  /** Each folded row's problem. */
  readonly problems: ReadonlyMap<string, Problem>;
  /** Each folded row's parts, as one string: a row whose parts changed is redrawn. */
  readonly partIds: ReadonlyMap<string, string>;
}

/** Where each incident of a layout's folded problems is drawn, for redrawing only the rows that changed. */
export function indexProblemRows(layout: ProblemLayout): ProblemRows {
  const rowOf = new Map<string, string>();
  const problems = new Map<string, Problem>();
  const partIds = new Map<string, string>();
  for (const bucket of layout.buckets) {
    for (const group of bucket.groups) {
      for (const problem of group.entries) {
        if (isLoneIncident(problem) || problem.parts.length === 1) continue;
        const parts = problem.parts;
        const row = problemRowId(problem);
        problems.set(row, problem);
        partIds.set(row, parts.map((part) => part.id).join('\n'));
        for (const part of parts) rowOf.set(part.id, row);
      }
    }
  }
  return { rowOf, problems, partIds };
}

/**
 * Copy Summary from a folded problem's row, for chat or a ticket: the problem in one line,
 * then each signal's own summary, the one whose runbook the row opens first.
 */
export function formatProblemSummary(problem: Problem, now: number): string {
  const primary = problemPart(problem, 'primary')!;
  const head = `${describeProblemNotice(problem)}, since ${formatLocalAndUtc(problem.startedAt)}; ${problem.parts.length} signals:`;
  const parts = [primary, ...problem.parts.filter((part) => part !== primary)];
  return [head, ...parts.map((part) => formatIncidentSummary(part, now).replace(/^/gm, '  '))].join('\n');
}
