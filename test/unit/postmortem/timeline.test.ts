import assert from 'node:assert/strict';
import type { TimelineEvent } from '../../../src/core/postmortem/sessionModel';
import { assembleTimeline, renderTimelineTable, type TimelineRow } from '../../../src/core/postmortem/timeline';
import { events, stepRun } from './sessionFixtures';

const note = (at: string, text: string): TimelineEvent => ({ type: 'note', at, text });

describe('postmortem timeline: order and duplicates', () => {
  it('sorts mixed events by time, whatever order they were recorded in', () => {
    const rows = assembleTimeline(events);
    assert.deepEqual(
      rows.map((row) => [row.utc, row.event]),
      [
        ['2026-11-24 14:01:12', 'Alert fired'],
        ['2026-11-24 14:03:00', 'Incident started'],
        ['2026-11-24 14:10:00', 'Step run'],
        ['2026-11-24 14:12:00', 'Alert silenced'],
        ['2026-11-24 14:15:00', 'Note'],
        ['2026-11-24 14:21:40', 'Step run'],
        ['2026-11-24 14:30:00', 'Alert resolved'],
        ['2026-11-24 15:08:30', 'Incident resolved'],
      ],
    );
  });

  it('keeps events at the same instant in the order given, and compares instants across offsets', () => {
    const rows = assembleTimeline([
      note('2026-11-24T14:00:00Z', 'second'),
      note('2026-11-24T15:00:00+01:00', 'first at the same instant? no: given after "second"'),
      note('2026-11-24T13:59:59.999Z', 'earliest'),
      note('2026-11-24T14:00:00.000Z', 'third'),
    ]);
    assert.deepEqual(
      rows.map((row) => row.detail),
      ['earliest', 'second', 'first at the same instant? no: given after "second"', 'third'],
    );
  });

  it('drops repeats of the same event but keeps same-time events that differ', () => {
    const fired: TimelineEvent = { type: 'alert-fired', at: '2026-11-24T14:00:00Z', incidentId: 'a', title: 'A', source: 'alertmanager', severity: 'P2' };
    const rows = assembleTimeline([
      fired,
      { ...fired },
      { ...fired, at: '2026-11-24T14:00:00.000Z' },
      { ...fired, incidentId: 'b', title: 'B' },
      note('2026-11-24T14:00:00Z', 'x'),
      note('2026-11-24T14:00:00Z', 'x'),
      note('2026-11-24T14:00:00Z', 'y'),
      { type: 'checklist-ticked', at: '2026-11-24T14:00:00Z', runbook: 'r.md', runbookTitle: 'R', item: 'Acknowledge', checked: true },
      { type: 'checklist-ticked', at: '2026-11-24T14:00:00Z', runbook: 'r.md', runbookTitle: 'R', item: 'Acknowledge', checked: false },
    ]);
    assert.deepEqual(
      rows.map((row) => `${row.event}: ${row.detail}`),
      [
        'Alert fired: P2 A (alertmanager)',
        'Alert fired: P2 B (alertmanager)',
        'Note: x',
        'Note: y',
        'Checklist item ticked: Acknowledge (R)',
        'Checklist item unticked: Acknowledge (R)',
      ],
    );
  });

  it('keeps one row per step run, the finished version, in the place of the first', () => {
    const rows = assembleTimeline([
      stepRun({ exitCode: null, durationMs: null }),
      note('2026-11-24T14:10:00Z', 'same instant, after the run'),
      stepRun(),
    ]);
    assert.deepEqual(
      rows.map((row) => row.detail),
      ['kubectl rollout restart deploy/web in prod-eu/shop → exit 1 (2.3 s)', 'same instant, after the run'],
    );
  });

  it('leaves out events whose time cannot be read', () => {
    assert.deepEqual(assembleTimeline([note('soon', 'a'), note('2026-11-24T14:00:00Z', 'b')]).map((row) => row.detail), ['b']);
  });
});

