// The PagerDuty team actions against the PagerDuty REST v2 fixture, request by request as
// PagerDuty documents them: who is on call (GET /oncalls), responder requests, reassign,
// escalate and priority (PUT /incidents/{id}), notes (redacted) and log entries. Every write
// carries the token and the user's email in From; each refusal (401, 403, 404, 429, 500) is one
// sentence, and the token never reaches a log line.
import assert from 'node:assert/strict';
import type { Incident } from '../../../src/core/incidents/incidentModel';
import { describeOnCallSuffix } from '../../../src/core/incidents/pagerDutyTeam';
import { newLogEntryEvents } from '../../../src/core/postmortem/pagerDutyEvents';
import { SecretKeys } from '../../../src/platform/incidents/incidentSource';
import { PagerDutyOnCalls } from '../../../src/platform/incidents/pagerDutyOnCalls';
import { PagerDutySource } from '../../../src/platform/incidents/pagerDutySource';
import { PagerDutyTeamActions } from '../../../src/platform/incidents/pagerDutyTeamActions';
import { PAGERDUTY_ACCEPT, PAGERDUTY_TEST_KEY, startPagerDutyServer, type PagerDutyServer, type RecordedPagerDutyRequest } from '../../fixtures/pagerduty/pagerDutyServer';
import { SourceWatcher, TEST_SERVERS_ONLY, type MemorySecrets } from './sourceTestSupport';
import { waitFor } from '../../support/waiting';

const FROM = 'alice@example.com';
const AUTHORIZATION = `Token token=${PAGERDUTY_TEST_KEY}`;
const watcher = new SourceWatcher<PagerDutySource>([PAGERDUTY_TEST_KEY]);

afterEach(() => watcher.disposeAll());

