// An HA pair of real Alertmanagers peered on loopback, configured as one cluster: an alert both
// receive is one row naming both instances, and silencing it makes one silence that gossip
// carries to the other peer (and one timeline entry). The pair's config has an inhibition
// rule, so a muted alert says what mutes it and the muting alert lists it; and with
// oncall.incidents.groupBy = alertmanager the view shows the route's groups.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../../src/constants';
import type { OnCallApi } from '../../../src/extension';
import { startAlertmanagerCluster, type PostableAlert, type RunningAlertmanager } from '../../fixtures/alertmanager/alertmanagerProcess';
import { activateExtension } from '../support/hostHelpers';
import { waitFor } from '../../support/waiting';
import { drawIncidentTree, incidentRows } from '../support/incidentTree';

/** A route grouping by alert name and namespace, and a rule: a node that is down mutes its pods' alerts. */
const CLUSTER_CONFIG = `route:
  receiver: team-pager
  group_by: ['alertname', 'namespace']
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: team-pager
inhibit_rules:
  - source_matchers: ['alertname = NodeDown']
    target_matchers: ['alertname = PodUnreachable']
    equal: ['node']
`;

function alert(alertname: string, labels: Record<string, string>, summary: string): PostableAlert {
  return {
    labels: { alertname, severity: 'critical', ...labels },
    annotations: { summary },
    startsAt: new Date(Date.now() - 4 * 60_000).toISOString(),
    endsAt: new Date(Date.now() + 3_600_000).toISOString(),
  };
}

const ALERTS = [
  alert('CheckoutErrors', { namespace: 'shop', service: 'checkout' }, 'Checkout answers 5xx to 12% of requests.'),
  alert('NodeDown', { namespace: 'infra', node: 'node-b' }, 'node-b stopped reporting.'),
  alert('PodUnreachable', { namespace: 'shop', node: 'node-b', pod: 'cart-7f9c' }, 'cart-7f9c cannot be reached.'),
];

