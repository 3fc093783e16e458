import assert from 'node:assert/strict';
import { describeLeftOut, describeWatchedKinds, releaseAfterClassifying, trimForWatch, WATCHED_KINDS, watchedKind, watchPath, type WatchedKind } from '../../../src/core/incidents/kubeKinds';
import { classifyPod } from '../../../src/core/incidents/kubeSignals';
import { demoObjects } from '../../fixtures/kube/demoCluster';
import { crashLoopingStatus, makePod } from '../../fixtures/kube/podObjects';

/** The table's entry for an API object ("Pod" → pods), checked against the object's apiVersion. */
function entryFor(object: { kind?: unknown; apiVersion?: unknown }): WatchedKind | undefined {
  const kind = WATCHED_KINDS.find((entry) => entry.resource === `${String(object.kind).toLowerCase()}s`);
  if (kind !== undefined) assert.equal(kind.apiPath, `/api${String(object.apiVersion).includes('/') ? 's' : ''}/${String(object.apiVersion)}`, `${kind.resource} is served under its apiVersion`);
  return kind;
}

/** Everything the entry's reader reads: its classifier, and its age for kinds that age out. */
function readAll(kind: WatchedKind, object: unknown): unknown {
  return [kind.classify(object, 'kubernetes'), kind.lastSeen?.(object, 0)];
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

describe('trimForWatch', () => {
  it('keeps everything the classifiers read: each object of the demo cluster gives the same incident', () => {
    const objects = [
      ...demoObjects(),
      makePod('oom', { containerStatuses: [{ name: 'app', restartCount: 2, state: { running: {} }, lastState: { terminated: { reason: 'OOMKilled', finishedAt: '2026-11-24T09:00:00Z' } } }] }),
      makePod('stuck', { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes', lastTransitionTime: '2026-11-24T09:00:00Z' }] }),
    ];
    const found = new Map<string, number>();
    for (const object of objects) {
      const kind = entryFor(object);
      if (kind === undefined) continue;
      const incident = kind.classify(object, 'kind-dev');
      assert.deepEqual(kind.classify(trimForWatch(kind, object), 'kind-dev'), incident, `${String(object.kind)} ${JSON.stringify(object.metadata)}`);
      if (incident !== undefined) found.set(kind.resource, (found.get(kind.resource) ?? 0) + 1);
    }
    // Not vacuous: every kind of the table has objects that are incidents.
    assert.deepEqual([...found.keys()].sort(), WATCHED_KINDS.map((kind) => kind.resource).sort());
  });

  it('keeps every field the classifiers and the event expiry read, present in the fixtures or not', () => {
    // A field read only when present (say a new condition field) would pass the test above
    // while the fixtures lack it; the reads are recorded instead, whatever the object holds.
    const SENTINEL = 'kept';
    const objects = [...demoObjects(), { apiVersion: 'v1', kind: 'Event', type: 'Warning', metadata: { name: 'e', namespace: 'shop' }, series: { count: 3, lastObservedTime: '2026-11-24T09:00:00Z' } }];
    const checked = new Set<string>();
    for (const object of objects) {
      const kind = entryFor(object);
      if (kind === undefined) continue;
      const reads = new Set<string>();
      readAll(kind, recordingReads(object, [], reads));
      for (const path of reads) {
        const segments = path.split('.');
        const trimmed = trimForWatch(kind, probeAt(segments, SENTINEL));
        assert.equal(valueAt(trimmed, segments), SENTINEL, `${kind.resource}: the trim drops ${path}, which is read`);
        checked.add(`${kind.resource}:${path}`);
      }
    }
    // Not vacuous: deep reads of each kind were checked.
    for (const path of ['pods:status.containerStatuses.[].state.waiting.reason', 'nodes:status.conditions.[].status', 'events:series.lastObservedTime', 'deployments:spec.replicas', 'jobs:status.conditions.[].type']) {
      assert.ok(checked.has(path), `${path} was read: ${[...checked].join(', ')}`);
    }
  });

  it('drops container specs, managed fields and the rest of a pod, keeping what a watch cache needs', () => {
    const pod = makePod('web', { containerStatuses: [crashLoopingStatus()] }) as Record<string, Record<string, unknown>>;
    pod.metadata.resourceVersion = '42';
    pod.metadata.labels = { app: 'web', 'pod-template-hash': '7d9c' };
    pod.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d9c', uid: 'uid-rs', controller: true, blockOwnerDeletion: true }];
    pod.metadata.managedFields = [{ manager: 'kubelet', fieldsV1: { 'f:status': { 'f:conditions': {} } } }];
    pod.spec.containers = [{ name: 'app', image: 'shop/web:1', env: Array.from({ length: 50 }, (_, i) => ({ name: `VAR_${i}`, value: 'x'.repeat(100) })) }];
    assert.deepEqual(trimForWatch(watchedKind('pods'), pod), {
      metadata: {
        name: 'web',
        namespace: 'shop',
        uid: 'uid-web',
        resourceVersion: '42',
        creationTimestamp: '2026-11-24T08:00:00Z',
        // Who owns the pod, so its signals fold into one problem on the Deployment.
        labels: { 'pod-template-hash': '7d9c' },
        ownerReferences: [{ kind: 'ReplicaSet', name: 'web-7d9c', controller: true }],
      },
      spec: { nodeName: 'node-1' },
      status: {
        phase: 'Running',
        startTime: '2026-11-24T08:00:01Z',
        conditions: [
          { type: 'Ready', status: 'True', lastTransitionTime: '2026-11-24T08:00:05Z' },
          { type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-11-24T08:00:00Z' },
        ],
        containerStatuses: [
          {
            name: 'app',
            restartCount: 7,
            state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 5m0s restarting failed container' } },
            lastState: { terminated: { reason: 'Error', finishedAt: '2026-11-24T09:59:00Z' } },
          },
        ],
      },
    });
  });

  it('passes garbage through for the classifiers to ignore', () => {
    for (const garbage of [null, 1, 'pod', []]) assert.equal(trimForWatch(watchedKind('pods'), garbage), garbage);
    assert.deepEqual(trimForWatch(watchedKind('pods'), { status: 'x', spec: 3 }), { status: 'x', spec: 3 });
  });

  it('leaves a classified object only what the watch cache keys it by', () => {
    const pod = trimForWatch(watchedKind('pods'), { ...makePod('web', { containerStatuses: [crashLoopingStatus()] }), metadata: { name: 'web', namespace: 'shop', uid: 'u1', resourceVersion: '42', creationTimestamp: '2026-11-24T08:00:00Z' } });
    const incident = classifyPod(pod);
    releaseAfterClassifying(pod);
    assert.deepEqual(JSON.parse(JSON.stringify(pod)), { metadata: { name: 'web', namespace: 'shop', resourceVersion: '42' } });
    // What was classified before stays whole.
    assert.equal(incident?.title, 'shop/web app: CrashLoopBackOff, 7 restarts');
    for (const garbage of [undefined, null, 'pod', { metadata: 'x' }]) releaseAfterClassifying(garbage);
  });
});

/** `value`, recording into `reads` the dotted path of every field read from it (`[]` for any list item). */
function recordingReads(value: unknown, path: readonly string[], reads: Set<string>): unknown {
  if (value === null || typeof value !== 'object') return value;
  return new Proxy(value, {
    get(target, key, receiver) {
      const result: unknown = Reflect.get(target, key, receiver);
      if (typeof key === 'symbol' || typeof result === 'function') return result;
      if (Array.isArray(target)) return /^\d+$/.test(key) ? recordingReads(result, [...path, '[]'], reads) : result;
      reads.add([...path, key].join('.'));
      return recordingReads(result, [...path, key], reads);
    },
  });
}

/** An object holding `value` at `path` and nothing else. */
function probeAt(path: readonly string[], value: unknown): unknown {
  if (path.length === 0) return value;
  const inner = probeAt(path.slice(1), value);
  return path[0] === '[]' ? [inner] : { [path[0]]: inner };
}

function valueAt(object: unknown, path: readonly string[]): unknown {
  let current = object;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = segment === '[]' ? (current as unknown[])[0] : (current as Record<string, unknown>)[segment];
  }
  return current;
}
