import * as assert from 'node:assert/strict';
import { compileContextGlob, isProtectedContext } from '../../../src/core/kube/protectedContextPolicy';

describe('isProtectedContext', () => {
  it('matches *prod* anywhere in the name, ignoring case', () => {
    assert.equal(isProtectedContext('gke_acme_europe-west1_prod-eu', ['*prod*']), true);
    assert.equal(isProtectedContext('arn:aws:eks:us-east-1:123:cluster/PROD-main', ['*prod*']), true);
    assert.equal(isProtectedContext('staging', ['*prod*']), false);
  });

  it('treats ? as exactly one character', () => {
    assert.equal(isProtectedContext('prod-1', ['prod-?']), true);
    assert.equal(isProtectedContext('prod-12', ['prod-?']), false);
    assert.equal(isProtectedContext('prod-', ['prod-?']), false);
  });

  it('matches exact names only as a whole', () => {
    assert.equal(isProtectedContext('payments', ['payments']), true);
    assert.equal(isProtectedContext('payments-dev', ['payments']), false);
    assert.equal(isProtectedContext('PAYMENTS', ['payments']), true);
  });

  it('takes other characters literally', () => {
    assert.equal(isProtectedContext('a.b', ['a.b']), true);
    assert.equal(isProtectedContext('axb', ['a.b']), false);
    assert.equal(isProtectedContext('team(1)+[x]', ['team(1)+[x]']), true);
    assert.equal(isProtectedContext('cluster/prod', ['cluster/*']), true);
    assert.equal(isProtectedContext('ab', ['a|b']), false);
    assert.equal(isProtectedContext('$ctx^', ['$ctx^']), true);
  });

  it('protects nothing without patterns and ignores blank ones', () => {
    assert.equal(isProtectedContext('prod', []), false);
    assert.equal(isProtectedContext('prod', ['', '  ']), false);
    assert.equal(isProtectedContext('prod', ['', ' prod ']), true);
  });

  it('compiles a glob that matches whole names only', () => {
    const glob = compileContextGlob('prod*');
    assert.equal(glob.test('prod-eu'), true);
    assert.equal(glob.test('PROD'), true);
    assert.equal(glob.test('nonprod-eu'), false);
    assert.equal(compileContextGlob('*').test(''), true);
  });
});
