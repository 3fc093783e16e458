// What the Incidents view shows, computed without an editor: the severity → group → incident
// layout, "for 12m", the response-time clock, tooltips, the urgent count for the badge and
// the text "Copy Summary" puts on the clipboard. The view only turns these into TreeItems.

import { ContextValues } from '../../constants';
import { formatCompactDuration, formatSpan } from '../shared/duration';
import type { SeverityLevel } from '../shared/severity';
import { escapeMarkdown } from '../shared/text';
import { describeResponseTime, type ResponseTime } from './responseTimes';
import type { AlertReference, Incident, IncidentSource, RouteGroup } from './incidentModel';
import { formatTime } from '../shared/timeFormat';
import { workloadTargetFromLabels, WORKLOAD_KINDS } from '../kube/workloadTarget';

export const SOURCE_TITLES: Readonly<Record<IncidentSource, string>> = {
  alertmanager: 'Alertmanager',
  kubernetes: 'Kubernetes',
  pagerduty: 'PagerDuty',
};

/** Silenced, inhibited and muted alerts are known but nobody needs to act on them now. */
export function isSuppressed(incident: Incident): boolean {
  return incident.status === 'silenced' || incident.status === 'inhibited' || incident.status === 'muted';
}

function startedMs(incident: Incident): number | undefined {
  if (incident.startedAt === '') return undefined;
  const ms = Date.parse(incident.startedAt);
  return Number.isNaN(ms) ? undefined : ms;
}

/** `for 12m`; empty when the source gave no start time. */
export function describeIncidentAge(incident: Incident, now: number): string {
  const started = startedMs(incident);
  return started === undefined ? '' : `for ${formatCompactDuration(now - started)}`;
}

export interface ResponseClock {
  /** `respond within 3m` or `response 12m overdue`. */
  readonly text: string;
  /** `3m left` or `overdue 12m`: the fact first, for the front of a narrow row. */
  readonly short: string;
  readonly overdue: boolean;
}

/**
 * The response-time clock of an incident nobody has acted on yet. Acknowledged (someone
 * responded) and suppressed incidents have none.
 */
export function describeResponseClock(incident: Incident, responseMinutes: number, now: number): ResponseClock | undefined {
  if (incident.status === 'acknowledged' || isSuppressed(incident)) return undefined;
  const started = startedMs(incident);
  if (started === undefined) return undefined;
  const left = started + responseMinutes * 60_000 - now;
  if (left >= 0) return { text: `respond within ${formatCompactDuration(left)}`, short: `${formatCompactDuration(left)} left`, overdue: false };
  return { text: `response ${formatCompactDuration(-left)} overdue`, short: `overdue ${formatCompactDuration(-left)}`, overdue: true };
}

export interface IncidentRow {
  /** Short facts first, then the title: `P1 · 40m · overdue 25m · Checkout is down`. */
  readonly label: string;
  /** The full sentence: `KubePodCrashLooping · for 40m · response 25m overdue`. */
  readonly description: string;
  readonly overdue: boolean;
  /** What a screen reader says for the row. */
  readonly accessibilityLabel: string;
}

/**
 * An incident's row. A 300 px sidebar shows about 40 characters of a row, so the label starts
 * with what decides what to look at first (level, age, and the word "overdue", which is
 * readable without the red the icon has), then the title; the description after it repeats
 * the facts as a sentence, and the hover has them all. The clock is left out until the
 * incident's response time is known (its runbook is being matched).
 */
