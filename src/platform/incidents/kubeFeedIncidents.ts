// Kubernetes objects to incidents: the changes the informers report are queued, classified a
// chunk per turn of the event loop by their kind's classifier (core/incidents/kubeKinds), and
// kept per feed, one incident per object at most. No client-node and no 'vscode' import.

import type { Incident } from '../../core/incidents/incidentModel';
import { releaseAfterClassifying, type WatchedKind } from '../../core/incidents/kubeKinds';

/** Objects classified per turn of the event loop: a 5,000-pod list must not freeze the editor. */
const CHUNK = 500;

interface KubeObjectLike {
  readonly metadata?: { readonly name?: string; readonly namespace?: string };
}

/** The incidents of one informer's objects: one kind in one namespace (or all of them). */
export interface FeedIncidents {
  readonly kind: WatchedKind;
  /** undefined: all namespaces (or cluster-scoped). */
  readonly namespace: string | undefined;
  /** objectKey (namespace/name) → its incident. Healthy objects have no entry. */
  readonly incidents: Map<string, Incident>;
  /** Kinds that age out only: objectKey → epoch ms after which the object is too old to show. */
  readonly expiresAt: Map<string, number>;
}

interface PendingChange {
  readonly feed: FeedIncidents;
  readonly key: string;
  /** undefined: the object was deleted. */
  readonly object: KubeObjectLike | undefined;
}

export interface ClassifyQueueOptions {
  /** The source (kube context) name the incidents carry. */
  readonly sourceName: string;
  /** Objects of aging kinds last seen longer ago than this are dropped. */
  readonly maxAgeMs: number;
  /** Called once the queue is empty after a drain. */
  readonly drained: () => void;
}

/** Changes waiting to be classified; the latest change of an object replaces an earlier one. */
export class ClassifyQueue {
  private readonly pending = new Map<string, PendingChange>();
  private drainHandle: NodeJS.Immediate | undefined;

  constructor(private readonly options: ClassifyQueueOptions) {}

  get busy(): boolean {
    return this.pending.size > 0;
  }

  enqueue(feed: FeedIncidents, object: KubeObjectLike, deleted: boolean): void {
    this.put(feed, objectKey(object), deleted ? undefined : object);
  }

  /** A list is the whole truth: incidents of objects it no longer has go, whatever the informer's cache says. */
  reconcile(feed: FeedIncidents, items: readonly KubeObjectLike[]): void {
    if (feed.incidents.size === 0) return;
    const present = new Set(items.map(objectKey));
    for (const key of feed.incidents.keys()) if (!present.has(key)) this.put(feed, key, undefined);
  }

  /** Drops the changes of a feed that is gone. */
  forget(feed: FeedIncidents): void {
    for (const [id, change] of this.pending) if (change.feed === feed) this.pending.delete(id);
  }

  clear(): void {
    this.pending.clear();
    if (this.drainHandle) clearImmediate(this.drainHandle);
    this.drainHandle = undefined;
  }

  private put(feed: FeedIncidents, key: string, object: KubeObjectLike | undefined): void {
    this.pending.set(`${feed.kind.resource}\u0000${feed.namespace ?? ''}\u0000${key}`, { feed, key, object });
    this.drainHandle ??= setImmediate(() => this.drain());
  }

  private drain(): void {
    this.drainHandle = undefined;
    const now = Date.now();
    let done = 0;
    for (const [id, change] of this.pending) {
      this.pending.delete(id);
      this.apply(change, now);
      // The informer keeps the object for its name and version only (it was trimmed for us).
      releaseAfterClassifying(change.object);
      if (++done >= CHUNK) break;
    }
    if (this.pending.size > 0) this.drainHandle = setImmediate(() => this.drain());
    else this.options.drained();
  }

  private apply({ feed, key, object }: PendingChange, now: number): void {
    const incident = object === undefined ? undefined : feed.kind.classify(object, this.options.sourceName);
    const expiresAt = object === undefined || feed.kind.lastSeen === undefined ? undefined : feed.kind.lastSeen(object, now) + this.options.maxAgeMs;
    if (incident === undefined || (expiresAt !== undefined && expiresAt <= now)) {
      feed.incidents.delete(key);
      feed.expiresAt.delete(key);
      return;
    }
    if (expiresAt !== undefined) feed.expiresAt.set(key, expiresAt);
    feed.incidents.set(key, incident);
  }
}

/** Drops the incidents of objects that have aged out; returns when the next one will (Infinity: none). */
export function expireAged(feeds: readonly FeedIncidents[], now: number): number {
  let next = Infinity;
  for (const feed of feeds) {
    for (const [key, expiresAt] of feed.expiresAt) {
      if (expiresAt > now) {
        next = Math.min(next, expiresAt);
        continue;
      }
      feed.expiresAt.delete(key);
      feed.incidents.delete(key);
    }
  }
  return next;
}

function objectKey(object: KubeObjectLike): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}
