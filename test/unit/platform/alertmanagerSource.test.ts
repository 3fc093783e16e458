// The Alertmanager incident source against the real Alertmanager (Debian 0.25): alerts from
// the kube-prometheus rules show up with their severities, unchanged polls stay silent,
// resolutions and silences arrive as diffs, basic auth is honoured, and a stopped server keeps
// the last alerts on screen. Error paths run against the misbehaving stand-in, and a small
// recording server proves the route prefix, extra headers and bearer tokens reach the wire.
// No log line or health message may ever contain a password or token.
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { Incident } from '../../../src/core/incidents/incidentModel';
import { AlertmanagerSource, type AlertmanagerInstanceConfig } from '../../../src/platform/incidents/alertmanagerSource';
import { SecretKeys } from '../../../src/platform/incidents/incidentSource';
import {
  alertsFromRules,
  resolveAlert,
  startAlertmanager,
  TEST_BASIC_AUTH,
  type GettableAlert,
  type PostableAlert,
  type RunningAlertmanager,
} from '../../fixtures/alertmanager/alertmanagerProcess';
import { makeAlertPayload } from '../../fixtures/alertmanager/alertPayloads';
import { startMisbehavingAlertmanager, type MisbehavingAlertmanager } from '../../fixtures/alertmanager/misbehavingAlertmanager';
import { freePort, listenOnLoopback } from '../../support/loopback';
import { CredentialBindings, type CredentialGate, type ReleaseQuestion } from '../../../src/platform/incidents/credentialBindings';
import { errorHealth, SourceWatcher, TEST_SERVERS_ONLY, type CapturedLog, type MemorySecrets, type Watched as WatchedSource } from './sourceTestSupport';
import { sleep, waitFor } from '../../support/waiting';

const HOUR = 3600_000;
const BEARER_TOKEN = 'am-bearer-token-5f2c';

// ---------------------------------------------------------------------------------------------
// Harness

type Watched = WatchedSource<AlertmanagerSource>;

/** Strings that must never show up in a log line or a health message. */
const SECRETS = [TEST_BASIC_AUTH.password, BEARER_TOKEN, 'wrong-secret-pw', Buffer.from(`${TEST_BASIC_AUTH.user}:${TEST_BASIC_AUTH.password}`).toString('base64')];
const watcher = new SourceWatcher<AlertmanagerSource>(SECRETS);

function watch(
  instance: AlertmanagerInstanceConfig,
  options: { secrets?: Record<string, string>; intervalMs?: number; timeoutMs?: number; start?: boolean; credentials?: (secrets: MemorySecrets, log: CapturedLog) => CredentialGate } = {},
): Watched {
  return watcher.watch(
    (log, secrets) =>
      new AlertmanagerSource({
        instance,
        secrets,
        log,
        credentials: options.credentials?.(secrets, log) ?? TEST_SERVERS_ONLY,
        intervalMs: options.intervalMs ?? 100,
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      }),
    options,
  );
}

afterEach(() => watcher.disposeAll());

function byAlertName(incidents: readonly Incident[]): Map<string, Incident> {
  return new Map(incidents.map((incident) => [incident.alertName ?? '', incident]));
}

/** What GET /api/v2/alerts returns for a posted alert, for servers that are not Alertmanager. */
function gettable(posted: PostableAlert): GettableAlert {
  return {
    labels: posted.labels,
    annotations: posted.annotations ?? {},
    fingerprint: '0123456789abcdef',
    startsAt: posted.startsAt!,
    updatedAt: posted.startsAt!,
    endsAt: posted.endsAt!,
    receivers: [{ name: 'oncall-test' }],
    status: { state: 'active', silencedBy: [], inhibitedBy: [] },
  };
}

/** Resolves every alert the server still has, so each test starts from an empty list. */
async function resolveAll(am: RunningAlertmanager): Promise<void> {
  const alerts: GettableAlert[] = await am.alerts();
  if (alerts.length > 0) await am.postAlerts(alerts.map((alert) => resolveAlert({ labels: alert.labels, startsAt: alert.startsAt })));
}