export function describeIncidentRow(incident: Incident, responseMinutes: number | undefined, now: number): IncidentRow {
  const clock = responseMinutes === undefined ? undefined : describeResponseClock(incident, responseMinutes, now);
  const started = startedMs(incident);
  const facts: string[] = [incident.severity];
  if (started !== undefined) facts.push(formatCompactDuration(now - started));
  if (clock?.overdue) facts.push(clock.short);
  const parts: string[] = [];
  if (incident.alertName && incident.alertName !== incident.title) parts.push(incident.alertName);
  const age = describeIncidentAge(incident, now);
  if (age) parts.push(age);
  if (incident.status === 'inhibited' && incident.inhibitedBy?.length) parts.push(`muted by ${describeAlertReferences(incident.inhibitedBy)}`);
  else if (incident.status !== 'firing') parts.push(incident.status);
  if (incident.inhibits?.length) parts.push(`mutes ${incident.inhibits.length}`);
  if (clock) parts.push(clock.text);
  if (incident.reportedBy?.length) parts.push(incident.reportedBy.join(', '));
  const description = parts.join(' · ');
  return {
    label: [...facts, incident.title].join(' · '),
    description,
    overdue: clock?.overdue ?? false,
    accessibilityLabel: `${incident.severity} ${incident.title}, ${SOURCE_TITLES[incident.source]}, ${description}`,
  };
}

/**
 * The second level of the view: `service` (service, namespace or job) or `alertmanager`, the
 * groups Alertmanager's route made (receiver and `group_by` values), for teams whose routes
 * already group alerts the way they work. Incidents from other sources keep their service.
 */
export type IncidentGrouping = 'service' | 'alertmanager';

export interface IncidentLayoutOptions {
  readonly showSuppressed: boolean;
  readonly groupBy?: IncidentGrouping;
}

/** The name of the group an incident is shown in. */
export function pickLayoutGroup(incident: Incident, groupBy: IncidentGrouping = 'service'): string {
  const route = groupBy === 'alertmanager' ? incident.routeGroups?.[0] : undefined;
  return route ? describeRouteGroup(route) : incident.group;
}

/** `team-pager · alertname=KubePodCrashLooping, namespace=shop`, in the route's group_by order. */
export function describeRouteGroup(group: RouteGroup): string {
  const labels = Object.entries(group.labels).map(([name, value]) => `${name}=${value}`);
  return `${group.receiver} · ${labels.length > 0 ? labels.join(', ') : 'all alerts'}`;
}

/**
 * `contextValue` tags matched by regex in package.json `when` clauses, so a new flag never
 * breaks an existing menu: `oncall:incident+alertmanager+silenceable+source`.
 */
export function incidentContextValue(incident: Incident, ownSilenceIds: ReadonlySet<string>): string {
  const tags: string[] = [ContextValues.incident, incident.source];
  if (incident.source === 'alertmanager') {
    if (incident.status === 'firing') tags.push('silenceable');
    if (incident.silencedBy?.some((id) => ownSilenceIds.has(id))) tags.push('ownSilence');
  }
  if (incident.source === 'pagerduty') {
    if (incident.status === 'triggered') tags.push('acknowledgeable');
    tags.push('resolvable');
  }
  if (incident.url) tags.push('source');
  const workload = workloadTargetFromLabels(incident.labels);
  if (workload) tags.push(...(WORKLOAD_KINDS[workload.kind].hasLogs ? ['workload', 'logs'] : ['workload']));
  return tags.join('+');
}

/** A severity row's tooltip: `3 P3 incidents; respond within 24 h`. */
export function describeSeverityRow(level: SeverityLevel, count: number, responseMinutes: number): string {
  return `${count} ${level} incident${count === 1 ? '' : 's'}; respond within ${formatSpan(responseMinutes * 60_000)}`;
}

/** Local time with its zone and the same instant in UTC, in the one form times take everywhere. */
export function formatLocalAndUtc(iso: string, timeZone?: string): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 'unknown' : formatTime(ms, timeZone);
}

/** Alert names, or the fingerprint of an alert that is not listed (resolved, or filtered away). */
export function describeAlertReferences(references: readonly AlertReference[]): string {
  return references.map((reference) => reference.name ?? reference.sourceId).join(', ');
}

/** `Alertmanager main`, or `Alertmanager cluster prod (am-a, am-b)` for an alert merged over a cluster. */
export function describeIncidentSource(incident: Incident): string {
  if (incident.cluster === undefined) return `${SOURCE_TITLES[incident.source]} ${incident.sourceName}`;
  return `${SOURCE_TITLES[incident.source]} cluster ${incident.cluster} (${(incident.reportedBy ?? []).join(', ')})`;
}

