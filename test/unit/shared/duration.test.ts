import assert from 'node:assert/strict';
import { formatCompactDuration, formatSpan, formatStepDuration, formatTimeLimit } from '../../../src/core/shared/duration';

describe('durations', () => {
  it('writes durations short enough for a tree row', () => {
    assert.equal(formatCompactDuration(45_000), '45s');
    assert.equal(formatCompactDuration(12 * 60_000 + 59_000), '12m');
    assert.equal(formatCompactDuration(3 * 3_600_000 + 5 * 60_000), '3h 5m');
    assert.equal(formatCompactDuration(2 * 3_600_000), '2h');
    assert.equal(formatCompactDuration(2 * 86_400_000 + 4 * 3_600_000), '2d 4h');
    assert.equal(formatCompactDuration(-5), '0s');
  });

  it('writes a span for prose, minutes rounded', () => {
    assert.equal(formatSpan(45_000), '45 s');
    assert.equal(formatSpan(12 * 60_000 + 40_000), '13 min');
    assert.equal(formatSpan(65 * 60_000), '1 h 5 min');
    assert.equal(formatSpan(2 * 3_600_000), '2 h');
    assert.equal(formatSpan(1440 * 60_000), '24 h', 'a P3 response time reads in hours');
  });

  it('writes a step run time in tenths of a second while it is short', () => {
    assert.deepEqual([400, 2_300, 12_000, 65_000, 120_000, 2 * 3_600_000].map(formatStepDuration), ['0.4 s', '2.3 s', '12 s', '1 min 5 s', '2 min', '2 h']);
  });

  it('states a time limit as a setting gives it', () => {
    assert.deepEqual([500, 2_000, 2_500, 90_000].map(formatTimeLimit), ['500 ms', '2 s', '2.5 s', '90 s']);
  });
});
