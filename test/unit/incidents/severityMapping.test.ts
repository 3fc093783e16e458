import assert from 'node:assert/strict';
import { mapPagerDutySeverity, mapSeverity, readSeverityWord } from '../../../src/core/incidents/severityMapping';

describe('mapSeverity', () => {
  const cases: [Record<string, string>, string][] = [
    [{ severity: 'critical' }, 'P1'],
    [{ severity: 'CRITICAL' }, 'P1'],
    [{ severity: 'page' }, 'P1'],
    [{ severity: 'error' }, 'P2'],
    [{ severity: 'high' }, 'P2'],
    [{ severity: 'warning' }, 'P2'],
    [{ severity: 'warn' }, 'P2'],
    [{ severity: 'info' }, 'P3'],
    [{ severity: 'none' }, 'P3'],
    [{ severity: 'P0' }, 'P0'],
    [{ severity: 'sev0' }, 'P0'],
    [{ severity: 'SEV-1' }, 'P1'],
    [{ severity: 'p4' }, 'P3'],
    [{ priority: 'P0' }, 'P0'],
    [{ priority: 'P2' }, 'P2'],
    [{ severity: 'whatever', priority: 'P1' }, 'P1'],
    [{ severity: 'critical', priority: 'P3' }, 'P1'],
    [{}, 'P3'],
    [{ severity: '' }, 'P3'],
  ];
  for (const [labels, level] of cases) {
    it(`${JSON.stringify(labels)} → ${level}`, () => assert.equal(mapSeverity(labels), level));
  }

  it('lets a configured mapping override the defaults, by lower-cased value', () => {
    assert.equal(mapSeverity({ severity: 'Critical' }, { critical: 'P0' }), 'P0');
    assert.equal(mapSeverity({ severity: 'blocker' }, { blocker: 'P0' }), 'P0');
    assert.equal(mapSeverity({ severity: 'warning' }, { critical: 'P0' }), 'P2');
  });

  it('says nothing for unknown words', () => assert.equal(readSeverityWord('purple'), undefined));
});

describe('mapPagerDutySeverity', () => {
  it('maps urgency when there is no priority', () => {
    assert.equal(mapPagerDutySeverity('high', undefined), 'P1');
    assert.equal(mapPagerDutySeverity('low', undefined), 'P3');
    assert.equal(mapPagerDutySeverity(undefined, undefined), 'P3');
  });

  it('shifts the P1-P5 priority scheme onto P0-P3, winning over urgency', () => {
    assert.equal(mapPagerDutySeverity('low', 'P1'), 'P0');
    assert.equal(mapPagerDutySeverity('low', 'P2'), 'P1');
    assert.equal(mapPagerDutySeverity('high', 'P3'), 'P2');
    assert.equal(mapPagerDutySeverity('high', 'P4'), 'P3');
    assert.equal(mapPagerDutySeverity('high', 'P5'), 'P3');
  });

  it('reads custom priority names through the mapping, then the default words, then urgency', () => {
    assert.equal(mapPagerDutySeverity('low', 'Business Critical', { 'business critical': 'P0' }), 'P0');
    assert.equal(mapPagerDutySeverity('low', 'Critical'), 'P1');
    assert.equal(mapPagerDutySeverity('high', 'Custom'), 'P1');
  });
});
