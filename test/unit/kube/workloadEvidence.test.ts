import assert from 'node:assert/strict';
import { renderDescribe, renderEvents } from '../../../src/core/kube/describeWorkload';
import {
  evidenceHeader,
  evidencePath,
  evidenceQuery,
  formatExcerpt,
  orderPodChoices,
  parseEvidenceQuery,
  summarizeObject,
  summarizePod,
  type EvidenceRequest,
} from '../../../src/core/kube/evidenceRequest';
import { eventFieldSelector, kubectlCommand, objectPath, workloadTargetFromLabels } from '../../../src/core/kube/workloadTarget';
import { demoObjects, type KubeObject } from '../../fixtures/kube/kubeApiServer';
import hostileLabelCases from './data/hostileWorkloadLabels.json';

const NOW = Date.parse('2026-12-06T07:00:00Z');

function find(kind: string, name: string): KubeObject {
  const found = demoObjects().find((o) => o.kind === kind && o.metadata.name === name);
  assert.ok(found, `${kind} ${name} in the demo cluster`);
  return found;
}

describe('workload evidence: which object an incident names', () => {
  it('takes the most specific object of the labels, kube-prometheus style', () => {
    assert.deepEqual(workloadTargetFromLabels({ namespace: 'shop', pod: 'web-1', container: 'web', node: 'node-a' }), { kind: 'pod', name: 'web-1', namespace: 'shop', container: 'web' });
    assert.deepEqual(workloadTargetFromLabels({ namespace: 'shop', deployment: 'web' }), { kind: 'deployment', name: 'web', namespace: 'shop' });
    assert.deepEqual(workloadTargetFromLabels({ namespace: 'db', statefulset: 'pg' }), { kind: 'statefulset', name: 'pg', namespace: 'db' });
    assert.deepEqual(workloadTargetFromLabels({ namespace: 'payments', job_name: 'nightly-1' }), { kind: 'job', name: 'nightly-1', namespace: 'payments' });
    assert.deepEqual(workloadTargetFromLabels({ node: 'node-b', reason: 'NodeNotReady' }), { kind: 'node', name: 'node-b' });
  });

  // Each case sets only some labels, so JSON types each case apart: read them as the labels they are.
  const hostileLabels = hostileLabelCases as unknown as readonly { why: string; labels: Record<string, string> }[];
  for (const { why, labels } of hostileLabels) {
    it(`names no object from labels that are not Kubernetes names: ${why}`, () => {
      assert.equal(workloadTargetFromLabels(labels), undefined);
    });
  }

  it('leaves out a container label that is not a container name, and keeps the pod', () => {
    assert.deepEqual(workloadTargetFromLabels({ namespace: 'shop', pod: 'web-1', container: 'web; id' }), { kind: 'pod', name: 'web-1', namespace: 'shop' });
  });

  it('reads the object of a Warning event, and nothing from labels that name none', () => {
    assert.deepEqual(workloadTargetFromLabels({ namespace: 'payments', kind: 'Job', object: 'nightly-1', reason: 'BackoffLimitExceeded' }), { kind: 'job', name: 'nightly-1', namespace: 'payments' });
    assert.equal(workloadTargetFromLabels({ alertname: 'Watchdog' }), undefined);
    assert.equal(workloadTargetFromLabels({ pod: 'web-1' }), undefined, 'a pod without its namespace cannot be read');
    assert.equal(workloadTargetFromLabels({ namespace: 'x', kind: 'ConfigMap', object: 'cfg' }), undefined);
  });

  it('builds API paths and event selectors', () => {
    assert.equal(objectPath({ kind: 'deployment', name: 'web', namespace: 'shop' }), '/apis/apps/v1/namespaces/shop/deployments/web');
    assert.equal(objectPath({ kind: 'node', name: 'node-a' }), '/api/v1/nodes/node-a');
    assert.equal(eventFieldSelector({ kind: 'pod', name: 'web-1', namespace: 'shop' }), 'involvedObject.kind=Pod,involvedObject.name=web-1,involvedObject.namespace=shop');
  });
});

