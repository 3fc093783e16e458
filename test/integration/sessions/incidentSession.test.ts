// An incident as it happens, part one: started from an alert of a real Alertmanager, two
// runbook steps run (one failing), a checklist item ticked, a note added. The incident is left
// active and the extension host is then killed (see runIntegration's phases); part two
// (sessions-reopened) reopens the workspace and checks what survived.
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../../src/constants';
import type { StepFinishedEntry, StepStartedEntry } from '../../../src/core/execution/executionJournal';
import type { OnCallApi } from '../../../src/extension';
import { startAlertmanager, type RunningAlertmanager } from '../../fixtures/alertmanager/alertmanagerProcess';
import { activateExtension, workspaceFolder } from '../support/hostHelpers';
import { waitFor } from '../../support/waiting';
import { DRILL_NOTE, DRILL_TITLE } from '../support/drill';

describe('an incident session, until the crash', function () {
  this.timeout(90_000);
  let api: OnCallApi;
  let alertmanager: RunningAlertmanager;
  const runbook = () => vscode.Uri.joinPath(workspaceFolder(), 'runbooks/incident-drill.md');

  async function runStep(command: string): Promise<StepFinishedEntry> {
    const parsed = await api.runbooks.runbookFor(runbook());
    const step = parsed?.steps.find((s) => s.content.trim() === command);
    assert.ok(step, `no step "${command}"`);
    await vscode.commands.executeCommand(Commands.runStep, { uri: runbook().toString(), stepId: step.id });
    return waitFor(`"${command}" to finish`, async () => {
      const entries = await api.journal.read();
      const started = entries.filter((e): e is StepStartedEntry => e.type === 'step-started' && e.command === command).pop();
      return started && entries.find((e): e is StepFinishedEntry => e.type === 'step-finished' && e.runId === started.runId);
    }, 30_000);
  }

  before(async () => {
    api = await activateExtension();
    alertmanager = await startAlertmanager();
    await alertmanager.postAlerts([
      {
        labels: { alertname: 'CheckoutDrill', severity: 'critical', namespace: 'shop', service: 'checkout' },
        annotations: { summary: 'Checkout error rate above 5%.' },
        startsAt: new Date(Date.now() - 7 * 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
    ]);
    await vscode.workspace.getConfiguration().update(Settings.alertmanagerPollInterval, 1, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.getConfiguration().update(Settings.alertmanagerInstances, [{ name: 'main', url: alertmanager.url }], vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await vscode.workspace.getConfiguration().update(Settings.alertmanagerInstances, undefined, vscode.ConfigurationTarget.Workspace);
    await alertmanager?.stop();
  });

  it('starts an incident by itself on the first step run from a runbook opened for a P1 alert, when told to', async () => {
    await vscode.workspace.getConfiguration().update(Settings.autoStartIncidents, 'alwaysForP0P1', vscode.ConfigurationTarget.Workspace);
    const alert = await waitFor('the alert', () => [...api.incidents.incidents()].find((i) => i.alertName === 'CheckoutDrill'));
    assert.equal(api.sessions.active, undefined);
    assert.equal(await vscode.commands.executeCommand(Commands.openIncidentRunbook, { id: alert.id }), true);
    assert.match(vscode.window.activeTextEditor?.document.uri.path ?? '', /incident-drill\.md$/);
    await runStep('echo drill-step-ok');
    const record = await waitFor('the automatic incident', () => api.sessions.active);
    assert.match(record.id, /^INC-\d{8}-001$/);
    assert.equal(record.title, alert.title);
    assert.deepEqual(record.sources.map((s) => s.incidentId), [alert.id]);
    // A practice run: resolve it, the real one follows.
    assert.equal(await vscode.commands.executeCommand(Commands.resolveSession, 'practice run'), record.id);
    await vscode.workspace.getConfiguration().update(Settings.autoStartIncidents, undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('starts an incident from the alert, linked to the runbook that lists it', async () => {
    const alert = await waitFor('the alert', () => [...api.incidents.incidents()].find((i) => i.alertName === 'CheckoutDrill'));
    const id = await vscode.commands.executeCommand<string>(Commands.startSession, { id: alert.id }, { title: DRILL_TITLE });
    assert.match(id ?? '', /^INC-\d{8}-002$/);
    const record = api.sessions.active;
    assert.ok(record);
    assert.equal(record.severity, 'P1');
    assert.equal(record.startedAt, alert.startedAt, 'the incident starts when its alert fired');
    assert.match(record.runbookUri ?? '', /\/runbooks\/incident-drill\.md$/);
    assert.equal(await vscode.commands.executeCommand(Commands.startSession, undefined, { title: 'a second one' }), undefined, 'one active incident at a time');
  });

  it('records runbook steps with their exit codes', async () => {
    assert.equal((await runStep('echo drill-step-ok')).exitCode, 0);
    assert.equal((await runStep('ls /nonexistent-drill-path')).exitCode, 2);
  });

  it('records a ticked checklist item and a note', async () => {
    const editor = await vscode.window.showTextDocument(runbook());
    const line = editor.document.getText().split('\n').indexOf('- [ ] Acknowledge the alert');
    assert.ok(line >= 0);
    await editor.edit((edit) => edit.replace(new vscode.Range(line, 3, line, 4), 'x'));
    await editor.document.save();
    await waitFor('the tick in the timeline', async () => {
      const timeline = await api.sessions.timeline(api.sessions.active!.id);
      return timeline?.events.some((e) => e.type === 'checklist-ticked' && e.item === 'Acknowledge the alert' && e.checked);
    });
    assert.equal(await vscode.commands.executeCommand(Commands.addTimelineNote, DRILL_NOTE), true);
  });

  it('keeps the active incident when its record file is deleted, and writes it again', async () => {
    const active = api.sessions.active;
    assert.ok(active);
    const path = api.sessions.store.pathOf(active.id);
    const before = (await api.sessions.timeline(active.id))?.events.length;
    rmSync(path);
    await api.sessions.reload();
    assert.equal(api.sessions.active?.id, active.id, 'the incident is still active');
    assert.ok(existsSync(path), 'its file is written again from memory');
    assert.equal((await api.sessions.timeline(active.id))?.events.length, before, 'with every event');
  });
});
