// What the PagerDuty team work leaves in the incident timeline: the actions taken from the
// editor, the notes posted, and PagerDuty's own log entries, each merged once across polls and
// windows, never echoing a note posted from here, stored and read back from the session file,
// and worded (redacted) in the post-mortem timeline.
import assert from 'node:assert/strict';
import {
  describeOnCallHover,
  describeOnCallSuffix,
  parseChoices,
  parseLogEntries,
  parseOnCalls,
  reassignBody,
  responderRequestBody,
  userIdForEmail,
} from '../../../src/core/incidents/pagerDutyTeam';
import { parsePagerDutyIncidents } from '../../../src/core/incidents/pagerdutyIncidents';
import { newLogEntryEvents, type PagerDutyTimelineEvent } from '../../../src/core/postmortem/pagerDutyEvents';
import { parseSession, serializeSessionLine, type TimelineEvent } from '../../../src/core/postmortem/sessionModel';
import { assembleTimeline } from '../../../src/core/postmortem/timeline';

const INCIDENT = { id: 'incident/pagerduty/acme/Q1', title: 'Checkout error rate above 5%' };

function logEntry(id: string, type: string, at: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, type, created_at: at, summary: `${type} ${id}`, agent: { id: 'PU2', type: 'user_reference', summary: 'Bob Secondary' }, channel: { type: 'website' }, ...extra };
}

describe('PagerDuty on-calls as the Incidents view shows them', () => {
  const answer = {
    oncalls: [
      { escalation_level: 2, user: { id: 'PU2', summary: 'Bob Secondary' }, schedule: null, start: null, end: null },
      { escalation_level: 1, user: { id: 'PU1', summary: 'Alice *Oncall*' }, schedule: { id: 'S1', summary: 'Primary' }, start: '2026-12-06T00:00:00Z', end: '2026-12-13T00:00:00Z' },
      { escalation_level: 1, user: { id: 'PU1', summary: 'Alice *Oncall*' }, schedule: { id: 'S1', summary: 'Primary' }, start: '2026-12-13T00:00:00Z', end: '2026-12-20T00:00:00Z' },
      { escalation_level: 1, user: { id: 'PU3', summary: 'Carol' }, schedule: null },
      'garbage',
    ],
    limit: 25,
    offset: 0,
    more: false,
  };

  it('names the first level in the row and every level in the hover', () => {
    const parsed = parseOnCalls(answer);
    assert.equal(parsed.problem, undefined);
    assert.deepEqual(parsed.items.map((e) => [e.level, e.userName]), [
      [1, 'Alice *Oncall*'],
      [1, 'Carol'],
      [2, 'Bob Secondary'],
    ]);
    assert.equal(describeOnCallSuffix({ entries: parsed.items }), ' · on call: Alice *Oncall* +1');
    assert.deepEqual(describeOnCallHover({ entries: parsed.items }, 'Default On-Call', (iso) => iso.slice(0, 10)), [
      'On call (Default On-Call):',
      '- L1 Alice *Oncall* (Primary, until 2026-12-13)',
      '- L1 Carol',
      '- L2 Bob Secondary',
    ]);
  });

  it('says nobody, or why it is unknown, instead of failing', () => {
    assert.equal(describeOnCallSuffix({ entries: [] }), ' · on call: nobody on call');
    assert.match(parseOnCalls({ error: 'x' }).problem ?? '', /instead of an on-call list/);
    assert.deepEqual(describeOnCallHover({ problem: 'Could not read who is on call: PagerDuty failed (HTTP 500)' }, undefined, String), ['On call: unknown. Could not read who is on call: PagerDuty failed (HTTP 500).']);
    assert.equal(describeOnCallSuffix(undefined), '');
  });

  it('keeps the escalation policy of each incident', () => {
    const { incidents } = parsePagerDutyIncidents(
      { incidents: [{ id: 'Q1', status: 'triggered', urgency: 'high', title: 't', created_at: '2026-12-06T09:00:00Z', escalation_policy: { id: 'PEP1', type: 'escalation_policy_reference', summary: 'Default On-Call' } }] },
      'acme',
    );
    assert.equal(incidents[0]?.labels.escalation_policy_id, 'PEP1');
    assert.equal(incidents[0]?.labels.escalation_policy, 'Default On-Call');
  });
});

describe('PagerDuty request bodies and lists', () => {
  it('builds the documented bodies', () => {
    assert.deepEqual(responderRequestBody('PU1', 'help', [{ kind: 'escalation_policy', id: 'PEP2' }]), {
      requester_id: 'PU1',
      message: 'help',
      responder_request_targets: [{ responder_request_target: { id: 'PEP2', type: 'escalation_policy_reference' } }],
    });
    assert.deepEqual(reassignBody({ userIds: ['PU1', 'PU2'] }), {
      incident: { type: 'incident_reference', assignments: [{ assignee: { id: 'PU1', type: 'user_reference' } }, { assignee: { id: 'PU2', type: 'user_reference' } }] },
    });
  });

  it('finds the requester by exact email among loosely matched users', () => {
    const { items } = parseChoices({ users: [{ id: 'PU9', name: 'Alicia', email: 'alice@example.com.au' }, { id: 'PU1', name: 'Alice', email: 'Alice@Example.com' }] }, 'users');
    assert.equal(userIdForEmail(items, 'alice@example.com'), 'PU1');
    assert.equal(userIdForEmail(items, 'bob@example.com'), undefined);
  });
});

