// Turns Kubernetes API objects (plain JSON as the API returns it) into incidents, following
// the signals on-call treats as incidents. One incident per object at most: the worst
// signal wins, so a pod that is both OOMKilled and crash-looping is one tree node.
//
// Severities:
// - P1: node NotReady or unreachable; deployment with no available replica (or Available=False)
// - P2: container waiting in CrashLoopBackOff / ImagePullBackOff / ErrImagePull /
//   CreateContainerConfigError (and similar), unschedulable pod, deployment short of replicas
//   or past its progress deadline, node memory/disk/PID pressure, failed job
// - P3: a container that was OOMKilled and restarted but is running again; Warning events
//
// alertName is the kube-prometheus alert that fires for the same condition, so the runbook
// matcher finds the same runbook as for the alert itself. Which kinds are watched, and which
// of their fields are kept for these classifiers, is the table in kubeKinds.ts.

import type { SeverityLevel } from '../shared/severity';
import { formatIncidentId, type Incident } from './incidentModel';
import { isJsonObject, readArray, readNumber, readObject, readString, readTimestamp, type JsonObject } from './jsonShapes';

const DEFAULT_SOURCE = 'kubernetes';

/** Waiting reasons that mean the container will not start by itself, worst first. */
const WAITING_REASONS: Readonly<Record<string, { rank: number; alertName: string }>> = {
  CreateContainerConfigError: { rank: 0, alertName: 'KubeContainerWaiting' },
  InvalidImageName: { rank: 1, alertName: 'KubeContainerWaiting' },
  ImagePullBackOff: { rank: 2, alertName: 'KubeContainerWaiting' },
  ErrImagePull: { rank: 3, alertName: 'KubeContainerWaiting' },
  CreateContainerError: { rank: 4, alertName: 'KubeContainerWaiting' },
  RunContainerError: { rank: 5, alertName: 'KubeContainerWaiting' },
  CrashLoopBackOff: { rank: 6, alertName: 'KubePodCrashLooping' },
};

interface ObjectMeta {
  readonly name: string;
  readonly namespace: string;
  readonly uid: string;
  readonly createdAt: string;
}

function readMeta(object: JsonObject): ObjectMeta {
  const metadata = readObject(object.metadata);
  const name = readString(metadata?.name) ?? '';
  const namespace = readString(metadata?.namespace) ?? '';
  // Fixtures and some proxies omit uid; namespace/name is unique at any one time.
  const uid = readString(metadata?.uid) || `${namespace}/${name}`;
  return { name, namespace, uid, createdAt: readTimestamp(metadata?.creationTimestamp) ?? '' };
}

function findCondition(status: JsonObject | undefined, type: string): JsonObject | undefined {
  const conditions = readArray(status?.conditions);
  if (conditions === undefined) return undefined;
  for (const condition of conditions) if (isJsonObject(condition) && condition.type === type) return condition;
  return undefined;
}

interface Signal {
  readonly reason: string;
  readonly title: string;
  readonly severity: SeverityLevel;
  readonly alertName?: string;
  readonly startedAt: string;
  readonly labels: Record<string, string>;
  readonly annotations?: Record<string, string>;
}

function buildIncident(sourceName: string, meta: ObjectMeta, group: string, signal: Signal): Incident {
  const sourceId = `${meta.uid}/${signal.reason}`;
  const incident: Incident = {
    id: formatIncidentId('kubernetes', sourceName, sourceId),
    source: 'kubernetes',
    sourceName,
    sourceId,
    title: signal.title,
    severity: signal.severity,
    group,
    labels: signal.labels,
    annotations: signal.annotations ?? {},
    startedAt: signal.startedAt,
    status: 'firing',
  };
  return signal.alertName === undefined ? incident : { ...incident, alertName: signal.alertName };
}

interface WaitingContainer {
  readonly container: string;
  readonly reason: string;
  readonly message: string;
  readonly rank: number;
  readonly restarts: number;
  readonly oom: boolean;
}

