// What an evidence document shows (which object, which view, which pod and container, since
// when), carried whole in its URI so that a document VS Code restores after a reload can be
// read again with nothing else to go on. Pure.

import { redactSecrets } from '../execution/secretRedaction';
import { isJsonObject, readArray, readNumber, readObject, readString, type JsonObject } from '../incidents/jsonShapes';
import { describeTarget, isWorkloadKind, kubectlCommand, type EvidenceView, type WorkloadTarget } from './workloadTarget';

export interface EvidenceRequest {
  readonly context: string;
  readonly view: EvidenceView;
  readonly target: WorkloadTarget;
  /** Logs: the pod read (the target itself, or one of a workload's pods). */
  readonly pod?: string;
  /** Logs: one container; undefined reads every container of the pod. */
  readonly container?: string;
  /** Logs: RFC 3339, only lines written since (the incident's start). */
  readonly sinceTime?: string;
  /** Logs: keep the stream open and append new lines. */
  readonly follow?: boolean;
}

const VIEW_TITLES: Readonly<Record<EvidenceView, string>> = { logs: 'Logs', previous: 'Previous Logs', describe: 'Describe', events: 'Events' };
const VIEWS = Object.keys(VIEW_TITLES) as EvidenceView[];

/** The document's path: its file name is the editor tab's title (view, object, context). */
export function evidencePath(request: EvidenceRequest): string {
  const object = request.view === 'logs' || request.view === 'previous' ? `pod ${request.pod ?? request.target.name}` : `${request.target.kind} ${request.target.name}`;
  const container = request.container ? ` ${request.container}` : '';
  const extension = request.view === 'describe' ? '' : '.log';
  // A slash would start a folder in the title.
  return `/${`${VIEW_TITLES[request.view]} ${object}${container} (${request.context})`.replace(/[/\\]/g, '∕')}${extension}`;
}

/** The URI query that carries the request. */
export function evidenceQuery(request: EvidenceRequest): string {
  const params = new URLSearchParams({ context: request.context, view: request.view, kind: request.target.kind, name: request.target.name });
  if (request.target.namespace) params.set('namespace', request.target.namespace);
  if (request.pod) params.set('pod', request.pod);
  if (request.container) params.set('container', request.container);
  if (request.sinceTime) params.set('since', request.sinceTime);
  if (request.follow) params.set('follow', '1');
  return params.toString();
}

/** The request a URI query carries, or undefined when it is not one of ours. */
export function parseEvidenceQuery(query: string): EvidenceRequest | undefined {
  const params = new URLSearchParams(query);
  const context = params.get('context');
  const view = params.get('view');
  const kind = params.get('kind');
  const name = params.get('name');
  if (!context || !name || !isWorkloadKind(kind) || !VIEWS.includes(view as EvidenceView)) return undefined;
  const namespace = params.get('namespace') ?? undefined;
  const optional = (key: string) => params.get(key) || undefined;
  return {
    context,
    view: view as EvidenceView,
    target: { kind, name, ...(namespace ? { namespace } : {}) },
    ...(optional('pod') ? { pod: optional('pod') } : {}),
    ...(optional('container') ? { container: optional('container') } : {}),
    ...(optional('since') ? { sinceTime: optional('since') } : {}),
    ...(params.get('follow') === '1' ? { follow: true } : {}),
  };
}

/** The kubectl command of a request. */
export function evidenceCommand(request: EvidenceRequest): string {
  return kubectlCommand(request.context, request.view, request.target, { pod: request.pod ?? request.target.name, container: request.container, sinceTime: request.sinceTime, follow: request.follow });
}

/** The first lines of a document: what it shows, and the command that shows the same in a terminal. */
export function evidenceHeader(request: EvidenceRequest): string[] {
  const title = VIEW_TITLES[request.view];
  let what = describeTarget(request.target);
  if (request.view === 'logs' || request.view === 'previous') {
    const pod = request.pod && request.pod !== request.target.name ? `, pod ${request.pod}` : '';
    what = `${what}${pod}, ${request.container ? `container ${request.container}` : 'all containers'}`;
    if (request.view === 'logs' && request.sinceTime) what = `${what}, since ${request.sinceTime}`;
  }
  return [`${title} of ${what}, in context ${request.context}`, `$ ${evidenceCommand(request)}`];
}

