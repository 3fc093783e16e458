// Small measuring kit for the benchmark scripts: medians of repeated runs, the spread that
// shows a noisy machine, and one printed line per figure.
import { performance } from 'node:perf_hooks';

export interface Sample {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  /** How many runs the median is of. */
  readonly runs?: number;
}

/** Runs `fn` `runs` times after `warmup` discarded runs; times in milliseconds. */
export function sample(fn: () => void, runs = 11, warmup = 2): Sample {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  return summarise(times);
}

/**
 * Measures two functions in alternation so that both see the same machine state; the
 * ratio of medians is what budgets are checked against.
 */
export function sampleAgainst(measured: () => void, reference: () => void, runs = 11, warmup = 2): { measured: Sample; reference: Sample } {
  for (let i = 0; i < warmup; i++) {
    reference();
    measured();
  }
  const m: number[] = [];
  const r: number[] = [];
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    reference();
    r.push(performance.now() - start);
    start = performance.now();
    measured();
    m.push(performance.now() - start);
  }
  return { measured: summarise(m), reference: summarise(r) };
}

export function summarise(times: number[]): Sample {
  const sorted = [...times].sort((a, b) => a - b);
  if (sorted.length === 0) throw new Error('no samples');
  return { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1], runs: sorted.length };
}

/** One measurement that is not a timing (a size, a count): no spread to speak of. */
export function single(value: number): Sample {
  return { median: value, min: value, max: value, runs: 1 };
}

export interface Figure {
  readonly name: string;
  readonly value: Sample;
  readonly unit: string;
  readonly reference?: { readonly name: string; readonly value: Sample };
  /** Budget on the ratio to the reference (when there is one). */
  readonly maxRatio?: number;
  /** Budget on the value itself. */
  readonly maxValue?: number;
  /** Budget on the value minus the reference (medians), e.g. memory added to a baseline. */
  readonly maxIncrease?: number;
  /** Print the difference to the reference rather than the ratio (implied by maxIncrease). */
  readonly byIncrease?: boolean;
  /** Printed after the figure: how it was measured, when the name does not say. */
  readonly note?: string;
}

export interface Verdict {
  readonly figure: Figure;
  readonly ok: boolean;
  readonly line: string;
}

export function judge(figure: Figure): Verdict {
  const { value, reference, unit } = figure;
  const fmt = (n: number) => (n >= 100 ? n.toFixed(0) : n >= 1 ? n.toFixed(2) : n.toFixed(4));
  const ratio = reference ? value.median / reference.value.median : undefined;
  const okRatio = figure.maxRatio === undefined || (ratio !== undefined && ratio <= figure.maxRatio);
  const okValue = figure.maxValue === undefined || value.median <= figure.maxValue;
  const increase = reference && (figure.maxIncrease !== undefined || figure.byIncrease) ? value.median - reference.value.median : undefined;
  const okIncrease = figure.maxIncrease === undefined || (increase !== undefined && increase <= figure.maxIncrease);
  const budgets = [
    figure.maxRatio !== undefined ? `ratio ≤ ${figure.maxRatio}x` : '',
    figure.maxValue !== undefined ? `≤ ${fmt(figure.maxValue)} ${unit}` : '',
    figure.maxIncrease !== undefined ? `increase ≤ +${fmt(figure.maxIncrease)} ${unit}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const ok = okRatio && okValue && okIncrease;
  const parts = [
    `${figure.name}: ${fmt(value.median)} ${unit}${value.runs === 1 ? '' : ` (spread ${fmt(value.min)}-${fmt(value.max)}${value.runs !== undefined ? `, ${value.runs} runs` : ''})`}`,
    reference ? `reference ${reference.name} ${fmt(reference.value.median)} ${unit} (spread ${fmt(reference.value.min)}-${fmt(reference.value.max)})` : '',
    increase !== undefined ? `increase +${fmt(increase)} ${unit}` : ratio !== undefined ? `ratio ${ratio.toFixed(2)}x` : '',
    budgets ? `budget ${budgets}` : '',
    figure.note ?? '',
    ok ? 'ok' : 'MISSED',
  ].filter(Boolean);
  return { figure, ok, line: parts.join(' | ') };
}
