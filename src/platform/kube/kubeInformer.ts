// One list+watch of one resource path (client-node's ListWatch), made fit to run for days.
// The library is passed in: nothing here loads it at import time.
//
// What client-node's informer does and does not do, and how this file copes:
// - It re-lists by itself after 410 Gone and re-watches at once after a clean close (no
//   backoff): each watch request is spaced at least `minRewatchMs` from the previous one.
// - It stops for good on any other error (cut connection, 500, 403...): restarted here with
//   backoff (retryLater), resuming from the last resourceVersion, so a restart is a watch, not a re-list.
// - stop() does not cancel a list or a watch request already on its way: every request is
//   checked against the informer's token when it returns, and aborted when stale.
// - Typed list calls turn timestamps into Date objects while watch events carry strings:
//   lists are read as raw JSON (listRaw), so the classifiers see one shape.

import type * as K8s from '@kubernetes/client-node';
import { nextPollDelay } from '../../core/incidents/pollSchedule';
import type { KubeClient } from './kubeClient';
import { listRaw } from './kubeRequests';

export type KubeObject = K8s.KubernetesObject;

/** What the informer tells its owner; called only while it is running (never after stop()). */
export interface KubeInformerEvents {
  /**
   * A list came back: the whole truth for this path, whatever the cache held before. Its items
   * are not reported again through `changed`, nor the objects it no longer has.
   */
  listed(items: readonly KubeObject[]): void;
  /** An object was added or changed (`deleted` false) or deleted, as the watch reported it. */
  changed(object: KubeObject, deleted: boolean): void;
  /** A watch is open: the informer is in sync. `recovered`: it had failed before. */
  watching(recovered: boolean): void;
  /** A list or watch failed; the owner calls retryLater() or stops the informer. */
  failed(error: unknown): void;
}

export interface KubeInformerOptions {
  readonly k8s: KubeClient;
  readonly config: K8s.KubeConfig;
  readonly path: string;
  readonly fieldSelector?: string;
  /** Shortest time between two watch requests. */
  readonly minRewatchMs: number;
  /** First restart delay after a failure; doubles per failure up to 5 min. */
  readonly retryBaseMs: number;
  readonly events: KubeInformerEvents;
}

/** Thrown into a stale informer so that it ends quietly instead of opening a watch. */
class StaleInformer extends Error {
  constructor() {
    super('informer stopped');
  }
}

export class KubeInformer {
  state: 'syncing' | 'running' | 'failed' = 'syncing';
  /** What the informer was doing when it last failed or is doing now. */
  phase: 'list' | 'watch' = 'list';
  failures = 0;
  /** The health sentence of the current run of failures, as the owner described it. */
  message: string | undefined;
  failedAt: number | undefined;
  retryAt: number | undefined;

  private informer: K8s.ListWatch<KubeObject> | undefined;
  /** Bumped whenever the informer is stopped or replaced: callbacks of older ones are ignored. */
  private token = 0;
  private stopped = false;
  private retryTimer: NodeJS.Timeout | undefined;
  private lastWatchAt = 0;
  private gap: { timer: NodeJS.Timeout; resolve: () => void } | undefined;

  constructor(private readonly options: KubeInformerOptions) {}

  start(): void {
    const { k8s, events } = this.options;
    const token = ++this.token;
    const live = () => !this.stopped && this.token === token;
    const list = async (): Promise<K8s.KubernetesListObject<KubeObject>> => {
      if (!live()) throw new StaleInformer();
      this.phase = 'list';
      const result = await listRaw(k8s, this.options.config, this.options.path, this.options.fieldSelector);
      if (!live()) throw new StaleInformer();
      events.listed(result.items as KubeObject[]);
      // None for client-node's own cache: see guardedWatch.
      return { apiVersion: '', kind: '', metadata: { resourceVersion: result.resourceVersion }, items: [] };
    };
    const informer = new k8s.ListWatch<KubeObject>(this.options.path, this.guardedWatch(live), list, false, undefined, this.options.fieldSelector);
    informer.on('error', (error: unknown) => {
      if (live() && !(error instanceof StaleInformer)) events.failed(error);
    });
    this.informer = informer;
    informer.start().catch((error: unknown) => live() && events.failed(error));
  }