export interface PodChoice {
  readonly name: string;
  /** Failing pods are offered first. */
  readonly failing: boolean;
  /** Phase, waiting reason, restarts: shown next to the name. */
  readonly description: string;
  /** Init containers first, as `kubectl logs --all-containers` reads them. */
  readonly containers: readonly string[];
}

/** A pod as a choice for its logs: failing when a container waits, restarted, or is not ready. */
export function summarizePod(pod: JsonObject): PodChoice {
  const meta = readObject(pod.metadata) ?? {};
  const spec = readObject(pod.spec) ?? {};
  const status = readObject(pod.status) ?? {};
  const statuses = (readArray(status.containerStatuses) ?? []).filter(isJsonObject);
  const waiting = statuses.map((s) => readString(readObject(readObject(s.state)?.waiting)?.reason)).find((r) => r !== undefined);
  const restarts = statuses.reduce((sum, s) => sum + (readNumber(s.restartCount) ?? 0), 0);
  const phase = readString(status.phase) ?? 'Unknown';
  const ready = statuses.length > 0 && statuses.every((s) => s.ready === true);
  const failing = waiting !== undefined || restarts > 0 || (phase !== 'Succeeded' && !ready);
  const parts = [waiting ?? phase];
  if (restarts > 0) parts.push(`${restarts} restart${restarts === 1 ? '' : 's'}`);
  if (!ready && phase === 'Running' && waiting === undefined) parts.push('not ready');
  const names = (list: unknown) => (readArray(list) ?? []).filter(isJsonObject).map((c) => readString(c.name) ?? '').filter((n) => n !== '');
  return { name: readString(meta.name) ?? '', failing, description: parts.join(' · '), containers: [...names(spec.initContainers), ...names(spec.containers)] };
}

/** Failing pods first, then by name. */
export function orderPodChoices(pods: readonly PodChoice[]): PodChoice[] {
  return [...pods].sort((a, b) => Number(b.failing) - Number(a.failing) || a.name.localeCompare(b.name));
}

/** At most this many lines of a document go into a timeline note. */
export const EXCERPT_MAX_LINES = 200;

/**
 * A timeline note from an evidence document: what it was, the command that shows it, and the
 * lines (the selection, else the document's newest lines), secrets redacted.
 */
export function formatExcerpt(request: EvidenceRequest, text: string, selected: boolean): string {
  let lines = text.replace(/\r\n?/g, '\n').replace(/\n+$/, '').split('\n');
  const total = lines.length;
  if (!selected) {
    // The document's own header (what and the command) is said once, above.
    const header = evidenceHeader(request);
    if (lines[0] === header[0]) lines = lines.slice(header.length);
  }
  const omitted = lines.length > EXCERPT_MAX_LINES ? lines.length - EXCERPT_MAX_LINES : 0;
  if (omitted > 0) lines = lines.slice(-EXCERPT_MAX_LINES);
  const [what, command] = evidenceHeader(request);
  const scope = selected ? `${total} selected line${total === 1 ? '' : 's'}` : 'excerpt';
  const note = omitted > 0 ? [`(${omitted} earlier line${omitted === 1 ? '' : 's'} left out)`] : [];
  return redactSecrets([`${what} (${scope})`, command, ...note, ...lines].join('\n'));
}

/** A deployment, statefulset, job or node as a choice: failing when short of ready replicas, failed, or not Ready. */
export function summarizeObject(object: JsonObject): PodChoice {
  const name = readString(readObject(object.metadata)?.name) ?? '';
  const spec = readObject(object.spec) ?? {};
  const status = readObject(object.status) ?? {};
  const conditions = (readArray(status.conditions) ?? []).filter(isJsonObject);
  const condition = (type: string) => readString(conditions.find((c) => c.type === type)?.status);
  if (condition('Ready') !== undefined) {
    const ready = condition('Ready') === 'True';
    return { name, failing: !ready, description: ready ? 'Ready' : 'NotReady', containers: [] };
  }
  if (condition('Failed') === 'True') return { name, failing: true, description: 'Failed', containers: [] };
  if (condition('Complete') === 'True') return { name, failing: false, description: 'Complete', containers: [] };
  const wanted = readNumber(spec.replicas) ?? 1;
  const ready = readNumber(status.readyReplicas) ?? readNumber(status.succeeded) ?? 0;
  return { name, failing: ready < wanted, description: `${ready}/${wanted} ready`, containers: [] };
}
