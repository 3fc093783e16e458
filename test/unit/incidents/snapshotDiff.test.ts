import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parseAlertmanagerAlerts } from '../../../src/core/incidents/alertmanagerAlerts';
import type { Incident } from '../../../src/core/incidents/incidentModel';
import { diffSnapshots, mergeIncidentMaps } from '../../../src/core/incidents/snapshotDiff';
import { makeAlertPayload } from '../../fixtures/alertmanager/alertPayloads';

function incident(id: string, overrides: Partial<Incident> = {}): Incident {
  return {
    id,
    source: 'alertmanager',
    sourceName: 'am',
    sourceId: id,
    title: `title ${id}`,
    severity: 'P2',
    group: 'shop',
    labels: { alertname: 'A', namespace: 'shop' },
    annotations: { summary: 's' },
    startedAt: '2026-11-24T10:00:00.000Z',
    status: 'firing',
    ...overrides,
  };
}

describe('diffSnapshots', () => {
  it('reports everything as added against an empty snapshot', () => {
    const diff = diffSnapshots(new Map(), [incident('a'), incident('b')]);
    assert.deepEqual(
      diff.added.map((i) => i.id),
      ['a', 'b'],
    );
    assert.equal(diff.snapshot.size, 2);
    assert.equal(diff.unchanged, 0);
  });

  it('reports added, removed (resolved) and changed incidents', () => {
    const first = diffSnapshots(new Map(), [incident('a'), incident('b'), incident('c'), incident('d'), incident('e')]).snapshot;
    const diff = diffSnapshots(first, [
      incident('a'),
      incident('b', { status: 'silenced' }),
      incident('c', { labels: { alertname: 'A', namespace: 'other' } }),
      incident('d', { severity: 'P1' }),
      incident('f'),
    ]);
    assert.deepEqual(
      diff.added.map((i) => i.id),
      ['f'],
    );
    assert.deepEqual(
      diff.removed.map((i) => i.id),
      ['e'],
    );
    assert.deepEqual(
      diff.changed.map((c) => [c.previous.id, c.previous.status, c.next.status]),
      [
        ['b', 'firing', 'silenced'],
        ['c', 'firing', 'firing'],
        ['d', 'firing', 'firing'],
      ],
    );
    assert.equal(diff.unchanged, 1);
  });

  it('does not count a reordering of label keys or a new updatedAt as a change', () => {
    const first = diffSnapshots(new Map(), [incident('a', { labels: { x: '1', y: '2' } })]).snapshot;
    const diff = diffSnapshots(first, [incident('a', { labels: { y: '2', x: '1' }, startedAt: '2026-11-24T10:00:01.000Z' })]);
    assert.equal(diff.changed.length, 0);
    assert.equal(diff.unchanged, 1);
  });

  it('keeps the first of two incidents with the same id', () => {
    const diff = diffSnapshots(new Map(), [incident('a', { title: 'first' }), incident('a', { title: 'second' })]);
    assert.equal(diff.snapshot.get('a')?.title, 'first');
    assert.equal(diff.added.length, 1);
  });

  it('reports nothing for an unchanged poll of 10,000 alerts parsed afresh', () => {
    const payload = JSON.stringify(makeAlertPayload(10_000));
    const first = parseAlertmanagerAlerts(JSON.parse(payload), 'am');
    assert.equal(first.incidents.length, 10_000);
    const previous = diffSnapshots(new Map(), first.incidents).snapshot;
    const diff = diffSnapshots(previous, parseAlertmanagerAlerts(JSON.parse(payload), 'am').incidents);
    assert.deepEqual([diff.added.length, diff.removed.length, diff.changed.length, diff.unchanged], [0, 0, 0, 10_000]);
    // The views keep the objects they already hold: the fresh parse is left to be collected.
    assert.ok([...diff.snapshot.values()].every((kept, i) => kept === first.incidents[i]), 'an unchanged poll replaced incident objects');
  });

  it('takes the new object of a changed incident', () => {
    const previous = diffSnapshots(new Map(), [incident('a'), incident('b')]).snapshot;
    const changedB = incident('b', { status: 'silenced' });
    const diff = diffSnapshots(previous, [incident('a'), changedB]);
    assert.equal(diff.snapshot.get('a'), previous.get('a'));
    assert.equal(diff.snapshot.get('b'), changedB);
    assert.equal(diff.changed.length, 1);
  });

  it('keeps one copy of a value repeated by the alerts of a storm', () => {
    // A long description shared by 2,000 alerts: 20 MB if each incident kept its own copy.
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    const description = 'The service answers slowly. '.repeat(360);
    const alerts = (makeAlertPayload(2_000) as { annotations: Record<string, string> }[]).map((alert) => ({ ...alert, annotations: { ...alert.annotations, description } }));
    const payload = JSON.stringify(alerts);
    collect();
    const before = process.memoryUsage().heapUsed;
    const { snapshot } = diffSnapshots(new Map(), parseAlertmanagerAlerts(JSON.parse(payload), 'am').incidents);
    collect();
    const retainedMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
    assert.equal(snapshot.size, 2_000);
    assert.equal([...snapshot.values()][1_999].annotations.description, description);
    assert.ok(retainedMb < 6, `2,000 incidents retain ${retainedMb.toFixed(1)} MB`);
  });

  it('keeps nothing of an unchanged poll, not even its copies of the ids', () => {
    // A long instance name makes every id 2 KB: 4 MB for 2,000 alerts if the snapshot kept
    // this poll's id strings as keys next to the ones its incidents hold.
    setFlagsFromString('--expose-gc');
    const collect = runInNewContext('gc') as () => void;
    const name = 'alertmanager-'.repeat(160);
    const payload = JSON.stringify(makeAlertPayload(2_000));
    const poll = (previous: ReadonlyMap<string, Incident>) => diffSnapshots(previous, parseAlertmanagerAlerts(JSON.parse(payload), name).incidents);
    // A first unchanged poll warms up what V8 allocates once (code, feedback), not per poll.
    const first = poll(poll(new Map()).snapshot).snapshot;
    collect();
    const before = process.memoryUsage().heapUsed;
    const second = poll(first);
    collect();
    const retainedMb = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
    assert.equal(second.unchanged, 2_000);
    assert.equal(second.snapshot.size, 2_000);
    assert.ok(retainedMb < 1.5, `an unchanged poll of 2,000 alerts retains ${retainedMb.toFixed(1)} MB`);
  });

  it('leaves every value of an incident it takes in as it was', () => {
    const alerts = JSON.parse(JSON.stringify(makeAlertPayload(30))) as unknown[];
    const expected = parseAlertmanagerAlerts(JSON.parse(JSON.stringify(alerts)), 'am').incidents;
    const { snapshot } = diffSnapshots(new Map(), parseAlertmanagerAlerts(alerts, 'am').incidents);
    assert.deepEqual([...snapshot.values()], expected);
  });
});

describe('mergeIncidentMaps', () => {
  const map = (...incidents: Incident[]) => new Map(incidents.map((item) => [item.id, item]));

  it('merges the incidents of several sources, the first one winning a shared id', () => {
    const shared = incident('shared', { title: 'from the first' });
    const merged = mergeIncidentMaps([map(incident('a'), shared), new Map(), map(incident('shared', { title: 'from the second' }), incident('b'))]);
    assert.deepEqual([...merged.keys()], ['a', 'shared', 'b']);
    assert.equal(merged.get('shared')?.title, 'from the first');
  });

  it('is the one source that has incidents, as it is', () => {
    const only = map(incident('a'), incident('b'));
    assert.equal(mergeIncidentMaps([new Map(), only, new Map()]), only);
    assert.equal(only.size, 2);
  });

  it('is empty without sources or incidents', () => {
    assert.equal(mergeIncidentMaps([]).size, 0);
    assert.equal(mergeIncidentMaps([new Map(), new Map()]).size, 0);
  });
});
