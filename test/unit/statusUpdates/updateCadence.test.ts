import assert from 'node:assert/strict';
import type { SessionRecord, TimelineEvent } from '../../../src/core/postmortem/sessionModel';
import { describeCadence, nextCadenceChangeMs, updateCadence, updateIntervalMinutes } from '../../../src/core/statusUpdates/updateCadence';

const declared = Date.parse('2026-12-06T10:00:00Z');
const minutes = (n: number) => n * 60_000;
const record: SessionRecord = { id: 'INC-20261206-001', title: 'Checkout fails', severity: 'P1', startedAt: '2026-12-06T09:52:00.000Z', sources: [] };
const started: TimelineEvent = { type: 'incident-started', at: new Date(declared).toISOString(), title: record.title, severity: 'P1' };
const posted = (at: number): TimelineEvent => ({ type: 'status-update-posted', at: new Date(at).toISOString(), text: 'update', via: 'Slack' });

describe('status update cadence', () => {
  it('counts down from the declaration, not from when the first alert fired', () => {
    const cadence = updateCadence(record, [started], 30, declared + minutes(18));
    assert.deepEqual(cadence, { kind: 'waiting', dueAt: declared + minutes(30), remainingMs: minutes(12) });
    assert.equal(describeCadence(cadence), 'update in 12m');
  });

  it('is due at the interval, and says so', () => {
    const cadence = updateCadence(record, [started], 30, declared + minutes(30));
    assert.equal(cadence.kind, 'due');
    assert.equal(describeCadence(cadence), 'update due');
  });

  it('opens one due period per interval that passes without an update', () => {
    const periods = [30, 45, 59, 60, 89, 90].map((m) => {
      const cadence = updateCadence(record, [started], 30, declared + minutes(m));
      return cadence.kind === 'due' ? cadence.period : -1;
    });
    assert.deepEqual(periods, [0, 0, 0, 1, 1, 2]);
  });

  it('starts again at the latest update posted', () => {
    const events = [started, posted(declared + minutes(40)), posted(declared + minutes(25))];
    const cadence = updateCadence(record, events, 30, declared + minutes(50));
    assert.deepEqual(cadence, { kind: 'waiting', dueAt: declared + minutes(70), remainingMs: minutes(20) });
  });

  it('stops when the incident is resolved', () => {
    const resolved = { ...record, resolvedAt: new Date(declared + minutes(45)).toISOString() };
    assert.deepEqual(updateCadence(resolved, [started], 30, declared + minutes(50)), { kind: 'off' });
    assert.deepEqual(updateCadence(undefined, [], 30, declared), { kind: 'off' });
  });

  it('is off at interval 0, and a broken setting falls back to 30 minutes', () => {
    assert.deepEqual(updateCadence(record, [started], 0, declared + minutes(500)), { kind: 'off' });
    assert.equal(describeCadence({ kind: 'off' }), '');
    assert.equal(updateIntervalMinutes(0), 0);
    assert.equal(updateIntervalMinutes(15), 15);
    for (const broken of [-5, 'soon', null, undefined, Number.NaN]) assert.equal(updateIntervalMinutes(broken), 30, String(broken));
    assert.equal(updateIntervalMinutes(1e9), 24 * 60);
  });

  it('never reads "in 0m" before it is due, and words long intervals in hours', () => {
    assert.equal(describeCadence(updateCadence(record, [started], 30, declared + minutes(30) - 1000)), 'update in 1m');
    assert.equal(describeCadence(updateCadence(record, [started], 120, declared + minutes(10))), 'update in 1h 50m');
    assert.equal(describeCadence(updateCadence(record, [started], 120, declared)), 'update in 2h');
  });

  it('falls back to the record start for a timeline that lost its declaration', () => {
    const cadence = updateCadence(record, [], 30, Date.parse(record.startedAt) + minutes(10));
    assert.equal(describeCadence(cadence), 'update in 20m');
  });

  it('wakes the status bar at the next minute boundary or the due time, whichever comes first', () => {
    assert.equal(nextCadenceChangeMs({ kind: 'waiting', dueAt: 0, remainingMs: minutes(12) + 5000 }), 5000);
    assert.equal(nextCadenceChangeMs({ kind: 'waiting', dueAt: 0, remainingMs: 4000 }), 4000);
    assert.equal(nextCadenceChangeMs({ kind: 'waiting', dueAt: 0, remainingMs: minutes(3) }), 60_000);
    assert.equal(nextCadenceChangeMs({ kind: 'due', dueAt: 0, period: 0 }), undefined);
  });
});
