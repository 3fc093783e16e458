import assert from 'node:assert/strict';
import type { JournalEntry, StepStartedEntry } from '../../../src/core/execution/executionJournal';
import { formatReadableTime, renderJournalReport } from '../../../src/core/execution/journalReport';

function started(runId: string, at: string, overrides: Partial<StepStartedEntry> = {}): StepStartedEntry {
  return {
    type: 'step-started',
    runId,
    at,
    runbook: 'file:///ws/runbooks/checkout.md',
    runbookTitle: 'Checkout down',
    section: 'Diagnose',
    stepId: 'step-2',
    command: 'kubectl get pods -n shop',
    context: 'prod-eu',
    namespace: 'shop',
    destructive: false,
    confirmation: 'none',
    ...overrides,
  };
}

/** A table row's cells, trimmed; an escaped pipe stays inside its cell. */
function cellsOf(line: string): string[] {
  return line.slice(1, -1).split(/(?<!\\)\|/).map((cell) => cell.trim());
}

const RAW = 'file:///storage/execution-journal.jsonl';

describe('the execution journal as a person reads it', () => {
  it('shows each run as one table row: time, runbook › section › step, command, context / namespace, exit code, duration', () => {
    const entries: JournalEntry[] = [started('a', '2026-12-06T05:03:12.000Z'), { type: 'step-finished', runId: 'a', at: '2026-12-06T05:03:14.400Z', exitCode: 0, durationMs: 2400 }];
    const report = renderJournalReport(entries, { rawUri: RAW, timeZone: 'UTC' });
    const lines = report.split('\n').filter((line) => line.startsWith('|'));
    assert.deepEqual(cellsOf(lines[0]), ['Time', 'Runbook › Section › Step', 'Command', 'Context / Namespace', 'Exit code', 'Duration']);
    assert.deepEqual(cellsOf(lines[2]), ['2026-12-06 05:03:12 UTC', 'Checkout down › Diagnose › step 3', '`kubectl get pods -n shop`', 'prod-eu / shop', '0', '2.4 s']);
    assert.doesNotMatch(report, /"runId"/, 'no raw JSON');
  });

  it('names the step by every heading that holds it and its first command, never by its id', () => {
    const entries: JournalEntry[] = [
      started('a', '2026-12-06T05:03:12.000Z', { runbookTitle: 'Incident Response Runbook', section: 'Investigation Steps', sectionPath: ['Scenario 2: API latency high', 'Investigation Steps'], stepName: 'kubectl top pods -n payments' }),
      started('b', '2026-12-06T05:04:12.000Z', { runbookTitle: 'Incident Response Runbook', section: 'Investigation Steps', sectionPath: ['Scenario 3: Queue backlog', 'Investigation Steps'], stepName: 'kubectl get queues' }),
    ];
    const rows = renderJournalReport(entries, { rawUri: RAW, timeZone: 'UTC' }).split('\n').filter((line) => line.startsWith('| 2026'));
    assert.deepEqual(
      rows.map((row) => cellsOf(row)[1]),
      ['Incident Response Runbook › Scenario 2: API latency high › Investigation Steps › kubectl top pods -n payments', 'Incident Response Runbook › Scenario 3: Queue backlog › Investigation Steps › kubectl get queues'],
    );
  });

  it('names a step of a runbook without headings by runbook and step', () => {
    const entries: JournalEntry[] = [started('a', '2026-12-06T05:03:12.000Z', { section: undefined, sectionPath: [], stepName: 'echo hi' })];
    const row = renderJournalReport(entries, { rawUri: RAW, timeZone: 'UTC' }).split('\n').find((line) => line.startsWith('| 2026'))!;
    assert.equal(cellsOf(row)[1], 'Checkout down › echo hi');
  });

  it('keeps the raw JSON-lines file one click away', () => {
    const report = renderJournalReport([started('a', '2026-12-06T05:03:12.000Z')], { rawUri: RAW, timeZone: 'UTC' });
    assert.ok(report.includes(RAW));
    assert.match(report, /Open Raw Journal/);
  });

  it('pads the columns to one width, so the table reads as one in the editor', () => {
    const entries: JournalEntry[] = [started('a', '2026-12-06T05:03:12.000Z'), started('b', '2026-12-06T05:04:00.000Z', { command: 'echo a-much-longer-command-than-the-first', context: 'dev' })];
    const lines = renderJournalReport(entries, { rawUri: RAW, timeZone: 'UTC' }).split('\n').filter((line) => line.startsWith('|'));
    assert.equal(new Set(lines.map((line) => line.length)).size, 1, lines.join('\n'));
    assert.match(lines[1], /^\|-+\|-+\|-+\|-+\|-+\|-+\|$/);
  });

  it('says when a run has no end, and when the shell did not report an exit code', () => {
    const entries: JournalEntry[] = [
      started('a', '2026-12-06T05:03:12.000Z'),
      started('b', '2026-12-06T05:04:00.000Z'),
      { type: 'step-finished', runId: 'b', at: '2026-12-06T05:04:01.000Z', exitCode: null, durationMs: null },
    ];
    const rows = renderJournalReport(entries, { rawUri: RAW, timeZone: 'UTC' }).split('\n').filter((line) => line.startsWith('| 2026'));
    assert.equal(rows.length, 2);
    assert.equal(cellsOf(rows[0])[4], 'no end recorded');
    assert.equal(cellsOf(rows[1])[4], 'not reported');
  });

  it('keeps a multi-line command, pipes and backticks inside their cell', () => {
    const report = renderJournalReport([started('a', '2026-12-06T05:03:12.000Z', { command: 'kubectl get pods | grep `whoami`\necho done' })], { rawUri: RAW, timeZone: 'UTC' });
    const row = report.split('\n').find((line) => line.startsWith('| 2026'));
    assert.ok(row);
    assert.ok(row.includes('`` kubectl get pods \\| grep `whoami` ⏎ echo done ``'), row);
    assert.equal(row.split(/(?<!\\)\|/).length, 8, 'six cells');
  });

  it('cuts a very long command, which the raw journal keeps whole', () => {
    const report = renderJournalReport([started('a', '2026-12-06T05:03:12.000Z', { command: `echo ${'x'.repeat(300)}` })], { rawUri: RAW, timeZone: 'UTC' });
    const command = cellsOf(report.split('\n').filter((line) => line.startsWith('| 2026'))[0])[2];
    assert.equal(command.length, 102);
    assert.ok(command.endsWith('…`'));
  });

  it('shows the newest runs of a large journal, oldest first, and says how many it left out', () => {
    const entries = Array.from({ length: 620 }, (_, i) => started(`r${i}`, new Date(Date.UTC(2026, 11, 6, 5, 0, i)).toISOString(), { command: `echo ${i}` }));
    const report = renderJournalReport(entries, { rawUri: RAW, timeZone: 'UTC' });
    const rows = report.split('\n').filter((line) => line.startsWith('| 2026'));
    assert.equal(rows.length, 500);
    assert.equal(cellsOf(rows[0])[2], '`echo 120`');
    assert.equal(cellsOf(rows[499])[2], '`echo 619`');
    assert.match(report, /The newest 500 of 620 step runs/);
  });

  it('reads times as ISO date and 24-hour clock with the zone named, and UTC beside a local time', () => {
    assert.equal(formatReadableTime('2026-12-06T17:03:12.000Z', 'UTC'), '2026-12-06 17:03:12 UTC');
    assert.match(formatReadableTime('2026-12-06T23:30:00.000Z', 'Europe/Paris'), /^2026-12-07 00:30:00 (GMT\+1|CET) \(23:30:00 UTC\)$/);
    assert.match(formatReadableTime('2026-07-01T00:30:00.000Z', 'America/New_York'), /^2026-06-30 20:30:00 (EDT|GMT-4) \(00:30:00 UTC\)$/);
  });
});
