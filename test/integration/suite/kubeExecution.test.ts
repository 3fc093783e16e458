// Steps run against the extension's active kube context, checked with the real kubectl
// against Kubernetes API fixture servers whose request logs prove which cluster, namespace
// and path each command hit.
import assert from 'node:assert/strict';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/constants';
import type { StepStartedEntry, StepFinishedEntry } from '../../../src/core/execution/executionJournal';
import type { OnCallApi } from '../../../src/extension';
import type { RunOutcome } from '../../../src/platform/execution/stepExecutor';
import { demoObjects, KubeApiFixture, writeKubeconfig } from '../../fixtures/kube/kubeApiServer';
import { activateExtension, workspaceFolder } from '../support/hostHelpers';
import { sleep, waitFor } from '../../support/waiting';

describe('running steps in the active kube context', function () {
  this.timeout(60_000);
  let api: OnCallApi;
  let dev: KubeApiFixture;
  let staging: KubeApiFixture;
  let prod: KubeApiFixture;
  const kubeconfig = join(homedir(), '.kube', 'config');
  const runbook = () => vscode.Uri.joinPath(workspaceFolder(), 'runbooks/kube-checks.md');

  /** ~/.kube/config with the three fixture clusters, naming `current` as current-context. */
  function writeContexts(current: string): void {
    writeKubeconfig(
      kubeconfig,
      [
        { name: 'dev', server: dev.url, namespace: 'default' },
        { name: 'staging', server: staging.url, namespace: 'default' },
        { name: 'prod-eu', server: prod.url, namespace: 'shop' },
      ],
      current,
    );
  }

  async function stepId(command: string): Promise<string> {
    const parsed = await api.runbooks.runbookFor(runbook());
    const step = parsed?.steps.find((s) => s.content.trim() === command);
    assert.ok(step, `no step "${command}"`);
    return step.id;
  }

  async function run(command: string, values?: Record<string, string>): Promise<RunOutcome> {
    return vscode.commands.executeCommand<RunOutcome>(Commands.runStep, { uri: runbook().toString(), stepId: await stepId(command), values });
  }

  async function journalRun(runId: string): Promise<{ started: StepStartedEntry; finished: StepFinishedEntry }> {
    return waitFor('the run in the journal', async () => {
      const entries = await api.journal.read();
      const started = entries.find((e): e is StepStartedEntry => e.type === 'step-started' && e.runId === runId);
      const finished = entries.find((e): e is StepFinishedEntry => e.type === 'step-finished' && e.runId === runId);
      return started && finished ? { started, finished } : undefined;
    });
  }

  before(async () => {
    api = await activateExtension();
    [dev, staging, prod] = await Promise.all([1, 2, 3].map(() => KubeApiFixture.start({ objects: demoObjects() })));
    mkdirSync(join(homedir(), '.kube'), { recursive: true });
    writeContexts('dev');
    await waitFor('the kubeconfig to be read', async () => {
      const state = await api.kube.reload();
      return state.kind === 'ready' && state.active.context === 'dev';
    });
  });

  after(async () => {
    // Leave the host as the other suites expect it: no kubeconfig.
    rmSync(join(homedir(), '.kube'), { recursive: true, force: true });
    await api.kube.reload();
    await Promise.all([dev, staging, prod].map((fixture) => fixture?.stop()));
  });

  it("starts in the kubeconfig's current-context", () => {
    const state = api.kube.state;
    assert.equal(state.kind, 'ready');
    assert.equal(state.kind === 'ready' && `${state.active.context}/${state.active.namespace}`, 'dev/default');
  });

  it('runs kubectl in the chosen context and namespace while ~/.kube/config names another, and journals the exit code', async () => {
    await vscode.commands.executeCommand(Commands.switchContext, 'staging');
    await vscode.commands.executeCommand(Commands.switchNamespace, 'shop');
    const state = api.kube.state;
    assert.equal(state.kind === 'ready' && `${state.active.context}/${state.active.namespace}`, 'staging/shop');
    dev.clearRequests();
    staging.clearRequests();

    const outcome = await run('kubectl get pods -l app=web -o name');
    assert.ok(outcome.ran, outcome.ran ? '' : outcome.reason);
    assert.equal(outcome.terminal.terminalName, 'On-Call: staging');
    const ended = await outcome.terminal.finished;
    assert.equal(ended?.exitCode, 0);

    const hits = staging.requests().filter((r) => r.path === '/api/v1/namespaces/shop/pods');
    assert.equal(hits.length, 1, JSON.stringify(staging.requests().map((r) => r.path)));
    assert.equal(hits[0].query.labelSelector, 'app=web');
    assert.equal(dev.requests().length, 0, "the kubeconfig's own current-context must not be hit");

    const { started, finished } = await journalRun(outcome.runId);
    assert.equal(started.context, 'staging');
    assert.equal(started.namespace, 'shop');
    assert.equal(started.command, 'kubectl get pods -l app=web -o name');
    assert.equal(finished.exitCode, 0);
    assert.ok((finished.durationMs ?? -1) >= 0);
  });

  it('journals the exit code of a failing step', async () => {
    const outcome = await run('kubectl get pod does-not-exist');
    assert.ok(outcome.ran);
    const { finished } = await journalRun(outcome.runId);
    assert.equal(finished.exitCode, 1);
  });

  it('fills a placeholder from the values it is given and runs with it', async () => {
    staging.clearRequests();
    const outcome = await run('kubectl get pod <pod-name> -o name', { 'pod-name': 'web-7d9c-fghij' });
    assert.ok(outcome.ran);
    assert.equal((await outcome.terminal.finished)?.exitCode, 0);
    assert.ok(staging.requests().some((r) => r.method === 'GET' && r.path === '/api/v1/namespaces/shop/pods/web-7d9c-fghij'));
  });

  it('does not run a destructive step until it is confirmed: Enter on the confirmation cancels', async () => {
    staging.clearRequests();
    const pending = run('kubectl delete pod <pod-name>', { 'pod-name': 'web-7d9c-fghij' });
    // The confirmation is up with Cancel focused; Enter accepts the focused choice.
    await sleep(1_000);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.deepEqual(await pending, { ran: false, reason: 'not-confirmed' });
    await sleep(1_500);
    assert.equal(staging.requests().filter((r) => r.method === 'DELETE').length, 0);
  });

  it('refuses a value that is not a name of its kind, and sends nothing', async () => {
    staging.clearRequests();
    const journalBefore = (await api.journal.read()).length;
    const outcome = await run('kubectl get pod <pod-name> -o name', { 'pod-name': 'web-1 -n kube-system' });
    assert.deepEqual(outcome, { ran: false, reason: 'refused' });
    await sleep(1_500);
    assert.equal(staging.requests().length, 0, 'the cluster saw nothing');
    assert.equal((await api.journal.read()).length, journalBefore, 'nothing was journalled as run');
  });

  it('asks for the typed context name before a destructive step in a protected context', async () => {
    await vscode.commands.executeCommand(Commands.switchContext, 'prod-eu');
    const state = api.kube.state;
    assert.ok(state.kind === 'ready' && state.protected, 'prod-eu matches the default *prod* pattern');
    prod.clearRequests();
    const pending = run('kubectl delete pod <pod-name>', { 'pod-name': 'web-7d9c-fghij' });
    // The input box is up; dismissing it (Escape) must leave the pod alone.
    await sleep(1_000);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.deepEqual(await pending, { ran: false, reason: 'not-confirmed' });
    assert.equal(prod.requests().filter((r) => r.method === 'DELETE').length, 0);
  });

  it('follows the kubeconfig when its current-context changes', async () => {
    writeContexts('staging');
    await waitFor('the switch to follow the file', () => {
      const state = api.kube.state;
      return state.kind === 'ready' && state.active.context === 'staging' && state.active.namespace === 'default';
    });
  });

  describe('with oncall.kube.kubeconfig naming a file', () => {
    const setting = () => vscode.workspace.getConfiguration('oncall.kube');
    const allRequests = () => [dev, staging, prod].flatMap((fixture) => fixture.requests());

    afterEach(async () => {
      await setting().update('kubeconfig', undefined, vscode.ConfigurationTarget.Global);
      rmSync(join(homedir(), '.kube', 'staging-only'), { force: true });
    });

    it('refuses every step when that file is missing, naming it and the OS error, and reaches no cluster', async () => {
      // ~/.kube/config names a protected context: an unpinned kubectl would go there.
      writeContexts('prod-eu');
      await setting().update('kubeconfig', '~/.kube/staging', vscode.ConfigurationTarget.Global);
      // Settled into an error (before the fix: "no kubeconfig", whose plain terminal read ~/.kube/config).
      await waitFor('the kubeconfig to be read', async () => ((await api.kube.reload()).kind === 'error' ? true : undefined));
      [dev, staging, prod].forEach((fixture) => fixture.clearRequests());

      const readOnly = await run('kubectl get pods -l app=web -o name');
      if (readOnly.ran) await readOnly.terminal.finished;
      const destructive = await run('kubectl delete pod <pod-name>', { 'pod-name': 'web-7d9c-fghij' });
      await sleep(1_500);
      assert.deepEqual(allRequests().map((r) => `${r.method} ${r.path}`), [], 'no request to any cluster');
      assert.deepEqual([readOnly, destructive], [{ ran: false, reason: 'no-context' }, { ran: false, reason: 'no-context' }]);

      const state = api.kube.state;
      assert.ok(state.kind === 'error' && state.error.reason === 'unreadable-kubeconfig', JSON.stringify(state.kind === 'error' ? state.error.reason : state.kind));
      assert.ok(state.error.message.includes(join(homedir(), '.kube', 'staging')), state.error.message);
      assert.match(state.error.message, /ENOENT/);
    });

    it('expands ~ in the setting and runs in the file it names', async () => {
      writeContexts('prod-eu');
      writeKubeconfig(join(homedir(), '.kube', 'staging-only'), [{ name: 'staging', server: staging.url, namespace: 'shop' }], 'staging');
      await setting().update('kubeconfig', '~/.kube/staging-only', vscode.ConfigurationTarget.Global);
      await waitFor('the configured kubeconfig to be read', async () => {
        const current = await api.kube.reload();
        return current.kind === 'ready' && current.active.context === 'staging';
      });
      [dev, staging, prod].forEach((fixture) => fixture.clearRequests());
      const outcome = await run('kubectl get pods -l app=web -o name');
      assert.ok(outcome.ran, outcome.ran ? '' : outcome.reason);
      assert.equal((await outcome.terminal.finished)?.exitCode, 0);
      assert.ok(staging.requests().some((r) => r.path === '/api/v1/namespaces/shop/pods'));
      assert.equal(prod.requests().length, 0);
    });

    it('refuses a directory given as the kubeconfig, naming the OS error', async () => {
      mkdirSync(join(homedir(), '.kube', 'a-folder'), { recursive: true });
      writeFileSync(join(homedir(), '.kube', 'a-folder', 'config'), '');
      await setting().update('kubeconfig', '${env:HOME}/.kube/a-folder', vscode.ConfigurationTarget.Global);
      const state = await waitFor('the folder to be reported unreadable', async () => {
        const current = await api.kube.reload();
        return current.kind === 'error' && current.error.reason === 'unreadable-kubeconfig' ? current : undefined;
      });
      assert.match(state.error.message, /EISDIR/);
      assert.ok(state.error.message.includes(join(homedir(), '.kube', 'a-folder')), state.error.message);
    });
  });

  describe('a step that names its own target', () => {
    // Outside the runbook folders, so the Runbooks view other tests count is unchanged; Run still takes its steps.
    const namedRunbook = () => vscode.Uri.joinPath(workspaceFolder(), 'docs/named-targets.md');
    async function runNamed(command: string, values?: Record<string, string>): Promise<RunOutcome> {
      const parsed = await api.runbooks.runbookFor(namedRunbook());
      const step = parsed?.steps.find((s) => s.content.trim() === command);
      assert.ok(step, `no step "${command}"`);
      return vscode.commands.executeCommand<RunOutcome>(Commands.runStep, { uri: namedRunbook().toString(), stepId: step.id, values });
    }

    before(async () => {
      writeContexts('dev');
      await waitFor('the kubeconfig to be read', async () => {
        const state = await api.kube.reload();
        return state.kind === 'ready' && state.active.context === 'dev';
      });
      // Pinned to an unprotected context: only the command's own target can make these ask.
      await vscode.commands.executeCommand(Commands.switchContext, 'staging');
      assert.ok(api.kube.state.kind === 'ready' && !api.kube.state.protected);
    });

    after(async () => {
      // Leave no context chosen here for the suites after this one: a new current-context in the
      // kubeconfig makes the choice give way, as "follows the kubeconfig" shows.
      writeContexts('prod-eu');
      await waitFor('the choice to give way to the kubeconfig', () => {
        const state = api.kube.state;
        return state.kind === 'ready' && state.active.context === 'prod-eu';
      });
    });

    it('asks before a read-only step that names a protected context, and sends nothing there until confirmed', async () => {
      prod.clearRequests();
      // Dialogs are refused in a test host, like a user pressing Cancel: before, this ran at once in prod-eu.
      assert.deepEqual(await runNamed('kubectl --context prod-eu get pods -l app=web -o name'), { ran: false, reason: 'not-confirmed' });
      await sleep(1_000);
      assert.equal(prod.requests().length, 0);
    });

    it('does not delete in the protected context a command names while pinned elsewhere', async () => {
      prod.clearRequests();
      staging.clearRequests();
      const pending = runNamed('kubectl --context prod-eu delete pod <pod-name>', { 'pod-name': 'web-7d9c-fghij' });
      await sleep(1_000);
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      assert.deepEqual(await pending, { ran: false, reason: 'not-confirmed' });
      await sleep(500);
      assert.equal(prod.requests().filter((r) => r.method === 'DELETE').length, 0);
    });

    it('treats switching the context of later steps as destructive', async () => {
      // A destructive step's confirmation is a pick whose focused choice is Cancel: Enter cancels.
      const pending = runNamed('kubectl config use-context prod-eu');
      await sleep(1_000);
      await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
      assert.deepEqual(await pending, { ran: false, reason: 'not-confirmed' });
    });

    it('runs at once a read-only step whose named target is unprotected, and it reaches that target', async () => {
      dev.clearRequests();
      staging.clearRequests();
      const outcome = await runNamed('KUBECONFIG=~/.kube/config kubectl --context staging get pods -l app=web -o name');
      assert.ok(outcome.ran, outcome.ran ? '' : outcome.reason);
      assert.equal((await outcome.terminal.finished)?.exitCode, 0);
      assert.ok(staging.requests().some((r) => r.path.endsWith('/pods')));
      assert.equal(dev.requests().length, 0);
      // The journal (and so the post-mortem) says where the command went, not only the pin.
      const { started } = await journalRun(outcome.runId);
      assert.equal(started.namedTargets?.length, 1, JSON.stringify(started));
      assert.match(started.namedTargets[0], /kubectl --context staging .*→ context "staging"/);
    });
  });
});
