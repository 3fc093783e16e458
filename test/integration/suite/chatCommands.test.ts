import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { Commands } from '../../../src/constants';
import type { OnCallApi } from '../../../src/extension';
import type { RunOutcome } from '../../../src/platform/execution/stepExecutor';
import { activateExtension, workspaceFolder } from '../support/hostHelpers';
import { waitFor } from '../../support/waiting';

describe('chat commands in a shell block', () => {
  let api: OnCallApi;

  before(async () => {
    api = await activateExtension();
    await api.runbooks.ensureLoaded();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('underlines the chat line, leaves it out of Run and keeps it in Copy', async () => {
    const uri = vscode.Uri.joinPath(workspaceFolder(), 'runbooks/declare-incident.md');
    const resultFile = vscode.Uri.joinPath(workspaceFolder(), 'runbooks/chat-result.txt').fsPath;
    const block = ['true', '/slack create-channel inc-chat-check', 'echo "after the chat line: $?" > chat-result.txt'];
    writeFileSync(uri.fsPath, ['# Declare an incident', '', '```bash', ...block, '```', ''].join('\n'));
    rmSync(resultFile, { force: true });
    const terminalsBefore = [...vscode.window.terminals];
    try {
      const runbook = await waitFor('the new runbook in the index', () => api.runbooks.get(uri)?.runbook);
      await vscode.window.showTextDocument(uri);
      const diagnostics = await waitFor('a chat-command diagnostic', () => {
        const found = vscode.languages.getDiagnostics(uri).filter((d) => d.code === 'chat-command');
        return found.length > 0 ? found : undefined;
      });
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0]!.range.start.line, 4);
      assert.match(diagnostics[0]!.message, /chat command, not shell: copy it into your chat tool/i);

      const step = runbook.steps[0]!;
      const outcome = await vscode.commands.executeCommand<RunOutcome>(Commands.runStep, { uri: uri.toString(), stepId: step.id });
      assert.ok(outcome.ran, `not run: ${outcome.ran ? '' : outcome.reason}`);
      await waitFor('the result file', () => existsSync(resultFile) && readFileSync(resultFile, 'utf8') !== '');
      // Had bash seen `/slack …`, it would have answered 127 (no such file).
      assert.equal(readFileSync(resultFile, 'utf8'), 'after the chat line: 0\n');

      await vscode.commands.executeCommand(Commands.copyStep, { uri: uri.toString(), stepId: step.id });
      assert.equal(await vscode.env.clipboard.readText(), block.join('\n'));
    } finally {
      // Later suites expect to start the On-Call terminal themselves.
      for (const terminal of vscode.window.terminals) if (!terminalsBefore.includes(terminal)) terminal.dispose();
      await waitFor('the terminal of this run to close', () => vscode.window.terminals.length === terminalsBefore.length);
      rmSync(uri.fsPath, { force: true });
      rmSync(resultFile, { force: true });
    }
  });
});
