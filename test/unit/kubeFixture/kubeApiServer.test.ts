// Proves that the Kubernetes API fixture is faithful enough for the real clients: kubectl
// (the binary on the machine) and @kubernetes/client-node 1.4 (the library the extension uses).
//
// kubectl children run with HOME and KUBECONFIG pointing at a temp dir, so ~/.kube (config
// and discovery cache) is never read or written. They are spawned asynchronously: the
// fixture lives in this process, so a synchronous spawn would block it from answering.
//
// On this machine /usr/bin/kubectl is the Google Cloud SDK dispatcher: every invocation
// first sends `GET /version?timeout=5s` (User-Agent "kubectl-dispatcher/...") and then runs
// the kubectl release matching the server's minor version (1.32 for the fixture's v1.32.4).
// Assertions about paths therefore look for the request they expect instead of counting all.

import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as KubeClient from '@kubernetes/client-node';
import {
  demoObjects,
  demoPodLogs,
  KubeApiFixture,
  writeKubeconfig,
  type KubeObject,
  type RecordedRequest,
} from '../../fixtures/kube/kubeApiServer';
import { loadClientNode, type ClientNode } from '../../support/clientNode';
import { sleep, waitFor } from '../../support/waiting';

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

function run(command: string, args: string[], env: Record<string, string>): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(command, args, { env: { ...process.env, ...env }, timeout: 15000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function hits(fixture: KubeApiFixture, method: string, path: string): RecordedRequest[] {
  return fixture.requests().filter((request) => request.method === method && request.path === path);
}

function otherClusterObjects(): KubeObject[] {
  return ['default', 'staging'].map((name) => ({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  }));
}

function newPod(name: string, labels: Record<string, string>): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'shop', labels },
    spec: { containers: [{ name: 'main', image: 'registry.example.com/shop/tool:1.0' }] },
    status: { phase: 'Pending' },
  };
}

