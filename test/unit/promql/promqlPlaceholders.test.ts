import assert from 'node:assert/strict';
import {
  builtInValues,
  encodePromqlValue,
  fillPromqlQuery,
  findPromqlPlaceholders,
  findPromqlPositions,
  promqlPlaceholderNames,
  promqlValueFromIncident,
  queryOfBlock,
} from '../../../src/core/promql/promqlPlaceholders';
import { formatPromDuration } from '../../../src/core/promql/promqlRange';

const forms = (query: string) => findPromqlPlaceholders(query).map((p) => [p.text, p.name, p.form]);

describe('PromQL placeholders: the forms runbooks write', () => {
  it('finds angle, dashboard-variable and alert-template blanks', () => {
    assert.deepEqual(forms('up{namespace="<namespace>", pod="$pod", job="{{ $labels.job }}", node="${NODE}", x="{{$labels.instance}}"}'), [
      ['<namespace>', 'namespace', 'angle'],
      ['$pod', 'pod', 'variable'],
      ['{{ $labels.job }}', 'job', 'template'],
      ['${NODE}', 'node', 'variable'],
      ['{{$labels.instance}}', 'instance', 'template'],
    ]);
  });

  it('reads "<value of instance label from alert>" as the instance label', () => {
    assert.deepEqual(forms('node_filesystem_avail_bytes{instance="<value of instance label from alert>"}'), [['<value of instance label from alert>', 'instance', 'angle']]);
  });

  it('takes no comparison, shift or generic for a blank', () => {
    assert.deepEqual(forms('rate(x[5m]) < 5 and y<z>0'), []);
    assert.deepEqual(forms('a <<b>'), []);
  });

  it('lists the names to ask for once each, without the dashboard built-ins', () => {
    assert.deepEqual(promqlPlaceholderNames('rate(x{ns="$NS"}[$__rate_interval]) / on() y{ns="<ns>"}[$__interval]'), ['ns']);
  });
});

describe('PromQL placeholders: where a value lands', () => {
  const positions = (query: string) => {
    const placeholders = findPromqlPlaceholders(query);
    const found = findPromqlPositions(query, placeholders);
    return placeholders.map((p) => found.get(p.offset));
  };

  it('tells strings after = and =~ apart, and the quote of each', () => {
    assert.deepEqual(positions(`x{a="<a>", b=~'<b>.*', c!~\`<c>\`, d!="<d>"}`), [
      { kind: 'string', quote: '"', regex: false },
      { kind: 'string', quote: "'", regex: true },
      { kind: 'string', quote: '`', regex: true },
      { kind: 'string', quote: '"', regex: false },
    ]);
  });

  it('knows a bare matcher value, a range and a plain token', () => {
    assert.deepEqual(positions('sum by (<label>) (rate(x{pod=~$pod}[<window>])) > <threshold>'), [
      { kind: 'token' },
      { kind: 'matcher', regex: true },
      { kind: 'duration' },
      { kind: 'token' },
    ]);
  });

  it('skips comments and escaped quotes while reading', () => {
    assert.deepEqual(positions('# a "quote in a comment\nx{a="say \\"hi\\" <a>"}'), [{ kind: 'string', quote: '"', regex: false }]);
  });
});

describe('PromQL placeholders: values are data', () => {
  it('escapes a value for the double-quoted string it stands in', () => {
    assert.equal(fillPromqlQuery('up{ns="<namespace>"}', { namespace: 'a"b\\c' }).query, 'up{ns="a\\"b\\\\c"}');
  });

  it('escapes regular-expression characters after =~, so a pod name matches only itself', () => {
    assert.equal(fillPromqlQuery('up{pod=~"<pod>"}', { pod: 'web-1.abc' }).query, 'up{pod=~"web-1\\\\.abc"}');
    assert.equal(fillPromqlQuery("up{pod=~'<pod>'}", { pod: 'a(b)' }).query, "up{pod=~'a\\\\(b\\\\)'}");
  });

  it('writes a bare matcher value as one whole string literal', () => {
    assert.equal(fillPromqlQuery('up{namespace=$namespace}', { namespace: 'shop' }).query, 'up{namespace="shop"}');
    assert.equal(fillPromqlQuery('up{namespace=$namespace}', { namespace: '"} or vector(1) #' }).query, 'up{namespace="\\"} or vector(1) #"}');
  });

  it('refuses what would end a raw string, leave a range, or become code outside a string', () => {
    assert.match(fillPromqlQuery('up{a=`<a>`}', { a: 'x`y' }).refusals[0]!, /backtick/);
    assert.match(fillPromqlQuery('rate(x[<window>])', { window: '5m]) or up[' }).refusals[0]!, /duration/);
    assert.match(fillPromqlQuery('x > <threshold>', { threshold: '1 or vector(1)' }).refusals[0]!, /number, a duration or a metric or label name/);
    assert.match(fillPromqlQuery('up{a="<a>"}', { a: 'line\nbreak' }).refusals[0]!, /line break/);
  });

  it('accepts tokens where the query wants them', () => {
    assert.equal(fillPromqlQuery('sum by (<label>) (rate(x[<window>])) > <threshold>', { label: 'pod', window: '1h30m', threshold: '0.5' }).query, 'sum by (pod) (rate(x[1h30m])) > 0.5');
    assert.deepEqual(encodePromqlValue('1e3', { kind: 'token' }), { text: '1e3' });
  });

  it('fills every occurrence and lists the blanks left', () => {
    const filled = fillPromqlQuery('a{ns="<namespace>"} / b{ns="<namespace>", pod="<pod>"}', { namespace: 'shop' });
    assert.equal(filled.query, 'a{ns="shop"} / b{ns="shop", pod="<pod>"}');
    assert.deepEqual(filled.unfilled, ['<pod>']);
  });

  it('fills the dashboard built-ins from the step and range', () => {
    const values = builtInValues(15, 3600, formatPromDuration);
    assert.equal(fillPromqlQuery('rate(x[$__rate_interval]) + rate(y[${__interval}]) + increase(z[$__range])', values).query, 'rate(x[1m]) + rate(y[15s]) + increase(z[1h])');
  });
});

describe('PromQL placeholders: values from the incident', () => {
  const labels = { alertname: 'KubePodCrashLooping', namespace: 'shop', pod: 'checkout-1', job: 'kube-state-metrics', exported_namespace: 'other' };

  it('takes the label of the same name, job included', () => {
    assert.equal(promqlValueFromIncident('job', labels), 'kube-state-metrics');
    assert.equal(promqlValueFromIncident('namespace', labels), 'shop');
  });

  it('takes the shell steps’ rules for other names', () => {
    assert.equal(promqlValueFromIncident('pod-name', labels), 'checkout-1');
    assert.equal(promqlValueFromIncident('exported-namespace', labels), 'other');
    assert.equal(promqlValueFromIncident('vm', labels), undefined);
  });
});

describe('queryOfBlock', () => {
  it('drops a transcript prompt in front of every line', () => {
    assert.equal(queryOfBlock('$ kmp_mac_collisions > 1\n'), 'kmp_mac_collisions > 1');
  });

  it('keeps a query whose first token is a dashboard variable', () => {
    assert.equal(queryOfBlock('$metric{a="b"}\n'), '$metric{a="b"}');
  });
});