interface OomKilledContainer {
  readonly container: string;
  readonly restarts: number;
  readonly finishedAt: string;
}

/** What a pod's container statuses report: the worst known waiting reason, the first OOM kill since restarted. */
interface ContainerSignals {
  waiting?: WaitingContainer;
  oom?: OomKilledContainer;
}

/**
 * Adds the signals of one list of container statuses to `found`. Most pods are healthy: a
 * status with neither a waiting state nor a last termination is passed over without a single
 * allocation, and `found` is only created for a pod that has something to report.
 */
function scanContainerStatuses(list: unknown, found: ContainerSignals | undefined): ContainerSignals | undefined {
  const statuses = readArray(list);
  if (statuses === undefined) return found;
  for (const item of statuses) {
    if (!isJsonObject(item)) continue;
    const lastTerminated = readObject(readObject(item.lastState)?.terminated);
    const oomKilled = lastTerminated !== undefined && lastTerminated.reason === 'OOMKilled';
    const reason = readString(readObject(readObject(item.state)?.waiting)?.reason);
    const known = reason === undefined ? undefined : WAITING_REASONS[reason];
    const restarts = readNumber(item.restartCount) ?? 0;
    const worse = known !== undefined && (found?.waiting === undefined || known.rank < found.waiting.rank);
    const firstOom = oomKilled && restarts > 0 && found?.oom === undefined;
    if (!worse && !firstOom) continue;
    found ??= {};
    const container = readString(item.name) ?? '';
    if (worse) {
      const message = readString(readObject(readObject(item.state)?.waiting)?.message) ?? '';
      found.waiting = { container, reason: reason!, message, rank: known.rank, restarts, oom: oomKilled };
    }
    if (firstOom) found.oom = { container, restarts, finishedAt: readTimestamp(lastTerminated.finishedAt) ?? '' };
  }
  return found;
}

/** The pod's Unschedulable condition while it is Pending, if it has one. */
function unschedulableCondition(status: JsonObject): JsonObject | undefined {
  if (status.phase !== 'Pending') return undefined;
  const scheduled = findCondition(status, 'PodScheduled');
  return scheduled !== undefined && scheduled.status === 'False' && scheduled.reason === 'Unschedulable' ? scheduled : undefined;
}

/**
 * Failing pod: a container stuck waiting for a reason that will not clear by itself, a
 * recent OOM kill, or a pod the scheduler cannot place. A healthy pod (nearly all of them)
 * costs a look at its container statuses and phase, nothing more.
 */
