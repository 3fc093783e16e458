// The execution journal: one JSON object per line, appended as steps start and end, read back
// after a reload. A line that does not parse (a crash mid-write, a hand edit) is skipped and
// counted, never allowed to hide the rest of the journal.

export interface StepStartedEntry {
  readonly type: 'step-started';
  /** Shared by the started and finished entries of one run. */
  readonly runId: string;
  /** ISO 8601, UTC. */
  readonly at: string;
  readonly runbook: string;
  readonly runbookTitle: string;
  /** The innermost heading holding the step. */
  readonly section?: string;
  /**
   * Every heading holding the step, outermost first (`Scenario 2`, `Investigation`), without
   * one that only repeats the runbook's title. Absent in entries written before it was kept.
   */
  readonly sectionPath?: readonly string[];
  /** Stable for machines: `step-<index>` in the runbook as it was then. */
  readonly stepId: string;
  /** For people: the fence's name or the step's first command, secrets redacted. Absent in older entries. */
  readonly stepName?: string;
  /** The command as sent, secrets redacted. */
  readonly command: string;
  /** The context and namespace the terminal is pinned to. */
  readonly context: string;
  readonly namespace: string;
  /**
   * Where commands of the step said they go themselves (`kubectl --context prod-eu …`), as the
   * confirmation showed it; absent when none names a target.
   */
  readonly namedTargets?: readonly string[];
  readonly destructive: boolean;
  readonly confirmation: 'none' | 'modal' | 'typed-name';
}

export interface StepFinishedEntry {
  readonly type: 'step-finished';
  readonly runId: string;
  readonly at: string;
  /** Null when the shell could not report it (no shell integration). */
  readonly exitCode: number | null;
  readonly durationMs: number | null;
  /** What the step printed, kept beside the journal; absent when it was not captured. */
  readonly output?: StepOutputRef;
}

/**
 * A step's captured output: a file in the `step-outputs` folder beside the journal, holding
 * the output with ANSI sequences stripped and secrets masked, as valid UTF-8. Only the first
 * and last 64 KB are kept, with a marker line where the middle was left out.
 */
export interface StepOutputRef {
  /** File name inside the outputs folder: `<runId>.txt`. Checked with isStepOutputFileName before use. */
  readonly file: string;
  /** Bytes the step printed, after stripping (kept and left out together). */
  readonly printedBytes: number;
  /** Bytes left out between the kept head and tail; 0 when everything was kept. */
  readonly omittedBytes: number;
  /** True when the incident's output budget ran out during this step: its file stops early. */
  readonly overBudget?: boolean;
}

/**
 * A journal is a file anyone can edit: a name like `../../.ssh/id_rsa` must never be read or
 * written as a step's output, so only plain `<runId>.txt` names are accepted.
 */
export function isStepOutputFileName(name: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9-]{0,63}\.txt$/.test(name);
}

export type JournalEntry = StepStartedEntry | StepFinishedEntry;

export function serializeJournalEntry(entry: JournalEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

export interface ParsedJournal {
  readonly entries: JournalEntry[];
  /** 1-based line numbers that could not be read. */
  readonly skippedLines: number[];
}

export function parseJournal(text: string): ParsedJournal {
  const entries: JournalEntry[] = [];
  const skippedLines: number[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      const value = JSON.parse(line) as unknown;
      if (isJournalEntry(value)) entries.push(value);
      else skippedLines.push(index + 1);
    } catch {
      skippedLines.push(index + 1);
    }
  });
  return { entries, skippedLines };
}

function isJournalEntry(value: unknown): value is JournalEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  if (typeof entry.runId !== 'string' || typeof entry.at !== 'string') return false;
  if (entry.type === 'step-started') return typeof entry.command === 'string' && typeof entry.context === 'string';
  if (entry.type === 'step-finished') return entry.exitCode === null || typeof entry.exitCode === 'number';
  return false;
}

/** One run as the timeline shows it: the start, and the end once it came. */
export interface StepRun {
  readonly started: StepStartedEntry;
  readonly finished?: StepFinishedEntry;
}

export function collectStepRuns(entries: readonly JournalEntry[]): StepRun[] {
  const runs = new Map<string, { started: StepStartedEntry; finished?: StepFinishedEntry }>();
  for (const entry of entries) {
    if (entry.type === 'step-started') runs.set(entry.runId, { started: entry });
    else {
      const run = runs.get(entry.runId);
      if (run) run.finished = entry;
    }
  }
  return [...runs.values()];
}