describe('Kubernetes API fixture', function () {
  this.timeout(20000);

  let fixture: KubeApiFixture;
  let other: KubeApiFixture;
  let dir: string;
  let kubeconfig: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kube-fixture-'));
    fixture = await KubeApiFixture.start({ objects: demoObjects(), logs: demoPodLogs() });
    other = await KubeApiFixture.start({ objects: otherClusterObjects() });
    kubeconfig = join(dir, 'kubeconfig');
    writeKubeconfig(
      kubeconfig,
      [
        { name: 'demo', server: fixture.url, namespace: 'shop' },
        { name: 'other', server: other.url, cluster: 'other-cluster', user: 'other-admin' },
      ],
      'demo',
    );
  });

  after(async () => {
    await fixture?.stop();
    await other?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(() => {
    fixture.clearRequests();
    other.clearRequests();
  });

  describe('with kubectl', () => {
    let home: string;
    const kubectl = (...args: string[]): Promise<RunResult> => run('kubectl', args, { HOME: home, KUBECONFIG: kubeconfig });

    before(async function () {
      home = mkdtempSync(join(dir, 'home-'));
      const probe = await run('kubectl', ['version', '--client'], { HOME: home, KUBECONFIG: kubeconfig });
      if (probe.code !== 0) this.skip();
    });

    it('lists exactly the web pods for a label selector, from the namespace asked for', async () => {
      const result = await kubectl('get', 'pods', '-n', 'shop', '-l', 'app=web', '-o', 'name');
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(result.stdout.trim().split('\n'), ['pod/web-7d9c-abcde', 'pod/web-7d9c-fghij', 'pod/web-7d9c-klmno']);
      const lists = hits(fixture, 'GET', '/api/v1/namespaces/shop/pods');
      assert.equal(lists.length, 1);
      assert.equal(lists[0]!.query['labelSelector'], 'app=web');
      assert.equal(lists[0]!.query['limit'], '500');
      assert.match(lists[0]!.userAgent ?? '', /^kubectl\/v1\.\d+\./);
      // The first run in a fresh HOME discovers the API: kubectl 1.32 asks for aggregated
      // discovery (apidiscovery.k8s.io/v2, then v2beta1) and gets it, so no per-group requests.
      const discovery = fixture.requests().filter((r) => r.path === '/api' || r.path === '/apis');
      assert.deepEqual(
        discovery.map((r) => r.path),
        ['/api', '/apis'],
      );
      for (const request of discovery) {
        assert.equal(
          request.accept,
          'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json',
        );
      }
      assert.equal(hits(fixture, 'GET', '/api/v1').length, 0);
      assert.equal(fixture.requests().filter((r) => r.path.startsWith('/openapi')).length, 0);
    });

    it('prints the server-side table: kubectl get pods shows CrashLoopBackOff and friends', async () => {
      const result = await kubectl('get', 'pods', '-n', 'shop');
      assert.equal(result.code, 0, result.stderr);
      const rows = new Map(
        result.stdout
          .trim()
          .split('\n')
          .map((line) => line.split(/\s{2,}/))
          .map((cells) => [cells[0]!, cells] as const),
      );
      assert.deepEqual(rows.get('NAME'), ['NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
      assert.equal(rows.get('web-7d9c-fghij')![2], 'CrashLoopBackOff');
      assert.match(rows.get('web-7d9c-fghij')![3]!, /^14 \(\d+m\d*s? ago\)$/);
      assert.equal(rows.get('web-7d9c-abcde')![1], '1/1');
      assert.equal(rows.get('web-7d9c-abcde')![2], 'Running');
      assert.equal(rows.get('checkout-5f6b-xyz12')![2], 'CrashLoopBackOff');
      assert.equal(rows.get('image-test')![2], 'ImagePullBackOff');
      assert.equal(rows.get('worker-0')![2], 'Pending');
      const [list] = hits(fixture, 'GET', '/api/v1/namespaces/shop/pods');
      assert.equal(list!.accept, 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json');
    });

    it('lists pods of every namespace with -A', async () => {
      const result = await kubectl('get', 'pods', '-A');
      assert.equal(result.code, 0, result.stderr);
      assert.match(result.stdout, /^NAMESPACE\s+NAME\s+READY\s+STATUS/);
      assert.match(result.stdout, /\npayments\s+db-proxy-0\s+1\/1\s+Running/);
      assert.match(result.stdout, /\nkube-system\s+coredns-6f6b679f8f-4xk2m\s+1\/1\s+Running/);
      assert.equal(hits(fixture, 'GET', '/api/v1/pods').length, 1);
    });

    it('sends a command for another context to that context\'s server', async () => {
      const result = await kubectl('--context', 'other', 'get', 'ns', '-o', 'name');
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(result.stdout.trim().split('\n'), ['namespace/default', 'namespace/staging']);
      assert.equal(hits(other, 'GET', '/api/v1/namespaces').length, 1);
      // kubectl applies the user's credentials only over TLS: to an http:// server it sends none.
      assert.equal(other.requests().find((r) => r.path === '/api/v1/namespaces')!.authorization, undefined);
      assert.deepEqual(fixture.requests(), []);
    });

    it('deletes a pod, after which kubectl get fails with NotFound', async () => {
      const saved = fixture.get('Pod', 'shop', 'image-test')!;
      try {
        const deleted = await kubectl('delete', 'pod', 'image-test', '-n', 'shop');
        assert.equal(deleted.code, 0, deleted.stderr);
        assert.equal(deleted.stdout.trim(), 'pod "image-test" deleted');
        const [request] = hits(fixture, 'DELETE', '/api/v1/namespaces/shop/pods/image-test');
        assert.deepEqual(request!.body, { propagationPolicy: 'Background' });

        const missing = await kubectl('get', 'pod', 'image-test', '-n', 'shop');
        assert.equal(missing.code, 1);
        assert.match(missing.stderr, /Error from server \(NotFound\): pods "image-test" not found/);
      } finally {
        fixture.upsert(saved);
      }
    });

    it('reports an injected 403 the way a real server words it', async () => {
      fixture.failNext(403);
      const result = await kubectl('get', 'pods', '-n', 'payments');
      assert.equal(result.code, 1);
      assert.match(
        result.stderr,
        /Error from server \(Forbidden\): pods is forbidden: User "system:serviceaccount:default:fixture" cannot list resource "pods" in API group "" in the namespace "payments"/,
      );
    });

    it('falls back to legacy discovery against a server without aggregated discovery', async () => {
      const legacy = await KubeApiFixture.start({ objects: demoObjects(), discovery: 'legacy' });
      try {
        const legacyConfig = join(dir, 'legacy-kubeconfig');
        writeKubeconfig(legacyConfig, [{ name: 'legacy', server: legacy.url, namespace: 'shop' }], 'legacy');
        const result = await run('kubectl', ['get', 'deploy', '-o', 'name'], { HOME: mkdtempSync(join(dir, 'home-')), KUBECONFIG: legacyConfig });
        assert.equal(result.code, 0, result.stderr);
        assert.deepEqual(result.stdout.trim().split('\n'), ['deployment.apps/checkout', 'deployment.apps/web']);
        const paths = legacy.requests().map((r) => r.path);
        for (const path of ['/api', '/apis', '/api/v1', '/apis/apps/v1', '/apis/apps/v1/namespaces/shop/deployments']) {
          assert.ok(paths.includes(path), `expected a request to ${path}, saw ${paths.join(', ')}`);
        }
      } finally {
        await legacy.stop();
      }
    });
  });

  describe('with @kubernetes/client-node 1.4', () => {
    let k8s: ClientNode;
    let config: KubeClient.KubeConfig;
    let core: KubeClient.CoreV1Api;

    before(async () => {
      k8s = await loadClientNode();
      config = new k8s.KubeConfig();
      config.loadFromFile(kubeconfig);
      core = config.makeApiClient(k8s.CoreV1Api);
    });

    it('lists pods of a namespace and of all namespaces with the status shapes of the real API', async () => {
      const shop = await core.listNamespacedPod({ namespace: 'shop' });
      assert.deepEqual(
        shop.items.map((pod) => pod.metadata?.name),
        ['checkout-5f6b-xyz12', 'image-test', 'web-7d9c-abcde', 'web-7d9c-fghij', 'web-7d9c-klmno', 'worker-0'],
      );
      const crashing = shop.items.find((pod) => pod.metadata?.name === 'web-7d9c-fghij')!;
      const crashStatus = crashing.status!.containerStatuses![0]!;
      assert.equal(crashStatus.state?.waiting?.reason, 'CrashLoopBackOff');
      assert.equal(crashStatus.lastState?.terminated?.reason, 'Error');
      assert.equal(crashStatus.lastState?.terminated?.exitCode, 1);
      assert.equal(crashStatus.restartCount, 14);
      assert.ok(crashing.metadata?.creationTimestamp instanceof Date);
      assert.equal(crashing.metadata?.ownerReferences?.[0]?.kind, 'ReplicaSet');
      const oom = shop.items.find((pod) => pod.metadata?.name === 'checkout-5f6b-xyz12')!.status!.containerStatuses![0]!;
      assert.equal(oom.lastState?.terminated?.reason, 'OOMKilled');
      assert.equal(oom.lastState?.terminated?.exitCode, 137);
      const pending = shop.items.find((pod) => pod.metadata?.name === 'worker-0')!.status!;
      assert.deepEqual(
        pending.conditions?.map((c) => [c.type, c.status, c.reason]),
        [['PodScheduled', 'False', 'Unschedulable']],
      );

      const all = await core.listPodForAllNamespaces();
      assert.deepEqual([...new Set(all.items.map((pod) => pod.metadata?.namespace))].sort(), ['kube-system', 'payments', 'shop']);
      assert.equal(hits(fixture, 'GET', '/api/v1/namespaces/shop/pods').length, 1);
      assert.equal(hits(fixture, 'GET', '/api/v1/pods').length, 1);
      // Unlike kubectl, client-node sends the bearer token to an http:// server too.
      assert.equal(hits(fixture, 'GET', '/api/v1/pods')[0]!.authorization, 'Bearer fixture-token-demo');
    });

    it('filters Warning events with a field selector', async () => {
      const events = await core.listEventForAllNamespaces({ fieldSelector: 'type=Warning' });
      assert.ok(events.items.length > 0);
      assert.ok(events.items.every((event) => event.type === 'Warning'));
      const reasons = new Set(events.items.map((event) => event.reason));
      for (const reason of ['BackOff', 'FailedScheduling', 'OOMKilling', 'FailedMount']) assert.ok(reasons.has(reason), reason);
      const backOff = events.items.find((e) => e.reason === 'BackOff' && e.involvedObject.name === 'web-7d9c-fghij')!;
      assert.equal(backOff.involvedObject.kind, 'Pod');
      assert.equal(backOff.count, 63);
      assert.ok(backOff.lastTimestamp instanceof Date);
      // Scheduler events come through events.k8s.io: no lastTimestamp/count, a series instead.
      const scheduling = events.items.find((e) => e.reason === 'FailedScheduling')!;
      assert.equal(scheduling.lastTimestamp ?? null, null);
      assert.equal(scheduling.series?.count, 4);
      const [request] = hits(fixture, 'GET', '/api/v1/events');
      assert.equal(request!.query['fieldSelector'], 'type=Warning');
    });

    it('lists deployments with availability and progress conditions', async () => {
      const apps = config.makeApiClient(k8s.AppsV1Api);
      const deployments = await apps.listDeploymentForAllNamespaces();
      const web = deployments.items.find((d) => d.metadata?.name === 'web')!;
      assert.equal(web.spec?.replicas, 3);
      assert.equal(web.status?.availableReplicas, 1);
      const api = deployments.items.find((d) => d.metadata?.name === 'api')!;
      const progressing = api.status?.conditions?.find((c) => c.type === 'Progressing');
      assert.equal(progressing?.status, 'False');
      assert.equal(progressing?.reason, 'ProgressDeadlineExceeded');
      // Zero counters are omitted like the real API does (omitempty), not sent as 0.
      assert.equal(deployments.items.find((d) => d.metadata?.name === 'checkout')!.status?.availableReplicas, undefined);
      assert.equal(hits(fixture, 'GET', '/apis/apps/v1/deployments').length, 1);
    });

    it('turns a NotFound Status into an ApiException with code 404 and the Status body', async () => {
      await assert.rejects(core.readNamespacedPod({ namespace: 'shop', name: 'nope' }), (error: unknown) => {
        const failure = error as { code?: number; body?: unknown };
        assert.equal(failure.code, 404);
        const status = JSON.parse(String(failure.body)) as Record<string, unknown>;
        assert.deepEqual(status, {
          kind: 'Status',
          apiVersion: 'v1',
          metadata: {},
          status: 'Failure',
          message: 'pods "nope" not found',
          reason: 'NotFound',
          details: { name: 'nope', kind: 'pods' },
          code: 404,
        });
        return true;
      });
    });

    it('Watch streams ADDED, MODIFIED and DELETED, and its done callback runs when the server drops it', async () => {
      const events: string[] = [];
      let done: unknown = 'not called';
      const from = String(fixture.currentResourceVersion());
      await new k8s.Watch(config).watch(
        '/api/v1/namespaces/shop/pods',
        { resourceVersion: from, allowWatchBookmarks: true },
        (type: string, object: KubeClient.V1Pod) => events.push(`${type} ${object.metadata?.name}`),
        (error: unknown) => {
          done = error;
        },
      );
      await waitFor('the watch to open', () => fixture.openWatchCount() === 1);
      fixture.upsert(newPod('probe', { app: 'probe' }));
      fixture.upsert({ ...fixture.get('Pod', 'shop', 'probe')!, status: { phase: 'Running' } });
      fixture.remove('Pod', 'shop', 'probe');
      fixture.sendBookmarks();
      await waitFor('four events', () => events.length === 4);
      assert.deepEqual(events, ['ADDED probe', 'MODIFIED probe', 'DELETED probe', 'BOOKMARK undefined']);

      fixture.dropWatches();
      // A clean end of the stream (what the server does at timeoutSeconds) calls done(null).
      await waitFor('done', () => done !== 'not called');
      assert.equal(done, null);
      const [request] = hits(fixture, 'GET', '/api/v1/namespaces/shop/pods');
      assert.deepEqual(request!.query, { watch: 'true', resourceVersion: from, allowWatchBookmarks: 'true' });
      assert.equal(request!.watch, true);
    });

    it('Watch reports an abrupt connection loss as an error (Premature close), not as a clean end', async () => {
      let done: unknown = 'not called';
      await new k8s.Watch(config).watch('/api/v1/namespaces/shop/pods', {}, () => undefined, (error: unknown) => {
        done = error;
      });
      await waitFor('the watch to open', () => fixture.openWatchCount() === 1);
      fixture.dropWatches({ abrupt: true });
      await waitFor('done', () => done !== 'not called');
      assert.equal((done as { code?: string }).code, 'ERR_STREAM_PREMATURE_CLOSE');
    });

    it('a watch from an expired resourceVersion gets 410 Gone, as an ERROR event or as the response', async () => {
      const old = String(fixture.currentResourceVersion() - 5);
      fixture.upsert(newPod('compaction-marker', {}));
      fixture.remove('Pod', 'shop', 'compaction-marker');
      fixture.expireResourceVersionsBefore(fixture.currentResourceVersion());
      try {
        // The real watch cache answers 200 and sends one ERROR event with a 410 Status.
        const events: { type: string; object: { code?: number; reason?: string } }[] = [];
        let done: unknown = 'not called';
        await new k8s.Watch(config).watch(
          '/api/v1/namespaces/shop/pods',
          { resourceVersion: old },
          (type: string, object: { code?: number; reason?: string }) => events.push({ type, object }),
          (error: unknown) => {
            done = error;
          },
        );
        await waitFor('done', () => done !== 'not called');
        assert.equal(done, null);
        assert.equal(events.length, 1);
        assert.equal(events[0]!.type, 'ERROR');
        assert.equal(events[0]!.object.code, 410);
        assert.equal(events[0]!.object.reason, 'Expired');

        // Some servers (and proxies) refuse the request itself: Watch throws statusCode 410.
        fixture.expireResourceVersionsBefore(fixture.currentResourceVersion(), { as: 'status' });
        let refused: unknown = 'not called';
        await new k8s.Watch(config).watch('/api/v1/namespaces/shop/pods', { resourceVersion: old }, () => undefined, (error: unknown) => {
          refused = error;
        });
        await waitFor('done', () => refused !== 'not called');
        assert.equal((refused as { statusCode?: number }).statusCode, 410);
      } finally {
        fixture.expireResourceVersionsBefore(0);
      }
    });

    it('informer: resumes after a clean drop, re-lists after 410, stops on a connection error', async () => {
      const names = new Set<string>();
      const errors: unknown[] = [];
      let connects = 0;
      const informer = k8s.makeInformer(config, '/api/v1/namespaces/shop/pods', () => core.listNamespacedPod({ namespace: 'shop' }));
      informer.on('add', (pod) => names.add(pod.metadata!.name!));
      informer.on('delete', (pod) => names.delete(pod.metadata!.name!));
      informer.on('error', (error) => errors.push(error));
      informer.on('connect', () => connects++);
      const lists = (): RecordedRequest[] => hits(fixture, 'GET', '/api/v1/namespaces/shop/pods').filter((r) => !r.watch);
      const watches = (): RecordedRequest[] => hits(fixture, 'GET', '/api/v1/namespaces/shop/pods').filter((r) => r.watch);
      try {
        await informer.start();
        await waitFor('the first watch', () => fixture.openWatchCount() === 1);
        assert.equal(lists().length, 1);
        assert.ok(names.has('web-7d9c-fghij'));

        // Observed: on a clean end of the stream (server timeout, dropWatches()) the informer
        // re-watches at once from the last resourceVersion it saw, with no re-list, no error
        // and no backoff (a server that keeps closing watches gets a tight reconnect loop).
        fixture.upsert(newPod('added-before-drop', {}));
        await waitFor('the add', () => names.has('added-before-drop'));
        fixture.dropWatches();
        await waitFor('the re-watch', () => watches().length === 2 && fixture.openWatchCount() === 1);
        assert.equal(lists().length, 1);
        assert.equal(watches()[1]!.query['resourceVersion'], fixture.get('Pod', 'shop', 'added-before-drop')!.metadata.resourceVersion);
        assert.deepEqual(errors, []);

        // Observed: when the resourceVersion it resumes from has expired, the 410 ERROR event
        // makes it forget that version, so it re-lists and watches from the new list. Here
        // the pods did not change but other objects did, so the pod watch's version is stale.
        fixture.upsert({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'unrelated', namespace: 'shop' }, data: {} });
        fixture.expireResourceVersionsBefore(fixture.currentResourceVersion());
        fixture.dropWatches();
        await waitFor('the re-list', () => lists().length === 2 && fixture.openWatchCount() === 1);
        assert.equal(watches().at(-1)!.query['resourceVersion'], String(fixture.currentResourceVersion()));
        assert.deepEqual(errors, []);
        fixture.expireResourceVersionsBefore(0);

        // Observed: an abrupt connection loss reaches the informer as an error
        // ("Premature close") and it stops for good: no new watch is opened. start() again
        // resumes from the last resourceVersion (a watch, no re-list) and replays what was missed.
        fixture.dropWatches({ abrupt: true });
        await waitFor('the error', () => errors.length === 1);
        assert.match(String((errors[0] as Error).message), /Premature close/);
        fixture.upsert(newPod('added-while-stopped', {}));
        await sleep(100);
        assert.equal(fixture.openWatchCount(), 0);
        assert.ok(!names.has('added-while-stopped'));
        const connectsBeforeRestart = connects;
        await informer.start();
        await waitFor('the replayed add', () => names.has('added-while-stopped'));
        assert.equal(lists().length, 2);
        assert.equal(connects, connectsBeforeRestart + 1);
      } finally {
        await informer.stop();
        for (const name of ['added-before-drop', 'added-while-stopped']) fixture.remove('Pod', 'shop', name);
        fixture.remove('ConfigMap', 'shop', 'unrelated');
      }
    });
  });

  describe('over raw HTTP', () => {
    async function getJson(path: string, init: RequestInit = {}): Promise<{ status: number; body: Record<string, unknown> }> {
      const response = await fetch(`${fixture.url}${path}`, init);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    }

    it('serves list items without kind/apiVersion and single objects with them', async () => {
      const list = await getJson('/api/v1/namespaces/payments/pods');
      assert.equal(list.body['kind'], 'PodList');
      assert.equal(list.body['apiVersion'], 'v1');
      const items = list.body['items'] as Record<string, unknown>[];
      assert.ok(items.every((item) => !('kind' in item) && !('apiVersion' in item)));
      const single = await getJson('/api/v1/namespaces/payments/pods/db-proxy-0');
      assert.equal(single.body['kind'], 'Pod');
      assert.equal(single.body['apiVersion'], 'v1');
    });

    it('supports set-based label selectors, field selectors and paging', async () => {
      const names = async (query: string): Promise<string[]> =>
        ((await getJson(`/api/v1/pods?${query}`)).body['items'] as KubeObject[]).map((p) => p.metadata.name);
      assert.deepEqual(await names(`labelSelector=${encodeURIComponent('app in (api,db-proxy)')}`), ['api-6c8f-t4n9r', 'db-proxy-0']);
      assert.deepEqual(await names(`labelSelector=${encodeURIComponent('app,app!=web,!pod-template-hash')}`), ['db-proxy-0', 'worker-0']);
      assert.deepEqual(await names(`fieldSelector=${encodeURIComponent('status.phase=Pending,spec.nodeName=')}`), ['worker-0']);
      assert.deepEqual(await names(`fieldSelector=${encodeURIComponent('metadata.namespace!=shop')}`), ['coredns-6f6b679f8f-4xk2m', 'api-6c8f-t4n9r', 'db-proxy-0']);

      const page1 = await getJson('/api/v1/pods?limit=4');
      const meta1 = page1.body['metadata'] as { continue: string; remainingItemCount: number; resourceVersion: string };
      assert.equal((page1.body['items'] as unknown[]).length, 4);
      assert.equal(meta1.remainingItemCount, 5);
      const page2 = await getJson(`/api/v1/pods?limit=4&continue=${encodeURIComponent(meta1.continue)}`);
      const page3 = await getJson(`/api/v1/pods?limit=4&continue=${encodeURIComponent((page2.body['metadata'] as { continue: string }).continue)}`);
      assert.equal((page3.body['items'] as unknown[]).length, 1);
      assert.equal((page3.body['metadata'] as { continue?: string }).continue, undefined);

      const unsupported = await getJson(`/api/v1/pods?fieldSelector=${encodeURIComponent('spec.foo=bar')}`);
      assert.equal(unsupported.status, 400);
      assert.equal(unsupported.body['message'], 'field label not supported: spec.foo');
    });

    it('answers unknown resources with 404 and unsupported methods with 405', async () => {
      const unknown = await getJson('/api/v1/namespaces/shop/widgets');
      assert.equal(unknown.status, 404);
      assert.equal(unknown.body['message'], 'the server could not find the requested resource');
      const method = await getJson('/api/v1/namespaces', { method: 'DELETE' });
      assert.equal(method.status, 405);
      assert.equal(method.body['reason'], 'MethodNotAllowed');
    });

    it('injects 429 with Retry-After and 500 with the real reasons', async () => {
      fixture.failNext(429);
      const throttled = await fetch(`${fixture.url}/api/v1/pods`);
      assert.equal(throttled.status, 429);
      assert.equal(throttled.headers.get('retry-after'), '1');
      assert.equal(((await throttled.json()) as { reason: string }).reason, 'TooManyRequests');
      fixture.failNext(500, 1, { path: '/api/v1/nodes' });
      const broken = await getJson('/api/v1/nodes');
      assert.equal(broken.status, 500);
      assert.equal(broken.body['reason'], 'InternalError');
      assert.equal((await getJson('/api/v1/nodes')).status, 200);
    });
  });
});
