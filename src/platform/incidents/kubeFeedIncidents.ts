// Kubernetes objects to incidents: the lists and changes the informers report are queued,
// classified a chunk per turn of the event loop by their kind's classifier (core/incidents/kubeKinds), and
// kept per feed, one incident per object at most. No client-node and no 'vscode' import.

import type { Incident } from '../../core/incidents/incidentModel';
import type { WatchedKind } from '../../core/incidents/kubeKinds';

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
 * One feed's share of a drain: the items of a list, which replace every incident the feed had,
 * or the changes the watch reported since (object keys beside them; undefined: deleted).
 */
interface Run {
  readonly feed: FeedIncidents;
  readonly objects: readonly (KubeObjectLike | undefined)[];
  /** undefined: a list, whose items are keyed only when they are incidents. */
  readonly keys: readonly string[] | undefined;
}

/**
 * Lists and changes waiting to be classified. A list is kept as the array the informer
 * listed: 50,000 pods cost no key, no map entry and no copy each, and only those that are
 * incidents are keyed. Changes are kept per feed, by object key, the latest change of an
 * object replacing an earlier one; a list drops the changes of its feed that came before it.
 * A drain takes everything pending at once and works through it a chunk per turn: taking a
 * chunk at a time out of the maps would make each turn step over the entries the turns before
 * it deleted.
 */
export class ClassifyQueue {
  /** Per feed: the latest list not yet taken. */
  private readonly lists = new Map<FeedIncidents, readonly KubeObjectLike[]>();
  /** Per feed: objectKey → the object as last reported, undefined when it was deleted. */
  private readonly changes = new Map<FeedIncidents, Map<string, KubeObjectLike | undefined>>();
  private size = 0;
  /** The runs taken by the drain under way, in order; `run` and `next` point at the first object not applied. */
  private runs: Run[] = [];
  private run = 0;
  private next = 0;
  private drainHandle: NodeJS.Immediate | undefined;

  constructor(private readonly options: ClassifyQueueOptions) {}

  get busy(): boolean {
    return this.size > 0 || this.lists.size > 0 || this.run < this.runs.length;
  }

  enqueue(feed: FeedIncidents, object: KubeObjectLike, deleted: boolean): void {
    let changes = this.changes.get(feed);
    if (changes === undefined) {
      changes = new Map();
      this.changes.set(feed, changes);
    }
    const before = changes.size;
    changes.set(objectKey(object), deleted ? undefined : object);
    this.size += changes.size - before;
    this.scheduleDrain();
  }

  /**
   * A list is the whole truth: once it is classified, the feed's incidents are those of its
   * items, whatever the informer's cache or earlier changes said. The informer does not report
   * the listed items as changes as well.
   */
  list(feed: FeedIncidents, items: readonly KubeObjectLike[]): void {
    this.size -= this.changes.get(feed)?.size ?? 0;
    this.changes.delete(feed);
    this.lists.set(feed, items);
    this.scheduleDrain();
  }

  /** Drops the lists and changes of a feed that is gone. */
  forget(feed: FeedIncidents): void {
    this.size -= this.changes.get(feed)?.size ?? 0;
    this.changes.delete(feed);
    this.lists.delete(feed);
    // The run under way keeps its place (`next`) unless it is the feed's own.
    const current = this.runs[this.run];
    const rest = this.runs.slice(this.run + 1).filter((run) => run.feed !== feed);
    if (current === undefined || current.feed === feed) {
      this.runs = rest;
      this.next = 0;
    } else this.runs = [current, ...rest];
    this.run = 0;
  }

  clear(): void {
    this.lists.clear();
    this.changes.clear();
    this.size = 0;
    this.runs = [];
    this.run = this.next = 0;
    if (this.drainHandle) clearImmediate(this.drainHandle);
    this.drainHandle = undefined;
  }

  private scheduleDrain(): void {
    this.drainHandle ??= setImmediate(() => this.drain());
  }

  /** Moves every pending list and change into runs: lists first, as the changes came after them. */
  private takePending(): void {
    const runs: Run[] = [];
    for (const [feed, items] of this.lists) runs.push({ feed, objects: items, keys: undefined });
    for (const [feed, changes] of this.changes) runs.push({ feed, objects: [...changes.values()], keys: [...changes.keys()] });
    this.lists.clear();
    this.changes.clear();
    this.size = 0;
    this.runs = runs;
    this.run = this.next = 0;
  }

  private drain(): void {
    this.drainHandle = undefined;
    if (this.run >= this.runs.length) this.takePending();
    const now = Date.now();
    let budget = CHUNK;
    while (budget > 0 && this.run < this.runs.length) {
      const { feed, objects, keys } = this.runs[this.run];
      // A list starts over: what its feed showed before is replaced by what the list holds.
      if (keys === undefined && this.next === 0) {
        feed.incidents.clear();
        feed.expiresAt.clear();
      }
      const end = Math.min(this.next + budget, objects.length);
      // Nothing keeps an object once it is classified: its incident holds strings only.
      for (let i = this.next; i < end; i++) this.apply(feed, keys?.[i], objects[i], now);
      budget -= end - this.next;
      if (end < objects.length) this.next = end;
      else {
        this.run++;
        this.next = 0;
      }
    }
    if (this.run >= this.runs.length) this.runs = [];
    if (this.busy) this.scheduleDrain();
    else this.options.drained();
  }

  /** `key` undefined: an item of a list, keyed here only if it is an incident. */
  private apply(feed: FeedIncidents, key: string | undefined, object: KubeObjectLike | undefined, now: number): void {
    const incident = object === undefined ? undefined : feed.kind.classify(object, this.options.sourceName);
    const expiresAt = object === undefined || feed.kind.lastSeen === undefined ? undefined : feed.kind.lastSeen(object, now) + this.options.maxAgeMs;
    if (incident === undefined || (expiresAt !== undefined && expiresAt <= now)) {
      if (key === undefined) return;
      feed.incidents.delete(key);
      feed.expiresAt.delete(key);
      return;
    }
    const objectKeyOf = key ?? objectKey(object!);
    if (expiresAt !== undefined) feed.expiresAt.set(objectKeyOf, expiresAt);
    feed.incidents.set(objectKeyOf, incident);
  }
}

/** Drops the incidents of objects that have aged out; returns when the next one will (Infinity: none). */
export function expireAged(feeds: readonly FeedIncidents[], now: number): number {
  let next = Infinity;
  for (const feed of feeds) {
    // forEach, not for-of over entries: that builds a [key, value] pair for each of 50,000 events.
    feed.expiresAt.forEach((expiresAt, key) => {
      if (expiresAt > now) {
        next = Math.min(next, expiresAt);
        return;
      }
      feed.expiresAt.delete(key);
      feed.incidents.delete(key);
    });
  }
  return next;
}

function objectKey(object: KubeObjectLike): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}
