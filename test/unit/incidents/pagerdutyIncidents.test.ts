import assert from 'node:assert/strict';
import { parsePagerDutyIncidents } from '../../../src/core/incidents/pagerdutyIncidents';

function pdIncident(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'PT4KHLK',
    type: 'incident',
    summary: '[#1234] The server is on fire.',
    title: 'The server is on fire.',
    incident_number: 1234,
    status: 'triggered',
    urgency: 'high',
    priority: null,
    created_at: '2026-11-24T09:00:00Z',
    html_url: 'https://acme.pagerduty.com/incidents/PT4KHLK',
    incident_key: 'baf7cf21b1da41b4b0221008339ff357',
    service: { id: 'PIJ90N7', type: 'service_reference', summary: 'My Mail Service' },
    ...overrides,
  };
}

describe('parsePagerDutyIncidents', () => {
  it('reads a GET /incidents page', () => {
    const result = parsePagerDutyIncidents({ incidents: [pdIncident()], limit: 25, offset: 0, more: false, total: null }, 'acme');
    assert.deepEqual(result.errors, []);
    assert.deepEqual(result.incidents, [
      {
        id: 'incident/pagerduty/acme/PT4KHLK',
        source: 'pagerduty',
        sourceName: 'acme',
        sourceId: 'PT4KHLK',
        title: 'The server is on fire.',
        severity: 'P1',
        group: 'My Mail Service',
        labels: { service: 'My Mail Service', urgency: 'high', incident_key: 'baf7cf21b1da41b4b0221008339ff357', incident_number: '1234' },
        annotations: {},
        startedAt: '2026-11-24T09:00:00Z',
        status: 'triggered',
        url: 'https://acme.pagerduty.com/incidents/PT4KHLK',
      },
    ]);
    assert.deepEqual(result.paging, { offset: 0, limit: 25, more: false, truncated: false });
  });

  it('maps priority over urgency, keeps acknowledged and leaves resolved out', () => {
    const { incidents } = parsePagerDutyIncidents(
      {
        incidents: [
          pdIncident({ id: 'A', status: 'acknowledged', urgency: 'low', priority: { id: 'P', summary: 'P1' } }),
          pdIncident({ id: 'B', status: 'resolved' }),
          pdIncident({ id: 'C', urgency: 'low', service: null }),
        ],
      },
      'acme',
    );
    assert.deepEqual(
      incidents.map((i) => [i.sourceId, i.status, i.severity, i.group]),
      [
        ['A', 'acknowledged', 'P0', 'My Mail Service'],
        ['C', 'triggered', 'P3', 'other'],
      ],
    );
  });

  it('returns the next offset while there are more pages, and stops at the 10,000 window', () => {
    assert.deepEqual(parsePagerDutyIncidents({ incidents: [], offset: 100, limit: 100, more: true, total: 5000 }, 'a').paging, {
      offset: 100,
      limit: 100,
      more: true,
      nextOffset: 200,
      truncated: false,
      total: 5000,
    });
    const last = parsePagerDutyIncidents({ incidents: [], offset: 9800, limit: 100, more: true }, 'a').paging;
    assert.equal(last.nextOffset, 9900);
    const beyond = parsePagerDutyIncidents({ incidents: [], offset: 9900, limit: 100, more: true }, 'a').paging;
    assert.equal(beyond.nextOffset, undefined);
    assert.equal(beyond.truncated, true);
  });

  it('never throws on garbage, and skips bad incidents with a reason', () => {
    for (const garbage of [null, [], 'x', { incidents: {} }, 3]) {
      const result = parsePagerDutyIncidents(garbage, 'acme');
      assert.deepEqual(result.incidents, []);
      assert.equal(result.errors.length, 1);
    }
    const { incidents, errors } = parsePagerDutyIncidents({ incidents: [null, { title: 'no id' }, pdIncident({ status: 'weird' }), pdIncident({ id: 'OK', title: undefined, created_at: 'nope' })] }, 'acme');
    assert.deepEqual(
      incidents.map((i) => [i.sourceId, i.title, i.startedAt]),
      [['OK', '[#1234] The server is on fire.', '']],
    );
    assert.equal(errors.length, 3);
    assert.match(errors[1], /has no id/);
    assert.match(errors[2], /unknown status "weird"/);
  });
});
