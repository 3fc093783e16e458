import assert from 'node:assert/strict';
import { parseAlertmanagerAlerts } from '../../../src/core/incidents/alertmanagerAlerts';

function alert(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', pod: 'cart-1', severity: 'warning' },
    annotations: {
      summary: 'Pod is crash looping.',
      description: 'Pod shop/cart-1 is in waiting state.',
      runbook_url: 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping',
    },
    fingerprint: '0123456789abcdef',
    startsAt: '2026-11-24T10:00:00.000Z',
    updatedAt: '2026-11-24T10:05:00.000Z',
    endsAt: '2026-11-24T10:09:00.000Z',
    generatorURL: 'http://prometheus:9090/graph?g0.expr=x',
    receivers: [{ name: 'team' }],
    status: { state: 'active', silencedBy: [], inhibitedBy: [] },
    ...overrides,
  };
}

describe('parseAlertmanagerAlerts', () => {
  it('reads a v2 alert into an incident', () => {
    const { incidents, errors } = parseAlertmanagerAlerts([alert()], 'prod');
    assert.deepEqual(errors, []);
    assert.deepEqual(incidents, [
      {
        id: 'incident/alertmanager/prod/0123456789abcdef',
        source: 'alertmanager',
        sourceName: 'prod',
        sourceId: '0123456789abcdef',
        title: 'Pod is crash looping.',
        severity: 'P2',
        group: 'shop',
        alertName: 'KubePodCrashLooping',
        labels: { alertname: 'KubePodCrashLooping', namespace: 'shop', pod: 'cart-1', severity: 'warning' },
        annotations: alert().annotations,
        startedAt: '2026-11-24T10:00:00.000Z',
        status: 'firing',
        url: 'http://prometheus:9090/graph?g0.expr=x',
        runbookUrl: 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping',
      },
    ]);
  });

  it('takes the title from summary, then message, then the alert name', () => {
    const titles = parseAlertmanagerAlerts(
      [
        alert({ fingerprint: 'a', annotations: { message: 'old style' } }),
        alert({ fingerprint: 'b', annotations: {} }),
        alert({ fingerprint: 'c', annotations: undefined, labels: { job: 'x' } }),
      ],
      'am',
    ).incidents.map((i) => i.title);
    assert.deepEqual(titles, ['old style', 'KubePodCrashLooping', 'Alert c']);
  });

  it('groups by service, namespace, job, else other', () => {
    const groups = parseAlertmanagerAlerts(
      [
        alert({ fingerprint: 'a', labels: { service: 'cart', namespace: 'shop' } }),
        alert({ fingerprint: 'b', labels: { namespace: 'shop', job: 'x' } }),
        alert({ fingerprint: 'c', labels: { job: 'node' } }),
        alert({ fingerprint: 'd', labels: { alertname: 'Watchdog' } }),
      ],
      'am',
    ).incidents.map((i) => i.group);
    assert.deepEqual(groups, ['cart', 'shop', 'node', 'other']);
  });

  it('tells silenced, inhibited and muted alerts apart', () => {
    const statuses = parseAlertmanagerAlerts(
      [
        alert({ fingerprint: 'a', status: { state: 'suppressed', silencedBy: ['s1'], inhibitedBy: [] } }),
        alert({ fingerprint: 'b', status: { state: 'suppressed', silencedBy: [], inhibitedBy: ['f'] } }),
        alert({ fingerprint: 'c', status: { state: 'suppressed', silencedBy: [], inhibitedBy: [], mutedBy: ['night'] } }),
        alert({ fingerprint: 'd', status: { state: 'unprocessed' } }),
        alert({ fingerprint: 'e', status: undefined }),
      ],
      'am',
    ).incidents;
    assert.deepEqual(
      statuses.map((i) => i.status),
      ['silenced', 'inhibited', 'muted', 'firing', 'firing'],
    );
    assert.deepEqual(statuses[0].silencedBy, ['s1']);
  });

  it('reads the GitLab-style relative runbook annotation', () => {
    const [incident] = parseAlertmanagerAlerts([alert({ annotations: { runbook: 'docs/cart/high-error-rate.md' } })], 'am').incidents;
    assert.equal(incident.runbookUrl, 'docs/cart/high-error-rate.md');
  });

  it('never throws on garbage and reports why', () => {
    for (const garbage of [null, undefined, 42, 'text', {}, { alerts: 'x' }, true]) {
      const result = parseAlertmanagerAlerts(garbage, 'am');
      assert.deepEqual(result.incidents, []);
      assert.equal(result.errors.length, 1, String(garbage));
      assert.match(result.errors[0], /^Alertmanager am: expected a list of alerts/);
    }
  });

  it('skips a bad alert with a reason and keeps the others', () => {
    const { incidents, errors } = parseAlertmanagerAlerts(
      [null, 7, alert({ labels: 'x' }), alert({ fingerprint: 'bad', startsAt: 'yesterday' }), alert({ fingerprint: 'ok' })],
      'am',
    );
    assert.deepEqual(
      incidents.map((i) => i.sourceId),
      ['ok'],
    );
    assert.equal(errors.length, 4);
    assert.match(errors[2], /alert 2 skipped: it has no labels/);
    assert.match(errors[3], /KubePodCrashLooping skipped: no valid startsAt/);
  });

  it('keeps the string labels of a partial alert and identifies it by its labels without a fingerprint', () => {
    const { incidents, errors } = parseAlertmanagerAlerts(
      [{ labels: { alertname: 'Up', instance: 3, bad: { x: 1 } }, startsAt: '2026-11-24T10:00:00Z' }],
      'am',
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(incidents[0].labels, { alertname: 'Up', instance: '3' });
    assert.equal(incidents[0].sourceId, 'alertname="Up",instance="3"');
    assert.equal(incidents[0].status, 'firing');
    assert.equal(incidents[0].url, undefined);
  });

  it('flattens /alerts/groups and keeps an alert seen in two groups once', () => {
    const groups = [
      { labels: { namespace: 'shop' }, receiver: { name: 'a' }, alerts: [alert({ fingerprint: 'x' }), alert({ fingerprint: 'y' })] },
      { labels: {}, receiver: { name: 'b' }, alerts: [alert({ fingerprint: 'x' })] },
    ];
    assert.deepEqual(
      parseAlertmanagerAlerts(groups, 'am').incidents.map((i) => i.sourceId),
      ['x', 'y'],
    );
  });

  it('uses the severity mapping it is given', () => {
    const [incident] = parseAlertmanagerAlerts([alert()], 'am', { severityMapping: { warning: 'P3' } }).incidents;
    assert.equal(incident.severity, 'P3');
  });

  it('encodes the instance name in the id', () => {
    const [incident] = parseAlertmanagerAlerts([alert()], 'eu/west').incidents;
    assert.equal(incident.id, 'incident/alertmanager/eu%2Fwest/0123456789abcdef');
  });
});
