// Which Kubernetes object an incident is about, and the kubectl command that shows the same
// thing as an evidence document. Pure: the labels come from any source (the kube watch labels
// its incidents like kube-prometheus alerts do: namespace, pod, container, deployment,
// statefulset, job_name, node), so an Alertmanager alert about a pod finds the pod too.
import { checkKubernetesName } from './kubernetesNames';

export type WorkloadKind = 'pod' | 'deployment' | 'statefulset' | 'job' | 'node';

/** What an evidence document shows. */
export type EvidenceView = 'logs' | 'previous' | 'describe' | 'events';

export interface WorkloadTarget {
  readonly kind: WorkloadKind;
  readonly name: string;
  /** Absent for nodes. */
  readonly namespace?: string;
  /** The container the incident names, offered first. */
  readonly container?: string;
}

interface KindFacts {
  /** The API path of the resource under its group and version. */
  readonly apiPath: string;
  readonly resource: string;
  /** The label an incident names such an object by. */
  readonly label: string;
  /** Whether it runs containers whose logs can be read (through its pods). */
  readonly hasLogs: boolean;
  /** The `kind` field of events about it. */
  readonly eventKind: string;
}

/** One table for every kind the evidence commands know. Order: the most specific label first. */
export const WORKLOAD_KINDS: Readonly<Record<WorkloadKind, KindFacts>> = {
  pod: { apiPath: '/api/v1', resource: 'pods', label: 'pod', hasLogs: true, eventKind: 'Pod' },
  job: { apiPath: '/apis/batch/v1', resource: 'jobs', label: 'job_name', hasLogs: true, eventKind: 'Job' },
  statefulset: { apiPath: '/apis/apps/v1', resource: 'statefulsets', label: 'statefulset', hasLogs: true, eventKind: 'StatefulSet' },
  deployment: { apiPath: '/apis/apps/v1', resource: 'deployments', label: 'deployment', hasLogs: true, eventKind: 'Deployment' },
  node: { apiPath: '/api/v1', resource: 'nodes', label: 'node', hasLogs: false, eventKind: 'Node' },
};

const KIND_ORDER = Object.keys(WORKLOAD_KINDS) as WorkloadKind[];

export function isWorkloadKind(value: unknown): value is WorkloadKind {
  return typeof value === 'string' && (KIND_ORDER as string[]).includes(value);
}

/**
 * The object an incident's labels name, the most specific first: a pod label wins over the
 * node it runs on. A Warning event names its object by `kind` and `object` (or pod/node).
 */
export function workloadTargetFromLabels(labels: Readonly<Record<string, string>>): WorkloadTarget | undefined {
  const namespace = labels.namespace || undefined;
  const eventKind = KIND_ORDER.find((kind) => WORKLOAD_KINDS[kind].eventKind === labels.kind);
  if (eventKind && labels.object && (namespace || eventKind === 'node')) return build(eventKind, labels.object, namespace, undefined);
  for (const kind of KIND_ORDER) {
    const name = labels[WORKLOAD_KINDS[kind].label];
    if (!name) continue;
    if (kind !== 'node' && !namespace) continue;
    return build(kind, name, namespace, kind === 'pod' ? labels.container || undefined : undefined);
  }
  return undefined;
}

/**
 * Labels come from whoever can post an alert: a value that is not a Kubernetes name (`..`, a
 * slash, shell, a flag) would change the API path read or the kubectl command offered for
 * copying, so such labels name no object (a bad container name is only left out).
 */
function build(kind: WorkloadKind, name: string, namespace: string | undefined, container: string | undefined): WorkloadTarget | undefined {
  if (checkKubernetesName(kind, name) !== undefined) return undefined;
  if (kind !== 'node' && (namespace === undefined || checkKubernetesName('namespace', namespace) !== undefined)) return undefined;
  const validContainer = container !== undefined && checkKubernetesName('container', container) === undefined ? container : undefined;
  return { kind, name, ...(kind === 'node' ? {} : { namespace }), ...(validContainer ? { container: validContainer } : {}) };
}

/** "pod shop/web-7d9c-abcde", "node node-a". */
export function describeTarget(target: WorkloadTarget): string {
  return `${target.kind} ${target.namespace ? `${target.namespace}/` : ''}${target.name}`;
}

/** The API path of the object itself. */
export function objectPath(target: Pick<WorkloadTarget, 'kind' | 'name' | 'namespace'>): string {
  const facts = WORKLOAD_KINDS[target.kind];
  const scope = target.namespace && target.kind !== 'node' ? `/namespaces/${encodeURIComponent(target.namespace)}` : '';
  return `${facts.apiPath}${scope}/${facts.resource}/${encodeURIComponent(target.name)}`;
}

/** The field selector of the events about an object (core v1 events). */
export function eventFieldSelector(target: WorkloadTarget): string {
  const parts = [`involvedObject.kind=${WORKLOAD_KINDS[target.kind].eventKind}`, `involvedObject.name=${target.name}`];
  if (target.namespace) parts.push(`involvedObject.namespace=${target.namespace}`);
  return parts.join(',');
}

export interface LogChoice {
  /** The pod the logs come from (a workload's are read through one of its pods). */
  readonly pod: string;
  /** undefined: every container of the pod. */
  readonly container?: string;
  /** RFC 3339: only lines written since. */
  readonly sinceTime?: string;
  readonly follow?: boolean;
}

/** The kubectl command that shows the same as a document, to carry on in a terminal. */
export function kubectlCommand(context: string, view: EvidenceView, target: WorkloadTarget, logs?: LogChoice): string {
  const words = ['kubectl', '--context', quote(context)];
  if (target.namespace) words.push('-n', quote(target.namespace));
  if (view === 'describe') words.push('describe', target.kind, quote(target.name));
  else if (view === 'events') words.push('events', '--for', quote(`${target.kind}/${target.name}`));
  else {
    words.push('logs', quote(logs?.pod ?? target.name));
    words.push(...(logs?.container ? ['-c', quote(logs.container)] : ['--all-containers']));
    if (view === 'previous') words.push('--previous');
    if (view === 'logs' && logs?.sinceTime) words.push(`--since-time=${logs.sinceTime}`);
    if (view === 'logs' && logs?.follow) words.push('--follow');
    words.push('--timestamps');
  }
  return words.join(' ');
}

/** POSIX single quotes where a word holds anything a shell would read. */
function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
