import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describeResponseTime, fallbackResponseTime, resolveResponseTime, type RunbookSeverities } from '../../../src/core/incidents/responseTimes';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';

// Five team runbooks that define the P0 clock each in their own way and disagree on it.
const FOLDER = path.join(__dirname, '../../../../../test/fixtures/runbooks/severity-clocks');

function runbook(name: string): RunbookSeverities {
  const file = path.join(FOLDER, name);
  return { label: `runbooks/${name}`, severities: parseRunbook(readFileSync(file, 'utf8'), { fileName: file }).severities };
}

describe('response times per incident', () => {
  it("takes an incident's time from its own runbook, whatever form the runbook writes it in", () => {
    const p0 = (name: string) => resolveResponseTime('P0', runbook(name), {});
    assert.deepEqual(p0('payments-api.md'), { minutes: 5, origin: 'runbook', runbook: 'runbooks/payments-api.md' });
    assert.deepEqual(p0('search-cluster.md'), { minutes: 15, origin: 'runbook', runbook: 'runbooks/search-cluster.md' });
    assert.deepEqual(p0('checkout.md'), { minutes: 30, origin: 'runbook', runbook: 'runbooks/checkout.md' });
    assert.deepEqual(p0('ledger.md'), { minutes: 10, origin: 'runbook', runbook: 'runbooks/ledger.md' });
  });

  it('prefers the runbook to the setting, and the setting to the default', () => {
    assert.deepEqual(resolveResponseTime('P0', runbook('checkout.md'), { P0: 20 }), { minutes: 30, origin: 'runbook', runbook: 'runbooks/checkout.md' });
    assert.deepEqual(resolveResponseTime('P0', undefined, { P0: 20 }), { minutes: 20, origin: 'setting' });
    assert.deepEqual(resolveResponseTime('P0', undefined, {}), { minutes: 5, origin: 'default' });
    assert.deepEqual(resolveResponseTime('P3', undefined, undefined), { minutes: 1440, origin: 'default' });
  });

  it('falls through a level the runbook gives no time for: "Immediate", a status page cadence, a level it leaves out', () => {
    // "Immediate status page update" and "Respond: Immediate" set no clock: 0 would make every P0 overdue at once.
    assert.deepEqual(resolveResponseTime('P0', runbook('status-page.md'), { P0: 20 }), { minutes: 20, origin: 'setting' });
    assert.deepEqual(resolveResponseTime('P1', runbook('status-page.md'), {}), { minutes: 15, origin: 'default' });
    assert.deepEqual(resolveResponseTime('P3', runbook('payments-api.md'), { P3: 600 }), { minutes: 600, origin: 'setting' });
  });

  it('ignores setting values that are no usable number of minutes', () => {
    for (const value of ['soon', 0, -5, Number.NaN, null]) {
      assert.deepEqual(fallbackResponseTime({ P1: value }, 'P1'), { minutes: 15, origin: 'default' }, String(value));
    }
  });

  it('says where a time comes from, for the hover', () => {
    assert.equal(describeResponseTime({ minutes: 30, origin: 'runbook', runbook: 'runbooks/checkout.md' }), '30 min (runbooks/checkout.md)');
    assert.equal(describeResponseTime({ minutes: 20, origin: 'setting' }), '20 min (setting oncall.incidents.responseTimes)');
    assert.equal(describeResponseTime({ minutes: 1440, origin: 'default' }), '24 h (default)');
  });
});
