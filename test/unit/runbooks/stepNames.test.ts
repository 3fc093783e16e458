import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';
import { formatStepName, nameStep } from '../../../src/core/runbooks/stepNames';

const fixtures = path.join(__dirname, '../../../../../test/fixtures/runbooks');

function read(name: string) {
  return parseRunbook(readFileSync(path.join(fixtures, name), 'utf8'), { fileName: path.basename(name) });
}

describe('nameStep', () => {
  it('names a step by runbook, the headings that hold it and its first command', () => {
    const runbook = read('same-title/payments.md');
    const names = runbook.steps.map((step) => formatStepName(nameStep(runbook, step)));
    assert.equal(names[0], 'Incident Response Runbook › Scenario 1: Database connection pool exhausted › Investigation Steps › kubectl logs -n payments deploy/payments-api --since=15m | …');
    assert.equal(names[3], 'Incident Response Runbook › Scenario 2: API latency high › Investigation Steps › kubectl top pods -n payments');
    // Every Investigation step is told apart from the others, and none is called step-N.
    assert.equal(new Set(names).size, names.length);
    assert.ok(names.every((name) => !/step-\d/.test(name)));
  });

  it('keeps every heading of a deep runbook, and leaves out the one that repeats the title', () => {
    const runbook = read('deep-nesting.md');
    const verify = runbook.steps.find((step) => step.content.includes('patronictl list'))!;
    assert.deepEqual(nameStep(runbook, verify), { runbook: 'Platform runbook', sections: ['Database', 'Primary', 'Failover', 'Verify'], step: 'patronictl list' });
  });

  it('keeps a top heading that is not the title', () => {
    const runbook = read('scenarios-top-level.md');
    assert.equal(formatStepName(nameStep(runbook, runbook.steps[2]!)), 'Storage incidents › Volume stuck attaching › Investigation › kubectl describe pvc -n storage data-0');
  });

  it('names a step before any heading by runbook and step only, and uses the fence name when given', () => {
    const runbook = parseRunbook('```bash {name=warm-up}\necho hi\n```\n\n# Title\n');
    assert.equal(formatStepName(nameStep(runbook, runbook.steps[0]!)), 'Title › warm-up');
  });
});
