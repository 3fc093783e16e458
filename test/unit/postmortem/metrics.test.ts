import assert from 'node:assert/strict';
import { computeMetrics, describeResponseTimes, formatMetric, medianMetrics } from '../../../src/core/postmortem/metrics';
import type { SessionRecord, TimelineEvent } from '../../../src/core/postmortem/sessionModel';
import { events, record, stepRun } from './sessionFixtures';

const MIN = 60_000;

describe('postmortem metrics: one incident', () => {
  it('measures from the record start: first alert resolved as mitigation; no acknowledgement, no time to acknowledge', () => {
    // The fixture has no acknowledgement (Alertmanager knows none): a step run is not one.
    assert.deepEqual(computeMetrics(record, events), {
      timeToMitigateMs: 27 * MIN,
      timeToResolveMs: 65 * MIN + 30_000,
    });
  });

  it('takes the acknowledgement alone, so the same record gives the same figure with or without journal steps', () => {
    const ack: TimelineEvent = { type: 'alert-acknowledged', at: '2026-11-24T14:20:00Z', incidentId: 'i', title: 't', by: 'ana' };
    assert.equal(computeMetrics(record, [...events, ack]).timeToAcknowledgeMs, 17 * MIN);
    const stored = [ack, { type: 'note', at: '2026-11-24T14:05:00Z', text: 'looking' } as TimelineEvent];
    const withJournalSteps = [...stored, stepRun({ at: '2026-11-24T14:04:00Z' })];
    assert.equal(computeMetrics(record, withJournalSteps).timeToAcknowledgeMs, computeMetrics(record, stored).timeToAcknowledgeMs);
  });

  it('states time to acknowledge only when someone acknowledged', () => {
    assert.deepEqual(
      describeResponseTimes({ timeToMitigateMs: 27 * MIN }).map((time) => time.label),
      ['Time to mitigate', 'Time to resolve'],
    );
    assert.deepEqual(describeResponseTimes({ timeToAcknowledgeMs: 44 * MIN, timeToResolveMs: 24 * 60 * MIN }), [
      { label: 'Time to acknowledge', value: '44 min' },
      { label: 'Time to mitigate', value: '—' },
      { label: 'Time to resolve', value: '24 h' },
    ]);
  });

  it('uses the incident resolution for mitigation when no alert resolved', () => {
    const withoutAlertResolved = events.filter((event) => event.type !== 'alert-resolved');
    assert.equal(computeMetrics(record, withoutAlertResolved).timeToMitigateMs, 65 * MIN + 30_000);
  });

  it('leaves out what an open incident has not reached, and counts events before the start as 0', () => {
    const open: SessionRecord = { ...record, resolvedAt: undefined };
    const ackedEarly: TimelineEvent = { type: 'alert-acknowledged', at: '2026-11-24T13:50:00Z', incidentId: 'i', title: 't' };
    assert.deepEqual(computeMetrics(open, [ackedEarly]), { timeToAcknowledgeMs: 0 });
    assert.deepEqual(computeMetrics(open, []), {});
  });
});

describe('postmortem metrics: across incidents', () => {
  it('takes the median of each metric over the incidents that have it', () => {
    const median = medianMetrics([
      { timeToAcknowledgeMs: 5 * MIN, timeToResolveMs: 60 * MIN },
      { timeToAcknowledgeMs: 1 * MIN, timeToResolveMs: 10 * MIN },
      { timeToAcknowledgeMs: 90 * MIN },
      { timeToResolveMs: 30 * MIN, timeToMitigateMs: 20 * MIN },
    ]);
    assert.deepEqual(median, { timeToAcknowledgeMs: 5 * MIN, timeToMitigateMs: 20 * MIN, timeToResolveMs: 30 * MIN });
  });

  it('averages the two middle values of an even count, and is empty for no incidents', () => {
    assert.deepEqual(medianMetrics([{ timeToResolveMs: 10 * MIN }, { timeToResolveMs: 40 * MIN }, { timeToResolveMs: 20 * MIN }, { timeToResolveMs: 1000 * MIN }]), {
      timeToResolveMs: 30 * MIN,
    });
    assert.deepEqual(medianMetrics([]), {});
  });
});

describe('postmortem metrics: format', () => {
  it('reads as minutes and hours, and a dash when unknown', () => {
    assert.equal(formatMetric(12 * MIN), '12 min');
    assert.equal(formatMetric(65 * MIN), '1 h 5 min');
    assert.equal(formatMetric(120 * MIN), '2 h');
    assert.equal(formatMetric(12 * MIN + 40_000), '13 min');
    assert.equal(formatMetric(45_000), '45 s');
    assert.equal(formatMetric(26 * 60 * MIN + 1 * MIN), '26 h 1 min');
    assert.equal(formatMetric(undefined), '—');
    assert.equal(formatMetric(Number.NaN), '—');
    assert.equal(formatMetric(-5), '—');
  });
});
