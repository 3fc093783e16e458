import * as assert from 'node:assert/strict';
import { OutputBudgets } from '../../../src/core/execution/outputBudget';

describe('the step output budget of an incident', () => {
  const line = (n: number) => `${'x'.repeat(99)}\n`.repeat(n);

  it('keeps whole outputs until the budget is used, then cuts at a line and says so once', async () => {
    const budgets = new OutputBudgets(1_000, async () => 0);
    assert.deepEqual(await budgets.take('INC-1', line(6)), { text: line(6), overBudget: false, firstOverrun: false });
    assert.deepEqual(await budgets.take('INC-1', line(6)), { text: line(4), overBudget: true, firstOverrun: true });
    assert.deepEqual(await budgets.take('INC-1', line(1)), { text: '', overBudget: true, firstOverrun: false });
    assert.deepEqual(await budgets.take('INC-1', ''), { text: '', overBudget: false, firstOverrun: false });
  });

  it('keeps a budget per incident, and one for steps of no incident', async () => {
    const budgets = new OutputBudgets(500, async () => 0);
    assert.equal((await budgets.take('INC-1', line(5))).overBudget, false);
    assert.equal((await budgets.take('INC-2', line(5))).overBudget, false);
    assert.equal((await budgets.take('', line(5))).overBudget, false);
    assert.equal((await budgets.take('INC-1', line(1))).overBudget, true);
  });

  it('counts what was stored before a reload once, when the budget is first used', async () => {
    const asked: string[] = [];
    const budgets = new OutputBudgets(1_000, async (key) => {
      asked.push(key);
      return 900;
    });
    assert.deepEqual(await budgets.take('INC-1', line(2)), { text: line(1), overBudget: true, firstOverrun: true });
    await budgets.take('INC-1', line(1));
    assert.deepEqual(asked, ['INC-1']);
  });

  it('never gives the last bytes to two steps ending together', async () => {
    const budgets = new OutputBudgets(1_000, async () => 0);
    const taken = await Promise.all(Array.from({ length: 20 }, () => budgets.take('INC-1', line(1))));
    assert.equal(taken.filter((t) => t.text !== '').length, 10);
    assert.equal(taken.filter((t) => t.firstOverrun).length, 1);
  });

  it('counts nothing stored before when that cannot be read', async () => {
    const budgets = new OutputBudgets(1_000, async () => {
      throw new Error('unreadable journal');
    });
    assert.equal((await budgets.take('INC-1', line(10))).overBudget, false);
  });
});
