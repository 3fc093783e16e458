// Benchmark, run in several fresh extension hosts by `npm run bench`: how long activating
// On-Call takes, against an empty extension activated the same way in the same host, and the
// host's memory before On-Call is activated (the baseline of withEverythingLoaded.test.ts).
//
// Order in each host: the extensions the benchmarks would activate anyway (VS Code's own
// Markdown and JSON support, see vscodeSupport.ts) are activated first and given time to settle, then an untimed warm-up
// extension absorbs what the first activation in a host costs; then, each right after a full
// garbage collection, the empty extension and On-Call are activated by
// `vscode.extensions.getExtension(id).activate()` and timed from outside: loading the module,
// the ExtensionContext, activate() itself and the answer back to the caller. Also reported,
// to show where the time goes: the time spent compiling and running each main module (a
// wrapper around Module.prototype._compile), activate()'s own body (the API's activationMs),
// what activation leaves for the next tick (loading and starting dist/services.js), and,
// afterwards, compiling dist/services.js alone.
import assert from 'node:assert/strict';
import { readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import Module from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../../src/constants';
import type { OnCallExtension } from '../../../src/extension';
import { describeHeapSpaces, FRESH_HOST, fullGc, report, settledMemory, type MemorySample } from './benchHost';
import { activateVscodeSupport, EMPTY_ID, WARMUP_ID } from './vscodeSupport';
import { sleep } from '../../support/waiting';

describe(`benchmark (${FRESH_HOST}): activation`, function () {
  this.timeout(180_000);

  it('activates an empty extension and On-Call the same way', async () => {
    const oncall = vscode.extensions.getExtension<OnCallExtension>(EXTENSION_ID);
    const empty = vscode.extensions.getExtension<{ activationMs: number }>(EMPTY_ID);
    const warmup = vscode.extensions.getExtension(WARMUP_ID);
    assert.ok(
      oncall && empty && warmup,
      `the bench pass loads On-Call, the empty and the warm-up extension; this host has: ${vscode.extensions.all.filter((e) => !e.id.startsWith('vscode.')).map((e) => `${e.id} (${e.extensionPath})`).join(', ')}`,
    );
    assert.ok(!oncall.isActive, 'On-Call was activated before the benchmark could time it');
    assert.ok(!empty.isActive && !warmup.isActive, 'the reference extensions were activated before the benchmark');

    const markdownExtensions = await activateVscodeSupport(new Set([EXTENSION_ID, EMPTY_ID, WARMUP_ID]));
    await warmup.activate();
    await sleep(200);
    // Startup has finished by now: an extension activated by onStartupFinished would be active
    // already, and the time below would be that of a call that finds it so.
    assert.ok(!oncall.isActive, 'On-Call activated itself while the host started: its activation cannot be timed from outside');

    // Time spent compiling and running each extension's main module, inside its activation.
    const moduleMs = new Map<string, number>();
    const loader = (Module as unknown as { prototype: { _compile(this: unknown, content: string, filename: string): unknown } }).prototype;
    const compile = loader._compile;
    loader._compile = function (this: unknown, content: string, filename: string) {
      const started = performance.now();
      try {
        return compile.call(this, content, filename);
      } finally {
        moduleMs.set(filename, (moduleMs.get(filename) ?? 0) + performance.now() - started);
      }
    };

    let started: number;
    let emptyApi: { activationMs: number };
    let emptyMs: number;
    let baseline: MemorySample;
    let modulesBefore: Set<string>;
    let api: OnCallExtension;
    let oncallMs: number;
    let loadedByActivation: string[];
    let servicesMs: number;
    try {
      fullGc();
      await sleep(100);
      started = performance.now();
      emptyApi = await empty.activate();
      emptyMs = performance.now() - started;

      // The baseline: every extension active but On-Call.
      baseline = await settledMemory();
      console.log(`heap spaces at the memory baseline, MB: ${describeHeapSpaces()}`);
      await sleep(100);

      modulesBefore = new Set(Object.keys(require.cache));
      const profiler = process.env.ONCALL_BENCH_PROFILE ? await startProfiler() : undefined;
      started = performance.now();
      api = await oncall.activate();
      oncallMs = performance.now() - started;
      loadedByActivation = Object.keys(require.cache).filter((path) => !modulesBefore.has(path));
      // Then what activation left for the next tick: compiling and starting dist/services.js.
      started = performance.now();
      await api.services();
      servicesMs = performance.now() - started;
      if (profiler) await profiler.stopInto(process.env.ONCALL_BENCH_PROFILE as string);
    } finally {
      loader._compile = compile;
    }
    const moduleOf = (extension: vscode.Extension<unknown>, file?: string) =>
      [...moduleMs]
        .filter(([path]) => path.startsWith(`${realpathSync(extension.extensionPath)}/${file ?? ''}`))
        .reduce((sum, [, ms]) => sum + ms, 0);
    const oncallModuleMs = moduleOf(oncall, 'dist/extension.js');
    const servicesModuleMs = moduleOf(oncall, 'dist/services.js');
    const emptyModuleMs = moduleOf(empty);
    // The modules activation loaded: the main bundle only, never the services or the Kubernetes client.
    const folder = realpathSync(oncall.extensionPath);
    const loaded = loadedByActivation.map((path) => (path.startsWith(`${folder}/`) ? path.slice(folder.length + 1) : path));

    // Afterwards, for the report: compiling the services bundle alone in this host (a
    // different source text, so that neither compilation can reuse the other's).
    const bundle = readFileSync(join(folder, 'dist/services.js'), 'utf8');
    started = performance.now();
    new Script(`${bundle}\n// bench ${Date.now()}`, { filename: 'bench-compile.js' });
    const compileMs = performance.now() - started;

    console.log(
      `activation: On-Call ${oncallMs.toFixed(1)} ms (loading its module ${oncallModuleMs.toFixed(1)} ms, activate() body ${api.activationMs.toFixed(1)} ms), ` +
        `empty extension ${emptyMs.toFixed(1)} ms (module ${emptyModuleMs.toFixed(2)} ms, body ${emptyApi.activationMs.toFixed(3)} ms); ` +
        `then services started in ${servicesMs.toFixed(1)} ms (loading dist/services.js ${servicesModuleMs.toFixed(1)} ms)`,
    );
    console.log(`activation loaded (from ${folder}): ${loaded.join(', ')}; compiling dist/services.js alone: ${compileMs.toFixed(1)} ms`);
    // The extension host's own marks (Date.now() resolution), to show where the outer time goes.
    const marks = (globalThis as { MonacoPerformanceMarks?: { getMarks(): { name: string; startTime: number }[] } }).MonacoPerformanceMarks?.getMarks() ?? [];
    const phases = (id: string) => {
      const at = (mark: string) => marks.find((m) => m.name === `code/extHost/${mark}/${id}`)?.startTime;
      const span = (from: string, to: string) => {
        const [a, b] = [at(from), at(to)];
        return a === undefined || b === undefined ? '?' : `${b - a}`;
      };
      return `load code ${span('willLoadExtensionCode', 'didLoadExtensionCode')} ms, then context ${span('didLoadExtensionCode', 'willActivateExtension')} ms, activate ${span('willActivateExtension', 'didActivateExtension')} ms`;
    };
    console.log(`extension host marks: On-Call ${phases(EXTENSION_ID)}; empty ${phases(EMPTY_ID)}`);
    console.log(`activated first (also in the memory baseline): ${markdownExtensions.map((e) => e.id).join(', ') || 'none'}`);
    console.log(`memory baseline (empty extension active): rss ${baseline.rssMb.toFixed(1)} MB, heap ${baseline.heapUsedMb.toFixed(1)} MB`);
    report({
      activation: { oncallMs, emptyMs, oncallBodyMs: api.activationMs, emptyBodyMs: emptyApi.activationMs, oncallModuleMs, emptyModuleMs, servicesMs, servicesModuleMs, compileMs, loaded, alsoActive: markdownExtensions.map((e) => e.id) },
      memoryBaseline: baseline,
    });
  });
});

/**
 * ONCALL_BENCH_PROFILE=<file>: a CPU profile of On-Call's activation, taken in this host
 * (open it in Chrome's DevTools or VS Code). It slows the activation it records.
 */
async function startProfiler(): Promise<{ stopInto(file: string): Promise<void> }> {
  const session = new Session();
  session.connect();
  const post = <T>(method: string, params?: object) =>
    new Promise<T>((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result as T))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 100 });
  await post('Profiler.start');
  return {
    async stopInto(file) {
      const { profile } = await post<{ profile: unknown }>('Profiler.stop');
      session.disconnect();
      writeFileSync(file, JSON.stringify(profile));
    },
  };
}
