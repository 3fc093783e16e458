// Live incidents from one kube context: list+watch informers (client-node's ListWatch) for pods,
// deployments, jobs, Warning events and nodes, classified by core/incidents/kubeSignals.
// No 'vscode' import and no runtime import of client-node: the library comes from `client`
// (tests pass the package itself) or from loadKubeClient() on start, never at import time.
//
// What client-node's informer does and does not do, and how this file copes:
// - It re-lists by itself after 410 Gone and re-watches at once after a clean close (no
//   backoff): each watch request is spaced at least `minRewatchMs` from the previous one.
// - It stops for good on any other error (cut connection, 500, 403...): restarted here with
//   backoff, resuming from the last resourceVersion, so a restart is a watch, not a re-list.
// - stop() does not cancel a list or a watch request already on its way: every request is
//   checked against the informer's token when it returns, and aborted when stale.
// - Typed list calls turn timestamps into Date objects while watch events carry strings:
//   lists are read as raw JSON (a response middleware), so the classifiers see one shape.

import type * as K8s from '@kubernetes/client-node';
import type { Incident } from '../../core/incidents/incidentModel';
import { isJsonObject, readNumber, readObject, readString } from '../../core/incidents/jsonShapes';
import { classifyDeployment, classifyEvent, classifyJob, classifyNode, classifyPod, eventLastSeen, releaseAfterClassifying, trimForSignals, type KubeSignalKind } from '../../core/incidents/kubeSignals';
import { nextPollDelay } from '../../core/incidents/pollSchedule';
import { diffSnapshots } from '../../core/incidents/snapshotDiff';
import { loadKubeClient, type KubeClient } from '../kube/kubeClient';
import { UpdateListeners, type Disposable, type LiveIncidentSource, type SourceHealth, type SourceLog, type SourceUpdate } from './incidentSource';

export type KubeWatchKind = KubeSignalKind;

export interface KubeIncidentSourceOptions {
  readonly contextName: string;
  /** A configuration for exactly this context; called on start and on every refresh. */
  readonly kubeConfig: () => Promise<K8s.KubeConfig>;
  /** Namespaces to watch; empty: all namespaces. Nodes are always watched cluster-wide. */
  readonly namespaces: readonly string[];
  /** The context's namespace: watched instead when listing a kind in all namespaces is forbidden. */
  readonly fallbackNamespace?: string;
  /** The client-node library; default: the lazily loaded bundle. */
  readonly client?: KubeClient;
  readonly log: SourceLog;
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
/** Objects classified per turn of the event loop: a 5,000-pod list must not freeze the editor. */
const CHUNK = 500;
/** setTimeout's limit; an event that expires later is re-checked then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

const NAMESPACED_KINDS: readonly KubeWatchKind[] = ['pods', 'deployments', 'jobs', 'events'];

type KubeObject = K8s.KubernetesObject;
type ListResult = K8s.KubernetesListObject<KubeObject>;
type ListCall = (options: K8s.ConfigurationOptions) => Promise<unknown>;

interface Apis {
  readonly k8s: KubeClient;
  readonly config: K8s.KubeConfig;
  readonly core: K8s.CoreV1Api;
  readonly apps: K8s.AppsV1Api;
  readonly batch: K8s.BatchV1Api;
}

interface Feed {
  readonly kind: KubeWatchKind;
  /** undefined: all namespaces (or cluster-scoped for nodes). */
  readonly namespace: string | undefined;
  /** Watching fallbackNamespace because the all-namespaces list was forbidden. */
  readonly fallback: boolean;
  readonly label: string;
  informer?: K8s.ListWatch<KubeObject>;
  /** Bumped whenever the informer is stopped or replaced: callbacks of older ones are ignored. */
  token: number;
  state: 'syncing' | 'running' | 'failed';
  phase: 'list' | 'watch';
  failures: number;
  message?: string;
  failedAt?: number;
  retryAt?: number;
  retryTimer?: NodeJS.Timeout;
  lastWatchAt: number;
  gap?: { timer: NodeJS.Timeout; resolve: () => void };
  /** objectKey (namespace/name) → its incident. Healthy objects have no entry. */
  readonly incidents: Map<string, Incident>;
  /** events only: objectKey → epoch ms after which the event is too old to show. */
  readonly expiresAt: Map<string, number>;
}

