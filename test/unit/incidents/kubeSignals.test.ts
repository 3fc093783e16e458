import assert from 'node:assert/strict';
import { classifyDeployment, classifyEvent, classifyJob, classifyNode, classifyPod, classifyPodList } from '../../../src/core/incidents/kubeSignals';
import { crashLoopingStatus, makePod } from '../../fixtures/kube/podObjects';

describe('classifyPod', () => {
  it('ignores a healthy pod and garbage', () => {
    assert.equal(classifyPod(makePod('ok')), undefined);
    for (const garbage of [null, 1, 'pod', [], {}, { status: 'x' }, { status: { containerStatuses: 'x' } }]) assert.equal(classifyPod(garbage), undefined);
  });

  it('reports CrashLoopBackOff with restarts and the OOM cause', () => {
    const incident = classifyPod(makePod('cart', { containerStatuses: [crashLoopingStatus('app', 'OOMKilled')] }), 'kind-dev');
    assert.ok(incident);
    assert.equal(incident.id, 'incident/kubernetes/kind-dev/uid-cart/CrashLoopBackOff');
    assert.equal(incident.title, 'shop/cart app: CrashLoopBackOff (last exit: OOMKilled), 7 restarts');
    assert.equal(incident.severity, 'P2');
    assert.equal(incident.group, 'shop');
    assert.equal(incident.alertName, 'KubePodCrashLooping');
    assert.deepEqual(incident.labels, { namespace: 'shop', pod: 'cart', reason: 'CrashLoopBackOff', container: 'app', node: 'node-1' });
    assert.equal(incident.annotations.message, 'back-off 5m0s restarting failed container');
    assert.equal(incident.status, 'firing');
  });

  for (const reason of ['ImagePullBackOff', 'ErrImagePull', 'CreateContainerConfigError']) {
    it(`reports ${reason}`, () => {
      const incident = classifyPod(makePod('p', { containerStatuses: [{ name: 'app', restartCount: 0, state: { waiting: { reason } } }] }));
      assert.equal(incident?.labels.reason, reason);
      assert.equal(incident?.alertName, 'KubeContainerWaiting');
    });
  }

  it('ignores the normal ContainerCreating wait', () => {
    assert.equal(classifyPod(makePod('p', { containerStatuses: [{ name: 'app', restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] })), undefined);
  });

  it('prefers the worst waiting reason across init and app containers', () => {
    const pod = makePod('p', { containerStatuses: [crashLoopingStatus('app')] });
    (pod.status as Record<string, unknown>).initContainerStatuses = [{ name: 'init', restartCount: 0, state: { waiting: { reason: 'CreateContainerConfigError' } } }];
    assert.equal(classifyPod(pod)?.labels.reason, 'CreateContainerConfigError');
  });

  it('reports a past OOM kill of a container that runs again, at P3', () => {
    const incident = classifyPod(
      makePod('p', {
        containerStatuses: [{ name: 'app', restartCount: 2, state: { running: {} }, lastState: { terminated: { reason: 'OOMKilled', exitCode: 137, finishedAt: '2026-11-24T09:00:00Z' } } }],
      }),
    );
    assert.equal(incident?.title, 'shop/p app: OOMKilled, 2 restarts');
    assert.equal(incident?.severity, 'P3');
    assert.equal(incident?.startedAt, '2026-11-24T09:00:00Z');
  });

  it('reports an unschedulable pending pod', () => {
    const incident = classifyPod(
      makePod('p', {
        phase: 'Pending',
        containerStatuses: [],
        conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes are available: 3 Insufficient cpu.', lastTransitionTime: '2026-11-24T09:30:00Z' }],
      }),
    );
    assert.equal(incident?.labels.reason, 'Unschedulable');
    assert.equal(incident?.alertName, 'KubePodNotReady');
    assert.equal(incident?.startedAt, '2026-11-24T09:30:00Z');
    assert.equal(incident?.annotations.message, '0/3 nodes are available: 3 Insufficient cpu.');
  });

  it('classifies a pod list and a bare array', () => {
    const items = [makePod('a'), makePod('b', { containerStatuses: [crashLoopingStatus()] }), null];
    assert.equal(classifyPodList({ kind: 'PodList', items }).length, 1);
    assert.equal(classifyPodList(items).length, 1);
    assert.deepEqual(classifyPodList('x'), []);
  });
});

describe('classifyDeployment', () => {
  const deployment = (replicas: number | undefined, available: number | undefined, conditions: unknown[] = []) => ({
    metadata: { name: 'web', namespace: 'shop', uid: 'd1' },
    spec: replicas === undefined ? {} : { replicas },
    status: { availableReplicas: available, conditions },
  });

  it('is quiet when every replica is available or it is scaled to zero', () => {
    assert.equal(classifyDeployment(deployment(3, 3)), undefined);
    assert.equal(classifyDeployment(deployment(0, undefined)), undefined);
    assert.equal(classifyDeployment(null), undefined);
  });

  it('reports missing replicas: P1 when none is available, P2 otherwise', () => {
    assert.equal(classifyDeployment(deployment(3, 1))?.severity, 'P2');
    assert.equal(classifyDeployment(deployment(3, 1))?.title, 'shop/web: 1/3 replicas available');
    assert.equal(classifyDeployment(deployment(3, undefined))?.severity, 'P1');
    // spec.replicas defaults to 1.
    assert.equal(classifyDeployment(deployment(undefined, undefined))?.severity, 'P1');
    assert.equal(classifyDeployment(deployment(3, 2, [{ type: 'Available', status: 'False', reason: 'MinimumReplicasUnavailable' }]))?.severity, 'P1');
  });

  it('reports a rollout past its progress deadline', () => {
    const incident = classifyDeployment(deployment(3, 3, [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "web-1" has timed out progressing.' }]));
    assert.equal(incident?.labels.reason, 'ProgressDeadlineExceeded');
    assert.equal(incident?.alertName, 'KubeDeploymentRolloutStuck');
    assert.equal(incident?.severity, 'P2');
  });
});

describe('classifyNode', () => {
  const node = (conditions: unknown[]) => ({ metadata: { name: 'n1', uid: 'n1' }, status: { conditions } });

  it('reports NotReady and unreachable nodes at P1', () => {
    const notReady = classifyNode(node([{ type: 'Ready', status: 'False', reason: 'KubeletNotReady', lastTransitionTime: '2026-11-24T09:00:00Z' }]));
    assert.equal(notReady?.severity, 'P1');
    assert.equal(notReady?.alertName, 'KubeNodeNotReady');
    assert.equal(notReady?.group, 'nodes');
    const unknown = classifyNode(node([{ type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown' }]));
    assert.equal(unknown?.alertName, 'KubeNodeUnreachable');
  });

  it('reports pressure at P2 and ignores a healthy node', () => {
    const ready = { type: 'Ready', status: 'True' };
    assert.equal(classifyNode(node([ready, { type: 'MemoryPressure', status: 'False' }])), undefined);
    const pressure = classifyNode(node([ready, { type: 'MemoryPressure', status: 'False' }, { type: 'DiskPressure', status: 'True' }]));
    assert.equal(pressure?.labels.reason, 'DiskPressure');
    assert.equal(pressure?.severity, 'P2');
    assert.equal(classifyNode({ metadata: {} }), undefined);
  });
});

describe('classifyJob', () => {
  it('reports a failed job', () => {
    const job = { metadata: { name: 'backup', namespace: 'ops', uid: 'j1' }, status: { conditions: [{ type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded' }] } };
    assert.equal(classifyJob(job)?.title, 'ops/backup: job failed (BackoffLimitExceeded)');
    assert.equal(classifyJob({ metadata: {}, status: { conditions: [{ type: 'Complete', status: 'True' }] } }), undefined);
  });
});

describe('classifyEvent', () => {
  it('reports a core v1 Warning event at P3 and ignores Normal ones', () => {
    const event = {
      metadata: { name: 'cart.1', namespace: 'shop', uid: 'e1' },
      involvedObject: { kind: 'Pod', name: 'cart', namespace: 'shop' },
      reason: 'BackOff',
      message: 'Back-off restarting failed container',
      type: 'Warning',
      count: 12,
      firstTimestamp: '2026-11-24T09:00:00Z',
      lastTimestamp: '2026-11-24T09:50:00Z',
    };
    const incident = classifyEvent(event);
    assert.equal(incident?.title, 'Pod shop/cart: BackOff - Back-off restarting failed container');
    assert.equal(incident?.severity, 'P3');
    assert.deepEqual(incident?.labels, { reason: 'BackOff', namespace: 'shop', kind: 'Pod', pod: 'cart' });
    assert.equal(incident?.annotations.count, '12');
    assert.equal(incident?.startedAt, '2026-11-24T09:00:00Z');
    assert.equal(classifyEvent({ ...event, type: 'Normal' }), undefined);
  });

  it('reads a FailedScheduling event that has eventTime and series but no timestamps', () => {
    const incident = classifyEvent({
      metadata: { name: 'x', namespace: 'shop', uid: 'e2', creationTimestamp: '2026-11-24T08:00:00Z' },
      involvedObject: { kind: 'Pod', name: 'web-0', namespace: 'shop' },
      reason: 'FailedScheduling',
      message: '0/3 nodes are available.',
      type: 'Warning',
      eventTime: '2026-11-24T09:10:00.123456Z',
      series: { count: 4, lastObservedTime: '2026-11-24T09:40:00.000000Z' },
      firstTimestamp: null,
      lastTimestamp: null,
      reportingComponent: 'default-scheduler',
    });
    assert.equal(incident?.startedAt, '2026-11-24T09:10:00.123456Z');
    assert.equal(incident?.annotations.count, '4');
  });

  it('reads events.k8s.io/v1 events', () => {
    const incident = classifyEvent({ metadata: { uid: 'e3', namespace: 'shop' }, regarding: { kind: 'Node', name: 'n1' }, note: 'disk full', reason: 'FreeDiskSpaceFailed', type: 'Warning' });
    assert.equal(incident?.labels.node, 'n1');
    assert.equal(incident?.annotations.message, 'disk full');
    assert.equal(incident?.startedAt, '');
  });
});
