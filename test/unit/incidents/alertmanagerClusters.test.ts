// Alerts of an Alertmanager HA cluster become one incident per fingerprint naming every
// instance that reports it; standalone instances and other clusters stay apart, and an
// instance that is down neither hides nor keeps alive what its peers report.
import assert from 'node:assert/strict';
import { parseAlertmanagerAlerts } from '../../../src/core/incidents/alertmanagerAlerts';
import { mergeClusterAlerts, type ClusterMemberAlerts } from '../../../src/core/incidents/alertmanagerClusters';
import type { Incident } from '../../../src/core/incidents/incidentModel';
import { describeIncidentRow, formatIncidentSummary, formatIncidentTooltip } from '../../../src/core/incidents/incidentPresentation';
import { layoutProblems } from '../../../src/core/incidents/problemPresentation';
import { foldProblems } from '../../../src/core/incidents/problems';
import { diffSnapshots } from '../../../src/core/incidents/snapshotDiff';

const NOW = Date.parse('2026-11-24T10:30:00.000Z');

/** A v2 alert as both peers would send it: the fingerprint is the hash of the labels. */
function alert(name: string, fingerprint: string, status: Record<string, unknown> = { state: 'active', silencedBy: [], inhibitedBy: [] }, startsAt = '2026-11-24T10:00:00.000Z') {
  return {
    labels: { alertname: name, namespace: 'shop', severity: 'critical' },
    annotations: { summary: `${name} in shop.` },
    fingerprint,
    startsAt,
    updatedAt: startsAt,
    endsAt: '2026-11-24T11:00:00.000Z',
    receivers: [{ name: 'team' }],
    status,
  };
}

function member(instance: string, alerts: unknown[], reachable = true): ClusterMemberAlerts {
  return { instance, incidents: parseAlertmanagerAlerts(alerts, instance).incidents, reachable };
}