/** Waits until `count` more successful polls happened (ok health's updatedAt moves on each). */
async function waitForPolls(watched: Watched, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const health = watched.source.health;
    assert.equal(health.state, 'ok');
    const before = health.updatedAt;
    await waitFor('another successful poll', () => watched.source.health.state === 'ok' && watched.source.health.updatedAt > before);
  }
}

// ---------------------------------------------------------------------------------------------

describe('AlertmanagerSource against the real Alertmanager', function () {
  this.timeout(30_000);
  let am: RunningAlertmanager;
  const instance = (): AlertmanagerInstanceConfig => ({ name: 'local', url: am.url });

  before(async () => {
    am = await startAlertmanager();
  });
  afterEach(async () => {
    await resolveAll(am);
  });
  after(async () => {
    await am?.stop();
  });

  it('shows posted alerts with the severities of their rules, then stays silent while nothing changes', async () => {
    await am.postAlerts(alertsFromRules(undefined, ['KubePodCrashLooping', 'KubeAPIDown', 'Watchdog']));
    const watched = watch(instance());
    assert.equal(watched.source.health.state, 'connecting');
    const first = await waitFor('the first update', () => watched.updates[0]);
    assert.equal(first.healthChanged, true);
    assert.equal(watched.source.health.state, 'ok');
    assert.deepEqual(first.diff?.added.map((i) => i.alertName).sort(), ['KubeAPIDown', 'KubePodCrashLooping', 'Watchdog']);
    const incidents = byAlertName(watched.source.incidents);
    // warning → P2, critical → P1 (P0 is reserved for explicit P0/sev0), none → P3.
    assert.equal(incidents.get('KubePodCrashLooping')?.severity, 'P2');
    assert.equal(incidents.get('KubeAPIDown')?.severity, 'P1');
    assert.equal(incidents.get('Watchdog')?.severity, 'P3');
    const crash = incidents.get('KubePodCrashLooping')!;
    assert.equal(crash.status, 'firing');
    assert.equal(crash.group, 'shop');
    assert.equal(crash.runbookUrl, 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping');
    assert.match(crash.sourceId, /^[0-9a-f]{16}$/);

    await waitForPolls(watched, 3);
    assert.equal(watched.updates.length, 1, `unchanged polls fired: ${JSON.stringify(watched.updates.slice(1).map((u) => u.diff ?? 'health'))}`);
  });

  it('reports a resolved alert as removed and keeps the others', async () => {
    const alerts = alertsFromRules(undefined, ['KubePodCrashLooping', 'KubeNodeNotReady']);
    await am.postAlerts(alerts);
    const watched = watch(instance());
    await waitFor('two incidents', () => watched.source.incidents.length === 2);
    const updatesBefore = watched.updates.length;
    await am.postAlerts([resolveAlert(alerts[1]!)]);
    const update = await waitFor('the resolution', () => watched.updates.slice(updatesBefore).find((u) => u.diff !== undefined));
    assert.deepEqual(update.diff?.removed.map((i) => i.alertName), ['KubeNodeNotReady']);
    assert.deepEqual(update.diff?.added, []);
    assert.equal(update.healthChanged, false);
    assert.deepEqual(watched.source.incidents.map((i) => i.alertName), ['KubePodCrashLooping']);
  });

  it('silences exactly the alert, shows it as silenced at once, and expires the silence', async () => {
    await am.postAlerts(alertsFromRules(undefined, ['KubePodCrashLooping', 'TargetDown']));
    const watched = watch(instance());
    const crash = await waitFor('the crash-looping alert', () => byAlertName(watched.source.incidents).get('KubePodCrashLooping'));
    const updatesBefore = watched.updates.length;
    const startedAt = Date.now();

    const id = await watched.source.silence(crash, { durationMs: HOUR, comment: 'Being worked on', createdBy: 'alice' });

    // silence() refreshed before returning: the tree can already show it silenced.
    const silenced = byAlertName(watched.source.incidents).get('KubePodCrashLooping');
    assert.equal(silenced?.status, 'silenced');
    assert.deepEqual(silenced?.silencedBy, [id]);
    assert.equal(byAlertName(watched.source.incidents).get('TargetDown')?.status, 'firing', 'only the one alert is silenced');
    const change = watched.updates.slice(updatesBefore).find((u) => u.diff?.changed.length);
    assert.deepEqual(change?.diff?.changed.map((c) => [c.previous.status, c.next.status]), [['firing', 'silenced']]);

    const onServer = ((await am.silences()) as { id: string; matchers: { name: string; value: string; isRegex: boolean; isEqual?: boolean }[]; createdBy: string; comment: string; startsAt: string; endsAt: string; status: { state: string } }[]).find(
      (s) => s.id === id,
    );
    assert.ok(onServer, 'the silence is listed by the server');
    assert.equal(onServer.status.state, 'active');
    assert.equal(onServer.createdBy, 'alice');
    assert.equal(onServer.comment, 'Being worked on');
    const matchers = [...onServer.matchers].sort((a, b) => a.name.localeCompare(b.name));
    const expected = Object.entries(crash.labels)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => ({ name, value, isRegex: false, isEqual: true }));
    assert.deepEqual(matchers, expected);
    const duration = Date.parse(onServer.endsAt) - Date.parse(onServer.startsAt);
    assert.ok(Math.abs(duration - HOUR) < 5_000, `duration ${duration} ms`);
    assert.ok(Math.abs(Date.parse(onServer.startsAt) - startedAt) < 5_000);

    await watched.source.expireSilence(id);
    assert.equal(byAlertName(watched.source.incidents).get('KubePodCrashLooping')?.status, 'firing');
    const expired = ((await am.silences()) as { id: string; status: { state: string } }[]).find((s) => s.id === id);
    assert.equal(expired?.status.state, 'expired');

    await assert.rejects(watched.source.expireSilence('00000000-0000-0000-0000-000000000000'), /^Error: Alertmanager local has no silence 00000000-0000-0000-0000-000000000000; it may have been deleted there\.$/);
  });

  it('refuses to silence an incident of another source', async () => {
    const watched = watch(instance(), { start: false });
    const foreign = { id: 'incident/pagerduty/pd/Q1', source: 'pagerduty', sourceName: 'pd', sourceId: 'Q1', title: 'Checkout down', severity: 'P1', group: 'x', labels: { a: 'b' }, annotations: {}, startedAt: '', status: 'triggered' } as const;
    await assert.rejects(watched.source.silence(foreign, { durationMs: HOUR, comment: 'x', createdBy: 'y' }), /is not an alert of Alertmanager local/);
  });
});

