import assert from 'node:assert/strict';
import { serializeJournalEntry, parseJournal, type JournalEntry } from '../../../src/core/execution/executionJournal';
import type { Incident } from '../../../src/core/incidents/incidentModel';
import {
  channelName,
  eventsFromJournal,
  nextSessionId,
  parseSession,
  serializeSessionLine,
  sessionSpan,
  sourceRefFromIncident,
  type SessionLine,
} from '../../../src/core/postmortem/sessionModel';
import { events, record } from './sessionFixtures';

describe('postmortem session: incident ids', () => {
  it('numbers the first incident of a UTC day 001', () => {
    assert.equal(nextSessionId(new Date('2026-11-24T09:00:00Z'), []), 'INC-20261124-001');
  });

  it('takes one more than the highest of the same day, ignoring other days and foreign ids', () => {
    const existing = ['INC-20261124-001', 'INC-20261124-007', 'INC-20261123-042', 'INC-2026112-999', 'notes', 'INC-20261124-abc'];
    assert.equal(nextSessionId(new Date('2026-11-24T23:59:59Z'), existing), 'INC-20261124-008');
  });

  it('uses the UTC date, not the local one: 23:30 in New York on the 24th is the 25th', () => {
    const existing = new Set(['INC-20261124-003']);
    assert.equal(nextSessionId(new Date('2026-11-24T23:30:00-05:00'), existing), 'INC-20261125-001');
  });

  it('goes past 999 rather than wrapping', () => {
    assert.equal(nextSessionId(new Date('2026-01-02T00:00:00Z'), ['INC-20260102-999']), 'INC-20260102-1000');
  });

  it('names the channel after the id', () => {
    assert.equal(channelName('INC-20261124-001'), '#incident-2026-11-24-001');
    assert.equal(channelName('Weird ID/7'), '#incident-weird-id-7');
  });
});

describe('postmortem session: source references', () => {
  it('copies what the post-mortem needs and nothing undefined', () => {
    const labels = { alertname: 'KubePodCrashLooping', namespace: 'shop' };
    const incident: Incident = {
      id: 'incident/alertmanager/prod/4f2a',
      source: 'alertmanager',
      sourceName: 'prod',
      sourceId: '4f2a',
      title: 'Pod is crash looping',
      severity: 'P1',
      group: 'shop',
      alertName: 'KubePodCrashLooping',
      labels,
      annotations: { summary: 'x' },
      startedAt: '2026-11-24T14:01:12Z',
      status: 'firing',
      runbookUrl: 'https://runbooks.example/pod',
    };
    const ref = sourceRefFromIncident(incident);
    assert.deepEqual(ref, {
      incidentId: 'incident/alertmanager/prod/4f2a',
      source: 'alertmanager',
      sourceName: 'prod',
      title: 'Pod is crash looping',
      alertName: 'KubePodCrashLooping',
      startedAt: '2026-11-24T14:01:12Z',
      runbookUrl: 'https://runbooks.example/pod',
      labels,
    });
    assert.ok(!('url' in ref));
    assert.notEqual(ref.labels, labels, 'labels are copied, not shared with the live incident');
  });
});

describe('postmortem session: file lines', () => {
  const lines: SessionLine[] = [{ type: 'record', record: { ...record, resolvedAt: undefined } }, ...events];

  it('round-trips a session, one JSON object per line', () => {
    const text = lines.map(serializeSessionLine).join('');
    assert.equal(text.split('\n').length, lines.length + 1);
    const parsed = parseSession(text);
    assert.deepEqual(parsed.events, events);
    assert.equal(parsed.record?.id, record.id);
    assert.deepEqual(parsed.skippedLines, []);
  });

  it('lets the last record line win (the store appends one when the incident is resolved)', () => {
    const text = [lines[0], events[0], { type: 'record', record }].map((line) => serializeSessionLine(line as SessionLine)).join('');
    assert.equal(parseSession(text).record?.resolvedAt, '2026-11-24T15:08:30.000Z');
  });

  it('skips corrupt, unknown and malformed lines and a torn last line, keeping the rest', () => {
    const good = lines.map(serializeSessionLine);
    const text = [
      good[0],
      'not json at all\n',
      good[1],
      '{"type":"coffee-break","at":"2026-11-24T14:05:00Z"}\n',
      '{"type":"note","at":"2026-11-24T14:05:00Z"}\n', // no text
      '{"type":"note","at":"yesterday-ish","text":"x"}\n', // time that cannot be placed
      '{"type":"record","record":{"id":"INC-1","title":"t","severity":"P9","startedAt":"x","sources":[]}}\n',
      '{"type":"step-run","at":"2026-11-24T14:05:00Z","runId":"r","runbook":"a","runbookTitle":"A","command":"ls","context":"c","namespace":"n","exitCode":"0","durationMs":null}\n',
      '[1,2,3]\n',
      good[2],
      good[3].slice(0, 25), // crash mid-write
    ].join('');
    const parsed = parseSession(text);
    assert.deepEqual(parsed.skippedLines, [2, 4, 5, 6, 7, 8, 9, 11]);
    assert.deepEqual(parsed.events, [events[0], events[1]]);
    assert.equal(parsed.record?.id, record.id);
  });

  it('reads Windows line ends and blank lines, and never throws on nonsense', () => {
    const text = lines.slice(0, 3).map(serializeSessionLine).join('\r\n');
    assert.equal(parseSession(text).events.length, 2);
    for (const nonsense of ['', '\n\n', 'null', '{', '"x"', '{"type":"record"}', '{"type":"record","record":null}', '\u0000\u0001']) {
      const parsed = parseSession(nonsense);
      assert.equal(parsed.record, undefined);
      assert.deepEqual(parsed.events, []);
    }
  });
});

