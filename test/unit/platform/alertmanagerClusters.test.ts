// An HA pair of real Alertmanagers peered on loopback: the same alert posted to both is one
// merged incident naming both; a silence made for it exists once in the cluster (both peers
// list the same id), is created on the peer still reachable when the first is down, and is
// expired for the whole cluster.
import assert from 'node:assert/strict';
import { AlertmanagerClusters, expireInCluster, silenceInCluster } from '../../../src/platform/incidents/alertmanagerClusters';
import { AlertmanagerSource } from '../../../src/platform/incidents/alertmanagerSource';
import { alertsFromRules, startAlertmanagerCluster, type RunningAlertmanager } from '../../fixtures/alertmanager/alertmanagerProcess';
import { captureLog, MemorySecrets, TEST_SERVERS_ONLY } from './sourceTestSupport';
import { waitFor } from '../../support/waiting';

const SILENCE = { durationMs: 3_600_000, comment: 'node-b is being replaced', createdBy: 'oncall-test' };

describe('Alertmanager HA cluster (real pair on loopback)', function () {
  this.timeout(60_000);
  let pair: RunningAlertmanager[] = [];
  let sources: AlertmanagerSource[] = [];
  let clusters: AlertmanagerClusters;

  before(async () => {
    pair = await startAlertmanagerCluster(2);
    const alerts = alertsFromRules(undefined, ['KubeNodeNotReady', 'KubeAPIDown']);
    // Prometheus sends every alert to every Alertmanager; one alert reaches only am-a.
    await pair[0].postAlerts(alerts);
    await pair[1].postAlerts(alerts.slice(0, 1));
    sources = pair.map(
      (instance, index) =>
        new AlertmanagerSource({ instance: { name: `am-${'ab'[index]}`, url: instance.url, cluster: 'prod' }, credentials: TEST_SERVERS_ONLY, secrets: new MemorySecrets(), log: captureLog(), intervalMs: 60_000 }),
    );
    clusters = new AlertmanagerClusters([...sources, new AlertmanagerSource({ instance: { name: 'alone', url: pair[0].url }, credentials: TEST_SERVERS_ONLY, secrets: new MemorySecrets(), log: captureLog(), intervalMs: 60_000 })]);
    await Promise.all(sources.map((source) => source.refresh()));
  });

  after(async () => {
    for (const source of sources) source.dispose();
    await Promise.all(pair.map((instance) => instance.stop()));
  });

  const merged = () => {
    clusters.update('prod');
    return [...clusters.incidents()];
  };

  it('shows an alert both peers report once, naming both, and one only am-a has naming am-a', () => {
    const incidents = merged();
    assert.deepEqual(incidents.map((incident) => [incident.alertName, incident.reportedBy]).sort(), [
      ['KubeAPIDown', ['am-a']],
      ['KubeNodeNotReady', ['am-a', 'am-b']],
    ]);
    assert.equal(clusters.clusterOf(sources[1]), 'prod');
  });

  it('creates one silence for the cluster: both peers list the same id, and the row turns silenced', async () => {
    const incident = merged().find((candidate) => candidate.alertName === 'KubeNodeNotReady');
    assert.ok(incident);
    const { id, instance } = await silenceInCluster(clusters.members('prod'), incident, SILENCE);
    assert.equal(instance, 'am-a');
    for (const peer of pair) {
      const silences = (await peer.silences()) as { id: string; comment: string; status: { state: string } }[];
      assert.deepEqual(
        silences.map((silence) => [silence.id, silence.status.state]),
        [[id, 'active']],
        'exactly one silence in each peer: the one gossiped',
      );
    }
    // Both peers were polled again once they had it (a slow gossip only delays this).
    const after = await waitFor('the merged alert silenced', async () => {
      const found = merged().find((candidate) => candidate.alertName === 'KubeNodeNotReady');
      if (found?.status === 'silenced') return found;
      await Promise.all(sources.map((source) => source.refresh()));
      return undefined;
    });
    assert.deepEqual(after.silencedBy, [id]);

    await expireInCluster(clusters.members('prod'), id, instance);
    for (const peer of pair) {
      const silences = (await peer.silences()) as { id: string; status: { state: string } }[];
      assert.equal(silences.find((silence) => silence.id === id)?.status.state, 'expired');
    }
    assert.equal(merged().find((candidate) => candidate.alertName === 'KubeNodeNotReady')?.status, 'firing', 'the instance that expired it was polled again');
  });

  it("keeps the peer's alerts while one instance is down, and silences through the peer that answers", async () => {
    await pair[0].halt();
    try {
      await waitFor('am-a to be seen down', async () => {
        await sources[0].refresh();
        return sources[0].health.state === 'error';
      });
      const incidents = merged();
      assert.deepEqual(
        incidents.map((incident) => [incident.alertName, incident.reportedBy]),
        [['KubeNodeNotReady', ['am-b']]],
        'what am-b reports stays; what only the unreachable am-a knew is not kept alive',
      );
      // The instance that is down is tried last, and the silence lands on am-b.
      const { id, instance } = await silenceInCluster(clusters.members('prod'), incidents[0], SILENCE);
      assert.equal(instance, 'am-b');
      const silences = (await pair[1].silences()) as { id: string; status: { state: string } }[];
      assert.equal(silences.find((silence) => silence.id === id)?.status.state, 'active');
      // Tried in configuration order, the stopped am-a refuses the connection and am-b takes it.
      const { instance: next } = await silenceInCluster(sources, incidents[0], { ...SILENCE, comment: 'second' });
      assert.equal(next, 'am-b');
    } finally {
      await pair[0].resume();
    }
  });
});
