// The PagerDuty incident source against the local PagerDuty REST v2 fixture: the list request
// PagerDuty documents (statuses, sort, limit, filters, token and version headers), offset paging,
// acknowledge and resolve with the From header, no request at all without a token, and the
// 429 rate limit whose reset the next poll waits for. The token never reaches a log line.
import assert from 'node:assert/strict';
import type { Incident } from '../../../src/core/incidents/incidentModel';
import { SecretKeys } from '../../../src/platform/incidents/incidentSource';
import { PagerDutySource, type PagerDutyConfig } from '../../../src/platform/incidents/pagerDutySource';
import { startMisbehavingAlertmanager, type MisbehavingAlertmanager } from '../../fixtures/alertmanager/misbehavingAlertmanager';
import { manyIncidents, PAGERDUTY_ACCEPT, PAGERDUTY_TEST_KEY, startPagerDutyServer, type PagerDutyServer } from '../../fixtures/pagerduty/pagerDutyServer';
import { CredentialBindings, type CredentialGate } from '../../../src/platform/incidents/credentialBindings';
import { errorHealth, SourceWatcher, TEST_SERVERS_ONLY, type CapturedLog, type MemorySecrets, type Watched } from './sourceTestSupport';
import { waitFor } from '../../support/waiting';

const FROM = 'alice@example.com';

// ---------------------------------------------------------------------------------------------
// Harness

const SECRETS = [PAGERDUTY_TEST_KEY, 'wrong-token-9c1d'];
const WITH_TOKEN = { [SecretKeys.pagerDutyToken]: PAGERDUTY_TEST_KEY, [SecretKeys.pagerDutyFrom]: FROM };
const watcher = new SourceWatcher<PagerDutySource>(SECRETS);

function watch(
  config: Partial<PagerDutyConfig> & { apiUrl: string },
  options: { secrets?: Record<string, string>; intervalMs?: number; start?: boolean; credentials?: (secrets: MemorySecrets, log: CapturedLog) => CredentialGate } = {},
): Watched<PagerDutySource> {
  return watcher.watch((log, secrets) => new PagerDutySource({ config: { name: 'pagerduty', ...config }, secrets, log, credentials: options.credentials?.(secrets, log) ?? TEST_SERVERS_ONLY, intervalMs: options.intervalMs ?? 100 }), {
    ...options,
    secrets: options.secrets ?? WITH_TOKEN,
  });
}

afterEach(() => watcher.disposeAll());

function byNumber(incidents: readonly Incident[]): Map<string, Incident> {
  return new Map(incidents.map((incident) => [incident.labels.incident_number ?? '', incident]));
}

// ---------------------------------------------------------------------------------------------

