// Figures of step output capture, from the in-host runs of test/integration/bench/
// stepOutputCapture.test.ts: a step printing 50 MB with capture on, against the same step
// with capture off in the same host, alternated.
import { OUTPUT_HEAD_BYTES, OUTPUT_TAIL_BYTES } from '../src/core/execution/stepOutputCapture';
import type { CaptureRun } from '../test/integration/bench/stepOutputCapture.test';
import { summarise, type Figure } from './measure';

/** What a capture holds by design while a step runs: the head, and the tail window twice over. */
const KEPT_MB = (OUTPUT_HEAD_BYTES + 2 * OUTPUT_TAIL_BYTES) / 1024 / 1024;

export function captureFigures(runs: readonly CaptureRun[]): Figure[] {
  const on = runs.filter((run) => run.capture);
  const off = runs.filter((run) => !run.capture && !run.readOnly);
  const read = runs.filter((run) => run.readOnly);
  if (on.length === 0 || on.length !== off.length) throw new Error('the capture benchmark needs as many runs with capture on as off');
  // Pairs were run one after the other: each on-run is weighed against the off-run just before it.
  const perMb = on.map((run, i) => (run.cpuMs - off[i].cpuMs) / run.printedMb);
  return [
    {
      name: 'step output capture: extension-host CPU per MB printed (50 MB step, capture on minus capture off)',
      value: summarise(perMb),
      unit: 'ms/MB',
      reference: { name: 'the host receiving the output with capture off', value: summarise(off.map((run) => run.cpuMs / run.printedMb)) },
      maxValue: 10,
    },
    ...readingShare(read, off, 'cpu'),
    {
      name: '  event-loop delay p99 during the 50 MB step, capture on',
      value: summarise(on.map((run) => run.lagP99Ms)),
      unit: 'ms',
      reference: { name: 'capture off', value: summarise(off.map((run) => run.lagP99Ms)) },
      maxValue: 50,
    },
    {
      name: `  memory added during the 50 MB step beyond the ${(KEPT_MB * 1024).toFixed(0)} KB a capture keeps (peak old generation + external over the level before)`,
      value: summarise(on.map((run) => run.peakAddedMb - KEPT_MB)),
      unit: 'MB',
      reference: { name: 'capture off', value: summarise(off.map((run) => run.peakAddedMb)) },
      maxIncrease: 5,
    },
    ...readingShare(read, off, 'memory'),
  ];
}

/**
 * VS Code keeps every chunk of a read execution until the command ends (microsoft/vscode#256854):
 * runs where a reader of the bench's own drops each chunk at once show that share, which no
 * reader can avoid. Informative, no budget.
 */
function readingShare(read: readonly CaptureRun[], off: readonly CaptureRun[], what: 'cpu' | 'memory'): Figure[] {
  if (read.length === 0 || read.length !== off.length) return [];
  if (what === 'cpu') {
    return [{ name: '    of which reading the stream at all (a reader that drops every chunk, minus capture off)', value: summarise(read.map((run, i) => (run.cpuMs - off[i].cpuMs) / run.printedMb)), unit: 'ms/MB' }];
  }
  return [
    {
      name: '    of which reading the stream at all (the same reader, peak)',
      value: summarise(read.map((run) => run.peakAddedMb)),
      unit: 'MB',
      reference: { name: 'capture off', value: summarise(off.map((run) => run.peakAddedMb)) },
      byIncrease: true,
    },
  ];
}
