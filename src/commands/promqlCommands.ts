import * as vscode from 'vscode';
import { Commands } from '../constants';
import { timelineText, type PromqlRun } from '../core/promql/promqlReport';
import { executeCommand } from '../platform/commands';
import type { PreparedQuery } from '../platform/prometheus/promqlRunner';
import { stepArgument } from './commandArgs';
import type { CommandEntry, CommandServices } from './commandTable';

export const promqlCommands: readonly CommandEntry[] = [
  { id: Commands.runPromql, run: (services, reference) => runPromql(services, stepArgument(reference)) },
  { id: Commands.addPromqlToTimeline, run: (services) => addToTimeline(services, services.promqlPanels.lastRun) },
];

/**
 * Runs a PromQL block and shows the result in its panel; resolves to the run (plain data),
 * or undefined when the user stopped before the query was sent.
 */
async function runPromql(services: CommandServices, reference: { uri: string; stepId: string; values?: Readonly<Record<string, string>> } | undefined): Promise<PromqlRun | undefined> {
  if (!reference) {
    void vscode.window.showInformationMessage('Run a PromQL block from the Run Query lens above it.');
    return undefined;
  }
  const uri = vscode.Uri.parse(reference.uri);
  const runbook = await services.index.runbookFor(uri);
  const step = runbook?.steps.find((s) => s.id === reference.stepId);
  if (!runbook || !step) {
    void vscode.window.showWarningMessage('That PromQL block no longer exists: the file changed. Run it again from the refreshed runbook.');
    return undefined;
  }
  const prepared = await services.promql.prepare({ uri, runbook, step, ...(reference.values ? { values: reference.values } : {}) });
  if (!prepared) return undefined;
  const run = await runWithProgress(services, prepared);
  services.promqlPanels.show(`${reference.uri}#${reference.stepId}`, run, {
    rerun: () => runWithProgress(services, prepared),
    addToTimeline: (shown) => addToTimeline(services, shown),
  });
  return run;
}

async function runWithProgress(services: CommandServices, prepared: PreparedQuery): Promise<PromqlRun> {
  return await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: `Querying Prometheus ${prepared.instance.name}` }, () => services.promql.execute(prepared));
}

/** The query, its range and its table as text in the active incident's timeline. */
async function addToTimeline(services: CommandServices, run: PromqlRun | undefined): Promise<boolean> {
  if (!run) {
    void vscode.window.showInformationMessage('Run a PromQL block first: its result is what goes into the timeline.');
    return false;
  }
  const recorded = await services.sessions.record({ type: 'note', at: new Date().toISOString(), text: timelineText(run) });
  if (recorded) {
    vscode.window.setStatusBarMessage(`$(check) Added the query result to ${services.sessions.active?.id ?? 'the incident'}'s timeline`, 4000);
    return true;
  }
  const answer = await vscode.window.showInformationMessage('No incident is active: start one to keep this result in its timeline.', 'Start Incident');
  if (!answer) return false;
  await executeCommand(Commands.startSession);
  return services.sessions.active ? addToTimeline(services, run) : false;
}
