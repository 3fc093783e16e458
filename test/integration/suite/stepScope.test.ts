// Which commands of a block run, and in which terminal: checked with the real kubectl and bash
// against a Kubernetes API fixture whose request log shows exactly which commands reached the
// cluster.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/constants';
import type { OnCallApi } from '../../../src/extension';
import type { RunOutcome } from '../../../src/platform/execution/stepExecutor';
import { demoObjects, KubeApiFixture, writeKubeconfig } from '../../fixtures/kube/kubeApiServer';
import { activateExtension, workspaceFolder } from '../support/hostHelpers';
import { sleep, waitFor } from '../../support/waiting';

/** The pid of a child process of `parent` named `name`, from /proc. */
function childProcess(parent: number, name: string): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid ...
      const match = /^\d+ \((.*)\) \S+ (\d+)/.exec(stat);
      if (match && match[1] === name && Number(match[2]) === parent) return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

/** Bytes a process has read so far (`rchar` of /proc/<pid>/io). */
/** The `read` system call's number, by architecture (see /proc/<pid>/syscall). */
const READ_SYSCALL: Readonly<Record<string, string>> = { x64: '0', arm64: '63' };

/**
 * Whether a process is blocked reading its standard input. Until it is, it may still be
 * reading its locale and libraries at start-up, and its read count grows on its own: a slow
 * machine once took the count mid-start-up and saw it grow with no terminal input at all.
 */
function waitingOnStdin(pid: number): boolean {
  const [call, fd] = readFileSync(`/proc/${pid}/syscall`, 'utf8').split(' ');
  return call === READ_SYSCALL[process.arch] && fd === '0x0';
}

function bytesRead(pid: number): number {
  return Number(/rchar: (\d+)/.exec(readFileSync(`/proc/${pid}/io`, 'utf8'))?.[1]);
}

