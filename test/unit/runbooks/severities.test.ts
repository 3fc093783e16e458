import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';
import { parseResponseMinutes } from '../../../src/core/runbooks/severities';

const doc = (...lines: string[]): string => lines.join('\n');

describe('parseResponseMinutes', () => {
  const cases: [string, number | undefined][] = [
    ['5 minutes', 5],
    ['15 min', 15],
    ['30m', 30],
    ['1 hour', 60],
    ['4 hours', 240],
    ['2h', 120],
    ['within 1 day', 1440],
    ['90 seconds', 1.5],
    ['15-30 minutes', 15],
    // Immediate is no clock of its own: 0 would make every incident overdue on arrival.
    ['Immediate', undefined],
    ['immediately', undefined],
    ['Immediate status page update', undefined],
    ['Update every 30 minutes', undefined],
    ['respond in 5 minutes, status page every 30 minutes', 5],
    ['status page every 30 minutes; respond in 10 min', 10],
    ['Next business day', undefined],
    ['', undefined],
    ['whenever', undefined],
  ];
  for (const [text, minutes] of cases) {
    it(`${JSON.stringify(text)} → ${minutes}`, () => assert.equal(parseResponseMinutes(text), minutes));
  }
});

describe('severity definitions', () => {
  it('reads a P0-P3 table with description and response time columns', () => {
    const runbook = parseRunbook(
      doc(
        '# Severity levels',
        '',
        '| Severity | Description | Response Time | Escalation |',
        '|----------|-------------|---------------|------------|',
        '| **P0 - Critical** | Complete outage | 5 minutes | Immediate |',
        '| P1 - High | Major feature down | 15 min | 30 min |',
        '| P2 - Medium | Degraded performance | 1 hour | 4 hours |',
        '| P3 - Low | Cosmetic issue | Next business day | - |',
      ),
    );
    assert.deepEqual(runbook.severities, [
      { level: 'P0', label: 'P0', description: 'Complete outage', responseTime: '5 minutes', responseMinutes: 5, line: 4 },
      { level: 'P1', label: 'P1', description: 'Major feature down', responseTime: '15 min', responseMinutes: 15, line: 5 },
      { level: 'P2', label: 'P2', description: 'Degraded performance', responseTime: '1 hour', responseMinutes: 60, line: 6 },
      { level: 'P3', label: 'P3', description: 'Cosmetic issue', responseTime: 'Next business day', line: 7 },
    ]);
  });

  it('maps SEV1-SEV4 with SEV1 as the worst', () => {
    const runbook = parseRunbook(
      doc('| Level | Response |', '|---|---|', '| SEV1 | 5 min |', '| SEV2 | 30 min |', '| SEV3 | 4 hours |', '| SEV4 | 1 day |'),
    );
    assert.deepEqual(
      runbook.severities.map((s) => [s.label, s.level, s.responseMinutes]),
      [
        ['SEV1', 'P0', 5],
        ['SEV2', 'P1', 30],
        ['SEV3', 'P2', 240],
        ['SEV4', 'P3', 1440],
      ],
    );
  });

  it('maps SEV0-SEV4 with SEV0 as the worst and SEV4 folded into P3', () => {
    const runbook = parseRunbook(
      doc('| Sev | Ack within |', '|---|---|', '| SEV-0 | Immediate |', '| SEV-1 | 10 minutes |', '| SEV-2 | 1h |', '| SEV-3 | 8h |', '| SEV-4 | next business day |'),
    );
    assert.deepEqual(
      runbook.severities.map((s) => [s.label, s.level, s.responseMinutes]),
      [
        ['SEV-0', 'P0', undefined],
        ['SEV-1', 'P1', 10],
        ['SEV-2', 'P2', 60],
        ['SEV-3', 'P3', 480],
        ['SEV-4', 'P3', undefined],
      ],
    );
  });

  it('maps critical/high/medium/low and finds the time without a response header', () => {
    const runbook = parseRunbook(doc('| Priority | What | Target |', '|---|---|---|', '| Critical | Outage | 15 minutes |', '| High | Partial | 1 hour |', '| Medium | Minor | 1 day |', '| Low | Cosmetic | 1 week |'));
    assert.deepEqual(
      runbook.severities.map((s) => [s.label, s.level, s.description, s.responseMinutes]),
      [
        ['Critical', 'P0', 'Outage', 15],
        ['High', 'P1', 'Partial', 60],
        ['Medium', 'P2', 'Minor', 1440],
        ['Low', 'P3', 'Cosmetic', 10080],
      ],
    );
  });

  it('reads a severity list', () => {
    const runbook = parseRunbook(
      doc('## Severities', '- **P0 (Critical)**: complete outage, respond within 5 minutes', '- **P1**: major degradation - respond in 30 min', '- P2: minor issue, next business day', '- Other text without a level'),
    );
    assert.deepEqual(
      runbook.severities.map((s) => [s.level, s.label, s.responseTime, s.responseMinutes, s.line]),
      [
        ['P0', 'P0', '5 minutes', 5, 1],
        ['P1', 'P1', '30 min', 30, 2],
        ['P2', 'P2', 'next business day', undefined, 3],
      ],
    );
    assert.equal(runbook.severities[0].description, '(Critical): complete outage, respond within 5 minutes');
  });

  it('ignores tables of alerts with a severity column, and levels without response times', () => {
    const alerts = parseRunbook(doc('| Alert | Severity | For |', '|---|---|---|', '| AppDown | critical | 5m |', '| AppSlow | warning | 15m |'));
    assert.deepEqual(alerts.severities, []);
    const noTimes = parseRunbook(doc('| Level | Meaning |', '|---|---|', '| P0 | outage |', '| P1 | degraded |'));
    assert.deepEqual(noTimes.severities, []);
  });

  it('does not read ordinary list items that start with a level word', () => {
    const runbook = parseRunbook(doc('- High memory usage: check within 5 minutes', '- Low disk: clean up in 1 hour'));
    assert.deepEqual(runbook.severities, []);
  });
});

