import assert from 'node:assert/strict';
import { chooseRange, chooseStep, formatPromDuration, graphUrl, incidentWindow, prometheusFromGeneratorUrl, queryRangeParams } from '../../../src/core/promql/promqlRange';

const NOW = Date.parse('2026-12-06T14:02:00Z');

describe('PromQL range and step', () => {
  it('covers 30 minutes before the first alert to now', () => {
    const range = chooseRange(NOW, Date.parse('2026-12-06T13:00:00Z'));
    assert.equal(new Date(range.startMs).toISOString(), '2026-12-06T12:30:00.000Z');
    assert.equal(range.endMs, NOW);
    assert.equal(range.basis, 'incident');
  });

  it('covers the last hour without an incident, or with a start in the future', () => {
    for (const earliest of [undefined, NOW + 60_000, Number.NaN]) {
      const range = chooseRange(NOW, earliest);
      assert.equal(range.endMs - range.startMs, 3600_000);
      assert.equal(range.basis, 'last-hour');
      assert.equal(range.stepSeconds, 15);
    }
  });

  it('chooses a readable step giving at most about 250 points', () => {
    for (const [rangeMs, step] of [[60_000, 1], [3600_000, 15], [5400_000, 30], [6 * 3600_000, 120], [7 * 86400_000, 3600], [400 * 86400_000, 172800]] as const) {
      assert.equal(chooseStep(rangeMs), step, `${rangeMs} ms`);
      assert.ok(rangeMs / 1000 / step <= 250, `${rangeMs / 1000 / step} points`);
    }
  });

  it('writes durations as Prometheus reads them', () => {
    assert.deepEqual([15, 60, 90, 3600, 5400, 86400 + 7200, 0.25].map(formatPromDuration), ['15s', '1m', '1m30s', '1h', '1h30m', '1d2h', '250ms']);
  });

  it('asks the range API for the same range and step', () => {
    const range = chooseRange(NOW);
    assert.deepEqual(queryRangeParams('up', range), [['query', 'up'], ['start', String((NOW - 3600_000) / 1000)], ['end', String(NOW / 1000)], ['step', '15']]);
  });
});

describe('the graph link and the Prometheus an alert came from', () => {
  it('opens the graph page for the same query and range, under a path prefix, without credentials', () => {
    const url = new URL(graphUrl('https://u:secret@prom.example:9090/prometheus/', 'rate(x{a="b"}[5m])', chooseRange(NOW)));
    assert.equal(url.origin + url.pathname, 'https://prom.example:9090/prometheus/graph');
    assert.equal(url.username + url.password, '');
    assert.equal(url.searchParams.get('g0.expr'), 'rate(x{a="b"}[5m])');
    assert.equal(url.searchParams.get('g0.range_input'), '1h');
    assert.equal(url.searchParams.get('g0.end_input'), '2026-12-06 14:02:00');
    assert.equal(url.searchParams.get('g0.step_input'), '15');
    assert.equal(url.searchParams.get('g0.tab'), '0');
  });

  it('reads a Prometheus base URL off a generator URL, and nothing off other links', () => {
    assert.equal(prometheusFromGeneratorUrl('http://prometheus-k8s-0:9090/graph?g0.expr=up&g0.tab=1'), 'http://prometheus-k8s-0:9090');
    assert.equal(prometheusFromGeneratorUrl('https://obs.example/prometheus/graph?g0.expr=up'), 'https://obs.example/prometheus');
    assert.equal(prometheusFromGeneratorUrl('https://grafana.example/alerting/grafana/abc/view'), undefined);
    assert.equal(prometheusFromGeneratorUrl('https://thanos.example/alerts'), undefined);
    assert.equal(prometheusFromGeneratorUrl('not a url'), undefined);
    assert.equal(prometheusFromGeneratorUrl(undefined), undefined);
  });

  it('takes the earliest alert, the first alert’s labels and every Prometheus once', () => {
    const window = incidentWindow([
      { startedAt: '2026-12-06T13:10:00Z', labels: { pod: 'a' }, url: 'http://p:9090/graph?g0.expr=x' },
      { startedAt: '2026-12-06T13:00:00Z', labels: { pod: 'b' }, url: 'http://p:9090/graph?g0.expr=y' },
      { startedAt: '', labels: {} },
    ]);
    assert.equal(window.earliestAlertMs, Date.parse('2026-12-06T13:00:00Z'));
    assert.deepEqual(window.labels, { pod: 'a' });
    assert.deepEqual(window.prometheusUrls, ['http://p:9090']);
    assert.equal(incidentWindow([{ startedAt: '', labels: {} }], '2026-12-06T13:30:00Z').earliestAlertMs, Date.parse('2026-12-06T13:30:00Z'));
    assert.equal(incidentWindow([]).earliestAlertMs, undefined);
  });
});
