// Kubernetes at scale: 50,000 pods and 200,000 events (a quarter of them Warnings, which the
// source lists; the API server filters the rest out) through the real KubeIncidentSource and
// client-node, against the Kubernetes API fixture running in a process of its own (kubeApiWorker).
// - First classification: the CPU time of this process from start() to the first update, i.e.
//   receiving, parsing, trimming and classifying every list and diffing the result (garbage
//   collection included); against the CPU time of a bare JSON.parse of the same list bodies,
//   in alternation. CPU time rather than wall time: the machine is shared, and a busy
//   neighbour would otherwise count as our time.
// - Steady heap: what the source holds once it has listed and then watched a round of changes,
//   over the heap before it started, both after full collections.
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import { fork, type ChildProcess } from 'node:child_process';
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeIncidentSource } from '../src/platform/incidents/kubeIncidentSource';
import type { ClusterSize } from '../test/fixtures/kube/clusterAtScale';
import { fullGc } from '../test/integration/bench/benchHost';
import { loadClientNode, type ClientNode } from '../test/support/clientNode';
import { waitFor } from '../test/support/waiting';
import type { ChurnMessage } from './kubeApiWorker';
import { Figure, single, summarise } from './measure';

const SIZE: Omit<ClusterSize, 'now'> = { pods: 50_000, events: 200_000, warningEvery: 4 };
const RUNS = 3;
const CHURN = { flips: 200, events: 2_000 };
/** The lists one connect makes, as the source asks for them (kubeKinds.ts). */
const LISTS = ['/api/v1/pods', '/apis/apps/v1/deployments', '/apis/batch/v1/jobs', '/api/v1/events?fieldSelector=type%3DWarning', '/api/v1/nodes'];

type Reply = { type: 'ready'; url: string } | { type: 'churned' } | { type: 'stopped' };

function heapMb(): number {
  fullGc();
  fullGc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

/** The fixture's worker, and a way to wait for each kind of answer from it. */
function startCluster(): { worker: ChildProcess; reply: <T extends Reply['type']>(type: T) => Promise<Extract<Reply, { type: T }>> } {
  const size: ClusterSize = { ...SIZE, now: Date.now() };
  const worker = fork(join(__dirname, 'kubeApiWorker.js'), [JSON.stringify(size)], { stdio: 'inherit' });
  const replies: Reply[] = [];
  const waiters: (() => void)[] = [];
  worker.on('message', (message: Reply) => {
    replies.push(message);
    waiters.splice(0).forEach((wake) => wake());
  });
  const reply = async <T extends Reply['type']>(type: T): Promise<Extract<Reply, { type: T }>> => {
    for (;;) {
      const index = replies.findIndex((r) => r.type === type);
      if (index >= 0) return replies.splice(index, 1)[0] as Extract<Reply, { type: T }>;
      await new Promise<void>((wake) => waiters.push(wake));
    }
  };
  return { worker, reply };
}

function createSource(k8s: ClientNode, url: string): { source: KubeIncidentSource; logs: string[] } {
  const logs: string[] = [];
  const kubeConfig = async (): Promise<KubeConfig> => {
    const config = new k8s.KubeConfig();
    config.loadFromOptions({
      clusters: [{ name: 'scale', server: url, skipTLSVerify: true }],
      users: [{ name: 'me', token: 'bench-token' }],
      contexts: [{ name: 'scale', cluster: 'scale', user: 'me' }],
      currentContext: 'scale',
    });
    return config;
  };
  const log = { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) };
  return { source: new KubeIncidentSource({ contextName: 'scale', kubeConfig, namespaces: [], client: k8s, log }), logs };
}

/** CPU time of this process since `from`, ms. */
function cpuMs(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) / 1000;
}