describe('PagerDutySource against the PagerDuty fixture', function () {
  this.timeout(15_000);
  let pd: PagerDutyServer;

  beforeEach(async () => {
    pd = await startPagerDutyServer();
  });
  afterEach(async () => {
    await pd?.close();
  });

  it('sends the API key to an address other than the one it was stored for only after the user agrees', async () => {
    let agree: (yes: boolean) => void = () => undefined;
    const watched = watch(
      { apiUrl: pd.url, userApiUrl: 'https://api.pagerduty.com' },
      {
        secrets: { ...WITH_TOKEN, 'oncall.credentialOrigins.pagerduty/pagerduty': JSON.stringify(['https://api.pagerduty.com:443']) },
        credentials: (secrets, log) => new CredentialBindings(secrets, () => new Promise<boolean>((resolve) => (agree = resolve)), log, () => void watched.source.refresh()),
      },
    );
    const problem = await waitFor('the key-withheld health', () => errorHealth(watched));
    assert.match(problem.message, /^The PagerDuty API key was not sent to http:\/\/127\.0\.0\.1:\d+\/?: it goes only over https, to an address it was stored for or you agreed to/);
    await assert.rejects(watched.source.acknowledge('PT4KHLK'), /API key was not sent/);
    assert.equal(pd.requests.length, 0, 'nothing reached the server');
    agree(true);
    await waitFor('ok health once agreed', () => watched.source.health.state === 'ok');
    assert.ok(pd.requests.every((request) => request.headers.authorization?.startsWith('Token token=')));
  });

  it('lists the open incidents with the documented request, then stays silent while nothing changes', async () => {
    const watched = watch({ apiUrl: pd.url });
    const first = await waitFor('the first update', () => watched.updates[0]);
    assert.equal(first.healthChanged, true);
    assert.equal(watched.source.health.state, 'ok');
    const incidents = byNumber(watched.source.incidents);
    assert.deepEqual([...incidents.keys()].sort(), ['4101', '4102', '4103', '4104', '4105', '4106', '4107'], 'resolved incidents are left out');
    // PagerDuty P1 lands at the top (P0); urgency decides without a priority.
    assert.equal(incidents.get('4101')?.severity, 'P0');
    assert.equal(incidents.get('4101')?.status, 'triggered');
    assert.equal(incidents.get('4101')?.group, 'Checkout API');
    assert.equal(incidents.get('4102')?.status, 'acknowledged');
    assert.equal(incidents.get('4106')?.severity, 'P3');

    const request = pd.requests[0]!;
    assert.equal(request.method, 'GET');
    assert.equal(request.path, '/incidents');
    assert.deepEqual(request.query, { 'statuses[]': ['triggered', 'acknowledged'], sort_by: 'created_at:desc', limit: '100' });
    assert.equal(request.headers.authorization, `Token token=${PAGERDUTY_TEST_KEY}`);
    assert.equal(request.headers.accept, PAGERDUTY_ACCEPT);

    const seen = pd.requests.length;
    await waitFor('three more polls', () => pd.requests.length >= seen + 3);
    assert.equal(watched.updates.length, 1, 'unchanged polls fire nothing');
  });

  it('follows offset paging to the end of the list', async () => {
    await pd.close();
    pd = await startPagerDutyServer({ incidents: manyIncidents(230) });
    const watched = watch({ apiUrl: pd.url });
    await waitFor('the first update', () => watched.updates[0]);
    assert.equal(watched.source.incidents.length, 230);
    assert.equal(new Set(watched.source.incidents.map((i) => i.id)).size, 230);
    assert.deepEqual(
      pd.requests.slice(0, 3).map((r) => r.query.offset),
      [undefined, '100', '200'],
    );
    const health = watched.source.health;
    assert.equal(health.state === 'ok' ? health.note : 'not ok', undefined);
  });

  it('sends the service and team filters', async () => {
    const watched = watch({ apiUrl: pd.url, serviceIds: ['PSV0CHK'], teamIds: ['PTM0SRE'] });
    await waitFor('the first update', () => watched.updates[0]);
    assert.deepEqual(pd.requests[0]!.query['service_ids[]'], ['PSV0CHK']);
    assert.deepEqual(pd.requests[0]!.query['team_ids[]'], ['PTM0SRE']);
    assert.deepEqual(watched.source.incidents.map((i) => i.labels.incident_number).sort(), ['4101', '4102', '4107']);
  });

  it('acknowledges with the From header and the documented body, and the tree updates at once', async () => {
    const watched = watch({ apiUrl: pd.url });
    const triggered = await waitFor('incident 4101', () => byNumber(watched.source.incidents).get('4101'));
    const updatesBefore = watched.updates.length;

    await watched.source.acknowledge(triggered.sourceId);

    const put = pd.requests.find((r) => r.method === 'PUT');
    assert.ok(put, 'a PUT was sent');
    assert.equal(put.path, `/incidents/${triggered.sourceId}`);
    assert.deepEqual(put.body, { incident: { type: 'incident_reference', status: 'acknowledged' } });
    assert.equal(put.headers.from, FROM);
    assert.equal(put.headers.contentType, 'application/json');
    assert.equal(put.headers.authorization, `Token token=${PAGERDUTY_TEST_KEY}`);
    assert.equal(put.headers.accept, PAGERDUTY_ACCEPT);
    assert.equal(put.status, 200);
    assert.equal(pd.incidents.find((i) => i.id === triggered.sourceId)?.status, 'acknowledged');
    // acknowledge() refreshed before returning.
    assert.equal(byNumber(watched.source.incidents).get('4101')?.status, 'acknowledged');
    const change = watched.updates.slice(updatesBefore).find((u) => u.diff?.changed.length);
    assert.deepEqual(change?.diff?.changed.map((c) => [c.previous.status, c.next.status]), [['triggered', 'acknowledged']]);
  });

  it('resolves, and the incident leaves the list', async () => {
    const watched = watch({ apiUrl: pd.url });
    const acknowledged = await waitFor('incident 4102', () => byNumber(watched.source.incidents).get('4102'));
    const updatesBefore = watched.updates.length;
    await watched.source.resolve(acknowledged.sourceId);
    assert.deepEqual(pd.requests.find((r) => r.method === 'PUT')?.body, { incident: { type: 'incident_reference', status: 'resolved' } });
    assert.equal(byNumber(watched.source.incidents).has('4102'), false);
    const removal = watched.updates.slice(updatesBefore).find((u) => u.diff?.removed.length);
    assert.deepEqual(removal?.diff?.removed.map((i) => i.sourceId), [acknowledged.sourceId]);
  });

  it('refuses to write without the PagerDuty email, sending nothing', async () => {
    const watched = watch({ apiUrl: pd.url }, { secrets: { [SecretKeys.pagerDutyToken]: PAGERDUTY_TEST_KEY } });
    const triggered = await waitFor('incident 4101', () => byNumber(watched.source.incidents).get('4101'));
    await assert.rejects(watched.source.acknowledge(triggered.sourceId), /^Error: Set your PagerDuty email/);
    assert.equal(pd.requests.filter((r) => r.method === 'PUT').length, 0);
  });

  it("passes on PagerDuty's reason when a write is refused", async () => {
    const watched = watch({ apiUrl: pd.url }, { secrets: { ...WITH_TOKEN, [SecretKeys.pagerDutyFrom]: 'nobody@example.com' } });
    const triggered = await waitFor('incident 4101', () => byNumber(watched.source.incidents).get('4101'));
    await assert.rejects(
      watched.source.acknowledge(triggered.sourceId),
      new RegExp(`^Error: Could not acknowledge PagerDuty incident ${triggered.sourceId}: PagerDuty answered HTTP 400 \\(Invalid Input Provided: Requester User Not Found\\)\\.$`),
    );
    assert.equal(pd.incidents.find((i) => i.id === triggered.sourceId)?.status, 'triggered');
  });

  it('sends no request at all without a token, and connects once one is set', async () => {
    const watched = watch({ apiUrl: pd.url }, { secrets: {} });
    const error = await waitFor('the error health', () => errorHealth(watched));
    assert.equal(error.message, 'No PagerDuty API token is set.');
    assert.equal(error.action, 'setCredentials');
    await watched.source.refresh();
    await watched.source.refresh();
    assert.equal(pd.requests.length, 0);
    assert.equal(watched.updates.length, 1, 'the same problem is reported once');

    watched.secrets.values.set(SecretKeys.pagerDutyToken, PAGERDUTY_TEST_KEY);
    await watched.source.refresh();
    assert.equal(watched.source.health.state, 'ok');
    assert.equal(watched.source.incidents.length, 7);
  });

  it('asks for a new token after a 401', async () => {
    const watched = watch({ apiUrl: pd.url }, { secrets: { [SecretKeys.pagerDutyToken]: 'wrong-token-9c1d' } });
    const error = await waitFor('the error health', () => errorHealth(watched));
    assert.equal(error.message, 'PagerDuty refused the API token (401): set a valid token.');
    assert.equal(error.action, 'setCredentials');
    assert.equal(pd.requests[0]!.status, 401);
    assert.ok(watched.log.lines.some((line) => /^warn PagerDuty pagerduty: GET .*\/incidents\?.* answered HTTP 401/.test(line)), watched.log.lines.join('\n'));
  });

  it('keeps a token the server echoes back in its error out of the log and the health message', async () => {
    await pd.close();
    pd = await startPagerDutyServer({ echoRefusedToken: true });
    const watched = watch({ apiUrl: pd.url }, { secrets: { [SecretKeys.pagerDutyToken]: 'wrong-token-9c1d' } });
    const error = await waitFor('the error health', () => errorHealth(watched));
    assert.equal(error.action, 'setCredentials');
    assert.ok(pd.requests.length > 0);
    const logged = watched.log.lines.join('\n');
    assert.match(logged, /Invalid token: \*\*\*/, 'the answer is logged, the token masked');
    assert.ok(!logged.includes('wrong-token-9c1d'), logged);
    assert.ok(!JSON.stringify(error).includes('wrong-token-9c1d'), JSON.stringify(error));
  });

  it('waits for the rate-limit reset after a 429, then carries on', async () => {
    const watched = watch({ apiUrl: pd.url }, { start: false });
    pd.throttle(1, { resetSeconds: 1 });
    watched.source.start();
    const error = await waitFor('the rate-limit health', () => errorHealth(watched));
    const limitedAt = Date.now();
    assert.equal(error.message, 'PagerDuty rate limit reached; retrying in 1 s.');
    assert.equal(error.action, 'retry');
    assert.ok(error.retryAt !== undefined && error.retryAt - error.since >= 1000, `retryAt ${error.retryAt} since ${error.since}`);
    assert.equal(pd.requests[0]!.status, 429);
    // Without the reset the next poll would come 100 ms later.
    await waitFor('the next request', () => pd.requests.length >= 2, 5_000);
    const waited = Date.now() - limitedAt;
    assert.ok(waited >= 900, `the next request came after ${waited} ms`);
    await waitFor('ok health', () => watched.source.health.state === 'ok');
    assert.equal(watched.source.incidents.length, 7);
  });
});

