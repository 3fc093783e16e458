import * as vscode from 'vscode';
import { BuiltInCommands, Commands } from '../constants';
import { selectStepCommands } from '../core/execution/blockCommands';
import { describeHiddenCharacterInStep, findHiddenCharacter } from '../core/execution/hiddenCharacters';
import type { Runbook, RunbookStep } from '../core/runbooks/model';
import { describeBlockKind, labelStep } from '../core/runbooks/runbookOutline';
import { executeCommand } from '../platform/commands';
import type { RunOutcome, StepToRun } from '../platform/execution/stepExecutor';
import type { StepReference } from '../views/runbooksTreeProvider';
import { stepArgument, stepOrLineArgument, type LineReference } from './commandArgs';
import type { CommandEntry, CommandServices } from './commandTable';

interface ResolvedStep {
  readonly uri: vscode.Uri;
  readonly runbook: Runbook;
  readonly step: RunbookStep;
}

export const runbookCommands: readonly CommandEntry[] = [
  { id: Commands.refreshRunbooks, run: (services) => services.index.rescan() },
  { id: Commands.filterRunbooks, run: filterRunbooks },
  { id: Commands.clearRunbookFilter, run: (services) => services.runbookTree.setFilter('') },
  { id: Commands.openRunbookStep, run: (services, reference) => openRunbookStep(services, stepOrLineArgument(reference)) },
  { id: Commands.copyStep, run: (services, reference) => copyStep(services, stepArgument(reference), 'commands') },
  { id: Commands.copyTemplate, run: (services, reference) => copyTemplate(services, stepArgument(reference)) },
  // Without an argument (the keybinding, the palette), a selection in a block runs only what it covers.
  { id: Commands.runStep, run: (services, reference) => runStep(services, stepArgument(reference), reference === undefined) },
  { id: Commands.runSelection, run: runSelection },
  { id: Commands.chooseCommands, run: (services, reference) => chooseCommands(services, stepArgument(reference)) },
];

async function filterRunbooks(services: CommandServices): Promise<void> {
  const text = await vscode.window.showInputBox({
    title: 'Filter Runbooks',
    prompt: 'Show the sections whose heading or alert matches and the steps whose command matches; a runbook whose title, path or service matches shows whole',
    value: services.runbookTree.filter,
    placeHolder: 'e.g. crashloop, kubectl rollout, KubePodCrashLooping',
  });
  if (text !== undefined) services.runbookTree.setFilter(text);
}

