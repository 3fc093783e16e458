import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { delimiter, resolve } from 'node:path';
import * as vscode from 'vscode';
import { narrowStep } from '../../core/execution/blockCommands';
import { listCommandChoices, offersCommandChoice } from '../../core/execution/commandChoices';
import { planExecution, unfilledPlaceholders, type ExecutionPlan, type PlaceholderQuestion } from '../../core/execution/planExecution';
import { kubeconfigKey } from '../../core/execution/commandTargetJudgement';
import { resolveHomeVariable } from '../../core/execution/commandTargets';
import { describeValues, gatherKnownValues, valueScope, type ValueSource } from '../../core/execution/placeholderSources';
import { refuseValue } from '../../core/execution/placeholderValues';
import { redactSecrets } from '../../core/execution/secretRedaction';
import { mergeKubeconfigs, type KubeconfigFile } from '../../core/kube/kubeconfigMerger';
import type { MergedKubeconfig } from '../../core/kube/kubeconfigModel';
import { expandSettingPath } from '../../core/shared/settingPaths';
import type { Runbook, RunbookStep } from '../../core/runbooks/model';
import { findPlaceholders } from '../../core/runbooks/placeholders';
import { config } from '../config';
import { loadParsers } from '../parsing/loadParsers';
import { describeClusterError, kubeConfigFor, listLiveObjects } from '../kube/kubeClient';
import type { KubeContextService, KubeState } from '../kube/kubeContextService';
import { PinFiles } from '../kube/pinFiles';
import type { Log } from '../log';
import type { StepTerminals, TerminalRunResult } from '../terminals/stepTerminals';
import { pickCommands } from './commandPicker';
import type { JournalStore } from './journalStore';
import { answerObjectPick, askTypedValue, confirmStep, openObjectPick, type ValueQuestion } from './stepPrompts';

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
  | { readonly ran: false; readonly reason: 'no-context' | 'cancelled' | 'not-confirmed' | 'unfilled' | 'refused' };

/** How long a live-object listing for a placeholder may take before the input box is offered instead. */
const LIVE_LIST_TIMEOUT_MS = 5_000;

/**
 * Runs a runbook step against the active kube context: fills placeholders (live objects,
 * remembered values, or typed), asks for the confirmation the plan requires, sends the
 * command to the context's own terminal, and journals the start and the end.
 */
export class StepExecutor implements vscode.Disposable {
  /** Placeholder values remembered for this session, per incident (else runbook) and context: see `valueScope`. */
  private readonly remembered = new Map<string, Record<string, string>>();
  /** This window's own pin files: no other window writes them. */
  private readonly pins: PinFiles;

