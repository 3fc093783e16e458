import assert from 'node:assert/strict';
import type { SessionRecord, TimelineEvent } from '../../../src/core/postmortem/sessionModel';
import { composeStatusUpdate, escapeSlackText, SLACK_TEXT_LIMIT, slackMessage } from '../../../src/core/statusUpdates/composeStatusUpdate';
import { events as recordedEvents, record as resolvedRecord, stepRun } from '../postmortem/sessionFixtures';

const { resolvedAt: _resolved, ...openRecord } = resolvedRecord;
const record: SessionRecord = openRecord;
const open = recordedEvents.filter((event) => event.type !== 'incident-resolved');
const now = Date.parse('2026-11-24T14:45:00Z');

describe('composing a status update', () => {
  it('says what, how long, what was tried and what is next', () => {
    const text = composeStatusUpdate({ record, events: open, nowMs: now, whatsNext: 'Watch error rates for 15 minutes, then close.', intervalMinutes: 30 });
    assert.equal(
      text,
      [
        '*P1 INC-20261124-001: Checkout pods crash looping*',
        'Status: active for 42 min (since 14:03 UTC) · alerts: 1 resolved',
        '',
        '*Last steps*',
        '• 14:10 `kubectl rollout restart deploy/web` in prod-eu/shop → exit 1 (2.3 s)',
        '• 14:21 `kubectl rollout undo deploy/web` in prod-eu/shop → exit 0 (41 s)',
        '',
        '*Latest notes*',
        '• 14:15 Bad config in release 42',
        '',
        "*What's next:* Watch error rates for 15 minutes, then close.",
        '',
        'Next update by 15:15 UTC.',
      ].join('\n'),
    );
  });

  it('says when and how a resolved incident was resolved, and promises no next update', () => {
    const text = composeStatusUpdate({ record: resolvedRecord, events: recordedEvents, nowMs: now, intervalMinutes: 30 });
    const lines = text.split('\n');
    assert.equal(lines[1], 'Status: resolved at 15:08 UTC, after 1 h 6 min · alerts: 1 resolved');
    assert.ok(lines.includes('*Resolution:* Rolled back to release 41.'), text);
    assert.ok(!text.includes('Next update'));
  });

  it('counts the alerts by their latest state', () => {
    const fired = (id: string): TimelineEvent => ({ type: 'alert-fired', at: '2026-11-24T14:00:00Z', incidentId: id, title: id, source: 'alertmanager', severity: 'P1' });
    const events: TimelineEvent[] = [fired('a'), fired('b'), fired('c'), { type: 'alert-acknowledged', at: '2026-11-24T14:05:00Z', incidentId: 'b', title: 'b' }];
    const text = composeStatusUpdate({ record, events, nowMs: now, intervalMinutes: 30 });
    assert.match(text, /alerts: 2 firing, 1 acknowledged$/m);
  });

  it('leaves out sections with nothing in them, and the promise of a next update when the reminder is off', () => {
    const text = composeStatusUpdate({ record, events: [], nowMs: now, whatsNext: '   ', intervalMinutes: 0 });
    assert.equal(text, '*P1 INC-20261124-001: Checkout pods crash looping*\nStatus: active for 42 min (since 14:03 UTC)');
  });

  it('says a still-running step has no result yet', () => {
    const text = composeStatusUpdate({ record, events: [stepRun({ exitCode: null, durationMs: null })], nowMs: now, intervalMinutes: 30 });
    assert.match(text, /deploy\/web` in prod-eu\/shop → no result recorded$/m);
  });

  it('redacts secrets from the title, commands, notes and what is next', () => {
    const events: TimelineEvent[] = [
      stepRun({ command: 'curl -H "Authorization: Bearer sk_live_4eC39HqLyjWDarjtT1zdp7dc" https://api.example/x' }),
      { type: 'note', at: '2026-11-24T14:20:00Z', text: 'rotated: export DB_PASSWORD=hunter2-prod' },
    ];
    const text = composeStatusUpdate({ record: { ...record, title: 'Leak of token ghp_abcdefghijklmnopqrstuvwxyz0123456789' }, events, nowMs: now, whatsNext: 'check https://bot:s3cretpw@ci.example/job', intervalMinutes: 30 });
    for (const secret of ['sk_live_4eC39HqLyjWDarjtT1zdp7dc', 'hunter2-prod', 'ghp_abcdefghijklmnopqrstuvwxyz0123456789', 's3cretpw']) assert.ok(!text.includes(secret), `${secret} leaked:\n${text}`);
  });

  it("fits Slack's limit by dropping the oldest steps and notes first", () => {
    const events: TimelineEvent[] = [];
    for (let i = 0; i < 40; i++) {
      const at = new Date(Date.parse('2026-11-24T14:04:00Z') + i * 60_000).toISOString();
      events.push(stepRun({ runId: `run-${i}`, at, command: `kubectl get pods -l app=step-${i} ${'--selector=x '.repeat(20)}` }));
      events.push({ type: 'note', at, text: `note ${i} ${'&<>'.repeat(400)}` });
    }
    const text = composeStatusUpdate({ record, events, nowMs: now, whatsNext: 'next', intervalMinutes: 30 });
    assert.ok(escapeSlackText(text).length <= SLACK_TEXT_LIMIT, `${escapeSlackText(text).length} characters`);
    assert.match(text, /step-39/, 'the latest step stays');
    assert.match(text, /note 39/, 'the latest note stays');
    assert.doesNotMatch(text, /step-30\b/, 'older steps went first');
    assert.match(text, /What's next:\* next/);
  });

  it('cuts even a single enormous title to the limit', () => {
    const text = composeStatusUpdate({ record: { ...record, title: '<'.repeat(10_000) }, events: [], nowMs: now, whatsNext: '&'.repeat(5000), intervalMinutes: 30 });
    assert.ok(escapeSlackText(text).length <= SLACK_TEXT_LIMIT);
  });
});

describe('the message sent to Slack', () => {
  it('escapes what Slack reads as mentions, links and entities', () => {
    const message = slackMessage('<!channel> rollback of <https://evil.example|the fix> & more');
    assert.ok(message.ok);
    assert.deepEqual(message.body, { text: '&lt;!channel&gt; rollback of &lt;https://evil.example|the fix&gt; &amp; more' });
    assert.equal(message.text, '<!channel> rollback of <https://evil.example|the fix> & more', 'the timeline keeps the text as written');
  });

  it('redacts the text again after editing, including the webhook URL itself', () => {
    const proxy = 'https://slack-proxy.corp.example/services/T0123ABCD/B0456EFGH/abcdefghijklmnopqrstuvwx';
    const message = slackMessage(`posting to ${proxy} and https://hooks.slack.com/services/T1/B2/secretsecretsecret with PGPASSWORD=hunter2-prod`, [proxy]);
    assert.ok(message.ok);
    for (const secret of ['abcdefghijklmnopqrstuvwx', 'secretsecretsecret', 'hunter2-prod']) assert.ok(!message.body.text.includes(secret), message.body.text);
  });

  it('refuses an empty text and one over the limit, in one sentence each', () => {
    const empty = slackMessage(' \n ');
    assert.ok(!empty.ok);
    assert.match(empty.reason, /empty/);
    const long = slackMessage('<'.repeat(1500));
    assert.ok(!long.ok, 'escaping makes 1,500 characters 6,000');
    assert.match(long.reason, /6,000 characters; Slack takes at most 4,000/);
  });
});
