// `npm run bench`: prints one line per performance figure (value, same-run reference, ratio,
// spread, budget) and exits non-zero when a budget is missed. Not part of `npm test`: timing
// on a shared machine is too noisy for pass/fail tests.
//
// In order: the package (staged and packed with the production build), the node figures, then
// the extension-host figures — ONCALL_BENCH_HOSTS (default 5) fresh code-server hosts for
// activation and memory, one sample each, as many hosts without On-Call for VS Code's own
// share of the memory figure, and one more host for the rest — while the 60 s Kubernetes idle
// run goes on in this process (it only counts requests).
// ONCALL_BENCH_VERBOSE=1 shows the hosts' own output. ONCALL_BENCH_PARTS=scale measures only
// the scale figures (100,000 alerts in a host of their own, the Kubernetes cluster at scale);
// ONCALL_BENCH_PARTS=storm only the alerts.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { FRESH_HOST, REFERENCE_HOST, SHARED_HOST, STORM_HOST, type MemorySample } from '../test/integration/bench/benchHost';
import type { CaptureRun } from '../test/integration/bench/stepOutputCapture.test';
import { captureFigures } from './stepOutput.bench';
import { startHostServers } from './hostServers';
import { incidentFigures } from './incidents.bench';
import { kubeIdleFigures } from './kubeIdle.bench';
import { kubeScaleFigures } from './kubeScale.bench';
import { Figure, judge, summarise } from './measure';
import { stageActivatedOnDemand, stageExtension } from './package.bench';
import { redactionFigures } from './redaction.bench';
import { runbookFigures } from './runbooks.bench';
import { stormFigures, type StormResults } from './storm.bench';

const repoRoot = resolve(__dirname, '../../..');

type HostResults = Partial<{
  activation: { oncallMs: number; emptyMs: number; oncallBodyMs: number; emptyBodyMs: number; oncallModuleMs: number; emptyModuleMs: number; servicesMs: number; servicesModuleMs: number; compileMs: number; loaded: string[] };
  memoryBaseline: MemorySample;
  memoryAfter: MemorySample;
  memoryStages: { stage: string; heapUsedMb: number; rssMb: number }[];
  referenceBaseline: MemorySample;
  referenceAfter: MemorySample;
  clickToShellMs: number[];
  clickToHandOverMs: number[];
  clickToStartEventMs: number[];
  codeLensColdMs: number[];
  codeLensBareParseMs: number[];
  codeLensCachedMs: number[];
  codeLensLines: number;
  reindexMs: number[];
  reindexFromWriteMs: number[];
  reindexReadMs: number[];
  reindexWorkspaceFsMs: number[];
  reindexParseMs: number[];
  captureRuns: CaptureRun[];
}> &
  Partial<StormResults>;

