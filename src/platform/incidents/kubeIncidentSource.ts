// Live incidents from one kube context: one informer (platform/kube/kubeInformer) per watched
// kind and namespace, the kinds and their classifiers from the table in
// core/incidents/kubeKinds. This file decides what to watch, falls back when listing is
// forbidden, waits for the first lists before it reports, and turns informer state into health.
// No 'vscode' import and no runtime import of client-node: the library comes from `client`
// (tests pass the package itself) or from loadKubeClient() on start, never at import time.

import type { Incident } from '../../core/incidents/incidentModel';
import { describeLeftOut, describeWatchedKinds, WATCHED_KINDS, watchPath, type WatchedKind } from '../../core/incidents/kubeKinds';
import { nextPollDelay } from '../../core/incidents/pollSchedule';
import { loadKubeClient, type KubeClient, type KubeConfig } from '../kube/kubeClient';
import { KubeInformer } from '../kube/kubeInformer';
import { errorFacts, statusOf, summarizeError } from '../kube/kubeRequests';
import type { SourceHealth, SourceLog } from './incidentSource';
import { ClassifyQueue, expireAged, type FeedIncidents } from './kubeFeedIncidents';
import { SnapshotSource } from './snapshotSource';

export interface KubeIncidentSourceOptions {
  readonly contextName: string;
  /** A configuration for exactly this context; called on start and on every refresh. */
  readonly kubeConfig: () => Promise<KubeConfig>;
  /** Namespaces to watch; empty: all namespaces. Cluster-scoped kinds (nodes) are always watched cluster-wide. */
  readonly namespaces: readonly string[];
  /** The context's namespace: watched instead when listing a kind in all namespaces is forbidden. */
  readonly fallbackNamespace?: string;
  /** The client-node library; default: the lazily loaded bundle. */
  readonly client?: KubeClient;
  readonly log: SourceLog;
  /** The kinds to watch; default: the table of watched kinds. */
  readonly kinds?: readonly WatchedKind[];
  /** Changes are coalesced this long into one update. Default 250 ms. */
  readonly batchMs?: number;
  /** Warning events last seen longer ago than this are dropped. Default 1 h. */
  readonly eventMaxAgeMs?: number;
  /**
   * One sentence for a failed request; default: a plain sentence naming the context. Given
   * `{ code?, statusCode?, message }` with the server's own message (describeClusterError reads
   * exactly these), not client-node's multi-line ApiException.
   */
  readonly describeError?: (error: unknown, action: string) => string;
  /** First restart delay after an informer fails; doubles per failure up to 5 min. Default 2 s. */
  readonly retryBaseMs?: number;
  /** Shortest time between two watch requests of one informer. Default 1 s. */
  readonly minRewatchMs?: number;
  /** Longest wait for all informers' first list before the first update goes out anyway. Default 10 s. */
  readonly settleTimeoutMs?: number;
}

const DEFAULT_BATCH_MS = 250;
const DEFAULT_EVENT_MAX_AGE_MS = 60 * 60_000;
const DEFAULT_RETRY_BASE_MS = 2_000;
const DEFAULT_MIN_REWATCH_MS = 1_000;
const DEFAULT_SETTLE_TIMEOUT_MS = 10_000;
/** setTimeout's limit; an event that expires later is re-checked then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Feed extends FeedIncidents {
  /** Watching fallbackNamespace because the all-namespaces list was forbidden. */
  readonly fallback: boolean;
  readonly label: string;
  readonly informer: KubeInformer;
}

export class KubeIncidentSource extends SnapshotSource {
  readonly kind = 'kubernetes' as const;

  private readonly kinds: readonly WatchedKind[];
  private readonly batchMs: number;
  private readonly retryBaseMs: number;
  private readonly settleTimeoutMs: number;
  private readonly queue: ClassifyQueue;

