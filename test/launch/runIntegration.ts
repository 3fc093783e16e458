// Runs the mocha suite in test/integration inside the extension host of a real VS Code
// (code-server), the same contract as @vscode/test-electron: the workbench loads the
// extension from this folder and calls the suite's `run()`, then reports its exit code.
import { copyFileSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmdirSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { freePort } from '../support/loopback';
import { sleep } from '../support/waiting';
import { dirname, join } from 'node:path';
import { BENCH_WORKSPACE, bigRunbook, corpusFiles } from '../fixtures/bench/corpus';
import { CORPUS_HINT, findCorpus } from '../support/corpus';
import {
  copyFixture,
  forwardConsole,
  launchBrowser,
  openWorkbench,
  repoRoot,
  scratchDir,
  startCodeServer,
} from './codeServer';

interface SuiteResults {
  passes: number;
  failures: number;
  pending: number;
}

interface Pass {
  /** Folder under out/integration/test/integration holding the pass's suite files. */
  readonly suite: string;
  readonly trusted: boolean;
  /** Adds files to the pass's copy of the fixture workspace before VS Code opens it. */
  readonly prepare?: (workspace: string) => void;
  /**
   * Suite folders run one after the other on the same workspace and user data, each in a new
   * VS Code. Every phase but the last ends with its extension host killed (SIGKILL) once its
   * results are written: the next phase sees what survives a crash and a reopened window.
   */
  readonly phases?: readonly string[];
  /**
   * Extensions to load instead of this repository alone: folder name → extension folder. They
   * are linked into one folder given as the `extensionDevelopmentPath`, which VS Code scans as
   * several extensions (the web workbench keeps only one `extensionDevelopmentPath`).
   */
  readonly extensions?: (workspace: string) => Record<string, string>;
  /**
   * Windows opened at once, one browser page each, so one extension host each. They open no
   * folder, so they share one storage: VS Code gives a second window on the same folder a
   * workspace storage of its own (`<id>-1`), but windows without a folder all use the global
   * storage. Each host runs the suite and writes its own results file; the pass adds them up.
   */
  readonly windows?: number;
}

/** The corpus of real runbooks and alert rules, when there is one (test/support/corpus.ts). */
const corpusDir = findCorpus(repoRoot);

// Restricted Mode needs its own VS Code: trust is decided when the workspace opens.
// `ONCALL_PASSES=bench` runs the in-host benchmarks instead (see `npm run bench`).
const allPasses: Pass[] = [
  { suite: 'suite', trusted: true },
  { suite: 'restricted', trusted: false },
  {
    // Incidents run against a workspace holding the prometheus-operator runbooks, which the
    // kube-prometheus alerts link to through runbook_url.
    suite: 'incidents',
    trusted: true,
    prepare: (workspace) => {
      if (corpusDir) cpSync(join(corpusDir, 'prometheus-operator-runbooks'), join(workspace, 'runbooks', 'prometheus-operator'), { recursive: true });
    },
  },
  {
    suite: 'sessions',
    trusted: true,
    phases: ['sessions', 'sessions-reopened'],
    prepare: (workspace) => cpSync(join(repoRoot, 'test/fixtures/incident-drill.md'), join(workspace, 'runbooks', 'incident-drill.md')),
  },
  // Two windows sharing one storage start incidents at the same instant (see the suite).
  { suite: 'sessions-windows', trusted: true, windows: 2 },
  {
    // A broken install: the extension as built, but dist/services.js fails to load.
    suite: 'broken',
    trusted: true,
    extensions: (workspace) => ({ 'oncall-runbooks': brokenInstall(join(dirname(workspace), 'broken-install')) }),
  },
  // PromQL blocks of test/fixtures/promql against a real Prometheus the suite starts.
  { suite: 'promql', trusted: true, prepare: (workspace) => cpSync(join(repoRoot, 'test/fixtures/promql'), join(workspace, 'runbooks', 'promql'), { recursive: true }) },
  {
    // `npm run bench`: the On-Call extension as packaged (ONCALL_BENCH_EXTENSION_DIR, staged by
    // bench/run.ts) when given, an empty extension as the reference and an untimed warm-up
    // one, and a workspace holding the whole corpus and a 10,000-line runbook.
    suite: 'bench',
    trusted: true,
    extensions: () => ({
      // ONCALL_BENCH_WITHOUT_ONCALL=1: a host for VS Code's own share of the memory figure.
      ...(process.env.ONCALL_BENCH_WITHOUT_ONCALL === '1' ? {} : { 'oncall-runbooks': process.env.ONCALL_BENCH_EXTENSION_DIR ?? repoRoot }),
      'oncall-bench-empty': join(repoRoot, 'test/fixtures/bench/empty-extension'),
      'oncall-bench-warmup': join(repoRoot, 'test/fixtures/bench/warmup-extension'),
    }),
    prepare: (workspace) => {
      if (!corpusDir) throw new Error(`The bench needs the corpus of real runbooks: ${CORPUS_HINT}.`);
      cpSync(corpusDir, join(workspace, BENCH_WORKSPACE.corpusFolder), { recursive: true, filter: (path) => path.endsWith('.md') || statSync(path).isDirectory() });
      const { text } = bigRunbook(corpusFiles(corpusDir));
      mkdirSync(dirname(join(workspace, BENCH_WORKSPACE.bigRunbook)), { recursive: true });
      writeFileSync(join(workspace, BENCH_WORKSPACE.bigRunbook), text);
    },
  },
];
const wanted = (process.env.ONCALL_PASSES ?? 'suite,restricted,incidents,sessions,sessions-windows,broken,promql').split(/[\s,]+/);
const passes = allPasses.filter((pass) => wanted.includes(pass.suite));

/**
 * This repository's extension, linked file by file, with a dist/services.js that throws when
 * loaded. dist/extension.js is copied: Node resolves a linked module to its real folder, where
 * it would find the real services bundle.
 */
function brokenInstall(folder: string): string {
  mkdirSync(join(folder, 'dist'), { recursive: true });
  for (const name of readdirSync(repoRoot)) if (name !== 'dist') symlinkSync(join(repoRoot, name), join(folder, name));
  copyFileSync(join(repoRoot, 'dist/extension.js'), join(folder, 'dist/extension.js'));
  writeFileSync(join(folder, 'dist/services.js'), "throw new Error('dist/services.js is damaged');\n");
  return folder;
}

async function runPass(pass: Pass, testsEntry: string): Promise<SuiteResults | undefined> {
  const workspace = copyFixture('workspace');
  pass.prepare?.(workspace);
  const phases = pass.phases ?? [pass.suite];
  const home = phases.length > 1 ? scratchDir('home') : undefined;
  const port = phases.length > 1 ? await freePort() : undefined;
  const total: SuiteResults = { passes: 0, failures: 0, pending: 0 };
  try {
    for (const [index, phase] of phases.entries()) {
      if (phases.length > 1) console.log(`-- ${phase}${index < phases.length - 1 ? ' (its extension host is killed at the end)' : ' (reopened after the crash)'}`);
      const results = await runPhase(pass, phase, workspace, home, port, index < phases.length - 1, testsEntry);
      if (!results) return undefined;
      total.passes += results.passes;
      total.failures += results.failures;
      total.pending += results.pending;
    }
    return total;
  } finally {
    // The workspace's scratch folder, with anything a pass put next to it.
    rmSync(dirname(workspace), { recursive: true, force: true });
    if (home) rmSync(home, { recursive: true, force: true });
  }
}

async function runPhase(pass: Pass, suite: string, workspace: string, home: string | undefined, port: number | undefined, killHost: boolean, testsEntry: string): Promise<SuiteResults | undefined> {
  const windows = pass.windows ?? 1;
  const resultsFile = join(scratchDir('results'), `${suite}.json`);
  const server = await startCodeServer({
    workspace,
    trusted: pass.trusted,
    ...(home ? { home } : {}),
    ...(port ? { port } : {}),
    env: {
      ONCALL_TEST_RESULTS: resultsFile,
      ONCALL_TEST_WORKSPACE: workspace,
      ONCALL_TEST_SUITE: suite,
      ...(windows > 1 ? { ONCALL_TEST_WINDOWS: String(windows) } : {}),
      ...(corpusDir ? { ONCALL_CORPUS: corpusDir } : {}),
      ...(killHost ? { ONCALL_TEST_KILL_HOST: '1' } : {}),
    },
  });
  const browser = await launchBrowser();
  const timeoutMs = Number(process.env.ONCALL_TEST_TIMEOUT_MS ?? 600_000);
  let linked: string | undefined;
  try {
    const remote = (path: string) => `vscode-remote://127.0.0.1:${server.port}${path}`;
    let extensions = repoRoot;
    if (pass.extensions) {
      extensions = scratchDir('extensions');
      for (const [name, folder] of Object.entries(pass.extensions(workspace))) symlinkSync(folder, join(extensions, name), 'dir');
      linked = extensions;
    }
    // With several windows each host writes `<results>.<pid>` (see test/integration/index.ts).
    const written = (): string[] =>
      windows > 1 ? readdirSync(dirname(resultsFile)).filter((name) => name.startsWith(`${suite}.json.`)).map((name) => join(dirname(resultsFile), name)) : existsSync(resultsFile) ? [resultsFile] : [];
    // Every window opened before any is waited on; a page's exit is kept wrapped, not awaited here.
    const opened = await Promise.all(
      Array.from({ length: windows }, async () => {
        const page = await browser.newPage();
        forwardConsole(page);
        const exitCode = new Promise<number>((resolveExit) => {
          void page.exposeFunction('codeAutomationExit', (code: number) => resolveExit(code));
        });
        await openWorkbench(page, server, windows > 1 ? undefined : workspace, [
          ['extensionDevelopmentPath', remote(extensions)],
          ['extensionTestsPath', remote(testsEntry)],
        ]);
        return { exitCode };
      }),
    );
    const exits = Promise.all(opened.map((window) => window.exitCode));
    // A host that kills itself never reports an exit code: its results file is the signal.
    const resultsWritten = (async () => {
      while (written().length < windows) await sleep(200);
      return 0;
    })();
    const code = await Promise.race([exits.then(() => 0), ...(killHost ? [resultsWritten] : []), sleep(timeoutMs).then(() => -1)]);
    if (code === -1) {
      console.error(`The ${suite} suite did not finish within ${timeoutMs / 1000} s.`);
      console.error(server.output());
      return undefined;
    }
    const files = written();
    if (files.length < windows) {
      console.error(`The ${suite} suite never ran inside ${windows > 1 ? `all ${windows} extension hosts` : 'the extension host'} (${files.length} results file(s)).`);
      console.error(server.output());
      return undefined;
    }
    return files
      .map((file) => JSON.parse(readFileSync(file, 'utf8')) as SuiteResults)
      .reduce((sum, results) => ({ passes: sum.passes + results.passes, failures: sum.failures + results.failures, pending: sum.pending + results.pending }));
  } finally {
    await browser.close();
    await server.stop();
    if (linked) {
      // The links only, never what they point to.
      for (const name of readdirSync(linked)) unlinkSync(join(linked, name));
      rmdirSync(linked);
    }
  }
}

async function main(): Promise<number> {
  const testsEntry = join(repoRoot, 'out/integration/test/integration/index.js');
  if (!existsSync(join(repoRoot, 'dist/extension.js')) || !existsSync(testsEntry)) {
    console.error('Build first: npm run build && npm run build:integration');
    return 2;
  }
  const total: SuiteResults = { passes: 0, failures: 0, pending: 0 };
  let broken = false;
  for (const pass of passes) {
    console.log(`\n== ${pass.suite} (${pass.trusted ? 'trusted workspace' : 'Restricted Mode'})`);
    const results = await runPass(pass, testsEntry);
    if (!results) {
      broken = true;
      continue;
    }
    total.passes += results.passes;
    total.failures += results.failures;
    total.pending += results.pending;
    // A grep may select nothing in one pass; without one, every pass must run tests.
    if (results.passes === 0 && !process.env.ONCALL_TEST_GREP) {
      console.error(`No test ran in the ${pass.suite} pass.`);
      broken = true;
    }
  }
  console.log(`integration: ${total.passes} passed, ${total.failures} failed, ${total.pending} skipped`);
  return !broken && total.failures === 0 && total.passes > 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
