import * as vscode from 'vscode';
import { Commands } from '../../constants';
import { narrowStep } from '../../core/execution/blockCommands';
import { listCommandChoices } from '../../core/execution/commandChoices';
import { planExecution, unfilledPlaceholders, type ExecutionPlan } from '../../core/execution/planExecution';
import { gatherKnownValues, valueScope, type ValueSource } from '../../core/execution/placeholderSources';
import type { Runbook, RunbookStep } from '../../core/runbooks/model';
import { executeCommand } from '../commands';
import { config } from '../config';
import type { KubeContextService, KubeState } from '../kube/kubeContextService';
import type { Log } from '../log';
import type { StepTerminals, TerminalRunResult } from '../terminals/stepTerminals';
import { pickCommands } from './commandPicker';
import type { JournalStore } from './journalStore';
import { readNamedKubeconfigs, type NamedKubeconfigs } from './namedKubeconfigs';
import { askPlaceholderValue } from './placeholderAnswers';
import { confirmPlan } from './stepConfirmation';
import { StepLauncher } from './stepLauncher';
import type { StepOutputs } from './stepOutputs';

export interface StepToRun {
  readonly uri: vscode.Uri;
  readonly runbook: Runbook;
  readonly step: RunbookStep;
  /** Values given with the run (command arguments). */
  readonly values?: Readonly<Record<string, string>>;
  /**
   * Set when an editor selection cut a command and it was taken whole: the step always asks
   * first, and the confirmation says this.
   */
  readonly selectionNote?: string;
  /** Let the user tick which of the block's commands run before anything else. */
  readonly choose?: boolean;
  /** The incident the runbook was opened for: its labels fill placeholders first, and values are remembered for it. */
  readonly incident?: { readonly id: string; readonly labels: Readonly<Record<string, string>> };
}

export type RunOutcome =
  | { readonly ran: true; readonly runId: string; readonly plan: ExecutionPlan; readonly terminal: TerminalRunResult }
  | { readonly ran: false; readonly reason: 'no-context' | 'cancelled' | 'not-confirmed' | 'unfilled' | 'refused' | 'not-recorded' };

export type ReadyState = Extract<KubeState, { kind: 'ready' }>;

/** The values known for a step and where each came from, and the memory they are kept in. */
interface StepValues {
  readonly values: Record<string, string>;
  readonly sources: Record<string, ValueSource>;
  readonly memory: Record<string, string>;
  readonly scope: string;
}

/**
 * Runs a runbook step against the active kube context: fills placeholders (live objects,
 * remembered values, or typed), asks for the confirmation the plan requires, and hands the
 * command to the launcher, which sends it to the context's own terminal and journals it.
 */
export class StepExecutor implements vscode.Disposable {
  /** Placeholder values remembered for this session, per incident (else runbook) and context: see `valueScope`. */
  private readonly remembered = new Map<string, Record<string, string>>();
  private readonly launcher: StepLauncher;

  constructor(
    private readonly kube: KubeContextService,
    terminals: StepTerminals,
    journal: JournalStore,
    /** Shared by every window (global storage); this executor writes only in a folder of its own inside. */
    pinRoot: string,
    private readonly log: Log,
    outputs?: StepOutputs,
  ) {
    this.launcher = new StepLauncher(terminals, journal, pinRoot, log, outputs);
  }

  async run(request: StepToRun): Promise<RunOutcome> {
    let target = request;
    const state = await this.kube.ready();
    // No kubeconfig at all: nothing to pin, so steps that need no cluster (curl, psql,
    // systemctl) still run, with the same confirmations, in a terminal whose KUBECONFIG makes
    // kubectl, helm and k9s fail rather than find a kubeconfig of their own. Any other
    // kubeconfig problem (a configured file that cannot be read included) stops the run: an
    // unpinned kubectl could reach a different cluster than the one the user chose.
    const withoutCluster = state.kind === 'error' && state.error.reason === 'no-kubeconfig';
    if (state.kind !== 'ready' && !withoutCluster) return this.refuseWithoutContext(state);
    const cluster = state.kind === 'ready' ? state : undefined;
    const known = this.knownValues(target, cluster);
    const { values, sources } = known;

    if (target.choose) {
      // A block the guard refuses is refused before its commands are offered.
      const whole = this.plan(target, values, cluster);
      if (whole.refusal !== undefined) return this.refuse(whole.refusal);
      const where = cluster ? `in ${cluster.active.context}` : '(no kube context)';
      const chosen = await pickCommands(listCommandChoices(target.step, (step) => this.plan({ ...target, step }, values, cluster)), where);
      if (!chosen) return { ran: false, reason: 'cancelled' };
      target = { ...target, choose: false, selectionNote: undefined, step: narrowStep(target.step, chosen.map((choice) => choice.command)) };
    }

    let plan = this.plan(target, values, cluster);
    if (plan.refusal !== undefined) return this.refuse(plan.refusal);
    const asked = await this.askMissingValues(target, plan, known, cluster);
    if (asked === undefined) return { ran: false, reason: 'cancelled' };
    plan = asked;
    // Kubeconfigs the commands name themselves (`--kubeconfig`, `KUBECONFIG=`) are read so their
    // contexts can be judged too; the terminal starts in the runbook's folder, so paths are relative to it.
    const named = await readNamedKubeconfigs(plan, target.uri.scheme === 'file' ? vscode.Uri.joinPath(target.uri, '..').fsPath : undefined);
    if (named.size > 0) plan = this.plan(target, values, cluster, named);
    if (plan.refusal !== undefined) return this.refuse(plan.refusal);

    if (plan.refusals.length > 0) return this.refuse(plan.refusals.map((r) => r.reason).join(' '));
    const left = unfilledPlaceholders(plan.command, target.step.kind);
    if (left.length > 0) {
      void vscode.window.showWarningMessage(`Not run: ${left.join(', ')} still need a value.`);
      return { ran: false, reason: 'unfilled' };
    }
    // A selection that was widened always asks, so the user sees what runs beyond it.
    if (target.selectionNote && plan.confirmation === 'none') plan = { ...plan, confirmation: 'modal' };
    const answer = await confirmPlan(plan, cluster, target, sources, this.log);
    if (answer === 'choose') return this.run({ ...target, values, choose: true });
    if (answer !== 'run') return { ran: false, reason: 'not-confirmed' };
    return this.launcher.launch(target, plan, cluster);
  }