/** One bench pass of the integration runner in a new code-server; what its suites reported. */
async function runHost(grep: string, env: Record<string, string>): Promise<HostResults> {
  const dir = mkdtempSync(join(tmpdir(), 'oncall-bench-'));
  const out = join(dir, 'host.json');
  const verbose = process.env.ONCALL_BENCH_VERBOSE === '1';
  let output = '';
  const code = await new Promise<number>((resolveExit) => {
    const child = spawn(process.execPath, [join(repoRoot, 'out/launch/test/launch/runIntegration.js')], {
      env: { ...process.env, ...env, ONCALL_PASSES: 'bench', ONCALL_BENCH_OUT: out, ONCALL_TEST_GREP: grep },
      stdio: ['ignore', verbose ? 'inherit' : 'pipe', 'inherit'],
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (exitCode) => resolveExit(exitCode ?? 1));
  });
  try {
    if (code !== 0 || !existsSync(out)) {
      if (output) process.stderr.write(output);
      throw new Error(`the in-host benchmark (${grep}) failed (exit code ${code}; its output is above)`);
    }
    return JSON.parse(readFileSync(out, 'utf8')) as HostResults;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Resident memory without what V8's young generation has committed: a buffer of up to 32 MB
 * that grows while the host allocates fast and shrinks after about 10 s of calm, whatever
 * it holds (see MemorySample.youngMb). Counted in, it decides the figure by timing alone.
 */
function residentWithoutYoung(sample: MemorySample): number {
  return sample.rssMb - sample.youngMb;
}

function need<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new Error(`the in-host benchmark did not report ${what}`);
  return value;
}

interface HostFigures {
  readonly activation: Figure[];
  readonly memory: Figure[];
  readonly codeLens: Figure[];
  readonly reindex: Figure[];
  readonly click: Figure[];
  readonly storm: Figure[];
  readonly capture: Figure[];
}

/** The alert storm, in a host of its own (its 100,000 alerts would weigh on the other figures). */
async function stormHostFigures(extensionDir: string): Promise<Figure[]> {
  const servers = await startHostServers();
  try {
    return stormFigures(await runHost(STORM_HOST, { ...servers.env, ONCALL_BENCH_EXTENSION_DIR: extensionDir }));
  } finally {
    await servers.stop();
  }
}

/** Figures measured inside the real extension host (code-server), by the bench suites. */
async function hostFigures(extensionDir: string): Promise<HostFigures> {
  const servers = await startHostServers();
  const env = { ...servers.env, ONCALL_BENCH_EXTENSION_DIR: extensionDir };
  // Activation is timed, and the memory baseline taken, before On-Call is active.
  const onDemandDir = stageActivatedOnDemand(extensionDir);
  const fresh: HostResults[] = [];
  const reference: HostResults[] = [];
  let shared: HostResults;
  let storm: HostResults;
  try {
    const hosts = Math.max(1, Number(process.env.ONCALL_BENCH_HOSTS ?? 5));
    for (let i = 0; i < hosts; i++) fresh.push(await runHost(FRESH_HOST, { ...env, ONCALL_BENCH_EXTENSION_DIR: onDemandDir }));
    // VS Code's own share of the memory figure, in hosts without On-Call.
    for (let i = 0; i < hosts; i++) reference.push(await runHost(REFERENCE_HOST, { ...env, ONCALL_BENCH_WITHOUT_ONCALL: '1' }));
    shared = await runHost(SHARED_HOST, env);
    storm = await runHost(STORM_HOST, env);
  } finally {
    await servers.stop();
    rmSync(onDemandDir, { recursive: true, force: true });
  }
  const activations = fresh.map((host) => need(host.activation, 'activation'));
  const baselines = fresh.map((host) => need(host.memoryBaseline, 'the memory baseline'));
  const afters = fresh.map((host) => need(host.memoryAfter, 'the memory with everything loaded'));
  const loaded = [...new Set(activations.flatMap((a) => a.loaded))].join(', ');
  const vscodeOwn = reference.map((host) => ({ baseline: need(host.referenceBaseline, "VS Code's own memory"), after: need(host.referenceAfter, "VS Code's own memory") }));
  // Heap added by each stage of the memory benchmark (the first one over the baseline).
  const stageNames = need(fresh[0].memoryStages, 'the memory stages').map((s) => s.stage);
  const stageFigures: Figure[] = stageNames.map((stage, i) => ({
    name: `    heap added by: ${stage}`,
    value: summarise(
      fresh.map((host, h) => {
        const stages = need(host.memoryStages, 'the memory stages');
        return stages[i].heapUsedMb - (i === 0 ? baselines[h].heapUsedMb : stages[i - 1].heapUsedMb);
      }),
    ),
    unit: 'MB',
  }));
  const lines = need(shared.codeLensLines, 'CodeLens');
  return {
    activation: [
      {
        name: 'activation in the extension host (getExtension().activate(), outer time)',
        value: summarise(activations.map((a) => a.oncallMs)),
        unit: 'ms',
        reference: { name: 'empty extension', value: summarise(activations.map((a) => a.emptyMs)) },
        maxRatio: 2,
        maxValue: 20,
        note: `loaded: ${loaded}`,
      },
      { name: '  of which loading its main module (compile + run dist/extension.js)', value: summarise(activations.map((a) => a.oncallModuleMs)), unit: 'ms' },
      { name: "  of which On-Call's activate() body (its activationMs)", value: summarise(activations.map((a) => a.oncallBodyMs)), unit: 'ms' },
      { name: '  then, on the next tick: services started (views, commands, sources)', value: summarise(activations.map((a) => a.servicesMs)), unit: 'ms' },
      { name: '    of which loading dist/services.js (compile + run)', value: summarise(activations.map((a) => a.servicesModuleMs)), unit: 'ms' },
      { name: '    (alone, same hosts, afterwards: compiling dist/services.js)', value: summarise(activations.map((a) => a.compileMs)), unit: 'ms' },
    ],
    memory: [
      {
        name: "memory added to the extension host with everything loaded (resident, without V8's young generation; from before On-Call was activated, same host)",
        value: summarise(afters.map((m, h) => residentWithoutYoung(m) - residentWithoutYoung(baselines[h]))),
        unit: 'MB',
        reference: { name: "VS Code's own for the same editor and terminal, empty extension only", value: summarise(vscodeOwn.map((r) => residentWithoutYoung(r.after) - residentWithoutYoung(r.baseline))) },
        maxIncrease: 60,
      },
      {
        name: '  JS heap after full GC added, same hosts',
        value: summarise(afters.map((m, h) => m.heapUsedMb - baselines[h].heapUsedMb)),
        unit: 'MB',
        reference: { name: "VS Code's own", value: summarise(vscodeOwn.map((r) => r.after.heapUsedMb - r.baseline.heapUsedMb)) },
        byIncrease: true,
      },
      {
        name: '  resident set as the system shows it, young generation included, same hosts',
        value: summarise(afters.map((m) => m.rssMb)),
        unit: 'MB',
        reference: { name: 'before On-Call was activated', value: summarise(baselines.map((m) => m.rssMb)) },
        byIncrease: true,
      },
      {
        name: "  V8's young generation committed, same hosts",
        value: summarise(afters.map((m) => m.youngMb)),
        unit: 'MB',
        reference: { name: 'before On-Call was activated', value: summarise(baselines.map((m) => m.youngMb)) },
        byIncrease: true,
      },
      ...stageFigures,
    ],
    codeLens: [
      {
        name: `CodeLens for the ${lines}-line runbook in the extension host, cold (provider + RunbookIndex)`,
        value: summarise(need(shared.codeLensColdMs, 'CodeLens')),
        unit: 'ms',
        reference: { name: 'bare markdown-it parse', value: summarise(need(shared.codeLensBareParseMs, 'CodeLens')) },
        maxRatio: 1.2,
      },
      { name: `CodeLens for the ${lines}-line runbook in the extension host, cached`, value: summarise(need(shared.codeLensCachedMs, 'CodeLens')), unit: 'ms', maxValue: 1 },
    ],
    reindex: [
      { name: 're-index after one runbook file changes (watcher event → index updated)', value: summarise(need(shared.reindexMs, 're-index')), unit: 'ms', maxValue: 5 },
      { name: '  from the write, with the file watcher\'s own delay', value: summarise(need(shared.reindexFromWriteMs, 're-index')), unit: 'ms' },
      { name: '  (alone, same host: reading the file with Node, as the index does)', value: summarise(need(shared.reindexReadMs, 're-index')), unit: 'ms' },
      { name: '  (alone, same host, for comparison: vscode.workspace.fs stat + readFile)', value: summarise(need(shared.reindexWorkspaceFsMs, 're-index')), unit: 'ms' },
      { name: '  (alone, same host: parseRunbook of its text)', value: summarise(need(shared.reindexParseMs, 're-index')), unit: 'ms' },
    ],
    click: [
      { name: 'click Run → command runs in the shell, warm terminal', value: summarise(need(shared.clickToShellMs, 'click to shell')), unit: 'ms', maxValue: 150 },
      { name: '  of which the extension, until the text is handed to the terminal', value: summarise(need(shared.clickToHandOverMs, 'click to shell')), unit: 'ms' },
      { name: "  (shell integration's start event back in the extension host)", value: summarise(need(shared.clickToStartEventMs, 'click to shell')), unit: 'ms' },
    ],
    storm: stormFigures(storm),
    capture: captureFigures(need(shared.captureRuns, 'step output capture')),
  };
}

/** ONCALL_BENCH_PARTS=scale: the scale figures alone. */
async function scaleFigures(extensionDir: string): Promise<Figure[]> {
  // One after the other: each would disturb the other's timings.
  const kube = await kubeScaleFigures(repoRoot);
  return [...(await stormHostFigures(extensionDir)), ...kube];
}

function printVerdicts(figures: Figure[], broken: number): number {
  const verdicts = figures.map(judge);
  for (const verdict of verdicts) console.log(verdict.line);
  const missed = verdicts.filter((v) => !v.ok).length;
  console.log(missed === 0 && broken === 0 ? 'bench: every budget met' : `bench: ${missed} budget(s) missed${broken ? `, ${broken} part(s) failed to measure` : ''}`);
  return missed === 0 && broken === 0 ? 0 : 1;
}

async function main(): Promise<number> {
  const stage = await stageExtension(repoRoot);
  try {
    if (process.env.ONCALL_BENCH_PARTS === 'scale') return printVerdicts(await scaleFigures(stage.dir), 0);
    if (process.env.ONCALL_BENCH_PARTS === 'storm') return printVerdicts(await stormHostFigures(stage.dir), 0);
    const [corpus, codeLens] = runbookFigures(repoRoot);
    const incidents = incidentFigures();
    const redaction = redactionFigures();
    // Its worker thread's lists would disturb the timings of the host and the idle run.
    const scale = await kubeScaleFigures(repoRoot).then(
      (figures) => ({ status: 'fulfilled' as const, value: figures }),
      (error: unknown) => ({ status: 'rejected' as const, reason: error }),
    );
    const idle = kubeIdleFigures(repoRoot);
    // Each part is reported even when the other one fails.
    const [host, kube] = await Promise.allSettled([hostFigures(stage.dir), idle]);
    for (const result of [host, kube, scale]) if (result.status === 'rejected') console.error(result.reason);
    const fromHost = (group: keyof HostFigures) => (host.status === 'fulfilled' ? host.value[group] : []);
    // In the order of the README's table.
    const figures: Figure[] = [
      ...fromHost('activation'),
      ...stage.figures,
      corpus,
      ...fromHost('reindex'),
      codeLens,
      ...fromHost('codeLens'),
      ...incidents,
      ...fromHost('storm'),
      ...(scale.status === 'fulfilled' ? scale.value : []),
      ...redaction,
      ...(kube.status === 'fulfilled' ? kube.value : []),
      ...fromHost('click'),
      ...fromHost('capture'),
      ...fromHost('memory'),
    ];
    return printVerdicts(figures, [host, kube, scale].filter((r) => r.status === 'rejected').length);
  } finally {
    rmSync(stage.dir, { recursive: true, force: true });
    rmSync(`${stage.dir}.vsix`, { force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
