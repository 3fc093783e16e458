import assert from 'node:assert/strict';
import { decideConfirmation, liveKindOf, planExecution, unfilledPlaceholders } from '../../../src/core/execution/planExecution';
import { collectStepRuns, parseJournal, serializeJournalEntry, type JournalEntry } from '../../../src/core/execution/executionJournal';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';

function stepOf(markdown: string) {
  const step = parseRunbook(markdown).steps[0];
  assert.ok(step, 'the markdown has a step');
  return step;
}

describe('planExecution', () => {
  it('fills known placeholders everywhere they appear and asks for the rest once each', () => {
    const step = stepOf('```bash\nkubectl logs <pod-name> -n <namespace>\nkubectl describe pod <pod-name> -n $NAMESPACE\n```\n');
    const plan = planExecution({ step, values: { namespace: 'shop' }, protectedContext: false, confirm: 'destructive' });
    assert.deepEqual(plan.questions, [{ name: 'pod-name', text: '<pod-name>', liveKind: 'pod' }]);
    const filled = planExecution({ step, values: { namespace: 'shop', 'pod-name': 'web-1' }, protectedContext: false, confirm: 'destructive' });
    assert.equal(filled.questions.length, 0);
    assert.equal(filled.command, 'kubectl logs web-1 -n shop\nkubectl describe pod web-1 -n shop');
    assert.deepEqual(unfilledPlaceholders(filled.command, 'shell'), []);
  });

  it('keeps unfilled placeholders visible so the command is refused', () => {
    const step = stepOf('```bash\nkubectl delete pod <pod-name>\n```\n');
    const plan = planExecution({ step, values: {}, protectedContext: false, confirm: 'destructive' });
    assert.deepEqual(unfilledPlaceholders(plan.command, 'shell'), ['<pod-name>']);
  });

  it('marks a destructive step and asks for the typed name in a protected context', () => {
    const step = stepOf('```bash\nkubectl delete pod <pod-name> -n shop\n```\n');
    const plan = planExecution({ step, values: { 'pod-name': 'web-1' }, protectedContext: true, confirm: 'never' });
    assert.equal(plan.risk.destructive, true);
    assert.ok(plan.risk.reasons.length > 0);
    assert.equal(plan.confirmation, 'typed-name');
  });

  it('judges the command with its values filled in, and a value cannot add a command', () => {
    const step = stepOf('```bash\nkubectl logs <pod-name> --since <since>\n```\n');
    const harmless = planExecution({ step, values: { 'pod-name': 'web-1', since: '1h' }, protectedContext: false, confirm: 'destructive' });
    assert.equal(harmless.confirmation, 'none');
    assert.equal(harmless.command, 'kubectl logs web-1 --since 1h');
    const injected = planExecution({ step, values: { 'pod-name': 'web-1; kubectl delete ns shop', since: '1h' }, protectedContext: true, confirm: 'never' });
    assert.equal(injected.refusals.length, 1, 'not a pod name: refused');
    assert.match(injected.refusals[0]!.reason, /not a valid pod name/);
    const quoted = planExecution({ step, values: { 'pod-name': 'web-1', since: '1h; kubectl delete ns shop' }, protectedContext: false, confirm: 'destructive' });
    assert.deepEqual(quoted.refusals, []);
    assert.equal(quoted.command, "kubectl logs web-1 --since '1h; kubectl delete ns shop'");
    assert.equal(quoted.risk.destructive, false, 'free text is one quoted word, never a command');
  });

  it('runs only the prompted commands of a console block', () => {
    const step = stepOf('```console\n$ kubectl get pods -n <namespace>\nNAME READY\nweb 1/1\n```\n');
    const plan = planExecution({ step, values: { namespace: 'shop' }, protectedContext: false, confirm: 'destructive' });
    assert.equal(plan.command, 'kubectl get pods -n shop');
    assert.equal(plan.confirmation, 'none');
  });

  it('sends SQL through psql and judges it as SQL', () => {
    const step = stepOf("```sql\nSELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'idle in transaction';\n```\n");
    const plan = planExecution({ step, values: {}, protectedContext: false, confirm: 'destructive' });
    assert.match(plan.command, /^psql <<'ONCALL_SQL'\n/);
    assert.equal(plan.risk.destructive, true);
  });

  it('names the live objects a placeholder can be picked from', () => {
    assert.equal(liveKindOf('pod'), 'pod');
    assert.equal(liveKindOf('deployment'), 'deployment');
    assert.equal(liveKindOf('node-name'), 'node');
    assert.equal(liveKindOf('ns'), 'namespace');
    assert.equal(liveKindOf('incident-key'), undefined);
  });
});

describe('decideConfirmation', () => {
  const cases: [destructive: boolean, protectedContext: boolean, mode: 'destructive' | 'always' | 'never', expected: string][] = [
    [true, false, 'destructive', 'modal'],
    [true, true, 'destructive', 'typed-name'],
    [true, false, 'never', 'modal'],
    [true, true, 'never', 'typed-name'],
    [false, false, 'destructive', 'none'],
    [false, true, 'destructive', 'modal'],
    [false, false, 'always', 'modal'],
    [false, true, 'never', 'none'],
  ];
  for (const [destructive, protectedContext, mode, expected] of cases) {
    it(`${destructive ? 'destructive' : 'read-only'} step, ${protectedContext ? 'protected' : 'ordinary'} context, "${mode}": ${expected}`, () => {
      assert.equal(decideConfirmation(destructive, protectedContext, mode), expected);
    });
  }
});

describe('execution journal', () => {
  const started: JournalEntry = {
    type: 'step-started',
    runId: 'r1',
    at: '2026-11-24T03:12:00.000Z',
    runbook: 'file:///w/runbooks/a.md',
    runbookTitle: 'A',
    stepId: 'step-2',
    command: 'kubectl get pods',
    context: 'dev',
    namespace: 'shop',
    destructive: false,
    confirmation: 'none',
  };
  const finished: JournalEntry = { type: 'step-finished', runId: 'r1', at: '2026-11-24T03:12:02.000Z', exitCode: 1, durationMs: 2000 };

  it('reads back what it wrote, one JSON object per line', () => {
    const text = serializeJournalEntry(started) + serializeJournalEntry(finished);
    assert.equal(text.split('\n').length, 3);
    assert.deepEqual(parseJournal(text), { entries: [started, finished], skippedLines: [] });
  });

  it('skips a torn or corrupt line and keeps the rest', () => {
    const text = serializeJournalEntry(started) + '{"type":"step-fin\n' + 'not json\n' + serializeJournalEntry(finished);
    const parsed = parseJournal(text);
    assert.deepEqual(parsed.entries, [started, finished]);
    assert.deepEqual(parsed.skippedLines, [2, 3]);
  });

  it('pairs starts with their ends, and keeps runs that have not ended', () => {
    const other: JournalEntry = { ...started, runId: 'r2', stepId: 'step-3' } as JournalEntry;
    const runs = collectStepRuns([started, other, finished]);
    assert.equal(runs.length, 2);
    assert.equal(runs[0].finished?.exitCode, 1);
    assert.equal(runs[1].finished, undefined);
  });
});