  /** Without a usable kubeconfig nothing runs: the message offers the way out. */
  private refuseWithoutContext(state: Exclude<KubeState, ReadyState>): RunOutcome {
    const message = state.kind === 'error' ? state.error.message : 'The kubeconfig is still loading.';
    this.log.warn(`Step not run: ${message}`);
    // Not awaited: the refusal is the outcome, whether or not the message is ever clicked.
    void vscode.window.showErrorMessage(`Cannot run the step: ${message}`, 'Switch Kube Context', 'Show Log').then(async (choice) => {
      if (choice === 'Switch Kube Context') await executeCommand(Commands.switchContext);
      if (choice === 'Show Log') await executeCommand(Commands.showLog);
    });
    return { ran: false, reason: 'no-context' };
  }

  /** The values known before anything is asked: the incident's labels, those given, those remembered, the namespace. */
  private knownValues(target: StepToRun, cluster: ReadyState | undefined): StepValues {
    const scope = valueScope({ incidentId: target.incident?.id, runbookUri: target.uri.toString(), context: cluster?.active.context ?? '' });
    const memory = this.remembered.get(scope) ?? {};
    const { values, sources } = gatherKnownValues({
      names: target.step.placeholders.map((p) => p.name),
      incidentLabels: target.incident?.labels,
      given: target.values,
      remembered: memory,
      contextNamespace: cluster?.active.namespace,
    });
    return { values, sources, memory, scope };
  }

  /**
   * Asks for the values the plan still needs (filling `known` in place) and returns the plan
   * with them; undefined when the user cancelled a question.
   */
  private async askMissingValues(target: StepToRun, first: ExecutionPlan, known: StepValues, cluster: ReadyState | undefined): Promise<ExecutionPlan | undefined> {
    const { values, sources, memory, scope } = known;
    let plan = first;
    // A remembered value is never used silently for a destructive step: it is asked again, preselected.
    const reconfirm: Record<string, string> = {};
    for (let round = 0; round < 2; round++) {
      if (plan.risk.destructive) {
        for (const [name, source] of Object.entries(sources)) {
          if (source !== 'remembered') continue;
          reconfirm[name] = values[name]!;
          delete values[name];
          delete sources[name];
        }
        plan = this.plan(target, values, cluster);
      }
      if (plan.questions.length === 0) break;
      for (const question of plan.questions) {
        const answer = await askPlaceholderValue(target, question, cluster, reconfirm[question.name], this.log);
        if (answer === undefined) return undefined;
        values[question.name] = answer;
        sources[question.name] = 'chosen';
        if (question.name !== 'namespace') memory[question.name] = answer;
      }
      this.remembered.set(scope, memory);
      plan = this.plan(target, values, cluster);
    }
    return plan;
  }

  /** A step the plan refuses never reaches a terminal or the journal: one sentence says why. */
  private refuse(reason: string): RunOutcome {
    this.log.warn(`Step not run: ${reason}`);
    void vscode.window.showErrorMessage(`Not run: ${reason}`);
    return { ran: false, reason: 'refused' };
  }

  private plan(target: StepToRun, values: Record<string, string>, cluster: ReadyState | undefined, namedKubeconfigs?: NamedKubeconfigs): ExecutionPlan {
    return planExecution({
      step: target.step,
      values,
      protectedContext: cluster?.protected ?? false,
      confirm: config.executionConfirm(),
      ...(cluster ? { activeContext: cluster.active.context } : {}),
      kube: {
        ...(cluster ? { merged: cluster.merged, activeContext: cluster.active.context } : {}),
        patterns: config.protectedContexts(),
        ...(namedKubeconfigs ? { namedKubeconfigs } : {}),
      },
    });
  }

  dispose(): void {
    this.launcher.dispose();
  }
}
