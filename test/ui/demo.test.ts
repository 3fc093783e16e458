// `npm run demo` as a newcomer runs it: the script (out/launch/test/launch/demo.js, built by
// `npm run build:launch`) started in the repository, its URL opened in a browser, the
// product used there (incidents from the demo's Alertmanager and cluster, a runbook step run
// in the demo context), then Ctrl-C. Proves each point by what the user sees, what the demo
// cluster received (the demo's request log) and what is left on the machine afterwards.
import assert from 'node:assert/strict';
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { ALERTMANAGER_BINARY } from '../fixtures/alertmanager/alertmanagerProcess';
import { launchBrowser, repoRoot } from '../launch/codeServer';
import { chooseQuickPickItem, clickRunLens as clickRunLensIn, quickOpen, runFromPalette, screenshotForReadme, screenshotIfFailed, screenshots } from './workbench';
import { sleep } from '../support/waiting';

const demoScript = join(repoRoot, 'out/launch/test/launch/demo.js');
const RUN_STEP = 'kubectl get pods -l app=web -o wide';
const DEMO_RUNBOOK = join(repoRoot, 'test/launch/demoWorkspace/runbooks/shop-web.md');

/** The demo script as a child process (a process group of its own), with its output as lines. */
class Demo {
  readonly lines: string[] = [];
  private stderr = '';
  private readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, [demoScript], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let partial = '';
    this.child.stdout!.on('data', (chunk: Buffer) => {
      const parts = (partial + chunk.toString()).split('\n');
      partial = parts.pop()!;
      this.lines.push(...parts);
    });
    this.child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  output(): string {
    return `stdout:\n${this.lines.filter((line) => !line.startsWith('kube: ')).join('\n')}\nstderr:\n${this.stderr}`;
  }

  /** The first line (from `from` on) matching `pattern`. */
  async line(pattern: RegExp, timeoutMs: number, from = 0): Promise<RegExpExecArray> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      for (const line of this.lines.slice(from)) {
        const match = pattern.exec(line);
        if (match) return match;
      }
      assert.ok(this.running, `the demo exited (${this.child.exitCode ?? this.child.signalCode}) before printing ${pattern}\n${this.output()}`);
      assert.ok(Date.now() < deadline, `the demo did not print ${pattern} within ${timeoutMs / 1000} s\n${this.output()}`);
      await sleep(100);
    }
  }

  signal(signal: NodeJS.Signals): void {
    process.kill(this.pid, signal);
  }

  async exitCode(timeoutMs: number): Promise<number | null> {
    const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), timeoutMs).unref());
    const result = await Promise.race([this.exited, timeout]);
    assert.notEqual(result, 'timeout', `the demo did not exit within ${timeoutMs / 1000} s\n${this.output()}`);
    return result as number | null;
  }

  /**
   * For `after`, whatever happened: the demo is stopped as a user would (SIGTERM), or killed
   * after 30 s, then anything still naming its folder is killed and the folder removed.
   */
  async cleanUp(folder: string | undefined): Promise<void> {
    if (this.running) {
      try {
        process.kill(this.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 30_000).unref());
      if ((await Promise.race([this.exited, timeout])) === 'timeout') {
        try {
          process.kill(-this.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
    if (!folder) return;
    for (const line of leftovers(folder, [])) {
      try {
        process.kill(Number(/^\s*(\d+)/.exec(line)![1]), 'SIGKILL');
      } catch {
        // already gone
      }
    }
    rmSync(folder, { recursive: true, force: true });
  }
}

/** What the demo says about itself on startup. */
interface DemoInfo {
  folder: string;
  kubeUrl: string;
  alertmanagerUrl?: string;
}

async function demoInfo(demo: Demo): Promise<DemoInfo> {
  const [, folder] = await demo.line(/^Demo folder: (\S+)$/, 60_000);
  const [, kubeUrl] = await demo.line(/^Kubernetes API \(the demo cluster\): (http:\/\/127\.0\.0\.1:\d+)/, 120_000);
  const alertmanager = await demo.line(/^Alertmanager: (http:\/\/127\.0\.0\.1:\d+)|^Alertmanager is not installed/, 120_000);
  return { folder: folder!, kubeUrl: kubeUrl!, ...(alertmanager[1] ? { alertmanagerUrl: alertmanager[1] } : {}) };
}

function portOf(url: string): string {
  return new URL(url).port;
}

/**
 * Processes still there that belong to a demo: their command line names its folder or one of
 * its ports, or their environment names its folder (what code-server starts, terminals
 * included, has its HOME there).
 */
function leftovers(folder: string, ports: string[]): string[] {
  const table = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).split('\n').slice(1);
  const needles = [folder, ...ports.map((port) => `127.0.0.1:${port}`)];
  return table.filter((line) => {
    const match = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (!match || match[2]!.startsWith('ps -eo')) return false;
    if (needles.some((needle) => match[2]!.includes(needle))) return true;
    try {
      return readFileSync(`/proc/${match[1]}/environ`, 'latin1').includes(folder);
    } catch {
      return false; // gone meanwhile, or not ours to read
    }
  });
}

async function assertNothingLeft(folder: string, ports: string[]): Promise<void> {
  // code-server's children may take a moment to notice their parent is gone.
  const deadline = Date.now() + 10_000;
  let left = leftovers(folder, ports);
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(500);
    left = leftovers(folder, ports);
  }
  assert.deepEqual(left, [], 'processes left behind by the demo');
  assert.equal(existsSync(folder), false, `${folder} is still there`);
  // Nothing of the demo writes into it afterwards either (a late writer would make it again).
  await sleep(1_500);
  assert.equal(existsSync(folder), false, `${folder} was made again after the demo stopped`);
}

async function openDemo(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1000 } });
  await page.goto(url);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  await page.locator('.activitybar [aria-label^="On-Call"]').first().click();
  // The Incidents view is what the demo is about: give it the sidebar's height.
  await page.locator('.part.sidebar .pane-header', { hasText: 'Runbooks' }).click();
  return page;
}