describe('mergeClusterAlerts', () => {
  it('shows an alert reported by two instances of a cluster once, naming both', () => {
    const merged = mergeClusterAlerts('prod', [member('am-a', [alert('KubeAPIDown', 'f1')]), member('am-b', [alert('KubeAPIDown', 'f1')])]);
    assert.equal(merged.length, 1);
    const [incident] = merged;
    assert.equal(incident.id, 'incident/alertmanager/cluster:prod/f1');
    assert.equal(incident.sourceName, 'prod');
    assert.equal(incident.cluster, 'prod');
    assert.deepEqual(incident.reportedBy, ['am-a', 'am-b']);
    assert.equal(incident.status, 'firing');
    assert.match(describeIncidentRow(incident, undefined, NOW).description, / · am-a, am-b$/);
    assert.match(formatIncidentTooltip(incident, NOW, 'UTC'), /Source: Alertmanager cluster `prod`, reported by `am-a`, `am-b`/);
    assert.match(formatIncidentSummary(incident, NOW), /Alertmanager cluster prod \(am-a, am-b\)/);
    assert.equal(layoutProblems(foldProblems(merged).entries, { showSuppressed: false }).buckets[0].count, 1);
  });

  it('keeps the alerts of two clusters, and of two standalone instances, apart', () => {
    const prod = mergeClusterAlerts('prod', [member('am-a', [alert('KubeAPIDown', 'f1')])]);
    const staging = mergeClusterAlerts('staging', [member('am-c', [alert('KubeAPIDown', 'f1')])]);
    const standalone = [...member('am-d', [alert('KubeAPIDown', 'f1')]).incidents, ...member('am-e', [alert('KubeAPIDown', 'f1')]).incidents];
    const ids = new Set([...prod, ...staging, ...standalone].map((incident) => incident.id));
    assert.equal(ids.size, 4, 'one row each');
    assert.ok(standalone.every((incident) => incident.cluster === undefined && incident.reportedBy === undefined), 'standalone alerts are as before');
    assert.equal(layoutProblems(foldProblems([...prod, ...staging, ...standalone]).entries, { showSuppressed: false }).buckets[0].count, 4);
  });

  it('does not confuse a cluster with an instance of the same name', () => {
    const [merged] = mergeClusterAlerts('prod', [member('am-a', [alert('KubeAPIDown', 'f1')])]);
    const [standalone] = member('prod', [alert('KubeAPIDown', 'f1')]).incidents;
    assert.notEqual(merged.id, standalone.id);
  });

  it('names only the instances that report an alert, and shows what only one of them has', () => {
    const merged = mergeClusterAlerts('prod', [member('am-a', [alert('KubeAPIDown', 'f1'), alert('Watchdog', 'f2')]), member('am-b', [alert('KubeAPIDown', 'f1')])]);
    assert.deepEqual(
      merged.map((incident) => [incident.alertName, incident.reportedBy]),
      [
        ['KubeAPIDown', ['am-a', 'am-b']],
        ['Watchdog', ['am-a']],
      ],
    );
  });

  it('keeps showing what the reachable peer reports while an instance is down, without its stale alerts', () => {
    const merged = mergeClusterAlerts('prod', [
      // am-a stopped answering: these are its last known alerts, one of them resolved since.
      member('am-a', [alert('KubeAPIDown', 'f1'), alert('ResolvedMeanwhile', 'f9')], false),
      member('am-b', [alert('KubeAPIDown', 'f1'), alert('KubePodCrashLooping', 'f3')]),
    ]);
    assert.deepEqual(
      merged.map((incident) => [incident.alertName, incident.reportedBy]),
      [
        ['KubeAPIDown', ['am-b']],
        ['KubePodCrashLooping', ['am-b']],
      ],
    );
  });

  it('shows the last known alerts when every instance is down, as a standalone instance would', () => {
    const merged = mergeClusterAlerts('prod', [member('am-a', [alert('KubeAPIDown', 'f1')], false), member('am-b', [], false)]);
    assert.deepEqual(merged.map((incident) => incident.alertName), ['KubeAPIDown']);
  });

  it('takes the most urgent state while peers disagree, and every silence either knows', () => {
    const silenced = { state: 'suppressed', silencedBy: ['s1'], inhibitedBy: [] };
    const lagging = mergeClusterAlerts('prod', [member('am-a', [alert('KubeAPIDown', 'f1', silenced)]), member('am-b', [alert('KubeAPIDown', 'f1')])]);
    assert.equal(lagging[0].status, 'firing', 'am-b has not received the silence yet and may still notify');
    assert.deepEqual(lagging[0].silencedBy, ['s1']);
    const agreed = mergeClusterAlerts('prod', [member('am-a', [alert('KubeAPIDown', 'f1', silenced)]), member('am-b', [alert('KubeAPIDown', 'f1', silenced)])]);
    assert.equal(agreed[0].status, 'silenced');
    assert.deepEqual(agreed[0].silencedBy, ['s1'], 'one silence, however many peers list it');
  });

  it('takes the earliest start a peer reports', () => {
    const merged = mergeClusterAlerts('prod', [
      member('am-a', [alert('KubeAPIDown', 'f1', undefined, '2026-11-24T10:05:00.000Z')]),
      member('am-b', [alert('KubeAPIDown', 'f1', undefined, '2026-11-24T10:00:00.000Z')]),
    ]);
    assert.equal(merged[0].startedAt, '2026-11-24T10:00:00.000Z');
  });

  it('is a change the view redraws when a second peer starts reporting an alert', () => {
    const before = mergeClusterAlerts('prod', [member('am-a', [alert('KubeAPIDown', 'f1')]), member('am-b', [])]);
    const after = mergeClusterAlerts('prod', [member('am-a', [alert('KubeAPIDown', 'f1')]), member('am-b', [alert('KubeAPIDown', 'f1')])]);
    const first = diffSnapshots(new Map(), before);
    const diff = diffSnapshots(first.snapshot, after);
    assert.equal(diff.changed.length, 1);
    const again = diffSnapshots(diff.snapshot, mergeClusterAlerts('prod', [member('am-a', [alert('KubeAPIDown', 'f1')]), member('am-b', [alert('KubeAPIDown', 'f1')])]));
    assert.equal(again.changed.length + again.added.length + again.removed.length, 0, 'an unchanged poll changes nothing');
  });

  it('names an inhibitor across the cluster even when only a peer lists it', () => {
    const inhibited = { state: 'suppressed', silencedBy: [], inhibitedBy: ['f1'] };
    const merged = mergeClusterAlerts('prod', [member('am-a', [alert('KubePodCrashLooping', 'f3', inhibited)]), member('am-b', [alert('KubeNodeNotReady', 'f1')])]);
    const muted = merged.find((incident) => incident.sourceId === 'f3') as Incident;
    assert.deepEqual(muted.inhibitedBy, [{ sourceId: 'f1', name: 'KubeNodeNotReady' }]);
    assert.deepEqual(merged.find((incident) => incident.sourceId === 'f1')?.inhibits, [{ sourceId: 'f3', name: 'KubePodCrashLooping' }]);
  });
});
