// Plain-node harness of the alert storm's heap, for heap snapshots: the Alertmanager source
// polling the storm, plus what the hub and the view keep of it (the merged map, the problems they
// fold into, and the view's layout and row index of them).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeHeapSnapshot } from 'node:v8';
import { makeAlertStorm } from '../test/fixtures/alertmanager/alertStorm';
import { AlertmanagerSource } from '../src/platform/incidents/alertmanagerSource';
import { indexProblemRows, layoutProblems } from '../src/core/incidents/problemPresentation';
import { foldProblems } from '../src/core/incidents/problems';
import type { Incident } from '../src/core/incidents/incidentModel';
import { mergeIncidentMaps } from '../src/core/incidents/snapshotDiff';

function heapMb(): number {
  for (let i = 0; i < 4; i++) (globalThis as unknown as { gc(): void }).gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

async function main(): Promise<void> {
  const { bodies } = makeAlertStorm(100_000);
  let polls = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    const body = bodies[++polls % 2];
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const baseline = heapMb();
  const source = new AlertmanagerSource({
    instance: { name: 'storm', url },
    credentials: { mayRelease: () => Promise.resolve(true) },
    secrets: { get: () => Promise.resolve(undefined) },
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    intervalMs: 3_600_000,
  });
  let merged: ReadonlyMap<string, Incident> = new Map();
  let layout: unknown;
  const mergeFromHub = process.env.STORM_NO_HUB === undefined;
  source.onUpdate(() => {
    if (mergeFromHub) {
      merged = mergeIncidentMaps([source.incidentsById]);
    }
    const fold = foldProblems(mergeFromHub ? merged.values() : source.incidents);
    const problems = layoutProblems(fold.entries, { showSuppressed: false, groupBy: 'service' });
    layout = [fold, problems, indexProblemRows(problems)];
  });
  for (let i = 0; i < 8; i++) await source.refresh();
  // Lets the last poll's connection close: until it does, it holds that poll's parse.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = heapMb();
  console.log(`storm heap: ${baseline.toFixed(1)} → ${after.toFixed(1)} MB (+${(after - baseline).toFixed(1)}), ${source.incidents.length} incidents, merged ${merged.size}`);
  if (process.env.STORM_SNAPSHOT) writeHeapSnapshot(process.env.STORM_SNAPSHOT);
  if (layout === undefined) throw new Error('no update');
  source.dispose();
  server.close();
}

void main();
