import assert from 'node:assert/strict';
import { decideCredentialRelease } from '../../../src/core/incidents/credentialOrigin';
import { clampPollSeconds, nextPollDelay } from '../../../src/core/incidents/pollSchedule';
import { effectiveCaptureOutput, effectiveConfirmMode, effectiveProtectedContexts } from '../../../src/core/settings/guardSettings';
import { CAPTURE_CASES, CONFIRM_CASES, INTERVAL_CASES, PROTECTED_CONTEXT_CASES, RELEASE_CASES } from './workspaceOverrides';

describe('a workspace can add protection, never remove it', () => {
  for (const { why, values, effective, ignored } of PROTECTED_CONTEXT_CASES) {
    it(`protected contexts: ${why}`, () => {
      const decision = effectiveProtectedContexts(values);
      assert.deepEqual(decision.value, effective);
      assert.equal(decision.ignored.length, ignored, decision.ignored.join('\n'));
      for (const sentence of decision.ignored) assert.match(sentence, /^this workspace tries to .*; ignored/);
    });
  }
  for (const { why, values, effective, ignored } of CONFIRM_CASES) {
    it(`confirm mode: ${why}`, () => {
      const decision = effectiveConfirmMode(values);
      assert.equal(decision.value, effective);
      assert.equal(decision.ignored.length, ignored, decision.ignored.join('\n'));
      for (const sentence of decision.ignored) assert.match(sentence, /^this workspace tries to set oncall\.execution\.confirm to .*; ignored$/);
    });
  }
  for (const { why, values, effective, ignored } of CAPTURE_CASES) {
    it(`step output capture: ${why}`, () => {
      const decision = effectiveCaptureOutput(values);
      assert.equal(decision.value, effective);
      assert.equal(decision.ignored.length, ignored, decision.ignored.join('\n'));
      for (const sentence of decision.ignored) assert.match(sentence, /^this workspace tries to set oncall\.steps\.captureOutput to .*; ignored$/);
    });
  }
});

describe('poll intervals have a floor', () => {
  for (const { kind, value, seconds } of INTERVAL_CASES) {
    it(`${kind} ${String(value)} s polls every ${seconds} s`, () => {
      assert.equal(clampPollSeconds(kind, value, kind === 'alertmanager' ? 15 : 30), seconds);
    });
  }
  it('never polls an unchanged, healthy source sooner than the floor', () => {
    const intervalMs = clampPollSeconds('alertmanager', 0.0001, 15) * 1000;
    for (const jitter of [0, 0.5, 1]) assert.ok(nextPollDelay({ intervalMs, failures: 0, changed: false, focused: true, jitter }) >= 5000);
    for (const failures of [1, 2, 5]) assert.ok(nextPollDelay({ intervalMs, failures, changed: false, focused: true, jitter: 0 }) >= 5000);
  });
});

describe('stored credentials go only where they were stored for', () => {
  for (const { why, url, bound, userUrl, httpsOnly, expected } of RELEASE_CASES) {
    it(`${expected}: ${why}`, () => {
      const decision = decideCredentialRelease({ url, bound, ...(userUrl ? { userUrl } : {}), ...(httpsOnly ? { httpsOnly } : {}) });
      const seen = decision.kind === 'send' && decision.bind ? 'send+bind' : decision.kind;
      assert.equal(seen, expected, JSON.stringify(decision));
    });
  }
});
