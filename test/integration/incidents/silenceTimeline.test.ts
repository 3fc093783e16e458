// A silence created from the editor during an incident is one fact of its timeline: recorded
// once, with its end and its comment, against a real Alertmanager.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../../src/constants';
import type { OnCallApi } from '../../../src/extension';
import { startAlertmanager, type RunningAlertmanager } from '../../fixtures/alertmanager/alertmanagerProcess';
import { activateExtension } from '../support/hostHelpers';
import { sleep, waitFor } from '../../support/waiting';

describe('a silence in the incident timeline', function () {
  this.timeout(90_000);
  let api: OnCallApi;
  let alertmanager: RunningAlertmanager;
  const settings = () => vscode.workspace.getConfiguration();

  before(async () => {
    api = await activateExtension();
    alertmanager = await startAlertmanager();
    await alertmanager.postAlerts([
      {
        labels: { alertname: 'SilenceTimelineDrill', severity: 'critical', namespace: 'shop', service: 'payments' },
        annotations: { summary: 'Payments are failing.' },
        startsAt: new Date(Date.now() - 3 * 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
    ]);
    await settings().update(Settings.alertmanagerPollInterval, 1, vscode.ConfigurationTarget.Workspace);
    await settings().update(Settings.alertmanagerInstances, [{ name: 'silences', url: alertmanager.url }], vscode.ConfigurationTarget.Workspace);
    await api.sessions.ready();
    if (api.sessions.active) await vscode.commands.executeCommand(Commands.resolveSession, 'left over by an earlier test');
  });

  after(async () => {
    if (api.sessions.active) await vscode.commands.executeCommand(Commands.resolveSession, 'silence test done');
    await settings().update(Settings.alertmanagerInstances, undefined, vscode.ConfigurationTarget.Workspace);
    await settings().update(Settings.alertmanagerPollInterval, undefined, vscode.ConfigurationTarget.Workspace);
    await alertmanager?.stop();
  });

  it('records a silence made during the incident once, with its end and comment', async () => {
    const alert = await waitFor('the alert', () => [...api.incidents.incidents()].find((i) => i.alertName === 'SilenceTimelineDrill'));
    const sessionId = await vscode.commands.executeCommand<string>(Commands.startSession, { id: alert.id }, { title: 'Payments failing' });
    assert.ok(sessionId);
    const silenceId = await vscode.commands.executeCommand<string>(Commands.silenceIncident, { id: alert.id }, { durationMs: 2 * 3_600_000, comment: 'card provider failing over' });
    assert.ok(silenceId, 'the command returns the new silence id');
    // Let later polls see the silenced alert: none of them may add a second entry.
    await waitFor('the alert to show as silenced', () => api.incidents.find(alert.id)?.status === 'silenced');
    await sleep(2_500);
    const timeline = await api.sessions.timeline(sessionId);
    const silences = (timeline?.events ?? []).filter((event) => event.type === 'alert-silenced');
    assert.equal(silences.length, 1, `one silence entry, got ${JSON.stringify(silences)}`);
    const [entry] = silences;
    assert.ok(entry.type === 'alert-silenced');
    assert.equal(entry.silenceId, silenceId);
    assert.equal(entry.comment, 'card provider failing over');
    const until = Date.parse(entry.until);
    assert.ok(Math.abs(until - (Date.parse(entry.at) + 2 * 3_600_000)) < 60_000, `ends two hours after it was made, got "${entry.until}"`);
  });
});
