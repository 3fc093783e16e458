import assert from 'node:assert/strict';
import { describeLeftOut, describeWatchedKinds, releaseAfterClassifying, WATCHED_KINDS, watchedKind, watchPath, type WatchedKind } from '../../../src/core/incidents/kubeKinds';
import { classifyPod } from '../../../src/core/incidents/kubeSignals';
import { demoObjects } from '../../fixtures/kube/demoCluster';
import { crashLoopingStatus, makePod } from '../../fixtures/kube/podObjects';

/** The table's entry for an API object ("Pod" → pods), checked against the object's apiVersion. */
function entryFor(object: { kind?: unknown; apiVersion?: unknown }): WatchedKind | undefined {
  const kind = WATCHED_KINDS.find((entry) => entry.resource === `${String(object.kind).toLowerCase()}s`);
  if (kind !== undefined) assert.equal(kind.apiPath, `/api${String(object.apiVersion).includes('/') ? 's' : ''}/${String(object.apiVersion)}`, `${kind.resource} is served under its apiVersion`);
  return kind;
}

describe('the table of watched kinds', () => {
  it('names each list and watch path by group, version and scope', () => {
    assert.deepEqual(
      WATCHED_KINDS.map((kind) => watchPath(kind, undefined)),
      ['/api/v1/pods', '/apis/apps/v1/deployments', '/apis/batch/v1/jobs', '/api/v1/events', '/api/v1/nodes'],
    );
    assert.equal(watchPath(watchedKind('deployments'), 'shop'), '/apis/apps/v1/namespaces/shop/deployments');
    assert.equal(watchPath(watchedKind('events'), 'a b/c'), '/api/v1/namespaces/a%20b%2Fc/events');
    assert.equal(watchPath(watchedKind('nodes'), 'shop'), '/api/v1/nodes', 'a cluster-scoped kind has no namespace');
  });

  it('says what one connect watches, namespaced kinds first', () => {
    assert.equal(describeWatchedKinds(WATCHED_KINDS, 'all namespaces'), 'pods, deployments, jobs and Warning events in all namespaces, and nodes');
    assert.equal(describeWatchedKinds([watchedKind('pods')], 'namespace "shop"'), 'pods in namespace "shop"');
    assert.equal(describeWatchedKinds([watchedKind('nodes')], 'all namespaces'), 'nodes');
  });

  it('notes what is watched only in the fallback namespace, and what is left out', () => {
    assert.equal(describeLeftOut('prod', 'shop', [], []), undefined);
    assert.equal(
      describeLeftOut('prod', 'shop', [watchedKind('pods'), watchedKind('jobs'), watchedKind('events')], [watchedKind('nodes')]),
      'Only namespace "shop" is watched: listing pods, jobs and events in all namespaces is forbidden in context "prod". Nodes are not watched: listing nodes is forbidden in context "prod".',
    );
  });
});

describe('releaseAfterClassifying', () => {
  it('keeps the incident of every kind of the demo cluster whole once its object is emptied', () => {
    const found = new Map<string, number>();
    for (const object of structuredClone(demoObjects())) {
      const kind = entryFor(object);
      if (kind === undefined) continue;
      const incident = kind.classify(object, 'kind-dev');
      const copy = structuredClone(incident);
      releaseAfterClassifying(object);
      assert.deepEqual(incident, copy, `${String(object.kind)} ${JSON.stringify(object.metadata)}`);
      if (incident !== undefined) found.set(kind.resource, (found.get(kind.resource) ?? 0) + 1);
    }
    // Not vacuous: every kind of the table has objects that are incidents.
    assert.deepEqual([...found.keys()].sort(), WATCHED_KINDS.map((kind) => kind.resource).sort());
  });

  it('leaves a classified object only what the watch cache keys it by: no container specs, managed fields or status', () => {
    const pod = makePod('web', { containerStatuses: [crashLoopingStatus()] }) as Record<string, Record<string, unknown>>;
    pod.metadata.resourceVersion = '42';
    pod.metadata.labels = { app: 'web', 'pod-template-hash': '7d9c' };
    pod.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9c', uid: 'uid-rs', controller: true, blockOwnerDeletion: true }];
    pod.metadata.managedFields = [{ manager: 'kubelet', fieldsV1: { 'f:status': { 'f:conditions': {} } } }];
    pod.spec.containers = [{ name: 'app', image: 'shop/web:1', env: Array.from({ length: 50 }, (_, i) => ({ name: `VAR_${i}`, value: 'x'.repeat(100) })) }];
    const incident = classifyPod(pod);
    releaseAfterClassifying(pod);
    assert.deepEqual(JSON.parse(JSON.stringify(pod)), { metadata: { name: 'web', namespace: 'shop', resourceVersion: '42' } });
    // What was classified before stays whole.
    assert.equal(incident?.title, 'shop/web app: CrashLoopBackOff, 7 restarts');
    assert.deepEqual({ owner_kind: incident?.labels.owner_kind, owner_name: incident?.labels.owner_name }, { owner_kind: 'Deployment', owner_name: 'web' });
    for (const garbage of [undefined, null, 'pod', { metadata: 'x' }]) releaseAfterClassifying(garbage);
  });
});
