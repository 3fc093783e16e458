// Failing workloads of the active kube context in the Incidents view, watched (not polled)
// with the real client-node against the Kubernetes API fixture, whose request log proves
// what was listed and what only came over the watch.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../../src/constants';
import type { OnCallApi } from '../../../src/extension';
import { demoObjects, KubeApiFixture, writeKubeconfig, type KubeObject } from '../../fixtures/kube/kubeApiServer';
import { activateExtension } from '../support/hostHelpers';
import { waitFor } from '../../support/waiting';
import { drawIncidentTree, incidentRows, problemRows } from '../support/incidentTree';
import { startAlertmanager, type RunningAlertmanager } from '../../fixtures/alertmanager/alertmanagerProcess';

/** The same pod, now waiting in CrashLoopBackOff after a failed run. */
function crashLooping(pod: KubeObject): KubeObject {
  const copy = JSON.parse(JSON.stringify(pod)) as KubeObject & { status: { containerStatuses: Record<string, unknown>[] } };
  copy.status.containerStatuses = copy.status.containerStatuses.map((status) => ({
    ...status,
    ready: false,
    started: false,
    restartCount: 3,
    state: { waiting: { reason: 'CrashLoopBackOff', message: 'back-off 40s restarting failed container' } },
    lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: new Date(Date.now() - 60_000).toISOString(), finishedAt: new Date(Date.now() - 50_000).toISOString() } },
  }));
  return copy;
}