  private started = false;
  private disposed = false;
  /** Bumped by every (re)connect, so a slow kubeconfig load of an older one is dropped. */
  private run = 0;
  private client: { readonly k8s: KubeClient; readonly config: KubeConfig } | undefined;
  private feeds: Feed[] = [];
  /** Cluster-scoped kinds left out because listing them is forbidden. */
  private forbidden: WatchedKind[] = [];
  private connectError: { message: string; at: number; retryAt?: number } | undefined;
  private connectFailures = 0;
  private connectTimer: NodeJS.Timeout | undefined;

  /** Until every informer has listed once (or failed), nothing is emitted: one update per sync. */
  private settling = false;
  private settleTimer: NodeJS.Timeout | undefined;
  private settleWaiters: (() => void)[] = [];
  private everSettled = false;

  private flushTimer: NodeJS.Timeout | undefined;
  private expiryTimer: NodeJS.Timeout | undefined;
  private errorSince: number | undefined;

  constructor(private readonly options: KubeIncidentSourceOptions) {
    super(`kubernetes/${options.contextName}`, options.contextName);
    this.kinds = options.kinds ?? WATCHED_KINDS;
    this.batchMs = options.batchMs ?? DEFAULT_BATCH_MS;
    this.retryBaseMs = options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
    this.settleTimeoutMs = options.settleTimeoutMs ?? DEFAULT_SETTLE_TIMEOUT_MS;
    this.queue = new ClassifyQueue({ sourceName: this.name, maxAgeMs: options.eventMaxAgeMs ?? DEFAULT_EVENT_MAX_AGE_MS, drained: () => this.scheduleFlush() });
  }

  start(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    void this.connect();
  }

  /**
   * Stops every informer and lists everything again from scratch (a silently dead watch, after
   * sleep, looks healthy until then), with a fresh kubeconfig and any backoff cleared. Forbidden
   * all-namespace lists and forbidden cluster-scoped kinds are tried again. Resolves after the
   * resulting update (or after nothing changed).
   */
  refresh(): Promise<void> {
    if (this.disposed) return Promise.resolve();
    this.started = true;
    const settled = new Promise<void>((resolve) => this.settleWaiters.push(resolve));
    void this.connect();
    return settled;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.run++;
    for (const feed of this.feeds) feed.informer.stop();
    this.feeds = [];
    this.queue.clear();
    clearTimeout(this.connectTimer);
    clearTimeout(this.settleTimer);
    clearTimeout(this.flushTimer);
    clearTimeout(this.expiryTimer);
    this.connectTimer = this.settleTimer = this.flushTimer = this.expiryTimer = undefined;
    this.resolveSettleWaiters();
    this.dropListeners();
  }

  // ---- connecting ------------------------------------------------------------------------

  /**
   * Loads the client and a fresh configuration, then replaces every informer. The old ones keep
   * running until then, so a refresh whose kubeconfig fails keeps showing what they see.
   */
  private async connect(): Promise<void> {
    const run = ++this.run;
    clearTimeout(this.connectTimer);
    this.connectTimer = undefined;
    // Nothing goes out until the new informers have listed: a refresh gives one update, not a
    // trickle of partial ones. The settle timeout only starts once they exist.
    this.settling = true;
    clearTimeout(this.settleTimer);
    this.settleTimer = undefined;
    let client: { k8s: KubeClient; config: KubeConfig };
    try {
      client = { k8s: this.options.client ?? (await loadKubeClient()), config: await this.options.kubeConfig() };
    } catch (error) {
      if (run === this.run && !this.disposed) this.retryConnect(error);
      return;
    }
    if (run !== this.run || this.disposed) return;
    if (this.connectError) this.options.log.info(`Kubernetes ${this.name}: client configuration loaded.`);
    this.connectError = undefined;
    this.connectFailures = 0;
    this.watchAll(client);
  }

  private retryConnect(error: unknown): void {
    this.connectFailures++;
    const delay = nextPollDelay({ intervalMs: this.retryBaseMs, failures: this.connectFailures, changed: false, focused: true });
    const at = Date.now();
    this.connectError = { message: this.describe(error, 'read the kubeconfig'), at: this.connectError?.at ?? at, retryAt: at + delay };
    this.options.log.warn(`Kubernetes ${this.name}: cannot build the client configuration (${summarizeError(error)}); retrying in ${seconds(delay)}.`);
    this.connectTimer = setTimeout(() => {
      this.connectTimer = undefined;
      void this.connect();
    }, delay);
    this.settleNow();
  }

