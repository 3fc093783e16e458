// The space kept for step output, per incident: each step's stored text is taken from its
// incident's budget when the step ends, cut when less is left. What earlier steps stored (in a
// window before a reload) is counted once, when a budget is first used.

import { fitToBytes } from './stepOutputCapture';

export interface BudgetedText {
  readonly text: string;
  /** The budget ran out during this step: the text stops early. */
  readonly overBudget: boolean;
  /** The first step of this budget to run out: say so to the user, once. */
  readonly firstOverrun: boolean;
}

export class OutputBudgets {
  private readonly used = new Map<string, Promise<number>>();
  private readonly overrun = new Set<string>();

  constructor(
    private readonly limitBytes: number,
    /** Bytes stored against `key` before this budget was first used. */
    private readonly storedBefore: (key: string) => Promise<number>,
  ) {}

  /** Takes `text` from the budget `key`; steps ending together are served one after the other. */
  async take(key: string, text: string): Promise<BudgetedText> {
    const before = this.used.get(key) ?? this.storedBefore(key).catch(() => 0);
    const taking = before.then((used) => {
      const fitted = fitToBytes(text, Math.max(0, this.limitBytes - used));
      return { fitted, used: used + Buffer.byteLength(fitted.text, 'utf8') };
    });
    this.used.set(key, taking.then((taken) => taken.used));
    const { fitted } = await taking;
    const firstOverrun = fitted.cut && !this.overrun.has(key);
    if (fitted.cut) this.overrun.add(key);
    return { text: fitted.text, overBudget: fitted.cut, firstOverrun };
  }
}
