import assert from 'node:assert/strict';
import type { Runbook, RunbookSection, RunbookStep } from '../../../src/core/runbooks/model';
import { describeBlockKind, labelStep, outlineRunbook } from '../../../src/core/runbooks/runbookOutline';

function step(index: number, content: string, extra: Partial<RunbookStep> = {}): RunbookStep {
  return {
    id: `step-${index}`,
    index,
    kind: 'shell',
    language: 'bash',
    attributes: {},
    content,
    commands: content,
    range: { startLine: index * 10, endLine: index * 10 + 2 },
    contentRange: { startLine: index * 10 + 1, endLine: index * 10 + 1 },
    runnable: true,
    placeholders: [],
    terminated: true,
    ...extra,
  };
}

function section(index: number, title: string, parentId?: string): RunbookSection {
  return { id: `section-${index}`, title, level: parentId ? 3 : 2, line: index * 10, endLine: index * 10 + 9, parentId };
}

function runbook(steps: RunbookStep[], sections: RunbookSection[]): Runbook {
  return { title: 'Checkout is down', sections, steps, alerts: [{ name: 'CheckoutDown', source: 'front-matter', line: 1 }], severities: [], checklist: [], diagnostics: [], lineCount: 100 };
}

describe('outlineRunbook', () => {
  const sections = [section(0, 'Diagnose'), section(1, 'Prose only'), section(2, 'Mitigate')];
  const steps = [
    step(0, 'echo before any heading', { sectionId: undefined }),
    step(1, 'kubectl get pods', { sectionId: 'section-0' }),
    step(2, 'kubectl logs x', { sectionId: 'section-0' }),
    step(3, 'kubectl rollout undo deploy/checkout', { sectionId: 'section-2' }),
  ];

  it('groups steps under the section that holds them and leaves out sections without steps', () => {
    const outline = outlineRunbook(runbook(steps, sections));
    assert.ok(outline);
    assert.deepEqual(outline.looseSteps.map((s) => s.id), ['step-0']);
    assert.deepEqual(outline.sections.map((s) => [s.section.title, s.steps.map((x) => x.id)]), [
      ['Diagnose', ['step-1', 'step-2']],
      ['Mitigate', ['step-3']],
    ]);
  });

  it('keeps only matching steps when filtering by command text', () => {
    const outline = outlineRunbook(runbook(steps, sections), 'ROLLOUT');
    assert.deepEqual(outline?.sections.map((s) => s.section.title), ['Mitigate']);
    assert.deepEqual(outline?.looseSteps, []);
  });

  it('keeps a whole runbook whose title, path or alert matches', () => {
    assert.equal(outlineRunbook(runbook(steps, sections), 'checkoutdown')?.sections.length, 2);
    assert.equal(outlineRunbook(runbook(steps, sections), 'payments/', 'runbooks/payments/x.md')?.sections.length, 2);
  });

  it('hides a runbook where nothing matches', () => {
    assert.equal(outlineRunbook(runbook(steps, sections), 'no-such-thing'), undefined);
  });
});

describe('labelStep', () => {
  it('uses the fence name when there is one', () => {
    assert.equal(labelStep(step(0, 'kubectl get pods', { name: 'list pods' })), 'list pods');
  });

  it('skips comments and blank lines to the first command', () => {
    assert.equal(labelStep(step(0, '\n# check the pods first\n\nkubectl get pods -A\n')), 'kubectl get pods -A');
  });

  it('shortens long commands', () => {
    const label = labelStep(step(0, `kubectl get pods ${'-l app=x '.repeat(20)}`), 30);
    assert.equal(label.length, 30);
    assert.ok(label.endsWith('…'));
  });

  it('labels an empty block plainly', () => {
    assert.equal(labelStep(step(0, '')), '(empty block)');
  });

  it('names the block kind as written', () => {
    assert.equal(describeBlockKind(step(0, 'x', { language: 'console' })), 'console');
    assert.equal(describeBlockKind(step(0, 'x', { language: '' })), 'shell');
  });
});
