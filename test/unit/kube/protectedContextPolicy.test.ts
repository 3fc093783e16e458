import * as assert from 'node:assert/strict';
import {
  compileContextGlob,
  DEFAULT_PROTECTED_PATTERNS,
  isProtectedContext,
  protectionOf,
} from '../../../src/core/kube/protectedContextPolicy';
import { PROTECTED_CONTEXT_CASES } from './protectedContextCases';

describe('protectionOf with the default patterns', () => {
  for (const row of PROTECTED_CONTEXT_CASES) {
    it(`${row.protected ? 'protects' : 'does not protect'} ${row.context} (${row.why})`, () => {
      const verdict = protectionOf({ context: row.context, cluster: row.cluster, server: row.server }, DEFAULT_PROTECTED_PATTERNS);
      assert.equal(verdict.protected, row.protected, verdict.reason);
      if (row.matchedBy) {
        const part = { name: 'its name', cluster: 'its cluster', server: 'its server' }[row.matchedBy];
        assert.ok(verdict.reason?.startsWith(part), `reason should name ${part}: ${verdict.reason}`);
      }
    });
  }

  it('names the pattern that matched', () => {
    assert.equal(
      protectionOf({ context: 'dev', cluster: 'dev', server: 'https://api.prod.example.com' }, ['*prod*']).reason,
      'its server https://api.prod.example.com matches "*prod*"',
    );
  });
});

describe('isProtectedContext', () => {
  it('matches context names with the default pattern, case-insensitively', () => {
    assert.equal(isProtectedContext('gke_acme_europe-west1_prod-eu', ['*prod*']), true);
    assert.equal(isProtectedContext('arn:aws:eks:us-east-1:123:cluster/PROD-main', ['*prod*']), true);
    assert.equal(isProtectedContext('staging', ['*prod*']), false);
  });

  it('treats ? as exactly one character', () => {
    assert.equal(isProtectedContext('prod-1', ['prod-?']), true);
    assert.equal(isProtectedContext('prod-12', ['prod-?']), false);
    assert.equal(isProtectedContext('prod-', ['prod-?']), false);
  });

  it('matches a pattern without wildcards as the whole name only', () => {
    assert.equal(isProtectedContext('payments', ['payments']), true);
    assert.equal(isProtectedContext('payments-dev', ['payments']), false);
    assert.equal(isProtectedContext('PAYMENTS', ['payments']), true);
  });

  it('takes regex characters literally', () => {
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
