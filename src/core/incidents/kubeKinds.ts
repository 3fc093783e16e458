// The Kubernetes kinds the incident source watches, as one table: where each is listed and
// watched, and which classifier turns an object into an incident. Adding a kind is one entry
// here; the source and its informers read nothing else. Pure: no client library, no I/O.

import type { Incident } from './incidentModel';
import { classifyDeployment, classifyEvent, classifyJob, classifyNode, classifyPod, eventLastSeen } from './kubeSignals';

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
  readonly classify: (object: unknown, sourceName: string) => Incident | undefined;
  /** For objects that stop counting with age (events): when the object was last seen, epoch ms. */
  readonly lastSeen?: (object: unknown, now: number) => number;
}

export const WATCHED_KINDS = [
  {
    resource: 'pods',
    apiPath: '/api/v1',
    namespaced: true,
    classify: classifyPod,
  },
  {
    resource: 'deployments',
    apiPath: '/apis/apps/v1',
    namespaced: true,
    classify: classifyDeployment,
  },
  {
    resource: 'jobs',
    apiPath: '/apis/batch/v1',
    namespaced: true,
    classify: classifyJob,
  },
  {
    resource: 'events',
    label: 'Warning events',
    apiPath: '/api/v1',
    namespaced: true,
    fieldSelector: 'type=Warning',
    classify: classifyEvent,
    lastSeen: eventLastSeen,
  },
  {
    resource: 'nodes',
    apiPath: '/api/v1',
    namespaced: false,
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