describe('AlertmanagerSource when Alertmanager stops and comes back', function () {
  this.timeout(30_000);
  let am: RunningAlertmanager;

  before(async () => {
    am = await startAlertmanager();
  });
  after(async () => {
    await am?.stop();
  });

  it('keeps the last alerts with a retry error, then recovers', async () => {
    const alerts = alertsFromRules(undefined, ['KubePodCrashLooping', 'KubeNodeNotReady']);
    await am.postAlerts(alerts);
    const watched = watch({ name: 'flaky', url: am.url }, { intervalMs: 50 });
    await waitFor('two incidents', () => watched.source.incidents.length === 2);

    // Alertmanager is down for the whole restart: connection refused until it is ready again,
    // or reset when a poll catches the process while it exits.
    const restarting = am.restart();
    const error = await waitFor('the error health', () => errorHealth(watched));
    assert.equal(error.action, 'retry');
    assert.match(error.message, /^Alertmanager flaky is unreachable \(connection (?:refused|reset)\); showing alerts from .+\.$/);
    assert.ok(error.retryAt !== undefined && error.retryAt >= error.since);
    assert.equal(watched.source.incidents.length, 2, 'incidents are kept while failing');
    const failedAt = watched.healths.findIndex((health) => health.state === 'error');
    assert.equal(watched.updates[failedAt]?.healthChanged, true);
    assert.equal(watched.updates[failedAt]?.diff, undefined, 'the failure is a health-only update');
    await restarting;

    // Alerts live in memory only: the restarted server has none until they are sent again.
    await am.postAlerts(alerts);
    await waitFor('recovery with both alerts', () => watched.source.health.state === 'ok' && watched.source.incidents.length === 2);
    const recoveredAt = watched.healths.findIndex((health, index) => index > failedAt && health.state === 'ok');
    assert.equal(watched.updates[recoveredAt]?.healthChanged, true, 'the recovery is announced');
    assert.equal(watched.source.incidents.length, 2);
    assert.ok(watched.log.lines.some((line) => /^warn Alertmanager flaky: GET http:\/\/127\.0\.0\.1:\d+\/api\/v2\/alerts failed: connect ECONNREFUSED/.test(line)), watched.log.lines.join('\n'));
    assert.ok(watched.log.lines.includes('info Alertmanager flaky answers again.'));
  });
});