interface PendingChange {
  readonly feed: Feed;
  readonly key: string;
  /** undefined: the object was deleted. */
  readonly object: KubeObject | undefined;
}

/** Thrown into a stale informer so that it ends quietly instead of opening a watch. */
class StaleInformer extends Error {
  constructor() {
    super('informer stopped');
  }
}

export class KubeIncidentSource implements LiveIncidentSource {
  readonly kind = 'kubernetes' as const;
  readonly name: string;
  readonly key: string;

  private readonly listeners = new UpdateListeners();
  private readonly batchMs: number;
  private readonly eventMaxAgeMs: number;
  private readonly retryBaseMs: number;
  private readonly minRewatchMs: number;
  private readonly settleTimeoutMs: number;

  private started = false;
  private disposed = false;
  /** Bumped by every (re)connect, so a slow kubeconfig load of an older one is dropped. */
  private run = 0;
  private apis: Apis | undefined;
  private feeds: Feed[] = [];
  private nodesForbidden = false;
  private connectError: { message: string; at: number; retryAt?: number } | undefined;
  private connectFailures = 0;
  private connectTimer: NodeJS.Timeout | undefined;

  /** Until every informer has listed once (or failed), nothing is emitted: one update per sync. */
  private settling = false;
  private settleTimer: NodeJS.Timeout | undefined;
  private settleWaiters: (() => void)[] = [];
  private everSettled = false;

  private readonly pending = new Map<string, PendingChange>();
  private drainHandle: NodeJS.Immediate | undefined;
  private flushTimer: NodeJS.Timeout | undefined;
  private expiryTimer: NodeJS.Timeout | undefined;

  private snapshot: ReadonlyMap<string, Incident> = new Map();
  private current: readonly Incident[] = [];
  private currentHealth: SourceHealth = { state: 'connecting' };
  private errorSince: number | undefined;

  constructor(private readonly options: KubeIncidentSourceOptions) {
    this.name = options.contextName;
    this.key = `kubernetes/${options.contextName}`;
    this.batchMs = options.batchMs ?? DEFAULT_BATCH_MS;
    this.eventMaxAgeMs = options.eventMaxAgeMs ?? DEFAULT_EVENT_MAX_AGE_MS;
    this.retryBaseMs = options.retryBaseMs ?? DEFAULT_RETRY_BASE_MS;
    this.minRewatchMs = options.minRewatchMs ?? DEFAULT_MIN_REWATCH_MS;
    this.settleTimeoutMs = options.settleTimeoutMs ?? DEFAULT_SETTLE_TIMEOUT_MS;
  }

  get incidents(): readonly Incident[] {
    return this.current;
  }

  get health(): SourceHealth {
    return this.currentHealth;
  }

  onUpdate(listener: (update: SourceUpdate) => void): Disposable {
    return this.listeners.add(listener);
  }

  start(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    void this.connect();
  }

