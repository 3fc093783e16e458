// The Kubernetes incident source with the real @kubernetes/client-node against the Kubernetes
// API fixture: what the informers list and watch (proved through the fixture's request log),
// how changes become batched updates, and how failures, forbidden lists and disposal behave.
import assert from 'node:assert/strict';
import { createHook } from 'node:async_hooks';
import { formatIncidentId, type Incident } from '../../../src/core/incidents/incidentModel';
import { WATCHED_KINDS, watchPath, type WatchedKind } from '../../../src/core/incidents/kubeKinds';
import type { SourceHealth, SourceUpdate } from '../../../src/platform/incidents/incidentSource';
import { KubeIncidentSource, type KubeIncidentSourceOptions } from '../../../src/platform/incidents/kubeIncidentSource';
import type { KubeClient } from '../../../src/platform/kube/kubeClient';
import type { KubeConfig } from '@kubernetes/client-node';
import { demoObjects, KubeApiFixture, type KubeObject, type RecordedRequest } from '../../fixtures/kube/kubeApiServer';
import { loadClientNode } from '../../support/clientNode';
import { sleep, waitFor } from '../../support/waiting';

const BATCH_MS = 20;
const PATHS = {
  pods: '/api/v1/pods',
  deployments: '/apis/apps/v1/deployments',
  jobs: '/apis/batch/v1/jobs',
  events: '/api/v1/events',
  nodes: '/api/v1/nodes',
} as const;

function lists(fixture: KubeApiFixture, path: string): RecordedRequest[] {
  return fixture.requests().filter((r) => r.method === 'GET' && r.path === path && !r.watch);
}

function watches(fixture: KubeApiFixture, path: string): RecordedRequest[] {
  return fixture.requests().filter((r) => r.method === 'GET' && r.path === path && r.watch);
}

function pod(namespace: string, name: string, state: 'ready' | 'crashLoop'): KubeObject {
  const status =
    state === 'ready'
      ? {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2026-11-24T08:00:05Z' }],
          containerStatuses: [{ name: 'app', ready: true, restartCount: 3, state: { running: { startedAt: '2026-11-24T08:00:03Z' } } }],
        }
      : {
          phase: 'Running',
          conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: '2026-11-24T08:00:05Z' }],
          containerStatuses: [
            {
              name: 'app',
              ready: false,
              restartCount: 3,
              state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container' } },
              lastState: { terminated: { reason: 'Error', exitCode: 1, finishedAt: '2026-11-24T08:10:00Z' } },
            },
          ],
        };
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: name } },
    spec: { nodeName: 'node-a', containers: [{ name: 'app', image: 'registry.example.com/app:1' }] },
    status,
  };
}

function warningEvent(namespace: string, name: string, reason: string, lastSeenMsAgo: number): KubeObject {
  const at = new Date(Date.now() - lastSeenMsAgo).toISOString();
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: { name, namespace },
    involvedObject: { kind: 'Pod', namespace, name: 'some-pod' },
    reason,
    message: `${reason} happened`,
    type: 'Warning',
    firstTimestamp: at,
    lastTimestamp: at,
    count: 1,
  };
}

/**
 * Timers, immediates and sockets created from now on that still hold the event loop: what
 * would keep an extension host (or this test process) from exiting. Mocha's own timers are left out.
 */
function trackResources(): { alive(): string[]; stop(): void } {
  const kinds = new Set(['Timeout', 'Immediate', 'TCPWRAP', 'TCPCONNECTWRAP', 'HTTPCLIENTREQUEST']);
  const live = new Map<number, { type: string; resource: { hasRef?: () => boolean; _destroyed?: boolean }; stack: string }>();
  const hook = createHook({
    init(id, type, _trigger, resource) {
      if (!kinds.has(type)) return;
      const stack = new Error().stack ?? '';
      if (stack.includes('/mocha/')) return;
      live.set(id, { type, resource: resource as { hasRef?: () => boolean; _destroyed?: boolean }, stack });
    },
    destroy(id) {
      live.delete(id);
    },
  }).enable();
  return {
    alive: () =>
      [...live.values()]
        // A timer that has fired is marked destroyed before its destroy hook runs.
        .filter(({ resource }) => resource._destroyed !== true && (resource.hasRef?.() ?? true))
        .map(({ type, stack }) => `${type}${stack.split('\n').slice(3, 9).join('\n')}`),
    stop: () => hook.disable(),
  };
}

/** Consecutive duplicates dropped: the sequence of states a view would have shown. */
function transitions(states: readonly string[]): string[] {
  return states.filter((state, i) => i === 0 || states[i - 1] !== state);
}

