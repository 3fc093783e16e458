// The execution journal as a person reads it: a Markdown table of step runs (time, where the
// step comes from, the command, where it ran, how it ended), newest last like a log. The raw
// JSON-lines file stays the record; this is only a view of it.
import { formatLocal, formatUtc, isUtcZone } from '../shared/timeFormat';
import { formatStepDuration } from '../shared/duration';
import { collectStepRuns, type JournalEntry, type StepRun, type StepStartedEntry } from './executionJournal';

/** Runs shown at most: a journal of months stays quick to open and to read. */
export const JOURNAL_REPORT_LIMIT = 500;

export interface JournalReportOptions {
  /** The raw file, as a link a reader can follow. */
  readonly rawUri: string;
  /** IANA zone the times are read in; UTC when absent. */
  readonly timeZone?: string;
  readonly limit?: number;
}

export function renderJournalReport(entries: readonly JournalEntry[], options: JournalReportOptions): string {
  const runs = collectStepRuns(entries);
  const limit = options.limit ?? JOURNAL_REPORT_LIMIT;
  const shown = runs.slice(-limit);
  const scope =
    shown.length < runs.length
      ? `The newest ${shown.length} of ${runs.length} step runs, oldest first; older runs are in the raw journal.`
      : `${runs.length} step ${runs.length === 1 ? 'run' : 'runs'}, oldest first.`;
  return [
    '# Execution journal',
    '',
    `Every runbook step run in this workspace. ${scope}`,
    '',
    `Raw journal (JSON lines, one object per line): ${options.rawUri}`,
    'Open it with **On-Call: Open Raw Journal** (the button at the top right of this editor).',
    '',
    ...alignedTable(HEADER, shown.map((run) => journalCells(run, options.timeZone))),
    '',
  ].join('\n');
}

const HEADER = ['Time', 'Runbook › Section › Step', 'Command', 'Context / Namespace', 'Exit code', 'Duration'];

/** Columns padded to one width, so the table reads as a table in the editor as well as in a preview. */
function alignedTable(header: readonly string[], rows: readonly string[][]): string[] {
  const cells = [header, ...rows].map((row) => row.map(tableCell));
  const widths = header.map((_, column) => Math.max(3, ...cells.map((row) => row[column].length)));
  const line = (row: readonly string[]): string => `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [line(cells[0]), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...cells.slice(1).map(line)];
}

function journalCells(run: StepRun, timeZone: string | undefined): string[] {
  const { started, finished } = run;
  const where = describeStepRun(started);
  const target = started.namespace ? `${started.context} / ${started.namespace}` : started.context;
  const exit = !finished ? 'no end recorded' : finished.exitCode === null ? 'not reported' : String(finished.exitCode);
  const duration = finished?.durationMs === null || finished?.durationMs === undefined ? '' : formatStepDuration(finished.durationMs);
  return [formatReadableTime(started.at, timeZone), where, commandCell(started.command), target || '(none)', exit, duration];
}

/** Runbook › section › step; an entry from before headings and names were kept says what it has. */
export function describeStepRun(started: StepStartedEntry): string {
  const sections = started.sectionPath ?? [started.section];
  const step = started.stepName ?? stepLabel(started.stepId);
  return [started.runbookTitle || started.runbook, ...sections, step].filter((part) => part).join(' › ');
}

/** `step-2` (0-based) reads as "step 3". */
function stepLabel(stepId: string): string {
  const index = /^step-(\d+)$/.exec(stepId)?.[1];
  return index === undefined ? stepId : `step ${Number(index) + 1}`;
}

/** One line of code, whatever the block held: lines joined with ⏎, long ones cut (the raw journal has them whole). */
function commandCell(command: string): string {
  const oneLine = command.trim().split('\n').map((line) => line.trim()).filter((line) => line).join(' ⏎ ');
  const cut = oneLine.length > COMMAND_WIDTH ? `${oneLine.slice(0, COMMAND_WIDTH - 1)}…` : oneLine;
  if (!cut.includes('`')) return `\`${cut}\``;
  // A code span holding backticks needs a longer fence, and spaces where it starts or ends with one.
  return `\`\` ${cut} \`\``;
}

const COMMAND_WIDTH = 100;

/** A pipe would end the cell early. */
function tableCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/**
 * ISO date and 24-hour clock with the zone named, and the UTC time beside it when the zone is
 * another: `2026-12-06 06:03:12 GMT+1 (05:03:12 UTC)`. UTC when no zone is given.
 */
export function formatReadableTime(iso: string, timeZone?: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const local = formatLocal(ms, timeZone);
  return isUtcZone(timeZone) ? local : `${local} (${formatUtc(ms).slice(11)} UTC)`;
}