  /**
   * Stops every informer and lists everything again from scratch (a silently dead watch, after
   * sleep, looks healthy until then), with a fresh kubeconfig and any backoff cleared. Forbidden
   * all-namespace lists and the node watch are tried again. Resolves after the resulting update
   * (or after nothing changed).
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
    for (const feed of this.feeds) this.stopFeed(feed);
    this.feeds = [];
    this.pending.clear();
    clearTimeout(this.connectTimer);
    clearTimeout(this.settleTimer);
    clearTimeout(this.flushTimer);
    clearTimeout(this.expiryTimer);
    if (this.drainHandle) clearImmediate(this.drainHandle);
    this.connectTimer = this.settleTimer = this.flushTimer = this.expiryTimer = this.drainHandle = undefined;
    this.resolveSettleWaiters();
    this.listeners.clear();
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
    let apis: Apis;
    try {
      const k8s = this.options.client ?? (await loadKubeClient());
      const config = await this.options.kubeConfig();
      apis = { k8s, config, core: config.makeApiClient(k8s.CoreV1Api), apps: config.makeApiClient(k8s.AppsV1Api), batch: config.makeApiClient(k8s.BatchV1Api) };
    } catch (error) {
      if (run !== this.run || this.disposed) return;
      this.connectFailures++;
      const delay = nextPollDelay({ intervalMs: this.retryBaseMs, failures: this.connectFailures, changed: false, focused: true });
      const at = Date.now();
      this.connectError = { message: this.describe(error, 'read the kubeconfig'), at: this.connectError?.at ?? at, retryAt: at + delay };
      this.options.log.warn(`Kubernetes ${this.name}: cannot build the client configuration (${summarize(error)}); retrying in ${seconds(delay)}.`);
      this.connectTimer = setTimeout(() => {
        this.connectTimer = undefined;
        void this.connect();
      }, delay);
      this.settleNow();
      return;
    }
    if (run !== this.run || this.disposed) return;
    if (this.connectError) this.options.log.info(`Kubernetes ${this.name}: client configuration loaded.`);
    this.connectError = undefined;
    this.connectFailures = 0;
    for (const feed of this.feeds) this.stopFeed(feed);
    this.feeds = [];
    this.pending.clear();
    this.nodesForbidden = false;
    this.apis = apis;
    const scopes = this.options.namespaces.length > 0 ? [...new Set(this.options.namespaces)] : [undefined];
    for (const namespace of scopes) for (const kind of NAMESPACED_KINDS) this.addFeed(kind, namespace, false);
    this.addFeed('nodes', undefined, false);
    const where = scopes[0] === undefined ? 'all namespaces' : `namespace${scopes.length > 1 ? 's' : ''} ${scopes.map((n) => `"${n}"`).join(', ')}`;
    this.options.log.info(`Kubernetes ${this.name}: watching pods, deployments, jobs and Warning events in ${where}, and nodes.`);
    this.settleTimer = setTimeout(() => {
      this.settleTimer = undefined;
      this.settleNow();
    }, this.settleTimeoutMs);
  }

  private addFeed(kind: KubeWatchKind, namespace: string | undefined, fallback: boolean): Feed {
    const label = kind === 'nodes' ? 'nodes' : namespace === undefined ? `${kind} in all namespaces` : `${kind} in namespace "${namespace}"`;
    const feed: Feed = {
      kind,
      namespace,
      fallback,
      label,
      token: 0,
      state: 'syncing',
      phase: 'list',
      failures: 0,
      lastWatchAt: 0,
      incidents: new Map(),
      expiresAt: new Map(),
    };
    this.feeds.push(feed);
    this.startInformer(feed);
    return feed;
  }

  private startInformer(feed: Feed): void {
    const apis = this.apis;
    if (!apis) return;
    const token = ++feed.token;
    const live = () => !this.disposed && feed.token === token && this.feeds.includes(feed);
    const list = async (): Promise<ListResult> => {
      if (!live()) throw new StaleInformer();
      feed.phase = 'list';
      const result = await this.listRaw(apis, feed);
      if (!live()) throw new StaleInformer();
      this.reconcile(feed, result.items);
      return result;
    };
    const informer = new apis.k8s.ListWatch<KubeObject>(
      this.path(feed),
      this.guardedWatch(apis, feed, live),
      list,
      false,
      undefined,
      feed.kind === 'events' ? 'type=Warning' : undefined,
    );
    const changed = (object: KubeObject) => {
      if (live()) this.enqueue(feed, object, false);
    };
    informer.on('add', changed);
    informer.on('update', changed);
    informer.on('delete', (object) => {
      if (live()) this.enqueue(feed, object, true);
    });
    informer.on('error', (error: unknown) => {
      if (live() && !(error instanceof StaleInformer)) this.onFeedError(feed, error);
    });
    feed.informer = informer;
    informer.start().catch((error: unknown) => {
      if (live()) this.onFeedError(feed, error);
    });
  }

  /** Restarts a failed informer: it resumes from its last resourceVersion (a watch, not a list). */
  private resumeInformer(feed: Feed): void {
    const informer = feed.informer;
    if (!informer) return this.startInformer(feed);
    const token = feed.token;
    informer.start().catch((error: unknown) => {
      if (!this.disposed && feed.token === token && this.feeds.includes(feed)) this.onFeedError(feed, error);
    });
  }