function incidentRow(page: Page, text: string | RegExp, source?: 'Alertmanager' | 'Kubernetes') {
  const rows = page.locator(`.part.sidebar .monaco-list-row${source ? `[aria-label*=", ${source},"]` : ''}`);
  return rows.filter({ hasText: text }).first();
}

/** A folded problem's row: several signals about one object, from `sources` ("Alertmanager + Kubernetes"). */
function problemRow(page: Page, object: string, sources?: string) {
  const rows = page.locator(`.part.sidebar .monaco-list-row[aria-label*=" signals from ${sources ?? ''}"]`);
  return rows.filter({ hasText: object }).first();
}

describe('npm run demo', function () {
  this.timeout(240_000);
  const withAlertmanager = existsSync(ALERTMANAGER_BINARY);
  let demo: Demo;
  let info: DemoInfo;
  let url: string;
  let browser: Browser | undefined;
  let page: Page;

  /** Clicks the Run lens of the demo runbook's block whose first line is `command`. */
  const clickRunLens = (command: string) => clickRunLensIn(page, DEMO_RUNBOOK, command);

  before(async () => {
    mkdirSync(screenshots, { recursive: true });
    demo = new Demo({ ONCALL_DEMO_LOG_REQUESTS: '1' });
    info = await demoInfo(demo);
    url = (await demo.line(/^On-Call demo is running: (http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)$/, 180_000))[1]!;
    assert.equal(new URL(url).searchParams.get('folder'), join(info.folder, 'workspace'), 'the URL opens the demo workspace');
    browser = await launchBrowser();
    page = await openDemo(browser, url);
  });

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, page);
  });

  after(async () => {
    await browser?.close();
    await demo?.cleanUp(info?.folder);
  });

  it('lists the demo cluster\'s failing workloads and the demo Alertmanager\'s alerts in the Incidents view, one row per problem', async () => {
    // Workloads of the demo cluster, watched through the demo kubeconfig: each pod's signals
    // folded into one problem on its Deployment.
    await problemRow(page, 'deployment/web').waitFor({ timeout: 90_000 });
    await problemRow(page, 'deployment/checkout').waitFor({ timeout: 30_000 });
    if (withAlertmanager) {
      assert.ok(info.alertmanagerUrl, 'the demo started its Alertmanager');
      // The alert about the same pod, from the demo's Alertmanager, joins the problem and gives its runbook.
      const web = problemRow(page, 'deployment/web', 'Alertmanager + Kubernetes');
      await web.waitFor({ timeout: 60_000 });
      assert.match((await web.getAttribute('aria-label')) ?? '', /^P1 deployment shop\/web, \d+ signals from Alertmanager \+ Kubernetes, for \S+ · KubePodCrashLooping/);
      // The critical demo alert about a volume (no watched kind) is a P1 row of its own (severity critical).
      const critical = incidentRow(page, 'KubePersistentVolumeFillingUp', 'Alertmanager');
      await critical.waitFor();
      assert.match((await critical.getAttribute('aria-label')) ?? '', /^P1 /);
    } else {
      await demo.line(/^Alertmanager is not installed .*sudo apt-get install prometheus-alertmanager/, 1_000);
    }
  });

  it('runs a runbook step in the demo context, and kubectl reaches the demo cluster', async () => {
    await quickOpen(page, 'shop-web.md');
    await page.locator('.editor-group-container .codelens-decoration >> visible=true').first().waitFor({ timeout: 60_000 });
    await page.locator('.statusbar-item', { hasText: '⎈ demo / shop' }).waitFor({ timeout: 30_000 });

    const before = demo.lines.length;
    await clickRunLens(RUN_STEP);
    // kubectl's own request, to the demo cluster, in the context's namespace, with the step's selector.
    await demo.line(/^kube: GET \/api\/v1\/namespaces\/shop\/pods\?labelSelector=app%3Dweb\b.*\[kubectl\//, 60_000, before);
    // The execution journal shows the step ran in the demo context and succeeded.
    await runFromPalette(page, 'On-Call: Show Execution Journal');
    await page.locator('.editor-group-container .tab.active', { hasText: 'Execution Journal.md' }).waitFor({ timeout: 30_000 });
    // One table row per screen line, however narrow the editor (the editor draws spaces as no-break spaces: \s).
    await runFromPalette(page, 'View: Toggle Word Wrap');
    const journal = page.locator('.editor-group-container .view-line');
    // Finished without failing: exit code 0, or "not reported" when the shell integration was
    // too slow (a loaded machine) to report it; kubectl exiting non-zero fails here.
    await journal.filter({ hasText: `\`${RUN_STEP}\`` }).filter({ hasText: /\|\s+demo\s\/\sshop\s+\|\s+(0|not\sreported)\s+\|/ }).first().waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+W');
    await page.locator('.editor-group-container .tab.active', { hasText: 'shop-web.md' }).waitFor();
    await screenshotForReadme(page, 'demo.png');
  });

  it('offers the protected prod-demo context, where a destructive step needs its name typed', async () => {
    await runFromPalette(page, 'On-Call: Switch Kube Context...');
    await chooseQuickPickItem(page, 'prod-demo');
    await page.locator('.statusbar-item', { hasText: '⎈ prod-demo / shop' }).waitFor({ timeout: 30_000 });
    const before = demo.lines.length;
    await clickRunLens('kubectl rollout undo deployment/web');
    const box = page.locator('.quick-input-widget', { hasText: 'prod-demo is a protected context' });
    await box.waitFor({ timeout: 30_000 });
    await page.screenshot({ path: join(screenshots, 'demo-protected.png') });
    await page.keyboard.press('Escape');
    await box.waitFor({ state: 'hidden' });
    assert.ok(!demo.lines.slice(before).some((line) => /^kube prod-demo: (POST|PUT|PATCH|DELETE) /.test(line)), 'nothing changed in prod-demo');
    await runFromPalette(page, 'On-Call: Switch Kube Context...');
    await chooseQuickPickItem(page, 'demo');
    await page.locator('.statusbar-item', { hasText: '⎈ demo / shop' }).waitFor({ timeout: 30_000 });
  });

  it('stops on Ctrl-C with exit code 0, leaving no process and no folder behind', async () => {
    await browser?.close();
    browser = undefined;
    const serverPort = portOf(url);
    const ports = [serverPort, portOf(info.kubeUrl), ...(info.alertmanagerUrl ? [portOf(info.alertmanagerUrl)] : [])];
    assert.notDeepEqual(leftovers(info.folder, [serverPort]), [], 'code-server runs before the stop (else this test proves nothing)');
    demo.signal('SIGINT');
    assert.equal(await demo.exitCode(60_000), 0, demo.output());
    await assertNothingLeft(info.folder, ports);
  });
});

