import assert from 'node:assert/strict';
import { mapWithLimit } from '../../../src/platform/boundedMap';

describe('mapWithLimit', () => {
  it('never has more than the limit in flight, and keeps the input order', async () => {
    let inFlight = 0;
    let most = 0;
    const items = Array.from({ length: 100 }, (_, i) => i);
    const results = await mapWithLimit(items, 8, async (item) => {
      inFlight++;
      most = Math.max(most, inFlight);
      // Later items finish sooner: the order of the results must not follow completion.
      await new Promise((resolve) => setTimeout(resolve, (100 - item) % 7));
      inFlight--;
      return item * 2;
    });
    assert.equal(most, 8);
    assert.deepEqual(results, items.map((item) => item * 2));
  });

  it('answers an empty list without calling the work', async () => {
    assert.deepEqual(await mapWithLimit([], 8, () => Promise.reject(new Error('called'))), []);
  });

  it('rejects with the first failure', async () => {
    await assert.rejects(mapWithLimit([1, 2, 3], 2, async (item) => {
      if (item === 2) throw new Error('item 2 failed');
      return item;
    }), /item 2 failed/);
  });
});
