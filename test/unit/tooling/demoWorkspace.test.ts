// `npm run demo` greets a newcomer with its workspace: every alert it fires must open a runbook
// meant to be read, never a test fixture, and never ask which of two runbooks to open.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseAlertmanagerAlerts } from '../../../src/core/incidents/alertmanagerAlerts';
import { rankRunbooks, type RunbookFile } from '../../../src/core/incidents/runbookMatching';
import { isRunbookFile } from '../../../src/core/runbooks/runbookFiles';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';
import { demoAlerts } from '../../fixtures/alertmanager/demoAlerts';
import { assembleDemoWorkspace } from '../../launch/demoWorkspaceFiles';

const repoRoot = path.join(__dirname, '../../../../..');

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

function runbookFile(full: string, relative: string, starter: boolean): RunbookFile | undefined {
  const runbook = parseRunbook(readFileSync(full, 'utf8'), { fileName: path.basename(full) });
  if (!starter && !isRunbookFile(path.basename(full), runbook)) return undefined;
  return { uri: `file://${full}`, path: relative, runbook, starter };
}

describe('the demo workspace', () => {
  let workspace: string;
  let runbooks: RunbookFile[];

  before(() => {
    const root = mkdtempSync(path.join(tmpdir(), 'oncall-demo-workspace-'));
    workspace = path.join(root, 'workspace');
    assembleDemoWorkspace(repoRoot, workspace);
    const own = filesUnder(workspace)
      .filter((full) => full.endsWith('.md'))
      .map((full) => runbookFile(full, path.relative(workspace, full).split(path.sep).join('/'), false));
    const starters = readdirSync(path.join(repoRoot, 'runbooks'))
      .filter((name) => name.endsWith('.md') && name !== 'README.md')
      .map((name) => runbookFile(path.join(repoRoot, 'runbooks', name), `starter/${name}`, true));
    runbooks = [...own, ...starters].filter((file): file is RunbookFile => file !== undefined);
  });

  after(() => rmSync(path.dirname(workspace), { recursive: true, force: true }));

  it('holds no copy of a test fixture', () => {
    const fixtures = new Set(filesUnder(path.join(repoRoot, 'test/fixtures')).map((full) => readFileSync(full, 'utf8')));
    for (const full of filesUnder(workspace)) assert.ok(!fixtures.has(readFileSync(full, 'utf8')), `${path.relative(workspace, full)} is a test fixture`);
  });

  it('opens a runbook written for each demo alert, without asking which', () => {
    const payload = demoAlerts(Date.parse('2026-01-01T00:00:00Z')).map((alert, index) => ({
      ...alert,
      fingerprint: `demo${index}`,
      updatedAt: alert.startsAt,
      receivers: [{ name: 'demo' }],
      status: { state: 'active', silencedBy: [], inhibitedBy: [] },
    }));
    const { incidents, errors } = parseAlertmanagerAlerts(payload, 'demo');
    assert.deepEqual(errors, []);
    const opened = new Map<string | undefined, string | undefined>();
    for (const incident of incidents) {
      const ranked = rankRunbooks(incident, runbooks);
      assert.equal(ranked.tied, false, `${incident.alertName} would ask which runbook to open`);
      opened.set(incident.alertName, ranked.candidates[0]?.path);
    }
    // The shop team's own runbook for its crash-looping web pod, not a starter.
    assert.equal(opened.get('KubePodCrashLooping'), 'runbooks/shop-web.md');
    for (const [alert, runbook] of opened) {
      if (runbook !== undefined) assert.match(runbook, /^runbooks\/[a-z-]+\.md$/, `${alert} opens ${runbook}`);
    }
  });

  it('does not take the runbooks folder README for a runbook', () => {
    assert.ok(!runbooks.some((file) => file.path === 'runbooks/README.md'));
  });
});
