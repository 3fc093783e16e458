// The incident servers the in-host memory benchmark talks to, run in the bench process (not in
// the extension host, whose memory is measured): an Alertmanager answering 10,000 alerts and a
// Kubernetes API holding 5,000 pods (one in fifty crash-looping), as in incidents.bench.ts;
// and, for the scale benchmark, an Alertmanager answering 100,000 alerts of which one changes
// between any two polls (incidentStorm.test.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeApiFixture, writeKubeconfig, type KubeObject } from '../test/fixtures/kube/kubeApiServer';
import { makeAlertPayload } from '../test/fixtures/alertmanager/alertPayloads';
import { makeAlertStorm } from '../test/fixtures/alertmanager/alertStorm';
import { crashLoopingStatus, makePod } from '../test/fixtures/kube/podObjects';

export interface HostServers {
  /** For the extension host: ONCALL_BENCH_KUBECONFIG, ONCALL_BENCH_ALERTMANAGER_URL and ONCALL_BENCH_STORM_URL. */
  readonly env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startHostServers(): Promise<HostServers> {
  const alerts = JSON.stringify(makeAlertPayload(10_000));
  const alertmanager = http.createServer((req, res) => {
    req.resume();
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/api/v2/alerts') res.writeHead(200, { 'content-type': 'application/json' }).end(alerts);
    else if (req.method === 'GET' && path === '/api/v2/silences') res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    else if (path === '/-/healthy' || path === '/-/ready') res.writeHead(200).end('OK');
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => alertmanager.listen(0, '127.0.0.1', resolve));
  const storm = await startStormAlertmanager();

  const pods: KubeObject[] = [];
  for (let i = 0; i < 5_000; i++) pods.push((i % 50 === 0 ? makePod(`app-${i}`, { containerStatuses: [crashLoopingStatus()] }) : makePod(`app-${i}`)) as unknown as KubeObject);
  const cluster = await KubeApiFixture.start({ objects: pods });
  const folder = mkdtempSync(join(tmpdir(), 'oncall-bench-kube-'));
  const kubeconfig = join(folder, 'config');
  writeKubeconfig(kubeconfig, [{ name: 'bench', server: cluster.url, namespace: 'shop' }], 'bench');

  return {
    env: {
      ONCALL_BENCH_KUBECONFIG: kubeconfig,
      ONCALL_BENCH_ALERTMANAGER_URL: `http://127.0.0.1:${(alertmanager.address() as AddressInfo).port}`,
      ONCALL_BENCH_STORM_URL: `http://127.0.0.1:${(storm.address() as AddressInfo).port}`,
    },
    stop: async () => {
      await cluster.stop();
      for (const server of [alertmanager, storm]) {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      }
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/**
 * 100,000 alerts, one of which changes its summary on every poll. `?reference` answers the
 * current list without moving on, for the bench's bare JSON.parse of the same body.
 */
async function startStormAlertmanager(): Promise<http.Server> {
  const { bodies } = makeAlertStorm(100_000);
  let polls = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    const [path, query] = (req.url ?? '/').split('?');
    if (req.method !== 'GET' || path !== '/api/v2/alerts') {
      res.writeHead(404).end();
      return;
    }
    const body = query === 'reference' ? bodies[polls % 2] : bodies[++polls % 2];
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
