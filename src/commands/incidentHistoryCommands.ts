import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { Incident } from '../core/incidents/incidentModel';
import { alertKey, describeLastTime } from '../core/postmortem/incidentHistory';
import { localTimeZone } from '../core/shared/timeFormat';
import { executeCommand } from '../platform/commands';
import { loadIncidentHistory } from '../platform/sessions/incidentHistoryLoader';
import { incidentHistoryUri } from '../views/incidentHistoryDocument';
import { incidentArgument, type IncidentChoice } from './commandArgs';
import type { CommandEntry, CommandServices } from './commandTable';

export const incidentHistoryCommands: readonly CommandEntry[] = [
  { id: Commands.showIncidentHistory, run: (services, incident) => showIncidentHistory(services, incidentArgument(incident)) },
];

/** Opens the history of the alert named, else of one the user picks among the alerts of recorded incidents. */
async function showIncidentHistory(services: CommandServices, choice: IncidentChoice): Promise<string | undefined> {
  let key: string | undefined;
  if (choice.id !== undefined) {
    const incident = services.hub.find(choice.id);
    if (!incident) {
      void vscode.window.showWarningMessage('That incident is gone: it was resolved or its source was removed.');
      return undefined;
    }
    key = alertKey(incident);
  } else key = await pickRecordedAlert(services);
  if (key === undefined) return undefined;
  const uri = incidentHistoryUri(key);
  await vscode.window.showTextDocument(uri, { preview: true });
  return uri.toString();
}

/** The alerts earlier incidents were about, most recent first, each with how many incidents it had. */
async function pickRecordedAlert(services: CommandServices): Promise<string | undefined> {
  await services.sessions.ready();
  const counts = new Map<string, number>();
  for (const { record } of services.sessions.sessions) {
    for (const key of new Set(record.sources.map(alertKey))) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  if (counts.size === 0) {
    void vscode.window.showInformationMessage('No incident recorded in this workspace was started from an alert yet: there is no history to show.');
    return undefined;
  }
  const live = new Set([...services.hub.incidents()].map(alertKey));
  const items = [...counts].map(([key, count]) => ({ label: key, description: `${count} incident${count === 1 ? '' : 's'}${live.has(key) ? ' · firing now' : ''}`, key }));
  items.sort((a, b) => Number(live.has(b.key)) - Number(live.has(a.key)));
  return (await vscode.window.showQuickPick(items, { title: 'Incident history of which alert?', matchOnDescription: true }))?.key;
}

/** After Open Runbook: when earlier incidents were about this alert, says how the last one went (not awaited; silent when none). */
export async function offerIncidentHistory(services: CommandServices, incident: Incident): Promise<void> {
  const key = alertKey(incident);
  const history = await loadIncidentHistory(services.sessions, services.journal, key).catch((error: unknown) => {
    services.log.warn(`Could not read the incident history of ${key}: ${String(error)}`);
    return [];
  });
  if (history.length === 0) return;
  const more = history.length > 1 ? ` (${history.length} earlier incidents)` : '';
  const answer = await vscode.window.showInformationMessage(`Last time: ${describeLastTime(history[0], localTimeZone())}${more}`, 'Show Incident History');
  if (answer) await executeCommand(Commands.showIncidentHistory, incident.id);
}
