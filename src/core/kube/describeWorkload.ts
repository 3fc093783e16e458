// A readable summary of a Kubernetes object for someone on call: what state it is in, why,
// what it belongs to and what happened to it lately. Not YAML: the fields that explain a
// failure, in the order they are read. Works on raw API JSON (any field may be missing). Pure.

import { eventLastSeen } from '../incidents/kubeSignals';
import { isJsonObject, readArray, readNumber, readObject, readString, type JsonObject } from '../incidents/jsonShapes';
import { formatCompactDuration } from '../shared/duration';
import { formatUtc } from '../shared/timeFormat';
import { describeTarget, type WorkloadTarget } from './workloadTarget';

/** How many events a summary lists (the Events document lists them all). */
const RECENT_EVENTS = 10;

type Lines = string[];

/** "2026-12-06 06:40:00 UTC (3m ago)". */
function when(value: unknown, now: number): string | undefined {
  const iso = readString(value);
  const ms = iso === undefined ? Number.NaN : Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  return `${formatUtc(ms)} UTC (${formatCompactDuration(now - ms)} ago)`;
}

function field(lines: Lines, label: string, value: string | number | undefined, indent = ''): void {
  if (value === undefined || value === '') return;
  lines.push(`${indent}${`${label}:`.padEnd(16)}${value}`);
}

/** The summary document: heading, the kind's own section, conditions, recent events. */
export function renderDescribe(target: WorkloadTarget, context: string, object: unknown, events: readonly unknown[], now: number): string {
  const item = isJsonObject(object) ? object : {};
  const meta = readObject(item.metadata) ?? {};
  const lines: Lines = [`${capitalize(describeTarget(target))} in context ${context}`, ''];
  field(lines, 'Created', when(meta.creationTimestamp, now));
  const owners = (readArray(meta.ownerReferences) ?? []).filter(isJsonObject);
  field(lines, 'Controlled by', owners.map((o) => `${readString(o.kind) ?? '?'} ${readString(o.name) ?? '?'}`).join(', '));
  SECTIONS[target.kind](lines, item, now);
  renderConditions(lines, readObject(item.status), now);
  lines.push('', `Recent events (newest first):`);
  const recent = sortEventsNewestFirst(events, now).slice(0, RECENT_EVENTS);
  lines.push(...(recent.length === 0 ? ['  none (events are kept for about an hour)'] : recent.map((event) => `  ${formatEvent(event, now)}`)));
  if (events.length > RECENT_EVENTS) lines.push(`  ... ${events.length - RECENT_EVENTS} older in the Events document`);
  return `${lines.join('\n')}\n`;
}

