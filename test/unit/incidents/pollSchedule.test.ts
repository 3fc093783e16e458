import assert from 'node:assert/strict';
import { FAST_POLL_MS, MAX_BACKOFF_MS, nextPollDelay } from '../../../src/core/incidents/pollSchedule';

describe('poll schedule', () => {
  const calm = { intervalMs: 15_000, failures: 0, changed: false, focused: true, jitter: 0 };

  it('polls at the interval while all is well, with up to 10% jitter', () => {
    assert.equal(nextPollDelay(calm), 15_000);
    assert.equal(nextPollDelay({ ...calm, jitter: 1 }), 16_500);
  });

  it('looks again soon after a change', () => {
    assert.equal(nextPollDelay({ ...calm, changed: true }), FAST_POLL_MS);
    assert.equal(nextPollDelay({ ...calm, intervalMs: 1000, changed: true }), 1000, 'never slower than the interval');
  });

  it('slows down, but does not stop, in an unfocused window', () => {
    assert.equal(nextPollDelay({ ...calm, focused: false }), 60_000);
  });

  it('backs off exponentially on failures, capped at five minutes plus jitter', () => {
    assert.deepEqual([1, 2, 3, 4].map((failures) => nextPollDelay({ ...calm, failures })), [15_000, 30_000, 60_000, 120_000]);
    assert.equal(nextPollDelay({ ...calm, failures: 40 }), MAX_BACKOFF_MS);
    assert.equal(nextPollDelay({ ...calm, failures: 40, jitter: 1 }), MAX_BACKOFF_MS * 1.2);
  });

  it('waits at least as long as the server asked', () => {
    assert.equal(nextPollDelay({ ...calm, failures: 1, retryAfterMs: 42_000 }), 42_000);
    assert.equal(nextPollDelay({ ...calm, failures: 3, retryAfterMs: 1_000 }), 60_000);
  });
});
