// Proves the Alertmanager fixture against the real binary (Debian prometheus-alertmanager
// 0.25): alerts go in and come back with fingerprints, silences suppress them, resolved alerts
// vanish, basic auth guards every path, and a restart keeps the port and the silences.
// Also proves the misbehaving stand-in answers the way error-path tests expect.

import * as assert from 'node:assert/strict';
import {
  alertsFromRules,
  kubePrometheusRulesDir,
  resolveAlert,
  startAlertmanager,
  TEST_BASIC_AUTH,
  type RunningAlertmanager,
} from '../../fixtures/alertmanager/alertmanagerProcess';
import { startMisbehavingAlertmanager, type MisbehavingAlertmanager } from '../../fixtures/alertmanager/misbehavingAlertmanager';
import { describeWithCorpus } from '../../support/corpus';

const HOUR = 3600_000;

function silenceFor(alertname: string) {
  return {
    matchers: [{ name: 'alertname', value: alertname, isRegex: false, isEqual: true }],
    startsAt: new Date().toISOString(),
    endsAt: new Date(Date.now() + HOUR).toISOString(),
    createdBy: 'oncall-test',
    comment: 'silenced by the fixture test',
  };
}

describe('alertsFromRules', () => {
  it('builds postable alerts from the fixture rules', () => {
    const all = alertsFromRules();
    assert.ok(all.length >= 10, `only ${all.length} alerts`);
    const [crash] = alertsFromRules(undefined, ['KubePodCrashLooping']);
    assert.ok(crash);
    assert.equal(crash.labels.alertname, 'KubePodCrashLooping');
    assert.equal(crash.labels.severity, 'warning');
    assert.equal(crash.labels.namespace, 'shop');
    assert.match(crash.labels.pod ?? '', /^checkout-/);
    assert.equal(crash.annotations?.runbook_url, 'https://runbooks.prometheus-operator.dev/runbooks/kubernetes/kubepodcrashlooping');
    assert.match(crash.annotations?.description ?? '', /^Pod shop\/checkout-\S+ \(checkout\) keeps restarting/);
    assert.doesNotMatch(crash.annotations?.description ?? '', /\{\{/);
    assert.ok(Date.parse(crash.startsAt!) < Date.now() && Date.parse(crash.endsAt!) > Date.now());
    const [kept] = alertsFromRules(undefined, ['KubePodCrashLooping'], { keepTemplates: true });
    assert.match(kept!.annotations?.description ?? '', /\{\{ \$labels\.namespace \}\}/);
    assert.throws(() => alertsFromRules(undefined, ['NoSuchAlert']), /NoSuchAlert/);
    const resolved = resolveAlert(crash);
    assert.ok(Date.parse(resolved.endsAt!) < Date.now());
    assert.deepEqual(resolved.labels, crash.labels);
  });
});

describe('startAlertmanager (real prometheus-alertmanager)', function () {
  this.timeout(30_000);
  let am: RunningAlertmanager;

  before(async () => {
    am = await startAlertmanager();
  });
  after(async () => {
    await am?.stop();
  });

  it('serves a v2 API on a loopback port', async () => {
    assert.match(am.url, /^http:\/\/127\.0\.0\.1:\d+$/);
    const status = (await (await am.request('/api/v2/status')).json()) as { versionInfo: { version: string }; cluster: { status: string } };
    assert.match(status.versionInfo.version, /^0\.\d+\.\d+/);
    // --cluster.listen-address= turns clustering off.
    assert.equal(status.cluster.status, 'disabled');
  });

  it('takes posted alerts and returns them with fingerprints, sorted by fingerprint', async () => {
    const alerts = alertsFromRules(undefined, ['KubePodCrashLooping', 'KubeNodeNotReady', 'TargetDown']);
    await am.postAlerts(alerts);
    const got = await am.alerts();
    const names = got.map((a) => a.labels.alertname).sort();
    assert.deepEqual(names, ['KubeNodeNotReady', 'KubePodCrashLooping', 'TargetDown']);
    for (const alert of got) {
      assert.match(alert.fingerprint, /^[0-9a-f]{16}$/);
      assert.equal(alert.status.state, 'active');
      assert.deepEqual(alert.receivers.map((r) => r.name), ['oncall-test']);
      assert.ok(alert.annotations.runbook_url?.startsWith('https://runbooks.prometheus-operator.dev/runbooks/'));
    }
    const fingerprints = got.map((a) => a.fingerprint);
    assert.deepEqual(fingerprints, [...fingerprints].sort());
    const filtered = await am.alerts(`filter=${encodeURIComponent('namespace="shop"')}`);
    assert.deepEqual(filtered.map((a) => a.labels.alertname), ['KubePodCrashLooping']);
  });

  it('a silence shows in GET /api/v2/silences and suppresses the alert', async () => {
    const id = await am.postSilence(silenceFor('TargetDown'));
    assert.match(id, /^[0-9a-f-]{36}$/);
    const silences = (await am.silences()) as { id: string; status: { state: string } }[];
    const silence = silences.find((s) => s.id === id);
    assert.equal(silence?.status.state, 'active');
    const target = (await am.alerts()).find((a) => a.labels.alertname === 'TargetDown');
    assert.equal(target?.status.state, 'suppressed');
    assert.deepEqual(target?.status.silencedBy, [id]);
    const unsilenced = await am.alerts('silenced=false');
    assert.ok(!unsilenced.some((a) => a.labels.alertname === 'TargetDown'));
  });

  it('resolved alerts disappear', async () => {
    const [node] = alertsFromRules(undefined, ['KubeNodeNotReady']);
    await am.postAlerts([resolveAlert(node!)]);
    const names = (await am.alerts()).map((a) => a.labels.alertname);
    assert.ok(!names.includes('KubeNodeNotReady'), names.join(','));
    assert.ok(names.includes('KubePodCrashLooping'));
  });

  it('restart keeps the port and the silences, but not the alerts', async () => {
    const port = am.port;
    const before = (await am.silences()).length;
    await am.restart();
    assert.equal(am.port, port);
    assert.equal((await am.request('/-/ready')).status, 200);
    assert.equal((await am.silences()).length, before);
    assert.deepEqual(await am.alerts(), []);
  });
});

describe('startAlertmanager with basic auth', function () {
  this.timeout(30_000);
  let am: RunningAlertmanager;

  before(async () => {
    am = await startAlertmanager({ basicAuth: TEST_BASIC_AUTH });
  });
  after(async () => {
    await am?.stop();
  });

  it('answers 401 without credentials on every path and 200 with them', async () => {
    for (const path of ['/api/v2/alerts', '/-/healthy', '/-/ready']) {
      const bare = await fetch(`${am.url}${path}`);
      await bare.arrayBuffer();
      assert.equal(bare.status, 401, path);
      assert.match(bare.headers.get('www-authenticate') ?? '', /^Basic/);
    }
    const wrong = await fetch(`${am.url}/api/v2/alerts`, { headers: { authorization: `Basic ${Buffer.from('oncall:wrong').toString('base64')}` } });
    await wrong.arrayBuffer();
    assert.equal(wrong.status, 401);
    const ok = await am.request('/api/v2/alerts');
    assert.equal(ok.status, 200);
    assert.deepEqual(await ok.json(), []);
    await am.postAlerts(alertsFromRules(undefined, ['KubePodCrashLooping']));
    assert.equal((await am.alerts()).length, 1);
  });
});

describe('startMisbehavingAlertmanager', () => {
  let bad: MisbehavingAlertmanager;

  before(async () => {
    bad = await startMisbehavingAlertmanager();
  });
  after(async () => {
    await bad?.close();
  });

  it('answers garbage, errors, slowly and by hanging up', async () => {
    const truncated = await fetch(`${bad.url}/api/v2/alerts`);
    assert.equal(truncated.status, 200);
    await assert.rejects(truncated.json(), SyntaxError);

    bad.setMode({ kind: 'garbage', variant: 'notArray' });
    assert.ok(!Array.isArray(await (await fetch(`${bad.url}/api/v2/alerts`)).json()));

    bad.setMode({ kind: 'status', status: 500 });
    const failed = await fetch(`${bad.url}/api/v2/alerts`);
    assert.equal(failed.status, 500);
    await failed.arrayBuffer();

    bad.setMode({ kind: 'status', status: 401 });
    const denied = await fetch(`${bad.url}/-/ready`);
    assert.equal(denied.status, 401);
    assert.equal(denied.headers.get('www-authenticate'), 'Basic');
    await denied.arrayBuffer();

    bad.setMode({ kind: 'slow', delayMs: 300 });
    await assert.rejects(fetch(`${bad.url}/api/v2/alerts`, { signal: AbortSignal.timeout(100) }), /abort|timeout/i);
    const started = Date.now();
    assert.deepEqual(await (await fetch(`${bad.url}/api/v2/alerts`)).json(), []);
    assert.ok(Date.now() - started >= 250);

    bad.setMode({ kind: 'hangUp' });
    await assert.rejects(fetch(`${bad.url}/api/v2/alerts`));

    assert.ok(bad.requests.length >= 7);
    assert.equal(bad.requests[0]!.path, '/api/v2/alerts');
  });
});

describeWithCorpus('alertsFromRules with the real kube-prometheus rules', (corpusDir) => {
  it('builds a postable alert for every alerting rule, templates filled', () => {
    const all = alertsFromRules(kubePrometheusRulesDir(corpusDir));
    assert.ok(all.length > 100, `only ${all.length} alerts`);
    for (const alert of all) {
      assert.ok(alert.labels.alertname && alert.labels.severity, JSON.stringify(alert.labels));
      assert.doesNotMatch(alert.annotations?.description ?? '', /\{\{/, alert.labels.alertname);
    }
  });
});
