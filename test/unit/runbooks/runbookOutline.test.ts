import assert from 'node:assert/strict';
import type { RunbookStep } from '../../../src/core/runbooks/model';
import { describeBlockKind, labelStep } from '../../../src/core/runbooks/runbookOutline';

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