describe('AlertmanagerSource with basic auth (real Alertmanager)', function () {
  this.timeout(30_000);
  let am: RunningAlertmanager;

  before(async () => {
    am = await startAlertmanager({ basicAuth: TEST_BASIC_AUTH });
    await am.postAlerts(alertsFromRules(undefined, ['KubePodCrashLooping']));
  });
  after(async () => {
    await am?.stop();
  });

  it('asks for the password when none is set, and connects once it is in the secrets', async () => {
    const watched = watch({ name: 'secured', url: am.url, username: TEST_BASIC_AUTH.user });
    const error = await waitFor('the error health', () => errorHealth(watched));
    assert.equal(error.action, 'setCredentials');
    assert.equal(error.message, 'Alertmanager secured needs credentials (401): set its password or token.');
    assert.equal(watched.source.incidents.length, 0);

    watched.secrets.values.set(SecretKeys.alertmanagerPassword('secured'), TEST_BASIC_AUTH.password);
    await watched.source.refresh();
    assert.equal(watched.source.health.state, 'ok');
    assert.deepEqual(watched.source.incidents.map((i) => i.alertName), ['KubePodCrashLooping']);
  });

  it('says the credentials were refused when the password is wrong', async () => {
    const watched = watch({ name: 'secured', url: am.url, username: TEST_BASIC_AUTH.user }, { secrets: { [SecretKeys.alertmanagerPassword('secured')]: 'wrong-secret-pw' } });
    const error = await waitFor('the error health', () => errorHealth(watched));
    assert.equal(error.action, 'setCredentials');
    assert.equal(error.message, 'Alertmanager secured refused the credentials (401): set its password or token.');
  });

  it('takes user and password from the URL, without printing them', async () => {
    const wrong = watch({ name: 'inline', url: am.url.replace('http://', `http://${TEST_BASIC_AUTH.user}:wrong-secret-pw@`) });
    const error = await waitFor('the error health', () => errorHealth(wrong));
    assert.equal(error.message, 'Alertmanager inline refused the credentials (401): set its password or token.');
    assert.ok(wrong.log.lines.some((line) => line.includes(`127.0.0.1:${am.port}/api/v2/alerts answered HTTP 401`)), wrong.log.lines.join('\n'));
    // The afterEach check proves the passwords and their base64 forms never reached a log line or message.

    const url = am.url.replace('http://', `http://${TEST_BASIC_AUTH.user}:${encodeURIComponent(TEST_BASIC_AUTH.password)}@`);
    const watched = watch({ name: 'inline', url });
    await waitFor('ok health', () => watched.source.health.state === 'ok');
    assert.equal(watched.source.incidents.length, 1);
  });
});