  private stopFeed(feed: Feed): void {
    feed.token++;
    clearTimeout(feed.retryTimer);
    feed.retryTimer = undefined;
    this.releaseGap(feed);
    const informer = feed.informer;
    feed.informer = undefined;
    // Aborting the open watch makes the informer report an AbortError: ignored, the token moved on.
    if (informer) void informer.stop().catch(() => undefined);
  }

  /**
   * A Watch whose requests are spaced out, carry bookmarks, never throw (client-node's own
   * throws outside its error handling when credentials cannot be applied), and are aborted when
   * they come back to an informer that was stopped meanwhile.
   */
  private guardedWatch(apis: Apis, feed: Feed, live: () => boolean): K8s.Watch {
    const watch = new apis.k8s.Watch(apis.config);
    const open = watch.watch.bind(watch);
    const idle = (): AbortController => {
      const controller = new AbortController();
      controller.abort();
      return controller;
    };
    watch.watch = async (path, query, onEvent, done) => {
      if (!live()) return idle();
      await this.waitGap(feed);
      if (!live()) return idle();
      feed.phase = 'watch';
      feed.lastWatchAt = Date.now();
      let ended = false;
      let controller: AbortController;
      try {
        // The informer caches what it is handed: only the fields the classifiers read.
        const trimmed = (phase: string, object: unknown, watchObject?: unknown) =>
          onEvent(phase, phase === 'ADDED' || phase === 'MODIFIED' || phase === 'DELETED' ? trimForSignals(feed.kind, object) : object, watchObject);
        controller = await open(path, { ...query, allowWatchBookmarks: true }, trimmed, (error: unknown) => {
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
      if (!ended) this.onFeedWatching(feed);
      return controller;
    };
    return watch;
  }

  private waitGap(feed: Feed): Promise<void> {
    const wait = feed.lastWatchAt + this.minRewatchMs - Date.now();
    if (feed.lastWatchAt === 0 || wait <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      feed.gap = {
        resolve,
        timer: setTimeout(() => {
          feed.gap = undefined;
          resolve();
        }, wait),
      };
    });
  }

  private releaseGap(feed: Feed): void {
    if (!feed.gap) return;
    clearTimeout(feed.gap.timer);
    feed.gap.resolve();
    feed.gap = undefined;
  }

  private path(feed: Feed): string {
    const ns = feed.namespace === undefined ? '' : `/namespaces/${encodeURIComponent(feed.namespace)}`;
    switch (feed.kind) {
      case 'pods':
        return `/api/v1${ns}/pods`;
      case 'events':
        return `/api/v1${ns}/events`;
      case 'deployments':
        return `/apis/apps/v1${ns}/deployments`;
      case 'jobs':
        return `/apis/batch/v1${ns}/jobs`;
      case 'nodes':
        return '/api/v1/nodes';
    }
  }

  private listCall(apis: Apis, feed: Feed): ListCall {
    const namespace = feed.namespace;
    const { core, apps, batch } = apis;
    switch (feed.kind) {
      case 'pods':
        return (o) => (namespace === undefined ? core.listPodForAllNamespaces({}, o) : core.listNamespacedPod({ namespace }, o));
      case 'events': {
        const fieldSelector = 'type=Warning';
        return (o) => (namespace === undefined ? core.listEventForAllNamespaces({ fieldSelector }, o) : core.listNamespacedEvent({ namespace, fieldSelector }, o));
      }
      case 'deployments':
        return (o) => (namespace === undefined ? apps.listDeploymentForAllNamespaces({}, o) : apps.listNamespacedDeployment({ namespace }, o));
      case 'jobs':
        return (o) => (namespace === undefined ? batch.listJobForAllNamespaces({}, o) : batch.listNamespacedJob({ namespace }, o));
      case 'nodes':
        return (o) => core.listNode({}, o);
    }
  }

  /**
   * Lists through the typed API but keeps the response's raw JSON, the same shape watch events
   * have (the typed objects hold Dates, which the classifiers read as absent). The typed client
   * is handed an empty body, which also spares it deserializing thousands of objects. The
   * informer caches the items: they are trimmed to what the classifiers read.
   */
  private async listRaw(apis: Apis, feed: Feed): Promise<ListResult> {
    let raw: unknown;
    const { Observable } = apis.k8s;
    const capture: K8s.ObservableMiddleware = {
      pre: (context) => new Observable(Promise.resolve(context)),
      post: (context) =>
        new Observable(
          (async () => {
            if (context.httpStatusCode >= 200 && context.httpStatusCode < 300) {
              raw = JSON.parse(await context.body.text());
              context.body = { text: () => Promise.resolve('{}'), binary: () => Promise.resolve(Buffer.from('{}')) };
            }
            return context;
          })(),
        ),
    };
    const typed = await this.listCall(apis, feed)({ middleware: [capture], middlewareMergeStrategy: 'append' });
    const body = isJsonObject(raw) ? raw : (JSON.parse(JSON.stringify(typed)) as unknown);
    const items = isJsonObject(body) && Array.isArray(body.items) ? body.items.map((item: unknown) => trimForSignals(feed.kind, item) as KubeObject) : [];
    const metadata = isJsonObject(body) ? readObject(body.metadata) : undefined;
    return { apiVersion: '', kind: '', metadata: { resourceVersion: readString(metadata?.resourceVersion) }, items };
  }

  // ---- informer state --------------------------------------------------------------------

  private onFeedWatching(feed: Feed): void {
    if (feed.state === 'running') return;
    if (feed.state === 'failed') this.options.log.info(`Kubernetes ${this.name}: watching ${feed.label} again.`);
    feed.state = 'running';
    feed.failures = 0;
    feed.message = feed.failedAt = feed.retryAt = undefined;
    this.checkSettled();
    this.scheduleFlush();
  }

  private onFeedError(feed: Feed, error: unknown): void {
    const status = statusOf(error);
    if (status === 403 && feed.namespace === undefined && !feed.fallback) {
      if (feed.kind === 'nodes') {
        this.options.log.warn(`Kubernetes ${this.name}: listing nodes is forbidden (${summarize(error)}); nodes are not watched.`);
        this.removeFeed(feed);
        this.nodesForbidden = true;
        return;
      }
      const fallback = this.options.fallbackNamespace;
      if (fallback) {
        this.options.log.warn(`Kubernetes ${this.name}: listing ${feed.kind} in all namespaces is forbidden (${summarize(error)}); watching namespace "${fallback}" only.`);
        // The replacement is added first, so that settling waits for its list too.
        this.addFeed(feed.kind, fallback, true);
        this.removeFeed(feed);
        return;
      }
    }
    const now = Date.now();
    feed.state = 'failed';
    feed.failures++;
    feed.failedAt ??= now;
    feed.message = this.describe(error, `${feed.phase} ${feed.kind}`);
    const delay = nextPollDelay({ intervalMs: this.retryBaseMs, failures: feed.failures, changed: false, focused: true });
    feed.retryAt = now + delay;
    this.options.log.warn(`Kubernetes ${this.name}: ${feed.phase === 'list' ? 'listing' : 'watching'} ${feed.label} failed (${summarize(error)}); retrying in ${seconds(delay)}.`);
    clearTimeout(feed.retryTimer);
    feed.retryTimer = setTimeout(() => {
      feed.retryTimer = undefined;
      feed.retryAt = undefined;
      this.resumeInformer(feed);
    }, delay);
    this.checkSettled();
    this.scheduleFlush();
  }

  private removeFeed(feed: Feed): void {
    this.stopFeed(feed);
    this.feeds = this.feeds.filter((f) => f !== feed);
    for (const [id, change] of this.pending) if (change.feed === feed) this.pending.delete(id);
    this.checkSettled();
    this.scheduleFlush();
  }

  private checkSettled(): void {
    if (this.settling && this.feeds.every((feed) => feed.state !== 'syncing')) this.settleNow();
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

  // ---- objects to incidents --------------------------------------------------------------

  private enqueue(feed: Feed, object: KubeObject, deleted: boolean): void {
    const key = objectKey(object);
    this.pending.set(`${feed.kind}\u0000${feed.namespace ?? ''}\u0000${key}`, { feed, key, object: deleted ? undefined : object });
    this.drainHandle ??= setImmediate(() => this.drain());
  }

  /** A list is the whole truth: incidents of objects it no longer has go, whatever the informer's cache says. */
  private reconcile(feed: Feed, items: readonly KubeObject[]): void {
    if (feed.incidents.size === 0) return;
    const present = new Set(items.map(objectKey));
    for (const key of feed.incidents.keys()) {
      if (!present.has(key)) this.pending.set(`${feed.kind}\u0000${feed.namespace ?? ''}\u0000${key}`, { feed, key, object: undefined });
    }
    this.drainHandle ??= setImmediate(() => this.drain());
  }

  private drain(): void {
    this.drainHandle = undefined;
    if (this.disposed) return;
    const now = Date.now();
    let done = 0;
    for (const [id, change] of this.pending) {
      this.pending.delete(id);
      this.apply(change, now);
      if (++done >= CHUNK) break;
    }
    if (this.pending.size > 0) this.drainHandle = setImmediate(() => this.drain());
    else this.scheduleFlush();
  }

  private apply(change: PendingChange, now: number): void {
    this.applyClassified(change, now);
    // The informer keeps the object for its name and version only (it was trimmed for us).
    releaseAfterClassifying(change.object);
  }

  private applyClassified({ feed, key, object }: PendingChange, now: number): void {
    const incident = object === undefined ? undefined : this.classify(feed.kind, object);
    if (object === undefined || incident === undefined) {
      feed.incidents.delete(key);
      feed.expiresAt.delete(key);
      return;
    }
    if (feed.kind === 'events') {
      const expiresAt = eventLastSeen(object, now) + this.eventMaxAgeMs;
      if (expiresAt <= now) {
        feed.incidents.delete(key);
        feed.expiresAt.delete(key);
        return;
      }
      feed.expiresAt.set(key, expiresAt);
    }
    feed.incidents.set(key, incident);
  }

  private classify(kind: KubeWatchKind, object: KubeObject): Incident | undefined {
    switch (kind) {
      case 'pods':
        return classifyPod(object, this.name);
      case 'deployments':
        return classifyDeployment(object, this.name);
      case 'jobs':
        return classifyJob(object, this.name);
      case 'events':
        return classifyEvent(object, this.name);
      case 'nodes':
        return classifyNode(object, this.name);
    }
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
    // drain() and settling call scheduleFlush() again when they are done.
    if (this.pending.size > 0 || this.settling) return;
    const now = Date.now();
    this.expireEvents(now);
    const next: Incident[] = [];
    for (const feed of this.feeds) for (const incident of feed.incidents.values()) next.push(incident);
    const diff = diffSnapshots(this.snapshot, next);
    const incidentsChanged = diff.added.length > 0 || diff.removed.length > 0 || diff.changed.length > 0;
    if (incidentsChanged) {
      this.snapshot = diff.snapshot;
      this.current = [...diff.snapshot.values()];
    }
    const health = this.computeHealth(now);
    const healthChanged = !sameHealth(this.currentHealth, health);
    if (healthChanged || (incidentsChanged && health.state === 'ok')) this.currentHealth = health;
    this.everSettled = true;
    this.scheduleExpiry(now);
    if (incidentsChanged || healthChanged) this.listeners.fire({ source: this, diff: incidentsChanged ? diff : undefined, healthChanged });
    this.resolveSettleWaiters();
  }

  private computeHealth(now: number): SourceHealth {
    const failing = this.feeds.filter((feed) => feed.state === 'failed').sort((a, b) => (a.failedAt ?? 0) - (b.failedAt ?? 0));
    if (this.connectError || failing.length > 0) {
      this.errorSince ??= this.connectError?.at ?? failing[0].failedAt ?? now;
      const retries = [this.connectError?.retryAt, ...failing.map((feed) => feed.retryAt)].filter((at): at is number => at !== undefined);
      const message = this.connectError?.message ?? failing[0].message ?? `Watching context "${this.name}" failed.`;
      const health: SourceHealth = { state: 'error', message, action: 'retry', since: this.errorSince };
      return retries.length > 0 ? { ...health, retryAt: Math.min(...retries) } : health;
    }
    this.errorSince = undefined;
    if (!this.everSettled && this.feeds.some((feed) => feed.state === 'syncing')) return { state: 'connecting' };
    const note = this.note();
    return note === undefined ? { state: 'ok', updatedAt: now } : { state: 'ok', updatedAt: now, note };
  }

  private note(): string | undefined {
    const notes: string[] = [];
    const fallbackKinds = this.feeds.filter((feed) => feed.fallback).map((feed) => feed.kind);
    if (fallbackKinds.length > 0) {
      const kinds = fallbackKinds.length === 1 ? fallbackKinds[0] : `${fallbackKinds.slice(0, -1).join(', ')} and ${fallbackKinds.at(-1)}`;
      notes.push(`Only namespace "${this.options.fallbackNamespace}" is watched: listing ${kinds} in all namespaces is forbidden in context "${this.name}".`);
    }
    if (this.nodesForbidden) notes.push(`Nodes are not watched: listing nodes is forbidden in context "${this.name}".`);
    return notes.length > 0 ? notes.join(' ') : undefined;
  }

  private expireEvents(now: number): void {
    for (const feed of this.feeds) {
      for (const [key, expiresAt] of feed.expiresAt) {
        if (expiresAt > now) continue;
        feed.expiresAt.delete(key);
        feed.incidents.delete(key);
      }
    }
  }

  /** One timer for the next Warning event to age out, unref'd: it must not keep a process alive. */
  private scheduleExpiry(now: number): void {
    clearTimeout(this.expiryTimer);
    this.expiryTimer = undefined;
    let next = Infinity;
    for (const feed of this.feeds) for (const expiresAt of feed.expiresAt.values()) if (expiresAt < next) next = expiresAt;
    if (next === Infinity) return;
    this.expiryTimer = setTimeout(
      () => {
        this.expiryTimer = undefined;
        this.scheduleFlush();
      },
      Math.min(Math.max(next - now, 0), MAX_TIMER_MS),
    );
    this.expiryTimer.unref();
  }

  private describe(error: unknown, action: string): string {
    const facts = errorFacts(error);
    if (this.options.describeError) return this.options.describeError(facts, action);
    return `Could not ${action} in context "${this.name}": ${facts.message}.`.replace(/\.\.$/, '.');
  }
}

function objectKey(object: KubeObject): string {
  return `${object.metadata?.namespace ?? ''}/${object.metadata?.name ?? ''}`;
}

/** HTTP status of a client-node error: ApiException has `code`, Watch errors `statusCode`. */
function statusOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const facts = error as { code?: unknown; statusCode?: unknown };
  return readNumber(facts.statusCode) ?? readNumber(facts.code);
}

/**
 * The parts describeClusterError reads, cleaned: an ApiException's message is several lines
 * with the whole response, while the Status in its body has the server's own sentence.
 */
function errorFacts(error: unknown): { code?: string; statusCode?: number; message: string } {
  const statusCode = statusOf(error);
  const raw = error as { code?: unknown; body?: unknown; message?: unknown } | undefined;
  const code = typeof raw?.code === 'string' ? raw.code : undefined;
  let body: unknown = raw?.body;
  if (typeof body === 'string') {
    try {
      body = JSON.parse(body);
    } catch {
      // Not a Status: the message below will do.
    }
  }
  const serverMessage = readString(readObject(body)?.message);
  const ownMessage = typeof raw?.message === 'string' ? raw.message.split('\n', 1)[0].trim() : String(error);
  const message = serverMessage ?? (statusCode !== undefined && /^HTTP-Code:/.test(ownMessage) ? `HTTP ${statusCode}` : ownMessage || String(error));
  return { ...(code === undefined ? {} : { code }), ...(statusCode === undefined ? {} : { statusCode }), message };
}

/** A short form for the log: status and the server's message, or the error's first line. */
function summarize(error: unknown): string {
  const facts = errorFacts(error);
  const status = facts.statusCode === undefined ? facts.code : String(facts.statusCode);
  return status && !facts.message.startsWith(`HTTP ${status}`) ? `${status}: ${facts.message}` : facts.message;
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
