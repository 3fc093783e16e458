// Proves the PagerDuty REST API v2 fixture keeps the contract in design/sources.md: token
// auth, the From header on writes, filters, sorting and offset paging, ack/resolve (one and
// bulk), notes, log entries and 429 rate limiting with ratelimit-* headers.

import * as assert from 'node:assert/strict';
import {
  alertmanagerDedupKey,
  manyIncidents,
  PAGERDUTY_ACCEPT,
  startPagerDutyServer,
  type PagerDutyIncident,
  type PagerDutyLogEntry,
  type PagerDutyServer,
} from '../../fixtures/pagerduty/pagerDutyServer';

interface ListBody {
  incidents: PagerDutyIncident[];
  limit: number;
  offset: number;
  more: boolean;
  total: number | null;
}
interface ErrorBody {
  error: { message: string; code: number; errors?: string[] };
}

describe('startPagerDutyServer', () => {
  let pd: PagerDutyServer;

  const call = async (method: string, path: string, options: { body?: unknown; from?: string; auth?: string | null } = {}) => {
    const headers: Record<string, string> = { accept: PAGERDUTY_ACCEPT };
    if (options.auth !== null) headers.authorization = options.auth ?? `Token token=${pd.apiKey}`;
    if (options.from) headers.from = options.from;
    if (options.body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${pd.url}${path}`, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) });
    return { status: response.status, headers: response.headers, json: (await response.json()) as unknown };
  };

  beforeEach(async () => {
    pd = await startPagerDutyServer();
  });
  afterEach(async () => {
    await pd?.close();
  });

  it('answers 401 with a PagerDuty error body without a valid token', async () => {
    for (const auth of [null, 'Token token=wrong', `Bearer ${'x'}`]) {
      const { status, json } = await call('GET', '/incidents', { auth });
      assert.equal(status, 401);
      const error = (json as ErrorBody).error;
      assert.equal(error.code, 2006);
      assert.equal(typeof error.message, 'string');
    }
  });

  it('lists open incidents with filters, sort_by and a realistic shape', async () => {
    const { status, json } = await call('GET', '/incidents?statuses[]=triggered&statuses[]=acknowledged&sort_by=created_at:desc&limit=100');
    assert.equal(status, 200);
    const body = json as ListBody;
    assert.equal(body.incidents.length, 7);
    assert.equal(body.more, false);
    assert.equal(body.total, null);
    assert.ok(body.incidents.every((i) => i.status !== 'resolved'));
    const created = body.incidents.map((i) => i.created_at);
    assert.deepEqual(created, [...created].sort().reverse());
    const first = body.incidents.find((i) => i.incident_number === 4101)!;
    assert.match(first.id, /^[A-Z0-9]{14}$/);
    assert.equal(first.priority?.summary, 'P1');
    assert.equal(first.urgency, 'high');
    assert.equal(first.service.type, 'service_reference');
    assert.match(first.html_url, /^https:\/\/oncall-test\.pagerduty\.com\/incidents\//);
    assert.match(first.created_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(first.assignments[0]?.assignee.type, 'user_reference');
    assert.ok(first.last_status_change_at);

    const high = (await call('GET', '/incidents?urgencies[]=low&service_ids[]=PSV2K8S')).json as ListBody;
    assert.deepEqual(high.incidents.map((i) => i.incident_number), [4106]);

    const key = alertmanagerDedupKey('{}:{alertname="KubePodCrashLooping", namespace="shop"}');
    const byKey = (await call('GET', `/incidents?incident_key=${key}`)).json as ListBody;
    assert.deepEqual(byKey.incidents.map((i) => i.incident_number), [4101]);

    const bad = await call('GET', '/incidents?statuses[]=open');
    assert.equal(bad.status, 400);
    assert.equal((bad.json as ErrorBody).error.code, 2001);
    assert.equal((await call('GET', '/incidents?sort_by=title')).status, 400);

    const recorded = pd.requests.find((r) => r.query['statuses[]'] !== undefined)!;
    assert.deepEqual(recorded.query['statuses[]'], ['triggered', 'acknowledged']);
    assert.equal(recorded.headers.accept, PAGERDUTY_ACCEPT);
    assert.equal(recorded.headers.authorization, `Token token=${pd.apiKey}`);
  });

  it('pages with offset, limit (at most 100), more and total', async () => {
    await pd.close();
    pd = await startPagerDutyServer({ incidents: manyIncidents(230) });
    const seen = new Set<string>();
    let offset = 0;
    let pages = 0;
    for (;;) {
      const body = (await call('GET', `/incidents?limit=500&offset=${offset}&total=true`)).json as ListBody;
      assert.equal(body.limit, 100);
      assert.equal(body.offset, offset);
      assert.equal(body.total, 230);
      for (const i of body.incidents) seen.add(i.id);
      pages++;
      if (!body.more) break;
      offset += body.limit;
    }
    assert.equal(pages, 3);
    assert.equal(seen.size, 230);
    assert.equal((await call('GET', '/incidents?limit=100&offset=9950')).status, 400);
  });

  it('requires From on writes: 400 with the error body, then acks and resolves', async () => {
    const id = pd.incidents.find((i) => i.incident_number === 4101)!.id;
    const noFrom = await call('PUT', `/incidents/${id}`, { body: { incident: { type: 'incident_reference', status: 'acknowledged' } } });
    assert.equal(noFrom.status, 400);
    const error = (noFrom.json as ErrorBody).error;
    assert.equal(error.code, 2001);
    assert.match(error.errors?.join(' ') ?? '', /From/);
    assert.equal(pd.incidents.find((i) => i.id === id)!.status, 'triggered');

    const acked = await call('PUT', `/incidents/${id}`, { from: 'alice@example.com', body: { incident: { type: 'incident_reference', status: 'acknowledged' } } });
    assert.equal(acked.status, 200);
    const incident = (acked.json as { incident: PagerDutyIncident }).incident;
    assert.equal(incident.status, 'acknowledged');
    assert.equal(incident.acknowledgements[0]?.acknowledger.summary, 'Alice Oncall');

    const resolved = await call('PUT', `/incidents/${id}`, { from: 'alice@example.com', body: { incident: { type: 'incident_reference', status: 'resolved' } } });
    assert.equal((resolved.json as { incident: PagerDutyIncident }).incident.status, 'resolved');
    const again = await call('PUT', `/incidents/${id}`, { from: 'alice@example.com', body: { incident: { type: 'incident_reference', status: 'acknowledged' } } });
    assert.equal(again.status, 400);
    assert.equal((await call('PUT', '/incidents/PNOSUCH', { from: 'alice@example.com', body: { incident: { type: 'incident_reference', status: 'resolved' } } })).status, 404);

    const recorded = pd.requests.filter((r) => r.method === 'PUT');
    assert.equal(recorded[1]!.headers.from, 'alice@example.com');
    assert.deepEqual(recorded[1]!.body, { incident: { type: 'incident_reference', status: 'acknowledged' } });
  });

  it('bulk-updates with PUT /incidents', async () => {
    const ids = pd.incidents.filter((i) => i.status === 'triggered').map((i) => i.id);
    const noFrom = await call('PUT', '/incidents', { body: { incidents: ids.map((id) => ({ id, type: 'incident_reference', status: 'acknowledged' })) } });
    assert.equal(noFrom.status, 400);
    const { status, json } = await call('PUT', '/incidents', { from: 'bob@example.com', body: { incidents: ids.map((id) => ({ id, type: 'incident_reference', status: 'acknowledged' })) } });
    assert.equal(status, 200);
    assert.deepEqual((json as { incidents: PagerDutyIncident[] }).incidents.map((i) => i.status), ids.map(() => 'acknowledged'));
    const open = (await call('GET', '/incidents?statuses[]=triggered')).json as ListBody;
    assert.equal(open.incidents.length, 0);
  });

  it('adds notes and shows them in the log entries, newest first', async () => {
    const id = pd.incidents.find((i) => i.incident_number === 4102)!.id;
    assert.equal((await call('POST', `/incidents/${id}/notes`, { body: { note: { content: 'x' } } })).status, 400);
    const { status, json } = await call('POST', `/incidents/${id}/notes`, { from: 'alice@example.com', body: { note: { content: 'Rolled back checkout to v1.42.0' } } });
    assert.equal(status, 201);
    assert.equal((json as { note: { content: string } }).note.content, 'Rolled back checkout to v1.42.0');
    const log = (await call('GET', `/incidents/${id}/log_entries?is_overview=true`)).json as { log_entries: PagerDutyLogEntry[]; more: boolean };
    assert.equal(log.log_entries[0]?.type, 'annotate_log_entry');
    assert.deepEqual(log.log_entries.map((e) => e.type).slice(1), ['acknowledge_log_entry', 'assign_log_entry', 'trigger_log_entry']);
    assert.equal(log.more, false);
  });

  it('answers 429 with ratelimit headers when throttled, then recovers', async () => {
    const ok = await call('GET', '/incidents?limit=1');
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('ratelimit-limit'), '960');
    pd.throttle(2, { resetSeconds: 7 });
    for (let i = 0; i < 2; i++) {
      const limited = await call('GET', '/incidents?limit=1');
      assert.equal(limited.status, 429);
      assert.equal(limited.headers.get('ratelimit-limit'), '960');
      assert.equal(limited.headers.get('ratelimit-remaining'), '0');
      assert.ok(Number(limited.headers.get('ratelimit-reset')) >= 1);
      assert.equal((limited.json as ErrorBody).error.code, 2020);
    }
    assert.equal((await call('GET', '/incidents?limit=1')).status, 200);
    assert.deepEqual(pd.requests.map((r) => r.status), [200, 429, 429, 200]);
  });

  it('enforces its own per-minute limit', async () => {
    await pd.close();
    pd = await startPagerDutyServer({ rateLimit: { limit: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await call('GET', '/incidents?limit=1')).status);
    assert.deepEqual(statuses, [200, 200, 200, 429, 429]);
  });
});
