// Benchmark, not a test of behaviour: what keeping a step's output costs the extension host,
// for a step printing 50 MB, measured against the same step with capture off in the same host
// (the terminal sends the host every byte of output either way). Per run: the host's CPU time
// from Run to the journalled end, the event loop's delay (p99), and the peak of the old
// generation and external memory over the settled level before the step. Samples are added to
// ONCALL_BENCH_OUT for `npm run bench`, which judges them against the budgets.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapSpaceStatistics } from 'node:v8';
import * as vscode from 'vscode';
import { Settings } from '../../../src/constants';
import type { JournalEntry, StepFinishedEntry } from '../../../src/core/execution/executionJournal';
import type { OnCallApi } from '../../../src/extension';
import { activateExtension, workspaceFolder } from '../support/hostHelpers';
import { COLOURED_STEP, FIFTY_MB_STEP, finishedRun, removeDrillRunbook, startDrillStep, writeDrillRunbook } from '../support/stepOutputDrill';
import { report, settledMemory, SHARED_HOST } from './benchHost';

export interface CaptureRun {
  readonly capture: boolean;
  /** Capture off, but a reader of the test's own takes the stream and drops it: what VS Code's side of reading costs. */
  readonly readOnly?: boolean;
  readonly cpuMs: number;
  readonly lagP99Ms: number;
  /** Peak of (old generation + large objects + external) during the step, over the settled level before it, MB. */
  readonly peakAddedMb: number;
  readonly printedMb: number;
  readonly wallMs: number;
}

/** Old generation, large objects and external memory: what outlives a scavenge, MB. */
function lastingMb(): number {
  const spaces = getHeapSpaceStatistics();
  const used = spaces.filter((space) => space.space_name !== 'new_space').reduce((sum, space) => sum + space.space_used_size, 0);
  return (used + process.memoryUsage().external) / 1024 / 1024;
}

/** Resolves with the end of run `runId` as soon as the journal takes it (no polling: it would cost CPU too). */
function endOf(api: OnCallApi, started: Promise<string>): Promise<StepFinishedEntry> {
  return new Promise((resolve) => {
    let runId: string | undefined;
    const seen: JournalEntry[] = [];
    const check = (entry: JournalEntry) => {
      if (entry.type === 'step-finished' && entry.runId === runId) {
        listener.dispose();
        resolve(entry);
      }
    };
    const listener = api.journal.onDidAppend((entry) => (runId === undefined ? seen.push(entry) : check(entry)));
    void started.then((id) => {
      runId = id;
      seen.forEach(check);
    });
  });
}

/**
 * With ONCALL_BENCH_CAPTURE_PROFILE=<folder>, a CPU profile of the host per run
 * (`capture-on-<n>.cpuprofile`), to see where the time goes; undefined otherwise.
 */
function startProfile(name: string): (() => Promise<void>) | undefined {
  const folder = process.env.ONCALL_BENCH_CAPTURE_PROFILE;
  if (!folder) return undefined;
  const session = new Session();
  session.connect();
  session.post('Profiler.enable');
  session.post('Profiler.start');
  return () =>
    new Promise((resolve) => {
      session.post('Profiler.stop', (error, result) => {
        if (!error) writeFileSync(join(folder, `${name}.cpuprofile`), JSON.stringify(result.profile));
        session.disconnect();
        resolve();
      });
    });
}

let profiled = 0;

/** Reads every step execution's output and drops it, until disposed. */
function readAndDrop(): vscode.Disposable {
  return vscode.window.onDidStartTerminalShellExecution(async (event) => {
    for await (const chunk of event.execution.read()) void chunk;
  });
}

async function measure(api: OnCallApi, runbook: vscode.Uri, capture: boolean, readOnly = false): Promise<CaptureRun> {
  await vscode.workspace.getConfiguration().update(Settings.captureStepOutput, capture, vscode.ConfigurationTarget.Global);
  const reader = readOnly ? readAndDrop() : undefined;
  await settledMemory();
  const baseline = lastingMb();
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, lastingMb())), 100);
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const stopProfile = startProfile(`capture-${capture ? 'on' : readOnly ? 'read' : 'off'}-${profiled++}`);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const finished = await endOf(api, startDrillStep(api, runbook, FIFTY_MB_STEP));
  const used = process.cpuUsage(cpu);
  await stopProfile?.();
  reader?.dispose();
  const wallMs = performance.now() - started;
  lag.disable();
  clearInterval(sampler);
  assert.equal(finished.exitCode, 0);
  assert.equal(finished.output !== undefined, capture);
  const printedMb = (finished.output?.printedBytes ?? 50_657_895) / 1e6;
  return { capture, ...(readOnly ? { readOnly } : {}), cpuMs: (used.user + used.system) / 1000, lagP99Ms: lag.percentile(99) / 1e6, peakAddedMb: peak - baseline, printedMb, wallMs };
}

describe(`benchmark (${SHARED_HOST}): step output capture`, function () {
  this.timeout(1_800_000);

  it('measures a 50 MB step with capture on against the same step with capture off', async () => {
    const api = await activateExtension();
    const runbook = writeDrillRunbook(workspaceFolder());
    try {
      // Opens the terminal and waits for its shell integration: not counted.
      await finishedRun(api, await startDrillStep(api, runbook, COLOURED_STEP));
      const runs: CaptureRun[] = [];
      const pairs = Math.max(1, Number(process.env.ONCALL_BENCH_CAPTURE_PAIRS ?? 2));
      for (let i = 0; i < pairs; i++) {
        // Alternated, so both see the same machine.
        runs.push(await measure(api, runbook, false));
        runs.push(await measure(api, runbook, false, true));
        runs.push(await measure(api, runbook, true));
      }
      for (const run of runs) {
        console.log(`capture ${run.capture ? 'on ' : run.readOnly ? 'off, read and dropped' : 'off'}: ${run.cpuMs.toFixed(0)} ms CPU, lag p99 ${run.lagP99Ms.toFixed(1)} ms, peak +${run.peakAddedMb.toFixed(1)} MB, ${run.printedMb.toFixed(1)} MB in ${(run.wallMs / 1000).toFixed(1)} s`);
      }
      report({ captureRuns: runs });
    } finally {
      await vscode.workspace.getConfiguration().update(Settings.captureStepOutput, undefined, vscode.ConfigurationTarget.Global);
      removeDrillRunbook(workspaceFolder());
    }
  });
});
