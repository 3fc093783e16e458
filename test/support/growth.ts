// Checks how work grows, not how long it takes: a loaded machine slows every run of a test
// alike, so a ratio between two runs measured side by side holds where a wall-clock bound
// fails. Absolute figures belong to `npm run bench`. GROWTH_LOG=1 prints every ratio, to see the
// margin a check leaves.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';

/**
 * The best time of each task over `rounds` rounds, the tasks run in turn within each round so a
 * busy spell or a garbage collection hits them alike, and the best run is the least disturbed.
 */
export function bestTimes(tasks: readonly (() => void)[], rounds = 5): number[] {
  const best = tasks.map(() => Infinity);
  for (let round = 0; round < rounds; round++) {
    tasks.forEach((task, index) => {
      const started = performance.now();
      task();
      best[index] = Math.min(best[index]!, performance.now() - started);
    });
  }
  return best;
}

/**
 * Fails when `run` on an input `factor` times larger costs far more than `factor` runs on the
 * small one: linear work gives a ratio near 1, quadratic work near `factor`. The default bound
 * (10x the input, under 40x the time) leaves room for noise and still catches quadratic work.
 * A ratio over the bound is measured again, up to `maxRounds` rounds in all: noise only ever adds
 * time, so a quiet round shows linear work as linear, while quadratic work fails every round.
 */
export function assertLinearGrowth<T>(
  what: string,
  makeInput: (size: number) => T,
  run: (input: T) => void,
  options: { size: number; factor?: number; maxRatio?: number; rounds?: number; maxRounds?: number },
): void {
  const factor = options.factor ?? 10;
  const maxRatio = options.maxRatio ?? 4;
  const rounds = options.rounds ?? 5;
  const maxRounds = options.maxRounds ?? 4 * rounds;
  const small = makeInput(options.size);
  const large = makeInput(options.size * factor);
  run(small); // warm up
  const warm = performance.now();
  run(large);
  // Samples of a few milliseconds are all noise on a busy machine: repeat both sides alike.
  const repeats = Math.max(1, Math.ceil(20 / Math.max(performance.now() - warm, 0.01)));
  const tasks = [
    () => {
      for (let i = 0; i < factor * repeats; i++) run(small);
    },
    () => {
      for (let i = 0; i < repeats; i++) run(large);
    },
  ];
  let [smallTime, largeTime] = bestTimes(tasks, rounds) as [number, number];
  for (let round = rounds; largeTime / Math.max(smallTime, 0.01) >= maxRatio && round < maxRounds; round++) {
    const [smallAgain, largeAgain] = bestTimes(tasks, 1) as [number, number];
    smallTime = Math.min(smallTime, smallAgain);
    largeTime = Math.min(largeTime, largeAgain);
  }
  const ratio = largeTime / Math.max(smallTime, 0.01);
  if (process.env.GROWTH_LOG) console.log(`growth of ${what}: ${factor}x the input, ${(ratio * factor).toFixed(1)}x the time`);
  assert.ok(ratio < maxRatio, `${what}: ${factor}x the input took ${(ratio * factor).toFixed(1)}x the time (${smallTime.toFixed(1)} ms for ${factor} small runs, ${largeTime.toFixed(1)} ms for one large)`);
}