export function classifyPod(pod: unknown, sourceName: string = DEFAULT_SOURCE): Incident | undefined {
  if (!isJsonObject(pod)) return undefined;
  const status = readObject(pod.status);
  if (status === undefined) return undefined;
  const found = scanContainerStatuses(status.containerStatuses, scanContainerStatuses(status.initContainerStatuses, undefined));
  const unschedulable = found === undefined ? unschedulableCondition(status) : undefined;
  if (found === undefined && unschedulable === undefined) return undefined;
  const meta = readMeta(pod);
  const podName = `${meta.namespace}/${meta.name}`;
  const owner = readPodOwner(pod);
  const labels = (reason: string, container?: string): Record<string, string> => {
    const map: Record<string, string> = { namespace: meta.namespace, pod: meta.name, reason };
    if (container) map.container = container;
    if (owner) Object.assign(map, { owner_kind: owner.kind, owner_name: owner.name });
    const node = readString(readObject(pod.spec)?.nodeName);
    if (node) map.node = node;
    return map;
  };
  const { waiting, oom } = found ?? {};
  if (waiting !== undefined) {
    const info = WAITING_REASONS[waiting.reason];
    const cause = waiting.oom ? ' (last exit: OOMKilled)' : '';
    const restarts = waiting.restarts > 0 ? `, ${waiting.restarts} restarts` : '';
    const ready = findCondition(status, 'Ready');
    return buildIncident(sourceName, meta, meta.namespace || 'other', {
      reason: waiting.reason,
      title: `${podName} ${waiting.container}: ${waiting.reason}${cause}${restarts}`,
      severity: 'P2',
      alertName: info.alertName,
      startedAt: readTimestamp(ready?.lastTransitionTime) ?? readTimestamp(status.startTime) ?? meta.createdAt,
      labels: labels(waiting.reason, waiting.container),
      annotations: waiting.message ? { message: waiting.message } : {},
    });
  }
  if (oom !== undefined) {
    return buildIncident(sourceName, meta, meta.namespace || 'other', {
      reason: 'OOMKilled',
      title: `${podName} ${oom.container}: OOMKilled, ${oom.restarts} restarts`,
      severity: 'P3',
      startedAt: oom.finishedAt || meta.createdAt,
      labels: labels('OOMKilled', oom.container),
    });
  }
  const scheduled = unschedulable!;
  const message = readString(scheduled.message) ?? '';
  return buildIncident(sourceName, meta, meta.namespace || 'other', {
    reason: 'Unschedulable',
    title: `${podName}: Pending, unschedulable`,
    severity: 'P2',
    alertName: 'KubePodNotReady',
    startedAt: readTimestamp(scheduled.lastTransitionTime) ?? meta.createdAt,
    labels: labels('Unschedulable'),
    annotations: message ? { message } : {},
  });
}

/**
 * The workload that owns a pod, from its controller's ownerReference. A ReplicaSet is rolled up
 * to its Deployment: the ReplicaSet controller names it `<deployment>-<pod-template-hash>` and
 * gives its pods that hash as a label, so the Deployment's name is the rest. Kept as labels
 * `owner_kind` and `owner_name` (as kube-state-metrics' kube_pod_owner names them), so every
 * signal about the pod can be folded into one problem on its owner.
 */
function readPodOwner(pod: JsonObject): { kind: string; name: string } | undefined {
  const metadata = readObject(pod.metadata);
  const references = (readArray(metadata?.ownerReferences) ?? []).filter(isJsonObject);
  const controller = references.find((reference) => reference.controller === true) ?? references[0];
  const kind = readString(controller?.kind);
  const name = readString(controller?.name);
  if (!kind || !name) return undefined;
  const hash = readString(readObject(metadata?.labels)?.['pod-template-hash']);
  if (kind === 'ReplicaSet' && hash && name.endsWith(`-${hash}`) && name.length > hash.length + 1) {
    return { kind: 'Deployment', name: name.slice(0, -hash.length - 1) };
  }
  return { kind, name };
}

/** Every failing pod of a `PodList` (or a bare array of pods). */
export function classifyPodList(list: unknown, sourceName: string = DEFAULT_SOURCE): Incident[] {
  const items = Array.isArray(list) ? list : isJsonObject(list) ? readArray(list.items) : undefined;
  const incidents: Incident[] = [];
  if (items === undefined) return incidents;
  for (const pod of items) {
    const incident = classifyPod(pod, sourceName);
    if (incident !== undefined) incidents.push(incident);
  }
  return incidents;
}