describe('PagerDuty team actions against the PagerDuty fixture', function () {
  this.timeout(15_000);
  let pd: PagerDutyServer;
  let team: PagerDutyTeamActions;
  let source: PagerDutySource;
  let secrets: MemorySecrets;

  beforeEach(async () => {
    pd = await startPagerDutyServer();
    const watched = watcher.watch(
      (log, secrets) => new PagerDutySource({ config: { name: 'pagerduty', apiUrl: pd.url }, secrets, log, credentials: TEST_SERVERS_ONLY, intervalMs: 60_000 }),
      { secrets: { [SecretKeys.pagerDutyToken]: PAGERDUTY_TEST_KEY, [SecretKeys.pagerDutyFrom]: FROM }, start: false },
    );
    source = watched.source;
    secrets = watched.secrets;
    team = new PagerDutyTeamActions(() => source);
  });
  afterEach(async () => {
    await pd?.close();
  });

  const incident = (number: number) => pd.incidents.find((candidate) => candidate.incident_number === number)!;
  const only = (method: string, path: string | RegExp): RecordedPagerDutyRequest => {
    const found = pd.requests.filter((r) => r.method === method && (typeof path === 'string' ? r.path === path : path.test(r.path)));
    assert.equal(found.length, 1, `one ${method} ${String(path)}`);
    return found[0]!;
  };
  const assertWrite = (request: RecordedPagerDutyRequest, body: unknown) => {
    assert.equal(request.headers.authorization, AUTHORIZATION);
    assert.equal(request.headers.accept, PAGERDUTY_ACCEPT);
    assert.equal(request.headers.from, FROM);
    assert.match(request.headers.contentType ?? '', /^application\/json/);
    assert.deepEqual(request.body, body);
  };

  it('reads who is on call for an escalation policy, earliest per level, without From', async () => {
    const entries = await team.onCall('PEP0001');
    const request = only('GET', '/oncalls');
    assert.deepEqual(request.query, { 'escalation_policy_ids[]': ['PEP0001'], earliest: 'true', limit: '100' });
    assert.equal(request.headers.authorization, AUTHORIZATION);
    assert.equal(request.headers.accept, PAGERDUTY_ACCEPT);
    assert.equal(request.headers.from, undefined, 'a read names nobody');
    assert.deepEqual(
      entries.map((e) => [e.level, e.userName, e.schedule ?? null]),
      [
        [1, 'Alice Oncall', 'Primary'],
        [2, 'Bob Secondary', null],
        [3, 'Carol Escalation', null],
      ],
    );
  });

  it('asks PagerDuty once per policy for every incident sharing it, then answers from the cache', async () => {
    const onCalls = new PagerDutyOnCalls(team);
    const resolved: string[][] = [];
    onCalls.onDidResolve((ids) => resolved.push([...ids]));
    const a = pdIncidentOf('A', 'PEP0001');
    const b = pdIncidentOf('B', 'PEP0001');
    assert.equal(onCalls.onCallFor(a), undefined, 'nothing to show before PagerDuty answered');
    assert.equal(onCalls.onCallFor(b), undefined);
    await waitUntil(() => resolved.length === 1);
    assert.deepEqual(resolved[0]!.sort(), [a.id, b.id]);
    assert.equal(describeOnCallSuffix(onCalls.onCallFor(a)), ' · on call: Alice Oncall');
    assert.equal(pd.requests.filter((r) => r.path === '/oncalls').length, 1);
    onCalls.dispose();
  });

  it('shows a failing on-call lookup as a note, and keeps the incident', async () => {
    pd.failNext(403, { path: /^\/oncalls$/ });
    const onCalls = new PagerDutyOnCalls(team);
    let done = false;
    onCalls.onDidResolve(() => (done = true));
    const a = pdIncidentOf('A', 'PEP0002');
    onCalls.onCallFor(a);
    await waitUntil(() => done);
    const view = onCalls.onCallFor(a);
    assert.ok(view && 'problem' in view);
    assert.match(view.problem, /^Could not read who is on call: the API token is not allowed to do this \(403\)/);
    assert.equal(describeOnCallSuffix(view), ' · on call: unknown');
    onCalls.dispose();
  });

  it('adds responders: the requester looked up by the From email once, then the documented body', async () => {
    const target = incident(4101);
    await team.addResponders(target.id, [{ kind: 'user', id: 'PU2BOBB' }, { kind: 'escalation_policy', id: 'PEP0002' }], 'Join the bridge, token ghp_abcdefghijklmnopqrstuvwxyz0123456789');
    const lookup = only('GET', '/users');
    assert.deepEqual(lookup.query, { query: FROM, limit: '100' });
    assertWrite(only('POST', `/incidents/${target.id}/responder_requests`), {
      requester_id: 'PU1ALIC',
      message: 'Join the bridge, token ***',
      responder_request_targets: [{ responder_request_target: { id: 'PU2BOBB', type: 'user_reference' } }, { responder_request_target: { id: 'PEP0002', type: 'escalation_policy_reference' } }],
    });
    await team.addResponders(target.id, [{ kind: 'user', id: 'PU3CARO' }], 'Also you');
    assert.equal(pd.requests.filter((r) => r.path === '/users').length, 1, 'the requester id is remembered');
  });

  it('reassigns to users, and PagerDuty logs the assignment', async () => {
    const target = incident(4102);
    await team.reassign(target.id, { userIds: ['PU2BOBB'] });
    assertWrite(only('PUT', `/incidents/${target.id}`), { incident: { type: 'incident_reference', assignments: [{ assignee: { id: 'PU2BOBB', type: 'user_reference' } }] } });
    assert.deepEqual(target.assignments.map((a) => a.assignee.id), ['PU2BOBB']);
    assert.ok(pd.logEntries.get(target.id)?.some((e) => e.type === 'assign_log_entry' && /Bob Secondary/.test(e.summary)));
  });

  it('reassigns to an escalation policy', async () => {
    const target = incident(4103);
    await team.reassign(target.id, { escalationPolicyId: 'PEP0002' });
    assertWrite(only('PUT', `/incidents/${target.id}`), { incident: { type: 'incident_reference', escalation_policy: { id: 'PEP0002', type: 'escalation_policy_reference' } } });
    assert.equal(target.escalation_policy.id, 'PEP0002');
  });

  it('escalates to a level, and PagerDuty logs who it escalated to', async () => {
    const target = incident(4101);
    await team.escalate(target.id, 2);
    assertWrite(only('PUT', `/incidents/${target.id}`), { incident: { type: 'incident_reference', escalation_level: 2 } });
    assert.ok(pd.logEntries.get(target.id)?.some((e) => e.type === 'escalate_log_entry' && /level 2 \(Bob Secondary\)/.test(e.summary)));
  });

  it('lists the priorities, then sets one by id', async () => {
    const priorities = await team.priorities();
    assert.deepEqual(priorities.map((p) => p.name), ['P1', 'P2', 'P3']);
    assert.equal(only('GET', '/priorities').headers.from, undefined);
    const target = incident(4106);
    await team.changePriority(target.id, priorities[0]!.id);
    assertWrite(only('PUT', `/incidents/${target.id}`), { incident: { type: 'incident_reference', priority: { id: 'PPRI001', type: 'priority_reference' } } });
    assert.equal(target.priority?.name, 'P1');
  });

  it('posts a note redacted, and its log entry does not come back as someone else’s', async () => {
    const target = incident(4101);
    const noteId = await team.postNote(target.id, 'Restarted the db with password=hunter2secret');
    assertWrite(only('POST', `/incidents/${target.id}/notes`), { note: { content: 'Restarted the db with password=***' } });
    assert.ok(noteId);
    const entries = await team.logEntries(target.id, '2000-01-01T00:00:00Z');
    const logRead = only('GET', `/incidents/${target.id}/log_entries`);
    assert.deepEqual(logRead.query, { since: '2000-01-01T00:00:00Z', is_overview: 'true', limit: '100' });
    assert.ok(entries.some((e) => e.type === 'annotate_log_entry' && e.note === 'Restarted the db with password=***'));
    const posted = [{ type: 'pagerduty-note-posted' as const, at: '2026-12-06T10:00:00Z', incidentId: 'incident/pagerduty/pagerduty/X', title: 't', noteAt: '2026-12-06T10:00:00Z', text: 'Restarted the db with password=***' }];
    const events = newLogEntryEvents(entries, { id: 'incident/pagerduty/pagerduty/X', title: 't' }, posted);
    assert.ok(!events.some((e) => e.entryType === 'annotate_log_entry'), 'the own note is not echoed');
    assert.ok(events.some((e) => e.entryType === 'assign_log_entry'));
  });

  const refusals: [string, (pd: PagerDutyServer) => void, RegExp][] = [
    ['401', (server) => server.failNext(401), /: PagerDuty refused the API token \(401\); set a valid token\.$/],
    ['403', (server) => server.failNext(403), /: the API token is not allowed to do this \(403\); use a token with that permission\.$/],
    ['404', (server) => server.failNext(404), /: PagerDuty does not know it \(404\): it was merged, deleted, or belongs to another account\.$/],
    ['429', (server) => server.throttle(1, { resetSeconds: 7 }), /: PagerDuty rate limit reached; try again in 7 s\.$/],
    ['500', (server) => server.failNext(500), /: PagerDuty failed \(HTTP 500\); nothing was changed here, try again shortly\.$/],
  ];
  for (const [status, refuse, message] of refusals) {
    it(`says in one sentence why PagerDuty refused with ${status}`, async () => {
      const target = incident(4101);
      refuse(pd);
      const error = await team.escalate(target.id, 2).then(
        () => assert.fail('the escalation was refused'),
        (e: unknown) => e as Error,
      );
      assert.match(error.message, new RegExp(`^Could not escalate PagerDuty incident ${target.id}${message.source}`));
      assert.equal(error.message.split(/[.!?] /).length, 1, 'one sentence');
      const put = only('PUT', `/incidents/${target.id}`);
      assert.equal(put.status, Number(status));
      assert.equal(put.headers.from, FROM);
      assert.ok(!error.message.includes(PAGERDUTY_TEST_KEY));
    });
  }

  it('sends nothing without the PagerDuty email on a write', async () => {
    await secrets.delete(SecretKeys.pagerDutyFrom);
    await assert.rejects(team.reassign(incident(4101).id, { userIds: ['PU2BOBB'] }), /^Error: Set your PagerDuty email/);
    assert.equal(pd.requests.length, 0);
  });
});

function pdIncidentOf(id: string, policyId: string): Incident {
  return {
    id: `incident/pagerduty/pagerduty/${id}`,
    source: 'pagerduty',
    sourceName: 'pagerduty',
    sourceId: id,
    title: id,
    severity: 'P1',
    group: 'other',
    labels: { escalation_policy_id: policyId },
    annotations: {},
    startedAt: '',
    status: 'triggered',
  };
}

async function waitUntil(condition: () => boolean): Promise<void> {
  await waitFor('the condition', () => condition() || undefined);
}