  private watchAll(client: { k8s: KubeClient; config: KubeConfig }): void {
    for (const feed of this.feeds) feed.informer.stop();
    this.feeds = [];
    this.queue.clear();
    this.forbidden = [];
    this.client = client;
    const scopes = this.options.namespaces.length > 0 ? [...new Set(this.options.namespaces)] : [undefined];
    for (const kind of this.kinds) {
      if (kind.namespaced) for (const namespace of scopes) this.addFeed(kind, namespace, false);
      else this.addFeed(kind, undefined, false);
    }
    const where = scopes[0] === undefined ? 'all namespaces' : `namespace${scopes.length > 1 ? 's' : ''} ${scopes.map((n) => `"${n}"`).join(', ')}`;
    this.options.log.info(`Kubernetes ${this.name}: watching ${describeWatchedKinds(this.kinds, where)}.`);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = undefined;
      this.settleNow();
    }, this.settleTimeoutMs);
  }

  private addFeed(kind: WatchedKind, namespace: string | undefined, fallback: boolean): void {
    const { k8s, config } = this.client!;
    const label = !kind.namespaced ? kind.resource : namespace === undefined ? `${kind.resource} in all namespaces` : `${kind.resource} in namespace "${namespace}"`;
    const informer: KubeInformer = new KubeInformer({
      k8s,
      config,
      path: watchPath(kind, namespace),
      fieldSelector: kind.fieldSelector,
      minRewatchMs: this.options.minRewatchMs ?? DEFAULT_MIN_REWATCH_MS,
      retryBaseMs: this.retryBaseMs,
      events: {
        listed: (items) => this.queue.list(feed, items),
        changed: (object, deleted) => this.queue.enqueue(feed, object, deleted),
        watching: (recovered) => this.onFeedWatching(feed, recovered),
        failed: (error) => this.onFeedError(feed, error),
      },
    });
    const feed: Feed = { kind, namespace, fallback, label, informer, incidents: new Map(), expiresAt: new Map() };
    this.feeds.push(feed);
    informer.start();
  }

  private removeFeed(feed: Feed): void {
    feed.informer.stop();
    this.feeds = this.feeds.filter((f) => f !== feed);
    this.queue.forget(feed);
    this.checkSettled();
    this.scheduleFlush();
  }

  // ---- informer state --------------------------------------------------------------------

  private onFeedWatching(feed: Feed, recovered: boolean): void {
    if (recovered) this.options.log.info(`Kubernetes ${this.name}: watching ${feed.label} again.`);
    this.checkSettled();
    this.scheduleFlush();
  }

  private onFeedError(feed: Feed, error: unknown): void {
    if (statusOf(error) === 403 && feed.namespace === undefined && !feed.fallback && this.leaveOutForbidden(feed, error)) return;
    const phase = feed.informer.phase;
    const delay = feed.informer.retryLater(this.describe(error, `${phase} ${feed.kind.resource}`));
    this.options.log.warn(`Kubernetes ${this.name}: ${phase === 'list' ? 'listing' : 'watching'} ${feed.label} failed (${summarizeError(error)}); retrying in ${seconds(delay)}.`);
    this.checkSettled();
    this.scheduleFlush();
  }

  /**
   * Listing a kind everywhere is forbidden: a cluster-scoped kind is left out (with a note), a
   * namespaced one is watched in the context's namespace instead. False: no way around it.
   */
  private leaveOutForbidden(feed: Feed, error: unknown): boolean {
    const { kind } = feed;
    if (!kind.namespaced) {
      this.options.log.warn(`Kubernetes ${this.name}: listing ${kind.resource} is forbidden (${summarizeError(error)}); ${kind.resource} are not watched.`);
      this.removeFeed(feed);
      this.forbidden.push(kind);
      return true;
    }
    const fallback = this.options.fallbackNamespace;
    if (!fallback) return false;
    this.options.log.warn(`Kubernetes ${this.name}: listing ${kind.resource} in all namespaces is forbidden (${summarizeError(error)}); watching namespace "${fallback}" only.`);
    // The replacement is added first, so that settling waits for its list too.
    this.addFeed(kind, fallback, true);
    this.removeFeed(feed);
    return true;
  }

  private checkSettled(): void {
    if (this.settling && this.feeds.every((feed) => feed.informer.state !== 'syncing')) this.settleNow();
  }

  private settleNow(): void {
    this.settling = false;
    clearTimeout(this.settleTimer);
    this.settleTimer = undefined;
    this.scheduleFlush();
  }

  private resolveSettleWaiters(): void {
    const waiters = this.settleWaiters;
    this.settleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  // ---- updates ---------------------------------------------------------------------------

  private scheduleFlush(): void {
    if (this.disposed || this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.flush();
    }, this.batchMs);
  }

  private flush(): void {
    if (this.disposed) return;
    // The queue and settling call scheduleFlush() again when they are done.
    if (this.queue.busy || this.settling) return;
    const now = Date.now();
    const nextExpiry = expireAged(this.feeds, now);
    const next: Incident[] = [];
    for (const feed of this.feeds) for (const incident of feed.incidents.values()) next.push(incident);
    const diff = this.replaceIncidents(next);
    const health = this.computeHealth(now);
    const healthChanged = !sameHealth(this.health, health);
    if (healthChanged || (diff !== undefined && health.state === 'ok')) this.setHealth(health);
    this.everSettled = true;
    this.scheduleExpiry(nextExpiry - now);
    this.fireUpdate(diff, healthChanged);
    this.resolveSettleWaiters();
  }

  private computeHealth(now: number): SourceHealth {
    const failing = this.feeds.map((feed) => feed.informer).filter((informer) => informer.state === 'failed');
    failing.sort((a, b) => (a.failedAt ?? 0) - (b.failedAt ?? 0));
    if (this.connectError || failing.length > 0) {
      this.errorSince ??= this.connectError?.at ?? failing[0].failedAt ?? now;
      const retries = [this.connectError?.retryAt, ...failing.map((informer) => informer.retryAt)].filter((at): at is number => at !== undefined);
      const message = this.connectError?.message ?? failing[0].message ?? `Watching context "${this.name}" failed.`;
      const health: SourceHealth = { state: 'error', message, action: 'retry', since: this.errorSince };
      return retries.length > 0 ? { ...health, retryAt: Math.min(...retries) } : health;
    }
    this.errorSince = undefined;
    if (!this.everSettled && this.feeds.some((feed) => feed.informer.state === 'syncing')) return { state: 'connecting' };
    const fallbackKinds = this.feeds.filter((feed) => feed.fallback).map((feed) => feed.kind);
    const note = describeLeftOut(this.name, this.options.fallbackNamespace, fallbackKinds, this.forbidden);
    return note === undefined ? { state: 'ok', updatedAt: now } : { state: 'ok', updatedAt: now, note };
  }

  /** One timer for the next object to age out, unref'd: it must not keep a process alive. */
  private scheduleExpiry(inMs: number): void {
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    if (inMs === Infinity) return;
    this.expiryTimer = setTimeout(
      () => {
        this.expiryTimer = undefined;
        this.scheduleFlush();
      },
      Math.min(Math.max(inMs, 0), MAX_TIMER_MS),
    );
    this.expiryTimer.unref();
  }

  private describe(error: unknown, action: string): string {
    const facts = errorFacts(error);
    if (this.options.describeError) return this.options.describeError(facts, action);
    return `Could not ${action} in context "${this.name}": ${facts.message}.`.replace(/\.\.$/, '.');
  }
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}

function sameHealth(a: SourceHealth, b: SourceHealth): boolean {
  if (a.state !== b.state) return false;
  if (a.state === 'error' && b.state === 'error') return a.message === b.message && a.action === b.action && a.retryAt === b.retryAt && a.since === b.since;
  if (a.state === 'ok' && b.state === 'ok') return a.note === b.note;
  return true;
}