/** Deployment short of available replicas, or stuck past its progress deadline. */
export function classifyDeployment(deployment: unknown, sourceName: string = DEFAULT_SOURCE): Incident | undefined {
  if (!isJsonObject(deployment)) return undefined;
  const meta = readMeta(deployment);
  const status = readObject(deployment.status);
  // spec.replicas defaults to 1 when omitted; 0 means scaled down on purpose.
  const desired = readNumber(readObject(deployment.spec)?.replicas) ?? 1;
  const available = readNumber(status?.availableReplicas) ?? 0;
  const progressing = findCondition(status, 'Progressing');
  const availability = findCondition(status, 'Available');
  const name = `${meta.namespace}/${meta.name}`;
  const labels = (reason: string): Record<string, string> => ({ namespace: meta.namespace, deployment: meta.name, reason });
  const group = meta.namespace || 'other';
  if (progressing !== undefined && progressing.status === 'False' && progressing.reason === 'ProgressDeadlineExceeded') {
    const message = readString(progressing.message);
    return buildIncident(sourceName, meta, group, {
      reason: 'ProgressDeadlineExceeded',
      title: `${name}: rollout stuck (ProgressDeadlineExceeded), ${available}/${desired} available`,
      severity: available === 0 && desired > 0 ? 'P1' : 'P2',
      alertName: 'KubeDeploymentRolloutStuck',
      startedAt: readTimestamp(progressing.lastTransitionTime) ?? meta.createdAt,
      labels: labels('ProgressDeadlineExceeded'),
      annotations: message ? { message } : {},
    });
  }
  if (desired > 0 && available < desired) {
    const down = available === 0 || (availability !== undefined && availability.status === 'False');
    return buildIncident(sourceName, meta, group, {
      reason: 'Unavailable',
      title: `${name}: ${available}/${desired} replicas available`,
      severity: down ? 'P1' : 'P2',
      alertName: 'KubeDeploymentReplicasMismatch',
      startedAt: readTimestamp(availability?.lastTransitionTime) ?? meta.createdAt,
      labels: labels('Unavailable'),
    });
  }
  return undefined;
}

