import assert from 'node:assert/strict';
import { compareSeverity, isSeverityLevel, isUrgentSeverity, severityAtRank, type SeverityLevel } from '../../../src/core/shared/severity';

describe('severity levels', () => {
  it('sorts most severe first', () => {
    const levels: SeverityLevel[] = ['P2', 'P0', 'P3', 'P1'];
    assert.deepEqual(levels.sort(compareSeverity), ['P0', 'P1', 'P2', 'P3']);
  });

  it('gives the level of a rank, pinned to P0 and P3 past either end', () => {
    assert.deepEqual([-1, 0, 1, 2, 3, 4, 9].map(severityAtRank), ['P0', 'P0', 'P1', 'P2', 'P3', 'P3', 'P3']);
  });

  it('accepts only the four levels as written', () => {
    assert.deepEqual(['P0', 'P3', 'p1', 'P4', 'SEV1', 1, undefined].map(isSeverityLevel), [true, true, false, false, false, false, false]);
  });

  it('counts P0 and P1 as urgent', () => {
    assert.deepEqual((['P0', 'P1', 'P2', 'P3'] as const).map(isUrgentSeverity), [true, true, false, false]);
  });
});