describe('AlertmanagerSource against a misbehaving server', function () {
  this.timeout(15_000);
  let bad: MisbehavingAlertmanager;
  const alert = alertsFromRules(undefined, ['KubePodCrashLooping'])[0]!;

  beforeEach(async () => {
    bad = await startMisbehavingAlertmanager({ kind: 'slow', delayMs: 0, body: [gettable(alert)] });
  });
  afterEach(async () => {
    await bad?.close();
  });

  it('keeps the alerts through a 500 and reports the diff when it recovers', async () => {
    const watched = watch({ name: 'edge', url: bad.url });
    await waitFor('one incident', () => watched.source.incidents.length === 1);
    bad.setMode({ kind: 'status', status: 500 });
    const error = await waitFor('the error health', () => errorHealth(watched));
    assert.equal(error.action, 'retry');
    assert.match(error.message, /^Alertmanager edge answered HTTP 500; showing alerts from .+\.$/);
    assert.equal(watched.source.incidents.length, 1);
    const failedAt = watched.updates.length;
    bad.setMode({ kind: 'slow', delayMs: 0, body: [] });
    await watched.source.refresh();
    assert.equal(watched.source.health.state, 'ok');
    const recovery = watched.updates.slice(failedAt);
    assert.equal(recovery.length, 1);
    assert.equal(recovery[0]!.healthChanged, true);
    assert.deepEqual(recovery[0]!.diff?.removed.map((i) => i.alertName), ['KubePodCrashLooping']);
  });

  const cases: { name: string; mode: Parameters<MisbehavingAlertmanager['setMode']>[0]; message: RegExp; action: string }[] = [
    { name: 'truncated JSON', mode: { kind: 'garbage', variant: 'truncated' }, message: /^Alertmanager edge sent an answer that is not JSON \(application\/json\)\.$/, action: 'retry' },
    { name: 'an HTML page', mode: { kind: 'garbage', variant: 'html' }, message: /^Alertmanager edge sent an answer that is not JSON \(text\/html\)\.$/, action: 'retry' },
    { name: 'an object instead of a list', mode: { kind: 'garbage', variant: 'notArray' }, message: /^Alertmanager edge sent an object instead of a list of alerts\.$/, action: 'retry' },
    { name: 'a 503', mode: { kind: 'status', status: 503 }, message: /^Alertmanager edge answered HTTP 503\.$/, action: 'retry' },
    { name: 'a hang-up', mode: { kind: 'hangUp' }, message: /^Alertmanager edge is unreachable \(.+\)\.$/, action: 'retry' },
    { name: 'a 403', mode: { kind: 'status', status: 403 }, message: /^Alertmanager edge needs credentials \(403\): set its password or token\.$/, action: 'setCredentials' },
    { name: 'a 404', mode: { kind: 'status', status: 404 }, message: /^Alertmanager edge has no API v2 at http:\/\/127\.0\.0\.1:\d+\/ \(404\): check the URL and route prefix in the settings\.$/, action: 'openSettings' },
  ];
  for (const { name, mode, message, action } of cases) {
    it(`explains ${name} in one sentence with the action '${action}'`, async () => {
      bad.setMode(mode);
      const watched = watch({ name: 'edge', url: bad.url });
      const error = await waitFor('the error health', () => errorHealth(watched));
      assert.match(error.message, message);
      assert.equal(error.action, action);
      assert.equal(watched.log.lines.filter((line) => line.startsWith('warn')).length, 1, 'one log line per new problem, not one per poll');
    });
  }

  it('times out a slow answer after its own timeoutMs', async () => {
    // An answer that comes after the test is over: only a timeout can end these polls.
    bad.setMode({ kind: 'slow', delayMs: 60_000 });
    // A source with a far longer timeout, started first, still waits when the short one gives
    // up (an order, not a time: a loaded machine delays both alike).
    const patient = watch({ name: 'patient', url: bad.url }, { timeoutMs: 30_000 });
    const watched = watch({ name: 'edge', url: bad.url }, { timeoutMs: 200 });
    const error = await waitFor('the error health', () => errorHealth(watched));
    assert.equal(errorHealth(patient), undefined, 'the source with the longer timeout still waits');
    assert.equal(error.message, 'Alertmanager edge did not answer within 200 ms.');
    assert.equal(error.action, 'retry');
  });

  it('shows alerts it can read and notes the ones it cannot', async () => {
    bad.setMode({ kind: 'garbage', variant: 'wrongShape' });
    const watched = watch({ name: 'edge', url: bad.url });
    await waitFor('ok health', () => watched.source.health.state === 'ok');
    const health = watched.source.health;
    assert.equal(health.state === 'ok' ? health.note : undefined, '3 alerts could not be read; see the output log.');
    assert.ok(watched.log.lines.some((line) => line.startsWith('warn Alertmanager edge: alert 0 skipped')));
  });

  it('joins the API path under a route prefix', async () => {
    const watched = watch({ name: 'edge', url: `${bad.url}/alertmanager/` });
    await waitFor('the error health', () => errorHealth(watched));
    assert.equal(bad.requests[0]!.path, '/alertmanager/api/v2/alerts');
  });

  it('sends the bearer token from the secrets instead of the password', async () => {
    const watched = watch(
      { name: 'edge', url: bad.url, username: 'oncall' },
      { secrets: { [SecretKeys.alertmanagerToken('edge')]: BEARER_TOKEN, [SecretKeys.alertmanagerPassword('edge')]: 'wrong-secret-pw' } },
    );
    await waitFor('ok health', () => watched.source.health.state === 'ok');
    assert.equal(bad.requests[0]!.authorization, `Bearer ${BEARER_TOKEN}`);
  });

  it('keeps a stored password from an origin it was not stored for until the user agrees, asking once', async () => {
    const questions: ReleaseQuestion[] = [];
    let answer: (yes: boolean) => void = () => undefined;
    let bindings: CredentialBindings | undefined;
    const watched = watch(
      { name: 'prod', url: bad.url, username: 'oncall', userUrl: 'https://alertmanager.example.com' },
      {
        secrets: { [SecretKeys.alertmanagerPassword('prod')]: 'wrong-secret-pw', 'oncall.credentialOrigins.alertmanager/prod': JSON.stringify(['https://alertmanager.example.com:443']) },
        credentials: (secrets, log) =>
          (bindings = new CredentialBindings(secrets, (question) => (questions.push(question), new Promise<boolean>((resolve) => (answer = resolve))), log, () => void watched.source.refresh())),
      },
    );
    await waitFor('three polls', () => bad.requests.length >= 3);
    assert.deepEqual(bad.requests.map((request) => request.authorization), bad.requests.map(() => undefined), 'no Authorization header before the user agrees');
    assert.equal(questions.length, 1, 'asked once, not on every poll');
    assert.equal(questions[0]!.origin, new URL(bad.url).origin);
    assert.deepEqual(questions[0]!.boundTo, ['https://alertmanager.example.com:443']);
    assert.ok(bindings?.waitingFor('alertmanager/prod'));
    answer(true);
    await waitFor('a request with credentials', () => bad.requests.some((request) => request.authorization !== undefined));
    assert.equal(bad.requests.find((request) => request.authorization)!.authorization, `Basic ${Buffer.from('oncall:wrong-secret-pw').toString('base64')}`);
    assert.deepEqual(JSON.parse(watched.secrets.values.get('oncall.credentialOrigins.alertmanager/prod')!), ['https://alertmanager.example.com:443', new URL(bad.url).origin]);
  });

  it('never sends a stored token to an origin the user declined', async () => {
    const watched = watch(
      { name: 'prod', url: bad.url },
      {
        secrets: { [SecretKeys.alertmanagerToken('prod')]: BEARER_TOKEN, 'oncall.credentialOrigins.alertmanager/prod': JSON.stringify(['https://alertmanager.example.com:443']) },
        credentials: (secrets, log) => new CredentialBindings(secrets, () => Promise.resolve(false), log, () => undefined),
      },
    );
    await waitFor('four polls', () => bad.requests.length >= 4);
    assert.ok(bad.requests.every((request) => request.authorization === undefined));
    assert.ok(watched.log.lines.some((line) => /Alertmanager prod points to http:\/\/127\.0\.0\.1:\d+, which its stored token was not set for/.test(line)));
  });

  it('binds a password stored before bindings existed to where the user’s settings point', async () => {
    const watched = watch(
      { name: 'prod', url: bad.url, username: 'oncall', userUrl: `${bad.url}/` },
      { secrets: { [SecretKeys.alertmanagerPassword('prod')]: 'wrong-secret-pw' }, credentials: (secrets, log) => new CredentialBindings(secrets, () => Promise.resolve(false), log, () => undefined) },
    );
    await waitFor('a poll', () => bad.requests.length >= 1);
    assert.ok(bad.requests[0]!.authorization?.startsWith('Basic '));
    assert.deepEqual(JSON.parse(watched.secrets.values.get('oncall.credentialOrigins.alertmanager/prod')!), [new URL(bad.url).origin]);
  });

  it('throws one clear sentence when a silence cannot be written', async () => {
    const watched = watch({ name: 'edge', url: bad.url }, { secrets: { [SecretKeys.alertmanagerToken('edge')]: BEARER_TOKEN } });
    const incident = await waitFor('one incident', () => watched.source.incidents[0]);
    bad.setMode({ kind: 'status', status: 500, body: 'storage full\n' });
    await assert.rejects(watched.source.silence(incident, { durationMs: HOUR, comment: 'x', createdBy: 'y' }), (error: Error) => {
      assert.equal(error.message, 'Could not silence KubePodCrashLooping on Alertmanager edge: it answered HTTP 500 (storage full).');
      return true;
    });
    bad.setMode({ kind: 'status', status: 401 });
    await assert.rejects(watched.source.expireSilence('abc'), /^Error: Could not expire silence abc on Alertmanager edge: it refused the credentials \(401\); set its password or token\.$/);
    assert.ok(bad.requests.some((r) => r.method === 'POST' && r.path === '/api/v2/silences'));
    assert.ok(bad.requests.some((r) => r.method === 'DELETE' && r.path === '/api/v2/silence/abc'));
  });

  it('stops polling when disposed, even with a request under way', async () => {
    bad.setMode({ kind: 'slow', delayMs: 2_000 });
    const watched = watch({ name: 'edge', url: bad.url });
    await waitFor('the first request', () => bad.requests.length === 1);
    watched.source.dispose();
    const count = bad.requests.length;
    // Long enough for several 100 ms polls had the chain survived.
    await sleep(500);
    assert.equal(bad.requests.length, count);
    assert.equal(watched.updates.length, 0);
    assert.equal(watched.source.health.state, 'connecting');
  });
});