  constructor(
    private readonly kube: KubeContextService,
    private readonly terminals: StepTerminals,
    private readonly journal: JournalStore,
    /** Shared by every window (global storage); this executor writes only in a folder of its own inside. */
    pinRoot: string,
    private readonly log: Log,
  ) {
    this.pins = new PinFiles(pinRoot);
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
    if (state.kind !== 'ready' && !withoutCluster) {
      const message = state.kind === 'error' ? state.error.message : 'The kubeconfig is still loading.';
      this.log.warn(`Step not run: ${message}`);
      // Not awaited: the refusal is the outcome, whether or not the message is ever clicked.
      void vscode.window.showErrorMessage(`Cannot run the step: ${message}`, 'Switch Kube Context', 'Show Log').then(async (choice) => {
        if (choice === 'Switch Kube Context') await vscode.commands.executeCommand('oncall.kube.switchContext');
        if (choice === 'Show Log') await vscode.commands.executeCommand('oncall.log.show');
      });
      return { ran: false, reason: 'no-context' };
    }
    const cluster = state.kind === 'ready' ? state : undefined;
    const scope = valueScope({ incidentId: target.incident?.id, runbookUri: target.uri.toString(), context: cluster?.active.context ?? '' });
    const memory = this.remembered.get(scope) ?? {};
    const known = gatherKnownValues({
      names: target.step.placeholders.map((p) => p.name),
      incidentLabels: target.incident?.labels,
      given: target.values,
      remembered: memory,
      contextNamespace: cluster?.active.namespace,
    });
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
        const answer = await this.ask(target, question, cluster, reconfirm[question.name]);
        if (answer === undefined) return { ran: false, reason: 'cancelled' };
        values[question.name] = answer;
        sources[question.name] = 'chosen';
        if (question.name !== 'namespace') memory[question.name] = answer;
      }
      this.remembered.set(scope, memory);
      plan = this.plan(target, values, cluster);
    }
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
    const answer = await this.confirm(plan, cluster, target, sources);
    if (answer === 'choose') return this.run({ ...target, values, choose: true });
    if (answer !== 'run') return { ran: false, reason: 'not-confirmed' };
    return this.send(target, plan, cluster);
  }

  /** A step the plan refuses never reaches a terminal or the journal: one sentence says why. */
  private refuse(reason: string): RunOutcome {
    this.log.warn(`Step not run: ${reason}`);
    void vscode.window.showErrorMessage(`Not run: ${reason}`);
    return { ran: false, reason: 'refused' };
  }

  /** Journals the start, sends the command to the context's terminal, journals the end. */
  private async send(target: StepToRun, plan: ExecutionPlan, state: ReadyState | undefined): Promise<RunOutcome> {
    const active = state?.active;
    const runId = randomUUID();
    const section = target.runbook.sections.find((s) => s.id === target.step.sectionId)?.title;
    await this.journal.append({
      type: 'step-started',
      runId,
      at: new Date().toISOString(),
      runbook: target.uri.toString(),
      runbookTitle: target.runbook.title,
      section,
      stepId: target.step.id,
      command: redactSecrets(plan.command),
      context: active?.context ?? '',
      namespace: active?.namespace ?? '',
      ...(plan.judgement.targets.length > 0 ? { namedTargets: plan.judgement.targets.map((named) => redactSecrets(`${named.written} → ${named.where}`)) } : {}),
      destructive: plan.risk.destructive,
      confirmation: plan.confirmation,
    });
    const env = state ? await this.pinnedEnv(state) : await this.noClusterEnv();
    const terminal = await this.terminals.run(
      {
        name: active ? `On-Call: ${active.context}` : 'On-Call',
        cwd: target.uri.scheme === 'file' ? vscode.Uri.joinPath(target.uri, '..') : undefined,
        env,
      },
      plan.command,
    );
    this.log.info(`Running ${target.step.id} of "${target.runbook.title}" in ${active ? `${active.context}/${active.namespace}` : 'a terminal where kubectl has no cluster'}`);
    const finished = terminal.finished;
    if (finished) {
      void finished.then(({ exitCode, durationMs }) =>
        this.journal.append({ type: 'step-finished', runId, at: new Date().toISOString(), exitCode: exitCode ?? null, durationMs }),
      );
    } else {
      void this.journal.append({ type: 'step-finished', runId, at: new Date().toISOString(), exitCode: null, durationMs: null });
    }
    return { ran: true, runId, plan, terminal };
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

  /** A value for one placeholder: a pick of live objects when the kind is known, else an input box; a refused value is never accepted. */
  private async ask(target: StepToRun, question: PlaceholderQuestion, cluster: ReadyState | undefined, remembered: string | undefined): Promise<string | undefined> {
    const text = target.step.commands;
    const language = target.step.kind === 'sql' ? 'sql' : target.step.kind === 'python' ? 'python' : 'shell';
    const placeholders = findPlaceholders(text, target.step.kind);
    const validate = (value: string) => refuseValue(text, language, placeholders, question.name, value);
    if (question.liveKind && cluster) {
      const { active } = cluster;
      const kind = question.liveKind;
      const title = `${question.text} in ${active.context}${kind === 'node' || kind === 'namespace' ? '' : ` / ${active.namespace}`}`;
      const pick = openObjectPick(title, kind);
      let objects: ValueQuestion['objects'];
      let listProblem: string | undefined;
      try {
        const listed = await withTimeout(
          (async () => listLiveObjects(await kubeConfigFor(active, cluster.merged), kind, active.namespace))(),
          LIVE_LIST_TIMEOUT_MS,
        );
        objects = listed.map((o) => ({ label: o.name, description: o.description, failing: o.failing }));
      } catch (error) {
        listProblem = describeClusterError(error, active, `list ${kind}s`);
        this.log.warn(`${listProblem} (${String(error)})`);
      }
      return answerObjectPick(pick, { text: question.text, objects, listProblem, remembered, validate, title, prompt: '' });
    }
    return askTypedValue({
      text: question.text,
      remembered,
      validate,
      title: `Value for ${question.text}`,
      prompt: `Used for every ${question.text} in this step, and remembered for later steps${cluster ? ` in ${cluster.active.context}` : ''}.`,
    });
  }

  /**
   * The confirmation the plan asks for. Returns 'run' only when the user confirmed, 'choose'
   * when they asked to pick commands: a dialog that could not be shown, or any other
   * failure, counts as "cancel".
   */
  private async confirm(plan: ExecutionPlan, cluster: ReadyState | undefined, target: StepToRun, sources: Readonly<Record<string, ValueSource>>): Promise<ConfirmAnswer> {
    if (plan.confirmation === 'none') return 'run';
    try {
      return await this.askConfirmation(plan, cluster, target, sources);
    } catch (error) {
      this.log.warn(`The confirmation could not be shown, so the step did not run: ${String(error)}`);
      return 'cancel';
    }
  }

  private async askConfirmation(plan: ExecutionPlan, cluster: ReadyState | undefined, target: StepToRun, sources: Readonly<Record<string, ValueSource>>): Promise<ConfirmAnswer> {
    const active = cluster?.active;
    const where = active ? `context "${active.context}", namespace "${active.namespace}"` : 'no kube context';
    const shown = Object.fromEntries(Object.entries(plan.values).filter(([name]) => name !== 'namespace' || sources[name] !== 'context'));
    const valueLines = describeValues(shown, sources);
    const { protectedTarget, unknownTarget } = plan.judgement;
    // Where each command that names its own target goes: the dialog names those, not only the pin.
    const named = plan.judgement.targets.map((goes) => {
      const verdict = goes.verdict === 'protected' ? `protected: ${goes.reason}` : goes.verdict === 'unknown' ? `cannot check where it goes: ${goes.reason}` : '';
      return `Named by the command (${goes.written}): ${goes.where}${verdict ? ` (${verdict})` : ''}.`;
    });
    const facts = [
      target.selectionNote ?? '',
      plan.risk.destructive ? `This step ${plan.risk.reasons.join('; ')}.` : 'This step looks read-only.',
      active
        ? `Where: ${where} (${active.server})${named.length > 0 ? ', unless a command says otherwise' : ''}.`
        : 'Where: a terminal where kubectl has no cluster (no kubeconfig was found).',
      ...named,
      valueLines.length > 0 ? `Values: ${valueLines.join(', ')}.` : '',
    ].filter((line) => line !== '');
    const detail = [...facts, '', redactSecrets(plan.command)].join('\n');
    const goesTo = protectedTarget?.where ?? unknownTarget?.written ?? (plan.judgement.targets.length === 1 ? plan.judgement.targets[0]!.where : undefined);
    const inContext = goesTo ? `in ${goesTo}` : active ? `in ${active.context}` : '(no cluster)';
    const typedName = plan.typedName ?? active?.context;
    if (offersCommandChoice(target.step, plan.risk)) {
      // "Choose Commands…" comes first: Enter then opens the list, where nothing is ticked.
      const title = `Run a block that holds ${plan.risk.unchecked ? 'a command that cannot be checked' : 'a destructive command'} ${inContext}?`;
      const choice = await vscode.window.showWarningMessage(title, { modal: true, detail }, CHOOSE_COMMANDS, RUN_ALL);
      if (choice === CHOOSE_COMMANDS) return 'choose';
      if (choice !== RUN_ALL) return 'cancel';
      if (plan.confirmation !== 'typed-name' || typedName === undefined) return 'run';
    }
    const oneLineCommand = redactSecrets(plan.command).split('\n').join(' ⏎ ');
    if (plan.confirmation === 'typed-name' && typedName !== undefined) {
      const named = protectedTarget ?? unknownTarget;
      const title =
        named === undefined
          ? `${typedName} is a protected context`
          : named.verdict === 'protected'
            ? `This step goes to ${named.where}, a protected context`
            : `Cannot check where this step goes: ${named.reason}`;
      const whereText = named ? named.where : where;
      const typed = await vscode.window.showInputBox({
        title,
        // The strongest prompt shows what it protects: the command and the values, on one line.
        prompt: `${target.selectionNote ? `${target.selectionNote} ` : ''}Type "${typedName}" to run: ${plan.risk.reasons.join('; ') || 'this step'} in ${whereText}. Command: ${oneLineCommand}.${valueLines.length > 0 ? ` Values: ${valueLines.join(', ')}.` : ''}`,
        placeHolder: typedName,
        ignoreFocusOut: true,
        // Nothing typed is not an error, so the prompt stays in view; Enter on it runs nothing.
        validateInput: (value) => (value === '' || value === typedName ? undefined : `Type the ${named?.verdict === 'unknown' ? 'name' : 'context name'} exactly: ${typedName}. Command: ${oneLineCommand}.`),
      });
      return typed === typedName ? 'run' : 'cancel';
    }
    // Destructive: a pick whose focused choice is Cancel; read-only: a modal dialog.
    const confirmed = await confirmStep({
      plan: { ...plan, confirmation: 'modal' },
      context: goesTo ?? active?.context,
      where,
      whereLine: facts.find((line) => line.startsWith('Where: ')) ?? '',
      valueLines,
      note: [target.selectionNote ?? '', ...named].filter((line) => line !== '').join(' ') || undefined,
    });
    return confirmed ? 'run' : 'cancel';
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

type ReadyState = Extract<KubeState, { kind: 'ready' }>;
type NamedKubeconfigs = Map<string, MergedKubeconfig | { readonly error: string }>;

/**
 * Reads the kubeconfigs the plan's commands name, keyed as the judgement looks them up. A
 * file that cannot be read makes that target unknown (it asks); nothing here throws.
 */
async function readNamedKubeconfigs(plan: ExecutionPlan, cwd: string | undefined): Promise<NamedKubeconfigs> {
  const result: NamedKubeconfigs = new Map();
  const lists = plan.targets.targets.flatMap((target) => (target.kubeconfig && !target.unreadable ? [target.kubeconfig] : []));
  if (lists.length === 0) return result;
  const { parseKubeconfig } = await loadParsers();
  for (const paths of lists) {
    const key = kubeconfigKey(paths);
    if (result.has(key)) continue;
    const files: KubeconfigFile[] = [];
    let failure: string | undefined;
    for (const written of paths) {
      const expanded = expandSettingPath(resolveHomeVariable(written), { home: homedir(), env: process.env });
      if ('error' in expanded) {
        failure = expanded.error;
        break;
      }
      const path = cwd ? resolve(cwd, expanded.path) : expanded.path;
      try {
        files.push({ path, config: parseKubeconfig(await readFile(path, 'utf8'), path) });
      } catch (error) {
        failure = `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`;
        break;
      }
    }
    const merged = failure === undefined ? mergeKubeconfigs(files) : undefined;
    if (merged && merged.errors.length > 0) failure = `kubectl would refuse: ${merged.errors[0]!.message}`;
    result.set(key, failure !== undefined || !merged ? { error: failure ?? 'cannot be read' } : merged);
  }
  return result;
}

type ConfirmAnswer = 'run' | 'choose' | 'cancel';
const CHOOSE_COMMANDS = 'Choose Commands…';
const RUN_ALL = 'Run All';

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${ms / 1000} s`), { code: 'TIMEOUT' })), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}
