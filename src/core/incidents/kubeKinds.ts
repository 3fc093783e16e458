// The Kubernetes kinds the incident source watches, as one table: where each is listed and
// watched, what of each object the watch cache keeps, and which classifier turns an object
// into an incident. Adding a kind is one entry here; the source and its informers read
// nothing else. Pure: no client library, no I/O.

import type { Incident } from './incidentModel';
import { isJsonObject, readObject, type JsonObject } from './jsonShapes';
import { classifyDeployment, classifyEvent, classifyJob, classifyNode, classifyPod, eventLastSeen } from './kubeSignals';

/** `true`: the value as it is; an object: those fields of an object; `[shape]`: each item of a list. */
export type Shape = { readonly [field: string]: true | Shape | readonly [Shape] };

export interface WatchedKind {
  /** The plural resource name, as in the API path and in log lines: "pods". */
  readonly resource: string;
  /** How the log line of what is watched names it, when not by its resource name. */
  readonly label?: string;
  /** The API group and version the resource is served under: `/api/v1` or `/apis/<group>/<version>`. */
  readonly apiPath: string;
  /**
   * false: cluster-scoped, watched cluster-wide whatever namespaces are configured, and left out
   * with a note when listing it is forbidden. Namespaced kinds fall back to the context's
   * namespace instead.
   */
  readonly namespaced: boolean;
  /** Applied by the server to the list and the watch alike. */
  readonly fieldSelector?: string;
  /** Every field `classify` (and `lastSeen`) reads, and nothing else: what the watch cache keeps. */
  readonly shape: Shape;
  readonly classify: (object: unknown, sourceName: string) => Incident | undefined;
  /** For objects that stop counting with age (events): when the object was last seen, epoch ms. */
  readonly lastSeen?: (object: unknown, now: number) => number;
}

// A field the classifiers start to read must be added to their shape: the unit tests record
// every read the readers make and fail on one the trim would drop, whether the fixtures hold
// that field or not.
const METADATA: Shape = { name: true, namespace: true, uid: true, resourceVersion: true, creationTimestamp: true };
const CONDITIONS = [{ type: true, status: true, reason: true, message: true, lastTransitionTime: true }] as const;
const CONTAINER_STATUSES = [
  { name: true, restartCount: true, state: { waiting: { reason: true, message: true } }, lastState: { terminated: { reason: true, finishedAt: true } } },
] as const;
const INVOLVED = { kind: true, name: true, namespace: true } as const;
/** A pod's owner, for folding its signals into one problem on the owning workload. */
const POD_METADATA: Shape = {
  ...METADATA,
  labels: { 'pod-template-hash': true },
  ownerReferences: [{ kind: true, name: true, controller: true }],
};

export const WATCHED_KINDS = [
  {
    resource: 'pods',
    apiPath: '/api/v1',
    namespaced: true,
    shape: {
      metadata: POD_METADATA,
      spec: { nodeName: true },
      status: { phase: true, startTime: true, conditions: CONDITIONS, containerStatuses: CONTAINER_STATUSES, initContainerStatuses: CONTAINER_STATUSES },
    },
    classify: classifyPod,
  },
  {
    resource: 'deployments',
    apiPath: '/apis/apps/v1',
    namespaced: true,
    shape: { metadata: METADATA, spec: { replicas: true }, status: { availableReplicas: true, conditions: CONDITIONS } },
    classify: classifyDeployment,
  },
  {
    resource: 'jobs',
    apiPath: '/apis/batch/v1',
    namespaced: true,
    shape: { metadata: METADATA, status: { conditions: CONDITIONS } },
    classify: classifyJob,
  },
  {
    resource: 'events',
    label: 'Warning events',
    apiPath: '/api/v1',
    namespaced: true,
    fieldSelector: 'type=Warning',
    shape: {
      metadata: METADATA,
      type: true,
      reason: true,
      message: true,
      note: true,
      count: true,
      deprecatedCount: true,
      firstTimestamp: true,
      deprecatedFirstTimestamp: true,
      lastTimestamp: true,
      deprecatedLastTimestamp: true,
      eventTime: true,
      series: { count: true, lastObservedTime: true },
      involvedObject: INVOLVED,
      regarding: INVOLVED,
    },
    classify: classifyEvent,
    lastSeen: eventLastSeen,
  },
  {
    resource: 'nodes',
    apiPath: '/api/v1',
    namespaced: false,
    shape: { metadata: METADATA, status: { conditions: CONDITIONS } },
    classify: classifyNode,
  },
] as const satisfies readonly WatchedKind[];

