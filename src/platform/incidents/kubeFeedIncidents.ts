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

export interface ClassifyQueueOptions {
  /** The source (kube context) name the incidents carry. */
  readonly sourceName: string;
  /** Objects of aging kinds last seen longer ago than this are dropped. */
  readonly maxAgeMs: number;
  /** Called once the queue is empty after a drain. */
  readonly drained: () => void;
}

/**
 * Changes waiting to be classified; the latest change of an object replaces an earlier one.
 * Kept per feed, by object key: a list of 50,000 objects queues 50,000 changes, and a key
 * naming the feed as well would be one more string per object for the collector. A drain
 * takes every pending change at once into plain arrays and works through them a chunk per
 * turn: taking a chunk at a time out of the map would make each turn step over the entries
 * the turns before it deleted.
 */
export class ClassifyQueue {
  /** Per feed: objectKey → the object as last reported, undefined when it was deleted. */
  private readonly pending = new Map<FeedIncidents, Map<string, KubeObjectLike | undefined>>();
  private size = 0;
  /** The changes taken by the drain under way, in order; `next` is the first one not applied. */
  private batch: { feeds: FeedIncidents[]; keys: string[]; objects: (KubeObjectLike | undefined)[] } = { feeds: [], keys: [], objects: [] };
  private next = 0;
  private drainHandle: NodeJS.Immediate | undefined;

  constructor(private readonly options: ClassifyQueueOptions) {}

  get busy(): boolean {
    return this.size > 0 || this.next < this.batch.keys.length;
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
    this.size -= this.pending.get(feed)?.size ?? 0;
    this.pending.delete(feed);
    const { feeds, keys, objects } = this.batch;
    const kept = { feeds: [] as FeedIncidents[], keys: [] as string[], objects: [] as (KubeObjectLike | undefined)[] };
    for (let i = this.next; i < keys.length; i++) {
      if (feeds[i] === feed) continue;
      kept.feeds.push(feeds[i]);
      kept.keys.push(keys[i]);
      kept.objects.push(objects[i]);
    }
    this.batch = kept;
    this.next = 0;
  }

  clear(): void {
    this.pending.clear();
    this.size = 0;
    this.batch = { feeds: [], keys: [], objects: [] };
    this.next = 0;
    if (this.drainHandle) clearImmediate(this.drainHandle);
    this.drainHandle = undefined;
  }

  private put(feed: FeedIncidents, key: string, object: KubeObjectLike | undefined): void {
    let changes = this.pending.get(feed);
    if (changes === undefined) {
      changes = new Map();
      this.pending.set(feed, changes);
    }
    const before = changes.size;
    changes.set(key, object);
    this.size += changes.size - before;
    this.drainHandle ??= setImmediate(() => this.drain());
  }

  /** Moves every pending change into the batch. A change that comes later is applied after it. */
  private takePending(): void {
    const batch: ClassifyQueue['batch'] = { feeds: [], keys: [], objects: [] };
    for (const [feed, changes] of this.pending) {
      for (const [key, object] of changes) {
        batch.feeds.push(feed);
        batch.keys.push(key);
        batch.objects.push(object);
      }
    }
    this.pending.clear();
    this.size = 0;
    this.batch = batch;
    this.next = 0;
  }

  private drain(): void {
    this.drainHandle = undefined;
    if (this.next >= this.batch.keys.length) this.takePending();
    const now = Date.now();
    const { feeds, keys, objects } = this.batch;
    const end = Math.min(this.next + CHUNK, keys.length);
    for (let i = this.next; i < end; i++) {
      this.apply(feeds[i], keys[i], objects[i], now);
      // The informer keeps the object for its name and version only.
      releaseAfterClassifying(objects[i]);
    }
    this.next = end;
    if (end >= keys.length) {
      this.batch = { feeds: [], keys: [], objects: [] };
      this.next = 0;
    }
    if (this.busy) this.drainHandle = setImmediate(() => this.drain());
    else this.options.drained();
  }

  private apply(feed: FeedIncidents, key: string, object: KubeObjectLike | undefined, now: number): void {
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
