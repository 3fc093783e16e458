import * as vscode from 'vscode';
import { BuiltInCommands, Commands } from '../constants';
import type { Incident } from '../core/incidents/incidentModel';
import { prepareEvidence } from '../core/postmortem/evidence';
import type { EvidenceOrigin, StepRunEvent } from '../core/postmortem/sessionModel';
import { renderOutputPlain } from '../core/postmortem/stepOutputExcerpt';
import { describeOutcome } from '../core/postmortem/timeline';
import { executeCommand } from '../platform/commands';
import { readStepOutputExcerpt } from '../platform/postmortem/stepOutputExcerpts';
import { documentUriArgument } from './commandArgs';
import type { CommandEntry, CommandServices } from './commandTable';

export const evidenceCommands: readonly CommandEntry[] = [
  { id: Commands.addEditorSelectionToTimeline, run: (services, uri) => addEditorSelection(services, documentUriArgument(uri)) },
  { id: Commands.addTerminalSelectionToTimeline, run: addTerminalSelection },
];

/** The selection of the editor named (the editor's context menu names its document), else of the active editor. */
async function addEditorSelection(services: CommandServices, given: string | undefined): Promise<boolean> {
  const editor = (given && vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === given)) || vscode.window.activeTextEditor;
  if (!editor || editor.selections.every((selection) => selection.isEmpty)) {
    void vscode.window.showInformationMessage('Select the text to add to the incident timeline first.');
    return false;
  }
  // The first non-empty selection (the primary one when it has text): one origin per piece of evidence.
  const selection = editor.selection.isEmpty ? editor.selections.find((s) => !s.isEmpty)! : editor.selection;
  const { document } = editor;
  // A selection ending at the start of a line (a whole-line selection) does not take that line in.
  const endLine = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line - 1 : selection.end.line;
  const origin: EvidenceOrigin = {
    kind: 'editor',
    path: document.isUntitled ? document.uri.path : vscode.workspace.asRelativePath(document.uri, false),
    startLine: selection.start.line + 1,
    endLine: endLine + 1,
  };
  return addEvidence(services, document.getText(selection), origin);
}

/**
 * The active terminal's selection. The API gives no terminal's selection, so VS Code's Copy
 * runs on it; the clipboard is emptied before (an empty result means nothing was selected)
 * and given back its text after.
 */
async function addTerminalSelection(services: CommandServices): Promise<boolean> {
  const terminal = vscode.window.activeTerminal;
  if (!terminal) {
    void vscode.window.showInformationMessage('Open a terminal and select the text to add to the incident timeline first.');
    return false;
  }
  const saved = await vscode.env.clipboard.readText();
  let selected: string;
  try {
    await vscode.env.clipboard.writeText('');
    await executeCommand(BuiltInCommands.copyTerminalSelection);
    selected = await vscode.env.clipboard.readText();
  } finally {
    await vscode.env.clipboard.writeText(saved);
  }
  if (selected.trim() === '') {
    void vscode.window.showInformationMessage(`Select the text to add in the terminal “${terminal.name}” first.`);
    return false;
  }
  return addEvidence(services, selected, { kind: 'terminal', name: terminal.name });
}

/** Masked and bounded, into the active incident's timeline; with none active, offers to start one and adds it there. */
async function addEvidence(services: CommandServices, selected: string, origin: EvidenceOrigin): Promise<boolean> {
  const { sessions } = services;
  await sessions.ready();
  if (!sessions.active) {
    const answer = await vscode.window.showInformationMessage('No incident is active: start one to keep this selection in its timeline.', 'Start Incident');
    if (!answer) return false;
    await executeCommand(Commands.startSession);
    if (!sessions.active) return false;
  }
  const event = prepareEvidence(selected, origin, new Date().toISOString());
  if (!event) {
    void vscode.window.showInformationMessage('The selection holds only white space: nothing was added.');
    return false;
  }
  const recorded = await sessions.record(event);
  if (recorded) {
    const cut = event.omittedBytes ? ` (cut to its first 64 KB)` : '';
    vscode.window.setStatusBarMessage(`$(check) Added the selection to the timeline of ${sessions.active?.id ?? 'the incident'}${cut}`, 5000);
  }
  return recorded;
}

/**
 * The last step of the active incident when it is about this alert, with the end of what it
 * printed, for Copy Incident Summary; undefined when there is none or its output was not captured.
 * Only the active one: an alert firing again next week keeps its id, and last week's step is no news.
 */
export async function lastStepExcerpt(services: CommandServices, incident: Incident): Promise<string | undefined> {
  await services.sessions.ready();
  const session = services.sessions.active;
  if (!session?.sources.some((source) => source.incidentId === incident.id)) return undefined;
  const timeline = await services.sessions.timeline(session.id);
  const steps = (timeline?.events ?? []).filter((event): event is StepRunEvent => event.type === 'step-run' && !Number.isNaN(Date.parse(event.at)));
  const last = steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).pop();
  if (!last?.output) return undefined;
  const excerpt = await readStepOutputExcerpt(services.journal, last.output);
  return `Last step (${session.id}): ${last.command.split('\n')[0]} → ${describeOutcome(last.exitCode, last.durationMs)}\n${renderOutputPlain(excerpt)}`;
}