describe('workload evidence: the kubectl command of each document', () => {
  const pod = { kind: 'pod', name: 'web-1', namespace: 'shop' } as const;
  it('pins the context and namespace, and quotes what a shell would read', () => {
    assert.equal(kubectlCommand('prod-eu', 'logs', pod, { pod: 'web-1', container: 'web', sinceTime: '2026-12-06T06:40:00Z' }), 'kubectl --context prod-eu -n shop logs web-1 -c web --since-time=2026-12-06T06:40:00Z --timestamps');
    assert.equal(kubectlCommand('prod-eu', 'previous', pod, { pod: 'web-1' }), 'kubectl --context prod-eu -n shop logs web-1 --all-containers --previous --timestamps');
    assert.equal(kubectlCommand("ops's cluster", 'describe', { kind: 'node', name: 'node-a' }), `kubectl --context 'ops'\\''s cluster' describe node node-a`);
    assert.equal(kubectlCommand('c', 'events', { kind: 'deployment', name: 'web', namespace: 'shop' }), 'kubectl --context c -n shop events --for deployment/web');
    assert.equal(kubectlCommand('c', 'logs', pod, { pod: 'web-1', container: 'web', follow: true }), 'kubectl --context c -n shop logs web-1 -c web --follow --timestamps');
  });
});

describe('workload evidence: documents carry their request in the URI', () => {
  const request: EvidenceRequest = {
    context: 'prod/eu',
    view: 'logs',
    target: { kind: 'deployment', name: 'web', namespace: 'shop' },
    pod: 'web-7d9c-fghij',
    container: 'web',
    sinceTime: '2026-12-06T06:40:00Z',
    follow: true,
  };

  it('round-trips through the query, and titles the tab with the object and context', () => {
    assert.deepEqual(parseEvidenceQuery(evidenceQuery(request)), request);
    assert.equal(evidencePath(request), '/Logs pod web-7d9c-fghij web (prod∕eu).log');
    assert.equal(evidencePath({ context: 'c', view: 'describe', target: { kind: 'node', name: 'node-a' } }), '/Describe node node-a (c)');
    assert.equal(parseEvidenceQuery('view=logs&kind=secret&name=x&context=c'), undefined);
    assert.equal(parseEvidenceQuery(''), undefined);
  });

  it('starts each document with what it shows and the command that shows the same', () => {
    assert.deepEqual(evidenceHeader(request), [
      'Logs of deployment shop/web, pod web-7d9c-fghij, container web, since 2026-12-06T06:40:00Z, in context prod/eu',
      '$ kubectl --context prod/eu -n shop logs web-7d9c-fghij -c web --since-time=2026-12-06T06:40:00Z --follow --timestamps',
    ]);
  });

  it('makes a timeline note of a selection or of the newest lines, secrets redacted', () => {
    const header = evidenceHeader(request).join('\n');
    const body = Array.from({ length: 250 }, (_, i) => `2026-12-06T06:50:${String(i % 60).padStart(2, '0')}Z line ${i}`).join('\n');
    const whole = formatExcerpt(request, `${header}\nFollowing.\n\n${body}\n`, false);
    const lines = whole.split('\n');
    assert.equal(lines[0], `${evidenceHeader(request)[0]} (excerpt)`);
    assert.equal(lines[1], evidenceHeader(request)[1]);
    assert.match(lines[2], /^\(\d+ earlier lines left out\)$/);
    assert.equal(lines.at(-1), '2026-12-06T06:50:09Z line 249');
    const selected = formatExcerpt(request, 'connecting with password=hunter2\nError: ECONNREFUSED', true);
    assert.match(selected, /\(2 selected lines\)/);
    assert.doesNotMatch(selected, /hunter2/);
    assert.match(selected, /Error: ECONNREFUSED$/);
  });

  it('offers failing pods first, with why', () => {
    const pods = ['web-7d9c-abcde', 'web-7d9c-fghij', 'web-7d9c-klmno'].map((name) => summarizePod(find('Pod', name)));
    const ordered = orderPodChoices(pods);
    assert.deepEqual(ordered.map((p) => p.name), ['web-7d9c-fghij', 'web-7d9c-klmno', 'web-7d9c-abcde']);
    assert.equal(ordered[0].description, 'CrashLoopBackOff · 14 restarts');
    assert.equal(ordered[1].description, 'Running · not ready');
    assert.deepEqual(ordered[0].containers, ['web']);
    assert.equal(summarizeObject(find('Node', 'node-b')).failing, true);
    assert.equal(summarizeObject(find('Deployment', 'web')).description, '1/3 ready');
  });
});

