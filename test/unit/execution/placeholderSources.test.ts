import assert from 'node:assert/strict';
import { describeValues, gatherKnownValues, valueFromIncident, valueScope } from '../../../src/core/execution/placeholderSources';

// Incident labels → placeholder values: [placeholder name, labels, expected value or undefined, why].
const LABEL_CASES: [string, Record<string, string>, string | undefined, string][] = [
  ['pod-name', { pod: 'checkout-7d9c-abcde', namespace: 'shop' }, 'checkout-7d9c-abcde', 'the pod label'],
  ['pod', { pod: 'checkout-7d9c-abcde' }, 'checkout-7d9c-abcde', '$POD'],
  ['failing-pod', { pod: 'checkout-7d9c-abcde' }, 'checkout-7d9c-abcde', 'any placeholder naming a pod'],
  ['namespace', { namespace: 'shop' }, 'shop', 'the namespace label'],
  ['ns', { namespace: 'shop' }, 'shop', 'a short name'],
  ['deployment', { deployment: 'checkout' }, 'checkout', 'kube-state-metrics deployment label'],
  ['statefulset', { statefulset: 'db' }, 'db', ''],
  ['daemonset-name', { daemonset: 'node-exporter' }, 'node-exporter', ''],
  ['job-name', { job_name: 'backup-29012', job: 'kube-state-metrics' }, 'backup-29012', 'Kubernetes Jobs come from job_name'],
  ['job', { job: 'kube-state-metrics' }, undefined, "Prometheus's job label is the scrape job, not a Kubernetes Job"],
  ['node-name', { node: 'ip-10-0-1-23.eu-west-1.compute.internal' }, 'ip-10-0-1-23.eu-west-1.compute.internal', ''],
  ['container', { container: 'app' }, 'app', ''],
  ['service', { service: 'checkout-api', job: 'checkout-api-metrics' }, 'checkout-api', ''],
  ['service', { service: 'kube-state-metrics', job: 'kube-state-metrics' }, undefined, "the scraped exporter's Service, not the workload's"],
  ['instance', { instance: '10.0.0.12:9100' }, '10.0.0.12:9100', 'a label of the same name'],
  ['persistentvolumeclaim', { persistentvolumeclaim: 'data-db-0' }, 'data-db-0', 'a label of the same name'],
  ['pod-name', { pod: 'Bad Pod; rm -rf /' }, undefined, 'a label value that is not a pod name is not used'],
  ['pod-name', { namespace: 'shop' }, undefined, 'no pod label'],
];

describe('valueFromIncident', () => {
  for (const [name, labels, expected, why] of LABEL_CASES) {
    it(`${name} from ${JSON.stringify(labels)} → ${expected ?? 'nothing'}${why ? ` (${why})` : ''}`, () => {
      assert.equal(valueFromIncident(name, labels), expected);
    });
  }
});

describe('gatherKnownValues', () => {
  it('takes the incident first, then given values, then remembered ones, then the status bar namespace', () => {
    const known = gatherKnownValues({
      names: ['pod-name', 'namespace', 'container', 'since', 'reason'],
      incidentLabels: { pod: 'checkout-a', namespace: 'checkout' },
      given: { since: '1h' },
      remembered: { 'pod-name': 'web-b', container: 'app', since: '5m' },
      contextNamespace: 'shop',
    });
    assert.deepEqual(known.values, { 'pod-name': 'checkout-a', namespace: 'checkout', container: 'app', since: '1h' });
    assert.deepEqual(known.sources, { 'pod-name': 'incident', namespace: 'incident', container: 'remembered', since: 'given' });
  });

  it('uses the status bar namespace only for a plain <namespace>', () => {
    const known = gatherKnownValues({ names: ['namespace', 'target-namespace'], remembered: {}, contextNamespace: 'shop' });
    assert.deepEqual(known.values, { namespace: 'shop' });
    assert.deepEqual(known.sources, { namespace: 'context' });
  });

  it('describes where each value came from', () => {
    assert.deepEqual(describeValues({ 'pod-name': 'web-b', since: '1h' }, { 'pod-name': 'remembered', since: 'chosen' }), [
      'pod-name = web-b (remembered from an earlier step)',
      'since = 1h (chosen now)',
    ]);
  });
});

describe('valueScope', () => {
  it('keeps values of one incident apart from another and from the runbook without an incident', () => {
    const a = valueScope({ incidentId: 'am/prod/1', runbookUri: 'file:///r.md', context: 'prod' });
    const b = valueScope({ incidentId: 'am/prod/2', runbookUri: 'file:///r.md', context: 'prod' });
    const none = valueScope({ runbookUri: 'file:///r.md', context: 'prod' });
    const otherContext = valueScope({ runbookUri: 'file:///r.md', context: 'staging' });
    assert.equal(new Set([a, b, none, otherContext]).size, 4);
  });
});
