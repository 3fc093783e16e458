// Stored credentials stay with the origin they were stored for. The user's settings name an
// Alertmanager (the real one, behind basic auth); a trusted workspace then declares the same
// name at another loopback URL, a server that records every Authorization header it gets.
// Also: an interval a workspace sets to 0.0001 s polls no faster than the 5 s floor.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../../src/constants';
import type { OnCallApi } from '../../../src/extension';
import { alertsFromRules, startAlertmanager, TEST_BASIC_AUTH, type RunningAlertmanager } from '../../fixtures/alertmanager/alertmanagerProcess';
import { startMisbehavingAlertmanager, type MisbehavingAlertmanager } from '../../fixtures/alertmanager/misbehavingAlertmanager';
import { activateExtension } from '../support/hostHelpers';
import { sleep, waitFor } from '../../support/waiting';

describe('stored credentials stay with their origin', function () {
  this.timeout(120_000);
  let api: OnCallApi;
  let real: RunningAlertmanager;
  let recorder: MisbehavingAlertmanager;
  const settings = () => vscode.workspace.getConfiguration();
  const basic = `Basic ${Buffer.from(`${TEST_BASIC_AUTH.user}:${TEST_BASIC_AUTH.password}`).toString('base64')}`;

  before(async () => {
    api = await activateExtension();
    real = await startAlertmanager({ basicAuth: TEST_BASIC_AUTH });
    await real.postAlerts(alertsFromRules(undefined, ['KubeAPIDown']));
    recorder = await startMisbehavingAlertmanager({ kind: 'slow', delayMs: 0, body: [] });
  });

  after(async () => {
    for (const target of [vscode.ConfigurationTarget.Workspace, vscode.ConfigurationTarget.Global]) {
      await settings().update(Settings.alertmanagerInstances, undefined, target);
      await settings().update(Settings.alertmanagerPollInterval, undefined, target);
    }
    await Promise.all([real?.stop(), recorder?.close()]);
  });

  it("sends the user's password to a workspace's URL for the same name only after the user agrees", async () => {
    await settings().update(Settings.alertmanagerInstances, undefined, vscode.ConfigurationTarget.Workspace);
    await settings().update(Settings.alertmanagerInstances, [{ name: 'team', url: real.url, username: TEST_BASIC_AUTH.user }], vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand(Commands.setAlertmanagerCredentials, 'team', { password: TEST_BASIC_AUTH.password });
    await waitFor('the real Alertmanager to connect with the password', () => [...api.incidents.incidents()].some((incident) => incident.sourceName === 'team' && incident.alertName === 'KubeAPIDown'));
    await vscode.commands.executeCommand('notifications.clearAll');

    await settings().update(Settings.alertmanagerInstances, [{ name: 'team', url: recorder.url, username: TEST_BASIC_AUTH.user }], vscode.ConfigurationTarget.Workspace);
    await waitFor('the workspace URL to be polled', () => recorder.requests.length >= 1);
    for (let i = 0; i < 3; i++) await api.incidents.source('alertmanager/team')?.refresh();
    assert.ok(recorder.requests.length >= 3, 'the workspace URL was polled');
    assert.deepEqual(recorder.requests.filter((request) => request.authorization !== undefined), [], 'no Authorization header before the user agrees');
    await waitFor('the question to be asked', () => api.incidents.credentials.waitingFor('alertmanager/team'));

    // The user clicks "Send to http://127.0.0.1:…" in the notification.
    await vscode.commands.executeCommand('notification.acceptPrimaryAction');
    const sent = await waitFor('a request with the password', () => recorder.requests.find((request) => request.authorization !== undefined));
    assert.equal(sent.authorization, basic);
    assert.equal(api.incidents.credentials.waitingFor('alertmanager/team'), undefined);
  });

  it('polls no faster than every 5 s when a workspace sets the interval to 0.0001 s', async () => {
    await settings().update(Settings.alertmanagerInstances, undefined, vscode.ConfigurationTarget.Global);
    await settings().update(Settings.alertmanagerPollInterval, 0.0001, vscode.ConfigurationTarget.Workspace);
    await settings().update(Settings.alertmanagerInstances, [{ name: 'fast', url: recorder.url }], vscode.ConfigurationTarget.Workspace);
    await waitFor('the first poll', () => api.incidents.source('alertmanager/fast')?.health.state === 'ok');
    const first = recorder.requests.length;
    await sleep(11_000);
    const polls = recorder.requests.length - first;
    // 11 s at one poll per 5 s (+10% jitter) is 2; one more if the first poll counted as a change (2 s).
    assert.ok(polls <= 3, `${polls} polls in 11 s`);
  });
});