/** A new source's start → first update: this process's CPU time and the wall time. */
async function firstClassification(k8s: ClientNode, url: string): Promise<{ source: KubeIncidentSource; busyMs: number; wallMs: number }> {
  const { source, logs } = createSource(k8s, url);
  let updated = false;
  let busyMs = 0;
  const cpuFrom = process.cpuUsage();
  source.onUpdate(() => {
    if (!updated) busyMs = cpuMs(cpuFrom);
    updated = true;
  });
  const from = performance.now();
  source.start();
  await waitFor('the first update', () => updated, 300_000);
  const wallMs = performance.now() - from;
  if (source.health.state !== 'ok') {
    source.dispose();
    throw new Error(`the kube source did not sync: ${JSON.stringify(source.health)}\n${logs.join('\n')}`);
  }
  return { source, busyMs, wallMs };
}

/** CPU time of a bare JSON.parse of the lists; their results live as long as the call, as the source's lists do. */
function parseLists(bodies: readonly string[]): number {
  const started = process.cpuUsage();
  const parsed = bodies.map((body) => JSON.parse(body) as unknown);
  const ms = cpuMs(started);
  if (parsed.length !== bodies.length) throw new Error('a list did not parse');
  return ms;
}

export async function kubeScaleFigures(repoRoot: string): Promise<Figure[]> {
  const { worker, reply } = startCluster();
  let source: KubeIncidentSource | undefined;
  try {
    const { url } = await reply('ready');
    const k8s = await loadClientNode(repoRoot);
    const baseline = heapMb();
    const timing = await timeFirstClassifications(k8s, url);
    source = timing.source;
    // Then watched: pods start and stop failing, new Warning events come in.
    const listed = source.incidents.length;
    worker.send({ type: 'churn', ...CHURN } satisfies ChurnMessage);
    await reply('churned');
    const watched = source;
    await waitFor('the watched changes', () => watched.incidents.length === listed + CHURN.events, 300_000);
    const steady = heapMb();
    // ONCALL_BENCH_HEAP_SNAPSHOTS=<folder>: a heap snapshot of the steady state, to see where it goes.
    const folder = process.env.ONCALL_BENCH_HEAP_SNAPSHOTS;
    if (folder) writeHeapSnapshot(join(folder, 'kube-steady.heapsnapshot'));
    const what = `${SIZE.pods.toLocaleString('en')} pods and ${SIZE.events.toLocaleString('en')} events (${(SIZE.events / SIZE.warningEvery).toLocaleString('en')} of them Warnings)`;
    return [
      {
        name: `Kubernetes: first classification of ${what}, listed through client-node (CPU time, start → first update)`,
        value: summarise(timing.busyMs),
        unit: 'ms',
        reference: { name: `CPU time of a bare JSON.parse of the same ${timing.bodyMb.toFixed(0)} MB of lists`, value: summarise(timing.parseMs) },
        maxRatio: 3,
      },
      { name: '  wall time, start → first update (includes the fixture serving the lists in its own process and the 250 ms batching)', value: summarise(timing.wallMs), unit: 'ms' },
      {
        name: `Kubernetes: steady heap once listed and watched (${listed.toLocaleString('en')} incidents listed, then ${CHURN.flips} pods failing and as many recovering, ${CHURN.events.toLocaleString('en')} new Warning events; after full GC)`,
        value: single(steady),
        unit: 'MB',
        reference: { name: 'heap before the source started', value: single(baseline) },
        maxIncrease: 80,
      },
    ];
  } finally {
    source?.dispose();
    worker.send({ type: 'stop' });
    await reply('stopped');
  }
}

/** RUNS new sources, each after a bare parse of the same lists; the last source is kept running. */
async function timeFirstClassifications(k8s: ClientNode, url: string) {
  const bodies = await Promise.all(LISTS.map(async (path) => (await fetch(`${url}${path}`)).text()));
  const bodyMb = bodies.reduce((n, body) => n + body.length, 0) / 1024 / 1024;
  const parseMs: number[] = [];
  const busyMs: number[] = [];
  const wallMs: number[] = [];
  let source: KubeIncidentSource | undefined;
  for (let run = 0; run < RUNS; run++) {
    source?.dispose();
    parseMs.push(parseLists(bodies));
    const first = await firstClassification(k8s, url);
    source = first.source;
    busyMs.push(first.busyMs);
    wallMs.push(first.wallMs);
  }
  return { source: source!, bodyMb, parseMs, busyMs, wallMs };
}