describe('an Alertmanager HA cluster in the Incidents view', function () {
  this.timeout(120_000);
  let api: OnCallApi;
  let pair: RunningAlertmanager[] = [];
  const settings = () => vscode.workspace.getConfiguration();
  const workspace = vscode.ConfigurationTarget.Workspace;

  const findAlert = (name: string) => [...api.incidents.incidents()].find((incident) => incident.alertName === name);

  before(async () => {
    api = await activateExtension();
    pair = await startAlertmanagerCluster(2, { config: CLUSTER_CONFIG });
    // Prometheus sends every alert to every Alertmanager of the cluster.
    for (const instance of pair) await instance.postAlerts(ALERTS);
    await api.sessions.ready();
    if (api.sessions.active) await vscode.commands.executeCommand(Commands.resolveSession, 'left over by an earlier test');
    await settings().update(Settings.alertmanagerPollInterval, 1, workspace);
    await settings().update(
      Settings.alertmanagerInstances,
      [
        { name: 'am-a', url: pair[0].url, cluster: 'prod' },
        { name: 'am-b', url: pair[1].url, cluster: 'prod' },
      ],
      workspace,
    );
    await vscode.commands.executeCommand('oncall.incidents.focus');
  });

  after(async () => {
    if (api.sessions.active) await vscode.commands.executeCommand(Commands.resolveSession, 'cluster test done');
    await settings().update(Settings.alertmanagerInstances, undefined, workspace);
    await settings().update(Settings.alertmanagerPollInterval, undefined, workspace);
    await settings().update(Settings.incidentsGroupBy, undefined, workspace);
    await settings().update(Settings.showSilencedIncidents, undefined, vscode.ConfigurationTarget.Global);
    await Promise.all(pair.map((instance) => instance.stop()));
  });

  it('shows an alert both instances report as one row naming both', async () => {
    const rows = await waitFor('one CheckoutErrors row reported by both', async () => {
      const drawn = incidentRows(await drawIncidentTree(api)).filter((row) => row.label.includes('Checkout answers 5xx'));
      return drawn.length === 1 && drawn[0].description.endsWith('am-a, am-b') ? drawn : undefined;
    });
    assert.match(rows[0].contextValue, /\+silenceable\b/);
    const incident = findAlert('CheckoutErrors');
    assert.ok(incident);
    assert.equal(incident.cluster, 'prod');
    const item = await api.incidentTree.getTreeItem(rows[0].node);
    const hover = api.incidentTree.resolveTreeItem(item, rows[0].node).tooltip;
    assert.ok(hover instanceof vscode.MarkdownString);
    assert.match(hover.value, /Source: Alertmanager cluster `prod`, reported by `am-a`, `am-b`/);
    assert.equal([...api.incidents.incidents()].filter((candidate) => candidate.alertName === 'CheckoutErrors').length, 1, 'one incident in the hub too');
  });

  it('silences it once for the cluster: both peers hold the same silence, and the timeline one entry', async () => {
    const incident = await waitFor('the merged alert', () => findAlert('CheckoutErrors'));
    const sessionId = await vscode.commands.executeCommand<string>(Commands.startSession, { id: incident.id }, { title: 'Checkout failing' });
    assert.ok(sessionId);
    const silenceId = await vscode.commands.executeCommand<string>(Commands.silenceIncident, { id: incident.id }, { durationMs: 3_600_000, comment: 'rolling back checkout' });
    assert.ok(silenceId);
    for (const instance of pair) {
      const listed = await waitFor(`the silence on ${instance.url}`, async () => {
        const silences = (await instance.silences()) as { id: string; comment: string; status: { state: string } }[];
        return silences.length > 0 ? silences : undefined;
      });
      assert.deepEqual(
        listed.map((silence) => [silence.id, silence.comment, silence.status.state]),
        [[silenceId, 'rolling back checkout', 'active']],
      );
    }
    await waitFor('the row to show as silenced', () => api.incidents.find(incident.id)?.status === 'silenced');
    // Later polls of both instances, which both report the silence, add no second entry.
    const polled = Date.now();
    await waitFor('both instances polled again', () =>
      ['alertmanager/am-a', 'alertmanager/am-b'].every((key) => {
        const health = api.incidents.source(key)?.health;
        return health?.state === 'ok' && health.updatedAt > polled + 5_000;
      }),
    );
    const timeline = await api.sessions.timeline(sessionId);
    const entries = (timeline?.events ?? []).filter((event) => event.type === 'alert-silenced');
    assert.equal(entries.length, 1, `one silence entry, got ${JSON.stringify(entries)}`);

    await vscode.commands.executeCommand(Commands.expireSilence, { silenceId });
    for (const instance of pair) {
      const silences = (await instance.silences()) as { id: string; status: { state: string } }[];
      assert.equal(silences.find((silence) => silence.id === silenceId)?.status.state, 'expired');
    }
    await waitFor('the alert to fire again', () => api.incidents.find(incident.id)?.status === 'firing');
    await vscode.commands.executeCommand(Commands.resolveSession, 'rolled back');
  });

  it('says which alert mutes an inhibited one, and the muting alert lists it', async () => {
    await vscode.commands.executeCommand(Commands.showSilencedIncidents);
    const rows = await waitFor('the inhibited alert and its inhibitor', async () => {
      const drawn = incidentRows(await drawIncidentTree(api));
      const muted = drawn.find((row) => row.description.startsWith('PodUnreachable'));
      const muting = drawn.find((row) => row.description.startsWith('NodeDown'));
      return muted && muting && /muted by/.test(muted.description) ? { muted, muting } : undefined;
    });
    assert.match(rows.muted.description, /^PodUnreachable · for \dm · muted by NodeDown · am-a, am-b$/);
    assert.match(rows.muting.description, /^NodeDown · for \dm · mutes 1 · .*am-a, am-b$/);
    const item = await api.incidentTree.getTreeItem(rows.muting.node);
    const hover = api.incidentTree.resolveTreeItem(item, rows.muting.node).tooltip;
    assert.ok(hover instanceof vscode.MarkdownString);
    assert.match(hover.value, /\*\*Mutes\*\* \(inhibition rule\): PodUnreachable/);
    await vscode.commands.executeCommand(Commands.hideSilencedIncidents);
  });

  it('groups as the Alertmanager route does when asked to: one group per receiver and group_by values', async () => {
    await settings().update(Settings.incidentsGroupBy, 'alertmanager', workspace);
    const groups = await waitFor('the route groups', async () => {
      const tree = await drawIncidentTree(api);
      const names = tree.filter((node) => node.node.kind === 'severity').flatMap((level) => level.children.map((group) => group.label));
      return names.includes('team-pager · alertname=CheckoutErrors, namespace=shop') ? names : undefined;
    });
    assert.ok(groups.includes('team-pager · alertname=NodeDown, namespace=infra'), groups.join(' | '));
    const rows = incidentRows(await drawIncidentTree(api)).filter((row) => row.label.includes('Checkout answers 5xx'));
    assert.equal(rows.length, 1, 'still one row for the cluster');
    assert.equal(rows[0].group, 'team-pager · alertname=CheckoutErrors, namespace=shop');
    const parent = api.incidentTree.getParent(rows[0].node);
    assert.equal(parent?.kind === 'group' ? parent.name : undefined, rows[0].group, 'reveal finds the row under its route group');

    await settings().update(Settings.incidentsGroupBy, undefined, workspace);
    await waitFor('the service groups again', async () => incidentRows(await drawIncidentTree(api)).some((row) => row.group === 'checkout'));
  });

  it('keeps showing what the other instance reports while one is down', async () => {
    await pair[0].halt();
    try {
      await waitFor('an error node for am-a', () => api.incidents.problems().find((problem) => problem.key === 'alertmanager/am-a'));
      const row = await waitFor('the CheckoutErrors row reported by am-b alone', async () =>
        incidentRows(await drawIncidentTree(api)).find((candidate) => candidate.label.includes('Checkout answers 5xx') && candidate.description.endsWith(' · am-b')),
      );
      assert.match(row.contextValue, /\+silenceable\b/);
      assert.equal([...api.incidents.incidents()].filter((candidate) => candidate.alertName === 'CheckoutErrors').length, 1);
    } finally {
      await pair[0].resume();
    }
  });
});
