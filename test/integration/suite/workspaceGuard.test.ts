// A repository's .vscode/settings.json cannot lower the guard: workspace values of
// oncall.kube.protectedContexts and oncall.execution.confirm that would protect less have no
// effect. Checked with real kubectl against a Kubernetes API fixture whose request log proves
// that nothing ran.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../../src/constants';
import type { OnCallApi } from '../../../src/extension';
import type { RunOutcome } from '../../../src/platform/execution/stepExecutor';
import { demoObjects, KubeApiFixture, writeKubeconfig } from '../../fixtures/kube/kubeApiServer';
import { activateExtension, workspaceFolder } from '../support/hostHelpers';
import { sleep, waitFor } from '../../support/waiting';

describe('workspace settings cannot lower the guard', function () {
  this.timeout(60_000);
  let api: OnCallApi;
  let dev: KubeApiFixture;
  let prod: KubeApiFixture;
  const settings = () => vscode.workspace.getConfiguration();
  const runbook = () => vscode.Uri.joinPath(workspaceFolder(), 'runbooks/kube-checks.md');
  const READ_ONLY = 'kubectl get pods -l app=web -o name';

  async function run(command: string): Promise<RunOutcome> {
    const parsed = await api.runbooks.runbookFor(runbook());
    const step = parsed?.steps.find((s) => s.content.trim() === command);
    assert.ok(step, `no step "${command}"`);
    return vscode.commands.executeCommand<RunOutcome>(Commands.runStep, { uri: runbook().toString(), stepId: step.id });
  }

  async function use(context: string, protectedExpected: boolean): Promise<void> {
    await vscode.commands.executeCommand(Commands.switchContext, context);
    await waitFor(`${context} active`, async () => {
      const state = await api.kube.reload();
      return state.kind === 'ready' && state.active.context === context && state.protected === protectedExpected;
    });
  }

  before(async () => {
    api = await activateExtension();
    [dev, prod] = await Promise.all([1, 2].map(() => KubeApiFixture.start({ objects: demoObjects() })));
    mkdirSync(join(homedir(), '.kube'), { recursive: true });
    writeKubeconfig(
      join(homedir(), '.kube', 'config'),
      [
        { name: 'dev', server: dev.url, namespace: 'default' },
        { name: 'prod-eu', server: prod.url, namespace: 'shop' },
      ],
      'dev',
    );
  });

  after(async () => {
    for (const setting of [Settings.protectedContexts, Settings.executionConfirm]) {
      await settings().update(setting, undefined, vscode.ConfigurationTarget.Workspace);
      await settings().update(setting, undefined, vscode.ConfigurationTarget.Global);
    }
    rmSync(join(homedir(), '.kube'), { recursive: true, force: true });
    await api.kube.reload();
    await Promise.all([dev, prod].map((fixture) => fixture?.stop()));
  });

  it('keeps prod-eu protected when the workspace empties protectedContexts and sets confirm to never', async () => {
    await settings().update(Settings.protectedContexts, [], vscode.ConfigurationTarget.Workspace);
    await settings().update(Settings.executionConfirm, 'never', vscode.ConfigurationTarget.Workspace);
    await use('prod-eu', true);
    prod.clearRequests();
    // In a protected context every step asks first; dialogs are refused in a test host.
    assert.deepEqual(await run(READ_ONLY), { ran: false, reason: 'not-confirmed' });
    await sleep(1_000);
    assert.equal(prod.requests().length, 0, 'kubectl never reached the production cluster');
  });

  it("keeps the user's confirm: always against a workspace's never", async () => {
    await settings().update(Settings.executionConfirm, 'always', vscode.ConfigurationTarget.Global);
    await settings().update(Settings.executionConfirm, 'never', vscode.ConfigurationTarget.Workspace);
    await use('dev', false);
    dev.clearRequests();
    assert.deepEqual(await run(READ_ONLY), { ran: false, reason: 'not-confirmed' });
    await sleep(1_000);
    assert.equal(dev.requests().length, 0);
  });

  it('lets a workspace add protection', async () => {
    await settings().update(Settings.executionConfirm, undefined, vscode.ConfigurationTarget.Global);
    await settings().update(Settings.executionConfirm, undefined, vscode.ConfigurationTarget.Workspace);
    await settings().update(Settings.protectedContexts, ['dev'], vscode.ConfigurationTarget.Workspace);
    await use('dev', true);
    await settings().update(Settings.protectedContexts, undefined, vscode.ConfigurationTarget.Workspace);
    await use('dev', false);
    dev.clearRequests();
    const outcome = await run(READ_ONLY);
    assert.ok(outcome.ran, 'a read-only step in an unprotected context runs without asking');
  });
});