describe('PagerDuty log entries in the incident timeline', () => {
  const page = {
    log_entries: [
      logEntry('L3', 'annotate_log_entry', '2026-12-06T10:05:00Z', { channel: { type: 'note', summary: 'Rolled back v42' } }),
      logEntry('L2', 'acknowledge_log_entry', '2026-12-06T10:02:00Z'),
      logEntry('L1', 'trigger_log_entry', '2026-12-06T10:00:00Z'),
      logEntry('L0', 'notify_log_entry', '2026-12-06T10:00:30Z'),
      { id: 'bad' },
    ],
    more: false,
  };

  it('adds what people did, once, oldest first, across polls', () => {
    const { items } = parseLogEntries(page);
    const first = newLogEntryEvents(items, INCIDENT, []);
    assert.deepEqual(first.map((e) => [e.entryId, e.entryType, e.by]), [
      ['L2', 'acknowledge_log_entry', 'Bob Secondary'],
      ['L3', 'annotate_log_entry', 'Bob Secondary'],
    ]);
    assert.equal(first[1]?.note, 'Rolled back v42');
    assert.deepEqual(newLogEntryEvents(items, INCIDENT, first), [], 'a second poll adds nothing');
    // Another incident's entry with the same id is its own.
    assert.equal(newLogEntryEvents(items, { id: 'incident/pagerduty/acme/Q2', title: 'x' }, first).length, 2);
  });

  it('does not echo a note posted from here, even with its secrets redacted on the way out', () => {
    const { items } = parseLogEntries({ log_entries: [logEntry('L9', 'annotate_log_entry', '2026-12-06T10:09:00Z', { channel: { type: 'note', summary: 'db password=*** rotated' } })] });
    const posted: TimelineEvent = { type: 'pagerduty-note-posted', at: '2026-12-06T10:08:59Z', incidentId: INCIDENT.id, title: INCIDENT.title, noteAt: '2026-12-06T10:08:58Z', text: 'db password=*** rotated' };
    assert.deepEqual(newLogEntryEvents(items, INCIDENT, [posted]), []);
  });

  it('stores the new events in the session file and reads them back', () => {
    const events: PagerDutyTimelineEvent[] = [
      { type: 'pagerduty-action', at: '2026-12-06T10:01:00Z', incidentId: INCIDENT.id, title: INCIDENT.title, action: 'escalated', detail: 'to level 2 (Bob Secondary)', by: 'alice@example.com' },
      { type: 'pagerduty-note-posted', at: '2026-12-06T10:03:00Z', incidentId: INCIDENT.id, title: INCIDENT.title, noteAt: '2026-12-06T10:02:59Z', text: 'Rolling back', noteId: 'N1' },
      { type: 'pagerduty-log-entry', at: '2026-12-06T10:04:00Z', incidentId: INCIDENT.id, title: INCIDENT.title, entryId: 'L2', entryType: 'acknowledge_log_entry', summary: 'Acknowledged by Bob.' },
    ];
    const text = events.map((event) => serializeSessionLine(event)).join('') + JSON.stringify({ type: 'pagerduty-action', at: '2026-12-06T10:05:00Z', incidentId: 'x', title: 't', action: 'hacked', detail: 'd' });
    const parsed = parseSession(text);
    assert.deepEqual(parsed.events, events);
    assert.deepEqual(parsed.skippedLines, [4], 'an unknown action is not read as one');
  });

  it('words each event in the timeline, redacted, and drops a repeated log entry', () => {
    const entry: TimelineEvent = { type: 'pagerduty-log-entry', at: '2026-12-06T10:05:00Z', incidentId: INCIDENT.id, title: INCIDENT.title, entryId: 'L3', entryType: 'annotate_log_entry', summary: 'Note added by Bob.', note: 'token ghp_abcdefghijklmnopqrstuvwxyz0123456789' };
    const rows = assembleTimeline([
      { type: 'pagerduty-action', at: '2026-12-06T10:01:00Z', incidentId: INCIDENT.id, title: INCIDENT.title, action: 'priority-changed', detail: 'P2 → P1' },
      entry,
      entry,
    ]);
    assert.deepEqual(rows.map((row) => [row.event, row.detail]), [
      ['Priority changed (PagerDuty)', 'Checkout error rate above 5%: P2 → P1'],
      ['PagerDuty', 'Note added by Bob. “token ***”'],
    ]);
  });
});
