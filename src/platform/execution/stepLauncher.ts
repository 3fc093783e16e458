// The last part of running a step, once it is planned and confirmed: journal the start, send
// the command to the context's own terminal (KUBECONFIG pinned to the chosen context), and
// journal the end when the terminal reports it.
import { randomUUID } from 'node:crypto';
import { delimiter } from 'node:path';
import * as vscode from 'vscode';
import { findInteractiveUse } from '../../core/execution/interactiveCommands';
import type { ExecutionPlan } from '../../core/execution/planExecution';
import { redactSecrets } from '../../core/execution/secretRedaction';
import { formatStepName, nameStep } from '../../core/runbooks/stepNames';
import { loadParsers } from '../parsing/loadParsers';
import { PinFiles } from '../kube/pinFiles';
import type { Log } from '../log';
import type { StepTerminals, TerminalRunResult } from '../terminals/stepTerminals';
import type { JournalStore } from './journalStore';
import type { OutputRecording, StepOutputs } from './stepOutputs';
import { askRunWithoutRecording } from './stepPrompts';
import type { ReadyState, RunOutcome, StepToRun } from './stepExecutor';

export class StepLauncher implements vscode.Disposable {
  /** This window's own pin files: no other window writes them. */
  private readonly pins: PinFiles;

  constructor(
    private readonly terminals: StepTerminals,
    private readonly journal: JournalStore,
    /** Shared by every window (global storage); this launcher writes only in a folder of its own inside. */
    pinRoot: string,
    private readonly log: Log,
    /** Keeps what steps print; absent, only exit codes are kept. */
    private readonly outputs?: StepOutputs,
  ) {
    this.pins = new PinFiles(pinRoot);
  }

  /**
   * Journals the start, sends the command to the context's terminal, journals the end. A start
   * the journal cannot take is said before anything runs: the user runs it unrecorded or not at all.
   */
  async launch(target: StepToRun, plan: ExecutionPlan, state: ReadyState | undefined): Promise<RunOutcome> {
    const active = state?.active;
    const runId = randomUUID();
    const section = target.runbook.sections.find((s) => s.id === target.step.sectionId)?.title;
    const name = nameStep(target.runbook, target.step);
    // The first command may carry a token; the log and the journal never do.
    const readable = redactSecrets(formatStepName(name));
    const journalled = await this.journal.append({
      type: 'step-started',
      runId,
      at: new Date().toISOString(),
      runbook: target.uri.toString(),
      runbookTitle: target.runbook.title,
      section,
      sectionPath: name.sections,
      stepId: target.step.id,
      stepName: redactSecrets(name.step),
      command: redactSecrets(plan.command),
      context: active?.context ?? '',
      namespace: active?.namespace ?? '',
      ...(plan.judgement.targets.length > 0 ? { namedTargets: plan.judgement.targets.map((named) => redactSecrets(`${named.written} → ${named.where}`)) } : {}),
      destructive: plan.risk.destructive,
      confirmation: plan.confirmation,
    });
    if (!journalled.ok) {
      this.log.warn(`${journalled.problem} Asking before running "${readable}" unrecorded.`);
      if (!(await askRunWithoutRecording(journalled.problem))) return { ran: false, reason: 'not-recorded' };
      this.log.warn(`Running "${readable}" without a journal entry, as asked.`);
    }
    const env = state ? await this.pinnedEnv(state) : await this.noClusterEnv();
    // A run the journal does not hold gets no output kept either: nothing would name the file.
    // Nor does a step that takes over its terminal (a session, a pager, `kubectl logs -f`):
    // VS Code holds every chunk of a read execution until it ends, so reading one that runs
    // until stopped would grow the extension host without bound; its output stays in its terminal.
    const interactive = findInteractiveUse(plan.command);
    if (interactive && journalled.ok) this.log.info(`The output of "${readable}" is not kept: it ${interactive.reason}; it stays in its terminal.`);
    const recording = journalled.ok && !interactive ? this.outputs?.begin(runId) : undefined;
    const terminal = await this.terminals.run(
      {
        name: active ? `On-Call: ${active.context}` : 'On-Call',
        cwd: target.uri.scheme === 'file' ? vscode.Uri.joinPath(target.uri, '..') : undefined,
        env,
      },
      plan.command,
      recording,
    );
    this.log.info(`Running "${readable}" in ${active ? `${active.context}/${active.namespace}` : 'a terminal where kubectl has no cluster'}`);
    // A run whose start is not in the journal gets no end there either.
    if (journalled.ok) this.journalEnd(runId, terminal.finished, recording);
    return { ran: true, runId, plan, terminal };
  }

  private journalEnd(runId: string, finished: TerminalRunResult['finished'], recording: OutputRecording | undefined): void {
    if (finished) {
      void finished.then(async ({ exitCode, durationMs }) => {
        // The end is journalled whatever happens to the output.
        const output = await recording?.finish().catch((error: unknown) => {
          this.log.warn(`Could not keep the output of a step: ${String(error)}`);
          return undefined;
        });
        return this.journal.append({ type: 'step-finished', runId, at: new Date().toISOString(), exitCode: exitCode ?? null, durationMs, ...(output ? { output } : {}) });
      });
    } else {
      recording?.discard();
      void this.journal.append({ type: 'step-finished', runId, at: new Date().toISOString(), exitCode: null, durationMs: null });
    }
  }

  /**
   * Writes this window's pin file of the active context (its namespace may have changed since
   * the last run) and returns the terminal's KUBECONFIG with it first. The pin module brings
   * the yaml package, so it loads on the first run, not at activation.
   */
  private async pinnedEnv(state: ReadyState): Promise<Record<string, string>> {
    const { pinnedKubeconfigEnv, renderPinKubeconfig } = await loadParsers();
    const { active } = state;
    const path = await this.pins.writePin(
      active.context,
      renderPinKubeconfig({ context: active.context, namespace: active.namespace, cluster: active.cluster, user: active.user }),
    );
    return { KUBECONFIG: pinnedKubeconfigEnv(path, state.paths, delimiter) };
  }

  /** KUBECONFIG for the terminal used without any kubeconfig: kubectl there fails closed. */
  private async noClusterEnv(): Promise<Record<string, string>> {
    const { NO_CLUSTER_KUBECONFIG } = await loadParsers();
    return { KUBECONFIG: await this.pins.writeNoCluster(NO_CLUSTER_KUBECONFIG) };
  }

  dispose(): void {
    // The terminals that named these files are transient and close with the window.
    void this.pins.dispose();
  }
}
