// `npm run demo`: the packaged extension in a local VS Code (code-server) on loopback, working
// against things an on-call engineer would have, on a machine that has none of them:
// - two Kubernetes API fixtures: the demo cluster (a crash-looping, an OOM-killed and a pending
//   pod, Warning events; context "demo", namespace "shop") and a second one behind the context
//   "prod-demo", which the default protection covers, so the typed-name check can be tried;
// - a real Alertmanager (Debian's prometheus-alertmanager) fed with kube-prometheus alerts
//   about that cluster, when it is installed (ONCALL_TEST_ALERTMANAGER overrides the path);
// - a workspace holding the starter runbooks and a team runbook for the demo's shop service
//   (test/launch/demoWorkspace), whose Run lenses execute kubectl against the demo cluster.
// Prints the URL and runs until Ctrl-C (SIGINT) or SIGTERM, then stops every process it
// started and removes its folder. Everything it writes (code-server's HOME and user data,
// the kubeconfig, Alertmanager's storage, temp files) lives in that one folder.
//
// ONCALL_DEMO_PORT=<port> fixes code-server's port. ONCALL_DEMO_LOG_REQUESTS=1 prints each
// request the demo cluster receives ("kube: GET /api/v1/namespaces/shop/pods?... [user agent]").
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  ALERTMANAGER_BINARY,
  alertsFromRules,
  kubePrometheusRulesDir,
  startAlertmanager,
  type PostableAlert,
  type RunningAlertmanager,
} from '../fixtures/alertmanager/alertmanagerProcess';
import { DEMO_ALERT_NAMES, demoAlerts, demoAlertsFromRules } from '../fixtures/alertmanager/demoAlerts';
import { demoObjects, demoPodLogs, KubeApiFixture, writeKubeconfig, type RecordedRequest } from '../fixtures/kube/kubeApiServer';
import { findCorpus } from '../support/corpus';
import { type CodeServer, installVsixInBackground, repoRoot, scratchDir, startCodeServer } from './codeServer';
import { assembleDemoWorkspace } from './demoWorkspaceFiles';

/** Alerts are posted again this often so they stay firing (each is posted to end an hour later). */
const REPOST_MS = 60_000;
/** A stop that takes longer than this is finished by force. */
const STOP_DEADLINE_MS = 20_000;

const logRequests = process.env.ONCALL_DEMO_LOG_REQUESTS === '1';

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

const running: {
  root?: string;
  clusters: KubeApiFixture[];
  alertmanager?: RunningAlertmanager;
  server?: CodeServer;
  timers: NodeJS.Timeout[];
} = { timers: [], clusters: [] };
let stopping = false;

class Stopped extends Error {}

function checkNotStopping(): void {
  if (stopping) throw new Stopped('stopped during startup');
}

function demoPort(): number | undefined {
  const text = process.env.ONCALL_DEMO_PORT;
  if (!text) return undefined;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`ONCALL_DEMO_PORT must be a port number, not "${text}"`);
  return port;
}

function describeRequest(cluster: string, request: RecordedRequest): string {
  const pairs = Object.entries(request.query).flatMap(([key, value]): [string, string][] =>
    Array.isArray(value) ? value.map((v): [string, string] => [key, v]) : [[key, value]],
  );
  const query = new URLSearchParams(pairs).toString();
  return `kube${cluster === 'demo' ? '' : ` ${cluster}`}: ${request.method} ${request.path}${query ? `?${query}` : ''} [${request.userAgent ?? 'no user agent'}]`;
}

/** The demo alerts: kube-prometheus rules when the shared corpus is there, else the built-in ones. */
function buildAlerts(): { alerts: PostableAlert[]; origin: string } {
  const corpus = findCorpus(repoRoot);
  if (corpus) {
    const rulesDir = kubePrometheusRulesDir(corpus);
    try {
      const ruleAlerts = alertsFromRules(rulesDir, [...DEMO_ALERT_NAMES], { keepTemplates: true });
      return { alerts: demoAlertsFromRules(ruleAlerts), origin: `kube-prometheus rules in ${rulesDir}` };
    } catch (error) {
      say(`(the kube-prometheus rules could not be used, ${(error as Error).message}; using the built-in demo alerts)`);
    }
  }
  return { alerts: demoAlerts(), origin: 'built-in' };
}

