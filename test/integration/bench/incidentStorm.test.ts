// Benchmark, run in a host of its own by `npm run bench`: an Alertmanager storm of 100,000
// alerts in which one alert changes between any two polls (bench/hostServers.ts). Measured
// through the product's public entry points, so whatever the hub and the Incidents view do
// with a poll is counted: the time of one poll as the source runs it (fetch, parse, convert,
// diff, hub and tree update) against a bare JSON.parse of the same body in the same host; the
// heap the storm adds, after full collections; and what the view redraws per poll, as the
// calls VS Code makes to the tree provider.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import * as vscode from 'vscode';
import { Settings } from '../../../src/constants';
import type { IncidentNode } from '../../../src/views/incidentsTreeProvider';
import { activateExtension } from '../support/hostHelpers';
import { waitFor } from '../../support/waiting';
import { report, settledMemory, STORM_HOST } from './benchHost';

const ALERTS = 100_000;
const POLLS = 7;

/** Calls VS Code makes to the provider, counted by wrapping its public methods on the instance. */
function countTreeCalls(tree: vscode.TreeDataProvider<IncidentNode>): { fires: number; getTreeItem: number; getChildren: number; calls(): number } {
  const counts = { fires: 0, getTreeItem: 0, getChildren: 0, calls: () => counts.getTreeItem + counts.getChildren };
  const getTreeItem = tree.getTreeItem.bind(tree);
  const getChildren = tree.getChildren.bind(tree);
  tree.getTreeItem = (element) => {
    counts.getTreeItem++;
    return getTreeItem(element);
  };
  tree.getChildren = (element) => {
    counts.getChildren++;
    return getChildren(element);
  };
  tree.onDidChangeTreeData?.(() => counts.fires++);
  return counts;
}

/** Resolves once no call has reached the provider for `quietMs`: VS Code has redrawn what it was told to. */
async function treeSettled(counts: { calls(): number; fires: number }, quietMs = 750): Promise<void> {
  let last = -1;
  let since = Date.now();
  await waitFor('the Incidents view to settle', () => {
    const now = counts.calls() + counts.fires;
    if (now !== last) {
      last = now;
      since = Date.now();
    }
    return Date.now() - since >= quietMs;
  }, 60_000);
}

describe(`benchmark (${STORM_HOST}): 100,000 alerts, one changing per poll`, function () {
  this.timeout(600_000);

  it('polls the storm and counts what the Incidents view redraws', async function () {
    const url = process.env.ONCALL_BENCH_STORM_URL;
    if (!url) {
      console.log('storm: skipped, its Alertmanager is started by `npm run bench`');
      this.skip();
    }
    const api = await activateExtension();
    const settings = vscode.workspace.getConfiguration();
    // Polls come from the benchmark only, not from the timer.
    await settings.update(Settings.alertmanagerPollInterval, 3600, vscode.ConfigurationTarget.Workspace);
    const counts = countTreeCalls(api.incidentTree);
    await vscode.commands.executeCommand('oncall.incidents.focus');
    await treeSettled(counts);
    const baseline = await settledMemory();

    await settings.update(Settings.alertmanagerInstances, [{ name: 'storm', url }], vscode.ConfigurationTarget.Workspace);
    const storm = () => api.incidents.alertmanager('storm');
    await waitFor('100,000 alerts', () => storm()?.health.state === 'ok' && storm()!.incidents.length === ALERTS, 300_000);
    await treeSettled(counts);
    const afterFirst = await settledMemory();
    const source = storm()!;

    let reference = await (await fetch(`${url}/api/v2/alerts?reference`)).text();
    const bodyMb = reference.length / 1024 / 1024;
    let kept: unknown;
    const pollMs: number[] = [];
    const parseMs: number[] = [];
    const perPoll: { fires: number; getTreeItem: number; getChildren: number }[] = [];
    for (let i = 0; i < POLLS + 1; i++) {
      // The reference keeps its result until the next one, as the source keeps its snapshot.
      kept = undefined;
      let start = performance.now();
      kept = JSON.parse(reference);
      const parsed = performance.now() - start;
      const before = { fires: counts.fires, getTreeItem: counts.getTreeItem, getChildren: counts.getChildren };
      start = performance.now();
      await source.refresh();
      const polled = performance.now() - start;
      await treeSettled(counts);
      // The first one warms up the changed poll's code paths.
      if (i === 0) continue;
      pollMs.push(polled);
      parseMs.push(parsed);
      perPoll.push({ fires: counts.fires - before.fires, getTreeItem: counts.getTreeItem - before.getTreeItem, getChildren: counts.getChildren - before.getChildren });
    }
    assert.ok(kept !== undefined);
    // Neither the reference body nor its parse may count in the heap the storm adds.
    kept = undefined;
    reference = '';
    assert.equal(source.incidents.length, ALERTS);
    const afterPolls = await settledMemory();
    // ONCALL_BENCH_HEAP_SNAPSHOTS=<folder>: a heap snapshot with the storm held, to see where it goes.
    const folder = process.env.ONCALL_BENCH_HEAP_SNAPSHOTS;
    if (folder) writeHeapSnapshot(join(folder, 'storm.heapsnapshot'));

    console.log(`storm: poll ${pollMs.map((ms) => ms.toFixed(0)).join(', ')} ms; JSON.parse ${parseMs.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    console.log(`storm: heap ${baseline.heapUsedMb.toFixed(1)} → ${afterFirst.heapUsedMb.toFixed(1)} (first poll) → ${afterPolls.heapUsedMb.toFixed(1)} MB (after ${POLLS + 1} changed polls)`);
    console.log(`storm: per changed poll ${JSON.stringify(perPoll)}`);
    report({ stormPollMs: pollMs, stormParseMs: parseMs, stormBaseline: baseline, stormAfterFirst: afterFirst, stormAfterPolls: afterPolls, stormTree: perPoll, stormBodyMb: bodyMb });
    await settings.update(Settings.alertmanagerInstances, undefined, vscode.ConfigurationTarget.Workspace);
  });
});