describe('postmortem session: events from the execution journal', () => {
  const started = (runId: string, at: string, command = 'kubectl get pods'): JournalEntry => ({
    type: 'step-started',
    runId,
    at,
    runbook: 'runbooks/pod-crash-looping.md',
    runbookTitle: 'Pod crash looping',
    section: 'Diagnose',
    stepId: 'step-0',
    command,
    context: 'prod-eu',
    namespace: 'shop',
    destructive: false,
    confirmation: 'none',
  });
  const finished = (runId: string, at: string, exitCode: number | null, durationMs: number | null): JournalEntry => ({ type: 'step-finished', runId, at, exitCode, durationMs });
  const span = (from: string, to?: string, id = 'INC-20261124-001') => ({ id, startedAt: from, declaredAt: from, ...(to ? { resolvedAt: to } : {}) });

  it('pairs starts and finishes and keeps runs that started within the session', () => {
    const entries = [
      started('before', '2026-11-24T13:59:59Z'),
      finished('before', '2026-11-24T14:00:02Z', 0, 3000),
      started('a', '2026-11-24T14:00:00Z'),
      started('b', '2026-11-24T14:05:00.250Z', 'kubectl delete pod web-1'),
      finished('a', '2026-11-24T14:00:01.5Z', 0, 1500),
      started('after', '2026-11-24T15:00:00.001Z'),
    ];
    const result = eventsFromJournal(entries, span('2026-11-24T14:00:00Z', '2026-11-24T15:00:00Z'));
    assert.deepEqual(
      result.map((event) => (event.type === 'step-run' ? [event.runId, event.exitCode, event.durationMs] : event.type)),
      [
        ['a', 0, 1500],
        ['b', null, null],
      ],
    );
    const first = result[0];
    assert.ok(first.type === 'step-run');
    assert.equal(first.at, '2026-11-24T14:00:00Z');
    assert.equal(first.section, 'Diagnose');
    assert.equal(first.context, 'prod-eu');
    assert.equal(first.namespace, 'shop');
    assert.equal(first.runbookTitle, 'Pod crash looping');
  });

  it('names the section by every heading holding the step, where the journal kept them', () => {
    const scenario = { ...started('a', '2026-11-24T14:00:00Z'), sectionPath: ['Scenario 2: API latency high', 'Investigation'], section: 'Investigation' } as JournalEntry;
    const [event] = eventsFromJournal([scenario], span('2026-11-24T14:00:00Z'));
    assert.ok(event.type === 'step-run');
    assert.equal(event.section, 'Scenario 2: API latency high › Investigation');
  });

  it('is open-ended without an end, and compares instants, not strings', () => {
    // +02:00 written: 15:30+02:00 is 13:30Z, before the session started.
    const entries = [started('early', '2026-11-24T15:30:00+02:00'), started('late', '2026-11-25T09:00:00Z')];
    assert.deepEqual(
      eventsFromJournal(entries, span('2026-11-24T14:00:00Z')).map((event) => (event.type === 'step-run' ? event.runId : '')),
      ['late'],
    );
  });

  it('reads a real journal file, corrupt lines and all, and redacts what an older journal kept', () => {
    const text =
      serializeJournalEntry(started('a', '2026-11-24T14:01:00Z', 'PGPASSWORD=hunter2 psql -h db')) +
      '{"type":"step-fini' +
      '\n' +
      serializeJournalEntry(finished('a', '2026-11-24T14:01:03Z', 2, 3000));
    const { entries, skippedLines } = parseJournal(text);
    assert.deepEqual(skippedLines, [2]);
    const [event] = eventsFromJournal(entries, span('2026-11-24T14:00:00Z'));
    assert.ok(event.type === 'step-run');
    assert.equal(event.command, 'PGPASSWORD=*** psql -h db');
    assert.equal(event.exitCode, 2);
  });
});