describe('npm run demo on a machine without Alertmanager', function () {
  this.timeout(240_000);
  let demo: Demo;
  let info: DemoInfo | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;

  afterEach(async function () {
    await screenshotIfFailed(this.currentTest, page);
  });

  after(async () => {
    await browser?.close();
    await demo?.cleanUp(info?.folder);
  });

  it('says how to install Alertmanager and shows the cluster\'s incidents without it', async () => {
    demo = new Demo({ ONCALL_TEST_ALERTMANAGER: '/nonexistent/prometheus-alertmanager' });
    info = await demoInfo(demo);
    assert.equal(info.alertmanagerUrl, undefined);
    const [hint] = await demo.line(/^Alertmanager is not installed.*$/, 1_000);
    assert.match(hint!, /sudo apt-get install prometheus-alertmanager/);
    const [, url] = await demo.line(/^On-Call demo is running: (http:\/\/\S+)$/, 180_000);
    browser = await launchBrowser();
    page = await openDemo(browser, url!);
    await problemRow(page, 'deployment/web', 'Kubernetes,').waitFor({ timeout: 90_000 });
    const labels = await page.locator('.part.sidebar .monaco-list-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
    assert.ok(!labels.some((label) => /Alertmanager/.test(label)), `no Alertmanager row nor source problem: ${JSON.stringify(labels)}`);
    await browser.close();
    browser = undefined;

    demo.signal('SIGTERM');
    assert.equal(await demo.exitCode(60_000), 0, demo.output());
    await assertNothingLeft(info.folder, [portOf(url!), portOf(info.kubeUrl)]);
  });
});

describe('npm run demo when startup fails halfway', function () {
  this.timeout(240_000);
  let demo: Demo | undefined;
  let taken: Server | undefined;
  let folder: string | undefined;

  after(async () => {
    await demo?.cleanUp(folder);
    await new Promise<void>((r) => (taken ? taken.close(() => r()) : r()));
  });

  it('stops what it had started and exits 1 when code-server cannot take its port', async () => {
    // A port something else holds: code-server fails after the cluster and Alertmanager are up.
    taken = createServer((socket) => socket.destroy());
    await new Promise<void>((r) => taken!.listen(0, '127.0.0.1', r));
    const port = String((taken.address() as AddressInfo).port);
    demo = new Demo({ ONCALL_DEMO_PORT: port });
    const info = await demoInfo(demo);
    folder = info.folder;
    assert.equal(await demo.exitCode(180_000), 1, demo.output());
    assert.match(demo.output(), /The demo could not start: .*code-server/);
    assert.ok(!demo.lines.some((line) => line.startsWith('On-Call demo is running')), demo.output());
    const ports = [port, portOf(info.kubeUrl), ...(info.alertmanagerUrl ? [portOf(info.alertmanagerUrl)] : [])];
    await assertNothingLeft(info.folder, ports);
  });
});
