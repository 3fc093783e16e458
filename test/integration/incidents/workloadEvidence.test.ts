// What a failing workload says, read in the real extension host from the Kubernetes API
// fixture through client-node: logs, previous logs, describe and events open as read-only
// documents whose text is checked here, a followed log receives the lines the fixture appends
// (also across a dropped stream), and each bad answer reads as one sentence.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../../src/constants';
import type { OnCallApi } from '../../../src/extension';
import { demoObjects, demoPodLogs, KubeApiFixture, writeKubeconfig, type KubeObject } from '../../fixtures/kube/kubeApiServer';
import { activateExtension } from '../support/hostHelpers';
import { drawIncidentTree, incidentRows } from '../support/incidentTree';
import { waitFor } from '../../support/waiting';

function sidecarPod(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'api-sidecar', namespace: 'shop', labels: { app: 'api-sidecar' } },
    spec: { containers: [{ name: 'api', image: 'api:1' }, { name: 'proxy', image: 'envoy:1' }] },
    status: {
      phase: 'Running',
      containerStatuses: [
        { name: 'api', restartCount: 0, ready: true, state: { running: { startedAt: '2026-12-06T06:00:00Z' } } },
        { name: 'proxy', restartCount: 0, ready: true, state: { running: { startedAt: '2026-12-06T06:00:00Z' } } },
      ],
    },
  };
}