describe('postmortem timeline: words', () => {
  const detailOf = (event: TimelineEvent): string => assembleTimeline([event])[0].detail;

  it('describes step runs with target, exit code and duration', () => {
    assert.equal(detailOf(stepRun()), 'kubectl rollout restart deploy/web in prod-eu/shop → exit 1 (2.3 s)');
    assert.equal(detailOf(stepRun({ exitCode: 0, durationMs: 41_000 })), 'kubectl rollout restart deploy/web in prod-eu/shop → exit 0 (41 s)');
    assert.equal(detailOf(stepRun({ exitCode: 0, durationMs: 65_000, namespace: '' })), 'kubectl rollout restart deploy/web in prod-eu → exit 0 (1 min 5 s)');
    assert.equal(detailOf(stepRun({ exitCode: null, durationMs: null })), 'kubectl rollout restart deploy/web in prod-eu/shop → no result recorded');
    assert.equal(detailOf(stepRun({ exitCode: null, durationMs: 400 })), 'kubectl rollout restart deploy/web in prod-eu/shop → exit code unknown (0.4 s)');
    assert.equal(assembleTimeline([stepRun()])[0].command, 'kubectl rollout restart deploy/web');
  });

  it('words every kind of event', () => {
    const rows = assembleTimeline([
      { type: 'incident-started', at: '2026-11-24T14:00:00Z', title: 'Checkout down', severity: 'P0', by: 'ana' },
      { type: 'alert-acknowledged', at: '2026-11-24T14:01:00Z', incidentId: 'i', title: 'Checkout 5xx', by: 'ben' },
      { type: 'alert-silenced', at: '2026-11-24T14:02:00Z', incidentId: 'i', title: 'Checkout 5xx', silenceId: 's1', until: '2026-11-24T16:02:00Z', comment: 'known' },
      { type: 'severity-changed', at: '2026-11-24T14:03:00Z', from: 'P2', to: 'P0' },
      { type: 'alert-resolved', at: '2026-11-24T14:04:00Z', incidentId: 'i', title: 'Checkout 5xx' },
      { type: 'incident-resolved', at: '2026-11-24T14:05:00Z' },
    ]);
    assert.deepEqual(
      rows.map((row) => [row.event, row.detail]),
      [
        ['Incident started', 'Checkout down (P0), declared by ana'],
        ['Alert acknowledged', 'Checkout 5xx by ben'],
        ['Alert silenced', 'Checkout 5xx, until 2026-11-24 16:02:00 UTC (silence s1): “known”'],
        ['Severity changed', 'P2 → P0'],
        ['Alert resolved', 'Checkout 5xx'],
        ['Incident resolved', ''],
      ],
    );
  });
});

describe('postmortem timeline: time zones', () => {
  // Europe/Berlin springs forward on 2026-03-29 at 01:00 UTC (02:00 local becomes 03:00).
  it('shows Berlin local time on both sides of the spring change, in UTC order', () => {
    const rows = assembleTimeline([note('2026-03-29T01:00:00Z', 'after'), note('2026-03-29T00:59:59Z', 'before')], { timeZone: 'Europe/Berlin' });
    assert.deepEqual(
      rows.map((row) => [row.detail, row.utc, row.local]),
      [
        ['before', '2026-03-29 00:59:59', '2026-03-29 01:59:59 CET'],
        ['after', '2026-03-29 01:00:00', '2026-03-29 03:00:00 CEST'],
      ],
    );
  });

  // America/New_York falls back on 2026-11-01 at 06:00 UTC: 01:30 local happens twice.
  it('tells the two New York 01:30s apart by zone and keeps them in UTC order', () => {
    const rows = assembleTimeline([note('2026-11-01T06:30:00Z', 'second 01:30'), note('2026-11-01T05:30:00Z', 'first 01:30')], { timeZone: 'America/New_York' });
    assert.deepEqual(
      rows.map((row) => [row.detail, row.local]),
      [
        ['first 01:30', '2026-11-01 01:30:00 EDT'],
        ['second 01:30', '2026-11-01 01:30:00 EST'],
      ],
    );
  });

  it('uses UTC without a zone or with one the runtime does not know', () => {
    for (const timeZone of [undefined, 'Mars/Olympus_Mons']) {
      const [row] = assembleTimeline([note('2026-03-29T01:00:00Z', 'x')], timeZone === undefined ? {} : { timeZone });
      assert.equal(row.local, '2026-03-29 01:00:00 UTC');
    }
  });

  it('crosses the date line: late evening UTC is the next morning in Tokyo', () => {
    const [row] = assembleTimeline([note('2026-11-24T22:30:00Z', 'x')], { timeZone: 'Asia/Tokyo' });
    assert.equal(row.utc, '2026-11-24 22:30:00');
    assert.equal(row.local, '2026-11-25 07:30:00 GMT+9');
  });
});