async function start(): Promise<void> {
  const root = scratchDir('demo');
  running.root = root;
  say(`Demo folder: ${root}`);
  // Programs that write temp files (code-server's sockets, Alertmanager's storage, the .vsix
  // install) write them in the demo folder, so its removal takes everything with it.
  const tmp = join(root, 'tmp');
  mkdirSync(tmp);
  process.env.TMPDIR = tmp;

  const workspace = join(root, 'workspace');
  mkdirSync(workspace, { recursive: true });
  assembleDemoWorkspace(repoRoot, workspace);
  const extensionsDir = join(root, 'extensions');
  // Installing takes a second or two: it goes on while the servers start.
  const installed = installVsixInBackground(join(repoRoot, 'oncall-runbooks.vsix'), extensionsDir);
  installed.catch(() => undefined); // awaited below; a stop during startup must not leave it unhandled

  const cluster = await KubeApiFixture.start({ objects: demoObjects(), logs: demoPodLogs() });
  running.clusters.push(cluster);
  const prodCluster = await KubeApiFixture.start({ objects: demoObjects(), logs: demoPodLogs() });
  running.clusters.push(prodCluster);
  const kubeconfig = join(root, 'kubeconfig');
  writeKubeconfig(
    kubeconfig,
    [
      { name: 'demo', server: cluster.url, namespace: 'shop' },
      { name: 'prod-demo', server: prodCluster.url, namespace: 'shop' },
    ],
    'demo',
  );
  // The fixtures record every request; drain the record so a long demo does not grow it.
  running.timers.push(
    setInterval(() => {
      for (const [name, fixture] of [['demo', cluster], ['prod-demo', prodCluster]] as const) {
        const requests = fixture.requests();
        fixture.clearRequests();
        if (logRequests) for (const request of requests) say(describeRequest(name, request));
      }
    }, 200),
  );
  say(`Kubernetes API (the demo cluster): ${cluster.url}, context "demo", namespace "shop"; context "prod-demo" (protected): ${prodCluster.url}`);
  checkNotStopping();

  let alertmanagerSettings: Record<string, unknown> = {};
  if (existsSync(ALERTMANAGER_BINARY)) {
    const alertmanager = await startAlertmanager();
    running.alertmanager = alertmanager;
    checkNotStopping();
    const { alerts, origin } = buildAlerts();
    await alertmanager.postAlerts(alerts);
    running.timers.push(
      setInterval(() => {
        const endsAt = new Date(Date.now() + 60 * 60_000).toISOString();
        alertmanager.postAlerts(alerts.map((alert) => ({ ...alert, endsAt }))).catch((error: unknown) => {
          if (!stopping) say(`(could not post the demo alerts again: ${(error as Error).message})`);
        });
      }, REPOST_MS),
    );
    alertmanagerSettings = {
      'oncall.alertmanager.instances': [{ name: 'demo', url: alertmanager.url }],
      'oncall.alertmanager.pollInterval': 5,
    };
    say(`Alertmanager: ${alertmanager.url}, ${alerts.length} demo alerts (${origin})`);
  } else {
    say(`Alertmanager is not installed (no ${ALERTMANAGER_BINARY}), so no alerts in this demo; to add them: sudo apt-get install prometheus-alertmanager`);
  }
  checkNotStopping();

  await installed;
  checkNotStopping();

  running.server = await startCodeServer({
    workspace,
    extensionsDir,
    home: join(root, 'home'),
    port: demoPort(),
    // Terminals opened by hand reach the demo cluster too; runbook steps use the setting.
    env: { KUBECONFIG: kubeconfig },
    settings: { 'oncall.kube.kubeconfig': kubeconfig, ...alertmanagerSettings },
  });
  checkNotStopping();

  say(`On-Call demo is running: ${running.server.origin}/?folder=${encodeURIComponent(workspace)}`);
  say('Open it in a browser. Press Ctrl-C to stop.');
}

/** Linux process table rows: pid, parent, process group, command line. */
function processes(): { pid: number; ppid: number; pgid: number; args: string }[] {
  let table: string;
  try {
    table = execFileSync('ps', ['-eo', 'pid=,ppid=,pgid=,args='], { encoding: 'utf8' });
  } catch {
    return [];
  }
  return table
    .split('\n')
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ pid: Number(match[1]), ppid: Number(match[2]), pgid: Number(match[3]), args: match[4]! }));
}

function environmentMentions(pid: number, text: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'latin1').includes(text);
  } catch {
    return false;
  }
}

/**
 * Kills what the orderly stop missed: processes started by the demo (children of this one) or
 * whose command line or environment names the demo folder (code-server and what it spawned,
 * terminals included, carry HOME and TMPDIR inside it). Returns how many were found.
 */
function killLeftovers(root: string): number {
  const table = processes();
  const ownGroup = table.find((row) => row.pid === process.pid)?.pgid;
  const leftovers = table.filter(
    (row) =>
      row.pid !== process.pid &&
      !row.args.startsWith('ps -eo') &&
      (row.ppid === process.pid || row.args.includes(root) || environmentMentions(row.pid, root)),
  );
  for (const row of leftovers) {
    try {
      // A process group of its own (code-server's, a terminal's) goes whole; our own group never.
      process.kill(row.pgid !== ownGroup && row.pgid > 1 ? -row.pgid : row.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  return leftovers.length;
}

function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function finish(code: number): never {
  const root = running.root;
  if (root) {
    // Synchronous from here on: nothing of the startup can run (and spawn) in between.
    let found = killLeftovers(root);
    if (found > 0) say(`(ended ${found} leftover process${found === 1 ? '' : 'es'})`);
    // A process being killed can still write into the folder; remove it once they are gone.
    for (let round = 0; found > 0 && round < 20; round++) {
      sleepSync(150);
      found = killLeftovers(root);
    }
    rmSync(root, { recursive: true, force: true });
    say(`Removed ${root}.`);
  }
  process.exit(code);
}

async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('Stopping the demo...');
  setTimeout(() => {
    say(`(the demo did not stop within ${STOP_DEADLINE_MS / 1000} s; ending what is left)`);
    finish(code);
  }, STOP_DEADLINE_MS).unref();
  for (const timer of running.timers) clearInterval(timer);
  const { server, alertmanager, clusters } = running;
  await Promise.allSettled([server?.stop(), alertmanager?.stop()]);
  await Promise.allSettled(clusters.map((cluster) => cluster.stop()));
  finish(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

start().catch((error: unknown) => {
  if (error instanceof Stopped) return; // a signal arrived during startup; stop() is at work
  console.error(`The demo could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  void stop(1);
});
