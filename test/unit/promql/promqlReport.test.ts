import assert from 'node:assert/strict';
import { renderChart, seriesPath, valueRange } from '../../../src/core/promql/promqlChart';
import { chooseRange } from '../../../src/core/promql/promqlRange';
import { describeRange, renderPanelHtml, timelineText, type PromqlRun } from '../../../src/core/promql/promqlReport';
import { seriesRow } from '../../../src/core/promql/promqlResult';

const NOW = Date.parse('2026-12-06T14:02:00Z');
const range = chooseRange(NOW, Date.parse('2026-12-06T13:00:00Z'));
const at = (minutes: number) => (range.startMs + minutes * 60_000) / 1000;

describe('the chart', () => {
  const box = { width: 276, height: 134 };
  const scale = { startMs: 0, endMs: 200_000, min: 0, max: 10, box };

  it('maps the first point to the left edge and the greatest value to the top', () => {
    assert.equal(seriesPath([{ t: 0, v: 10 }, { t: 200_000, v: 0 }], scale, 300_000), 'M64 10 L264 110');
  });

  it('breaks the line at a missing value and at a gap of more than two steps', () => {
    const d = seriesPath([{ t: 0, v: 1 }, { t: 10_000, v: Number.NaN }, { t: 20_000, v: 1 }, { t: 30_000, v: 1 }, { t: 190_000, v: 1 }], scale, 20_000);
    assert.equal(d.split('M').length - 1, 3);
  });

  it('widens a flat range so the line sits mid-height', () => {
    assert.deepEqual(valueRange([seriesRow({}, [[1, '4']])]), { min: 2, max: 6 });
    assert.deepEqual(valueRange([seriesRow({}, [[1, '0']])]), { min: -0.5, max: 0.5 });
    assert.equal(valueRange([seriesRow({}, [[1, 'NaN']])]), undefined);
  });

  it('draws one path per series, with the value and time range on the axes', () => {
    const svg = renderChart([seriesRow({ a: '1' }, [[at(0), '1'], [at(1), '3']]), seriesRow({ a: '2' }, [[at(0), '2']])], range, { width: 960, height: 280 })!;
    assert.equal(svg.match(/<path /g)?.length, 2);
    assert.match(svg, /class="line s0"/);
    assert.match(svg, />12:30 UTC</);
    assert.match(svg, />14:02 UTC</);
    assert.match(svg, />3</);
    assert.match(svg, />1</);
  });
});

describe('the panel and the timeline', () => {
  const run: PromqlRun = {
    instance: 'main',
    query: 'rate(x{pod="<b>&\'"}[5m])',
    range,
    graphUrl: 'http://p:9090/graph?g0.expr=x&g0.tab=0',
    from: 'Checkout down › Check the error rate',
    result: { series: [seriesRow({ __name__: 'x', pod: '<script>alert(1)</script>' }, [[at(0), '0.5'], [at(1), '1.25']])], total: 1, notes: [] },
  };

  it('says the range in UTC and why it was chosen', () => {
    assert.equal(describeRange(range), '2026-12-06 12:30–14:02 UTC, from 30 min before the first alert (step 30s)');
  });

  it('allows only its own nonce under the content security policy, and escapes what came from outside', () => {
    const html = renderPanelHtml(run, 'abc123');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)![1]!;
    assert.match(csp, /default-src 'none'/);
    assert.match(csp, /script-src 'nonce-abc123';/);
    assert.match(csp, /style-src 'nonce-abc123';/);
    assert.equal(csp, "default-src 'none'; style-src 'nonce-abc123'; script-src 'nonce-abc123';");
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.match(html, /<script nonce="abc123">/);
    assert.doesNotMatch(html, /<script>alert/);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /rate\(x\{pod=&quot;&lt;b&gt;&amp;&#39;&quot;\}\[5m\]\)/);
    assert.match(html, /<td class="num">1.25<\/td><td class="num">0.5<\/td><td class="num">1.25<\/td>/);
    assert.doesNotMatch(html, /src=|href=/);
  });

  it('shows a failure or an empty answer as its sentence instead of a table', () => {
    assert.match(renderPanelHtml({ ...run, result: undefined, problem: 'Prometheus main is unreachable (connection refused).' }, 'n'), /class="problem" role="alert">Prometheus main is unreachable/);
    const empty = renderPanelHtml({ ...run, result: { series: [], total: 0, notes: [] } }, 'n');
    assert.match(empty, /The query returned no data for 2026-12-06 12:30–14:02 UTC/);
    assert.doesNotMatch(empty, /<table/);
  });

  it('puts the query, the range and the table as text into the timeline', () => {
    assert.equal(
      timelineText(run),
      [
        'PromQL on main, 2026-12-06 12:30–14:02 UTC, from 30 min before the first alert (step 30s):',
        'rate(x{pod="<b>&\'"}[5m])',
        'x{pod="<script>alert(1)</script>"}: last 1.25, min 0.5, max 1.25',
      ].join('\n'),
    );
  });
});
