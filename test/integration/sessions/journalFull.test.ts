// A journal that cannot be written (here a full disk: the journal file is a link to
// /dev/full) is said before a step runs, with Cancel first; Run Without Recording runs it
// anyway. The journal is put back afterwards: the incident story goes on in sessions-reopened.
import assert from 'node:assert/strict';
import { renameSync, rmSync, symlinkSync } from 'node:fs';
import * as vscode from 'vscode';
import { Commands } from '../../../src/constants';
import type { OnCallApi } from '../../../src/extension';
import type { RunOutcome } from '../../../src/platform/execution/stepExecutor';
import { activateExtension, workspaceFolder } from '../support/hostHelpers';

describe('a journal on a full disk', function () {
  this.timeout(60_000);
  let api: OnCallApi;
  const runbook = () => vscode.Uri.joinPath(workspaceFolder(), 'runbooks/incident-drill.md');
  const saved = () => `${api.journal.path}.saved`;

  async function runEcho(): Promise<RunOutcome> {
    const parsed = await api.runbooks.runbookFor(runbook());
    const step = parsed?.steps.find((s) => s.content.trim() === 'echo drill-step-ok');
    assert.ok(step);
    return vscode.commands.executeCommand<RunOutcome>(Commands.runStep, { uri: runbook().toString(), stepId: step.id });
  }

  before(async () => {
    api = await activateExtension();
    renameSync(api.journal.path, saved());
    symlinkSync('/dev/full', api.journal.path);
  });

  after(() => {
    rmSync(api.journal.path, { force: true });
    renameSync(saved(), api.journal.path);
  });

  it('says so before the step runs, and Enter cancels', async () => {
    const pending = runEcho();
    await new Promise((r) => setTimeout(r, 1_000));
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.deepEqual(await pending, { ran: false, reason: 'not-recorded' });
  });

  it('runs the step unrecorded when asked to', async () => {
    const pending = runEcho();
    await new Promise((r) => setTimeout(r, 1_000));
    await vscode.commands.executeCommand('quickInput.next');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const outcome = await pending;
    assert.equal(outcome.ran, true);
  });
});
