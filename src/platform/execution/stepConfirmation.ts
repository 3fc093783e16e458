// The confirmation a step's plan asks for before it runs: a modal dialog, a pick whose
// focused choice is Cancel, or the context's name typed; for a block with a destructive or
// unchecked command, first the offer to choose which commands run.
import * as vscode from 'vscode';
import { describeLeftOutLines } from '../../core/execution/chatCommands';
import { offersCommandChoice } from '../../core/execution/commandChoices';
import type { ExecutionPlan } from '../../core/execution/planExecution';
import { describeValues, type ValueSource } from '../../core/execution/placeholderSources';
import { redactSecrets } from '../../core/execution/secretRedaction';
import type { Log } from '../log';
import type { ReadyState, StepToRun } from './stepExecutor';
import { confirmStep } from './stepPrompts';

export type ConfirmAnswer = 'run' | 'choose' | 'cancel';
const CHOOSE_COMMANDS = 'Choose Commands…';
const RUN_ALL = 'Run All';

/**
 * The confirmation the plan asks for. Returns 'run' only when the user confirmed, 'choose'
 * when they asked to pick commands: a dialog that could not be shown, or any other
 * failure, counts as "cancel".
 */
export async function confirmPlan(
  plan: ExecutionPlan,
  cluster: ReadyState | undefined,
  target: StepToRun,
  sources: Readonly<Record<string, ValueSource>>,
  log: Log,
): Promise<ConfirmAnswer> {
  if (plan.confirmation === 'none') return 'run';
  try {
    return await askConfirmation(plan, cluster, target, sources);
  } catch (error) {
    log.warn(`The confirmation could not be shown, so the step did not run: ${String(error)}`);
    return 'cancel';
  }
}

async function askConfirmation(plan: ExecutionPlan, cluster: ReadyState | undefined, target: StepToRun, sources: Readonly<Record<string, ValueSource>>): Promise<ConfirmAnswer> {
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
  const leftOut = describeLeftOutLines(target.step.leftOut) ?? '';
  const facts = [
    target.selectionNote ?? '',
    leftOut,
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
      prompt: `${target.selectionNote ? `${target.selectionNote} ` : ''}${leftOut ? `${leftOut} ` : ''}Type "${typedName}" to run: ${plan.risk.reasons.join('; ') || 'this step'} in ${whereText}. Command: ${oneLineCommand}.${valueLines.length > 0 ? ` Values: ${valueLines.join(', ')}.` : ''}`,
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
    note: [target.selectionNote ?? '', leftOut, ...named].filter((line) => line !== '').join(' ') || undefined,
  });
  return confirmed ? 'run' : 'cancel';
}
