// A runbook whose steps print known text (coloured, with a secret), 50 MB, or print and then
// wait, written into the test workspace; and running one of its steps to its journalled end.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/constants';
import type { StepFinishedEntry, StepStartedEntry } from '../../../src/core/execution/executionJournal';
import type { OnCallApi } from '../../../src/extension';
import type { RunOutcome } from '../../../src/platform/execution/stepExecutor';
import { waitFor } from '../../support/waiting';

/** Prints a red line, a password (the command itself names none) and a token split by printf, then fails with 2 (ls). */
export const COLOURED_STEP = "printf '\\033[1;31mred alert\\033[0m\\n'; printf 'DB_%s=hunter2-drill\\n' PASSWORD; printf 'token: ghp_%s\\n' aaaaBBBBccccDDDDeeeeFFFFgggghhhh1234; ls /nonexistent-step-output-path";
/** 37,500,000 random bytes as base64 in lines of 76: 50,657,895 bytes of output. */
export const FIFTY_MB_STEP = 'head -c 37500000 /dev/urandom | base64';
export const FIFTY_MB_PRINTED = 50_657_895;
export const WAITING_STEP = 'echo printed-before-close; sleep 600';
export const PLAIN_STEP = 'echo capture-off-step';
/** Runs until stopped: its output stays in its own terminal, never kept. */
export const FOLLOW_STEP = 'echo following-a-file; tail -f /dev/null';

const RUNBOOK = [
  '---',
  'title: Step output drill',
  '---',
  '# Step output drill',
  '',
  ...[COLOURED_STEP, FIFTY_MB_STEP, WAITING_STEP, PLAIN_STEP, FOLLOW_STEP].flatMap((command) => ['```bash', command, '```', '']),
].join('\n');

export function drillRunbook(folder: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(folder, 'runbooks/step-output-drill.md');
}

export function writeDrillRunbook(folder: vscode.Uri): vscode.Uri {
  const uri = drillRunbook(folder);
  mkdirSync(dirname(uri.fsPath), { recursive: true });
  writeFileSync(uri.fsPath, RUNBOOK);
  return uri;
}

export function removeDrillRunbook(folder: vscode.Uri): void {
  rmSync(drillRunbook(folder).fsPath, { force: true });
}

/** Runs the drill's step `command` and returns its run id once the step has started. */
export async function startDrillStep(api: OnCallApi, runbook: vscode.Uri, command: string): Promise<string> {
  const parsed = await waitFor('the drill runbook', () => api.runbooks.runbookFor(runbook));
  const step = parsed.steps.find((s) => s.content.trim() === command);
  assert.ok(step, `no step "${command}"`);
  const outcome = await vscode.commands.executeCommand<RunOutcome>(Commands.runStep, { uri: runbook.toString(), stepId: step.id });
  assert.ok(outcome.ran, `the step did not run: ${JSON.stringify(outcome)}`);
  return outcome.runId;
}

/** The journal's entries of a run once it has ended. */
export async function finishedRun(api: OnCallApi, runId: string, timeoutMs = 60_000): Promise<{ started: StepStartedEntry; finished: StepFinishedEntry }> {
  return waitFor(
    'the step to end in the journal',
    async () => {
      const entries = await api.journal.read();
      const started = entries.find((e): e is StepStartedEntry => e.type === 'step-started' && e.runId === runId);
      const finished = entries.find((e): e is StepFinishedEntry => e.type === 'step-finished' && e.runId === runId);
      return started && finished ? { started, finished } : undefined;
    },
    timeoutMs,
  );
}
