// The questions a run asks: a placeholder value (picked from live objects or typed, with a
// remembered value preselected, never used silently) and the confirmation of the step.
// Enter is not consent for a destructive step: in an ordinary context the focused choice is
// Cancel, in a protected one the context name must be typed. A modal dialog cannot do this:
// VS Code focuses its first button and always puts the close button last.
import * as vscode from 'vscode';
import type { ExecutionPlan } from '../../core/execution/planExecution';
import { redactSecrets } from '../../core/execution/secretRedaction';

export interface ValueQuestion {
  /** The placeholder as written, e.g. `<pod-name>`. */
  readonly text: string;
  /** Live objects to pick from, when the kind is known and the cluster answered. */
  readonly objects?: readonly { label: string; description?: string; failing?: boolean }[];
  /** Why there is no list (shown as the placeholder text). */
  readonly listProblem?: string;
  /** A value remembered from an earlier step: offered first and preselected, never used silently. */
  readonly remembered?: string;
  /** One sentence when the value cannot be used, else undefined. */
  readonly validate: (value: string) => string | undefined;
  readonly title: string;
  readonly prompt: string;
}

/** The QuickPick of a live-object placeholder, opened busy while the objects load. */
export function openObjectPick(title: string, kind: string): vscode.QuickPick<vscode.QuickPickItem> {
  const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
  pick.title = title;
  pick.placeholder = `Pick a ${kind}, or type a name`;
  pick.busy = true;
  pick.ignoreFocusOut = true;
  pick.show();
  return pick;
}

const REMEMBERED = 'remembered from an earlier step';

/** Fills the pick with the objects, the remembered value first and active, and resolves with the accepted value. */
export function answerObjectPick(pick: vscode.QuickPick<vscode.QuickPickItem>, question: ValueQuestion): Promise<string | undefined> {
  const objects: vscode.QuickPickItem[] = (question.objects ?? []).map((o) => ({
    label: o.label,
    description: o.description,
    iconPath: new vscode.ThemeIcon(o.failing ? 'error' : 'pass'),
  }));
  let rememberedItem: vscode.QuickPickItem | undefined;
  if (question.remembered !== undefined) {
    const listed = objects.find((item) => item.label === question.remembered);
    rememberedItem = { label: question.remembered, description: listed?.description ? `${REMEMBERED} · ${listed.description}` : REMEMBERED, iconPath: new vscode.ThemeIcon('history') };
    objects.splice(listed ? objects.indexOf(listed) : 0, listed ? 1 : 0);
  }
  const items = rememberedItem ? [rememberedItem, ...objects] : objects;
  pick.items = items;
  if (rememberedItem) pick.activeItems = [rememberedItem];
  if (question.listProblem) pick.placeholder = `Type a name: ${question.listProblem}`;
  else if (items.length === 0) pick.placeholder = 'None found: type a name';
  pick.busy = false;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: string | undefined) => {
      if (settled) return;
      settled = true;
      pick.dispose();
      resolve(value);
    };
    pick.onDidAccept(() => {
      const chosen = pick.selectedItems[0];
      if (chosen?.alwaysShow && chosen.label.startsWith('$(error)')) return; // the refusal line itself
      const value = chosen?.label ?? pick.value.trim();
      if (value === '') return;
      const problem = question.validate(value);
      if (problem) {
        // A QuickPick has no validation message: the sentence becomes its first line until the text changes.
        pick.items = [{ label: `$(error) ${problem}`, alwaysShow: true }, ...items];
        return;
      }
      finish(value);
    });
    pick.onDidChangeValue(() => {
      if (pick.items.length !== items.length) pick.items = items;
    });
    pick.onDidHide(() => finish(undefined));
  });
}

/** A typed value, prefilled and selected when one is remembered. */
export function askTypedValue(question: ValueQuestion): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: question.title,
    prompt: question.remembered !== undefined ? `${question.prompt} Preselected: the value ${REMEMBERED}.` : question.prompt,
    value: question.remembered,
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim() === '' ? 'A value is needed to run the step.' : question.validate(value)),
  });
}

export interface ConfirmationView {
  readonly plan: ExecutionPlan;
  /** The kube context, or undefined for a terminal without one. */
  readonly context?: string;
  /** `context "x", namespace "y"` or `no kube context`. */
  readonly where: string;
  /** `Where: ...` line for the detail. */
  readonly whereLine: string;
  /** `pod-name = web-1 (remembered from an earlier step)`... */
  readonly valueLines: readonly string[];
  /** Said first, e.g. that an editor selection was widened to whole commands. */
  readonly note?: string;
}