const PRESSURES = ['MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;

/** Node not ready (False), unreachable (Unknown: the kubelet stopped reporting), or under pressure. */
export function classifyNode(node: unknown, sourceName: string = DEFAULT_SOURCE): Incident | undefined {
  if (!isJsonObject(node)) return undefined;
  const meta = readMeta(node);
  const status = readObject(node.status);
  const ready = findCondition(status, 'Ready');
  const labels = (reason: string): Record<string, string> => ({ node: meta.name, reason });
  if (ready !== undefined && (ready.status === 'False' || ready.status === 'Unknown')) {
    const unreachable = ready.status === 'Unknown';
    const reason = unreachable ? 'NodeUnreachable' : 'NodeNotReady';
    const message = readString(ready.message);
    return buildIncident(sourceName, meta, 'nodes', {
      reason,
      title: `Node ${meta.name}: ${unreachable ? 'unreachable (status Unknown)' : 'NotReady'}`,
      severity: 'P1',
      alertName: unreachable ? 'KubeNodeUnreachable' : 'KubeNodeNotReady',
      startedAt: readTimestamp(ready.lastTransitionTime) ?? meta.createdAt,
      labels: labels(reason),
      annotations: message ? { message } : {},
    });
  }
  for (const type of PRESSURES) {
    const condition = findCondition(status, type);
    if (condition === undefined || condition.status !== 'True') continue;
    return buildIncident(sourceName, meta, 'nodes', {
      reason: type,
      title: `Node ${meta.name}: ${type}`,
      severity: 'P2',
      alertName: 'KubeNodePressure',
      startedAt: readTimestamp(condition.lastTransitionTime) ?? meta.createdAt,
      labels: labels(type),
    });
  }
  return undefined;
}

/** Job whose Failed condition is True (backoff limit or deadline reached). */
export function classifyJob(job: unknown, sourceName: string = DEFAULT_SOURCE): Incident | undefined {
  if (!isJsonObject(job)) return undefined;
  const meta = readMeta(job);
  const failed = findCondition(readObject(job.status), 'Failed');
  if (failed === undefined || failed.status !== 'True') return undefined;
  const reason = readString(failed.reason) || 'Failed';
  const message = readString(failed.message);
  return buildIncident(sourceName, meta, meta.namespace || 'other', {
    reason: 'JobFailed',
    title: `${meta.namespace}/${meta.name}: job failed (${reason})`,
    severity: 'P2',
    alertName: 'KubeJobFailed',
    startedAt: readTimestamp(failed.lastTransitionTime) ?? meta.createdAt,
    labels: { namespace: meta.namespace, job_name: meta.name, reason },
    annotations: message ? { message } : {},
  });
}

/**
 * Warning event, from core v1 (`involvedObject`, `message`, `lastTimestamp`) or
 * events.k8s.io/v1 (`regarding`, `note`). FailedScheduling and other events written by newer
 * components carry `eventTime` and `series` and no first/last timestamp.
 */
export function classifyEvent(event: unknown, sourceName: string = DEFAULT_SOURCE): Incident | undefined {
  if (!isJsonObject(event) || event.type !== 'Warning') return undefined;
  const meta = readMeta(event);
  const involved = readObject(event.involvedObject) ?? readObject(event.regarding);
  const kind = readString(involved?.kind) ?? '';
  const objectName = readString(involved?.name) ?? '';
  const namespace = readString(involved?.namespace) || meta.namespace;
  const reason = readString(event.reason) || 'Warning';
  const message = (readString(event.message) ?? readString(event.note) ?? '').trim();
  const series = readObject(event.series);
  const startedAt =
    readTimestamp(event.firstTimestamp) ??
    readTimestamp(event.deprecatedFirstTimestamp) ??
    readTimestamp(event.eventTime) ??
    readTimestamp(series?.lastObservedTime) ??
    readTimestamp(event.lastTimestamp) ??
    meta.createdAt;
  const labels: Record<string, string> = { reason };
  if (namespace) labels.namespace = namespace;
  if (kind) labels.kind = kind;
  if (objectName) labels[kind === 'Pod' ? 'pod' : kind === 'Node' ? 'node' : 'object'] = objectName;
  const annotations: Record<string, string> = {};
  if (message) annotations.message = message;
  const count = readNumber(event.count) ?? readNumber(series?.count) ?? readNumber(event.deprecatedCount);
  if (count !== undefined && count > 1) annotations.count = String(count);
  const newline = message.indexOf('\n');
  const firstLine = newline < 0 ? message : message.slice(0, newline);
  // "<kind> <namespace>/<name>: <reason> - <first line>", built flat in one join: a template
  // leaves a tree of pieces, which the snapshot diff flattens again (keeping both) for each of
  // thousands of events.
  const title = [kind, kind ? ' ' : '', kind && namespace ? namespace : '', kind && namespace ? '/' : '', objectName, ': ', reason, firstLine ? ' - ' : '', firstLine].join('');
  return buildIncident(sourceName, meta, namespace || 'cluster', {
    reason,
    title,
    severity: 'P3',
    startedAt,
    labels,
    annotations,
  });
}

/**
 * The newest of an event's times (core v1 and events.k8s.io shapes). creationTimestamp only when
 * there is none: a recurring event keeps its object (and creation time) and moves lastTimestamp.
 * No time at all counts as now.
 */
export function eventLastSeen(event: unknown, now: number): number {
  const e = isJsonObject(event) ? event : {};
  const series = readObject(e.series);
  let latest = Math.max(parsedTime(e.lastTimestamp), parsedTime(series?.lastObservedTime), parsedTime(e.eventTime), parsedTime(e.firstTimestamp), parsedTime(e.deprecatedLastTimestamp));
  if (latest === -Infinity) {
    const created = readString(readObject(e.metadata)?.creationTimestamp);
    latest = created === undefined ? Number.NaN : Date.parse(created);
  }
  return Number.isNaN(latest) || latest === -Infinity ? now : latest;
}

/** A time field as epoch ms; -Infinity when it is missing or not a time, so that Math.max passes over it. */
function parsedTime(value: unknown): number {
  if (typeof value !== 'string') return -Infinity;
  const time = Date.parse(value);
  return Number.isNaN(time) ? -Infinity : time;
}