describe('PagerDutySource against a misbehaving server', function () {
  this.timeout(10_000);
  let bad: MisbehavingAlertmanager;

  beforeEach(async () => {
    bad = await startMisbehavingAlertmanager({ kind: 'status', status: 403 });
  });
  afterEach(async () => {
    await bad?.close();
  });

  it('explains a 403 as a token without permission', async () => {
    const watched = watch({ apiUrl: bad.url });
    const error = await waitFor('the error health', () => errorHealth(watched));
    assert.equal(error.message, 'The PagerDuty API token is not allowed to list incidents (403): set a token with read access to incidents.');
    assert.equal(error.action, 'setCredentials');
  });

  it('explains a 502 and garbage as retryable', async () => {
    bad.setMode({ kind: 'status', status: 502 });
    // The stand-in serves bodies only under /api/v2/; a base URL with a path must keep it.
    const watched = watch({ apiUrl: `${bad.url}/api/v2` });
    const error = await waitFor('the error health', () => errorHealth(watched));
    assert.equal(error.message, 'PagerDuty answered HTTP 502.');
    assert.equal(error.action, 'retry');
    bad.setMode({ kind: 'garbage', variant: 'html' });
    await watched.source.refresh();
    const garbage = errorHealth(watched);
    assert.equal(garbage?.message, 'PagerDuty sent an answer that is not JSON (text/html).');
    assert.equal(garbage?.since, error.since, 'since is the first failure of the run');
    assert.equal(bad.requests.at(-1)?.path, '/api/v2/incidents');
  });
});
