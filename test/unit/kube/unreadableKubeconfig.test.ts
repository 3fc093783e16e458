import * as assert from 'node:assert/strict';
import { ActiveContextError, unreadableKubeconfigError } from '../../../src/core/kube/activeContextResolver';

describe('unreadableKubeconfigError', () => {
  const cases: [code: string | undefined, words: RegExp][] = [
    ['ENOENT', /no such file \(ENOENT\)/],
    ['EACCES', /permission denied \(EACCES\)/],
    ['EISDIR', /it is a folder \(EISDIR\)/],
    ['ELOOP', /too many links \(ELOOP\)/],
    [undefined, /\(unreadable\)/],
  ];
  for (const [code, words] of cases) {
    it(`names the path, the setting and the OS error ${code ?? '(none)'} in one sentence`, () => {
      const error = unreadableKubeconfigError('/home/sre/.kube/staging', { code, message: 'too many links' }, 'set in oncall.kube.kubeconfig');
      assert.ok(ActiveContextError.is(error, 'unreadable-kubeconfig'));
      assert.match(error.message, /^Cannot read the kubeconfig \/home\/sre\/\.kube\/staging \(set in oncall\.kube\.kubeconfig\): /);
      assert.match(error.message, words);
      assert.match(error.message, /Steps do not run/);
    });
  }
});
