import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { findHiddenCharacters, refuseHiddenCharacters } from '../../../src/core/execution/hiddenCharacters';
import { planExecution } from '../../../src/core/execution/planExecution';
import { encodeTerminalInput } from '../../../src/core/execution/terminalInput';
import { findPlaceholders } from '../../../src/core/runbooks/placeholders';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';
import { itWithCorpus, listMarkdown } from '../../support/corpus';
import { assertLinearGrowth } from '../../support/growth';
import { typeIntoInteractiveBash } from '../../support/interactiveBash';
import data from './data/hiddenCharacters.json';

interface HiddenCase {
  readonly text: string;
  readonly value?: string;
  /** The placeholder the value fills, as written in the step; `<pod-name>` when not given. */
  readonly placeholder?: string;
  readonly verdict: 'refused' | 'runs';
  readonly character?: string;
  readonly line?: number;
  readonly bash?: string;
  readonly reason: string;
}

const cases = data.cases as HiddenCase[];

function planCase(testCase: HiddenCase) {
  const step = {
    kind: 'shell' as const,
    commands: testCase.text,
    content: testCase.text,
    contentRange: { startLine: 0, endLine: testCase.text.split('\n').length - 1 },
    placeholders: findPlaceholders(testCase.text, 'shell'),
    runnable: true,
  };
  const name = step.placeholders[0]?.name ?? 'pod-name';
  return planExecution({ step, values: testCase.value === undefined ? {} : { [name]: testCase.value }, protectedContext: false, confirm: 'never' });
}

describe('hidden characters in steps and values', () => {
  for (const testCase of cases) {
    const label = JSON.stringify(testCase.value ?? testCase.text);
    if (testCase.verdict === 'refused') {
      it(`refuses ${label}: ${testCase.reason}`, () => {
        const plan = planCase(testCase);
        assert.ok(plan.refusal, 'the plan carries a refusal');
        assert.ok(plan.refusal.includes(testCase.character ?? '?'), `names ${testCase.character}: ${plan.refusal}`);
        if (testCase.value !== undefined) assert.ok(plan.refusal.startsWith(`the value for ${testCase.placeholder ?? '<pod-name>'} holds `), plan.refusal);
        else assert.match(plan.refusal, new RegExp(`^line ${testCase.line} of this step holds `));
        // One sentence.
        assert.equal(plan.refusal.split(/[.:;]\s+[A-Z]/).length, 1, plan.refusal);
        if (testCase.value !== undefined && !plan.command.includes(testCase.value)) {
          // The placeholder filler refused the value too, so it never reached the command.
          assert.ok(plan.refusals.length > 0, 'the filler refused the value');
        } else {
          assert.throws(() => encodeTerminalInput(plan.command), 'the terminal gate refuses it too');
        }
      });
    } else {
      it(`runs ${label}: ${testCase.reason}`, () => {
        const plan = planCase(testCase);
        assert.equal(plan.refusal, undefined);
        assert.doesNotThrow(() => encodeTerminalInput(plan.command));
      });
    }
  }

  it('keeps every hostile case of the table refused by the core check alone, on the final text', () => {
    for (const testCase of cases.filter((c) => c.verdict === 'refused')) {
      const finalText = testCase.value === undefined ? testCase.text : testCase.text.replace(testCase.placeholder ?? '<pod-name>', testCase.value);
      assert.ok(refuseHiddenCharacters({ command: finalText }), JSON.stringify(finalText));
    }
  });

  it('scans a megabyte in linear time', () => {
    const line = (repeats: number) => `${'kubectl get pods -n shop '.repeat(repeats)}\u0015`;
    assert.equal(findHiddenCharacters(line(40_000)).length, 1);
    // The time of 10 scans of 100 kB against one of 1 MB, measured side by side.
    assertLinearGrowth('scanning for hidden characters', line, findHiddenCharacters, { size: 4_000 });
  });
});

describe('hidden characters in a parsed runbook', () => {
  itWithCorpus('refuses no step of the real runbooks (none holds such a character)', (corpusDir) => {
    const refused: string[] = [];
    let steps = 0;
    for (const file of listMarkdown(corpusDir)) {
      for (const step of parseRunbook(readFileSync(file, 'utf8')).steps) {
        steps++;
        if (step.runnable && planExecution({ step, values: {}, protectedContext: false, confirm: 'never' }).refusal) refused.push(`${file}: ${step.id}`);
      }
    }
    assert.ok(steps > 1000, `${steps} steps read`);
    assert.deepEqual(refused, []);
  });

  for (const testCase of data.parsed as Array<{ markdown: string; destructive?: boolean; refused: boolean; line?: number; column?: number; reason: string }>) {
    it(testCase.reason, () => {
      const runbook = parseRunbook(testCase.markdown);
      const step = runbook.steps[0];
      const plan = planExecution({ step, values: {}, protectedContext: false, confirm: 'never' });
      const diagnostics = runbook.diagnostics.filter((d) => d.code === 'hidden-character');
      if (!testCase.refused) {
        assert.equal(plan.refusal, undefined);
        assert.deepEqual(diagnostics, []);
        assert.equal(plan.risk.destructive, testCase.destructive);
        return;
      }
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0].severity, 'error');
      assert.equal(diagnostics[0].line + 1, testCase.line);
      assert.equal(diagnostics[0].column, testCase.column);
      assert.equal(diagnostics[0].endColumn, (testCase.column ?? 0) + 1);
      assert.match(diagnostics[0].message, /^U\+0015 \(Ctrl-U\) is an invisible character/);
      assert.ok(plan.refusal?.startsWith(`line ${testCase.line} of this step holds U+0015 (Ctrl-U)`), plan.refusal);
    });
  }
});

// What a real interactive bash makes of the hostile steps: another command than the one read.
describe('hidden characters typed into a real interactive bash', function () {
  this.timeout(30_000);
  for (const testCase of cases.filter((c) => c.bash !== undefined)) {
    it(`turns ${JSON.stringify(testCase.text)} into ${JSON.stringify(testCase.bash)}`, async () => {
      const calls = await typeIntoInteractiveBash(testCase.text);
      assert.deepEqual(calls, testCase.bash?.split('\n'));
      assert.notEqual(calls.join('\n'), testCase.text, 'bash ran something else than the text');
      assert.ok(planCase(testCase).refusal, 'and the plan refuses it');
    });
  }
});