describe('postmortem timeline: secrets never reach it', () => {
  const secrets = ['hunter2', 's3cr3t-pa55', 'ghp_0123456789abcdefghijABCDEFGHIJ0123456789', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig', 'tok-98765'];
  const rows = assembleTimeline([
    stepRun({ runId: 'a', command: 'mysql -u root -phunter2 -e "select 1"' }),
    stepRun({ runId: 'b', command: 'curl -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.sig" https://api' }),
    stepRun({ runId: 'c', command: 'psql postgres://app:s3cr3t-pa55@db.prod:5432/shop -c "select 1"' }),
    note('2026-11-24T14:20:00Z', 'used token ghp_0123456789abcdefghijABCDEFGHIJ0123456789 to push the fix'),
    note('2026-11-24T14:21:00Z', 'grafana at https://admin:hunter2@grafana.example.com/d/x'),
    { type: 'alert-silenced', at: '2026-11-24T14:22:00Z', incidentId: 'i', title: 'x', silenceId: 's', until: '2026-11-24T15:00:00Z', comment: 'set with --api-token tok-98765' },
    { type: 'incident-resolved', at: '2026-11-24T14:30:00Z', summary: 'rotated; export API_TOKEN=tok-98765 in the job' },
  ]);
  const table = renderTimelineTable(rows);

  it('masks passwords, tokens and user:pass@ URLs in every row and in the table', () => {
    for (const secret of secrets) {
      assert.ok(!JSON.stringify(rows).includes(secret), `row text leaks ${secret}`);
      assert.ok(!table.includes(secret), `table leaks ${secret}`);
    }
  });

  it('keeps the rest of the text readable', () => {
    assert.equal(rows[0].detail, 'mysql -u root -p*** -e "select 1" in prod-eu/shop → exit 1 (2.3 s)');
    assert.ok(rows.some((row) => row.detail.includes('postgres://app:***@db.prod:5432/shop')));
    assert.ok(rows.some((row) => row.detail === 'grafana at https://admin:***@grafana.example.com/d/x'));
  });
});

describe('postmortem timeline: markdown table', () => {
  const row = (overrides: Partial<TimelineRow>): TimelineRow => ({
    at: '2026-11-24T14:00:00Z',
    utc: '2026-11-24 14:00:00',
    local: '2026-11-24 15:00:00 CET',
    event: 'Note',
    detail: '',
    type: 'note',
    ...overrides,
  });

  it('has the header and one line per row', () => {
    const table = renderTimelineTable([row({ detail: 'a' }), row({ detail: 'b' })]);
    assert.deepEqual(table.split('\n'), ['| Time (UTC) | Event | Detail |', '|---|---|---|', '| 2026-11-24 14:00:00 | Note | a |', '| 2026-11-24 14:00:00 | Note | b |']);
  });

  it('escapes pipes, keeps line breaks inside the cell, and keeps <placeholders> visible', () => {
    const table = renderTimelineTable([row({ detail: 'a | b\nsecond line <pod-name>' })]);
    assert.equal(table.split('\n')[2], '| 2026-11-24 14:00:00 | Note | a \\| b<br>second line &lt;pod-name> |');
  });

  it('shows commands as code on one line, pipes escaped, continuations joined', () => {
    const [stepRow] = assembleTimeline([stepRun({ command: 'kubectl get pods \\\n  -n shop | grep `whoami`\necho done' })]);
    const line = renderTimelineTable([stepRow]).split('\n')[2];
    assert.equal(line, '| 2026-11-24 14:10:00 | Step run | ``kubectl get pods -n shop \\| grep `whoami` ⏎ echo done`` in prod-eu/shop → exit 1 (2.3 s) |');
    // Every row has exactly four unescaped pipes: the table shape survives.
    assert.equal(line.replace(/\\\|/g, '').split('|').length - 1, 4);
  });
});

describe('postmortem timeline: steps taken in', () => {
  it('says when a step ran before the incident was declared and was taken in', () => {
    const [takenIn, own] = assembleTimeline([stepRun({ at: '2026-11-24T14:10:00Z', runId: 'own' }), stepRun({ at: '2026-11-24T14:00:00Z', runId: 'earlier', takenIn: true })]);
    assert.doesNotMatch(own.detail, /taken in/);
    assert.match(takenIn.detail, /\(taken in: ran before the incident was declared\)$/);
  });
});