describe('Logs, previous logs, describe and events of a failing workload', function () {
  this.timeout(120_000);
  let api: OnCallApi;
  let cluster: KubeApiFixture;
  let folder: string;

  const kubeIncident = (label: string, value: string) => [...api.incidents.incidents()].find((incident) => incident.source === 'kubernetes' && incident.labels[label] === value);
  const logRequests = (pod: string) => cluster.requests().filter((request) => request.path === `/api/v1/namespaces/shop/pods/${pod}/log`);

  /** Runs an evidence command and waits until its document reads `until`. */
  async function open(command: string, argument: unknown, until: RegExp): Promise<vscode.TextDocument> {
    const uri = await vscode.commands.executeCommand<string | undefined>(command, argument);
    assert.ok(uri, `${command} opened a document`);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    await waitFor(`${until.source} in ${uri}`, () => until.test(document.getText()), 30_000);
    return document;
  }

  before(async () => {
    api = await activateExtension();
    cluster = await KubeApiFixture.start({ objects: [...demoObjects(), sidecarPod()], logs: demoPodLogs() });
    cluster.setPodLog({ namespace: 'shop', pod: 'api-sidecar', container: 'api', text: 'api ready\n' });
    cluster.setPodLog({ namespace: 'shop', pod: 'api-sidecar', container: 'proxy', text: 'envoy ready\n' });
    folder = mkdtempSync(join(tmpdir(), 'oncall-workload-evidence-'));
    const kubeconfig = join(folder, 'config');
    writeKubeconfig(kubeconfig, [{ name: 'demo', server: cluster.url, namespace: 'shop' }], 'demo');
    await vscode.workspace.getConfiguration().update(Settings.kubeconfigPath, kubeconfig, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('oncall.incidents.focus');
    await waitFor('the crash-looping pod', () => kubeIncident('pod', 'web-7d9c-fghij'), 30_000);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (api.sessions.active) await vscode.commands.executeCommand(Commands.resolveSession, 'workload evidence checked');
    await vscode.workspace.getConfiguration().update(Settings.kubeconfigPath, undefined, vscode.ConfigurationTarget.Workspace);
    await cluster?.stop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('offers logs on pod and workload rows, and describe and events on node rows', async () => {
    const rows = incidentRows(await drawIncidentTree(api));
    const row = (incident: { id: string } | undefined) => rows.find((candidate) => candidate.node.id === incident?.id);
    assert.match(row(kubeIncident('pod', 'web-7d9c-fghij'))?.contextValue ?? '', /\+workload\+logs\b/);
    assert.match(row(kubeIncident('deployment', 'web'))?.contextValue ?? '', /\+workload\+logs\b/);
    const node = row(await waitFor('the unreachable node', () => kubeIncident('node', 'node-b')));
    assert.match(node?.contextValue ?? '', /\+workload$/);
  });

  it('opens the logs of an incident since it began, titled with the object and context', async () => {
    const incident = kubeIncident('pod', 'web-7d9c-fghij')!;
    const document = await open(Commands.showWorkloadLogs, { id: incident.id }, /End of log: 2 lines\./);
    const lines = document.getText().split('\n');
    assert.equal(lines[0], `Logs of pod shop/web-7d9c-fghij, container web, since ${incident.startedAt}, in context demo`);
    assert.equal(lines[1], `$ kubectl --context demo -n shop logs web-7d9c-fghij -c web --since-time=${incident.startedAt} --timestamps`);
    assert.match(document.getText(), /^\S+Z connecting to orders-db\.shop\.svc\.cluster\.local:5432$/m);
    assert.match(document.uri.path, /Logs pod web-7d9c-fghij web \(demo\)\.log$/);
    const request = logRequests('web-7d9c-fghij').at(-1);
    assert.deepEqual({ container: request?.query['container'], since: request?.query['sinceTime'], timestamps: request?.query['timestamps'] }, { container: 'web', since: incident.startedAt, timestamps: 'true' });
  });

  it('opens the previous container logs of a crash-looping pod', async () => {
    const incident = kubeIncident('pod', 'web-7d9c-fghij')!;
    const document = await open(Commands.showPreviousLogs, { id: incident.id }, /End of log: 4 lines\./);
    assert.match(document.getText(), /Error: connect ECONNREFUSED 10\.96\.45\.3:5432/);
    assert.match(document.getText().split('\n')[1], /logs web-7d9c-fghij -c web --previous --timestamps$/);
    assert.equal(logRequests('web-7d9c-fghij').at(-1)?.query['previous'], 'true');
  });

  it('says in one sentence that a container never restarted, that a pod is gone, or that reading is forbidden', async () => {
    const never = await open(Commands.showPreviousLogs, { kind: 'pod', name: 'web-7d9c-abcde', namespace: 'shop', container: 'web' }, /previous/);
    await waitFor('the sentence', () => /has no previous instance/.test(never.getText()));
    assert.equal(never.getText().split('\n')[3], 'Container "web" of pod shop/web-7d9c-abcde has no previous instance (it has not restarted, or never started), so there are no previous logs.');
    const gone = await open(Commands.showWorkloadLogs, { kind: 'pod', name: 'web-0000-gone', namespace: 'shop', container: 'web' }, /no longer exists/);
    assert.equal(gone.getText().split('\n')[3], 'Pod shop/web-0000-gone no longer exists in context "demo" (404): it was deleted or replaced.');
    cluster.failNext(403, 1, { path: /\/pods\/checkout-5f6b-xyz12\/log$/ });
    const forbidden = await open(Commands.showWorkloadLogs, { kind: 'pod', name: 'checkout-5f6b-xyz12', namespace: 'shop', container: 'checkout' }, /403/);
    assert.equal(forbidden.getText().split('\n')[3], 'User "demo-user" may not get pods/log in namespace "shop" in context "demo" (403 Forbidden).');
  });

  it('reads a workload\'s logs from its failing pod, and all containers of a pod prefixed', async () => {
    const deployment = kubeIncident('deployment', 'web')!;
    const document = await open(Commands.showWorkloadLogs, { id: deployment.id, pod: 'web-7d9c-fghij' }, /End of log/);
    assert.match(document.getText().split('\n')[0], /^Logs of deployment shop\/web, pod web-7d9c-fghij, container web/);
    const both = await open(Commands.showWorkloadLogs, { kind: 'pod', name: 'api-sidecar', namespace: 'shop', allContainers: true }, /End of log: 2 lines\./);
    assert.match(both.getText(), /^\[api\] \S+ api ready$/m);
    assert.match(both.getText(), /^\[proxy\] \S+ envoy ready$/m);
    assert.match(both.getText().split('\n')[1], /logs api-sidecar --all-containers --timestamps$/);
  });

  it('describes a pod, a deployment and a node as a readable summary', async () => {
    const pod = await open(Commands.describeWorkload, { id: kubeIncident('pod', 'web-7d9c-fghij')!.id }, /Recent events/);
    const text = pod.getText();
    assert.match(text, /^Describe of pod shop\/web-7d9c-fghij, in context demo\n\$ kubectl --context demo -n shop describe pod web-7d9c-fghij\n/);
    assert.match(text, /State: +Waiting \(CrashLoopBackOff\)/);
    assert.match(text, /Last state: +Terminated \(Error\), exit code 1/);
    assert.match(text, /Restarts: +14/);
    assert.match(text, /Controlled by: +ReplicaSet web-7d9c/);
    assert.match(text, /Warning +BackOff/);
    const deployment = await open(Commands.describeWorkload, { id: kubeIncident('deployment', 'web')!.id }, /Recent events/);
    assert.match(deployment.getText(), /Replicas: +3 desired/);
    const node = await open(Commands.describeWorkload, { id: kubeIncident('node', 'node-b')!.id }, /Recent events/);
    assert.match(node.getText(), /Ready +Unknown/);
    assert.ok(cluster.requests().some((r) => r.path === '/api/v1/events' && String(r.query['fieldSelector']).includes('involvedObject.name=node-b')));
  });

  it('lists the events of an object, newest first', async () => {
    const document = await open(Commands.showWorkloadEvents, { kind: 'pod', name: 'web-7d9c-fghij', namespace: 'shop' }, /newest first/);
    await waitFor('the events', () => /UTC {2}\S+ ago +Warning/.test(document.getText()));
    const times = document.getText().split('\n').filter((line) => / UTC {2}/.test(line)).map((line) => line.slice(0, 19));
    assert.ok(times.length > 0);
    assert.deepEqual(times, [...times].sort().reverse());
  });

  it('follows a log: appended lines arrive, a dropped stream resumes without duplicates, and it stops', async () => {
    const where = { namespace: 'shop', pod: 'web-7d9c-abcde' };
    const document = await open(Commands.showWorkloadLogs, { kind: 'pod', name: 'web-7d9c-abcde', namespace: 'shop', container: 'web', follow: true }, /Following/);
    const uri = document.uri.toString();
    await waitFor('the follow stream', () => cluster.logFollowerCount() === 1);
    cluster.appendPodLog(where, ['GET /api/cart 200 8ms']);
    await waitFor('the appended line', () => document.getText().includes('GET /api/cart 200 8ms'));
    cluster.dropLogStreams({ abrupt: true });
    await waitFor('the resumed stream', () => /stream resumed 1 time\)/.test(document.getText()) && cluster.logFollowerCount() === 1, 30_000);
    cluster.appendPodLog(where, ['after the drop']);
    await waitFor('the line after the drop', () => document.getText().includes('after the drop'));
    const body = document.getText().split('\n').filter((line) => /^\S+Z /.test(line));
    assert.deepEqual(body.map((line) => line.replace(/^\S+ /, '')), ['listening on :8080', 'GET /healthz 200 1ms', 'GET /api/cart 200 12ms', 'GET /api/cart 200 8ms', 'after the drop']);
    assert.equal(await vscode.commands.executeCommand(Commands.stopFollowingLogs, uri), true);
    await waitFor('the end', () => /End of log: 5 lines\./.test(document.getText()));
    await waitFor('the stream closed', () => cluster.logFollowerCount() === 0);
    // Follow again from where it stopped: only what came since is added.
    cluster.appendPodLog(where, ['while not following']);
    assert.equal(await vscode.commands.executeCommand(Commands.followLogs, uri), true);
    await waitFor('following again', () => /Following/.test(document.getText()) && cluster.logFollowerCount() === 1);
    await waitFor('the line written meanwhile', () => document.getText().includes('while not following'));
    assert.equal(await vscode.commands.executeCommand(Commands.stopFollowingLogs, uri), true);
    await waitFor('the end again', () => /End of log: 6 lines\./.test(document.getText()));
  });

  it('streams 100 MB of logs (more with timestamps) into the newest 2 MB, with a note', async () => {
    cluster.setSyntheticPodLog({ namespace: 'shop', pod: 'web-7d9c-klmno' }, { bytes: 100 * 1024 * 1024, startMs: Date.now() - 3_600_000 });
    const document = await open(Commands.showWorkloadLogs, { kind: 'pod', name: 'web-7d9c-klmno', namespace: 'shop', container: 'web' }, /End of log/);
    assert.match(document.getText(), /Only the newest 2\.0 MB are shown: [\d,]+ lines \(\d{3}\.\d MB\) before them were left out\./);
    assert.ok(document.getText().length < 2.2 * 1024 * 1024);
    assert.match(document.getText(), /synthetic line \d+ x+\n$/);
  });

  it('adds the selection to the active incident\'s timeline and copies the kubectl command', async () => {
    const incident = kubeIncident('pod', 'web-7d9c-fghij')!;
    const document = await open(Commands.showPreviousLogs, { id: incident.id }, /End of log/);
    const editor = await vscode.window.showTextDocument(document);
    const line = document.getText().split('\n').findIndex((text) => text.includes('ECONNREFUSED'));
    editor.selection = new vscode.Selection(line, 0, line + 1, 0);
    if (api.sessions.active) await vscode.commands.executeCommand(Commands.resolveSession, 'left over by an earlier test');
    assert.equal(await vscode.commands.executeCommand(Commands.addEvidenceExcerpt), false, 'no incident is active yet');
    if (!api.sessions.active) await api.sessions.start({ title: 'web crash loop' });
    assert.equal(await vscode.commands.executeCommand(Commands.addEvidenceExcerpt, document.uri.toString()), true);
    const timeline = await api.sessions.timeline(api.sessions.active!.id);
    const note = timeline?.events.find((event) => event.type === 'note');
    assert.ok(note && note.type === 'note');
    assert.match(note.text, /^Previous Logs of pod shop\/web-7d9c-fghij, container web, in context demo \(1 selected line\)\n\$ kubectl .* --previous --timestamps\n\S+ Error: connect ECONNREFUSED/);
    const command = await vscode.commands.executeCommand<string>(Commands.copyKubectlCommand, document.uri.toString());
    assert.equal(command, 'kubectl --context demo -n shop logs web-7d9c-fghij -c web --previous --timestamps');
    assert.equal(await vscode.env.clipboard.readText(), command);
  });
});
