import assert from 'node:assert/strict';
import { describeQueryFailure, formatSample, MAX_SERIES, parseSampleValue, readQueryResult, seriesName, seriesRow } from '../../../src/core/promql/promqlResult';

const matrix = (result: unknown[], extra: Record<string, unknown> = {}) => ({ status: 'success', data: { resultType: 'matrix', result }, ...extra });

describe('PromQL results: the table', () => {
  it('gives each series its last, least and greatest finite value', () => {
    const row = seriesRow({ __name__: 'up', job: 'node' }, [[100, '3'], [115, 'NaN'], [130, '1'], [145, '+Inf'], [160, '2']]);
    assert.equal(row.name, 'up{job="node"}');
    assert.deepEqual([row.last, row.min, row.max], [2, 1, 3]);
    assert.equal(row.points.length, 5);
    assert.equal(row.points[0]!.t, 100_000);
  });

  it('leaves the statistics out when a series has no finite value', () => {
    const row = seriesRow({}, [[1, 'NaN']]);
    assert.deepEqual([row.last, row.min, row.max], [undefined, undefined, undefined]);
    assert.equal(formatSample(row.last), '–');
  });

  it('reads Prometheus’ sample strings', () => {
    assert.deepEqual(['1.5', 'NaN', '+Inf', '-Inf', '1e-3', ''].map(parseSampleValue), [1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0.001, Number.NaN]);
  });

  it('names series as Prometheus writes them, labels sorted and quoted', () => {
    assert.equal(seriesName({ __name__: 'x', b: '2', a: 'say "hi"' }), 'x{a="say \\"hi\\"", b="2"}');
    assert.equal(seriesName({ __name__: 'up' }), 'up');
    assert.equal(seriesName({ job: 'j' }), '{job="j"}');
    assert.equal(seriesName({}), '{}');
  });

  it('formats samples short', () => {
    assert.deepEqual([0, 1, 0.1234567, 123456.7, 2.5e10, 3e-7, Number.NaN, -Infinity].map(formatSample), ['0', '1', '0.1235', '123500', '2.5e+10', '3e-7', 'NaN', '-Inf']);
  });

  it(`keeps the first ${MAX_SERIES} series and says how many there were`, () => {
    const result = readQueryResult(matrix(Array.from({ length: 612 }, (_, i) => ({ metric: { i: String(i) }, values: [[1, String(i)]] }))));
    assert.ok(!('problem' in result));
    assert.equal(result.series.length, MAX_SERIES);
    assert.equal(result.total, 612);
    assert.deepEqual(result.notes, ['Showing the first 500 of 612 series; narrow the query to see the rest.']);
  });

  it('passes on Prometheus’ warnings and reads vectors and scalars too', () => {
    const warned = readQueryResult(matrix([], { warnings: ['partial response'] }));
    assert.ok(!('problem' in warned));
    assert.deepEqual(warned.notes, ['Prometheus warns: partial response']);
    const scalar = readQueryResult({ status: 'success', data: { resultType: 'scalar', result: [5, '3'] } });
    assert.ok(!('problem' in scalar));
    assert.equal(scalar.series[0]!.last, 3);
  });

  it('says so when the answer is not a query result', () => {
    assert.deepEqual(readQueryResult({ status: 'error' }), { problem: 'Prometheus answered something that is not a query result.' });
    assert.deepEqual(readQueryResult([]), { problem: 'Prometheus answered something that is not a query result.' });
  });
});

describe('PromQL results: one sentence per failure', () => {
  const say = (failure: Parameters<typeof describeQueryFailure>[0]) => describeQueryFailure(failure, 'main', '30 s');
  const body = (errorType: string, error: string) => JSON.stringify({ status: 'error', errorType, error });

  it('gives a bad query Prometheus’ own message and its position', () => {
    assert.equal(
      say({ reason: 'status', detail: 'HTTP 400', status: 400, body: body('bad_data', '1:13: parse error: unclosed left parenthesis') }),
      'The query is not valid PromQL at line 1, column 13: parse error: unclosed left parenthesis',
    );
    assert.equal(say({ reason: 'status', detail: 'HTTP 400', status: 400, body: body('bad_data', 'invalid parameter "step"') }), 'Prometheus main refused the query: invalid parameter "step"');
  });

  it('tells 422, 503 and a timeout apart', () => {
    assert.equal(
      say({ reason: 'status', detail: 'HTTP 422', status: 422, body: body('execution', 'query processing would load too many samples into memory in query execution') }),
      'Prometheus main could not run the query (422, execution): query processing would load too many samples into memory in query execution.',
    );
    assert.equal(say({ reason: 'status', detail: 'HTTP 503', status: 503, body: body('timeout', 'query timed out in expression evaluation') }), 'Prometheus main is unavailable or overloaded (503, timeout): query timed out in expression evaluation.');
    assert.equal(say({ reason: 'status', detail: 'HTTP 503', status: 503, body: '<html>Service Unavailable</html>' }), 'Prometheus main is unavailable or overloaded (503): try again shortly.');
    assert.equal(say({ reason: 'timeout', detail: 'no answer within 30 s' }), 'Prometheus main did not answer within 30 s; try a shorter range or a cheaper query.');
  });

  it('names credentials, a wrong URL and an unreachable server', () => {
    assert.match(say({ reason: 'status', detail: 'HTTP 401', status: 401 }), /refused the request \(401\): set its password or token/);
    assert.match(say({ reason: 'status', detail: 'HTTP 404', status: 404 }), /no query API at its URL \(404\)/);
    assert.equal(say({ reason: 'unreachable', detail: 'connection refused' }), 'Prometheus main is unreachable (connection refused).');
  });
});
