import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describeLeftOutLines, isChatCommandLine } from '../../../src/core/execution/chatCommands';
import { planExecution } from '../../../src/core/execution/planExecution';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';
import chatLines from './riskCases/chat-lines.json';

interface ChatLineCase {
  readonly block: string;
  /** 0-based lines of the block that Run leaves out. */
  readonly leftOut: readonly number[];
  /** `asks`: the paths run programs the check cannot read, so it asks (as for any script). */
  readonly verdict: 'read-only' | 'destructive' | 'asks' | 'not-runnable';
  readonly reason: string;
  readonly why: string;
}

function stepOf(block: string) {
  const runbook = parseRunbook(['# Runbook', '', '```bash', block, '```'].join('\n'));
  return { runbook, step: runbook.steps[0]! };
}

describe('chat commands in shell blocks', () => {
  for (const testCase of chatLines as ChatLineCase[]) {
    it(`${testCase.why}: ${JSON.stringify(testCase.block)}`, () => {
      const { runbook, step } = stepOf(testCase.block);
      const firstLine = step.contentRange.startLine;
      assert.deepEqual((step.leftOut ?? []).map((left) => left.line - firstLine), testCase.leftOut);
      const chatDiagnostics = runbook.diagnostics.filter((d) => d.code === 'chat-command');
      assert.deepEqual(chatDiagnostics.map((d) => d.line - firstLine), testCase.leftOut);
      // Blanked, never removed: the remaining lines are exactly as written, in place.
      const blockLines = testCase.block.split('\n');
      const runLines = step.commands.split('\n');
      assert.equal(runLines.length, blockLines.length);
      blockLines.forEach((line, index) => assert.equal(runLines[index], testCase.leftOut.includes(index) ? '' : line));
      if (testCase.verdict === 'not-runnable') {
        assert.equal(step.runnable, false);
        return;
      }
      assert.equal(step.runnable, true);
      const plan = planExecution({ step, values: {}, protectedContext: false, confirm: 'destructive' });
      assert.equal(plan.risk.destructive, testCase.verdict !== 'read-only', plan.risk.reasons.join('; '));
      if (testCase.reason !== '') assert.ok(plan.risk.reasons.some((reason) => reason.startsWith(testCase.reason)), plan.risk.reasons.join('; '));
      // The misleading reason naming the chat command never appears.
      for (const index of testCase.leftOut) {
        const word = blockLines[index]!.trim().split(/\s+/)[0]!.slice(1);
        assert.ok(!plan.risk.reasons.some((reason) => reason.includes(`(${word}`)), plan.risk.reasons.join('; '));
      }
    });
  }

  it('tells chat commands from paths without looking at the disk', () => {
    assert.equal(isChatCommandLine('/slack create-channel inc'), true);
    assert.equal(isChatCommandLine('/pd'), true);
    assert.equal(isChatCommandLine('/deploy rollback web'), true);
    assert.equal(isChatCommandLine('/bin/ls'), false);
    assert.equal(isChatCommandLine('/var'), false);
    assert.equal(isChatCommandLine('/home/me/run.sh'), false);
    assert.equal(isChatCommandLine('kubectl get /slack'), false);
  });

  it('names the left-out lines, 1-based, for the confirmation', () => {
    const { step } = stepOf('/slack create-channel inc-7\nkubectl get pods\n/pd trigger');
    assert.equal(
      describeLeftOutLines(step.leftOut),
      'Left out, chat commands not shell (copy them into your chat tool): line 4 (/slack create-channel inc-7), line 6 (/pd trigger).',
    );
    assert.equal(describeLeftOutLines(undefined), undefined);
  });

  it('keeps output lines of a transcript as they are (only prompted lines run)', () => {
    const { step } = stepOf('$ kubectl get pods\n/slack looks like output');
    assert.equal(step.leftOut, undefined);
  });

  it('reads a team runbook: a declare block of chat commands only, and an investigation block with one', () => {
    const file = path.join(__dirname, '../../../../../test/fixtures/runbooks/chat-commands-in-shell.md');
    const runbook = parseRunbook(readFileSync(file, 'utf8'), { fileName: file });
    const [declare, investigate] = runbook.steps;
    assert.equal(declare!.runnable, false);
    assert.equal(declare!.leftOut?.length, 3);
    assert.equal(investigate!.runnable, true);
    assert.deepEqual(investigate!.leftOut, [{ line: 13, text: '/slack post inc-inventory-api "Looking at pods now"' }]);
    // The heredoc body keeps its `/pd` line: it is text for cat, not a command.
    assert.ok(investigate!.commands.includes('/pd trigger --service inventory'));
    assert.equal(runbook.diagnostics.filter((d) => d.code === 'chat-command').length, 4);
  });
});
