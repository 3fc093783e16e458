// PagerDuty incidents in the Incidents view, against a local server that follows PagerDuty's
// documented REST v2 contract and records every request.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../../src/constants';
import type { OnCallApi } from '../../../src/extension';
import { DEMO_USERS, PAGERDUTY_TEST_KEY, startPagerDutyServer, type PagerDutyServer } from '../../fixtures/pagerduty/pagerDutyServer';
import { activateExtension } from '../support/hostHelpers';
import { waitFor } from '../../support/waiting';
import { drawIncidentTree, incidentRows } from '../support/incidentTree';

describe('PagerDuty incidents in the Incidents view', function () {
  this.timeout(60_000);
  let api: OnCallApi;
  let server: PagerDutyServer;
  const settings = () => vscode.workspace.getConfiguration();
  const pagerDuty = () => [...api.incidents.incidents()].filter((incident) => incident.source === 'pagerduty');

  before(async () => {
    api = await activateExtension();
    server = await startPagerDutyServer();
    await settings().update(Settings.pagerDutyApiUrl, server.url, vscode.ConfigurationTarget.Global);
    await settings().update(Settings.pagerDutyPollInterval, 1, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    for (const setting of [Settings.pagerDutyEnabled, Settings.pagerDutyApiUrl, Settings.pagerDutyPollInterval]) {
      await settings().update(setting, undefined, vscode.ConfigurationTarget.Global);
    }
    await server?.close();
  });

  it('asks for a token before sending anything', async () => {
    await settings().update(Settings.pagerDutyEnabled, true, vscode.ConfigurationTarget.Global);
    const problem = await waitFor('the missing-token node', () => api.incidents.problems().find((p) => p.key.startsWith('pagerduty/')));
    assert.equal(problem.health.action, 'setCredentials');
    const roots = await drawIncidentTree(api);
    assert.ok(roots.some((node) => node.node.kind === 'problem' && node.description === 'Set Credentials'));
    assert.equal(server.requests.length, 0, 'no request without a token');
  });

  it('names a refused key as a credentials problem', async () => {
    await vscode.commands.executeCommand(Commands.setPagerDutyToken, { token: 'u+not-the-key', from: DEMO_USERS[0].email });
    const problem = await waitFor('the 401 node', () => api.incidents.problems().find((p) => p.key.startsWith('pagerduty/') && /401/.test(p.health.message)));
    assert.equal(problem.health.action, 'setCredentials');
    assert.ok(server.requests.some((request) => request.status === 401));
  });

  it('lists triggered and acknowledged incidents with PagerDuty priorities', async () => {
    await vscode.commands.executeCommand(Commands.setPagerDutyToken, { token: PAGERDUTY_TEST_KEY, from: DEMO_USERS[0].email });
    const open = server.incidents.filter((incident) => incident.status !== 'resolved');
    await waitFor('every open incident', () => pagerDuty().length === open.length);
    assert.ok(!api.incidents.problems().some((p) => p.key.startsWith('pagerduty/')));
    const crashLoop = pagerDuty().find((incident) => incident.title.includes('KubePodCrashLooping'));
    assert.ok(crashLoop);
    assert.equal(crashLoop.severity, 'P0', 'PagerDuty P1 is the top of the tree');
    assert.equal(crashLoop.status, 'triggered');
    const row = incidentRows(await drawIncidentTree(api)).find((candidate) => candidate.node.id === crashLoop.id);
    assert.ok(row);
    assert.match(row.contextValue, /\+acknowledgeable\b.*\+resolvable\b/);
  });

  it('acknowledges from the tree, as the configured user', async () => {
    const incident = pagerDuty().find((candidate) => candidate.status === 'triggered' && candidate.title.includes('KubeNodeNotReady'));
    assert.ok(incident);
    await vscode.commands.executeCommand(Commands.acknowledgeIncident, { id: incident.id });
    const put = server.requests.find((request) => request.method === 'PUT' && request.path === `/incidents/${incident.sourceId}`);
    assert.ok(put, 'a PUT reached PagerDuty');
    assert.equal(put.headers.from, DEMO_USERS[0].email);
    assert.deepEqual(put.body, { incident: { type: 'incident_reference', status: 'acknowledged' } });
    await waitFor('the incident to show as acknowledged', () => pagerDuty().find((candidate) => candidate.id === incident.id)?.status === 'acknowledged');
  });

  it('resolves from the tree, and the incident leaves the view', async () => {
    const incident = pagerDuty().find((candidate) => candidate.title.includes('KubeNodeNotReady'));
    assert.ok(incident);
    await vscode.commands.executeCommand(Commands.resolveIncident, { id: incident.id });
    await waitFor('the resolved incident to leave', () => !pagerDuty().some((candidate) => candidate.id === incident.id));
    assert.equal(server.incidents.find((candidate) => candidate.id === incident.sourceId)?.status, 'resolved');
  });

  it('waits for the rate limit to reset when PagerDuty answers 429', async () => {
    server.throttle(1, { resetSeconds: 2 });
    const problem = await waitFor('the rate-limit node', () => api.incidents.problems().find((p) => p.key.startsWith('pagerduty/') && /rate limit/i.test(p.health.message)));
    assert.equal(problem.health.action, 'retry');
    await waitFor('recovery after the reset', () => !api.incidents.problems().some((p) => p.key.startsWith('pagerduty/')), 30_000);
  });

  it("sends the API key to a workspace's apiUrl only after the user agrees", async () => {
    const other = await startPagerDutyServer();
    try {
      await vscode.commands.executeCommand('notifications.clearAll');
      await settings().update(Settings.pagerDutyApiUrl, other.url, vscode.ConfigurationTarget.Workspace);
      const problem = await waitFor('the key-withheld node', () => api.incidents.problems().find((p) => p.key.startsWith('pagerduty/') && /not sent/.test(p.health.message)));
      assert.equal(problem.health.action, 'setCredentials');
      await api.incidents.pagerDutySource()?.refresh();
      assert.equal(other.requests.length, 0, 'the key did not go to the workspace URL');
      // The user clicks "Send to http://127.0.0.1:…" in the notification.
      await vscode.commands.executeCommand('notification.acceptPrimaryAction');
      await waitFor('requests with the key', () => other.requests.length > 0);
      assert.ok(other.requests.every((request) => request.headers.authorization === `Token token=${PAGERDUTY_TEST_KEY}`));
    } finally {
      await settings().update(Settings.pagerDutyApiUrl, undefined, vscode.ConfigurationTarget.Workspace);
      await other.close();
    }
  });
});
