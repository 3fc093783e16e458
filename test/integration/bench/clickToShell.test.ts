// Benchmark, not a test of behaviour: how long from the Run command to the moment the shell
// runs the step, with the step's terminal already open. The step writes the time it ran
// (`date +%s%3N`), so arrival is measured on the shell's side, on the same clock. Samples are
// added to ONCALL_BENCH_OUT for `npm run bench`, which judges them against the budget.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { Commands } from '../../../src/constants';
import { activateExtension, workspaceFolder } from '../support/hostHelpers';
import { waitFor } from '../../support/waiting';
import { report, SHARED_HOST } from './benchHost';

describe(`benchmark (${SHARED_HOST}): click Run → command reaches the shell`, function () {
  this.timeout(120_000);

  it('measures warm-terminal latency', async () => {
    const api = await activateExtension();
    const uri = vscode.Uri.joinPath(workspaceFolder(), 'runbooks/kube-checks.md');
    const step = (await api.runbooks.runbookFor(uri))?.steps.find((s) => s.content.trim() === 'date +%s%3N > click-stamp.txt');
    assert.ok(step);
    const stamp = vscode.Uri.joinPath(workspaceFolder(), 'runbooks/click-stamp.txt').fsPath;
    const handedOver: number[] = [];
    const startEvent: number[] = [];
    const once = async (): Promise<number> => {
      rmSync(stamp, { force: true });
      const clickedAt = Date.now();
      const started = performance.now();
      const eventSeen = new Promise<number>((resolve) => {
        const listener = vscode.window.onDidStartTerminalShellExecution(() => {
          listener.dispose();
          resolve(performance.now() - started);
        });
      });
      const outcome = await vscode.commands.executeCommand<{ ran: boolean; terminal?: { finished?: Promise<unknown> } }>(Commands.runStep, { uri: uri.toString(), stepId: step.id });
      handedOver.push(performance.now() - started);
      assert.ok(outcome.ran);
      startEvent.push(await eventSeen);
      await outcome.terminal?.finished;
      const ranAt = await waitFor('the stamp', () => existsSync(stamp) && Number(readFileSync(stamp, 'utf8').trim()));
      return ranAt - clickedAt;
    };
    await once(); // opens the terminal and waits for its shell integration: not counted
    await once();
    handedOver.length = 0;
    startEvent.length = 0;
    const samples: number[] = [];
    for (let i = 0; i < 9; i++) samples.push(await once());
    console.log(`click Run → the shell runs it: ${samples.join(', ')} ms`);
    console.log(`click Run → text handed to the terminal: ${handedOver.map((s) => s.toFixed(1)).join(', ')} ms`);
    console.log(`click Run → shell-integration start event back in the extension: ${startEvent.map((s) => s.toFixed(0)).join(', ')} ms`);
    report({ clickToShellMs: samples, clickToHandOverMs: handedOver, clickToStartEventMs: startEvent });
  });
});
