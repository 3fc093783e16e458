// Range queries against the real Prometheus (Debian's 2.42, started here on loopback with
// basic auth), scraping the fixture's /metrics every second: the series come back with their
// labels, rate() agrees with the rate the fixture's counter grows at, the gauge's changes show
// in min, max and last, and each failure is one sentence.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { fillPromqlQuery } from '../../../src/core/promql/promqlPlaceholders';
import type { QueryRange } from '../../../src/core/promql/promqlRange';
import { SecretKeys } from '../../../src/platform/incidents/incidentSource';
import { queryPrometheusRange, type PrometheusTarget } from '../../../src/platform/prometheus/prometheusClient';
import { TEST_BASIC_AUTH } from '../../fixtures/alertmanager/alertmanagerProcess';
import { FIXTURE_LABELS, FIXTURE_RATES, startMetricsEndpoint, type MetricsEndpoint } from '../../fixtures/prometheus/metricsEndpoint';
import { startPrometheus, type RunningPrometheus } from '../../fixtures/prometheus/prometheusProcess';
import { listenOnLoopback } from '../../support/loopback';
import { waitFor } from '../../support/waiting';
import { MemorySecrets, TEST_SERVERS_ONLY } from '../platform/sourceTestSupport';

describe('queryPrometheusRange against a real Prometheus', function () {
  this.timeout(90_000);
  let metrics: MetricsEndpoint;
  let prometheus: RunningPrometheus;
  let target: PrometheusTarget;

  /** From the fixture's start to now, one point a second: every scrape is seen. */
  const sinceStart = (): QueryRange => ({ startMs: Math.floor(metrics.startedAt / 1000) * 1000, endMs: Math.ceil(Date.now() / 1000) * 1000, stepSeconds: 1, basis: 'incident' });
  const ok = async (query: string, range = sinceStart()) => {
    const outcome = await queryPrometheusRange(target, query, range);
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.problem);
    return outcome.result;
  };

  before(async () => {
    metrics = await startMetricsEndpoint();
    metrics.setGauge(3);
    prometheus = await startPrometheus({ targets: [metrics.target], basicAuth: TEST_BASIC_AUTH });
    target = {
      instance: { name: 'main', url: prometheus.url, username: TEST_BASIC_AUTH.user },
      secrets: new MemorySecrets({ [SecretKeys.prometheusPassword('main')]: TEST_BASIC_AUTH.password }),
      credentials: TEST_SERVERS_ONLY,
      timeoutMs: 10_000,
    };
    // rate() over 5 s wants a few scrapes in the window.
    await waitFor('six scrapes of the fixture', () => metrics.scrapes.length >= 6, 30_000);
    await prometheus.waitForSeries('oncall_fixture_requests_total', 2);
  });

  after(async () => {
    await prometheus?.stop();
    await metrics?.close();
  });

  it('returns the series the fixture exposes, with their labels', async () => {
    const result = await ok('oncall_fixture_requests_total');
    assert.deepEqual(result.series.map((s) => s.labels.route).sort(), Object.keys(FIXTURE_RATES).sort());
    for (const series of result.series) {
      assert.equal(series.labels.namespace, FIXTURE_LABELS.namespace);
      assert.equal(series.labels.job, 'oncall-fixture');
      assert.ok(series.points.length >= 3, `${series.points.length} points`);
      assert.ok(series.min! < series.max!, 'a counter that grows');
    }
  });

  it('computes rate() as the rate the fixture’s counters grow at', async () => {
    const result = await ok('rate(oncall_fixture_requests_total[5s])');
    for (const series of result.series) {
      const expected = FIXTURE_RATES[series.labels.route!]!;
      assert.ok(Math.abs(series.last! - expected) / expected < 0.05, `${series.labels.route}: rate ${series.last} against ${expected}/s`);
    }
  });

  it('shows the gauge’s changes in its least, greatest and last values', async () => {
    metrics.setGauge(7);
    await waitFor('the gauge at 7 in Prometheus', async () => (await prometheus.instantQuery('oncall_fixture_queue_depth{queue="orders"}'))[0]?.value[1] === '7', 30_000);
    const [orders] = (await ok('oncall_fixture_queue_depth{queue="orders"}')).series;
    assert.deepEqual([orders!.min, orders!.max, orders!.last], [3, 7, 7]);
  });

  it('finds a label value holding a quote once the value is written into the query', async () => {
    const filled = fillPromqlQuery('oncall_fixture_queue_depth{namespace="<namespace>"}', { namespace: 'quote"d ns' });
    const result = await ok(filled.query);
    assert.deepEqual(result.series.map((s) => s.labels.queue), ['odd']);
  });

  it('says where a query is not valid PromQL, in Prometheus’ own words', async () => {
    const outcome = await queryPrometheusRange(target, 'sum(rate(oncall_fixture_requests_total[5m])', sinceStart());
    assert.ok(!outcome.ok);
    assert.match(outcome.problem, /^The query is not valid PromQL at line 1, column \d+: parse error: .+/);
  });

  it('answers no series for a metric nobody exposes', async () => {
    const result = await ok('oncall_fixture_never_exposed');
    assert.equal(result.total, 0);
  });

  it('keeps the first 500 of more series, with a note', async () => {
    metrics.setWideSeries(520);
    await prometheus.waitForSeries('oncall_fixture_wide', 520);
    const result = await ok('oncall_fixture_wide');
    metrics.setWideSeries(0);
    assert.equal(result.series.length, 500);
    assert.equal(result.total, 520);
    assert.match(result.notes.join(' '), /first 500 of 520 series/);
  });

  it('asks for credentials when the password is missing, and never says the password', async () => {
    const outcome = await queryPrometheusRange({ ...target, secrets: new MemorySecrets() }, 'up', sinceStart());
    assert.ok(!outcome.ok);
    assert.equal(outcome.needsCredentials, true);
    assert.match(outcome.problem, /Prometheus main refused the request \(401\): set its password or token\./);
    assert.doesNotMatch(`${outcome.problem} ${outcome.detail}`, new RegExp(TEST_BASIC_AUTH.password));
  });

  it('gives up on a server that does not answer in time', async () => {
    const silent: Server = createServer(() => undefined);
    const listener = await listenOnLoopback(silent);
    try {
      const outcome = await queryPrometheusRange({ ...target, instance: { name: 'stuck', url: listener.url }, timeoutMs: 300 }, 'up', sinceStart());
      assert.ok(!outcome.ok);
      assert.match(outcome.problem, /^Prometheus stuck did not answer within .+; try a shorter range or a cheaper query\.$/);
    } finally {
      for (const socket of listener.sockets) socket.destroy();
      silent.close();
    }
  });
});
