import * as assert from 'node:assert/strict';
import { parseFieldSelector, parseLabelSelector, SelectorError } from '../../fixtures/kube/kubeSelectors';
import { humanDuration } from '../../fixtures/kube/kubeTables';

describe('Kubernetes API fixture: selectors and printing', () => {
  const labels = { app: 'web', tier: 'frontend', replicas: '3' };

  it('matches label selectors with the apimachinery semantics', () => {
    const cases: Array<[string, boolean]> = [
      ['', true],
      ['app=web', true],
      ['app==web', true],
      ['app!=web', false],
      ['app!=api', true],
      ['missing!=x', true],
      ['app', true],
      ['!app', false],
      ['!missing', true],
      ['app=web,tier=frontend', true],
      ['app=web,tier=backend', false],
      ['app in (api, web)', true],
      ['app notin (api,web)', false],
      ['missing notin (a)', true],
      ['missing in (a)', false],
      ['replicas>2', true],
      ['replicas<2', false],
      ['app in (web),!canary', true],
    ];
    for (const [selector, expected] of cases) assert.equal(parseLabelSelector(selector)(labels), expected, selector);
  });

  it('rejects malformed label selectors', () => {
    for (const selector of ['app=web,', 'app in web', 'app in (web', '=web', 'replicas>x']) {
      assert.throws(() => parseLabelSelector(selector), SelectorError, selector);
    }
  });

  it('parses field selectors with escapes and both operators', () => {
    assert.deepEqual(parseFieldSelector('type=Warning,involvedObject.name!=web'), [
      { field: 'type', operator: '=', value: 'Warning' },
      { field: 'involvedObject.name', operator: '!=', value: 'web' },
    ]);
    assert.deepEqual(parseFieldSelector('metadata.name==a\\,b\\=c'), [{ field: 'metadata.name', operator: '=', value: 'a,b=c' }]);
    assert.deepEqual(parseFieldSelector('spec.nodeName='), [{ field: 'spec.nodeName', operator: '=', value: '' }]);
    assert.throws(() => parseFieldSelector('nonsense'), SelectorError);
  });

  it('prints ages like kubectl (duration.HumanDuration)', () => {
    const s = 1000;
    const cases: Array<[number, string]> = [
      [5 * s, '5s'],
      [119 * s, '119s'],
      [190 * s, '3m10s'],
      [600 * s, '10m'],
      [3 * 3600 * s + 10 * 60 * s, '3h10m'],
      [30 * 3600 * s, '30h'],
      [2 * 86400 * s, '2d'],
      [3 * 86400 * s + 5 * 3600 * s, '3d5h'],
      [120 * 86400 * s, '120d'],
      [(3 * 365 + 10) * 86400 * s, '3y10d'],
    ];
    for (const [ms, expected] of cases) assert.equal(humanDuration(ms), expected, expected);
  });
});
