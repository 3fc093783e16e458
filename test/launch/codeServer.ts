// Starts a real VS Code (code-server: VS Code's server and web workbench) on loopback and
// drives it with headless Chromium through playwright-core. Used by the integration runner
// (tests inside the extension host) and by the UI tests (the packaged .vsix, clicked like a
// person would). See README "How the tests run a real VS Code".
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { Browser, chromium, Page } from 'playwright-core';
import { freePort } from '../support/loopback';
import { sleep } from '../support/waiting';

export const repoRoot = resolve(__dirname, '../../../..');
const hostDir = process.env.ONCALL_TEST_HOST_DIR ?? join(repoRoot, '.vscode-test');
const entry = join(hostDir, 'node_modules/code-server/out/node/entry.js');
const chromiumPath = process.env.ONCALL_CHROMIUM ?? '/usr/bin/chromium';

/** Installs code-server and the Debian packages the tests need, once; later calls are cheap. */
export function ensureTestHost(): void {
  if (existsSync(entry) && existsSync(chromiumPath)) return;
  execFileSync('bash', [join(repoRoot, 'scripts/install-test-host.sh')], { stdio: 'inherit' });
}

export interface CodeServerOptions {
  /** Folder opened as the workspace; copied from a fixture by `copyFixture`. */
  workspace: string;
  /** Trust the workspace (default). False leaves it in Restricted Mode. */
  trusted?: boolean;
  /** Extensions folder; a fresh temp folder when omitted. */
  extensionsDir?: string;
  /** Extra environment for the server, and so for the extension host and terminals. */
  env?: Record<string, string>;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
  /** Called with the server's own HOME before it starts (to place a ~/.kube/config, say). */
  prepareHome?: (home: string) => void;
  /**
   * A HOME (with its user data) from an earlier server, to start again where it stopped, as a
   * reopened window does. The caller owns it: stop() leaves it in place.
   */
  home?: string;
  /**
   * The port of that earlier server: the workbench keys workspace storage by the remote
   * authority (host and port), so a reopened window must come back on the same one.
   */
  port?: number;
}

export interface CodeServer {
  readonly port: number;
  readonly origin: string;
  readonly home: string;
  readonly userDataDir: string;
  /** Server output so far (for failure reports). */
  output(): string;
  stop(): Promise<void>;
}

/** A scratch folder under the OS temp dir, removed by `cleanupScratch`. */
export function scratchDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `oncall-${prefix}-`));
}

/** Copies a fixture workspace into a scratch folder so tests may edit it freely. */
export function copyFixture(name: string): string {
  const target = join(scratchDir('ws'), name);
  cpSync(join(repoRoot, 'test/fixtures', name), target, { recursive: true });
  return target;
}

export function installVsix(vsixPath: string, extensionsDir: string): void {
  ensureTestHost();
  execFileSync(process.execPath, [entry, '--extensions-dir', extensionsDir, '--install-extension', vsixPath], {
    stdio: 'pipe',
    env: { ...process.env, HOME: scratchDir('install-home') },
  });
}

/** installVsix without blocking: the demo installs while its servers start. */
export function installVsixInBackground(vsixPath: string, extensionsDir: string): Promise<void> {
  ensureTestHost();
  return new Promise((resolveInstall, reject) => {
    const child = spawn(process.execPath, [entry, '--extensions-dir', extensionsDir, '--install-extension', vsixPath], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, HOME: scratchDir('install-home') },
    });
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolveInstall() : reject(new Error(`code-server could not install ${vsixPath} (exit code ${code}): ${output.trim()}`))));
  });
}

export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  ensureTestHost();
  const port = options.port ?? (await freePort());
  const home = options.home ?? scratchDir('home');
  const userDataDir = join(home, 'user-data');
  const extensionsDir = options.extensionsDir ?? join(home, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  options.prepareHome?.(home);
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(
    join(userDataDir, 'User/settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'workbench.tips.enabled': false,
        'workbench.welcomePage.walkthroughs.openOnInstall': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'update.mode': 'none',
        'terminal.integrated.shellIntegration.enabled': true,
        'terminal.integrated.defaultProfile.linux': 'bash',
        ...options.settings,
      },
      null,
      2,
    ),
  );
  const args = [
    entry,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${port}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  if (options.trusted !== false) args.push('--disable-workspace-trust');
  args.push(options.workspace);

  // A HOME of its own: the host's ~/.kube, shell rc files and code-server config stay untouched.
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, HOME: home, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));

  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`code-server did not start within 60 s:\n${output}`);
    await sleep(200);
  }

  return {
    port,
    origin,
    home,
    userDataDir,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.pid) {
        // The server spawns extension hosts and terminals: end the whole process group.
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {
          // already gone
        }
        const gone = new Promise<void>((r) => child.once('exit', () => r()));
        await Promise.race([gone, sleep(5_000)]);
        if (child.exitCode === null) {
          try {
            process.kill(-child.pid, 'SIGKILL');
          } catch {
            // already gone
          }
        }
      }
      if (!options.home) rmSync(home, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Console noise from the web workbench that says nothing about the extension. */
const noise = [
  /gallery|marketplace|open-vsx/i,
  /vsda/,
  /service ?worker/i,
  /ERR_CONNECTION_REFUSED|ERR_NAME_NOT_RESOLVED|ENOTFOUND/,
  /Failed to load resource/,
  /iframe/i,
  /connection token|Creating a socket|additional builtin|ChatSessionStore|copilot-instructions/,
  /^\s+at /,
];

/**
 * Forwards the page console (where the extension host's console arrives) to stdout, with
 * the workbench's `%c LEVEL` styling removed and `%s`/`%d` arguments substituted.
 */
export function forwardConsole(page: Page, sink: (line: string) => void = (l) => console.log(l)): void {
  page.on('console', (message) => {
    void Promise.all(message.args().map((arg) => arg.jsonValue().catch(() => '')))
      .then((args: unknown[]) => {
        if (typeof args[0] === 'string' && args[0].startsWith('%c')) args = args.slice(2);
        return args.length > 0 ? format(...args) : message.text();
      })
      .catch(() => message.text())
      .then((text) => {
        for (const line of text.split('\n')) {
          if (line.trim() && !noise.some((pattern) => pattern.test(line))) sink(line);
        }
      });
  });
}

/** Opens the workbench for a folder (an empty window without one) and waits until it has rendered. */
export async function openWorkbench(page: Page, server: CodeServer, workspace: string | undefined, payload?: [string, string][]): Promise<void> {
  const query = new URLSearchParams(workspace === undefined ? { ew: 'true' } : { folder: workspace });
  if (payload) query.set('payload', JSON.stringify(payload));
  await page.goto(`${server.origin}/?${query.toString()}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
}