describe('Kubernetes signals in the Incidents view', function () {
  this.timeout(90_000);
  let api: OnCallApi;
  let cluster: KubeApiFixture;
  let folder: string;

  const kubeIncident = (pod: string) => [...api.incidents.incidents()].find((incident) => incident.source === 'kubernetes' && incident.labels.pod === pod);
  const podLists = () => cluster.requests().filter((request) => request.method === 'GET' && !request.watch && /\/pods$/.test(request.path));

  before(async () => {
    api = await activateExtension();
    cluster = await KubeApiFixture.start({ objects: demoObjects() });
    folder = mkdtempSync(join(tmpdir(), 'oncall-kube-incidents-'));
    const kubeconfig = join(folder, 'config');
    writeKubeconfig(kubeconfig, [{ name: 'demo', server: cluster.url, namespace: 'shop' }], 'demo');
    await vscode.workspace.getConfiguration().update(Settings.kubeconfigPath, kubeconfig, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('oncall.incidents.focus');
  });

  after(async () => {
    await vscode.workspace.getConfiguration().update(Settings.kubeconfigPath, undefined, vscode.ConfigurationTarget.Workspace);
    await cluster?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('lists the failing pods of the active context with their reasons', async () => {
    const crashing = await waitFor('the crash-looping pod', () => kubeIncident('web-7d9c-fghij'), 30_000);
    assert.equal(crashing.sourceName, 'demo');
    assert.equal(crashing.alertName, 'KubePodCrashLooping');
    assert.match(crashing.title, /CrashLoopBackOff/);
    const oom = await waitFor('the OOM-killed pod', () => kubeIncident('checkout-5f6b-xyz12'));
    assert.match(`${oom.title} ${JSON.stringify(oom.annotations)}`, /OOMKilled|CrashLoopBackOff/);
    const rows = incidentRows(await drawIncidentTree(api));
    const row = rows.find((candidate) => candidate.node.id === crashing.id);
    assert.ok(row, 'the pod is drawn in the tree');
    assert.equal(row.group, 'shop');
    assert.match(row.contextValue, /^oncall:incident\+kubernetes\b/);
  });

  it('shows a pod entering CrashLoopBackOff from the watch, without listing again', async () => {
    await waitFor('the initial list', () => podLists().length > 0);
    const listsBefore = podLists().length;
    const healthy = cluster.get('Pod', 'shop', 'web-7d9c-abcde');
    assert.ok(healthy);
    assert.equal(kubeIncident('web-7d9c-abcde'), undefined, 'a healthy pod is no incident');
    cluster.upsert(crashLooping(healthy));
    const incident = await waitFor('the newly crashing pod', () => kubeIncident('web-7d9c-abcde'));
    assert.match(incident.title, /CrashLoopBackOff/);
    assert.equal(podLists().length, listsBefore, 'the change came over the watch');
  });

  it('resumes a watch the server dropped, and keeps showing changes', async () => {
    cluster.dropWatches({ abrupt: true });
    const pod = cluster.get('Pod', 'shop', 'web-7d9c-klmno');
    assert.ok(pod);
    await waitFor('a watch to be open again', () => cluster.openWatchCount() > 0, 30_000);
    cluster.upsert(crashLooping(pod));
    await waitFor('the change made after the drop', () => kubeIncident('web-7d9c-klmno'), 30_000);
  });

  it('watches only the namespaces the user chose, and all again when none is chosen', async () => {
    const watchedNamespaces = () => new Set([...api.incidents.incidents()].filter((i) => i.source === 'kubernetes' && i.labels.namespace).map((i) => i.labels.namespace));
    await vscode.commands.executeCommand(Commands.chooseWatchedNamespaces, ['payments']);
    try {
      await waitFor('payments incidents only', () => {
        const namespaces = watchedNamespaces();
        return namespaces.size === 1 && namespaces.has('payments');
      });
      assert.ok(cluster.requests().some((request) => request.path === '/api/v1/namespaces/payments/pods'), 'pods are listed in that namespace');
    } finally {
      await vscode.commands.executeCommand(Commands.chooseWatchedNamespaces, []);
    }
    await waitFor('shop pods to come back', () => kubeIncident('web-7d9c-fghij'));
  });

  it('opens the runbook that lists the alert the signal corresponds to', async () => {
    const incident = kubeIncident('web-7d9c-fghij');
    assert.ok(incident);
    assert.equal(await vscode.commands.executeCommand<boolean>(Commands.openIncidentRunbook, { id: incident.id }), true);
    // A kube signal has no runbook_url: of the team's two runbooks listing KubePodCrashLooping in
    // their front matter, the one whose title names the crashing container ("Web pods") wins, over
    // checkout's and over the upstream file of the same name.
    assert.match(vscode.window.activeTextEditor?.document.uri.path ?? '', /\/runbooks\/kube-checks\.md$/);
  });
});

function kubeIncidentTitle(api: OnCallApi, pod: string): string | undefined {
  return [...api.incidents.incidents()].find((incident) => incident.source === 'kubernetes' && incident.labels.pod === pod && !incident.labels.kind)?.title;
}

describe('One problem, one row: an alert and the cluster about one Deployment', function () {
  this.timeout(120_000);
  let api: OnCallApi;
  let cluster: KubeApiFixture;
  let alertmanager: RunningAlertmanager;
  let folder: string;
  const settings = () => vscode.workspace.getConfiguration();

  before(async () => {
    api = await activateExtension();
    // Only shop/web: its Deployment (1 of 3 available), ReplicaSet, pods and their events.
    const web = demoObjects().filter((object) => object.metadata.namespace === 'shop' && object.metadata.name.startsWith('web'));
    cluster = await KubeApiFixture.start({ objects: web });
    alertmanager = await startAlertmanager();
    await alertmanager.postAlerts([
      {
        labels: { alertname: 'KubePodCrashLooping', severity: 'critical', namespace: 'shop', pod: 'web-7d9c-fghij', container: 'web', cluster: 'demo' },
        annotations: { summary: 'A web pod keeps crashing.', runbook_url: 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping' },
        startsAt: new Date(Date.now() - 42 * 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
    ]);
    folder = mkdtempSync(join(tmpdir(), 'oncall-kube-problems-'));
    const kubeconfig = join(folder, 'config');
    writeKubeconfig(kubeconfig, [{ name: 'demo', server: cluster.url, namespace: 'shop' }], 'demo');
    await settings().update(Settings.kubeconfigPath, kubeconfig, vscode.ConfigurationTarget.Workspace);
    await settings().update(Settings.alertmanagerPollInterval, 1, vscode.ConfigurationTarget.Workspace);
    await settings().update(Settings.alertmanagerInstances, [{ name: 'main', url: alertmanager.url }], vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('oncall.incidents.focus');
  });

  after(async () => {
    await settings().update(Settings.alertmanagerInstances, undefined, vscode.ConfigurationTarget.Workspace);
    await settings().update(Settings.alertmanagerPollInterval, undefined, vscode.ConfigurationTarget.Workspace);
    await settings().update(Settings.kubeconfigPath, undefined, vscode.ConfigurationTarget.Workspace);
    await Promise.all([cluster?.stop(), alertmanager?.stop()]);
    rmSync(folder, { recursive: true, force: true });
  });

  it('draws the alert, the pod, its events and the Deployment as one row, and the badge counts it once', async () => {
    const rows = await waitFor('one folded row with both sources', async () => {
      const drawn = problemRows(await drawIncidentTree(api));
      const parts = incidentRows(await drawIncidentTree(api)).filter((row) => row.folded !== undefined);
      return drawn.length === 1 && /^P1 · Alertmanager \+ Kubernetes · /.test(drawn[0].description) && parts.some((row) => /Warning|BackOff|Unhealthy/.test(row.label)) ? { drawn, parts } : undefined;
    }, 60_000);
    const [problem] = rows.drawn;
    assert.equal(problem.level, 'P1 · High');
    assert.equal(problem.group, 'shop');
    assert.match(problem.label, /^deployment\/web · (overdue )?\d/);
    assert.match(problem.contextValue, /^oncall:incident\+problem\b.*\+silenceable\b.*\+workload\b/);
    const sources = new Set(rows.parts.map((row) => row.contextValue.split('+')[1]));
    assert.deepEqual([...sources].sort(), ['alertmanager', 'kubernetes']);
    assert.ok(rows.parts.some((row) => /web-7d9c-fghij web: CrashLoopBackOff/.test(row.label)), 'the pod');
    assert.ok(rows.parts.some((row) => /shop\/web: 1\/3 replicas available/.test(row.label)), 'the Deployment');
    assert.ok(rows.parts.some((row) => /A web pod keeps crashing/.test(row.label)), 'the alert');
    // Two P1 incidents (the alert, the Deployment), one problem.
    const urgentIncidents = [...api.incidents.incidents()].filter((incident) => incident.severity === 'P1').length;
    assert.equal(urgentIncidents, 2);
    assert.equal(api.incidentTree.urgentCount, 1);
    assert.equal(api.notifier.shown.filter((text) => /shop\/web/.test(text)).length <= 1, true, 'one notification for the problem at most');
  });

  it('redraws only the problem row when one of its parts changes', async () => {
    const [problem] = problemRows(await drawIncidentTree(api));
    const fired: (string | undefined)[] = [];
    const clockBefore = api.incidentTree.redraws.clock;
    const listening = api.incidentTree.onDidChangeTreeData((node) => fired.push(Array.isArray(node) ? node.map((n) => n.id).join() : node?.id));
    try {
      const pod = cluster.get('Pod', 'shop', 'web-7d9c-fghij') as KubeObject & { status: { containerStatuses: { restartCount: number }[] } };
      const restarted = JSON.parse(JSON.stringify(pod)) as typeof pod;
      restarted.status.containerStatuses[0].restartCount += 1;
      cluster.upsert(restarted);
      const title = `${restarted.status.containerStatuses[0].restartCount} restarts`;
      await waitFor('the pod part to change', () => kubeIncidentTitle(api, 'web-7d9c-fghij')?.includes(title));
      await waitFor('the problem row to be redrawn', () => fired.includes(problem.node.id));
      // The minute clock redraws the whole tree once a minute while the view shows; that is not the change's.
      let clockTicks = api.incidentTree.redraws.clock - clockBefore;
      const byData = fired.filter((id) => id !== undefined || clockTicks-- <= 0);
      assert.deepEqual([...new Set(byData)], [problem.node.id], 'only the problem row (its parts with it), never the whole tree');
    } finally {
      listening.dispose();
    }
  });

  it('acts on the right part from the problem row: the alert to silence, the Deployment to describe', async () => {
    const [problem] = problemRows(await drawIncidentTree(api));
    assert.equal(problem.node.kind, 'folded');
    const parts = problem.node.kind === 'folded' ? problem.node.parts : {};
    assert.equal(api.incidents.find(parts.alert ?? '')?.alertName, 'KubePodCrashLooping');
    assert.equal(api.incidents.find(parts.object ?? '')?.labels.deployment, 'web');
    assert.equal(api.incidents.find(parts.primary ?? '')?.source, 'alertmanager', "the alert's runbook");
    // Describe reads the Deployment the problem is about, not one of its pods.
    const uri = await vscode.commands.executeCommand<string | undefined>(Commands.describeWorkload, problem.node);
    assert.ok(uri, 'Describe opened a document');
    const described = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    await waitFor('the description', () => /Replicas: +3 desired/.test(described.getText()), 30_000);
    assert.match(described.getText(), /^Describe of deployment shop\/web, in context demo\n/);
    // Copy Summary speaks for the whole problem, the runbook's part first.
    const summary = await vscode.commands.executeCommand<string>(Commands.copyIncidentSummary, problem.node);
    assert.match(summary, /^P1 deployment shop\/web: KubePodCrashLooping, .*\(Alertmanager \+ Kubernetes\), since .*; \d+ signals:\n {2}\[P1\] KubePodCrashLooping: /);
    assert.match(summary, /1\/3 replicas available/);
    await vscode.commands.executeCommand(Commands.silenceIncident, problem.node, { durationMs: 60 * 60_000, comment: 'folded row' });
    await waitFor('the silence on the alert', async () => (await alertmanager.silences()).length === 1);
    const silences = (await alertmanager.silences()) as { matchers: { name: string; value: string }[] }[];
    assert.ok(silences[0].matchers.some((matcher) => matcher.name === 'alertname' && matcher.value === 'KubePodCrashLooping'));
  });
});
