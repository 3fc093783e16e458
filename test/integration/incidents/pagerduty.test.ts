// PagerDuty incidents in the Incidents view, against a local server that follows PagerDuty's
// documented REST v2 contract and records every request: the list, acknowledge and resolve;
// who is on call; Add Responders, Escalate, Reassign, Change Priority; notes; log entries.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../../src/constants';
import type { OnCallApi } from '../../../src/extension';
import { assembleTimeline } from '../../../src/core/postmortem/timeline';
import { DEMO_USERS, PAGERDUTY_TEST_KEY, startPagerDutyServer, type PagerDutyServer, type RecordedPagerDutyRequest } from '../../fixtures/pagerduty/pagerDutyServer';
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

describe('the team in the loop: PagerDuty on-call, actions, notes and log entries', function () {
  this.timeout(90_000);
  let api: OnCallApi;
  let server: PagerDutyServer;
  let sessionId: string;
  const settings = () => vscode.workspace.getConfiguration();
  const pagerDuty = () => [...api.incidents.incidents()].filter((incident) => incident.source === 'pagerduty');
  const crashLoop = () => pagerDuty().find((incident) => incident.title.includes('KubePodCrashLooping'))!;
  const events = async () => (await api.sessions.timeline(sessionId))?.events ?? [];
  const only = (method: string, path: string): RecordedPagerDutyRequest => {
    const found = server.requests.filter((request) => request.method === method && request.path === path);
    assert.equal(found.length, 1, `one ${method} ${path}, got ${found.length}`);
    return found[0]!;
  };
  const assertWrite = (request: RecordedPagerDutyRequest, body: unknown) => {
    assert.equal(request.headers.authorization, `Token token=${PAGERDUTY_TEST_KEY}`);
    assert.equal(request.headers.accept, 'application/vnd.pagerduty+json;version=2');
    assert.equal(request.headers.from, DEMO_USERS[0].email);
    assert.match(request.headers.contentType ?? '', /^application\/json/);
    assert.deepEqual(request.body, body);
  };

  before(async () => {
    api = await activateExtension();
    server = await startPagerDutyServer();
    await api.sessions.ready();
    if (api.sessions.active) await vscode.commands.executeCommand(Commands.resolveSession, 'left over by an earlier test', { expireSilences: false });
    await settings().update(Settings.pagerDutyApiUrl, server.url, vscode.ConfigurationTarget.Global);
    await settings().update(Settings.pagerDutyPollInterval, 1, vscode.ConfigurationTarget.Global);
    await settings().update(Settings.pagerDutyPostNotes, 'never', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand(Commands.setPagerDutyToken, { token: PAGERDUTY_TEST_KEY, from: DEMO_USERS[0].email });
    await settings().update(Settings.pagerDutyEnabled, true, vscode.ConfigurationTarget.Global);
    await waitFor('the PagerDuty incidents', () => pagerDuty().length === server.incidents.filter((i) => i.status !== 'resolved').length || undefined);
  });

  after(async () => {
    if (api.sessions.active) await vscode.commands.executeCommand(Commands.resolveSession, 'PagerDuty team test done', { expireSilences: false });
    for (const setting of [Settings.pagerDutyEnabled, Settings.pagerDutyApiUrl, Settings.pagerDutyPollInterval, Settings.pagerDutyPostNotes]) {
      await settings().update(setting, undefined, vscode.ConfigurationTarget.Global);
    }
    await server?.close();
  });

  it('shows who is on call in the row and the hover, asking PagerDuty once for the shared policy', async () => {
    const row = await waitFor('the on-call line', async () =>
      incidentRows(await drawIncidentTree(api)).find((candidate) => candidate.node.id === crashLoop().id && /on call: Alice Oncall/.test(candidate.description)),
    );
    assert.match(row.contextValue, /\+pagerduty\b/);
    const item = await api.incidentTree.getTreeItem(row.node);
    const hovered = api.incidentTree.resolveTreeItem(item, row.node);
    // As rendered: Markdown escapes removed.
    const tooltip = (hovered.tooltip instanceof vscode.MarkdownString ? hovered.tooltip.value : String(hovered.tooltip)).replace(/\\(.)/g, '$1');
    assert.match(tooltip, /On call \(Default On-Call\):/);
    assert.match(tooltip, /L2 Bob Secondary/);
    const onCalls = server.requests.filter((request) => request.path === '/oncalls');
    assert.equal(onCalls.length, 1, 'every incident of the policy shares one request');
    assert.deepEqual(onCalls[0]!.query, { 'escalation_policy_ids[]': ['PEP0001'], earliest: 'true', limit: '100' });
    assert.equal(onCalls[0]!.headers.authorization, `Token token=${PAGERDUTY_TEST_KEY}`);
  });

  it('adds responders, recorded in the timeline of the incident started from it', async () => {
    sessionId = (await vscode.commands.executeCommand<string>(Commands.startSession, { id: crashLoop().id }, { title: 'Checkout crash loop' }))!;
    assert.ok(sessionId);
    const target = crashLoop().sourceId;
    const done = await vscode.commands.executeCommand(Commands.addPagerDutyResponders, { id: crashLoop().id }, { userIds: ['PU2BOBB'], escalationPolicyIds: ['PEP0002'], message: 'Join the bridge' });
    assert.equal(done, true);
    assertWrite(only('POST', `/incidents/${target}/responder_requests`), {
      requester_id: 'PU1ALIC',
      message: 'Join the bridge',
      responder_request_targets: [{ responder_request_target: { id: 'PU2BOBB', type: 'user_reference' } }, { responder_request_target: { id: 'PEP0002', type: 'escalation_policy_reference' } }],
    });
    const recorded = (await events()).find((event) => event.type === 'pagerduty-action' && event.action === 'responders-requested');
    assert.ok(recorded && recorded.type === 'pagerduty-action');
    assert.equal(recorded.detail, 'Bob Secondary, Payments Escalation: “Join the bridge”');
  });

  it('escalates, reassigns and changes priority, each request as documented and each in the timeline', async () => {
    const incident = crashLoop();
    const path = `/incidents/${incident.sourceId}`;
    assert.equal(await vscode.commands.executeCommand(Commands.escalatePagerDutyIncident, { id: incident.id }, { level: 2 }), true);
    assertWrite(only('PUT', path), { incident: { type: 'incident_reference', escalation_level: 2 } });
    assert.equal(await vscode.commands.executeCommand(Commands.reassignPagerDutyIncident, { id: incident.id }, { userIds: ['PU3CARO'] }), true);
    assert.deepEqual(server.requests.filter((r) => r.method === 'PUT' && r.path === path)[1]?.body, { incident: { type: 'incident_reference', assignments: [{ assignee: { id: 'PU3CARO', type: 'user_reference' } }] } });
    assert.equal(await vscode.commands.executeCommand(Commands.changePagerDutyPriority, { id: incident.id }, { priority: 'P2' }), true);
    const puts = server.requests.filter((r) => r.method === 'PUT' && r.path === path);
    assert.equal(puts.length, 3);
    assertWrite(puts[2]!, { incident: { type: 'incident_reference', priority: { id: 'PPRI002', type: 'priority_reference' } } });
    await waitFor('the new priority in the view', () => api.incidents.find(incident.id)?.labels.priority === 'P2' || undefined);
    const actions = (await events()).flatMap((event) => (event.type === 'pagerduty-action' ? [[event.action, event.detail, event.by]] : []));
    assert.deepEqual(actions.slice(1), [
      ['escalated', 'to level 2 (Bob Secondary)', DEMO_USERS[0].email],
      ['reassigned', 'to Carol Escalation', DEMO_USERS[0].email],
      ['priority-changed', 'P1 → P2', DEMO_USERS[0].email],
    ]);
  });

  it('loses nothing when PagerDuty refuses, and the incident list stays', async () => {
    const before = (await events()).length;
    server.failNext(403, { method: 'PUT' });
    assert.equal(await vscode.commands.executeCommand(Commands.escalatePagerDutyIncident, { id: crashLoop().id }, { level: 3 }), undefined);
    assert.equal(server.requests.filter((r) => r.method === 'PUT').at(-1)?.status, 403);
    server.failNext(500, { method: 'POST' });
    assert.equal(await vscode.commands.executeCommand(Commands.addTimelineNote, 'Customer impact confirmed', { postToPagerDuty: true }), true);
    const after = await events();
    assert.ok(after.some((event) => event.type === 'note' && event.text === 'Customer impact confirmed'), 'the note is kept');
    assert.ok(!after.some((event) => event.type === 'pagerduty-note-posted'), 'and not marked as posted');
    assert.ok(!after.slice(before).some((event) => event.type === 'pagerduty-action'), 'a refused escalation is not recorded');
    assert.ok(pagerDuty().length > 0, 'the incident list stays');
  });

  it('posts notes redacted, once, per note or by the setting', async () => {
    const target = crashLoop().sourceId;
    const notesPath = `/incidents/${target}/notes`;
    const refused = (await events()).find((event) => event.type === 'note' && event.text === 'Customer impact confirmed')!;
    // The note PagerDuty refused is posted later from its row.
    assert.equal(await vscode.commands.executeCommand(Commands.postNoteToPagerDuty, { kind: 'row', row: { at: refused.at, type: 'note' } }), 1);
    assert.equal(await vscode.commands.executeCommand(Commands.postNoteToPagerDuty, refused.at), undefined, 'a note is posted once');
    await settings().update(Settings.pagerDutyPostNotes, 'always', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand(Commands.addTimelineNote, 'Rolled back; db password=hunter2secret rotated');
    await waitFor('the second note posted', () => server.requests.filter((r) => r.method === 'POST' && r.path === notesPath && r.status === 201).length === 2 || undefined);
    const posted = server.requests.filter((r) => r.method === 'POST' && r.path === notesPath && r.status === 201);
    assertWrite(posted[0]!, { note: { content: 'Customer impact confirmed' } });
    assertWrite(posted[1]!, { note: { content: 'Rolled back; db password=*** rotated' } });
    assert.ok(!JSON.stringify(server.requests).includes('hunter2secret'), 'the secret never left');
    await waitFor('both notes marked as posted', async () => (await events()).filter((event) => event.type === 'pagerduty-note-posted').length === 2 || undefined);
  });

  it('asks after a note whether to post it, when the setting says ask', async () => {
    await settings().update(Settings.pagerDutyPostNotes, 'ask', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('notifications.clearAll');
    const notesPath = `/incidents/${crashLoop().sourceId}/notes`;
    const postedBefore = server.requests.filter((r) => r.method === 'POST' && r.path === notesPath).length;
    assert.equal(await vscode.commands.executeCommand(Commands.addTimelineNote, 'Traffic shifted to eu-west'), true);
    assert.equal(server.requests.filter((r) => r.method === 'POST' && r.path === notesPath).length, postedBefore, 'nothing posted before the answer');
    // The user clicks "Post" in the question.
    await vscode.commands.executeCommand('notification.acceptPrimaryAction');
    const posted = await waitFor('the note posted after the answer', () => server.requests.find((r) => r.method === 'POST' && r.path === notesPath && (r.body as { note?: { content?: string } } | undefined)?.note?.content === 'Traffic shifted to eu-west'));
    assertWrite(posted, { note: { content: 'Traffic shifted to eu-west' } });
  });

  it("merges PagerDuty's log entries once, with others' notes and without echoing its own", async () => {
    const incident = crashLoop();
    // Bob writes a note in PagerDuty itself.
    await fetch(`${server.url}/incidents/${incident.sourceId}/notes`, {
      method: 'POST',
      headers: { authorization: `Token token=${PAGERDUTY_TEST_KEY}`, accept: 'application/vnd.pagerduty+json;version=2', from: DEMO_USERS[1].email, 'content-type': 'application/json' },
      body: JSON.stringify({ note: { content: 'Payments team is on the bridge' } }),
    });
    const reads = () => server.requests.filter((r) => r.path === `/incidents/${incident.sourceId}/log_entries`).length;
    const logged = await waitFor('Bob’s note in the timeline', async () => {
      const found = (await events()).filter((event) => event.type === 'pagerduty-log-entry');
      return found.some((event) => event.type === 'pagerduty-log-entry' && event.note === 'Payments team is on the bridge') ? found : undefined;
    }, 30_000);
    const seenReads = reads();
    await waitFor('another read of the log', () => reads() > seenReads || undefined, 30_000);
    const entries = (await events()).filter((event) => event.type === 'pagerduty-log-entry');
    const ids = entries.map((event) => (event.type === 'pagerduty-log-entry' ? event.entryId : ''));
    assert.equal(new Set(ids).size, ids.length, 'no entry twice');
    assert.ok(entries.length >= logged.length);
    const kinds = entries.map((event) => (event.type === 'pagerduty-log-entry' ? event.entryType : ''));
    assert.ok(kinds.includes('escalate_log_entry') && kinds.includes('assign_log_entry'), `escalated and assigned are there: ${kinds.join(', ')}`);
    const notes = entries.filter((event) => event.type === 'pagerduty-log-entry' && event.note !== undefined);
    assert.deepEqual(
      notes.map((event) => (event.type === 'pagerduty-log-entry' ? event.note : '')),
      ['Payments team is on the bridge'],
      'the notes posted from here are not echoed',
    );
    const rows = assembleTimeline(await events());
    assert.ok(rows.some((row) => row.event === 'Escalated (PagerDuty)' && /level 2/.test(row.detail)));
    assert.ok(rows.some((row) => row.event === 'PagerDuty' && /Payments team is on the bridge/.test(row.detail)));
  });

  it('shows a failing on-call lookup as a note on the row, never dropping the incident', async () => {
    const incident = pagerDuty().find((candidate) => candidate.title.includes('Ledger reconcile'))!;
    // Its present policy is known first, so the failure below is the new policy's lookup.
    await waitFor('the present on-call line', async () =>
      incidentRows(await drawIncidentTree(api)).find((candidate) => candidate.node.id === incident.id && /on call: Alice Oncall/.test(candidate.description)),
    );
    server.failNext(500, { path: /^\/oncalls$/ });
    assert.equal(await vscode.commands.executeCommand(Commands.reassignPagerDutyIncident, { id: incident.id }, { escalationPolicyIds: ['PEP0002'] }), true);
    await waitFor('the new policy', () => api.incidents.find(incident.id)?.labels.escalation_policy_id === 'PEP0002' || undefined);
    const row = await waitFor('the on-call note', async () =>
      incidentRows(await drawIncidentTree(api)).find((candidate) => candidate.node.id === incident.id && /on call: unknown/.test(candidate.description)),
    );
    assert.ok(row);
    assert.ok(pagerDuty().some((candidate) => candidate.id === incident.id));
  });
});
