// No surprises when incidents start and end, against a real Alertmanager: a step run from a
// runbook opened for an alert starts an incident only when the user says so (or said "always
// for P0-P1"), Start Incident answers while one is active, Resolve expires the silences the
// incident made when asked to, and the execution journal reads as a table.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, JOURNAL_SCHEME, Settings } from '../../../src/constants';
import type { StepFinishedEntry, StepStartedEntry } from '../../../src/core/execution/executionJournal';
import type { Incident } from '../../../src/core/incidents/incidentModel';
import type { OnCallApi } from '../../../src/extension';
import { startAlertmanager, type RunningAlertmanager } from '../../fixtures/alertmanager/alertmanagerProcess';
import { activateExtension, workspaceFolder } from '../support/hostHelpers';
import { sleep, waitFor } from '../../support/waiting';

const RUNBOOK = `---
title: Lifecycle drill
alerts: [LifecycleDrill]
---
# Lifecycle drill

## Look

\`\`\`bash
echo lifecycle-look
\`\`\`
`;

describe('starting and ending incidents without surprises', function () {
  this.timeout(120_000);
  let api: OnCallApi;
  let alertmanager: RunningAlertmanager;
  const settings = () => vscode.workspace.getConfiguration();
  const runbook = () => vscode.Uri.joinPath(workspaceFolder(), 'runbooks/lifecycle-drill.md');
  const alert = (severity: string) => waitFor(`the ${severity} alert`, () => [...api.incidents.incidents()].find((i) => i.alertName === 'LifecycleDrill' && i.labels.severity === severity));

  /** Opens the runbook for the alert, as Open Runbook does, and runs its step; resolves once the run is journaled. */
  async function lookFromRunbookOf(incident: Incident): Promise<void> {
    assert.equal(await vscode.commands.executeCommand(Commands.openIncidentRunbook, { id: incident.id }), true);
    const parsed = await api.runbooks.runbookFor(runbook());
    const step = parsed?.steps[0];
    assert.ok(step);
    const before = (await api.journal.read()).length;
    await vscode.commands.executeCommand(Commands.runStep, { uri: runbook().toString(), stepId: step.id });
    await waitFor('the step to finish', async () => {
      const entries = (await api.journal.read()).slice(before);
      const started = entries.find((e): e is StepStartedEntry => e.type === 'step-started');
      return started && entries.find((e): e is StepFinishedEntry => e.type === 'step-finished' && e.runId === started.runId);
    }, 30_000);
    // What follows the journal has had its turn.
    await sleep(1_000);
  }

  before(async () => {
    api = await activateExtension();
    await vscode.workspace.fs.writeFile(runbook(), Buffer.from(RUNBOOK));
    alertmanager = await startAlertmanager();
    const alertOf = (severity: string, pod: string) => ({
      labels: { alertname: 'LifecycleDrill', severity, namespace: 'shop', pod },
      annotations: { summary: `Lifecycle drill (${severity}).` },
      startsAt: new Date(Date.now() - 5 * 60_000).toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
    });
    await alertmanager.postAlerts([alertOf('critical', 'web-1'), alertOf('warning', 'web-2')]);
    await settings().update(Settings.alertmanagerPollInterval, 1, vscode.ConfigurationTarget.Workspace);
    await settings().update(Settings.alertmanagerInstances, [{ name: 'lifecycle', url: alertmanager.url }], vscode.ConfigurationTarget.Workspace);
    await api.sessions.ready();
    if (api.sessions.active) await vscode.commands.executeCommand(Commands.resolveSession, 'left over by an earlier test');
  });

  after(async () => {
    if (api.sessions.active) await vscode.commands.executeCommand(Commands.resolveSession, 'lifecycle test done', { expireSilences: false });
    await settings().update(Settings.autoStartIncidents, undefined, vscode.ConfigurationTarget.Workspace);
    await settings().update(Settings.alertmanagerInstances, undefined, vscode.ConfigurationTarget.Workspace);
    await settings().update(Settings.alertmanagerPollInterval, undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(runbook());
    await alertmanager?.stop();
  });

  it('asks before starting an incident for a runbook opened for an alert: a step alone starts none', async () => {
    await lookFromRunbookOf(await alert('critical'));
    assert.equal(api.sessions.active, undefined, 'no incident started without the user saying so');
  });

  it('starts none for a P2 warning, even when told to start P0-P1 ones at once', async () => {
    await settings().update(Settings.autoStartIncidents, 'alwaysForP0P1', vscode.ConfigurationTarget.Workspace);
    await lookFromRunbookOf(await alert('warning'));
    assert.equal(api.sessions.active, undefined);
  });

  it('starts one at once for a P1 alert when told to', async () => {
    const critical = await alert('critical');
    await lookFromRunbookOf(critical);
    const record = await waitFor('the incident', () => api.sessions.active);
    assert.deepEqual(record.sources.map((s) => s.incidentId), [critical.id]);
  });

  it('never starts one when told never to', async () => {
    await vscode.commands.executeCommand(Commands.resolveSession, 'next case', { expireSilences: false });
    await settings().update(Settings.autoStartIncidents, 'never', vscode.ConfigurationTarget.Workspace);
    await lookFromRunbookOf(await alert('critical'));
    assert.equal(api.sessions.active, undefined);
  });

  it('answers Start Incident while one is active, leaving the active one as it is', async () => {
    const id = await vscode.commands.executeCommand<string>(Commands.startSession, undefined, { title: 'Lifecycle one' });
    assert.ok(id);
    assert.equal(await vscode.commands.executeCommand(Commands.startSession, undefined, { title: 'Lifecycle two' }), undefined);
    assert.equal(api.sessions.active?.id, id);
  });

  it('expires, when asked at Resolve, the silences made during the incident and only those', async () => {
    const [critical, warning] = [await alert('critical'), await alert('warning')];
    const madeDuring = await vscode.commands.executeCommand<string>(Commands.silenceIncident, { id: critical.id }, { durationMs: 3_600_000, comment: 'during the incident' });
    const id = api.sessions.active?.id;
    await vscode.commands.executeCommand(Commands.resolveSession, 'fixed', { expireSilences: true });
    const madeAfter = await vscode.commands.executeCommand<string>(Commands.silenceIncident, { id: warning.id }, { durationMs: 3_600_000, comment: 'after it' });
    const states = new Map(((await alertmanager.silences()) as { id: string; status: { state: string } }[]).map((s) => [s.id, s.status.state]));
    assert.equal(states.get(madeDuring), 'expired', `the silence made during ${id} is expired`);
    assert.equal(states.get(madeAfter), 'active');
  });

  it('shows the execution journal as a table, with the raw file one command away', async () => {
    await vscode.commands.executeCommand(Commands.showJournal);
    const editor = await waitFor('the journal view', () => vscode.window.activeTextEditor?.document.uri.scheme === JOURNAL_SCHEME && vscode.window.activeTextEditor);
    const text = editor.document.getText();
    assert.match(text, /\| Time +\| Runbook › Section › Step +\| Command +\| Context \/ Namespace +\| Exit code +\| Duration +\|/);
    assert.match(text, /\| Lifecycle drill › Look › echo lifecycle-look +\| `echo lifecycle-look` +\|.*\| 0 +\|/);
    assert.doesNotMatch(text, /"type":"step-started"/);
    await vscode.commands.executeCommand(Commands.openRawJournal);
    await waitFor('the raw journal', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('execution-journal.jsonl'));
    assert.match(vscode.window.activeTextEditor?.document.getText() ?? '', /"type":"step-started"/);
  });
});
