// Inhibition shown at both ends: the muted alert says which alert mutes it ("muted by
// KubeNodeNotReady", or the fingerprint when that alert is not listed), and the inhibiting
// alert counts and names the alerts it mutes.
import assert from 'node:assert/strict';
import { parseAlertmanagerAlerts } from '../../../src/core/incidents/alertmanagerAlerts';
import { describeIncidentRow, formatIncidentTooltip } from '../../../src/core/incidents/incidentPresentation';
import { diffSnapshots } from '../../../src/core/incidents/snapshotDiff';

const NOW = Date.parse('2026-11-24T10:30:00.000Z');

function alert(name: string, fingerprint: string, inhibitedBy: string[] = [], pod = 'web-1') {
  return {
    labels: { alertname: name, namespace: 'shop', pod, severity: 'warning' },
    annotations: { summary: `${name} on ${pod}.` },
    fingerprint,
    startsAt: '2026-11-24T10:00:00.000Z',
    updatedAt: '2026-11-24T10:00:00.000Z',
    endsAt: '2026-11-24T11:00:00.000Z',
    receivers: [{ name: 'team' }],
    status: { state: inhibitedBy.length > 0 ? 'suppressed' : 'active', silencedBy: [], inhibitedBy },
  };
}

describe('inhibition between alerts', () => {
  const { incidents } = parseAlertmanagerAlerts(
    [alert('KubeNodeNotReady', 'node1'), alert('KubePodCrashLooping', 'pod1', ['node1']), alert('KubePodNotReady', 'pod2', ['node1'], 'web-2')],
    'main',
  );
  const byName = (name: string) => incidents.find((incident) => incident.alertName === name)!;

  it('says which alert mutes an inhibited alert, in its row and its hover', () => {
    const muted = byName('KubePodCrashLooping');
    assert.equal(muted.status, 'inhibited');
    assert.deepEqual(muted.inhibitedBy, [{ sourceId: 'node1', name: 'KubeNodeNotReady' }]);
    assert.match(describeIncidentRow(muted, undefined, NOW).description, /^KubePodCrashLooping · for 30m · muted by KubeNodeNotReady$/);
    assert.match(formatIncidentTooltip(muted, NOW, 'UTC'), /P2 · muted by KubeNodeNotReady \\\(inhibition rule\\\)/);
  });

  it('lists on the inhibiting alert what it mutes', () => {
    const inhibitor = byName('KubeNodeNotReady');
    assert.equal(inhibitor.status, 'firing');
    assert.deepEqual(inhibitor.inhibits, [
      { sourceId: 'pod1', name: 'KubePodCrashLooping' },
      { sourceId: 'pod2', name: 'KubePodNotReady' },
    ]);
    assert.match(describeIncidentRow(inhibitor, undefined, NOW).description, /^KubeNodeNotReady · for 30m · mutes 2$/);
    assert.match(formatIncidentTooltip(inhibitor, NOW, 'UTC'), /\*\*Mutes\*\* \(inhibition rule\): KubePodCrashLooping, KubePodNotReady/);
  });

  it('falls back to the fingerprint when the inhibiting alert is not listed', () => {
    const [orphan] = parseAlertmanagerAlerts([alert('KubePodCrashLooping', 'pod1', ['4f2a9c0d11e7b3a5'])], 'main').incidents;
    assert.deepEqual(orphan.inhibitedBy, [{ sourceId: '4f2a9c0d11e7b3a5' }]);
    assert.match(describeIncidentRow(orphan, undefined, NOW).description, /muted by 4f2a9c0d11e7b3a5$/);
  });

  it('leaves alerts without inhibition as they were, and redraws the inhibitor when what it mutes changes', () => {
    const plain = parseAlertmanagerAlerts([alert('Watchdog', 'w1')], 'main').incidents[0];
    assert.equal(plain.inhibitedBy, undefined);
    assert.equal(plain.inhibits, undefined);
    const before = diffSnapshots(new Map(), parseAlertmanagerAlerts([alert('KubeNodeNotReady', 'node1'), alert('KubePodCrashLooping', 'pod1', ['node1'])], 'main').incidents);
    const after = diffSnapshots(before.snapshot, incidents);
    assert.deepEqual(
      after.changed.map(({ next }) => next.alertName),
      ['KubeNodeNotReady'],
    );
    assert.deepEqual(after.added.map((incident) => incident.alertName), ['KubePodNotReady']);
  });
});