describe('severity definitions written as paragraphs, headings and nested lists', () => {
  const fixture = (name: string) => {
    const file = path.join(__dirname, '../../../../../test/fixtures/runbooks', name);
    return parseRunbook(readFileSync(file, 'utf8'), { fileName: file });
  };
  const summary = (name: string) => fixture(name).severities.map((s) => [s.level, s.label, s.description, s.responseTime, s.responseMinutes, s.line]);

  it('reads bold-paragraph definitions and skips status page cadences', () => {
    assert.deepEqual(summary('severity-bold-paragraphs.md'), [
      ['P0', 'P0', 'Critical', '10 minutes', 10, 4],
      ['P1', 'P1', 'High', '30 minutes', 30, 9],
      ['P2', 'P2', 'Medium', '4 hours', 240, 14],
      ['P3', 'P3', 'Low', 'next business day', undefined, 17],
    ]);
  });

  it('reads a heading per level, with "Immediate" giving no clock of its own', () => {
    assert.deepEqual(summary('severity-headings.md'), [
      ['P0', 'SEV1', 'Major', '5 min', 5, 4],
      ['P1', 'SEV2', 'Serious', '20 minutes', 20, 11],
      ['P2', 'SEV3', 'Minor', 'Immediate', undefined, 15],
      ['P3', 'SEV4', 'Cosmetic', '2 days', 2880, 19],
    ]);
  });

  it('reads a bold level in a list item with its response time nested below, and plain items', () => {
    assert.deepEqual(summary('severity-list-items.md'), [
      ['P0', 'Critical', 'ledger writes stopped', '15 minutes', 15, 4],
      ['P1', 'High', 'ledger lag over ten minutes', '1 hour', 60, 7],
      ['P2', 'P2', 'reconciliation mismatches, respond within 1 day', '1 day', 1440, 9],
    ]);
  });

  it('never reads a cadence or an unrelated line as a response time', () => {
    const runbook = parseRunbook(
      doc('**P0 - Critical**', 'Update every 30 minutes', 'Status page: immediate', '', '### P1 - High', 'Immediate status page update', '', 'Response: 5 minutes'),
    );
    // The P1 heading's definition is completed by the first response line under it only.
    assert.deepEqual(runbook.severities.map((s) => [s.level, s.responseMinutes]), [['P1', 5]]);
  });

  it('does not take a heading that merely starts with a level word for a definition without a response line', () => {
    const runbook = parseRunbook(doc('## Critical: database down', '', 'Check the primary.', '', '## Notes', 'Response: 5 minutes'));
    assert.deepEqual(runbook.severities, []);
  });
});
