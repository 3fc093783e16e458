// A step holding a control, bidi or zero-width character is refused before anything reaches a
// terminal: checked in the real extension host with the real kubectl against a Kubernetes API
// fixture, whose request log would show any command that ran.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/constants';
import type { OnCallApi } from '../../../src/extension';
import type { RunOutcome } from '../../../src/platform/execution/stepExecutor';
import { demoObjects, KubeApiFixture, writeKubeconfig } from '../../fixtures/kube/kubeApiServer';
import { activateExtension, workspaceFolder } from '../support/hostHelpers';
import { sleep, waitFor } from '../../support/waiting';

// Typed into bash, each of these runs `kubectl get namespaces` (see the unit tests' table).
// (A lone CR written in a file is a line break for the editor and the parser alike, so it
// cannot hide there; it is tried as a value below.)
const HOSTILE_STEPS = [
  'kubectl get pods -o name\u0015kubectl get namespaces',
  'kubectl get pods\u0017namespaces',
  'kubectl get pods\u007f\u007f\u007f\u007fnamespaces',
  'kubectl get pods\u001bb\u001bdnamespaces',
];
const VALUE_STEP = 'kubectl get pod <pod-name> -o name';

describe('steps holding hidden characters', function () {
  this.timeout(60_000);
  let api: OnCallApi;
  let cluster: KubeApiFixture;
  // A kubeconfig of its own, given through the setting, so ~/.kube (which the other suites use) is left alone.
  const kubeFolder = mkdtempSync(join(tmpdir(), 'oncall-hidden-'));
  const kubeSettings = () => vscode.workspace.getConfiguration('oncall.kube');
  const runbook = () => vscode.Uri.joinPath(workspaceFolder(), 'runbooks/hidden-characters.md');

  async function stepIdOf(command: string): Promise<string> {
    const parsed = await api.runbooks.runbookFor(runbook());
    const step = parsed?.steps.find((s) => s.content === command);
    assert.ok(step, `no step ${JSON.stringify(command)}`);
    return step.id;
  }

  /**
   * What kubectl asked the cluster (its user agent says so): the extension's own watches of
   * the Incidents view reach the same fixture and are no command of a step.
   */
  const kubectlRequests = () => cluster.requests().filter((r) => r.userAgent?.startsWith('kubectl')).map((r) => `${r.method} ${r.path}`);

  /** Runs a step and reports what reached a terminal meanwhile. */
  async function runWatchingTerminals(command: string, values?: Record<string, string>): Promise<{ outcome: RunOutcome; terminalEvents: string[] }> {
    const terminalEvents: string[] = [];
    const listeners = [
      vscode.window.onDidOpenTerminal((t) => terminalEvents.push(`opened ${t.name}`)),
      vscode.window.onDidStartTerminalShellExecution((e) => terminalEvents.push(`ran ${e.execution.commandLine.value}`)),
    ];
    try {
      const outcome = await vscode.commands.executeCommand<RunOutcome>(Commands.runStep, { uri: runbook().toString(), stepId: await stepIdOf(command), values });
      // Long enough for kubectl to have reached the fixture, had anything been sent.
      await sleep(2_000);
      return { outcome, terminalEvents };
    } finally {
      listeners.forEach((l) => l.dispose());
    }
  }

  before(async () => {
    api = await activateExtension();
    cluster = await KubeApiFixture.start({ objects: demoObjects() });
    writeKubeconfig(join(kubeFolder, 'config'), [{ name: 'dev', server: cluster.url, namespace: 'shop' }], 'dev');
    await kubeSettings().update('kubeconfig', join(kubeFolder, 'config'), vscode.ConfigurationTarget.Global);
    const steps = [...HOSTILE_STEPS, VALUE_STEP].map((command) => `\`\`\`bash\n${command}\n\`\`\`\n`);
    writeFileSync(runbook().fsPath, `# Hidden characters\n\n${steps.join('\n')}`);
    await waitFor('the kubeconfig to be read', async () => {
      const state = await api.kube.reload();
      return state.kind === 'ready' && state.active.context === 'dev';
    });
  });

  after(async () => {
    await kubeSettings().update('kubeconfig', undefined, vscode.ConfigurationTarget.Global);
    rmSync(kubeFolder, { recursive: true, force: true });
    rmSync(runbook().fsPath, { force: true });
    await api.kube.reload();
    await cluster?.stop();
  });

  for (const command of HOSTILE_STEPS) {
    it(`sends nothing for ${JSON.stringify(command)}, and the cluster sees no request`, async () => {
      cluster.clearRequests();
      const { outcome, terminalEvents } = await runWatchingTerminals(command);
      assert.deepEqual(outcome, { ran: false, reason: 'refused' });
      assert.deepEqual(terminalEvents, []);
      assert.deepEqual(kubectlRequests(), []);
    });
  }

  it('refuses a value holding a control character, and the cluster sees no request', async () => {
    cluster.clearRequests();
    const { outcome, terminalEvents } = await runWatchingTerminals(VALUE_STEP, { 'pod-name': 'web-7d9c-fghij\rkubectl get namespaces' });
    assert.deepEqual(outcome, { ran: false, reason: 'refused' });
    assert.deepEqual(terminalEvents, []);
    assert.deepEqual(kubectlRequests(), []);
  });

  it('still runs the same step with a clean value (the fixture sees exactly that request)', async () => {
    cluster.clearRequests();
    const outcome = await vscode.commands.executeCommand<RunOutcome>(Commands.runStep, {
      uri: runbook().toString(),
      stepId: await stepIdOf(VALUE_STEP),
      values: { 'pod-name': 'web-7d9c-fghij' },
    });
    assert.ok(outcome.ran, outcome.ran ? '' : outcome.reason);
    assert.equal((await outcome.terminal.finished)?.exitCode, 0);
    assert.ok(kubectlRequests().includes('GET /api/v1/namespaces/shop/pods/web-7d9c-fghij'), kubectlRequests().join(', '));
  });

  it('marks the character in the editor, on its line', async () => {
    await vscode.window.showTextDocument(runbook());
    const diagnostics = await waitFor('hidden-character diagnostics', () => {
      const found = vscode.languages.getDiagnostics(runbook()).filter((d) => d.code === 'hidden-character');
      return found.length >= 3 ? found : undefined;
    });
    const first = diagnostics.sort((a, b) => a.range.start.line - b.range.start.line)[0];
    assert.equal(first.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(first.range.start.line, 3);
    assert.equal(first.range.start.character, 'kubectl get pods -o name'.length);
    assert.match(first.message, /^U\+0015 \(Ctrl-U\)/);
  });

  it('does not copy such a step', async () => {
    await vscode.env.clipboard.writeText('before');
    await vscode.commands.executeCommand(Commands.copyStep, { uri: runbook().toString(), stepId: await stepIdOf(HOSTILE_STEPS[0]) });
    assert.equal(await vscode.env.clipboard.readText(), 'before');
  });
});
