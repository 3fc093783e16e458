import assert from 'node:assert/strict';
import { describeLeftOut, describeWatchedKinds, WATCHED_KINDS, watchedKind, watchPath, type WatchedKind } from '../../../src/core/incidents/kubeKinds';
import { demoObjects } from '../../fixtures/kube/demoCluster';

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

describe('the classifiers of the table', () => {
  it('find incidents of every kind in the demo cluster, each object served under its kind\'s apiVersion', () => {
    const found = new Map<string, number>();
    for (const object of demoObjects()) {
      const kind = entryFor(object);
      if (kind === undefined) continue;
      if (kind.classify(object, 'kind-dev') !== undefined) found.set(kind.resource, (found.get(kind.resource) ?? 0) + 1);
    }
    assert.deepEqual([...found.keys()].sort(), WATCHED_KINDS.map((kind) => kind.resource).sort());
  });
});
