import assert from 'node:assert/strict';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import * as vscode from 'vscode';
import { Commands, OUTPUT_CHANNEL_NAME } from '../../../src/constants';
import type { StepStartedEntry } from '../../../src/core/execution/executionJournal';
import type { OnCallApi } from '../../../src/extension';
import type { RunOutcome } from '../../../src/platform/execution/stepExecutor';
import { JOURNAL_DOCUMENT_URI } from '../../../src/views/journalDocument';
import type { RunbookTreeNode } from '../../../src/views/runbooksTreeProvider';
import { activateExtension, workspaceFolder } from '../support/hostHelpers';
import { waitFor } from '../../support/waiting';

/** The repository, seen from this bundle (out/integration/test/integration/suite). */
const REPO = resolve(__dirname, '../../../../..');
const FIXTURES = join(REPO, 'test/fixtures/runbooks');
const TEAM_STYLES = ['same-title/payments.md', 'same-title/search.md', 'same-title/checkout.md', 'same-title/identity.md', 'scenarios-top-level.md', 'deep-nesting.md', 'headings-without-steps.md'];

describe('the Runbooks view shows how a runbook is organised', () => {
  let api: OnCallApi;
  let folder: vscode.Uri;

  const text = (item: vscode.TreeItem): string => (typeof item.label === 'string' ? item.label : (item.label?.label ?? ''));
  const label = (node: RunbookTreeNode): string => text(api.runbookTree.getTreeItem(node));
  const uriOf = (name: string): vscode.Uri => vscode.Uri.joinPath(folder, name);

  async function labels(element?: RunbookTreeNode): Promise<string[]> {
    return (await api.runbookTree.getChildren(element)).map(label);
  }

  async function child(element: RunbookTreeNode | undefined, wanted: string | ((node: RunbookTreeNode) => boolean)): Promise<RunbookTreeNode> {
    const children = await api.runbookTree.getChildren(element);
    const found = children.find((node) => (typeof wanted === 'string' ? label(node) === wanted : wanted(node)));
    assert.ok(found, `no ${String(wanted)} among ${JSON.stringify(children.map(label))}`);
    return found;
  }

  const runbookRow = (name: string) => (node: RunbookTreeNode): boolean => node.type === 'runbook' && node.uri === uriOf(name).toString();

  before(async () => {
    api = await activateExtension();
    await api.runbooks.ensureLoaded();
    folder = vscode.Uri.joinPath(workspaceFolder(), 'runbooks/team-styles');
    for (const name of TEAM_STYLES) cpSync(join(FIXTURES, name), uriOf(name).fsPath);
    // A rescan, as Refresh does: what the file watcher reports about new folders is not this suite's subject.
    await vscode.commands.executeCommand(Commands.refreshRunbooks);
    await waitFor('the team runbooks in the index', () => TEAM_STYLES.every((name) => api.runbooks.get(uriOf(name)) !== undefined));
  });

  after(async () => {
    api.runbookTree.setFilter('');
    rmSync(folder.fsPath, { recursive: true, force: true });
    await vscode.commands.executeCommand(Commands.refreshRunbooks);
    // Later suites count the workspace's runbooks.
    await waitFor('the team runbooks to leave the index', () => TEAM_STYLES.every((name) => api.runbooks.get(uriOf(name)) === undefined));
  });

  afterEach(() => api.runbookTree.setFilter(''));

  it('tells runbooks of one title apart by the service of their front matter, put first', async () => {
    const roots = await labels();
    assert.deepEqual(
      roots.filter((name) => name.endsWith('Incident Response Runbook')),
      ['checkout · Incident Response Runbook', 'identity · Incident Response Runbook', 'payments · Incident Response Runbook', 'search · Incident Response Runbook'],
    );
    // A title no other runbook has stays as it is, its path beside it.
    assert.equal(api.runbookTree.getTreeItem(await child(undefined, 'Platform runbook')).description, 'runbooks/team-styles/deep-nesting.md');
  });

  it('nests scenarios and their Investigation and Resolution sections, so every row can be told apart', async () => {
    const payments = await child(undefined, runbookRow('same-title/payments.md'));
    assert.deepEqual(await labels(payments), [
      'Scenario 1: Database connection pool exhausted',
      'Scenario 2: API latency high',
      'Scenario 3: Queue backlog',
      'Scenario 4: Certificate expiring › Investigation Steps',
    ]);
    const scenario = await child(payments, 'Scenario 2: API latency high');
    assert.equal(api.runbookTree.getTreeItem(scenario).description, '2 steps');
    assert.deepEqual(await labels(scenario), ['Investigation Steps', 'Resolution Steps']);
    const resolution = await child(scenario, 'Resolution Steps');
    const [step] = await api.runbookTree.getChildren(resolution);
    assert.equal(label(step!), 'kubectl scale deploy/payments-api -n payments --replicas=6');

    // Reveal walks back up the same rows.
    const parent = api.runbookTree.getParent(step!);
    assert.equal(parent && api.runbookTree.getTreeItem(parent).id, api.runbookTree.getTreeItem(resolution).id);
    const grandparent = parent && api.runbookTree.getParent(parent);
    assert.equal(grandparent && api.runbookTree.getTreeItem(grandparent).id, api.runbookTree.getTreeItem(scenario).id);
  });

  it('nests deep headings and leaves out those with no step below them', async () => {
    assert.deepEqual(await labels(await child(undefined, 'Platform runbook')), ['Database › Primary › Failover', 'Cache › Redis › Flush', 'Network']);
    assert.deepEqual(await labels(await child(undefined, 'Service overview')), ['Troubleshooting › Logs']);
    const storage = await child(undefined, 'Storage incidents');
    assert.deepEqual(await labels(storage), ['Disk full on a node', 'Volume stuck attaching']);
    assert.deepEqual(await labels(await child(storage, 'Volume stuck attaching')), ['Investigation', 'Resolution']);
  });

  it('narrows the filter to the scenario that names an alert, shown open', async () => {
    api.runbookTree.setFilter('PaymentsApiLatencyHigh');
    const roots = await api.runbookTree.getChildren();
    assert.deepEqual(roots.map(label), ['payments · Incident Response Runbook']);
    const payments = roots[0]!;
    assert.equal(api.runbookTree.getTreeItem(payments).collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    const scenario = await child(payments, 'Scenario 2: API latency high');
    assert.deepEqual(await labels(payments), ['Scenario 2: API latency high']);
    const item = api.runbookTree.getTreeItem(scenario);
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
    assert.deepEqual(await labels(scenario), ['Investigation Steps', 'Resolution Steps']);
    // A filtered row has an id of its own, so a row collapsed before opens for the filter.
    api.runbookTree.setFilter('');
    assert.notEqual(api.runbookTree.getTreeItem(scenario).id, item.id);
  });

  it('narrows the filter to matching steps with the sections holding them, not whole runbooks', async () => {
    api.runbookTree.setFilter('rollout');
    const payments = await child(undefined, runbookRow('same-title/payments.md'));
    assert.deepEqual(await labels(payments), ['Scenario 1: Database connection pool exhausted']);
    const scenario = await child(payments, 'Scenario 1: Database connection pool exhausted');
    assert.deepEqual(await labels(scenario), ['Resolution Steps']);
    assert.deepEqual(await labels(await child(scenario, 'Resolution Steps')), ['kubectl rollout restart deploy/payments-api -n payments']);
    const checkout = await child(undefined, runbookRow('same-title/checkout.md'));
    assert.deepEqual(await labels(checkout), ['Checkout errors']);
    assert.deepEqual(await labels(await child(checkout, 'Checkout errors')), ['Resolution']);
    // Runbooks without a match are gone.
    assert.ok(!(await api.runbookTree.getChildren()).some(runbookRow('deep-nesting.md')));
  });

  it('names a step in the journal and the log by runbook › section › step, and keeps its id', async () => {
    const uri = uriOf('scenarios-top-level.md');
    const runbook = api.runbooks.get(uri)!.runbook;
    const step = runbook.steps.find((s) => s.content.trim() === 'df -h')!;
    const terminalsBefore = [...vscode.window.terminals];
    try {
      const outcome = await vscode.commands.executeCommand<RunOutcome>(Commands.runStep, { uri: uri.toString(), stepId: step.id });
      assert.ok(outcome.ran, outcome.ran ? '' : outcome.reason);
      const started = await waitFor('the run in the journal', async () =>
        (await api.journal.read()).find((e): e is StepStartedEntry => e.type === 'step-started' && e.runId === outcome.runId),
      );
      assert.equal(started.stepId, step.id);
      assert.deepEqual(started.sectionPath, ['Disk full on a node', 'Investigation']);
      assert.equal(started.stepName, 'df -h');

      const readable = 'Storage incidents › Disk full on a node › Investigation › df -h';
      const journalView = await vscode.workspace.openTextDocument(JOURNAL_DOCUMENT_URI);
      assert.ok(journalView.getText().includes(readable), journalView.getText());
      assert.doesNotMatch(journalView.getText(), /step-\d|› step \d/);

      const logFile = findLogFile(api.journal.path);
      await waitFor('the run in the log', () => readFileSync(logFile, 'utf8').includes(`Running "${readable}"`));
      assert.doesNotMatch(readFileSync(logFile, 'utf8'), /Running step-\d/);
    } finally {
      for (const terminal of vscode.window.terminals) if (!terminalsBefore.includes(terminal)) terminal.dispose();
      await waitFor('the terminal of this run to close', () => vscode.window.terminals.length === terminalsBefore.length);
    }
  });
});

/**
 * The log channel's file: VS Code writes it under the window's logs folder, which sits beside
 * the `User` folder that holds the workspace storage where the journal lives. Earlier windows
 * on the same user data left theirs: the newest is this window's.
 */
function findLogFile(journalPath: string): string {
  let dir = dirname(journalPath);
  while (!existsSync(join(dir, 'logs')) && dirname(dir) !== dir) dir = dirname(dir);
  const found = findFiles(join(dir, 'logs'), `${OUTPUT_CHANNEL_NAME}.log`).sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  assert.ok(found[0], `no ${OUTPUT_CHANNEL_NAME}.log under ${dir}/logs`);
  return found[0];
}

function findFiles(dir: string, name: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    if (entry === name) return [path];
    return statSync(path).isDirectory() ? findFiles(path, name) : [];
  });
}
