// Kubernetes: the API requests of the incident source while nothing happens. The real
// client-node and KubeIncidentSource (production timings) run against the Kubernetes API
// fixture, which behaves like a busy real apiserver on a compressed clock:
// - other objects keep changing (a ConfigMap every 500 ms, as leases and endpoints do), so
//   the resourceVersion moves on while the watched kinds stay idle;
// - its watch cache forgets versions older than a window (410 Gone for a watch from before it);
// - it sends BOOKMARKs (well within that window), as a real server does about once a minute;
// - it ends every watch now and then, cleanly as a server-side timeout does, and once by
//   cutting the connection, as a network hiccup does.
// A client that resumes from the bookmarked resourceVersion only re-watches; one that resumes
// from its list's version gets 410 and lists everything again. Budget: no list after the
// initial sync. ONCALL_BENCH_IDLE_SECONDS shortens the 60 s for a quick run.
import type { KubeConfig } from '@kubernetes/client-node';
import { KubeIncidentSource } from '../src/platform/incidents/kubeIncidentSource';
import { demoObjects, KubeApiFixture, type KubeObject } from '../test/fixtures/kube/kubeApiServer';
import { crashLoopingStatus, makePod } from '../test/fixtures/kube/podObjects';
import { loadClientNode } from '../test/support/clientNode';
import { sleep } from '../test/support/waiting';
import { Figure, single } from './measure';

const WATCHED_PATHS = new Set(['/api/v1/pods', '/apis/apps/v1/deployments', '/apis/batch/v1/jobs', '/api/v1/events', '/api/v1/nodes']);

export async function kubeIdleFigures(repoRoot: string): Promise<Figure[]> {
  const durationMs = Number(process.env.ONCALL_BENCH_IDLE_SECONDS ?? 60) * 1000;
  // The clock: a watch ends every 15 s (real servers: 30-60 min), bookmarks come every 5 s
  // (about 1 min), the watch cache keeps 10 s of history (minutes; what counts is that it is
  // longer than the bookmark interval plus the source's 2 s first retry). Shorter runs end
  // watches more often.
  const dropEveryMs = Math.min(15_000, durationMs / 4);
  const bookmarkEveryMs = Math.min(5_000, dropEveryMs / 2);
  const windowMs = 10_000;

  const k8s = await loadClientNode(repoRoot);
  const objects: KubeObject[] = [...demoObjects()];
  for (let i = 0; i < 5_000; i++) objects.push((i % 50 === 0 ? makePod(`app-${i}`, { containerStatuses: [crashLoopingStatus()] }) : makePod(`app-${i}`)) as unknown as KubeObject);
  const fixture = await KubeApiFixture.start({ objects, bookmarkIntervalMs: bookmarkEveryMs });
  const logs: string[] = [];
  const source = new KubeIncidentSource({
    contextName: 'bench',
    kubeConfig: async (): Promise<KubeConfig> => {
      const config = new k8s.KubeConfig();
      config.loadFromOptions({
        clusters: [{ name: 'bench', server: fixture.url, skipTLSVerify: true }],
        users: [{ name: 'me', token: 'bench-token' }],
        contexts: [{ name: 'bench', cluster: 'bench', user: 'me', namespace: 'shop' }],
        currentContext: 'bench',
      });
      return config;
    },
    namespaces: [],
    fallbackNamespace: 'shop',
    client: k8s,
    log: { info: (m) => logs.push(`info: ${m}`), warn: (m) => logs.push(`warn: ${m}`), error: (m) => logs.push(`error: ${m}`) },
  });
  const timers: NodeJS.Timeout[] = [];
  try {
    const synced = new Promise<void>((resolve) => source.onUpdate(() => resolve()));
    source.start();
    await synced;
    if (source.health.state !== 'ok') throw new Error(`the kube source did not sync: ${JSON.stringify(source.health)}\n${logs.join('\n')}`);
    await sleep(1_000);
    const idleFrom = fixture.requests().length;

    let lease = 0;
    const history: { at: number; rv: number }[] = [];
    timers.push(
      setInterval(() => {
        fixture.upsert({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'leader-lease', namespace: 'kube-system' }, data: { renewed: String(++lease) } });
        const now = Date.now();
        history.push({ at: now, rv: fixture.currentResourceVersion() });
        const forgotten = history.filter((entry) => entry.at < now - windowMs).at(-1);
        if (forgotten) fixture.expireResourceVersionsBefore(forgotten.rv);
      }, 500),
    );
    let drops = 0;
    timers.push(
      setInterval(() => {
        drops++;
        // The second drop is a cut connection: the source restarts the informer itself.
        fixture.dropWatches({ abrupt: drops === 2 });
      }, dropEveryMs),
    );
    await sleep(durationMs);
    for (const timer of timers) clearInterval(timer);

    const idle = fixture.requests().slice(idleFrom).filter((r) => r.method === 'GET' && WATCHED_PATHS.has(r.path));
    const lists = idle.filter((r) => !r.watch).length;
    const watches = idle.filter((r) => r.watch).length;
    const health = source.health.state;
    return [
      {
        name: `Kubernetes: lists during ${durationMs / 1000} s idle with watches open (${drops} watch ends, 1 of them a cut connection; version window ${windowMs / 1000} s, bookmarks every ${bookmarkEveryMs / 1000} s)`,
        value: single(lists),
        unit: 'requests',
        maxValue: 0,
        ...(health === 'ok' ? {} : { note: `source health ${health}` }),
      },
      { name: '  watch requests meanwhile (reconnects, 5 informers)', value: single(watches), unit: 'requests' },
    ];
  } finally {
    for (const timer of timers) clearInterval(timer);
    source.dispose();
    await fixture.stop();
  }
}
