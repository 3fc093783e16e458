// Alertmanager HA clusters for the hub: the merged incidents of each cluster (one per
// fingerprint, see core mergeClusterAlerts) kept as a snapshot of their own, so a poll of one
// instance becomes a diff of the merged incidents; and the writes that must happen once per
// cluster (a silence, its expiry), on one reachable instance, trying the next if it fails.
// No 'vscode' import.

import { mergeClusterAlerts } from '../../core/incidents/alertmanagerClusters';
import type { Incident } from '../../core/incidents/incidentModel';
import { diffSnapshots, type SnapshotDiff } from '../../core/incidents/snapshotDiff';
import type { AlertmanagerSource, SilenceOptions } from './alertmanagerSource';
import { HttpError } from './httpJson';

interface Cluster {
  readonly members: readonly AlertmanagerSource[];
  snapshot: ReadonlyMap<string, Incident>;
}

export class AlertmanagerClusters {
  private readonly clusters = new Map<string, Cluster>();

  /** Instances without a cluster are left out: they stay sources of their own. */
  constructor(sources: Iterable<AlertmanagerSource>) {
    const members = new Map<string, AlertmanagerSource[]>();
    for (const source of sources) {
      if (source.cluster === undefined) continue;
      const list = members.get(source.cluster);
      if (list === undefined) members.set(source.cluster, [source]);
      else list.push(source);
    }
    for (const [name, list] of members) this.clusters.set(name, { members: list, snapshot: new Map() });
  }

  /** The cluster a source is an instance of; undefined for standalone instances and other sources. */
  clusterOf(source: object): string | undefined {
    const cluster = (source as { readonly cluster?: unknown }).cluster;
    return typeof cluster === 'string' && this.clusters.get(cluster)?.members.includes(source as AlertmanagerSource) ? cluster : undefined;
  }

  /** The instances of a cluster, those whose last poll succeeded first (configuration order otherwise). */
  members(cluster: string): AlertmanagerSource[] {
    const members = this.clusters.get(cluster)?.members ?? [];
    return [...members.filter((source) => source.health.state === 'ok'), ...members.filter((source) => source.health.state !== 'ok')];
  }

  /** Merges the cluster again after one of its instances changed (alerts or health); undefined when nothing changed. */
  update(cluster: string): SnapshotDiff | undefined {
    const entry = this.clusters.get(cluster);
    if (entry === undefined) return undefined;
    const merged = mergeClusterAlerts(
      cluster,
      entry.members.map((source) => ({ instance: source.name, incidents: source.incidents, reachable: source.health.state === 'ok' })),
    );
    const diff = diffSnapshots(entry.snapshot, merged);
    if (diff.added.length + diff.removed.length + diff.changed.length === 0) return undefined;
    entry.snapshot = diff.snapshot;
    return diff;
  }

  *incidents(): Iterable<Incident> {
    for (const entry of this.clusters.values()) yield* entry.snapshot.values();
  }

  /** Each cluster's merged incidents by id (read only: they are its snapshots). */
  snapshots(): ReadonlyMap<string, Incident>[] {
    return [...this.clusters.values()].map((entry) => entry.snapshot);
  }

  /** The removal of every merged incident, when the clusters are rebuilt from new settings. */
  retire(): SnapshotDiff {
    const removed = [...this.incidents()];
    for (const entry of this.clusters.values()) entry.snapshot = new Map();
    return { added: [], removed, changed: [], unchanged: 0, snapshot: new Map() };
  }
}

/** How long a write waits for the peers to have it before the cluster is polled again. */
const GOSSIP_WAIT_MS = 3_000;
const GOSSIP_POLL_MS = 100;

/**
 * Creates one silence for the whole cluster: on the first instance that takes it (reachable ones
 * first), trying the next when one cannot be reached or fails on its side. A refusal (4xx) is
 * final: the peers would refuse the same silence. Gossip then copies it to the others.
 */
export async function silenceInCluster(members: readonly AlertmanagerSource[], incident: Incident, options: SilenceOptions): Promise<{ id: string; instance: string }> {
  let firstError: unknown;
  for (const source of members) {
    try {
      const id = await source.silence(incident, options);
      await settleAndRefresh(members, source, id, (state) => state !== undefined);
      return { id, instance: source.name };
    } catch (error) {
      firstError ??= error;
      if (isRefusal(error)) break;
    }
  }
  throw firstError instanceof Error ? firstError : new Error(`No instance of Alertmanager cluster ${incident.cluster ?? ''} could be reached to silence ${incident.title}.`);
}

/** Expires a cluster's silence on the instance that made it, else on the next peer that has it. */
export async function expireInCluster(members: readonly AlertmanagerSource[], id: string, madeOn: string): Promise<void> {
  const ordered = [...members.filter((source) => source.name === madeOn), ...members.filter((source) => source.name !== madeOn)];
  let firstError: unknown;
  for (const source of ordered) {
    try {
      await source.expireSilence(id);
      await settleAndRefresh(members, source, id, (state) => state === 'expired' || state === undefined);
      return;
    } catch (error) {
      firstError ??= error;
    }
  }
  throw firstError instanceof Error ? firstError : new Error(`No instance of the Alertmanager cluster could expire silence ${id}.`);
}

/**
 * Waits (a few seconds at most) until every reachable peer shows the write, then polls them,
 * so the merged row does not flip back while a peer still has the old state.
 */
async function settleAndRefresh(members: readonly AlertmanagerSource[], writer: AlertmanagerSource, id: string, arrived: (state: string | undefined) => boolean): Promise<void> {
  const peers = members.filter((source) => source !== writer && source.health.state === 'ok');
  const deadline = Date.now() + GOSSIP_WAIT_MS;
  let waiting = peers;
  while (waiting.length > 0 && Date.now() < deadline) {
    const states = await Promise.all(waiting.map((source) => source.silenceState(id)));
    waiting = waiting.filter((_, index) => !arrived(states[index]));
    if (waiting.length > 0) await new Promise((resolve) => setTimeout(resolve, GOSSIP_POLL_MS));
  }
  await Promise.all(peers.map((source) => source.refresh()));
}

function isRefusal(error: unknown): boolean {
  const cause = error instanceof Error ? error.cause : undefined;
  return HttpError.is(cause) && cause.reason === 'status' && (cause.status ?? 0) >= 400 && (cause.status ?? 0) < 500;
}
