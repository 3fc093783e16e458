import { strict as assert } from 'node:assert';
import type { Incident } from '../../../src/core/incidents/incidentModel';
import { describeProblemNotice, describeProblemRow, formatProblemSummary, layoutProblems, problemContextValue } from '../../../src/core/incidents/problemPresentation';
import { describeProblemObject, foldProblems, problemPart, problemSources, type Problem } from '../../../src/core/incidents/problems';
import { alertIncidents, deployment, failedJob, kubeIncidents, notReadyNode, ownedPod, warningEvent, warningEventV1 } from '../../fixtures/kube/problemObjects';
import { makePod } from '../../fixtures/kube/podObjects';
import hostileProblemLabels from './data/hostileProblemLabels.json';

const hostileCases = hostileProblemLabels as unknown as readonly { why: string; labels: Record<string, string> }[];

function only(problems: readonly Problem[], object: string): Problem {
  const found = problems.filter((problem) => problem.object && describeProblemObject(problem.object) === object);
  assert.equal(found.length, 1, `one problem on ${object}; got ${problems.map((p) => p.key).join(', ')}`);
  return found[0];
}

function objects(problems: readonly Problem[]): string[] {
  return problems.map((problem) => (problem.object ? describeProblemObject(problem.object) : `(none) ${problem.parts[0].title}`)).sort();
}

/** A crash loop of shop/web as the cluster reports it: the pod, its events, the Deployment short of replicas. */
function webCrashLoop(): Incident[] {
  return kubeIncidents([
    ownedPod('web-7d9c-fghkx', 'shop', { kind: 'ReplicaSet', name: 'web-7d9c' }),
    warningEvent('Pod', 'shop', 'web-7d9c-fghkx', 'BackOff', '2026-11-24T09:20:00Z'),
    // A sibling pod that only fails its readiness probe: it joins through the ReplicaSet its sibling names.
    warningEventV1('Pod', 'shop', 'web-7d9c-zz9qq', 'Unhealthy', '2026-11-24T09:25:00Z'),
    deployment('shop', 'web', 3, 0, '2026-11-24T09:40:00Z'),
  ]);
}

