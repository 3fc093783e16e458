// Helpers for the benchmarks that run inside the extension host (`npm run bench`). Each suite
// file adds its samples to the JSON file named by ONCALL_BENCH_OUT, which bench/run.ts reads
// and judges; without it (a manual run) the samples are only printed.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sleep } from '../../support/waiting';

/** Adds (or replaces) keys of the bench results file. */
export function report(part: Record<string, unknown>): void {
  const out = process.env.ONCALL_BENCH_OUT;
  if (!out) return;
  const current = existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>) : {};
  writeFileSync(out, JSON.stringify({ ...current, ...part }));
}

let collect: (() => void) | undefined;

/** A full garbage collection (the extension host runs without --expose-gc). */
export function fullGc(): void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}

export interface MemorySample {
  /** Resident set size of the extension host process, MB. */
  readonly rssMb: number;
  /** Live JavaScript heap after a full collection, MB. */
  readonly heapUsedMb: number;
  /** Memory of C++ objects bound to JS (buffers among them), MB. */
  readonly externalMb: number;
  /**
   * What V8's young generation has committed, MB: a buffer for new objects of up to 32 MB that
   * V8 grows while a program allocates fast and shrinks after about 10 s of calm, used or not.
   * The same idle host's resident set moves by 28 MB with it.
   */
  readonly youngMb: number;
}

/** The host's memory once what can be collected is: two full collections with a pause between. */
export async function settledMemory(): Promise<MemorySample> {
  fullGc();
  await sleep(500);
  fullGc();
  const usage = process.memoryUsage();
  const mb = (bytes: number) => bytes / 1024 / 1024;
  const young = getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;
  return { rssMb: mb(usage.rss), heapUsedMb: mb(usage.heapUsed), externalMb: mb(usage.external), youngMb: mb(young) };
}

/** In the titles of the suites run in each of several fresh extension hosts (ONCALL_TEST_GREP, a regular expression). */
export const FRESH_HOST = 'fresh-host';
/** In the titles of the suites run once, in one more host. */
export const SHARED_HOST = 'shared-host';
/** In the titles of the suites run in a host of their own, whose memory they would distort for the others (100,000 alerts). */
export const STORM_HOST = 'storm-host';
/** In the titles of the suites run in hosts without On-Call (ONCALL_BENCH_WITHOUT_ONCALL=1): VS Code's own share. */
export const REFERENCE_HOST = 'reference-host';

/** V8's committed size per heap space and the external memory, MB: where a resident set larger than the live heap sits. */
export function describeHeapSpaces(): string {
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  const spaces = getHeapSpaceStatistics().map((space) => `${space.space_name} ${mb(space.space_size)} (used ${mb(space.space_used_size)})`);
  const usage = process.memoryUsage();
  return `${spaces.join(', ')}; external ${mb(usage.external)}, array buffers ${mb(usage.arrayBuffers)}`;
}