export type KubeSignalKind = (typeof WATCHED_KINDS)[number]['resource'];

/** The table's entry for a resource name. */
export function watchedKind(resource: KubeSignalKind): WatchedKind {
  return WATCHED_KINDS.find((kind) => kind.resource === resource)!;
}

/** The list (and, with `watch=true`, watch) path of a kind; undefined namespace: all namespaces, or cluster-scoped. */
export function watchPath(kind: WatchedKind, namespace: string | undefined): string {
  const scope = kind.namespaced && namespace !== undefined ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  return `${kind.apiPath}${scope}/${kind.resource}`;
}

/** "pods, deployments, jobs and Warning events in <where>, and nodes": what one connect watches. */
export function describeWatchedKinds(kinds: readonly WatchedKind[], where: string): string {
  const names = (list: readonly WatchedKind[]) => joinWithAnd(list.map((kind) => kind.label ?? kind.resource));
  const namespaced = kinds.filter((kind) => kind.namespaced);
  const clusterWide = kinds.filter((kind) => !kind.namespaced);
  const parts = [namespaced.length > 0 ? `${names(namespaced)} in ${where}` : '', clusterWide.length > 0 ? names(clusterWide) : ''].filter((part) => part !== '');
  return parts.join(', and ');
}

/**
 * The health note for what is not watched everywhere: kinds watched only in the fallback
 * namespace because listing them in all namespaces is forbidden, and cluster-scoped kinds left
 * out because listing them is forbidden. undefined: everything is watched.
 */
export function describeLeftOut(context: string, fallbackNamespace: string | undefined, fallbackKinds: readonly WatchedKind[], forbidden: readonly WatchedKind[]): string | undefined {
  const notes: string[] = [];
  if (fallbackKinds.length > 0) {
    const names = joinWithAnd(fallbackKinds.map((kind) => kind.resource));
    notes.push(`Only namespace "${fallbackNamespace}" is watched: listing ${names} in all namespaces is forbidden in context "${context}".`);
  }
  for (const { resource } of forbidden) {
    notes.push(`${resource[0].toUpperCase()}${resource.slice(1)} are not watched: listing ${resource} is forbidden in context "${context}".`);
  }
  return notes.length > 0 ? notes.join(' ') : undefined;
}

/** "a", "a and b", "a, b and c". */
function joinWithAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * The part of an API object its classifier reads. Watch caches hold every object of a kind
 * for as long as the watch runs; a real pod is 5-20 KB of JSON (container specs, environment,
 * `managedFields`), of which a few hundred bytes decide whether it is an incident.
 */
export function trimForWatch(kind: WatchedKind, object: unknown): unknown {
  return isJsonObject(object) ? project(object, kind.shape) : object;
}

function project(object: JsonObject, shape: Shape): JsonObject {
  const kept: JsonObject = {};
  for (const field in shape) {
    const value = object[field];
    if (value === undefined) continue;
    const inner = shape[field];
    if (inner === true) kept[field] = value;
    else if (Array.isArray(inner)) kept[field] = Array.isArray(value) ? value.map((item: unknown) => (isJsonObject(item) ? project(item, inner[0] as Shape) : item)) : value;
    else kept[field] = isJsonObject(value) ? project(value, inner as Shape) : value;
  }
  return kept;
}

/** What a watch cache still needs of an object once it has been classified. */
const CACHE_METADATA = new Set(['name', 'namespace', 'resourceVersion']);

/**
 * Empties a trimmed object once it has been classified, keeping the name, namespace and
 * resourceVersion by which client-node's informer keys its cache and skips unchanged objects.
 * The informer holds every object of a kind, but never reads more than that, and a change
 * arrives as a new object, classified in its turn. Fields are set to undefined rather than
 * deleted, which would turn each object into a slower and larger dictionary.
 */
export function releaseAfterClassifying(object: unknown): void {
  if (!isJsonObject(object)) return;
  for (const field in object) {
    if (field !== 'metadata') object[field] = undefined;
  }
  const metadata = readObject(object.metadata);
  if (metadata === undefined) return;
  for (const field in metadata) {
    if (!CACHE_METADATA.has(field)) metadata[field] = undefined;
  }
}
