// The read-only document a step's timeline row opens: a header saying what ran, where, how it
// ended and how much of its output was kept, then the stored output. The header is rendered
// here from the journal each time the document opens; the stored file holds only the output.

import { formatStepDuration } from '../shared/duration';
import { formatTime } from '../shared/timeFormat';
import type { StepFinishedEntry, StepStartedEntry } from './executionJournal';
import { redactSecrets } from './secretRedaction';
import { OUTPUT_HEAD_BYTES, OUTPUT_TAIL_BYTES } from './stepOutputCapture';

export interface StepOutputView {
  readonly started: StepStartedEntry;
  readonly finished?: StepFinishedEntry;
  /** The stored output; undefined when there is none to show (then `missing` says why). */
  readonly text?: string;
  readonly missing?: string;
}

/** The document's text: header, a rule, the output. */
export function renderStepOutputDocument(view: StepOutputView, timeZone: string | undefined): string {
  const { started, finished } = view;
  const lines = redactSecrets(started.command)
    .split('\n')
    .map((line, index) => `${index === 0 ? '$' : '>'} ${line}`);
  lines.push(`Context: ${started.context || '(none: kubectl had no cluster)'} / namespace: ${started.namespace || '(none)'}`);
  lines.push(describeEnd(finished));
  const at = Date.parse(started.at);
  const section = started.sectionPath?.length ? started.sectionPath.join(' › ') : started.section;
  lines.push(`Runbook: ${started.runbookTitle}${section ? ` › ${section}` : ''} · started ${Number.isNaN(at) ? started.at : formatTime(at, timeZone)}`);
  lines.push(...describeKept(finished));
  const body = view.text ?? view.missing ?? '';
  const rule = '─'.repeat(Math.min(80, Math.max(20, ...lines.map((line) => line.length))));
  return `${lines.join('\n')}\n${rule}\n${body}${body === '' || body.endsWith('\n') ? '' : '\n'}`;
}

function describeEnd(finished: StepFinishedEntry | undefined): string {
  if (!finished) return 'Exit code: not recorded (still running, or the editor closed first)';
  const code = finished.exitCode === null ? 'unknown (no shell integration, or the terminal closed first)' : String(finished.exitCode);
  const duration = finished.durationMs === null ? '' : ` · Duration: ${formatStepDuration(finished.durationMs)}`;
  return `Exit code: ${code}${duration}`;
}

function describeKept(finished: StepFinishedEntry | undefined): string[] {
  const output = finished?.output;
  if (!output) return [];
  const lines: string[] = [];
  const printed = `${groupDigits(output.printedBytes)} bytes`;
  if (output.omittedBytes > 0) {
    lines.push(`Printed ${printed}: the first ${OUTPUT_HEAD_BYTES / 1024} KB and the last ${OUTPUT_TAIL_BYTES / 1024} KB are kept, ${groupDigits(output.omittedBytes)} bytes between were left out.`);
  } else {
    lines.push(`Printed ${printed}, all kept (colours removed, secrets masked).`);
  }
  if (output.overBudget) lines.push("The incident's space for step output was used up during this step: what is kept stops early.");
  return lines;
}

/** `49,868,928`: the same in every locale (the document is pasted into reports). */
function groupDigits(value: number): string {
  return String(Math.round(value)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
