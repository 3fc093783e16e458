// Benchmark, run in several fresh extension hosts by `npm run bench` after activation.test.ts,
// which took the baseline (every extension active but On-Call): the extension host's memory
// once On-Call carries everything the other figures measure. The incident servers run in the
// bench process, not in this host, so their memory is not counted. What VS Code itself spends
// on the same editor and terminal is measured in hosts without On-Call (vscodeOwnMemory.test.ts).
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID, Settings } from '../../../src/constants';
import { BENCH_WORKSPACE } from '../../fixtures/bench/corpus';
import { activateExtension, workspaceFolder } from '../support/hostHelpers';
import { sleep, waitFor } from '../../support/waiting';
import { describeHeapSpaces, FRESH_HOST, report, settledMemory } from './benchHost';

describe(`benchmark (${FRESH_HOST}): memory with everything loaded`, function () {
  this.timeout(300_000);

  it('loads the corpus, a 10,000-line runbook, 10,000 alerts, 5,000 pods and a terminal', async function () {
    const kubeconfig = process.env.ONCALL_BENCH_KUBECONFIG;
    const alertmanager = process.env.ONCALL_BENCH_ALERTMANAGER_URL;
    if (!kubeconfig || !alertmanager) {
      console.log('memory: skipped, the incident servers are started by `npm run bench`');
      this.skip();
    }
    const activeBefore = new Set(vscode.extensions.all.filter((e) => e.isActive).map((e) => e.id));
    const api = await activateExtension();
    // The heap after each stage, to show where memory goes (each after a full collection).
    const stages: { stage: string; heapUsedMb: number; rssMb: number }[] = [];
    const stage = async (name: string) => {
      const memory = await settledMemory();
      stages.push({ stage: name, heapUsedMb: memory.heapUsedMb, rssMb: memory.rssMb });
      // ONCALL_BENCH_HEAP_SNAPSHOTS=<folder>: a heap snapshot after each stage, to compare in DevTools.
      const folder = process.env.ONCALL_BENCH_HEAP_SNAPSHOTS;
      if (folder) writeHeapSnapshot(join(folder, `${stages.length}-${name.replace(/[^A-Za-z0-9]+/g, '-')}.heapsnapshot`));
    };
    await stage('activated');

    // Runbooks: the whole corpus indexed, the Runbooks view drawn.
    await api.runbooks.ensureLoaded();
    const runbooks = api.runbooks.all().length;
    await vscode.commands.executeCommand('oncall.runbooks.focus');
    await sleep(1_000);
    await stage(`${runbooks} runbooks indexed`);

    // The 10,000-line runbook in an editor, with its lenses.
    const big = vscode.Uri.joinPath(workspaceFolder(), BENCH_WORKSPACE.bigRunbook);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(big));
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', big);
    assert.ok(lenses.length > 100, `lenses for the big runbook: ${lenses.length}`);

    // A step run in its terminal (before a kube context is set: no cluster to confirm).
    const checks = vscode.Uri.joinPath(workspaceFolder(), 'runbooks/kube-checks.md');
    const step = (await api.runbooks.runbookFor(checks))?.steps.find((s) => s.content.trim() === 'date +%s%3N > click-stamp.txt');
    assert.ok(step);
    const outcome = await vscode.commands.executeCommand<{ ran: boolean; terminal?: { finished?: Promise<unknown> } }>(Commands.runStep, { uri: checks.toString(), stepId: step.id });
    assert.ok(outcome.ran);
    await outcome.terminal?.finished;
    await stage('10,000-line runbook open with lenses, a step run');

    // Incidents: 10,000 Alertmanager alerts polled and drawn in the Incidents view, then 5,000
    // pods listed and watched (this loads the Kubernetes client).
    const settings = vscode.workspace.getConfiguration();
    const count = (kind: string) => api.incidents.sources.filter((s) => s.kind === kind && s.health.state === 'ok').reduce((n, s) => n + s.incidents.length, 0);
    await settings.update(Settings.alertmanagerInstances, [{ name: 'bench', url: alertmanager }], vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('oncall.incidents.focus');
    await waitFor('10,000 alerts', () => count('alertmanager') >= 9_000, 120_000);
    await sleep(2_000);
    await stage('10,000 alerts polled, Incidents view drawn');
    await settings.update(Settings.kubeconfigPath, kubeconfig, vscode.ConfigurationTarget.Workspace);
    await waitFor('5,000 pods', () => count('kubernetes') >= 100, 120_000);
    const incidents = { alertmanager: count('alertmanager'), kubernetes: count('kubernetes') };
    // Time for the view to draw and the next poll to come and go.
    await sleep(3_000);
    await stage('5,000 pods listed and watched');

    const after = await settledMemory();
    console.log(`heap spaces with everything loaded, MB: ${describeHeapSpaces()}`);
    const alsoActivated = vscode.extensions.all.filter((e) => e.isActive && !activeBefore.has(e.id) && e.id !== EXTENSION_ID).map((e) => e.id);
    console.log(
      `memory with everything loaded: rss ${after.rssMb.toFixed(1)} MB, heap ${after.heapUsedMb.toFixed(1)} MB ` +
        `(${runbooks} runbooks, ${lenses.length} lenses, ${incidents.alertmanager} alert and ${incidents.kubernetes} kube incidents; activated meanwhile: ${alsoActivated.join(', ') || 'none'})`,
    );
    console.log(`memory by stage: ${stages.map((s) => `${s.stage}: heap ${s.heapUsedMb.toFixed(1)} MB, rss ${s.rssMb.toFixed(1)} MB`).join('; ')}`);
    report({ memoryAfter: after, memoryStages: stages, memoryLoad: { runbooks, lenses: lenses.length, ...incidents, alsoActivated } });
  });
});
