// Alertmanager alerts in the Incidents view, against real Alertmanager processes started on
// loopback and fed with alerts built from the fixture rules (kube-prometheus names and
// runbook_url scheme). With the corpus at hand, the workspace also holds the real
// prometheus-operator runbooks those alerts link to.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../../src/constants';
import type { OnCallApi } from '../../../src/extension';
import {
  alertsFromRules,
  resolveAlert,
  startAlertmanager,
  TEST_BASIC_AUTH,
  type PostableAlert,
  type RunningAlertmanager,
} from '../../fixtures/alertmanager/alertmanagerProcess';
import { startMisbehavingAlertmanager, type MisbehavingAlertmanager } from '../../fixtures/alertmanager/misbehavingAlertmanager';
import { itWithCorpus } from '../../support/corpus';
import { activateExtension } from '../support/hostHelpers';
import { waitFor } from '../../support/waiting';
import { drawIncidentTree, incidentRows } from '../support/incidentTree';

const ALERTS = ['KubePodCrashLooping', 'KubeAPIDown', 'KubeNodeNotReady', 'Watchdog', 'CPUThrottlingHigh', 'AlertmanagerFailedReload'];

describe('Alertmanager alerts in the Incidents view', function () {
  this.timeout(90_000);
  let api: OnCallApi;
  let main: RunningAlertmanager;
  let secured: RunningAlertmanager | undefined;
  let garbage: MisbehavingAlertmanager | undefined;
  let alerts: PostableAlert[];
  const settings = () => vscode.workspace.getConfiguration();

  async function configure(instances: unknown[]): Promise<void> {
    await settings().update(Settings.alertmanagerInstances, instances, vscode.ConfigurationTarget.Workspace);
  }

  function incidentNamed(alertName: string, instance = 'main') {
    return [...api.incidents.incidents()].find((incident) => incident.alertName === alertName && incident.sourceName === instance);
  }

  before(async () => {
    api = await activateExtension();
    main = await startAlertmanager();
    alerts = alertsFromRules(undefined, ALERTS);
    // An alert of the team's own, with no runbook anywhere.
    alerts.push({
      labels: { alertname: 'CheckoutLatencyHigh', severity: 'warning', namespace: 'shop', service: 'checkout' },
      annotations: { summary: 'Checkout p99 latency is above 2 s.' },
      startsAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await main.postAlerts(alerts);
    await settings().update(Settings.alertmanagerPollInterval, 1, vscode.ConfigurationTarget.Workspace);
    await configure([{ name: 'main', url: main.url }]);
    await vscode.commands.executeCommand('oncall.incidents.focus');
  });

  after(async () => {
    await configure([]);
    await settings().update(Settings.alertmanagerPollInterval, undefined, vscode.ConfigurationTarget.Workspace);
    await settings().update(Settings.showSilencedIncidents, undefined, vscode.ConfigurationTarget.Global);
    await Promise.all([main?.stop(), secured?.stop(), garbage?.close()]);
  });

  it('shows the posted alerts grouped by severity, with their age and the badge count', async () => {
    const rows = await waitFor('all alerts in the tree', async () => {
      const drawn = incidentRows(await drawIncidentTree(api));
      // Each clock shows once the alert's runbook is matched, just after the row is first drawn.
      return drawn.length === ALERTS.length + 1 && drawn.every((row) => /respond within|overdue/.test(row.description)) ? drawn : undefined;
    });
    const levelOf = (name: string) => rows.find((row) => row.description.startsWith(name) || row.label.endsWith(` · ${name}`))?.level;
    // kube-prometheus: critical → P1, warning → P2, info and none → P3.
    assert.equal(levelOf('KubeAPIDown'), 'P1 · High');
    assert.equal(levelOf('AlertmanagerFailedReload'), 'P1 · High');
    assert.equal(levelOf('KubePodCrashLooping'), 'P2 · Medium');
    assert.equal(levelOf('KubeNodeNotReady'), 'P2 · Medium');
    assert.equal(levelOf('CPUThrottlingHigh'), 'P3 · Low');
    assert.equal(levelOf('Watchdog'), 'P3 · Low');
    const crashLoop = rows.find((row) => row.description.startsWith('KubePodCrashLooping'));
    assert.ok(crashLoop);
    assert.equal(crashLoop.group, 'shop');
    // alertsFromRules starts alerts 20 minutes ago; P2 must be answered within an hour.
    assert.match(crashLoop.description, /^KubePodCrashLooping · for 2\dm · respond within 3\dm$/);
    assert.match(crashLoop.contextValue, /^oncall:incident\+alertmanager\+silenceable\+source\+workload\+logs$/);
    assert.equal(api.incidentTree.urgentCount, 2, 'two critical alerts are open P1s');
    assert.deepEqual(
      api.notifier.shown.filter((text) => text.includes('(Alertmanager main)')).map((text) => text.split(':')[0]).sort(),
      ['P1 AlertmanagerFailedReload', 'P1 KubeAPIDown'],
      'one notification per new P1, none for the P2/P3 alerts',
    );
  });

  it('fires no tree change when a poll finds nothing new', async () => {
    const before = api.incidentTree.redraws.data;
    let events = 0;
    const subscription = api.incidentTree.onDidChangeTreeData(() => events++);
    const clockBefore = api.incidentTree.redraws.clock;
    // Three polls (polling itself is never faster than every 5 s).
    for (let i = 0; i < 3; i++) await api.incidents.source('alertmanager/main')?.refresh();
    subscription.dispose();
    assert.equal(api.incidentTree.redraws.data, before);
    assert.equal(events, api.incidentTree.redraws.clock - clockBefore, 'only the minute clock may redraw');
  });

  it("redraws only an alert's own row when its summary changes", async () => {
    const checkout = alerts.find((alert) => alert.labels.alertname === 'CheckoutLatencyHigh')!;
    const row = incidentNamed('CheckoutLatencyHigh');
    assert.ok(row);
    await drawIncidentTree(api);
    const summary = (text: string) => ({ ...checkout, annotations: { ...checkout.annotations, summary: text } });
    const fired: (string | undefined)[] = [];
    const clockBefore = api.incidentTree.redraws.clock;
    const listening = api.incidentTree.onDidChangeTreeData((node) => fired.push(Array.isArray(node) ? node.map((n) => n.id).join() : node?.id));
    try {
      await main.postAlerts([summary('Checkout p99 latency is above 3 s.')]);
      await waitFor('the new summary', async () => {
        await api.incidents.source('alertmanager/main')?.refresh();
        return incidentNamed('CheckoutLatencyHigh')?.title === 'Checkout p99 latency is above 3 s.';
      });
      await waitFor("the alert's row to be redrawn", () => fired.includes(row.id));
      // The minute clock redraws the whole tree once a minute while the view shows; that is not the change's.
      let clockTicks = api.incidentTree.redraws.clock - clockBefore;
      const byData = fired.filter((id) => id !== undefined || clockTicks-- <= 0);
      assert.deepEqual([...new Set(byData)], [row.id], "only the alert's row, never the whole tree");
    } finally {
      listening.dispose();
      await main.postAlerts([checkout]);
      await waitFor('the summary as it was', async () => {
        await api.incidents.source('alertmanager/main')?.refresh();
        return incidentNamed('CheckoutLatencyHigh')?.title === checkout.annotations?.summary;
      });
    }
  });

  itWithCorpus('opens the runbook that runbook_url points to, at the heading naming the alert', async () => {
    const incident = incidentNamed('KubePodCrashLooping');
    assert.ok(incident);
    assert.equal(incident.runbookUrl, 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping');
    const opened = await vscode.commands.executeCommand<boolean>(Commands.openIncidentRunbook, { id: incident.id });
    assert.equal(opened, true);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.match(editor.document.uri.path, /\/runbooks\/prometheus-operator\/kubernetes\/KubePodCrashLooping\.md$/);
    assert.equal(editor.document.lineAt(editor.selection.active.line).text, '# KubePodCrashLooping', 'past the front matter, at the heading');
  });

  it('says so when no runbook matches, and offers to create one', async () => {
    const incident = incidentNamed('CheckoutLatencyHigh');
    assert.ok(incident);
    const opened = await vscode.commands.executeCommand<boolean>(Commands.openIncidentRunbook, { id: incident.id });
    assert.equal(opened, false);
    const created = await vscode.commands.executeCommand<string>(Commands.createIncidentRunbook, { id: incident.id });
    assert.ok(created);
    assert.match(created, /\/runbooks\/CheckoutLatencyHigh\.md$/);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.toString(), created);
    assert.match(editor.document.getText(), /^---\ntitle: CheckoutLatencyHigh\n/);
    await editor.document.save();
    // Now the alert has a runbook: its own front matter names it.
    await waitFor('the new runbook to be matched', async () => vscode.commands.executeCommand<boolean>(Commands.openIncidentRunbook, { id: incident.id }));
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), created);
    // A second Create opens the existing file instead of overwriting it.
    await editor.edit((edit) => edit.insert(new vscode.Position(editor.document.lineCount, 0), 'Team notes.\n'));
    await editor.document.save();
    assert.equal(await vscode.commands.executeCommand<string>(Commands.createIncidentRunbook, { id: incident.id }), created);
    assert.match(vscode.window.activeTextEditor?.document.getText() ?? '', /Team notes\.\n$/);
  });

  it('silences an alert: it leaves the default view and the silence is in Alertmanager', async () => {
    const incident = incidentNamed('KubeNodeNotReady');
    assert.ok(incident);
    const silenceId = await vscode.commands.executeCommand<string>(Commands.silenceIncident, { id: incident.id }, { durationMs: 3_600_000, comment: 'node-b is being replaced' });
    assert.ok(silenceId, 'the command returns the new silence id');
    const silences = (await main.silences()) as { id: string; matchers: { name: string; value: string; isRegex: boolean; isEqual?: boolean }[]; comment: string; status: { state: string } }[];
    const created = silences.find((silence) => silence.id === silenceId);
    assert.ok(created, 'Alertmanager lists the silence');
    assert.equal(created.comment, 'node-b is being replaced');
    assert.equal(created.status.state, 'active');
    assert.deepEqual(
      created.matchers.map((m) => [m.name, m.value, m.isRegex]).sort(),
      Object.entries(incident.labels).map(([name, value]) => [name, value, false]).sort(),
    );
    await waitFor('the silenced alert to leave the default view', async () => {
      const rows = incidentRows(await drawIncidentTree(api));
      return !rows.some((row) => row.description.startsWith('KubeNodeNotReady'));
    });
    const roots = await drawIncidentTree(api);
    assert.ok(roots.some((node) => node.label === '1 silenced or inhibited alert hidden'));
    await vscode.commands.executeCommand(Commands.showSilencedIncidents);
    const shown = await waitFor('the silenced alert shown again on request', async () =>
      incidentRows(await drawIncidentTree(api)).find((row) => row.description.startsWith('KubeNodeNotReady')),
    );
    assert.match(shown.description, /silenced/);
    assert.match(shown.contextValue, /\+ownSilence\b/, 'a silence created here can be expired from here');
    await vscode.commands.executeCommand(Commands.hideSilencedIncidents);

    await vscode.commands.executeCommand(Commands.expireSilence, { id: incident.id });
    const after = (await main.silences()) as { id: string; status: { state: string } }[];
    assert.equal(after.find((silence) => silence.id === silenceId)?.status.state, 'expired');
    await waitFor('the alert to come back once the silence expired', async () =>
      incidentRows(await drawIncidentTree(api)).some((row) => row.description.startsWith('KubeNodeNotReady')),
    );
  });

  it('expires a silence named by its id, as the Undo button does, and only a silence made here', async () => {
    const incident = await waitFor('the alert back after its silence expired', async () => incidentNamed('KubeNodeNotReady'));
    const silenceId = await vscode.commands.executeCommand<string>(Commands.silenceIncident, { id: incident.id }, { durationMs: 3_600_000, comment: 'undo drill' });
    assert.ok(silenceId);
    await vscode.commands.executeCommand(Commands.expireSilence, { silenceId: 'a-silence-made-elsewhere' });
    const untouched = (await main.silences()) as { id: string; status: { state: string } }[];
    assert.equal(untouched.find((silence) => silence.id === silenceId)?.status.state, 'active', 'an unknown silence id expires nothing');
    await vscode.commands.executeCommand(Commands.expireSilence, { silenceId });
    const after = (await main.silences()) as { id: string; status: { state: string } }[];
    assert.equal(after.find((silence) => silence.id === silenceId)?.status.state, 'expired');
  });

  it('drops an alert once it is resolved', async () => {
    const watchdog = alerts.find((alert) => alert.labels.alertname === 'Watchdog');
    assert.ok(watchdog);
    await main.postAlerts([resolveAlert(watchdog)]);
    await waitFor('Watchdog to leave the tree', async () => !incidentRows(await drawIncidentTree(api)).some((row) => row.label.includes('Watchdog') || row.description.startsWith('Watchdog')));
  });

  it('keeps working sources going while another is down, and recovers when it returns', async () => {
    garbage = await startMisbehavingAlertmanager({ kind: 'garbage' });
    await configure([
      { name: 'main', url: main.url },
      { name: 'broken', url: garbage.url },
    ]);
    const problem = await waitFor('an error node for the broken instance', () => api.incidents.problems().find((p) => p.key === 'alertmanager/broken'));
    assert.match(problem.health.message, /broken/);
    assert.equal(problem.health.action, 'retry');
    const roots = await drawIncidentTree(api);
    assert.equal(roots[0].node.kind, 'problem', 'problems are listed first');
    assert.equal(roots[0].description, 'Retry');
    await waitFor('main to keep its alerts', () => incidentNamed('KubeAPIDown'));

    await main.halt();
    const down = await waitFor('an error node for the stopped instance', () => api.incidents.problems().find((p) => p.key === 'alertmanager/main'));
    assert.equal(down.health.action, 'retry');
    assert.ok(incidentNamed('KubeAPIDown'), 'the last known alerts stay visible while the source is down');

    await main.resume();
    // A restarted Alertmanager has lost its alerts; Prometheus would send them again.
    await main.postAlerts(alerts.filter((alert) => alert.labels.alertname !== 'Watchdog'));
    await vscode.commands.executeCommand(Commands.fixSource, 'alertmanager/main');
    await waitFor('main to recover', () => !api.incidents.problems().some((p) => p.key === 'alertmanager/main'), 30_000);
    assert.ok(incidentNamed('KubeAPIDown'));
    assert.ok(api.incidents.problems().some((p) => p.key === 'alertmanager/broken'), 'the broken one is still reported');
  });

  it('asks for credentials behind basic auth and connects once they are stored', async () => {
    secured = await startAlertmanager({ basicAuth: TEST_BASIC_AUTH });
    await secured.postAlerts(alertsFromRules(undefined, ['KubeAPIDown']));
    await configure([
      { name: 'main', url: main.url },
      { name: 'secured', url: secured.url, username: TEST_BASIC_AUTH.user },
    ]);
    const problem = await waitFor('a credentials error for the secured instance', () => api.incidents.problems().find((p) => p.key === 'alertmanager/secured'));
    assert.equal(problem.health.action, 'setCredentials');
    assert.match(problem.health.message, /401/);
    await vscode.commands.executeCommand(Commands.setAlertmanagerCredentials, 'secured', { password: TEST_BASIC_AUTH.password });
    await waitFor('the secured instance to connect', () => incidentNamed('KubeAPIDown', 'secured'));
    assert.ok(!api.incidents.problems().some((p) => p.key === 'alertmanager/secured'));
  });

  it('shows a storm of alerts in one service as a collapsed group, and an ordinary group open', async () => {
    const storm: PostableAlert[] = Array.from({ length: 25 }, (_, i) => ({
      labels: { alertname: 'PaymentsWorkerDown', severity: 'warning', service: 'payments-storm', pod: `worker-${i}` },
      annotations: { summary: `Payments worker ${i} is down.` },
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    }));
    await main.postAlerts(storm);
    try {
      const groups = await waitFor('the storm group with its 25 alerts', async () => {
        const tree = await drawIncidentTree(api);
        const all = tree.filter((n) => n.node.kind === 'severity').flatMap((level) => level.children);
        const stormGroup = all.find((group) => group.label === 'payments-storm' && group.children.length === 25);
        return stormGroup && { stormGroup, small: all.find((group) => group.label !== 'payments-storm' && group.children.length <= 20) };
      }, 30_000);
      const state = async (node: (typeof groups)['stormGroup']['node']) => (await api.incidentTree.getTreeItem(node)).collapsibleState;
      assert.equal(await state(groups.stormGroup.node), vscode.TreeItemCollapsibleState.Collapsed, 'a group of 25 alerts starts collapsed');
      assert.equal(groups.stormGroup.description, '25', 'the collapsed group shows its count');
      assert.ok(groups.small, 'an ordinary group next to the storm');
      assert.equal(await state(groups.small.node), vscode.TreeItemCollapsibleState.Expanded, 'an ordinary group starts open');
    } finally {
      await main.postAlerts(storm.map(resolveAlert));
    }
  });
});
