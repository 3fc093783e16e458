// Live objects for placeholders and the one-context client configuration, with the real
// @kubernetes/client-node against the Kubernetes API fixture. kubeClient.ts has no 'vscode'
// import; the library is passed in, as the product passes its own lazily loaded bundle.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ActiveContextError, resolveActiveContext, type ActiveContext } from '../../../src/core/kube/activeContextResolver';
import { mergeKubeconfigs } from '../../../src/core/kube/kubeconfigMerger';
import type { MergedKubeconfig } from '../../../src/core/kube/kubeconfigModel';
import { parseKubeconfig } from '../../../src/core/kube/kubeconfigParser';
import { describeClusterError, kubeConfigFor, listLiveObjects, type KubeClient } from '../../../src/platform/kube/kubeClient';
import { demoObjects, KubeApiFixture, writeKubeconfig } from '../../fixtures/kube/kubeApiServer';
import { loadClientNode } from '../../support/clientNode';

describe('live objects from the cluster (client-node against the fixture)', function () {
  this.timeout(20_000);
  let k8s: KubeClient;
  let cluster: KubeApiFixture;
  let decoy: KubeApiFixture;
  let folder: string;
  let merged: MergedKubeconfig;
  let active: ActiveContext;

  before(async () => {
    k8s = await loadClientNode();
    [cluster, decoy] = await Promise.all([KubeApiFixture.start({ objects: demoObjects() }), KubeApiFixture.start({ objects: [] })]);
    folder = mkdtempSync(join(tmpdir(), 'oncall-kubeclient-'));
    const first = join(folder, 'first.yaml');
    const second = join(folder, 'second.yaml');
    writeKubeconfig(first, [{ name: 'staging', server: cluster.url, namespace: 'shop', cluster: 'shared', user: 'me' }], 'staging');
    // A later file defining the same cluster and user names: kubectl ignores it, and client-node's
    // own multi-file loading would throw on the duplicates.
    writeKubeconfig(second, [{ name: 'other', server: decoy.url, cluster: 'shared', user: 'me' }], 'other');
    merged = mergeKubeconfigs([first, second].map((path) => ({ path, config: parseKubeconfig(readFileSync(path, 'utf8'), path) })));
    const resolved = resolveActiveContext(merged);
    assert.ok(!ActiveContextError.is(resolved), String(resolved));
    active = resolved;
  });

  after(async () => {
    await Promise.all([cluster?.stop(), decoy?.stop()]);
    rmSync(folder, { recursive: true, force: true });
  });

  it('talks to the cluster of the first file that defines it, in the context namespace', async () => {
    const pods = await listLiveObjects(await kubeConfigFor(active, merged, k8s), 'pod', active.namespace, k8s);
    assert.ok(pods.length > 0);
    assert.ok(cluster.requests().some((r) => r.path === '/api/v1/namespaces/shop/pods'));
    assert.equal(decoy.requests().length, 0, 'the later duplicate definition must not be used');
  });

  it('ranks failing pods first and says why they fail', async () => {
    const pods = await listLiveObjects(await kubeConfigFor(active, merged, k8s), 'pod', 'shop', k8s);
    const firstHealthy = pods.findIndex((p) => !p.failing);
    assert.ok(firstHealthy > 0 && pods.slice(firstHealthy).every((p) => !p.failing), JSON.stringify(pods.map((p) => [p.name, p.failing])));
    const crashing = pods.find((p) => p.name === 'web-7d9c-fghij');
    assert.match(crashing?.description ?? '', /CrashLoopBackOff · last: Error · 14 restarts/);
    assert.match(pods.find((p) => p.name === 'worker-0')?.description ?? '', /Unschedulable/);
    assert.match(pods.find((p) => p.name === 'web-7d9c-klmno')?.description ?? '', /Running, not ready/);
  });

  it('lists deployments, nodes and namespaces the same way', async () => {
    const config = await kubeConfigFor(active, merged, k8s);
    const deployments = await listLiveObjects(config, 'deployment', 'shop', k8s);
    assert.deepEqual(deployments.find((d) => d.name === 'web'), { name: 'web', namespace: 'shop', labels: deployments.find((d) => d.name === 'web')?.labels, failing: true, description: '1/3 available' });
    const nodes = await listLiveObjects(config, 'node', 'shop', k8s);
    assert.equal(nodes[0].name, 'node-b');
    assert.match(nodes[0].description, /^NotReady/);
    const namespaces = (await listLiveObjects(config, 'namespace', 'shop', k8s)).map((n) => n.name);
    for (const name of ['default', 'shop', 'payments', 'kube-system']) assert.ok(namespaces.includes(name), namespaces.join(', '));
  });

  it('turns a 403 into one sentence naming the user, the action and the namespace', async () => {
    cluster.failNext(403, 1, { path: '/api/v1/namespaces/shop/pods' });
    const error = await listLiveObjects(await kubeConfigFor(active, merged, k8s), 'pod', 'shop', k8s).then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error, 'the listing should fail');
    assert.equal(describeClusterError(error, active, 'list pods'), 'User "me" may not list pods in namespace "shop" in context "staging" (403 Forbidden).');
  });
});
