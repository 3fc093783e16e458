// Records what steps print into files beside the journal (see StepOutputRef): one file per
// step, written when the step ends, within a budget per incident. Capture never holds a chunk
// and never stops reading: the terminal reports a step's end only once every reader has
// taken all of its output.
import { mkdir, stat, writeFile } from 'node:fs/promises';
import * as vscode from 'vscode';
import { BuiltInCommands, Settings } from '../../constants';
import type { StepOutputRef } from '../../core/execution/executionJournal';
import { OutputBudgets } from '../../core/execution/outputBudget';
import { StepOutputCapture } from '../../core/execution/stepOutputCapture';
import { executeCommand } from '../commands';
import { config } from '../config';
import type { Log } from '../log';
import type { JournalStore } from './journalStore';

/** The most step output kept for one incident (and for all steps run with no incident). */
export const INCIDENT_OUTPUT_BUDGET_BYTES = 20 * 1024 * 1024;

/** Where a terminal hands the output of the step it runs. */
export interface OutputSink {
  write(chunk: string): void;
}

/** Which budget a step's output counts against, and what was stored against it before. */
export interface OutputBudgetScopes {
  /** The incident a step starting now belongs to; undefined when none is active. */
  current(): string | undefined;
  /** The run ids of the journal counted against `incident` (runs of no incident, for undefined). */
  runsOf(incident: string | undefined): Promise<ReadonlySet<string>>;
}

export class StepOutputs {
  /** Per incident ('' for steps of no incident), counted from disk once per window. */
  private readonly budgets = new OutputBudgets(INCIDENT_OUTPUT_BUDGET_BYTES, (key) => this.storedBefore(key));
  private scopes: OutputBudgetScopes | undefined;

  constructor(
    private readonly journal: JournalStore,
    private readonly log: Log,
  ) {}

  /** Incident sessions come after the executor: budgets are per incident from then on. */
  useScopes(scopes: OutputBudgetScopes): void {
    this.scopes = scopes;
  }

  /** A recording for a step starting now; undefined when capture is turned off. */
  begin(runId: string): OutputRecording | undefined {
    if (!config.captureStepOutput()) return undefined;
    return new OutputRecording(runId, this.scopes?.current(), this);
  }

  /** Writes a finished step's output within its budget; undefined when it could not be written. */
  async store(runId: string, budget: string | undefined, capture: StepOutputCapture): Promise<StepOutputRef | undefined> {
    const captured = capture.finish();
    const file = `${runId}.txt`;
    const path = this.journal.outputPath(file);
    if (!path) return undefined;
    const { text, overBudget, firstOverrun } = await this.budgets.take(budget ?? '', captured.text);
    try {
      await mkdir(this.journal.outputFolder, { recursive: true });
      await writeFile(path, text, 'utf8');
    } catch (error) {
      this.log.warn(`Could not keep the output of a step in ${path}: ${String(error)}. Its exit code is recorded.`);
      return undefined;
    }
    if (firstOverrun) this.sayBudgetUsed(budget);
    return { file, printedBytes: captured.printedBytes, omittedBytes: captured.omittedBytes, ...(overBudget ? { overBudget: true } : {}) };
  }

  /** What earlier steps of this budget stored, after a reload: the sizes of their files. */
  private async storedBefore(key: string): Promise<number> {
    try {
      const runs = this.scopes ? await this.scopes.runsOf(key === '' ? undefined : key) : new Set<string>();
      let total = 0;
      for (const entry of await this.journal.read()) {
        if (entry.type !== 'step-finished' || !entry.output || !runs.has(entry.runId)) continue;
        const path = this.journal.outputPath(entry.output.file);
        if (path) total += await stat(path).then((s) => (s.isFile() ? s.size : 0), () => 0);
      }
      return total;
    } catch (error) {
      this.log.warn(`Could not count the step output kept so far: ${String(error)}.`);
      return 0;
    }
  }

  private sayBudgetUsed(budget: string | undefined): void {
    const whose = budget ? `${budget} has` : 'Steps run outside an incident have';
    const sentence = `${whose} used the ${INCIDENT_OUTPUT_BUDGET_BYTES / 1024 / 1024} MB kept for step output: later steps keep their exit codes only.`;
    this.log.warn(sentence);
    void vscode.window.showWarningMessage(sentence, 'Settings').then((answer) => {
      if (answer) void executeCommand(BuiltInCommands.openSettings, Settings.captureStepOutput);
    });
  }
}

/**
 * One step's output on its way to a file. Writes after the end (a terminal closed mid-step
 * leaves its reader waiting) are ignored, and a capture that fails stops capturing but never
 * stops the reading: the step's end waits on it.
 */
export class OutputRecording implements OutputSink {
  /** Dropped at the end: a reader left waiting by a closed terminal must not hold the buffers. */
  private capture: StepOutputCapture | undefined = new StepOutputCapture();

  constructor(
    private readonly runId: string,
    private readonly budget: string | undefined,
    private readonly outputs: StepOutputs,
  ) {}

  write(chunk: string): void {
    try {
      this.capture?.write(chunk);
    } catch {
      this.capture = undefined;
    }
  }

  /** Stores what was captured; undefined when nothing could be stored. */
  async finish(): Promise<StepOutputRef | undefined> {
    const capture = this.capture;
    this.capture = undefined;
    return capture ? this.outputs.store(this.runId, this.budget, capture) : undefined;
  }

  /** The step never ran with shell integration: nothing to keep. */
  discard(): void {
    this.capture = undefined;
  }
}