describe('AlertmanagerSource settings problems', function () {
  this.timeout(10_000);

  it('asks to fix an unusable URL', async () => {
    const watched = watch({ name: 'typo', url: 'htp:/alertmanager' });
    const error = await waitFor('the error health', () => errorHealth(watched));
    assert.equal(error.action, 'openSettings');
    assert.match(error.message, /^The URL of Alertmanager typo is not usable \(.+\): fix it in the settings\.$/);
  });

  it('reports a closed port as unreachable with a retry', async () => {
    const watched = watch({ name: 'gone', url: `http://127.0.0.1:${await freePort()}` });
    const error = await waitFor('the error health', () => errorHealth(watched));
    assert.equal(error.message, 'Alertmanager gone is unreachable (connection refused).');
    assert.equal(error.action, 'retry');
  });
});

describe('AlertmanagerSource requests on the wire', function () {
  this.timeout(10_000);
  let server: http.Server;
  let listener: Awaited<ReturnType<typeof listenOnLoopback>>;
  const seen: { method: string; path: string; headers: http.IncomingHttpHeaders; body: string }[] = [];
  const alert = alertsFromRules(undefined, ['KubePodCrashLooping'])[0]!;

  before(async () => {
    // Answers like Alertmanager behind a proxy: one alert, silences accepted, DELETE with no body.
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        seen.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
        if (req.method === 'POST') res.writeHead(200, { 'content-type': 'application/json' }).end('{"silenceID":"5e1f0c3a-0000-4000-8000-000000000001"}');
        else if (req.method === 'DELETE') res.writeHead(200).end();
        else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify([gettable(alert)]));
      });
    });
    listener = await listenOnLoopback(server);
  });
  beforeEach(() => {
    seen.length = 0;
  });
  after(async () => {
    for (const socket of listener.sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends the configured headers and Basic credentials under a route prefix', async () => {
    const watched = watch(
      { name: 'mimir', url: `${listener.url}/alertmanager`, username: 'tenant-user', headers: { 'X-Scope-OrgID': 'tenant-1' } },
      { secrets: { [SecretKeys.alertmanagerPassword('mimir')]: TEST_BASIC_AUTH.password } },
    );
    await waitFor('ok health', () => watched.source.health.state === 'ok');
    assert.equal(seen[0]!.method, 'GET');
    assert.equal(seen[0]!.path, '/alertmanager/api/v2/alerts');
    assert.equal(seen[0]!.headers['x-scope-orgid'], 'tenant-1');
    assert.equal(seen[0]!.headers.authorization, `Basic ${Buffer.from(`tenant-user:${TEST_BASIC_AUTH.password}`).toString('base64')}`);
  });

  it('posts one equality matcher per label and deletes by id on the singular path', async () => {
    const watched = watch({ name: 'mimir', url: `${listener.url}/alertmanager/`, headers: { 'X-Scope-OrgID': 'tenant-1' } });
    const incident = await waitFor('the incident', () => watched.source.incidents[0]);
    const before = Date.now();
    const id = await watched.source.silence(incident, { durationMs: 30 * 60_000, comment: 'Deploy rollback in progress', createdBy: 'alice' });
    assert.equal(id, '5e1f0c3a-0000-4000-8000-000000000001');
    const post = seen.find((r) => r.method === 'POST')!;
    assert.equal(post.path, '/alertmanager/api/v2/silences');
    assert.equal(post.headers['content-type'], 'application/json');
    assert.equal(post.headers['x-scope-orgid'], 'tenant-1');
    const body = JSON.parse(post.body) as { matchers: unknown[]; startsAt: string; endsAt: string; createdBy: string; comment: string };
    assert.deepEqual(
      body.matchers,
      Object.entries(alert.labels).map(([name, value]) => ({ name, value, isRegex: false, isEqual: true })),
    );
    assert.equal(body.createdBy, 'alice');
    assert.equal(body.comment, 'Deploy rollback in progress');
    assert.ok(Date.parse(body.startsAt) >= before - 1000 && Date.parse(body.startsAt) <= Date.now());
    assert.equal(Date.parse(body.endsAt) - Date.parse(body.startsAt), 30 * 60_000);
    assert.equal(seen.at(-1)!.method, 'GET', 'silence() refreshes after writing');

    await watched.source.expireSilence(id);
    const del = seen.find((r) => r.method === 'DELETE')!;
    assert.equal(del.path, `/alertmanager/api/v2/silence/${id}`);
    assert.equal(seen.at(-1)!.method, 'GET', 'expireSilence() refreshes after writing');
  });
});

describe('AlertmanagerSource in an alert storm', function () {
  this.timeout(30_000);
  let server: http.Server;
  let listener: Awaited<ReturnType<typeof listenOnLoopback>>;
  // 40,000 kube-prometheus alerts: about 37 MB of JSON, over the 32 MB other answers are held to.
  const storm = Buffer.from(JSON.stringify(makeAlertPayload(40_000)));

  before(async () => {
    server = http.createServer((req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': storm.length }).end(storm);
    });
    listener = await listenOnLoopback(server);
  });
  after(async () => {
    for (const socket of listener.sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('shows every alert of a list larger than 32 MB instead of the alerts from before the storm', async () => {
    assert.ok(storm.length > 32 * 1024 * 1024);
    const watched = watch({ name: 'storm', url: listener.url });
    await waitFor('the storm', () => watched.source.health.state !== 'connecting', 20_000);
    assert.deepEqual(watched.source.health.state, 'ok', JSON.stringify(watched.source.health));
    assert.equal(watched.source.incidents.length, 40_000);
  });
});
