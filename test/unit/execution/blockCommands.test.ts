import assert from 'node:assert/strict';
import { selectStepCommands, splitBlockCommands } from '../../../src/core/execution/blockCommands';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';
import { assertLinearGrowth } from '../../support/growth';
import { blockCommandCases, selectionCases } from './data/blockCommandCases';

/** The block as the only fenced block of a runbook (content starts on line 1). */
function stepOf(block: string, language = 'bash') {
  const runbook = parseRunbook(['```' + language, block, '```'].join('\n'));
  assert.equal(runbook.steps.length, 1);
  return runbook.steps[0]!;
}

describe('splitBlockCommands', () => {
  for (const testCase of blockCommandCases) {
    it(testCase.name, () => {
      const step = stepOf(testCase.block, testCase.language);
      const commands = splitBlockCommands(step.commands);
      assert.deepEqual(
        commands.map((command) => command.text),
        testCase.commands,
      );
      for (const command of commands) assert.equal(step.commands.slice(command.start, command.end), command.text);
      if (testCase.comments) assert.deepEqual(commands.map((command) => command.comment), testCase.comments);
    });
  }

  it('puts every command of every case back together in order, with only blanks, comments and separators between', () => {
    for (const testCase of blockCommandCases) {
      const text = stepOf(testCase.block, testCase.language).commands;
      const commands = splitBlockCommands(text);
      let last = 0;
      for (const command of commands) {
        const between = text.slice(last, command.start);
        assert.match(between.replace(/#[^\n]*/g, ''), /^[\s;]*$/, `${testCase.name}: ${JSON.stringify(between)}`);
        last = command.end;
      }
    }
  });
});

describe('selectStepCommands', () => {
  for (const testCase of selectionCases) {
    it(testCase.name, () => {
      const step = stepOf(testCase.block, testCase.language);
      const lines = step.content.split('\n');
      const from = { line: step.contentRange.startLine + testCase.from.line, column: testCase.from.column ?? 0 };
      const to = { line: step.contentRange.startLine + testCase.to.line, column: testCase.to.column ?? lines[testCase.to.line]!.length };
      const result = selectStepCommands(step, from, to);
      if ('message' in testCase.expected) {
        assert.equal(result.ok, false);
        assert.match(result.ok ? '' : result.message, testCase.expected.message);
        return;
      }
      assert.ok(result.ok, result.ok ? '' : result.message);
      assert.deepEqual(
        result.selected.commands.map((command) => command.text),
        testCase.expected,
      );
      assert.equal(result.selected.step.commands, testCase.expected.join('\n'));
      if (testCase.extended) assert.match(result.selected.extendedNote ?? '', testCase.extended);
      else assert.equal(result.selected.extendedNote, undefined);
    });
  }

  it('finds the placeholders of the chosen commands only', () => {
    const step = stepOf('kubectl get pods -n <namespace>\nkubectl delete pod <pod-name>');
    const result = selectStepCommands(step, { line: 2, column: 0 }, { line: 2, column: 30 });
    assert.ok(result.ok);
    assert.deepEqual(
      result.selected.step.placeholders.map((p) => p.name),
      ['pod-name'],
    );
  });
});

describe('listCommandChoices', () => {
  // Imported here to keep the block-splitting tests above free of the risk rules.
  it('lists each command of a block with its own risk, and offers the choice only when one is destructive', async () => {
    const { listCommandChoices, offersCommandChoice, describeChoiceRisk } = await import('../../../src/core/execution/commandChoices');
    const { planExecution } = await import('../../../src/core/execution/planExecution');
    const step = stepOf('# look\nkubectl get pods -l app=web\n# restart\nkubectl delete pod <pod-name>\nkubectl get deploy');
    const plan = (narrowed: typeof step) => planExecution({ step: narrowed, values: { 'pod-name': 'web-1' }, protectedContext: false, confirm: 'destructive' });
    const choices = listCommandChoices(step, plan);
    assert.deepEqual(
      choices.map((choice) => [choice.shown, choice.risk.destructive, choice.command.comment]),
      [
        ['kubectl get pods -l app=web', false, 'look'],
        ['kubectl delete pod web-1', true, 'restart'],
        ['kubectl get deploy', false, undefined],
      ],
    );
    assert.match(describeChoiceRisk(choices[1]!), /delete/);
    assert.equal(describeChoiceRisk(choices[0]!), 'read-only');
    assert.equal(offersCommandChoice(step, plan(step).risk), true);
    const readOnly = stepOf('kubectl get pods\nkubectl get svc');
    assert.equal(offersCommandChoice(readOnly, plan(readOnly).risk), false);
    const single = stepOf('kubectl delete pod web-1');
    assert.equal(offersCommandChoice(single, plan(single).risk), false);
    const sql = stepOf('SELECT 1;\nDELETE FROM t;', 'sql');
    assert.equal(offersCommandChoice(sql, plan(sql).risk), false);
  });
});

describe('splitBlockCommands on a large block', () => {
  it('splits 20,000 commands, in time that grows linearly with the block', () => {
    const block = (count: number) => Array.from({ length: count }, (_, index) => `# step ${index}\nkubectl get pod web-${index} -o name`).join('\n');
    const commands = splitBlockCommands(block(20_000));
    assert.equal(commands.length, 20_000);
    assert.equal(commands[19_999]!.comment, 'step 19999');
    assert.equal(commands[19_999]!.startLine, 39_999);
    assertLinearGrowth('splitting a block', block, splitBlockCommands, { size: 2_000 });
  });
});