async function openRunbookStep(services: CommandServices, reference: StepReference | LineReference | undefined): Promise<void> {
  if (!reference) return;
  const uri = vscode.Uri.parse(reference.uri);
  let start = 0;
  let end = 0;
  if ('stepId' in reference) {
    const step = (await services.index.runbookFor(uri))?.steps.find((s) => s.id === reference.stepId);
    start = step?.range.startLine ?? 0;
    end = step?.range.endLine ?? start;
  } else {
    start = end = reference.line;
  }
  const editor = await vscode.window.showTextDocument(uri, { preview: true });
  const range = new vscode.Range(start, 0, end, 0);
  editor.selection = new vscode.Selection(start, 0, start, 0);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

async function runStep(services: CommandServices, reference: StepReference | undefined, fromKeyboard: boolean): Promise<RunOutcome | undefined> {
  if (!(await ensureTrusted())) return undefined;
  if (fromKeyboard) {
    const selected = await selectedCommands(services, false);
    if (selected === false) return undefined;
    if (selected) return services.executor.run(selected);
  }
  const resolved = await resolveStep(services, reference, 'run');
  if (!resolved) return undefined;
  if (!resolved.step.runnable) {
    void vscode.window.showInformationMessage(`This ${describeBlockKind(resolved.step)} block is not runnable in a terminal; use Copy instead.`);
    return undefined;
  }
  const incident = services.sessions.incidentForRunbook(resolved.uri.toString());
  return services.executor.run({ ...resolved, values: reference?.values, ...(incident ? { incident: { id: incident.id, labels: incident.labels } } : {}) });
}

async function runSelection(services: CommandServices): Promise<RunOutcome | undefined> {
  if (!(await ensureTrusted())) return undefined;
  const selected = await selectedCommands(services, true);
  return selected ? services.executor.run(selected) : undefined;
}

async function chooseCommands(services: CommandServices, reference: StepReference | undefined): Promise<RunOutcome | undefined> {
  if (!(await ensureTrusted())) return undefined;
  const resolved = await resolveStep(services, reference, 'run');
  if (!resolved) return undefined;
  if (resolved.step.kind !== 'shell') {
    void vscode.window.showInformationMessage(`Only shell blocks can be run in part; this ${describeBlockKind(resolved.step)} block runs as a whole from its Run lens.`);
    return undefined;
  }
  return services.executor.run({ ...resolved, values: reference?.values, choose: true });
}

async function copyStep(services: CommandServices, reference: StepReference | undefined, what: 'commands' | 'content'): Promise<void> {
  const resolved = await resolveStep(services, reference, 'copy');
  if (!resolved) return;
  // Chat commands left out of Run are kept by Copy: they are meant for pasting elsewhere.
  const text = what === 'commands' && resolved.step.leftOut === undefined ? resolved.step.commands : resolved.step.content;
  // Pasted into a shell, the character would act just as it would on Run.
  const hidden = findHiddenCharacter(resolved.step.content);
  if (hidden !== undefined) {
    void vscode.window.showErrorMessage(`Not copied: ${describeHiddenCharacterInStep(hidden, resolved.step.contentRange.startLine + hidden.line)}`);
    return;
  }
  await vscode.env.clipboard.writeText(text);
  const lines = text.split('\n').length;
  vscode.window.setStatusBarMessage(`$(check) Copied ${lines} line${lines === 1 ? '' : 's'} from "${resolved.runbook.title}"`, 4000);
}

/**
 * A template block, filled with the active incident's facts (channel, times, severity, what
 * was typed at Resolve); as written when no incident is active, and the message says which.
 * Resolves to the text copied.
 */
async function copyTemplate(services: CommandServices, reference: StepReference | undefined): Promise<string | undefined> {
  const resolved = await resolveStep(services, reference, 'copy');
  if (!resolved) return undefined;
  const active = services.sessions.active;
  const timeline = active ? await services.sessions.timeline(active.id) : undefined;
  if (!timeline) {
    await vscode.env.clipboard.writeText(resolved.step.content);
    vscode.window.setStatusBarMessage(`$(check) Copied the template from "${resolved.runbook.title}" as written: no incident is active to fill it from`, 6000);
    return resolved.step.content;
  }
  const source = (await vscode.workspace.openTextDocument(resolved.uri)).getText();
  const text = await services.postMortems.fillTemplate(timeline, resolved.runbook, source, resolved.step);
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`$(check) Copied the template from "${resolved.runbook.title}" with the facts of ${timeline.record.id} filled in`, 6000);
  return text;
}

async function ensureTrusted(): Promise<boolean> {
  if (vscode.workspace.isTrusted) return true;
  const choice = await vscode.window.showWarningMessage(
    'Runbook steps cannot run in Restricted Mode: this workspace is not trusted, and a runbook from it could run any command against your clusters. Copy still works.',
    'Manage Workspace Trust',
  );
  if (choice) await executeCommand(BuiltInCommands.manageWorkspaceTrust);
  return false;
}

/** Finds a step from plain arguments (lens, tree, palette); without arguments, asks. */
async function resolveStep(services: CommandServices, reference: StepReference | undefined, purpose: 'run' | 'copy'): Promise<ResolvedStep | undefined> {
  if (!reference) return pickStep(services, purpose);
  const uri = vscode.Uri.parse(reference.uri);
  const runbook = await services.index.runbookFor(uri);
  const step = runbook?.steps.find((s) => s.id === reference.stepId);
  if (!runbook || !step) {
    void vscode.window.showWarningMessage('That runbook step no longer exists: the file changed. Pick it again from the refreshed runbook.');
    return undefined;
  }
  return { uri, runbook, step };
}

