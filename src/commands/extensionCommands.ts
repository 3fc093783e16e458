import * as vscode from 'vscode';
import { BuiltInCommands, Commands, WALKTHROUGH_ID } from '../constants';
import { executeCommand } from '../platform/commands';
import type { CommandEntry, CommandServices } from './commandTable';

export const extensionCommands: readonly CommandEntry[] = [
  { id: Commands.showLog, run: (services) => services.log.show() },
  { id: Commands.getStarted, run: openWalkthrough },
  { id: Commands.showJournal, run: showJournal },
];

async function openWalkthrough(services: CommandServices): Promise<void> {
  await executeCommand(BuiltInCommands.openWalkthrough, WALKTHROUGH_ID, false);
  services.walkthrough.walkthroughShown();
}

async function showJournal(services: CommandServices): Promise<void> {
  if ((await services.journal.read()).length === 0) {
    void vscode.window.showInformationMessage('No runbook step has run in this workspace yet: the journal is empty.');
    return;
  }
  await vscode.window.showTextDocument(vscode.Uri.file(services.journal.path), { preview: true });
}