describe('KubeIncidentSource (client-node informers against the fixture)', function () {
  this.timeout(20_000);
  let k8s: KubeClient;
  const fixtures: KubeApiFixture[] = [];
  const sources: KubeIncidentSource[] = [];

  before(async () => {
    k8s = await loadClientNode();
  });

  afterEach(async () => {
    for (const source of sources.splice(0)) source.dispose();
    await Promise.all(fixtures.splice(0).map((fixture) => fixture.stop()));
  });

  async function startFixture(objects: KubeObject[] = demoObjects()): Promise<KubeApiFixture> {
    const fixture = await KubeApiFixture.start({ objects });
    fixtures.push(fixture);
    return fixture;
  }

  /** client-node refuses http:// servers unless the cluster skips TLS verification. */
  async function fixtureConfig(fixture: KubeApiFixture): Promise<KubeConfig> {
    const config = new k8s.KubeConfig();
    config.loadFromOptions({
      clusters: [{ name: 'fixture', server: fixture.url, skipTLSVerify: true }],
      users: [{ name: 'me', token: 'fixture-token' }],
      contexts: [{ name: 'fixture', cluster: 'fixture', user: 'me', namespace: 'shop' }],
      currentContext: 'fixture',
    });
    return config;
  }

  interface Harness {
    readonly source: KubeIncidentSource;
    readonly updates: SourceUpdate[];
    /** source.health at the moment of each update. */
    readonly healths: SourceHealth[];
    readonly logs: string[];
  }

  function makeSource(fixture: KubeApiFixture, overrides: Partial<KubeIncidentSourceOptions> = {}): Harness {
    const updates: SourceUpdate[] = [];
    const healths: SourceHealth[] = [];
    const logs: string[] = [];
    const source = new KubeIncidentSource({
      contextName: 'fixture',
      kubeConfig: () => fixtureConfig(fixture),
      namespaces: [],
      fallbackNamespace: 'shop',
      client: k8s,
      log: { info: (m) => logs.push(`info: ${m}`), warn: (m) => logs.push(`warn: ${m}`), error: (m) => logs.push(`error: ${m}`) },
      batchMs: BATCH_MS,
      retryBaseMs: 50,
      minRewatchMs: 20,
      ...overrides,
    });
    source.onUpdate((update) => {
      assert.equal(update.source, source);
      updates.push(update);
      healths.push(source.health);
    });
    sources.push(source);
    return { source, updates, healths, logs };
  }

  async function started(fixture: KubeApiFixture, overrides: Partial<KubeIncidentSourceOptions> = {}): Promise<Harness> {
    const harness = makeSource(fixture, overrides);
    harness.source.start();
    await waitFor('the first update', () => harness.updates.length > 0);
    // Long enough for any trailing partial update to show up.
    await sleep(BATCH_MS * 5);
    return harness;
  }

  function titles(incidents: readonly Incident[]): string[] {
    return incidents.map((i) => i.title).sort();
  }

  function podIncident(source: KubeIncidentSource, name: string): Incident | undefined {
    return source.incidents.find((i) => i.labels.pod === name && i.labels.kind === undefined);
  }

  it('lists and watches each kind once and reports the demo cluster in one update', async () => {
    const fixture = await startFixture();
    const harness = makeSource(fixture);
    const { source, updates } = harness;
    assert.equal(source.key, 'kubernetes/fixture');
    assert.equal(source.kind, 'kubernetes');
    assert.equal(source.name, 'fixture');
    assert.deepEqual(source.health, { state: 'connecting' });
    assert.equal(fixture.requests().length, 0, 'nothing is requested before start()');
    source.start();
    source.start();
    await waitFor('the first update', () => updates.length > 0);
    await sleep(BATCH_MS * 10);
    assert.equal(updates.length, 1, 'one update for the initial lists');
    const [first] = updates;
    assert.equal(first.healthChanged, true);
    assert.equal(source.health.state, 'ok');
    assert.deepEqual(first.diff?.removed, []);
    assert.equal(first.diff?.added.length, source.incidents.length);

    const severity = new Map(source.incidents.map((i) => [i.title, i.severity]));
    const expected: [string, string][] = [
      ['shop/web-7d9c-fghij web: CrashLoopBackOff, 14 restarts', 'P2'],
      ['shop/checkout-5f6b-xyz12 checkout: CrashLoopBackOff (last exit: OOMKilled), 5 restarts', 'P2'],
      ['shop/worker-0: Pending, unschedulable', 'P2'],
      ['shop/image-test image-test: ImagePullBackOff', 'P2'],
      // Its Available condition is False: down, not merely short.
      ['shop/web: 1/3 replicas available', 'P1'],
      ['shop/checkout: 0/1 replicas available', 'P1'],
      ['payments/api: rollout stuck (ProgressDeadlineExceeded), 0/1 available', 'P1'],
      ['Node node-b: unreachable (status Unknown)', 'P1'],
      ['payments/nightly-settlement-28911600: job failed (BackoffLimitExceeded)', 'P2'],
    ];
    for (const [title, level] of expected) assert.equal(severity.get(title), level, `${title}\nhave:\n${titles(source.incidents).join('\n')}`);

    // Warning events of the last hour only; the job's 8-hour-old one and Normal events are left out.
    const events = source.incidents.filter((i) => i.severity === 'P3');
    assert.deepEqual(events.map((i) => `${i.labels.kind} ${i.labels.pod ?? i.labels.node ?? i.labels.object} ${i.labels.reason}`).sort(), [
      'Node node-a OOMKilling',
      'Pod api-6c8f-t4n9r Unhealthy',
      'Pod checkout-5f6b-xyz12 BackOff',
      'Pod db-proxy-0 FailedMount',
      'Pod image-test BackOff',
      'Pod image-test Failed',
      'Pod web-7d9c-fghij BackOff',
      'Pod web-7d9c-klmno Unhealthy',
      'Pod worker-0 FailedScheduling',
    ]);
    assert.equal(source.incidents.length, expected.length + events.length);
    for (const incident of source.incidents) {
      assert.equal(incident.source, 'kubernetes');
      assert.equal(incident.sourceName, 'fixture');
      assert.ok(incident.id.startsWith('incident/kubernetes/fixture/'), incident.id);
      // Lists are read as raw JSON: timestamps stay strings (typed lists would hold Dates, read as absent).
      assert.match(incident.startedAt, /^\d{4}-\d\d-\d\dT/, `${incident.title} has no start time`);
    }

    // Every kind of the table, and only those, is listed and watched.
    assert.deepEqual(WATCHED_KINDS.map((kind) => PATHS[kind.resource]), WATCHED_KINDS.map((kind) => watchPath(kind, undefined)));
    assert.deepEqual([...new Set(fixture.requests().map((r) => `${r.method} ${r.path}`))].sort(), Object.values(PATHS).map((path) => `GET ${path}`).sort());
    for (const path of Object.values(PATHS)) {
      assert.equal(lists(fixture, path).length, 1, `one list of ${path}`);
      const [watch] = watches(fixture, path);
      assert.ok(watch, `a watch of ${path}`);
      assert.equal(watches(fixture, path).length, 1);
      assert.match(String(watch.query['resourceVersion']), /^\d+$/, 'the watch continues from the list');
      assert.equal(watch.query['allowWatchBookmarks'], 'true');
    }
    assert.equal(lists(fixture, PATHS.events)[0].query['fieldSelector'], 'type=Warning');
    assert.equal(watches(fixture, PATHS.events)[0].query['fieldSelector'], 'type=Warning');
    assert.equal(fixture.openWatchCount(), 5);
  });

  it('watches a kind added to the table like the others: listed, watched and classified', async () => {
    // A copy of the table with one more entry, and nothing else: no other file names the kind.
    const seen: unknown[] = [];
    const statefulSets: WatchedKind = {
      resource: 'statefulsets',
      apiPath: '/apis/apps/v1',
      namespaced: true,
      classify: (object, sourceName) => {
        seen.push(JSON.parse(JSON.stringify(object)));
        const { metadata, spec, status } = object as { metadata: { name: string; namespace: string }; spec?: { replicas?: number }; status?: { readyReplicas?: number } };
        const [ready, wanted] = [status?.readyReplicas ?? 0, spec?.replicas ?? 1];
        if (ready >= wanted) return undefined;
        const sourceId = `${metadata.namespace}/${metadata.name}/NotReady`;
        const title = `${metadata.namespace}/${metadata.name}: ${ready}/${wanted} ready`;
        return { id: formatIncidentId('kubernetes', sourceName, sourceId), source: 'kubernetes', sourceName, sourceId, title, severity: 'P2', group: metadata.namespace, labels: { statefulset: metadata.name }, annotations: {}, startedAt: '', status: 'firing' };
      },
    };
    const path = '/apis/apps/v1/statefulsets';
    const fixture = await startFixture();
    const { source, updates, logs } = await started(fixture, { kinds: [...WATCHED_KINDS, statefulSets] });
    assert.equal(updates.length, 1, 'one update for all the initial lists');
    assert.equal(lists(fixture, path).length, 1);
    assert.equal(watches(fixture, path).length, 1);
    assert.equal(fixture.openWatchCount(), 6);
    for (const other of Object.values(PATHS)) assert.equal(lists(fixture, other).length, 1, other);
    assert.ok(logs.includes('info: Kubernetes fixture: watching pods, deployments, jobs, Warning events and statefulsets in all namespaces, and nodes.'), logs.join('\n'));

    const demo = demoObjects().filter((o) => o.kind === 'StatefulSet');
    assert.ok(demo.length > 0, 'the demo cluster has statefulsets');
    const classified = (o: KubeObject) => statefulSets.classify(o, 'fixture');
    const expected = demo.map(classified).filter((i) => i !== undefined).map((i) => i.title);
    assert.ok(expected.length > 0, 'some are short of ready replicas');
    seen.length = 0;
    const shown = source.incidents.filter((i) => i.labels.statefulset !== undefined);
    assert.deepEqual(titles(shown), expected.sort());
    const statefulSet = fixture.get('StatefulSet', demo[0].metadata.namespace!, demo[0].metadata.name)!;

    // Changes come over its watch and are classified as they were sent.
    fixture.upsert({ ...statefulSet, metadata: { ...statefulSet.metadata, name: 'late' }, spec: { ...(statefulSet.spec as object), replicas: 9 } });
    await waitFor('the new statefulset', () => source.incidents.some((i) => i.labels.statefulset === 'late'));
    assert.deepEqual(seen.map((o) => (o as { metadata: { name: string } }).metadata.name), ['late']);
    assert.equal((seen[0] as { spec: { replicas: number } }).spec.replicas, 9);
    assert.equal(lists(fixture, path).length, 1, 'no re-list');
  });

  it('shows a pod that starts crash-looping through the watch, without listing again, and drops it when it recovers', async () => {
    const fixture = await startFixture();
    const { source, updates } = await started(fixture);
    const before = updates.length;

    fixture.upsert(pod('shop', 'late', 'crashLoop'));
    await waitFor('the crash-looping pod', () => updates.length > before);
    const added = updates[before].diff;
    assert.deepEqual(added?.added.map((i) => i.title), ['shop/late app: CrashLoopBackOff, 3 restarts']);
    assert.equal(added?.added[0].severity, 'P2');
    assert.deepEqual(added?.removed, []);
    assert.equal(updates[before].healthChanged, false);
    assert.ok(podIncident(source, 'late'));

    fixture.upsert(pod('shop', 'late', 'ready'));
    await waitFor('the recovery', () => updates.length > before + 1);
    assert.deepEqual(updates[before + 1].diff?.removed.map((i) => i.labels.pod), ['late']);
    assert.deepEqual(updates[before + 1].diff?.added, []);
    assert.equal(podIncident(source, 'late'), undefined);

    // A failing pod that is deleted is resolved as well.
    fixture.remove('Pod', 'shop', 'web-7d9c-fghij');
    await waitFor('the deletion', () => updates.length > before + 2);
    assert.deepEqual(updates[before + 2].diff?.removed.map((i) => i.title), ['shop/web-7d9c-fghij web: CrashLoopBackOff, 14 restarts']);

    assert.equal(lists(fixture, PATHS.pods).length, 1, 'changes come over the watch, not from a re-list');
    assert.equal(watches(fixture, PATHS.pods).length, 1, 'the one watch stayed open');
  });

  it('fires nothing for changes that change no incident', async () => {
    const fixture = await startFixture();
    const { source, updates } = await started(fixture);
    assert.equal(updates.length, 1);
    const incidentsBefore = source.incidentsById;

    // A healthy pod changes, a failing pod changes in a way its incident does not show, bookmarks arrive.
    const healthy = fixture.get('Pod', 'shop', 'web-7d9c-abcde')!;
    fixture.upsert({ ...healthy, metadata: { ...healthy.metadata, labels: { ...healthy.metadata.labels, touched: 'yes' } } });
    const crashing = fixture.get('Pod', 'shop', 'web-7d9c-fghij')!;
    fixture.upsert({ ...crashing, metadata: { ...crashing.metadata, annotations: { touched: 'yes' } } });
    fixture.sendBookmarks();
    await sleep(BATCH_MS * 10);
    assert.equal(updates.length, 1, 'no update for an unchanged period');
    assert.equal(source.incidentsById, incidentsBefore, 'the snapshot was not replaced');

    // The same watch still delivers: the next real change is the only thing in the next update.
    fixture.upsert(pod('shop', 'after-quiet', 'crashLoop'));
    await waitFor('the next real change', () => updates.length === 2);
    assert.deepEqual(updates[1].diff?.added.map((i) => i.labels.pod), ['after-quiet']);
    assert.deepEqual(updates[1].diff?.changed, []);
    assert.equal(lists(fixture, PATHS.pods).length, 1);
  });

  it('resumes after a cut connection (error, then ok) from where it was, without listing again', async () => {
    const fixture = await startFixture();
    const { source, updates, healths, logs } = await started(fixture);
    const count = updates.length;

    fixture.dropWatches({ abrupt: true });
    // Made while no watch is open: only a watch resuming from the last resourceVersion sees it.
    fixture.upsert(pod('shop', 'during-outage', 'crashLoop'));
    await waitFor('the pod from the outage', () => podIncident(source, 'during-outage') !== undefined);
    await waitFor('health ok', () => source.health.state === 'ok' && fixture.openWatchCount() === 5);

    const states = healths.slice(count - 1).map((h) => h.state);
    assert.deepEqual(transitions(states), ['ok', 'error', 'ok']);
    const error = healths.find((h): h is Extract<SourceHealth, { state: 'error' }> => h.state === 'error')!;
    assert.equal(error.action, 'retry');
    assert.match(error.message, /context "fixture"/);
    assert.match(error.message, /^Could not watch \w+ in context "fixture": /);
    assert.ok(error.retryAt !== undefined && error.retryAt >= error.since);
    assert.ok(logs.some((l) => /^warn: Kubernetes fixture: watching pods in all namespaces failed \(.*Premature close/.test(l)), logs.join('\n'));

    for (const path of Object.values(PATHS)) {
      assert.equal(lists(fixture, path).length, 1, `no re-list of ${path}`);
      assert.equal(watches(fixture, path).length, 2, `one re-watch of ${path}`);
    }
    const rewatch = watches(fixture, PATHS.pods)[1];
    assert.ok(Number(rewatch.query['resourceVersion']) < fixture.currentResourceVersion(), 'resumed from before the outage');
  });

  it('re-watches after a clean close without any error or update', async () => {
    const fixture = await startFixture();
    const { source, updates } = await started(fixture);
    const count = updates.length;

    fixture.dropWatches();
    fixture.upsert(pod('shop', 'after-close', 'crashLoop'));
    await waitFor('the pod after the close', () => podIncident(source, 'after-close') !== undefined);
    await waitFor('all watches open again', () => fixture.openWatchCount() === 5);
    assert.equal(updates.length, count + 1);
    assert.equal(updates[count].healthChanged, false);
    assert.equal(source.health.state, 'ok');
    for (const path of Object.values(PATHS)) {
      assert.equal(lists(fixture, path).length, 1, `no re-list of ${path}`);
      assert.equal(watches(fixture, path).length, 2, `one re-watch of ${path}`);
    }
  });

  it('spaces out re-watches when the server keeps closing them at once', async () => {
    const fixture = await startFixture();
    await started(fixture, { minRewatchMs: 200 });
    const start = Date.now();
    // A server (or proxy) that ends every watch as soon as it opens.
    const closer = setInterval(() => fixture.dropWatches(), 5);
    try {
      await sleep(700);
    } finally {
      clearInterval(closer);
    }
    const elapsed = Date.now() - start;
    const podWatches = watches(fixture, PATHS.pods).length;
    assert.ok(podWatches >= 3, `it kept re-watching (${podWatches})`);
    assert.ok(podWatches <= 1 + Math.ceil(elapsed / 200) + 1, `${podWatches} watches in ${elapsed} ms`);
    assert.equal(lists(fixture, PATHS.pods).length, 1);
  });

  for (const as of ['event', 'status'] as const) {
    it(`lets client-node re-list after 410 Gone (${as === 'event' ? 'an ERROR event' : 'the watch answer'}), resolving a deletion it missed`, async () => {
      const fixture = await startFixture();
      const { source, updates, healths } = await started(fixture, { retryBaseMs: 100 });
      assert.ok(podIncident(source, 'image-test'));
      const count = updates.length;

      fixture.dropWatches({ abrupt: true });
      // Missed while disconnected, and then the history is compacted away: resuming from the
      // old resourceVersion gets 410, and only a fresh list shows the pod is gone.
      fixture.remove('Pod', 'shop', 'image-test');
      fixture.expireResourceVersionsBefore(fixture.currentResourceVersion(), { as });
      await waitFor('the missed deletion', () => podIncident(source, 'image-test') === undefined);
      await waitFor('health ok', () => source.health.state === 'ok' && fixture.openWatchCount() === 5);
      assert.ok(updates.slice(count).some((u) => u.diff?.removed.some((i) => i.labels.pod === 'image-test')));
      assert.deepEqual(transitions(healths.slice(count - 1).map((h) => h.state)), ['ok', 'error', 'ok'], 'the 410 itself is no error');
      for (const path of Object.values(PATHS)) assert.equal(lists(fixture, path).length, 2, `one re-list of ${path}`);
      const podWatches = watches(fixture, PATHS.pods);
      assert.equal(podWatches.length, 3, 'the first watch, the refused resume, the watch after the re-list');
      assert.equal(podWatches[2].query['resourceVersion'], String(fixture.currentResourceVersion()));
    });
  }

  it('refresh() lists afresh and drops incidents of objects deleted while disconnected', async () => {
    const fixture = await startFixture();
    const { source, updates } = await started(fixture, { retryBaseMs: 60_000 });
    assert.ok(podIncident(source, 'image-test'));
    fixture.dropWatches({ abrupt: true });
    await waitFor('health error', () => source.health.state === 'error');
    fixture.remove('Pod', 'shop', 'image-test');
    const count = updates.length;
    await source.refresh();
    assert.equal(podIncident(source, 'image-test'), undefined);
    assert.equal(source.health.state, 'ok');
    assert.equal(updates.length, count + 1, 'one update for the refresh');
    assert.deepEqual(updates[count].diff?.removed.map((i) => i.labels.pod), ['image-test']);
    assert.deepEqual(updates[count].diff?.added, []);
    assert.equal(lists(fixture, PATHS.pods).length, 2);
  });

  it('restarts a list that failed with 500 after a backoff; the rest is shown meanwhile', async () => {
    const fixture = await startFixture();
    const described: { action: string; statusCode?: number; message: string }[] = [];
    // The pods keep failing until the checks of "meanwhile" are done, however slow the machine.
    fixture.failNext(500, 1_000, { path: PATHS.pods });
    const { source, updates, healths } = await started(fixture, {
      retryBaseMs: 150,
      describeError: (error, action) => {
        const facts = error as { statusCode?: number; message: string };
        described.push({ action, statusCode: facts.statusCode, message: facts.message });
        return `Sentence for ${action}.`;
      },
    });
    assert.equal(healths[0].state, 'error');
    assert.deepEqual(healths[0], { state: 'error', message: 'Sentence for list pods.', action: 'retry', since: (healths[0] as { since: number }).since, retryAt: (healths[0] as { retryAt: number }).retryAt });
    assert.deepEqual(described[0], { action: 'list pods', statusCode: 500, message: 'Internal error occurred: etcdserver: request timed out' });
    assert.ok(updates[0].diff?.added.some((i) => i.title === 'shop/web: 1/3 replicas available'), 'other kinds are shown while pods fail');
    assert.equal(podIncident(source, 'web-7d9c-fghij'), undefined);

    fixture.clearFailures();
    await waitFor('the pods after the retry', () => podIncident(source, 'web-7d9c-fghij') !== undefined);
    await waitFor('health ok', () => source.health.state === 'ok');
    assert.deepEqual(transitions(healths.map((h) => h.state)), ['error', 'ok']);
    assert.ok(lists(fixture, PATHS.pods).length >= 2, 'the pods were listed again');
    assert.equal(lists(fixture, PATHS.deployments).length, 1, 'only the failed informer was restarted');
  });

  it('says which context failed in its own sentence when no describeError is given', async () => {
    const fixture = await startFixture();
    fixture.failNext(500, 1, { path: PATHS.jobs });
    const { source } = await started(fixture, { retryBaseMs: 60_000 });
    assert.deepEqual(
      { state: source.health.state, message: (source.health as { message?: string }).message },
      { state: 'error', message: 'Could not list jobs in context "fixture": Internal error occurred: etcdserver: request timed out.' },
    );
  });

  it('names a refused token by its status, the way client-node reports a 401', async () => {
    const fixture = await startFixture();
    fixture.failNext(401, 1, { path: PATHS.deployments });
    const { source } = await started(fixture, { retryBaseMs: 60_000 });
    assert.deepEqual(
      { state: source.health.state, message: (source.health as { message?: string }).message },
      { state: 'error', message: 'Could not list deployments in context "fixture": HTTP 401.' },
    );
  });

  it('falls back to the context namespace when listing pods in all namespaces is forbidden', async () => {
    const fixture = await startFixture([...demoObjects(), pod('payments', 'payments-crash', 'crashLoop')]);
    fixture.failNext(403, 1, { path: PATHS.pods });
    const { source, updates, logs } = await started(fixture);
    assert.equal(updates.length, 1, 'the fallback happens before the first update');
    assert.equal(source.health.state, 'ok');
    const note = (source.health as { note?: string }).note ?? '';
    assert.match(note, /^Only namespace "shop" is watched: listing pods in all namespaces is forbidden in context "fixture"\.$/);
    assert.ok(podIncident(source, 'web-7d9c-fghij'), 'pods of the fallback namespace are shown');
    assert.equal(podIncident(source, 'payments-crash'), undefined, 'pods elsewhere are not');
    assert.ok(source.incidents.some((i) => i.title.startsWith('payments/api: rollout stuck')), 'deployments are still watched everywhere');
    assert.equal(lists(fixture, '/api/v1/namespaces/shop/pods').length, 1);
    assert.equal(watches(fixture, '/api/v1/namespaces/shop/pods').length, 1);
    assert.equal(watches(fixture, PATHS.pods).length, 0);
    assert.ok(logs.some((l) => l.startsWith('warn: Kubernetes fixture: listing pods in all namespaces is forbidden')), logs.join('\n'));

    // The fallback watch is live too.
    fixture.upsert(pod('shop', 'fallback-late', 'crashLoop'));
    await waitFor('a change in the fallback namespace', () => podIncident(source, 'fallback-late') !== undefined);
  });

  it('reports a forbidden all-namespace list as an error when there is no namespace to fall back to', async () => {
    const fixture = await startFixture();
    fixture.failNext(403, 1, { path: PATHS.pods });
    const { source } = await started(fixture, { fallbackNamespace: undefined, retryBaseMs: 60_000 });
    assert.equal(source.health.state, 'error');
    assert.match((source.health as { message: string }).message, /^Could not list pods in context "fixture": pods is forbidden: User .* cannot list resource "pods"/);
  });

  it('watches only the configured namespaces (nodes stay cluster-wide)', async () => {
    const fixture = await startFixture();
    const { source } = await started(fixture, { namespaces: ['payments'] });
    const namespaces = new Set(source.incidents.map((i) => i.labels.namespace ?? '(cluster)'));
    assert.deepEqual([...namespaces].sort(), ['(cluster)', 'payments']);
    assert.ok(source.incidents.some((i) => i.title === 'Node node-b: unreachable (status Unknown)'));
    assert.ok(source.incidents.some((i) => i.title.startsWith('payments/nightly-settlement-28911600: job failed')));
    for (const path of [PATHS.pods, PATHS.deployments, PATHS.jobs, PATHS.events]) assert.equal(fixture.requests().filter((r) => r.path === path).length, 0, path);
    for (const path of ['/api/v1/namespaces/payments/pods', '/apis/apps/v1/namespaces/payments/deployments', '/apis/batch/v1/namespaces/payments/jobs', '/api/v1/namespaces/payments/events', PATHS.nodes]) {
      assert.equal(lists(fixture, path).length, 1, path);
      assert.equal(watches(fixture, path).length, 1, path);
    }
    assert.equal(fixture.openWatchCount(), 5);
  });

  it('drops the node watch with a note, never an error, when nodes are forbidden', async () => {
    const fixture = await startFixture();
    fixture.failNext(403, 1, { path: PATHS.nodes });
    const { source, updates, healths } = await started(fixture);
    assert.equal(updates.length, 1);
    assert.ok(healths.every((h) => h.state === 'ok'), JSON.stringify(healths));
    assert.equal((source.health as { note?: string }).note, 'Nodes are not watched: listing nodes is forbidden in context "fixture".');
    assert.equal(source.incidents.filter((i) => i.group === 'nodes').length, 0);
    assert.ok(podIncident(source, 'web-7d9c-fghij'));
    assert.equal(watches(fixture, PATHS.nodes).length, 0);
    assert.equal(fixture.openWatchCount(), 4);
  });

  it('turns 5,000 pods into one update with only the failing ones', async () => {
    const objects: KubeObject[] = [];
    for (let i = 0; i < 5000; i++) objects.push(pod('bulk', `pod-${String(i).padStart(4, '0')}`, i % 100 === 7 ? 'crashLoop' : 'ready'));
    const fixture = await startFixture(objects);
    const { source, updates } = makeSource(fixture);
    source.start();
    await waitFor('the first update', () => updates.length > 0, 15_000);
    await sleep(BATCH_MS * 10);
    assert.equal(updates.length, 1);
    assert.equal(updates[0].diff?.added.length, 50);
    assert.equal(source.incidents.length, 50);
    assert.ok(source.incidents.every((i) => i.title.endsWith('app: CrashLoopBackOff, 3 restarts')));
    assert.equal(lists(fixture, PATHS.pods).length, 1);
  });

  it('drops Warning events once they are older than eventMaxAgeMs, and brings one back when it recurs', async () => {
    const fixture = await startFixture([
      warningEvent('shop', 'fresh.1', 'BackOff', 200),
      warningEvent('shop', 'stale.1', 'FailedMount', 5_000),
    ]);
    const { source, updates } = await started(fixture, { eventMaxAgeMs: 1_000 });
    assert.deepEqual(source.incidents.map((i) => i.labels.reason), ['BackOff'], 'the stale event never shows');
    const count = updates.length;
    await waitFor('the fresh event to age out', () => source.incidents.length === 0, 3000);
    assert.deepEqual(updates[count].diff?.removed.map((i) => i.labels.reason), ['BackOff']);

    fixture.upsert({ ...warningEvent('shop', 'fresh.1', 'BackOff', 0), count: 2 });
    await waitFor('the recurring event', () => source.incidents.length === 1);
    assert.equal(source.incidents[0].annotations.count, '2');
  });

  it('refresh() restarts everything at once, even during a long backoff, and fires nothing when nothing changed', async () => {
    const fixture = await startFixture();
    const { source, updates } = await started(fixture, { retryBaseMs: 60_000 });
    fixture.dropWatches({ abrupt: true });
    await waitFor('health error', () => source.health.state === 'error');
    const error = source.health as { retryAt?: number };
    assert.ok(error.retryAt !== undefined && error.retryAt > Date.now() + 30_000, 'a long backoff');
    const count = updates.length;
    await source.refresh();
    assert.equal(source.health.state, 'ok');
    assert.equal(updates.length, count + 1);
    assert.equal(updates[count].diff, undefined, 'the same incidents: a health-only update');
    for (const path of Object.values(PATHS)) assert.equal(lists(fixture, path).length, 2, path);
    assert.equal(fixture.openWatchCount(), 5);

    await source.refresh();
    assert.equal(updates.length, count + 1, 'a refresh that changes nothing fires nothing');
    assert.equal(fixture.openWatchCount(), 5, 'the old watches were closed');
  });

  it('retries a kubeconfig that cannot be loaded, and keeps the incidents while failing', async () => {
    const fixture = await startFixture();
    let broken = false;
    const { source } = await started(fixture, {
      retryBaseMs: 100,
      kubeConfig: () => (broken ? Promise.reject(new Error('token file is gone')) : fixtureConfig(fixture)),
    });
    const before = source.incidents.length;
    assert.ok(before > 0);
    broken = true;
    await source.refresh();
    assert.equal(source.health.state, 'error');
    assert.equal((source.health as { message: string }).message, 'Could not read the kubeconfig in context "fixture": token file is gone.');
    assert.equal(source.incidents.length, before, 'incidents are kept while failing');
    broken = false;
    await waitFor('the retry', () => source.health.state === 'ok');
  });

  it('dispose() closes every watch, cancels retries and leaves nothing running', async () => {
    const fixture = await startFixture();
    const tracker = trackResources();
    try {
      // A retry pending well past the end of the test: dispose() must cancel it, not let it lapse.
      const { source, updates } = await started(fixture, { retryBaseMs: 5_000 });
      assert.equal(fixture.openWatchCount(), 5);
      fixture.dropWatches({ abrupt: true });
      await waitFor('health error', () => source.health.state === 'error');
      const count = updates.length;
      source.dispose();
      source.dispose();
      const requests = fixture.requests().length;
      await sleep(100);
      assert.equal(fixture.requests().length, requests, 'no request after dispose');
      assert.equal(fixture.openWatchCount(), 0);
      assert.equal(updates.length, count);
      // The fixture's stop() closes the client's idle keep-alive sockets too.
      await fixture.stop();
      fixtures.splice(fixtures.indexOf(fixture), 1);
      await sleep(50);
      assert.deepEqual(tracker.alive(), [], 'nothing that would keep the process alive');
    } finally {
      tracker.stop();
    }
  });

  it('dispose() while the first lists are on their way opens no watch afterwards', async () => {
    const fixture = await startFixture();
    const { source, updates, logs } = makeSource(fixture);
    // The informers have just sent their lists when the source says what it watches.
    let disposedAt: number | undefined;
    const info = logs.push.bind(logs);
    logs.push = (...items: string[]) => {
      if (disposedAt === undefined && items.some((m) => m.includes('watching pods'))) {
        disposedAt = fixture.requests().length;
        source.dispose();
      }
      return info(...items);
    };
    source.start();
    await waitFor('the dispose', () => disposedAt !== undefined);
    await waitFor('the lists sent before it', () => Object.values(PATHS).every((path) => lists(fixture, path).length === 1));
    await sleep(300);
    assert.deepEqual(fixture.requests().filter((r) => r.watch), [], 'no watch after the lists came back');
    assert.equal(fixture.openWatchCount(), 0);
    assert.deepEqual(updates, []);
    source.start();
    await source.refresh();
    await sleep(100);
    assert.equal(fixture.requests().filter((r) => r.watch).length, 0, 'a disposed source does not start again');
  });

  it('dispose() while a watch request is on its way closes that watch once it opens', async () => {
    const fixture = await startFixture();
    const { source } = makeSource(fixture);
    source.start();
    // Checked every turn of the event loop: the server has taken the request, the client has
    // not yet seen the answer.
    await new Promise<void>((resolve) => {
      const check = () => (fixture.requests().some((r) => r.watch) ? resolve() : setImmediate(check));
      check();
    });
    source.dispose();
    await waitFor('every watch closed', () => fixture.openWatchCount() === 0, 2000);
    await sleep(100);
    assert.equal(fixture.openWatchCount(), 0);
  });
});