/** From the palette: the block under the cursor, else a pick of the active runbook's steps, else of all runbooks' steps. */
async function pickStep(services: CommandServices, purpose: 'run' | 'copy'): Promise<ResolvedStep | undefined> {
  const { index } = services;
  const editor = vscode.window.activeTextEditor;
  const wanted = (step: RunbookStep) => purpose === 'copy' || step.runnable;
  let candidates: ResolvedStep[] = [];
  if (editor && index.isRunbookDocument(editor.document)) {
    const runbook = await index.parseDocument(editor.document);
    const line = editor.selection.active.line;
    const underCursor = runbook.steps.find((s) => s.range.startLine <= line && line <= s.range.endLine && wanted(s));
    if (underCursor) return { uri: editor.document.uri, runbook, step: underCursor };
    candidates = runbook.steps.filter(wanted).map((step) => ({ uri: editor.document.uri, runbook, step }));
  }
  if (candidates.length === 0) {
    await index.ensureLoaded();
    candidates = index.all().flatMap((entry) => entry.runbook.steps.filter(wanted).map((step) => ({ uri: entry.uri, runbook: entry.runbook, step })));
  }
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(purpose === 'run' ? 'No runnable runbook steps found.' : 'No runbook steps found.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((candidate) => ({
      label: labelStep(candidate.step, 80),
      description: `${candidate.runbook.title} · ${describeBlockKind(candidate.step)}`,
      detail: candidate.step.commands.split('\n').slice(0, 2).join(' ⏎ '),
      candidate,
    })),
    { title: purpose === 'run' ? 'Run Runbook Step' : 'Copy Runbook Step', placeHolder: 'Pick a step', matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.candidate;
}

/**
 * The commands selected in the active runbook editor, as a step to run; `undefined` when
 * there is no selection there (`required`: after saying why), `false` when one sentence
 * already told the user why nothing runs.
 */
async function selectedCommands(services: CommandServices, required: boolean): Promise<StepToRun | undefined | false> {
  const editor = vscode.window.activeTextEditor;
  const selection = editor?.selection;
  if (!editor || !selection || selection.isEmpty || !services.index.isRunbookDocument(editor.document)) {
    if (required) void vscode.window.showInformationMessage('Select the commands to run inside a code block of a runbook.');
    return required ? false : undefined;
  }
  const runbook = await services.index.parseDocument(editor.document);
  const uri = editor.document.uri;
  const step = runbook.steps.find((s) => s.range.startLine <= selection.start.line && selection.start.line <= s.range.endLine);
  if (!step) {
    if (required) void vscode.window.showInformationMessage('The selection is not inside a code block: select the commands to run inside one block.');
    return required ? false : undefined;
  }
  if (selection.end.line > step.range.endLine) {
    void vscode.window.showWarningMessage(`The selection runs past the end of the block at line ${step.range.endLine + 1}: select commands inside one block.`);
    return false;
  }
  if (!step.runnable) {
    void vscode.window.showInformationMessage(`This ${describeBlockKind(step)} block is not runnable in a terminal; use Copy instead.`);
    return false;
  }
  const at = (position: vscode.Position) => ({ line: position.line, column: position.character });
  const result = selectStepCommands(step, at(selection.start), at(selection.end));
  if (!result.ok) {
    if (step.kind === 'sql' || step.kind === 'python') {
      const choice = await vscode.window.showInformationMessage(result.message, 'Run Whole Block');
      return choice ? { uri, runbook, step } : false;
    }
    void vscode.window.showInformationMessage(result.message);
    return false;
  }
  return { uri, runbook, step: result.selected.step, selectionNote: result.selected.extendedNote };
}
