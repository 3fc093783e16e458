// Status updates posted to Slack from the real extension, against a contract server that
// follows Slack's incoming-webhook contract and records every request: the exact JSON sent,
// a 429 with Retry-After, a revoked hook, the reminder cadence, and the webhook URL (the
// secret) in no log line, timeline or post-mortem.
import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../../src/constants';
import type { StepFinishedEntry, StepStartedEntry } from '../../../src/core/execution/executionJournal';
import { escapeSlackText } from '../../../src/core/statusUpdates/composeStatusUpdate';
import { describeCadence } from '../../../src/core/statusUpdates/updateCadence';
import type { OnCallApi } from '../../../src/extension';
import { startSlackWebhookServer, type SlackWebhookServer } from '../../fixtures/slack/slackWebhookServer';
import { activateExtension, workspaceFolder } from '../support/hostHelpers';
import { waitFor } from '../../support/waiting';

type Outcome = { posted: true; text: string } | { posted: false; failure?: string; message?: string };

const RUNBOOK = `---
title: Status drill
---
# Status drill

## Check

\`\`\`bash
echo status-step-ok
\`\`\`
`;

describe('status updates posted to a Slack webhook', function () {
  this.timeout(120_000);
  let api: OnCallApi;
  let server: SlackWebhookServer;
  let hook: string;
  let incidentId: string;
  const settings = () => vscode.workspace.getConfiguration();
  const secretPath = () => new URL(hook).pathname;
  const post = (options: object) => vscode.commands.executeCommand<Outcome>(Commands.postStatusUpdate, options);

  before(async () => {
    api = await activateExtension();
    server = await startSlackWebhookServer();
    hook = server.createHook();
    if (api.sessions.active) await vscode.commands.executeCommand(Commands.resolveSession, 'left over by an earlier test', { expireSilences: false });
    await settings().update(Settings.statusUpdateInterval, 30, vscode.ConfigurationTarget.Global);
    incidentId = (await vscode.commands.executeCommand<string>(Commands.startSession, undefined, { title: 'Checkout fails for EU customers', severity: 'P1' }))!;
    await vscode.commands.executeCommand(Commands.addTimelineNote, 'Rollback started; export DB_PASSWORD=hunter2-prod');
    const runbook = vscode.Uri.joinPath(workspaceFolder(), 'runbooks/status-drill.md');
    await vscode.workspace.fs.writeFile(runbook, Buffer.from(RUNBOOK));
    const step = await waitFor('the drill step', async () => (await api.runbooks.runbookFor(runbook))?.steps[0]);
    await vscode.commands.executeCommand(Commands.runStep, { uri: runbook.toString(), stepId: step.id });
    await waitFor('the step to finish', async () => {
      const entries = await api.journal.read();
      const started = entries.filter((e): e is StepStartedEntry => e.type === 'step-started' && e.command === 'echo status-step-ok').pop();
      return started && entries.find((e): e is StepFinishedEntry => e.type === 'step-finished' && e.runId === started.runId);
    }, 30_000);
  });

  after(async () => {
    await vscode.commands.executeCommand(Commands.clearSlackWebhook);
    if (api.sessions.active) await vscode.commands.executeCommand(Commands.resolveSession, 'status updates checked', { expireSilences: false });
    await settings().update(Settings.statusUpdateInterval, undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('notifications.clearAll');
    await server?.close();
  });

  it('stores a webhook on a host other than Slack only once that host is confirmed', async () => {
    assert.equal(await vscode.commands.executeCommand(Commands.setSlackWebhook, { url: 'http://10.0.0.7/services/T1/B1/abc' }), false);
    assert.equal(await vscode.commands.executeCommand(Commands.setSlackWebhook, { url: hook }), false, 'not confirmed');
    assert.equal(await vscode.commands.executeCommand(Commands.setSlackWebhook, { url: hook, confirmHost: 'other.example' }), false, 'another host confirmed');
    assert.equal(await vscode.commands.executeCommand(Commands.setSlackWebhook, { url: hook, confirmHost: new URL(hook).host }), true);
    assert.equal(await api.statusUpdates.webhookHost(), new URL(hook).host);
    assert.equal(server.requests.length, 0, 'storing sends nothing');
  });

  it("posts the composed update as Slack's JSON, and records its text in the timeline", async () => {
    const outcome = await post({ whatsNext: 'Watch <!channel> error rates & close', confirmed: true });
    assert.ok(outcome.posted, JSON.stringify(outcome));
    assert.equal(server.requests.length, 1);
    const [request] = server.requests;
    assert.equal(request.method, 'POST');
    assert.equal(request.path, secretPath());
    assert.equal(request.contentType, 'application/json');
    assert.deepEqual(JSON.parse(request.rawBody), { text: escapeSlackText(outcome.text) });
    assert.equal(request.status, 200);
    assert.equal(request.answer, 'ok');
    const text = outcome.text;
    assert.match(text, new RegExp(`^\\*P1 ${incidentId}: Checkout fails for EU customers\\*\\nStatus: active for `));
    assert.match(text, /`echo status-step-ok` .*→ exit 0/);
    assert.match(text, /Rollback started; export DB_PASSWORD=\*\*\*/);
    assert.ok(!request.rawBody.includes('hunter2-prod'), 'the note was redacted');
    assert.match(request.rawBody, /Watch &lt;!channel&gt; error rates &amp; close/, 'no mention reaches Slack');
    const timeline = await api.sessions.timeline(incidentId);
    const posted = timeline?.events.filter((event) => event.type === 'status-update-posted');
    assert.deepEqual(posted?.map((event) => event.type === 'status-update-posted' && event.text), [text]);
    const cadence = api.statusUpdates.cadence();
    assert.equal(cadence.kind, 'waiting', 'posting started the clock again');
    assert.match(describeCadence(cadence), /^update in (30|29)m$/);
  });

  it('waits out a short Retry-After once and posts', async () => {
    const before = server.requests.length;
    server.rateLimit(1, 1);
    const outcome = await post({ text: 'Short rate limit drill', confirmed: true });
    assert.ok(outcome.posted, JSON.stringify(outcome));
    assert.deepEqual(server.requests.slice(before).map((request) => request.status), [429, 200]);
  });

  it('says when a long Retry-After ends, and does not post', async () => {
    const before = server.requests.length;
    server.rateLimit(1, 600);
    const outcome = await post({ text: 'Long rate limit drill', confirmed: true });
    assert.equal(outcome.posted, false);
    assert.ok(!outcome.posted && outcome.failure === 'rate-limited');
    assert.match(outcome.message ?? '', /^Slack is rate-limiting this webhook: the update can be posted again in 10 min \(at \d\d:\d\d UTC\)\.$/);
    assert.equal(server.requests.length, before + 1);
  });

  it('says the webhook was revoked when Slack answers 404 no_service', async () => {
    server.setHookState(hook, 'revoked');
    const outcome = await post({ text: 'Revoked drill', confirmed: true });
    assert.ok(!outcome.posted);
    assert.equal(outcome.failure, 'revoked');
    assert.equal(outcome.message, 'The Slack webhook was revoked or removed (no_service): set a new webhook URL.');
    assert.equal(server.requests.at(-1)?.status, 404);
    server.setHookState(hook, 'active');
  });

  it('offers one reminder per due period, and none at interval 0', async () => {
    await settings().update(Settings.statusUpdateInterval, 0.02, vscode.ConfigurationTarget.Global);
    await waitFor('the update to be due', () => api.statusUpdates.cadence().kind === 'due' && api.statusUpdates.reminders > 0);
    assert.equal(describeCadence(api.statusUpdates.cadence()), 'update due');
    const first = api.statusUpdates.reminders;
    await waitFor('the next due period', () => api.statusUpdates.reminders > first);
    const cadence = api.statusUpdates.cadence();
    assert.ok(cadence.kind === 'due' && api.statusUpdates.reminders <= first + cadence.period + 1, 'never more than one reminder per period');
    await settings().update(Settings.statusUpdateInterval, 0, vscode.ConfigurationTarget.Global);
    assert.equal(api.statusUpdates.cadence().kind, 'off');
    await settings().update(Settings.statusUpdateInterval, 30, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('notifications.clearAll');
  });

  it('keeps the webhook URL out of logs, the timeline, settings and the post-mortem', async () => {
    const secret = secretPath().split('/').pop()!;
    const file = await readFile(api.sessions.store.pathOf(incidentId), 'utf8');
    assert.match(file, /status-update-posted/);
    assert.ok(!file.includes(secret), 'timeline file');
    assert.ok(!JSON.stringify(settings().get('oncall')).includes(secret), 'settings');
    const logText = await waitFor('the log lines of the posts', async () => {
      const texts = await Promise.all((await readdir(api.logUri.fsPath)).map((name) => readFile(join(api.logUri.fsPath, name), 'utf8')));
      const all = texts.join('\n');
      return /Posted a status update/.test(all) && /not posted: The Slack webhook was revoked/.test(all) ? all : undefined;
    });
    assert.ok(!logText.includes(secret), 'log');
    await vscode.commands.executeCommand(Commands.resolveSession, 'status drill done', { expireSilences: false });
    assert.equal(api.statusUpdates.cadence().kind, 'off', 'resolution stops the clock');
    const uri = await vscode.commands.executeCommand<string>(Commands.generatePostMortem, incidentId, { template: 'google-sre' });
    assert.ok(uri);
    const postMortem = await readFile(vscode.Uri.parse(uri).fsPath, 'utf8');
    assert.match(postMortem, /Status update posted/);
    assert.ok(!postMortem.includes(secret), 'post-mortem');
  });

  it('posts how the incident ended once it is resolved, into its timeline, and starts no clock', async () => {
    assert.equal(api.sessions.active, undefined, 'the drill incident was resolved by the test before');
    const before = server.requests.length;
    const outcome = await post({ sessionId: incidentId, confirmed: true });
    assert.ok(outcome.posted, JSON.stringify(outcome));
    assert.equal(server.requests.length, before + 1);
    assert.deepEqual(JSON.parse(server.requests.at(-1)!.rawBody), { text: escapeSlackText(outcome.text) });
    assert.match(outcome.text, new RegExp(`^\\*P1 ${incidentId}: Checkout fails for EU customers\\*\\nStatus: resolved at \\d\\d:\\d\\d UTC, after `));
    assert.match(outcome.text, /^\*Resolution:\* status drill done$/m);
    assert.doesNotMatch(outcome.text, /Next update/);
    const timeline = await api.sessions.timeline(incidentId);
    const posted = timeline?.events.filter((event) => event.type === 'status-update-posted').map((event) => event.type === 'status-update-posted' && event.text);
    assert.equal(posted?.at(-1), outcome.text, 'recorded in the resolved incident');
    assert.equal(api.statusUpdates.cadence().kind, 'off');
    const unknown = await post({ sessionId: 'INC-19990101-001', confirmed: true });
    assert.equal(unknown.posted, false);
    assert.equal(server.requests.length, before + 1, 'nothing posted for an incident that is not known');
  });
});