describe('postmortem session: a damaged record line', () => {
  const started = { type: 'incident-started', at: '2026-11-24T14:03:00.000Z', title: 'Checkout down', severity: 'P1', by: 'ana' } as const;
  const fired = { type: 'alert-fired', at: '2026-11-24T14:01:00.000Z', incidentId: 'incident/alertmanager/prod/4f2a', title: 'Checkout errors', alertName: 'CheckoutErrors', source: 'alertmanager', severity: 'P1' } as const;

  it('rebuilds the record from the events when the first line is torn, losing only that line', () => {
    const text = '{"type":"record","rec' + '\n' + [fired, started, { type: 'note', at: '2026-11-24T14:05:00.000Z', text: 'rolled back' }].map((line) => serializeSessionLine(line as SessionLine)).join('');
    const parsed = parseSession(text, 'INC-20261124-001');
    assert.deepEqual(parsed.skippedLines, [1]);
    assert.equal(parsed.events.length, 3);
    assert.deepEqual(parsed.record, {
      id: 'INC-20261124-001',
      title: 'Checkout down',
      severity: 'P1',
      startedAt: '2026-11-24T14:01:00.000Z',
      sources: [{ incidentId: fired.incidentId, source: 'alertmanager', sourceName: 'prod', title: fired.title, alertName: 'CheckoutErrors', startedAt: fired.at, labels: {} }],
      responders: ['ana'],
    });
  });

  it('keeps an incident resolved when its resolution record line is torn', () => {
    const record = { id: 'INC-20261124-001', title: 'Checkout down', severity: 'P1', startedAt: started.at, sources: [] } as const;
    const text = [{ type: 'record', record }, started, { type: 'incident-resolved', at: '2026-11-24T15:00:00.000Z' }].map((line) => serializeSessionLine(line as SessionLine)).join('') + '{"type":"record","record":{"id":"INC-2026';
    assert.equal(parseSession(text, record.id).record?.resolvedAt, '2026-11-24T15:00:00.000Z');
  });
});

describe('postmortem session: a step run belongs to one incident', () => {
  const run = (runId: string, at: string): JournalEntry[] => [
    { type: 'step-started', runId, at, runbook: 'r.md', runbookTitle: 'R', stepId: 's', command: `echo ${runId}`, context: '', namespace: '', destructive: false, confirmation: 'none' },
    { type: 'step-finished', runId, at, exitCode: 0, durationMs: 5 },
  ];
  // The trial: one alert fired at 14:00. Incident 1 was declared by the first step run from the
  // runbook (14:10:00.100, just after that run), ran a second step and was resolved at 14:30;
  // incident 2 was declared at 14:40 for the same alert, so its time span starts at 14:00 too.
  const first = { id: 'INC-20261124-001', startedAt: '2026-11-24T14:00:00Z', declaredAt: '2026-11-24T14:10:00.100Z', resolvedAt: '2026-11-24T14:30:00Z' };
  const second = { id: 'INC-20261124-002', startedAt: '2026-11-24T14:00:00Z', declaredAt: '2026-11-24T14:40:00Z' };
  const journal = [...run('auto-start', '2026-11-24T14:10:00Z'), ...run('during-1', '2026-11-24T14:20:00Z'), ...run('between', '2026-11-24T14:35:00Z'), ...run('during-2', '2026-11-24T14:45:00Z')];
  const listed = (session: typeof first | typeof second, others: readonly (typeof first | typeof second)[]) =>
    eventsFromJournal(journal, session, others).map((event) => `${event.runId}${event.takenIn ? ' (taken in)' : ''}`);

  it("leaves the steps of a resolved incident out of the next one's timeline", () => {
    assert.deepEqual(listed(second, [first]), ['between (taken in)', 'during-2']);
  });

  it('gives the incident declared first the step run before either was declared, marked taken in', () => {
    assert.deepEqual(listed(first, [second]), ['auto-start (taken in)', 'during-1']);
  });

  it('takes in every earlier step of its span when no other incident owns one', () => {
    assert.deepEqual(listed(second, []), ['auto-start (taken in)', 'during-1 (taken in)', 'between (taken in)', 'during-2']);
  });

  it('reads the declaration from the incident-started event, else the start', () => {
    const record = { id: 'INC-20261124-002', title: 't', severity: 'P2', startedAt: second.startedAt, sources: [] } as const;
    assert.deepEqual(sessionSpan(record, [{ type: 'incident-started', at: second.declaredAt, title: 't', severity: 'P2' }]), second);
    assert.equal(sessionSpan(record, []).declaredAt, second.startedAt);
  });
});
