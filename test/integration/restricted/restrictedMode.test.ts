import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { Commands } from '../../../src/constants';
import type { OnCallApi } from '../../../src/extension';
import { activateExtension, workspaceFolder } from '../support/hostHelpers';
import { sleep, waitFor } from '../../support/waiting';

describe('Restricted Mode (untrusted workspace)', () => {
  let api: OnCallApi;
  let checkout: vscode.Uri;

  before(async () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this pass must open the workspace untrusted');
    api = await activateExtension();
    checkout = vscode.Uri.joinPath(workspaceFolder(), 'runbooks/checkout-down.md');
  });

  it('still lists runbooks', async () => {
    await api.runbooks.ensureLoaded();
    const titles = api.runbooks.all().map((entry) => entry.runbook.title);
    assert.ok(titles.includes('Checkout is down'), titles.join(', '));
  });

  it('offers Copy lenses but no Run lens', async () => {
    await vscode.workspace.openTextDocument(checkout);
    const titles = await waitFor('lenses', async () => {
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', checkout);
      const ours = lenses.filter((l) => l.command?.command.startsWith('oncall.')).map((l) => l.command?.title ?? '');
      return ours.length > 0 ? ours : undefined;
    });
    assert.ok(titles.includes('$(copy) Copy'), titles.join(', '));
    assert.ok(!titles.some((title) => title.includes('Run')), `a Run lens in Restricted Mode: ${titles.join(', ')}`);
  });

  it('refuses to run a step, and nothing reaches a terminal', async () => {
    const runbook = await api.runbooks.runbookFor(checkout);
    const step = runbook?.steps.find((s) => s.content.includes('heredoc-result.txt'));
    assert.ok(step);
    const resultFile = vscode.Uri.joinPath(workspaceFolder(), 'runbooks/heredoc-result.txt').fsPath;
    rmSync(resultFile, { force: true });
    const terminalsBefore = vscode.window.terminals.length;
    // The refusal is a warning with a "Manage Workspace Trust" button; the command returns without running.
    const result = await Promise.race([
      vscode.commands.executeCommand(Commands.runStep, { uri: checkout.toString(), stepId: step.id }),
      new Promise((resolve) => setTimeout(() => resolve('still waiting on the warning'), 1_500)),
    ]);
    assert.notEqual(typeof result, 'object', 'the run command returned a terminal result');
    await sleep(2_000);
    assert.equal(vscode.window.terminals.length, terminalsBefore, 'a terminal was opened');
    assert.equal(existsSync(resultFile), false, 'the step ran');
  });
});
