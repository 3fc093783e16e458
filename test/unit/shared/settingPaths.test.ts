import * as assert from 'node:assert/strict';
import { expandSettingPath, expandSettingPathList } from '../../../src/core/shared/settingPaths';
import { SETTING_PATH_CASES, SETTING_PATH_ENV, WINDOWS_PATH_ENV } from './settingPathCases';

describe('expandSettingPath', () => {
  for (const row of SETTING_PATH_CASES) {
    it(`${JSON.stringify(row.written)}: ${row.why}`, () => {
      const result = expandSettingPath(row.written, row.windows ? WINDOWS_PATH_ENV : SETTING_PATH_ENV);
      if (row.path !== undefined) assert.deepEqual(result, { path: row.path });
      else {
        assert.ok('error' in result, `expected a refusal, got ${JSON.stringify(result)}`);
        assert.ok(result.error.includes(row.error ?? ''), result.error);
        assert.ok(result.error.includes(row.written.trim()), 'the sentence names what was written');
      }
    });
  }
});

describe('expandSettingPathList', () => {
  it('expands every entry of a KUBECONFIG-style list, keeping ${env:…} whole', () => {
    assert.deepEqual(expandSettingPathList('~/.kube/a:${env:KUBE_DIR}/b::', ':', SETTING_PATH_ENV), {
      paths: ['/home/sre/.kube/a', '/srv/kube/b'],
    });
  });

  it('refuses the list when one entry cannot be expanded', () => {
    const result = expandSettingPathList('~/.kube/a:${env:TEAM}/b', ':', SETTING_PATH_ENV);
    assert.ok('error' in result && result.error.includes('TEAM'));
  });
});