describe('running the part of a block the user means, in a terminal at its prompt', function () {
  this.timeout(60_000);
  let api: OnCallApi;
  let cluster: KubeApiFixture;
  const kubeconfig = join(homedir(), '.kube', 'config');
  const runbook = () => vscode.Uri.joinPath(workspaceFolder(), 'runbooks/web-alternatives.md');

  async function step(firstLine: string) {
    const parsed = await api.runbooks.runbookFor(runbook());
    const found = parsed?.steps.find((s) => s.content.split('\n').some((line) => line.trim() === firstLine));
    assert.ok(found, `no step with the line "${firstLine}"`);
    return found;
  }

  async function run(firstLine: string): Promise<RunOutcome> {
    return vscode.commands.executeCommand<RunOutcome>(Commands.runStep, { uri: runbook().toString(), stepId: (await step(firstLine)).id });
  }

  /** Opens the runbook with lines `from`..`to` of the block holding `firstLine` selected (0-based within the block's content). */
  async function select(firstLine: string, from: { line: number; column?: number }, to: { line: number; column?: number }): Promise<vscode.TextEditor> {
    const found = await step(firstLine);
    const editor = await vscode.window.showTextDocument(runbook(), { preview: false });
    const base = found.contentRange.startLine;
    const end = to.column ?? editor.document.lineAt(base + to.line).text.length;
    editor.selection = new vscode.Selection(base + from.line, from.column ?? 0, base + to.line, end);
    return editor;
  }

  const changes = () => cluster.requests().filter((r) => r.method !== 'GET');
  // kubectl's discovery requests (`/version`, `/api`, `/apis`) depend on its cache, not on the step.
  const discovery = new Set(['/version', '/api', '/apis']);
  const paths = () => cluster.requests().filter((r) => !discovery.has(r.path) && !r.path.startsWith('/openapi')).map((r) => `${r.method} ${r.path}${r.query.labelSelector ? `?labelSelector=${String(r.query.labelSelector)}` : ''}`);

  before(async () => {
    api = await activateExtension();
    cluster = await KubeApiFixture.start({ objects: demoObjects() });
    mkdirSync(join(homedir(), '.kube'), { recursive: true });
    writeKubeconfig(kubeconfig, [{ name: 'drill', server: cluster.url, namespace: 'shop' }], 'drill');
    await waitFor('the kubeconfig to be read', async () => {
      const state = await api.kube.reload();
      return state.kind === 'ready' && state.active.context === 'drill';
    });
  });

  after(async () => {
    for (const terminal of vscode.window.terminals) if (terminal.name.startsWith('On-Call: drill')) terminal.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(join(homedir(), '.kube'), { recursive: true, force: true });
    await api.kube.reload();
    await cluster?.stop();
  });

  it('runs only the selected command of a block that also deletes (Ctrl+Alt+Enter)', async () => {
    await select('kubectl get pods -l app=web -o name', { line: 1 }, { line: 1 });
    cluster.clearRequests();
    // The keybinding runs the command without arguments: the editor's selection decides.
    const outcome = await vscode.commands.executeCommand<RunOutcome>(Commands.runStep);
    assert.ok(outcome?.ran, `not run: ${outcome?.ran === false ? outcome.reason : 'no outcome'}`);
    assert.equal(outcome.plan.command, 'kubectl get pods -l app=web -o name');
    assert.equal((await outcome.terminal.finished)?.exitCode, 0);
    await sleep(500);
    assert.deepEqual(paths(), ['GET /api/v1/namespaces/shop/pods?labelSelector=app=web']);
  });

  it('runs only the selected lines from the editor context menu, comment included', async () => {
    await select('kubectl get pods -l app=web -o name', { line: 4 }, { line: 5 });
    cluster.clearRequests();
    const outcome = await vscode.commands.executeCommand<RunOutcome>(Commands.runSelection);
    assert.ok(outcome?.ran, `not run: ${outcome?.ran === false ? outcome.reason : 'no outcome'}`);
    assert.equal((await outcome.terminal.finished)?.exitCode, 0);
    await sleep(500);
    assert.deepEqual(paths(), ['GET /apis/apps/v1/namespaces/shop/deployments']);
    assert.equal(changes().length, 0);
  });

  it('asks before running a heredoc the selection cut, and runs nothing while not confirmed', async () => {
    // From inside the heredoc body to its middle: the whole `kubectl apply` is what would run.
    await select('kubectl get nodes -o name', { line: 3 }, { line: 5 });
    cluster.clearRequests();
    // A destructive step's confirmation is a pick whose focused choice is Cancel: Enter cancels.
    const pending = vscode.commands.executeCommand<RunOutcome>(Commands.runSelection);
    await sleep(1_000);
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    assert.deepEqual(await pending, { ran: false, reason: 'not-confirmed' });
    await sleep(1_000);
    assert.deepEqual(paths(), []);
  });

  it('runs only the commands chosen in Choose Commands', async () => {
    cluster.clearRequests();
    const found = await step('kubectl get pods -l app=web -o name');
    const pending = vscode.commands.executeCommand<RunOutcome>(Commands.chooseCommands, { uri: runbook().toString(), stepId: found.id });
    await sleep(1_500);
    // The pick lists the block's three commands in order, none ticked; tick the first and the third.
    await vscode.commands.executeCommand('quickInput.first');
    await vscode.commands.executeCommand('workbench.action.quickPickManyToggle');
    await vscode.commands.executeCommand('quickInput.next');
    await vscode.commands.executeCommand('quickInput.next');
    await vscode.commands.executeCommand('workbench.action.quickPickManyToggle');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    const outcome = await pending;
    assert.ok(outcome?.ran, `not run: ${outcome?.ran === false ? outcome.reason : 'no outcome'}`);
    assert.equal(outcome.plan.command, 'kubectl get pods -l app=web -o name\nkubectl get deployments -o name');
    assert.equal((await outcome.terminal.finished)?.exitCode, 0);
    await sleep(500);
    assert.deepEqual(paths().sort(), ['GET /api/v1/namespaces/shop/pods?labelSelector=app=web', 'GET /apis/apps/v1/namespaces/shop/deployments']);
  });

  /**
   * Runs `first` (a program waiting on stdin), then `kubectl get pods` while it waits; checks
   * the second step reached the cluster from another terminal and `program` received nothing.
   */
  async function runWhileWaiting(first: string, program: string, expectedFirstTerminal: RegExp, expectedSecondTerminal: RegExp): Promise<void> {
    let output = '';
    let ended = false;
    let execution: vscode.TerminalShellExecution | undefined;
    const startListener = vscode.window.onDidStartTerminalShellExecution((event) => {
      if (execution || !event.terminal.name.startsWith('On-Call: drill') || event.execution.commandLine.value.trim() !== first) return;
      execution = event.execution;
      void (async () => {
        for await (const data of event.execution.read()) output += data;
      })();
    });
    const endListener = vscode.window.onDidEndTerminalShellExecution((event) => {
      if (event.execution === execution) ended = true;
    });
    try {
      const waiting = await run(first);
      assert.ok(waiting.ran, waiting.ran ? '' : waiting.reason);
      assert.match(waiting.terminal.terminalName, expectedFirstTerminal);
      const firstTerminal = vscode.window.terminals.find((t) => t.name === waiting.terminal.terminalName);
      assert.ok(firstTerminal);
      const shellPid = await firstTerminal.processId;
      assert.ok(shellPid);
      const pid = await waitFor(`${program} to run`, () => childProcess(shellPid, program));
      await waitFor(`the ${program} execution to be seen`, () => execution);
      await waitFor(`${program} to wait on its standard input`, () => waitingOnStdin(pid));
      const readBefore = bytesRead(pid);

      cluster.clearRequests();
      const second = await run('kubectl get pods -o name');
      assert.ok(second.ran, second.ran ? '' : second.reason);
      assert.notEqual(second.terminal.terminalName, waiting.terminal.terminalName, 'the waiting terminal must not get the step');
      assert.match(second.terminal.terminalName, expectedSecondTerminal);
      const result = await Promise.race([second.terminal.finished, sleep(20_000).then(() => undefined)]);
      assert.equal(result?.exitCode, 0, `the second step never finished: was it typed into ${program}?`);
      assert.deepEqual(paths(), ['GET /api/v1/namespaces/shop/pods']);

      await sleep(1_000);
      assert.equal(childProcess(shellPid, program), pid, `${program} is still waiting in the first terminal`);
      assert.equal(ended, false);
      assert.equal(bytesRead(pid), readBefore, `${program} read nothing more from the terminal`);
      assert.ok(!output.includes('kubectl'), `the first terminal showed: ${JSON.stringify(output)}`);
    } finally {
      startListener.dispose();
      endListener.dispose();
    }
  }

  it('runs `cat` (waiting on stdin) in a terminal of its own, and the next step elsewhere: cat receives nothing', async () => {
    await runWhileWaiting('cat', 'cat', /^On-Call: drill \(interactive: cat\)$/, /^On-Call: drill( \(\d+\))?$/);
  });

  it('sends the next step to a second terminal while a program the extension does not know waits on stdin in the first', async () => {
    // `od` is in no table: only the terminal's state (its command has not ended) protects it.
    await runWhileWaiting('od -c', 'od', /^On-Call: drill$/, /^On-Call: drill \(\d+\)$/);
  });

  it('labels the Run lens of steps that take over the terminal "interactive", and only those', async () => {
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', runbook());
    const parsed = await api.runbooks.runbookFor(runbook());
    assert.ok(parsed);
    const runTitles = new Map<string, string>();
    for (const lens of lenses) {
      const step = parsed.steps.find((s) => s.range.startLine === lens.range.start.line);
      if (step && lens.command?.command === Commands.runStep) runTitles.set(step.content.split('\n').pop()!, lens.command.title);
    }
    assert.equal(runTitles.get('cat'), '$(play) Run (interactive)');
    assert.equal(runTitles.get('tail -f /dev/null'), '$(play) Run (interactive)');
    // `od` is in no table: it is protected by the terminal's state, not by its lens.
    assert.equal(runTitles.get('od -c'), '$(play) Run');
    assert.equal(runTitles.get('kubectl get pods -o name'), '$(play) Run');
    assert.equal(runTitles.get('EOF'), '$(play) Run', 'kubectl apply -f - with a heredoc reads no terminal');
  });

  it('runs a step that never returns in a terminal of its own, and the next step in a free one', async () => {
    const follow = await run('tail -f /dev/null');
    assert.ok(follow.ran, follow.ran ? '' : follow.reason);
    assert.match(follow.terminal.terminalName, /interactive/);
    cluster.clearRequests();
    const next = await run('kubectl get pods -o name');
    assert.ok(next.ran, next.ran ? '' : next.reason);
    assert.notEqual(next.terminal.terminalName, follow.terminal.terminalName);
    assert.equal((await Promise.race([next.terminal.finished, sleep(20_000).then(() => undefined)]))?.exitCode, 0);
    assert.deepEqual(paths(), ['GET /api/v1/namespaces/shop/pods']);
  });
});
