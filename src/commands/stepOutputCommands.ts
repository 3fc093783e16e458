import * as vscode from 'vscode';
import { Commands } from '../constants';
import { collectStepRuns } from '../core/execution/executionJournal';
import { describeOutcome } from '../core/postmortem/timeline';
import { formatTime, localTimeZone } from '../core/shared/timeFormat';
import { StepOutputDocuments } from '../views/stepOutputDocuments';
import { stepRunArgument } from './commandArgs';
import type { CommandEntry, CommandServices } from './commandTable';

export const stepOutputCommands: readonly CommandEntry[] = [{ id: Commands.openStepOutput, run: (services, run) => openStepOutput(services, stepRunArgument(run)) }];

/** How many recent runs the palette offers. */
const RECENT_RUNS = 50;

/** Opens what a step printed, under a header saying what ran where and how it ended; returns the document's URI. */
async function openStepOutput(services: CommandServices, runId: string | undefined): Promise<string | undefined> {
  const runs = collectStepRuns(await services.journal.read());
  const chosen = runId ?? (await pickRun(runs));
  if (!chosen) return undefined;
  const run = runs.find((candidate) => candidate.started.runId === chosen);
  if (!run) {
    void vscode.window.showWarningMessage('That step is not in the execution journal (any more): its output cannot be shown.');
    return undefined;
  }
  const uri = StepOutputDocuments.uriFor(chosen, run.started.command);
  await vscode.window.showTextDocument(uri, { preview: true });
  return uri.toString();
}

async function pickRun(runs: ReturnType<typeof collectStepRuns>): Promise<string | undefined> {
  if (runs.length === 0) {
    void vscode.window.showInformationMessage('No step has been run yet: run one from a runbook, then open its output.');
    return undefined;
  }
  const items = runs
    .slice(-RECENT_RUNS)
    .reverse()
    .map(({ started, finished }) => ({
      label: started.command.split('\n')[0],
      description: `${started.context || 'no context'} · ${describeOutcome(finished?.exitCode ?? null, finished?.durationMs ?? null)}`,
      detail: `${formatTime(Date.parse(started.at), localTimeZone())} · ${started.runbookTitle}`,
      runId: started.runId,
    }));
  const picked = await vscode.window.showQuickPick(items, { title: 'Open Step Output', matchOnDescription: true, matchOnDetail: true });
  return picked?.runId;
}
