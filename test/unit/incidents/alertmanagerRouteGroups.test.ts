// Grouping as Alertmanager's route grouped the alerts: /api/v2/alerts/groups gives each group
// its receiver and the route's group_by values; with `groupBy: alertmanager` the view's
// second level is those groups, and incidents of other sources keep their service.
import assert from 'node:assert/strict';
import { parseAlertmanagerAlerts } from '../../../src/core/incidents/alertmanagerAlerts';
import type { Incident } from '../../../src/core/incidents/incidentModel';
import { layoutProblems } from '../../../src/core/incidents/problemPresentation';
import { foldProblems } from '../../../src/core/incidents/problems';

function alert(name: string, fingerprint: string, service: string) {
  return {
    labels: { alertname: name, service, severity: 'critical' },
    annotations: {},
    fingerprint,
    startsAt: '2026-11-24T10:00:00.000Z',
    updatedAt: '2026-11-24T10:00:00.000Z',
    endsAt: '2026-11-24T11:00:00.000Z',
    receivers: [{ name: 'pager' }],
    status: { state: 'active', silencedBy: [], inhibitedBy: [] },
  };
}

const GROUPS = [
  { labels: { alertname: 'CheckoutDown' }, receiver: { name: 'pager' }, alerts: [alert('CheckoutDown', 'c1', 'checkout'), alert('CheckoutDown', 'c2', 'cart')] },
  { labels: {}, receiver: { name: 'slack' }, alerts: [alert('CheckoutDown', 'c1', 'checkout'), alert('PaymentsDown', 'p1', 'payments')] },
];

const KUBE: Incident = {
  id: 'incident/kubernetes/ctx/u1/CrashLoopBackOff',
  source: 'kubernetes',
  sourceName: 'ctx',
  sourceId: 'u1/CrashLoopBackOff',
  title: 'Pod web-1 is crash looping',
  severity: 'P1',
  group: 'shop',
  labels: {},
  annotations: {},
  startedAt: '2026-11-24T10:00:00.000Z',
  status: 'firing',
};

describe('grouping as the Alertmanager route grouped', () => {
  const { incidents } = parseAlertmanagerAlerts(GROUPS, 'main');

  it('records every route group an alert is in, once per alert', () => {
    assert.equal(incidents.length, 3);
    assert.deepEqual(incidents.find((incident) => incident.sourceId === 'c1')?.routeGroups, [
      { receiver: 'pager', labels: { alertname: 'CheckoutDown' } },
      { receiver: 'slack', labels: {} },
    ]);
  });

  it('shows each receiver group under the severity, and keeps services for other sources', () => {
    const layout = layoutProblems(foldProblems([...incidents, KUBE]).entries, { showSuppressed: false, groupBy: 'alertmanager' });
    assert.deepEqual(
      layout.buckets[0].groups.map((group) => [group.name, group.problems.map((problem) => problem.parts[0].sourceId).sort()]),
      [
        ['pager · alertname=CheckoutDown', ['c1', 'c2']],
        ['shop', ['u1/CrashLoopBackOff']],
        ['slack · all alerts', ['p1']],
      ],
    );
  });

  it('groups by service by default', () => {
    const layout = layoutProblems(foldProblems(incidents).entries, { showSuppressed: false });
    assert.deepEqual(
      layout.buckets[0].groups.map((group) => group.name),
      ['cart', 'checkout', 'payments'],
    );
  });
});