function describeStatus(incident: Incident): string {
  switch (incident.status) {
    case 'silenced':
      return `silenced${incident.silencedBy?.length ? ` by ${incident.silencedBy.join(', ')}` : ''}`;
    case 'inhibited':
      return incident.inhibitedBy?.length ? `muted by ${describeAlertReferences(incident.inhibitedBy)} (inhibition rule)` : 'inhibited by another alert';
    case 'muted':
      return 'muted by a time interval';
    default:
      return incident.status;
  }
}

/**
 * Tooltip markdown: what, since when (local and UTC), the response clock and where its time
 * comes from, where from, silence state, labels, annotations.
 */
export function formatIncidentTooltip(incident: Incident, now: number, timeZone?: string, responseTime?: ResponseTime): string {
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown(incident.title)}**`, '');
  const age = describeIncidentAge(incident, now);
  lines.push(`${incident.severity} · ${escapeMarkdown(describeStatus(incident))}${age ? ` · ${age}` : ''}  `);
  const clock = responseTime && describeResponseClock(incident, responseTime.minutes, now);
  if (responseTime && clock) {
    const sentence = clock.text.charAt(0).toUpperCase() + clock.text.slice(1);
    lines.push(`${clock.overdue ? `**${sentence}**` : sentence}; ${incident.severity} response time ${escapeMarkdown(describeResponseTime(responseTime))}  `);
  }
  if (incident.startedAt !== '') lines.push(`Started ${formatLocalAndUtc(incident.startedAt, timeZone)}  `);
  if (incident.cluster !== undefined) {
    const instances = (incident.reportedBy ?? []).map((name) => `\`${name}\``).join(', ');
    lines.push(`Source: ${SOURCE_TITLES[incident.source]} cluster \`${incident.cluster}\`, reported by ${instances}`);
  } else lines.push(`Source: ${SOURCE_TITLES[incident.source]} \`${incident.sourceName}\``);
  if (incident.inhibits?.length) lines.push('', `**Mutes** (inhibition rule): ${escapeMarkdown(describeAlertReferences(incident.inhibits))}`);
  const labels = Object.keys(incident.labels).sort();
  if (labels.length > 0) {
    lines.push('', '**Labels**', '');
    for (const name of labels) lines.push(`- \`${name}\` = \`${incident.labels[name].replace(/`/g, "'")}\``);
  }
  const annotations = Object.keys(incident.annotations).sort();
  if (annotations.length > 0) {
    lines.push('', '**Annotations**', '');
    for (const name of annotations) lines.push(`- \`${name}\`: ${escapeMarkdown(incident.annotations[name])}`);
  }
  return lines.join('\n');
}

/** One paragraph for chat or a ticket: severity, title, age, where, labels that locate it, link. */
export function formatIncidentSummary(incident: Incident, now: number): string {
  const parts = [`[${incident.severity}] ${incident.alertName && incident.alertName !== incident.title ? `${incident.alertName}: ` : ''}${incident.title}`];
  const facts: string[] = [incident.status];
  const age = describeIncidentAge(incident, now);
  if (age) facts.push(`${age} (since ${formatLocalAndUtc(incident.startedAt)})`);
  facts.push(describeIncidentSource(incident));
  parts.push(facts.join(', '));
  const where = ['cluster', 'namespace', 'service', 'pod', 'deployment', 'node', 'instance', 'job']
    .filter((name) => incident.labels[name])
    .map((name) => `${name}=${incident.labels[name]}`);
  if (where.length > 0) parts.push(where.join(' '));
  const description = incident.annotations.description || incident.annotations.message;
  if (description && description !== incident.title) parts.push(description);
  if (incident.url) parts.push(incident.url);
  if (incident.runbookUrl) parts.push(`Runbook: ${incident.runbookUrl}`);
  return parts.join('\n');
}