const SECTIONS: Readonly<Record<WorkloadTarget['kind'], (lines: Lines, object: JsonObject, now: number) => void>> = {
  pod: renderPod,
  deployment: (lines, object) => renderReplicas(lines, object, ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas']),
  statefulset: (lines, object) => renderReplicas(lines, object, ['replicas', 'currentReplicas', 'updatedReplicas', 'readyReplicas']),
  job: renderJob,
  node: renderNode,
};

function renderPod(lines: Lines, pod: JsonObject, now: number): void {
  const spec = readObject(pod.spec) ?? {};
  const status = readObject(pod.status) ?? {};
  const statuses = (readArray(status.containerStatuses) ?? []).filter(isJsonObject);
  const ready = statuses.filter((s) => s.ready === true).length;
  field(lines, 'Status', `${readString(status.phase) ?? 'Unknown'}${readString(status.reason) ? ` (${readString(status.reason)})` : ''}, ${ready}/${statuses.length} containers ready`);
  field(lines, 'Node', readString(spec.nodeName));
  field(lines, 'Started', when(status.startTime, now));
  field(lines, 'Message', readString(status.message));
  const specs = new Map((readArray(spec.containers) ?? []).filter(isJsonObject).map((c) => [readString(c.name) ?? '', c]));
  for (const [title, list] of [['Init containers', status.initContainerStatuses], ['Containers', status.containerStatuses]] as const) {
    const items = (readArray(list) ?? []).filter(isJsonObject);
    if (items.length === 0) continue;
    lines.push('', `${title}:`);
    for (const container of items) renderContainer(lines, container, specs.get(readString(container.name) ?? ''), now);
  }
}

function renderContainer(lines: Lines, container: JsonObject, spec: JsonObject | undefined, now: number): void {
  lines.push(`  ${readString(container.name) ?? '?'}`);
  field(lines, 'Image', readString(container.image) ?? readString(spec?.image), '    ');
  field(lines, 'State', describeState(readObject(container.state), now) ?? 'unknown', '    ');
  field(lines, 'Last state', describeState(readObject(container.lastState), now), '    ');
  field(lines, 'Ready', String(container.ready === true), '    ');
  field(lines, 'Restarts', readNumber(container.restartCount) ?? 0, '    ');
  const limits = readObject(readObject(spec?.resources)?.limits);
  if (limits) field(lines, 'Limits', Object.entries(limits).map(([k, v]) => `${k} ${String(v)}`).join(', '), '    ');
}

/** "Waiting (CrashLoopBackOff): back-off 5m0s", "Terminated (OOMKilled), exit code 137, ...". */
export function describeState(state: JsonObject | undefined, now: number): string | undefined {
  if (!state) return undefined;
  const waiting = readObject(state.waiting);
  if (waiting) return `Waiting${reasonOf(waiting)}${messageOf(waiting)}`;
  const running = readObject(state.running);
  if (running) return `Running since ${when(running.startedAt, now) ?? 'an unknown time'}`;
  const terminated = readObject(state.terminated);
  if (!terminated) return undefined;
  const exit = readNumber(terminated.exitCode);
  const signal = readNumber(terminated.signal);
  const parts = [`Terminated${reasonOf(terminated)}`];
  if (exit !== undefined) parts.push(`exit code ${exit}`);
  if (signal !== undefined) parts.push(`signal ${signal}`);
  const finished = when(terminated.finishedAt, now);
  if (finished) parts.push(`finished ${finished}`);
  return `${parts.join(', ')}${messageOf(terminated)}`;
}

function reasonOf(state: JsonObject): string {
  const reason = readString(state.reason);
  return reason ? ` (${reason})` : '';
}

function messageOf(state: JsonObject): string {
  const message = readString(state.message)?.trim();
  return message ? `: ${message.split('\n', 1)[0]}` : '';
}

function renderReplicas(lines: Lines, object: JsonObject, counts: readonly string[]): void {
  const spec = readObject(object.spec) ?? {};
  const status = readObject(object.status) ?? {};
  const desired = readNumber(spec.replicas) ?? 1;
  // The API leaves zero counts out.
  field(lines, 'Replicas', [`${desired} desired`, ...counts.map((name) => `${readNumber(status[name]) ?? 0} ${name.replace(/Replicas$/, '').replace(/^replicas$/, 'total')}`)].join(', '));
  field(lines, 'Selector', formatSelector(readObject(spec.selector)));
  field(lines, 'Images', containerImages(spec).join(', '));
}

function renderJob(lines: Lines, job: JsonObject, now: number): void {
  const spec = readObject(job.spec) ?? {};
  const status = readObject(job.status) ?? {};
  field(lines, 'Completions', `${readNumber(status.succeeded) ?? 0}/${readNumber(spec.completions) ?? 1} succeeded, ${readNumber(status.failed) ?? 0} failed, ${readNumber(status.active) ?? 0} active`);
  field(lines, 'Backoff limit', readNumber(spec.backoffLimit));
  field(lines, 'Started', when(status.startTime, now));
  field(lines, 'Completed', when(status.completionTime, now));
  field(lines, 'Images', containerImages(spec).join(', '));
}

function renderNode(lines: Lines, node: JsonObject): void {
  const spec = readObject(node.spec) ?? {};
  const status = readObject(node.status) ?? {};
  field(lines, 'Schedulable', spec.unschedulable === true ? 'no (cordoned)' : 'yes');
  const taints = (readArray(spec.taints) ?? []).filter(isJsonObject);
  field(lines, 'Taints', taints.map((t) => `${readString(t.key) ?? ''}${readString(t.value) ? `=${readString(t.value)}` : ''}:${readString(t.effect) ?? ''}`).join(', '));
  const addresses = (readArray(status.addresses) ?? []).filter(isJsonObject);
  field(lines, 'Addresses', addresses.map((a) => `${readString(a.type) ?? '?'} ${readString(a.address) ?? '?'}`).join(', '));
  const info = readObject(status.nodeInfo);
  field(lines, 'Kubelet', readString(info?.kubeletVersion));
  const allocatable = readObject(status.allocatable);
  if (allocatable) field(lines, 'Allocatable', ['cpu', 'memory', 'pods'].filter((k) => allocatable[k] !== undefined).map((k) => `${k} ${String(allocatable[k])}`).join(', '));
}

function containerImages(spec: JsonObject): string[] {
  const podSpec = readObject(readObject(spec.template)?.spec);
  return (readArray(podSpec?.containers) ?? []).filter(isJsonObject).map((c) => `${readString(c.name) ?? '?'}=${readString(c.image) ?? '?'}`);
}

function formatSelector(selector: JsonObject | undefined): string | undefined {
  const labels = readObject(selector?.matchLabels);
  return labels ? Object.entries(labels).map(([k, v]) => `${k}=${String(v)}`).join(',') : undefined;
}

function renderConditions(lines: Lines, status: JsonObject | undefined, now: number): void {
  const conditions = (readArray(status?.conditions) ?? []).filter(isJsonObject);
  if (conditions.length === 0) return;
  lines.push('', 'Conditions:');
  for (const condition of conditions) {
    const since = when(condition.lastTransitionTime, now);
    const reason = readString(condition.reason);
    const message = readString(condition.message);
    const head = `  ${(readString(condition.type) ?? '?').padEnd(28)}${(readString(condition.status) ?? '?').padEnd(8)}${reason ?? ''}`;
    lines.push(`${head}${since ? `  since ${since}` : ''}`);
    if (message) lines.push(`    ${message.split('\n', 1)[0]}`);
  }
}

/** Newest first by the latest time an event carries. */
export function sortEventsNewestFirst(events: readonly unknown[], now: number): JsonObject[] {
  return events
    .filter(isJsonObject)
    .map((event) => ({ event, at: eventLastSeen(event, now) }))
    .sort((a, b) => b.at - a.at)
    .map(({ event }) => event);
}

/** "3m ago  Warning  BackOff  x14  Back-off restarting failed container (kubelet)". */
export function formatEvent(event: JsonObject, now: number): string {
  const age = `${formatCompactDuration(now - eventLastSeen(event, now))} ago`;
  const count = readNumber(event.count) ?? readNumber(readObject(event.series)?.count);
  const source = readString(readObject(event.source)?.component) ?? readString(event.reportingComponent);
  const message = (readString(event.message) ?? readString(event.note) ?? '').trim().split('\n', 1)[0];
  const parts = [age.padEnd(10), (readString(event.type) ?? '').padEnd(8), readString(event.reason) ?? ''];
  if (count !== undefined && count > 1) parts.push(`x${count}`);
  parts.push(message);
  return `${parts.join('  ')}${source ? ` (${source})` : ''}`;
}

/** The Events document: every event about the object, newest first, with exact times. */
export function renderEvents(target: WorkloadTarget, context: string, events: readonly unknown[], now: number): string {
  const sorted = sortEventsNewestFirst(events, now);
  const lines = [`Events of ${describeTarget(target)} in context ${context}, newest first`, ''];
  if (sorted.length === 0) lines.push('No events: the API server keeps them for about an hour.');
  for (const event of sorted) lines.push(`${formatUtc(eventLastSeen(event, now))} UTC  ${formatEvent(event, now)}`);
  return `${lines.join('\n')}\n`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