describe('workload evidence: describe and events read as a summary', () => {
  const events = demoObjects().filter((o) => o.kind === 'Event');

  it('says why a crash-looping pod fails: state, last state with exit code, restarts, owner, events', () => {
    const pod = find('Pod', 'web-7d9c-fghij');
    const podEvents = events.filter((e) => (e['involvedObject'] as { name?: string }).name === 'web-7d9c-fghij');
    const text = renderDescribe({ kind: 'pod', name: 'web-7d9c-fghij', namespace: 'shop' }, 'demo', pod, podEvents, Date.now());
    assert.match(text, /^Pod shop\/web-7d9c-fghij in context demo\n/);
    assert.match(text, /Controlled by: +ReplicaSet web-7d9c/);
    assert.match(text, /Status: +Running, 0\/1 containers ready/);
    assert.match(text, /State: +Waiting \(CrashLoopBackOff\): back-off 5m0s/);
    assert.match(text, /Last state: +Terminated \(Error\), exit code 1, finished .* UTC \(3m ago\)/);
    assert.match(text, /Restarts: +14/);
    assert.match(text, /Conditions:\n {2}\w+/);
    assert.match(text, /Recent events \(newest first\):\n {2}\S+ ago +Warning +BackOff/);
    assert.doesNotMatch(text, /apiVersion|managedFields|^\s*- /m, 'not YAML');
  });

  it('sums up a deployment, a failed job and an unreachable node', () => {
    const deployment = renderDescribe({ kind: 'deployment', name: 'web', namespace: 'shop' }, 'demo', find('Deployment', 'web'), [], NOW);
    assert.match(deployment, /Replicas: +3 desired, \d+ total, \d+ updated, 1 ready, 1 available/);
    assert.match(deployment, /Selector: +app=web/);
    assert.match(deployment, /none \(events are kept for about an hour\)/);
    const job = renderDescribe({ kind: 'job', name: 'nightly-settlement-28911600', namespace: 'payments' }, 'demo', find('Job', 'nightly-settlement-28911600'), [], NOW);
    assert.match(job, /Controlled by: +CronJob nightly-settlement/);
    assert.match(job, /Failed +True +BackoffLimitExceeded/);
    const node = renderDescribe({ kind: 'node', name: 'node-b' }, 'demo', find('Node', 'node-b'), [], NOW);
    assert.match(node, /Ready +Unknown +NodeStatusUnknown/);
  });

  it('survives an object with no fields at all', () => {
    assert.match(renderDescribe({ kind: 'pod', name: 'x', namespace: 'y' }, 'c', {}, [null, 3], NOW), /Status: +Unknown, 0\/0 containers ready/);
  });

  it('lists events newest first with exact times', () => {
    const event = (reason: string, last: string) => ({ type: 'Warning', reason, message: `${reason} happened`, lastTimestamp: last, count: 2, source: { component: 'kubelet' } });
    const text = renderEvents({ kind: 'pod', name: 'web-1', namespace: 'shop' }, 'demo', [event('Old', '2026-12-06T06:00:00Z'), event('New', '2026-12-06T06:59:00Z')], NOW);
    const lines = text.split('\n');
    assert.equal(lines[0], 'Events of pod shop/web-1 in context demo, newest first');
    assert.match(lines[2], /^2026-12-06 06:59:00 UTC {2}1m ago +Warning +New {2}x2 {2}New happened \(kubelet\)$/);
    assert.match(lines[3], /Old/);
    assert.match(renderEvents({ kind: 'node', name: 'n' }, 'demo', [], NOW), /No events: the API server keeps them for about an hour\./);
  });
});