describe('foldProblems', () => {
  it('folds a pod, its events and its Deployment (through the ReplicaSet) into one problem on the Deployment', () => {
    const fold = foldProblems(webCrashLoop());
    assert.equal(fold.problems.length, 1);
    const [problem] = fold.problems;
    assert.equal(describeProblemObject(problem.object!), 'deployment shop/web');
    assert.equal(problem.parts.length, 4);
    assert.equal(problem.severity, 'P1', 'the Deployment with no replica available is P1; the pod is P2, the events P3');
    assert.equal(problem.startedAt, '2026-11-24T08:00:05Z', 'the earliest start of the parts: the pod became unready first');
    assert.equal(problem.group, 'shop');
    assert.equal(problem.key, 'problem/prod/deployment/shop/web');
    assert.equal(fold.urgent, 1, 'one urgent problem, however many parts');
    for (const part of problem.parts) assert.equal(fold.problemOf(part.id), problem);
  });

  it('folds StatefulSet, DaemonSet and Job pods onto their owners, and leaves a bare pod on itself', () => {
    const fold = foldProblems(
      kubeIncidents([
        ownedPod('db-0', 'shop', { kind: 'StatefulSet', name: 'db' }),
        warningEvent('Pod', 'shop', 'db-0', 'FailedMount', '2026-11-24T09:00:00Z'),
        warningEvent('StatefulSet', 'shop', 'db', 'FailedCreate', '2026-11-24T09:01:00Z'),
        ownedPod('agent-x2b4k', 'monitoring', { kind: 'DaemonSet', name: 'agent' }),
        warningEvent('DaemonSet', 'monitoring', 'agent', 'FailedDaemonPod', '2026-11-24T09:02:00Z'),
        ownedPod('settle-28911600-q7c2n', 'payments', { kind: 'Job', name: 'settle-28911600' }),
        failedJob('payments', 'settle-28911600', '2026-11-24T03:00:00Z'),
        warningEvent('Job', 'payments', 'settle-28911600', 'BackoffLimitExceeded', '2026-11-24T03:00:00Z'),
        // Named like a Deployment's pod, but the cluster says it has no owner: it stays itself.
        ownedPod('tool-7d9c5-x2b4k', 'shop', undefined),
        warningEvent('Pod', 'shop', 'tool-7d9c5-x2b4k', 'BackOff', '2026-11-24T09:03:00Z'),
      ]),
    );
    assert.deepEqual(objects(fold.problems), ['daemonset monitoring/agent', 'job payments/settle-28911600', 'pod shop/tool-7d9c5-x2b4k', 'statefulset shop/db']);
    assert.equal(only(fold.problems, 'statefulset shop/db').parts.length, 3);
    assert.equal(only(fold.problems, 'daemonset monitoring/agent').parts.length, 2);
    assert.equal(only(fold.problems, 'job payments/settle-28911600').parts.length, 3);
    assert.equal(only(fold.problems, 'pod shop/tool-7d9c5-x2b4k').parts.length, 2);
  });

  it('folds a node, its events and an alert about it, and the row names both sources', () => {
    const incidents = [
      ...kubeIncidents([notReadyNode('node-b', '2026-11-24T09:10:00Z'), warningEvent('Node', undefined, 'node-b', 'NodeNotReady', '2026-11-24T09:11:00Z')]),
      ...alertIncidents([{ labels: { alertname: 'KubeNodeNotReady', node: 'node-b', cluster: 'prod' }, startsAt: '2026-11-24T09:05:00Z' }]),
    ];
    const [problem, ...rest] = foldProblems(incidents).problems;
    assert.equal(rest.length, 0);
    assert.equal(describeProblemObject(problem.object!), 'node node-b');
    assert.equal(problem.group, 'nodes');
    assert.deepEqual(problemSources(problem), ['alertmanager', 'kubernetes']);
    assert.equal(problem.startedAt, '2026-11-24T09:05:00Z', 'the alert fired first');
    const row = describeProblemRow(problem, 15, Date.parse('2026-11-24T09:45:00Z'));
    assert.equal(row.label, 'node/node-b · overdue 25m');
    assert.equal(row.description, 'P1 · Alertmanager + Kubernetes · for 40m · KubeNodeNotReady, NodeNotReady · response 25m overdue');
    assert.equal(problemPart(problem, 'primary')?.source, 'alertmanager', "the alert's runbook");
  });

  it('joins alerts naming the pod, the Deployment, or (by its name alone) a pod the cluster does not report', () => {
    const alerts = alertIncidents([
      { labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', pod: 'web-7d9c-fghkx', container: 'app' } },
      { labels: { alertname: 'KubeDeploymentReplicasMismatch', namespace: 'shop', deployment: 'web' } },
      { labels: { alertname: 'CPUThrottlingHigh', namespace: 'shop', pod: 'web-7d9c-b5x2m', container: 'app' } },
      { labels: { alertname: 'KubeContainerWaiting', namespace: 'shop', pod: 'web-debug' } },
    ]);
    const fold = foldProblems([...webCrashLoop(), ...alerts]);
    const web = only(fold.problems, 'deployment shop/web');
    assert.equal(web.parts.length, 7);
    assert.deepEqual(problemSources(web), ['alertmanager', 'kubernetes']);
    assert.equal(only(fold.problems, 'pod shop/web-debug').parts.length, 1, 'not a Deployment pod name: stays on its own');
    assert.equal(fold.problems.length, 2);
    assert.equal(problemPart(web, 'primary')?.alertName, 'KubePodCrashLooping', 'the alert about the pod (the cause) gives the runbook');
    assert.equal(problemPart(web, 'alert')?.source, 'alertmanager');
    assert.equal(problemPart(web, 'object')?.labels.deployment, 'web', 'logs and describe read the Deployment');
    assert.equal(problemPart(web, 'source')?.url?.startsWith('http://prometheus.example.com/'), true);
  });

  it('folds alerts about one object even when no cluster is watched', () => {
    const fold = foldProblems(
      alertIncidents([
        { labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', pod: 'web-7d9c-fghkx' } },
        { labels: { alertname: 'KubeDeploymentReplicasMismatch', namespace: 'shop', deployment: 'web' } },
        { labels: { alertname: 'KubeStatefulSetReplicasMismatch', namespace: 'shop', statefulset: 'db' } },
      ]),
    );
    assert.deepEqual(objects(fold.problems), ['deployment shop/web', 'statefulset shop/db']);
  });

  it("joins the watched context its cluster label names, and none when two contexts report the object and the alert doesn't say", () => {
    const web = (context: string) => kubeIncidents([deployment('shop', 'web', 3, 1, '2026-11-24T09:40:00Z')], context);
    const both = [...web('eu'), ...web('us')];
    const told = foldProblems([...both, ...alertIncidents([{ labels: { alertname: 'KubeDeploymentReplicasMismatch', namespace: 'shop', deployment: 'web', cluster: 'us' } }])]);
    assert.equal(told.problems.find((problem) => problem.key === 'problem/us/deployment/shop/web')?.parts.length, 2);
    const untold = foldProblems([...both, ...alertIncidents([{ labels: { alertname: 'KubeDeploymentReplicasMismatch', namespace: 'shop', deployment: 'web' } }])]);
    assert.equal(untold.problems.length, 3);
    assert.ok(untold.problems.every((problem) => problem.parts.length === 1));
  });

  for (const { why, labels } of hostileCases) {
    it(`joins no object when a label is not a Kubernetes name: ${why}`, () => {
      const [alert] = alertIncidents([{ labels }]);
      const fold = foldProblems([...webCrashLoop(), alert]);
      const problem = fold.problemOf(alert.id)!;
      assert.equal(problem.parts.length, 1, `${why}: it must stay a problem of its own`);
      assert.equal(problem.key, alert.id);
    });
  }

  it('counts urgent problems, not incidents, and leaves out a problem whose every part is silenced', () => {
    const incidents = [
      ...webCrashLoop(),
      ...alertIncidents([
        { labels: { alertname: 'KubeDeploymentReplicasMismatch', namespace: 'shop', deployment: 'web', severity: 'critical' } },
        { labels: { alertname: 'KubeNodeNotReady', node: 'node-z', severity: 'critical' }, silencedBy: ['s1'] },
        { labels: { alertname: 'Watchdog', severity: 'critical' } },
      ]),
    ];
    const fold = foldProblems(incidents);
    assert.equal(fold.problems.length, 3);
    assert.equal(fold.urgent, 2, 'shop/web (four P1/P2/P3 signals and a P1 alert) and the Watchdog; the silenced node is not counted');
  });

  it('keeps a lone incident as it was: its own id as key, its own group', () => {
    const [watchdog] = alertIncidents([{ labels: { alertname: 'Watchdog', service: 'monitoring' } }]);
    const [problem] = foldProblems([watchdog]).problems;
    assert.equal(problem.key, watchdog.id);
    assert.equal(problem.group, 'monitoring');
    assert.equal(problem.object, undefined);
    assert.equal(describeProblemNotice(problem), `P2 Watchdog: Watchdog fired (Alertmanager main)`);
  });

  it('gives a bare pod that the cluster reports no owner, whatever its name', () => {
    const fold = foldProblems(kubeIncidents([makePod('web-7d9c-fghkx', { containerStatuses: [{ name: 'app', restartCount: 2, state: { waiting: { reason: 'CrashLoopBackOff' } } }] })]));
    assert.equal(describeProblemObject(fold.problems[0].object!), 'pod shop/web-7d9c-fghkx');
  });
});

describe('problem rows', () => {
  const now = Date.parse('2026-11-24T10:00:00Z');

  it('lays out problems by level and group, and hides silenced parts without losing the problem', () => {
    const incidents = [
      ...webCrashLoop(),
      ...alertIncidents([{ labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', pod: 'web-7d9c-fghkx' }, silencedBy: ['s1'] }]),
    ];
    const fold = foldProblems(incidents);
    const hidden = layoutProblems(fold.problems, { showSuppressed: false });
    assert.equal(hidden.hidden, 1);
    assert.deepEqual(
      hidden.buckets.map((bucket) => [bucket.level, bucket.count, bucket.groups.map((group) => [group.name, group.problems.map((problem) => problem.parts.length)])]),
      [['P1', 1, [['shop', [4]]]]],
    );
    const shown = layoutProblems(fold.problems, { showSuppressed: true });
    assert.equal(shown.hidden, 0);
    assert.equal(shown.buckets[0].groups[0].problems[0].parts.length, 5);
  });

  it("groups a problem as Alertmanager's route grouped its alert when the view groups that way", () => {
    const [alert] = alertIncidents([{ labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', pod: 'web-7d9c-fghkx' } }]);
    const routed = { ...alert, routeGroups: [{ receiver: 'team-pager', labels: { alertname: 'KubePodCrashLooping' } }] };
    const fold = foldProblems([...webCrashLoop(), routed]);
    const groups = (groupBy: 'service' | 'alertmanager') => layoutProblems(fold.problems, { showSuppressed: true, groupBy }).buckets.flatMap((bucket) => bucket.groups.map((group) => group.name));
    assert.deepEqual(groups('service'), ['shop']);
    assert.deepEqual(groups('alertmanager'), ['team-pager · alertname=KubePodCrashLooping']);
  });

  it('reads a folded row: level, age and the object first, then the sources and what went wrong', () => {
    const alerts = alertIncidents([{ labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', pod: 'web-7d9c-fghkx' } }]);
    const [problem] = foldProblems([...webCrashLoop(), ...alerts]).problems;
    const row = describeProblemRow(problem, undefined, now);
    // The object first, kubectl's way (the group above is its namespace), then its age: what a 300 px row shows.
    assert.equal(row.label, 'deployment/web · 1h 59m');
    assert.equal(row.description, 'P1 · Alertmanager + Kubernetes · for 1h 59m · KubePodCrashLooping, Unavailable +3');
    assert.equal(row.accessibilityLabel, 'P1 deployment shop/web, 5 signals from Alertmanager + Kubernetes, for 1h 59m · KubePodCrashLooping, Unavailable +3');
    const tags = problemContextValue(problem, new Set()).split('+');
    for (const tag of ['oncall:incident', 'problem', 'silenceable', 'source', 'workload', 'logs']) assert.ok(tags.includes(tag), `${tag} in ${tags.join('+')}`);
    assert.match(describeProblemNotice(problem), /^P1 deployment shop\/web: KubePodCrashLooping, Unavailable, CrashLoopBackOff \(Alertmanager \+ Kubernetes\)$/);
    const summary = formatProblemSummary(problem, now).split('\n');
    assert.match(summary[0], /^P1 deployment shop\/web: .* \(Alertmanager \+ Kubernetes\), since .*; 5 signals:$/);
    assert.match(summary[1], /^  \[P2\] KubePodCrashLooping: KubePodCrashLooping fired$/, 'the runbook part first');
    assert.equal(summary.filter((line) => /^  \[P\d\]/.test(line)).length, 5);
  });
});