/** Shows the confirmation the plan needs and returns true only on deliberate consent. */
export async function confirmStep(view: ConfirmationView): Promise<boolean> {
  const { plan, context } = view;
  const command = redactSecrets(plan.command);
  const reasons = plan.risk.reasons.join('; ');
  if (plan.confirmation === 'typed-name' && context !== undefined) {
    // The strongest prompt shows what it protects: the command and the values, in one line
    // (the input box's message does not keep line breaks).
    const oneLine = command.split('\n').join(' ⏎ ');
    const values = view.valueLines.length > 0 ? ` Values: ${view.valueLines.join(', ')}.` : '';
    const typed = await vscode.window.showInputBox({
      title: `${context} is a protected context: type its name to run ${oneLine.length > 80 ? `${oneLine.slice(0, 77)}...` : oneLine}`,
      prompt: `${view.note ? `${view.note} ` : ''}Type "${context}" to run: ${reasons || 'this step'} in ${view.where}. Command: ${oneLine}.${values}`,
      placeHolder: context,
      ignoreFocusOut: true,
      // Nothing typed yet is not an error, so the prompt with the command and values stays in
      // view; Enter on an empty box closes it and runs nothing.
      validateInput: (value) => (value === '' || value === context ? undefined : `Type the context name exactly: ${context}. Command: ${oneLine}.${values}`),
    });
    return typed === context;
  }
  const target = context !== undefined ? `in ${context}` : '(no kube context)';
  if (plan.risk.destructive) return pickRunOrCancel(view, target, command, reasons);
  const detail = [...(view.note ? [view.note] : []), 'This step looks read-only.', view.whereLine, ...(view.valueLines.length > 0 ? [`Values: ${view.valueLines.join(', ')}.`] : []), '', command].join('\n');
  const choice = await vscode.window.showWarningMessage(`Run this step ${target}?`, { modal: true, detail }, 'Run');
  return choice === 'Run';
}

interface ConfirmItem extends vscode.QuickPickItem {
  readonly action?: 'run' | 'cancel';
}

/** A destructive step in an ordinary context: Cancel is the first, focused choice, so Enter alone cancels. */
function pickRunOrCancel(view: ConfirmationView, target: string, command: string, reasons: string): Promise<boolean> {
  const pick = vscode.window.createQuickPick<ConfirmItem>();
  // A step that cannot be read is not known to be destructive: the title says which it is.
  pick.title = `${view.plan.risk.unchecked ? `Run a step that cannot be checked ${target}?` : `Run a destructive step ${target}?`} This step ${reasons}.`;
  pick.placeholder = 'Enter cancels. Choose "Run" to run the command below.';
  pick.ignoreFocusOut = true;
  pick.matchOnDescription = true;
  const cancel: ConfirmItem = { label: '$(circle-slash) Cancel', description: 'do not run it', action: 'cancel' };
  const run: ConfirmItem = { label: `$(warning) Run ${target}`, description: reasons, action: 'run' };
  const info = (label: string): ConfirmItem => ({ label });
  pick.items = [
    cancel,
    run,
    { label: 'Command', kind: vscode.QuickPickItemKind.Separator },
    ...command.split('\n').map((line) => info(line === '' ? ' ' : line)),
    ...(view.note ? [{ label: 'Note', kind: vscode.QuickPickItemKind.Separator }, info(view.note)] : []),
    { label: 'Where', kind: vscode.QuickPickItemKind.Separator },
    info(view.whereLine.replace(/^Where: /, '')),
    ...(view.valueLines.length > 0 ? [{ label: 'Values', kind: vscode.QuickPickItemKind.Separator }, ...view.valueLines.map(info)] : []),
  ];
  pick.activeItems = [cancel];
  return answerRunOrCancel(pick);
}

/**
 * Shows a Run-or-Cancel pick and resolves true only when Run is accepted; hiding it cancels.
 * A line without an action (the command, a value) is information: accepting it does nothing.
 */
function answerRunOrCancel(pick: vscode.QuickPick<ConfirmItem>): Promise<boolean> {
  pick.show();
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: boolean) => {
      if (settled) return;
      settled = true;
      pick.dispose();
      resolve(value);
    };
    pick.onDidAccept(() => {
      const action = pick.selectedItems[0]?.action;
      if (action) finish(action === 'run');
    });
    pick.onDidHide(() => finish(false));
  });
}

/**
 * Asked when the journal cannot take the step's start: the step would leave no trace in the
 * journal or the incident's timeline. Cancel is first and focused, so Enter alone runs nothing.
 */
export function askRunWithoutRecording(problem: string): Promise<boolean> {
  const pick = vscode.window.createQuickPick<ConfirmItem>();
  pick.title = `${problem} This step would not be recorded.`;
  pick.placeholder = 'Enter cancels. Choose "Run Without Recording" to run it anyway.';
  pick.ignoreFocusOut = true;
  const cancel: ConfirmItem = { label: '$(circle-slash) Cancel', description: 'do not run it', action: 'cancel' };
  const run: ConfirmItem = { label: '$(warning) Run Without Recording', description: 'no journal entry, no timeline event', action: 'run' };
  pick.items = [cancel, run];
  pick.activeItems = [cancel];
  return answerRunOrCancel(pick);
}