  /**
   * Marks the informer failed and restarts it after a backoff, from its last resourceVersion (a
   * watch, not a list). Returns the delay.
   */
  retryLater(message: string): number {
    const now = Date.now();
    this.state = 'failed';
    this.failures++;
    this.failedAt ??= now;
    this.message = message;
    const delay = nextPollDelay({ intervalMs: this.options.retryBaseMs, failures: this.failures, changed: false, focused: true });
    this.retryAt = now + delay;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = this.retryAt = undefined;
      this.resume();
    }, delay);
    return delay;
  }

  stop(): void {
    this.stopped = true;
    this.token++;
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    this.releaseGap();
    const informer = this.informer;
    this.informer = undefined;
    // Aborting the open watch makes the informer report an AbortError: ignored, the token moved on.
    if (informer) void informer.stop().catch(() => undefined);
  }

  private resume(): void {
    const informer = this.informer;
    if (!informer || this.stopped) return;
    const token = this.token;
    informer.start().catch((error: unknown) => !this.stopped && this.token === token && this.options.events.failed(error));
  }

  private onWatching(): void {
    if (this.state === 'running') return;
    const recovered = this.state === 'failed';
    this.state = 'running';
    this.failures = 0;
    this.message = this.failedAt = this.retryAt = undefined;
    this.options.events.watching(recovered);
  }

  /**
   * A Watch whose requests are spaced out, carry bookmarks, never throw (client-node's own
   * throws outside its error handling when credentials cannot be applied), and are aborted when
   * they come back to an informer that was stopped meanwhile.
   *
   * Its changes go to the owner straight from the stream. client-node's informer is used for
   * its loop (list, watch from the list's resourceVersion, list again after 410 Gone) and not
   * for its cache: that would key every listed object into maps of its own (a throwaway one
   * per list as well) and call back once per object, all of which `listed` said at once, and
   * then hold every object for as long as the watch runs. So it gets no listed items, and
   * every change reaches it as a bookmark: it keeps the resourceVersion and nothing else.
   */
  private guardedWatch(live: () => boolean): K8s.Watch {
    const watch = new this.options.k8s.Watch(this.options.config);
    const open = watch.watch.bind(watch);
    const events = this.options.events;
    watch.watch = async (path, query, onEvent, done) => {
      const changed = (phase: string, object: KubeObject, watchObject?: unknown): void => {
        const deleted = phase === 'DELETED';
        if (!deleted && phase !== 'ADDED' && phase !== 'MODIFIED') return onEvent(phase, object, watchObject);
        if (live()) events.changed(object, deleted);
        onEvent('BOOKMARK', object, watchObject);
      };
      if (!live()) return idle();
      await this.waitGap();
      if (!live()) return idle();
      this.phase = 'watch';
      this.lastWatchAt = Date.now();
      let ended = false;
      let controller: AbortController;
      try {
        controller = await open(path, { ...query, allowWatchBookmarks: true }, changed, (error: unknown) => {
          ended = true;
          done(error);
        });
      } catch (error) {
        if (!ended) done(error);
        return idle();
      }
      if (!live()) {
        controller.abort();
        return controller;
      }
      if (!ended) this.onWatching();
      return controller;
    };
    return watch;
  }

  private waitGap(): Promise<void> {
    const wait = this.lastWatchAt + this.options.minRewatchMs - Date.now();
    if (this.lastWatchAt === 0 || wait <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      this.gap = {
        resolve,
        timer: setTimeout(() => {
          this.gap = undefined;
          resolve();
        }, wait),
      };
    });
  }

  private releaseGap(): void {
    if (!this.gap) return;
    clearTimeout(this.gap.timer);
    this.gap.resolve();
    this.gap = undefined;
  }
}

/** An already aborted controller: what a watch that never opened hands the informer. */
function idle(): AbortController {
  const controller = new AbortController();
  controller.abort();
  return controller;
}
