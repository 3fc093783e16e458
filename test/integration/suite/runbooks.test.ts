import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/constants';
import type { OnCallApi } from '../../../src/extension';
import type { RunOutcome } from '../../../src/platform/execution/stepExecutor';
import type { RunbookTreeNode } from '../../../src/views/runbooksTreeProvider';
import { activateExtension, workspaceFolder } from '../support/hostHelpers';
import { waitFor } from '../../support/waiting';

describe('runbooks in the extension host', () => {
  let api: OnCallApi;
  let checkout: vscode.Uri;

  before(async () => {
    api = await activateExtension();
    checkout = vscode.Uri.joinPath(workspaceFolder(), 'runbooks/checkout-down.md');
    await api.runbooks.ensureLoaded();
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  async function labels(element?: RunbookTreeNode): Promise<string[]> {
    const children = await api.runbookTree.getChildren(element);
    return children.map((child) => String(api.runbookTree.getTreeItem(child).label));
  }

  async function child(element: RunbookTreeNode | undefined, label: string): Promise<RunbookTreeNode> {
    const children = await api.runbookTree.getChildren(element);
    const found = children.find((c) => String(api.runbookTree.getTreeItem(c).label) === label);
    assert.ok(found, `no "${label}" among ${JSON.stringify(await labels(element))}`);
    return found;
  }

  it('rescans the workspace on Refresh (time printed)', async () => {
    const started = performance.now();
    await vscode.commands.executeCommand(Commands.refreshRunbooks);
    console.log(`Refresh Runbooks took ${(performance.now() - started).toFixed(0)} ms for ${api.runbooks.all().length} runbooks`);
    assert.ok(api.runbooks.all().length >= 12);
  });

  it('lists the workspace runbooks and the starter runbooks, but not other Markdown', async () => {
    const roots = await labels();
    assert.deepEqual(roots, ['Checkout is down', 'Payments database connections', 'Web alternatives', 'Web pods', 'Starter runbooks']);
    const starters = await labels(await child(undefined, 'Starter runbooks'));
    assert.ok(starters.length >= 8, `only ${starters.length} starter runbooks: ${starters.join(', ')}`);
  });

  it('shows runbook → section → step, with steps labelled by their first command', async () => {
    const runbook = await child(undefined, 'Checkout is down');
    assert.deepEqual(await labels(runbook), ['Check the pods (CheckoutDown)', 'Record what happened', 'Notify']);
    const section = await child(runbook, 'Check the pods (CheckoutDown)');
    assert.deepEqual(await labels(section), ['kubectl get pods -n <namespace> -l app=checkout', 'kubectl get deploy checkout -n shop']);
  });

  it('puts Run and Copy lenses on the opening fence line of every runnable block, and none on other Markdown', async () => {
    const document = await vscode.workspace.openTextDocument(checkout);
    const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', checkout)).filter((l) =>
      l.command?.command.startsWith('oncall.'),
    );
    const openingFences = document
      .getText()
      .split('\n')
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => /^```\S/.test(line))
      .map(({ index }) => index);
    assert.equal(openingFences.length, 4);
    const byLine = new Map<number, string[]>();
    for (const lens of lenses) byLine.set(lens.range.start.line, [...(byLine.get(lens.range.start.line) ?? []), lens.command?.title ?? '']);
    assert.deepEqual([...byLine.keys()].sort((a, b) => a - b), openingFences);
    assert.deepEqual(byLine.get(openingFences[0]), ['$(play) Run', '$(copy) Copy']);
    assert.deepEqual(byLine.get(openingFences[3]), ['$(copy) Copy template']);

    const notes = vscode.Uri.joinPath(workspaceFolder(), 'docs/notes.md');
    await vscode.workspace.openTextDocument(notes);
    const noteLenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', notes);
    assert.equal(noteLenses.filter((l) => l.command?.command.startsWith('oncall.')).length, 0);
  });

  it('updates the tree while a runbook is edited, before it is saved', async () => {
    const document = await vscode.workspace.openTextDocument(checkout);
    await vscode.window.showTextDocument(document);
    const end = new vscode.Position(document.lineCount, 0);
    const added = '\n## Scale back up\n\n```bash\nkubectl scale deploy/checkout --replicas=3\n```\n';
    const insert = new vscode.WorkspaceEdit();
    insert.insert(checkout, end, added);
    assert.ok(await vscode.workspace.applyEdit(insert));
    const runbook = await child(undefined, 'Checkout is down');
    await waitFor('the new section in the tree', async () => (await labels(runbook)).includes('Scale back up'));

    const remove = new vscode.WorkspaceEdit();
    remove.delete(checkout, new vscode.Range(end, document.positionAt(document.getText().length)));
    assert.ok(await vscode.workspace.applyEdit(remove));
    await waitFor('the section to leave the tree', async () => !(await labels(runbook)).includes('Scale back up'));
    await document.save();
  });

  it('picks up a runbook file created on disk, and drops it when deleted', async () => {
    const created = vscode.Uri.joinPath(workspaceFolder(), 'runbooks/cache-flush.md');
    writeFileSync(created.fsPath, '# Cache flush\n\n```bash\nredis-cli info memory\n```\n');
    try {
      await waitFor('the new runbook in the tree', async () => (await labels()).includes('Cache flush'));
    } finally {
      rmSync(created.fsPath, { force: true });
    }
    await waitFor('the deleted runbook to leave the tree', async () => !(await labels()).includes('Cache flush'));
  });

  it('picks up a folder of runbooks that arrives at once, as a pull or a copy brings it, and drops it when the folder goes', async () => {
    const staging = join(tmpdir(), `oncall-team-${process.pid}`);
    mkdirSync(join(staging, 'queues'), { recursive: true });
    writeFileSync(join(staging, 'queue-drain.md'), '# Queue drain steps\n\n```bash\nkubectl get pods -n queue\n```\n');
    writeFileSync(join(staging, 'queues', 'dead-letters.md'), '# Dead letter replay\n\n```bash\nkubectl get jobs -n queue\n```\n');
    const arrived = join(workspaceFolder().fsPath, 'runbooks', 'queue-team');
    // A rename brings the whole folder in one step: no event is ever raised for its files.
    renameSync(staging, arrived);
    try {
      await waitFor('both runbooks of the new folder in the tree', async () => {
        const now = await labels();
        return now.includes('Queue drain steps') && now.includes('Dead letter replay');
      });
    } finally {
      rmSync(arrived, { recursive: true, force: true });
    }
    await waitFor('the runbooks of the removed folder to leave the tree', async () => {
      const now = await labels();
      return !now.includes('Queue drain steps') && !now.includes('Dead letter replay');
    });
  });

  it('skips a Markdown file too large to be a runbook, and keeps every other runbook', async () => {
    const huge = vscode.Uri.joinPath(workspaceFolder(), 'runbooks/huge-dump.md');
    const before = api.runbooks.all().length;
    writeFileSync(huge.fsPath, `# Huge dump\n\n\`\`\`bash\necho hi\n\`\`\`\n${'x'.repeat(11 * 1024 * 1024)}\n`);
    try {
      await vscode.commands.executeCommand(Commands.refreshRunbooks);
      assert.equal(api.runbooks.get(huge), undefined);
      assert.equal(api.runbooks.all().length, before);
      assert.ok(!(await labels()).includes('Huge dump'));
    } finally {
      rmSync(huge.fsPath, { force: true });
    }
  });

  it('opens an indexed runbook without parsing it a second time, and parses it again once edited', async () => {
    const uri = vscode.Uri.joinPath(workspaceFolder(), 'runbooks/queue-drain.md');
    writeFileSync(uri.fsPath, '# Queue drain\n\n```bash\nkubectl get pods -n queue\n```\n');
    try {
      const indexed = await waitFor('the new runbook in the index', () => api.runbooks.get(uri)?.runbook);
      const document = await vscode.workspace.openTextDocument(uri);
      // One parse kept for the file, whether it is open or not.
      assert.equal(await api.runbooks.runbookFor(uri), indexed);
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(document.lineCount, 0), '\n```bash\nkubectl get events -n queue\n```\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      const edited = await api.runbooks.runbookFor(uri);
      assert.notEqual(edited, indexed);
      assert.deepEqual(edited?.steps.map((step) => step.content), ['kubectl get pods -n queue', 'kubectl get events -n queue']);
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } finally {
      rmSync(uri.fsPath, { force: true });
    }
  });

  it('runs a block with a heredoc, a stdin read and a multi-line quoted argument intact in its own terminal', async () => {
    const runbook = await api.runbooks.runbookFor(checkout);
    const step = runbook?.steps.find((s) => s.content.includes('heredoc-result.txt'));
    assert.ok(step);
    const resultFile = vscode.Uri.joinPath(workspaceFolder(), 'runbooks/heredoc-result.txt').fsPath;
    rmSync(resultFile, { force: true });
    const before = vscode.window.terminals.length;

    const outcome = await vscode.commands.executeCommand<RunOutcome>(Commands.runStep, { uri: checkout.toString(), stepId: step.id });
    assert.ok(outcome.ran, `not run: ${outcome.ran ? '' : outcome.reason}`);
    const result = outcome.terminal;
    // No kubeconfig in this host's HOME: the step runs in the plain On-Call terminal.
    assert.equal(result.terminalName, 'On-Call');
    assert.ok(result.finished, 'shell integration should report the end of the command');
    const { exitCode } = await result.finished;
    assert.equal(exitCode, 0);
    assert.equal(vscode.window.terminals.length, before + 1, 'a dedicated terminal is created');
    await waitFor('the result file', () => existsSync(resultFile));
    assert.equal(
      readFileSync(resultFile, 'utf8'),
      [
        'first line',
        '  indented line with $HOME left literal',
        // Sent line by line, `read` would have swallowed the next line of the block.
        'swallowed: nothing',
        'multi-line-argument',
        'stamp: subshell continued',
        '',
      ].join('\n'),
    );
  });

  it('copies only the prompted commands of a console block', async () => {
    const runbook = await api.runbooks.runbookFor(checkout);
    const step = runbook?.steps.find((s) => s.language === 'console');
    assert.ok(step);
    await vscode.commands.executeCommand(Commands.copyStep, { uri: checkout.toString(), stepId: step.id });
    assert.equal(await vscode.env.clipboard.readText(), 'kubectl get deploy checkout -n shop\nkubectl rollout history deploy/checkout -n shop');
  });

  it('warns about a password written into a runbook', async () => {
    const uri = vscode.Uri.joinPath(workspaceFolder(), 'runbooks/payments/db-connections.md');
    await vscode.window.showTextDocument(uri);
    const diagnostics = await waitFor('a credential diagnostic', () => {
      const found = vscode.languages.getDiagnostics(uri).filter((d) => d.code === 'credential');
      return found.length > 0 ? found : undefined;
    });
    assert.equal(diagnostics[0].range.start.line, 9);
    assert.equal(diagnostics[0].severity, vscode.DiagnosticSeverity.Warning);
  });

  it('hides the lenses when oncall.runbooks.codeLens is off', async () => {
    const settings = vscode.workspace.getConfiguration('oncall.runbooks');
    await settings.update('codeLens', false, vscode.ConfigurationTarget.Workspace);
    try {
      await vscode.workspace.openTextDocument(checkout);
      const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', checkout);
      assert.equal(lenses.filter((l) => l.command?.command.startsWith('oncall.')).length, 0);
    } finally {
      await settings.update('codeLens', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
