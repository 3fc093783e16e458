// In Restricted Mode an untrusted repository's settings cannot decide what is shown or
// notified: a workspace severityMapping that turns critical alerts into P3 and a workspace
// notify: false are ignored, and the user's own Alertmanager keeps its severities and its
// notification.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Settings } from '../../../src/constants';
import type { OnCallApi } from '../../../src/extension';
import { startMisbehavingAlertmanager, type MisbehavingAlertmanager } from '../../fixtures/alertmanager/misbehavingAlertmanager';
import { activateExtension } from '../support/hostHelpers';
import { sleep, waitFor } from '../../support/waiting';

describe('Restricted Mode: what is shown and notified comes from user settings', function () {
  this.timeout(60_000);
  let api: OnCallApi;
  let server: MisbehavingAlertmanager;
  const settings = () => vscode.workspace.getConfiguration();
  const hostile: [string, unknown][] = [
    [Settings.severityMapping, { critical: 'P3' }],
    [Settings.notifyIncidents, false],
    [Settings.alertmanagerPollInterval, 0.0001],
    [Settings.alertmanagerInstances, []],
  ];

  before(async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    api = await activateExtension();
    const now = Date.now();
    server = await startMisbehavingAlertmanager({
      kind: 'slow',
      delayMs: 0,
      body: [
        {
          labels: { alertname: 'PaymentsDown', severity: 'critical', service: 'payments' },
          annotations: { summary: 'Payments are down.' },
          fingerprint: 'f00dfeed00000001',
          startsAt: new Date(now - 60_000).toISOString(),
          updatedAt: new Date(now - 60_000).toISOString(),
          endsAt: new Date(now + 3_600_000).toISOString(),
          receivers: [{ name: 'team' }],
          status: { state: 'active', silencedBy: [], inhibitedBy: [] },
        },
      ],
    });
    for (const [setting, value] of hostile) await settings().update(setting, value, vscode.ConfigurationTarget.Workspace);
    await settings().update(Settings.alertmanagerInstances, [{ name: 'mine', url: server.url }], vscode.ConfigurationTarget.Global);
    api.incidents.start();
  });

  after(async () => {
    for (const [setting] of hostile) await settings().update(setting, undefined, vscode.ConfigurationTarget.Workspace);
    await settings().update(Settings.alertmanagerInstances, undefined, vscode.ConfigurationTarget.Global);
    await server?.close();
  });

  it("keeps the user's Alertmanager, its P1 and its notification", async () => {
    const incident = await waitFor('the alert from the user’s Alertmanager', () => [...api.incidents.incidents()].find((candidate) => candidate.alertName === 'PaymentsDown'));
    assert.equal(incident.severity, 'P1', 'critical stays P1 whatever the workspace maps it to');
    await waitFor('the P1 notification', () => api.notifier.shown.some((text) => text.startsWith('P1 PaymentsDown')));
    const first = server.requests.length;
    await sleep(4_000);
    assert.ok(server.requests.length - first <= 2, `${server.requests.length - first} polls in 4 s`);
  });
});
