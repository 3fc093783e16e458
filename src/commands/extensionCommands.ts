import * as vscode from 'vscode';
import { BuiltInCommands, Commands, WALKTHROUGH_ID } from '../constants';
import { executeCommand } from '../platform/commands';
import { JOURNAL_DOCUMENT_URI } from '../views/journalDocument';
import type { CommandEntry, CommandServices } from './commandTable';

export const extensionCommands: readonly CommandEntry[] = [
  { id: Commands.showLog, run: (services) => services.log.show() },
  { id: Commands.getStarted, run: openWalkthrough },
  { id: Commands.showJournal, run: showJournal },
  { id: Commands.openRawJournal, run: openRawJournal },
];

async function openWalkthrough(services: CommandServices): Promise<void> {
  await executeCommand(BuiltInCommands.openWalkthrough, WALKTHROUGH_ID, false);
  services.walkthrough.walkthroughShown();
}

async function showJournal(services: CommandServices): Promise<void> {
  if (await saidJournalIsEmpty(services)) return;
  // The readable table; its editor title offers the raw JSON lines (Open Raw Journal).
  const document = await vscode.workspace.openTextDocument(JOURNAL_DOCUMENT_URI);
  await vscode.window.showTextDocument(document, { preview: true });
}

async function openRawJournal(services: CommandServices): Promise<void> {
  if (await saidJournalIsEmpty(services)) return;
  await vscode.window.showTextDocument(vscode.Uri.file(services.journal.path), { preview: true });
}

/** True, once the user is told, when no step has run yet. */
async function saidJournalIsEmpty(services: CommandServices): Promise<boolean> {
  if ((await services.journal.read()).length > 0) return false;
  void vscode.window.showInformationMessage('No runbook step has run in this workspace yet: the journal is empty.');
  return true;
}
