import assert from 'node:assert/strict';
import { findInteractiveUse } from '../../../src/core/execution/interactiveCommands';
import { chooseStepTerminal, terminalPool } from '../../../src/core/execution/terminalRouting';
import { terminalRoutingCases } from './data/terminalRoutingCases';

describe('chooseStepTerminal', () => {
  for (const testCase of terminalRoutingCases) {
    it(testCase.name, () => {
      const choice = chooseStepTerminal(testCase.pool, testCase.open);
      assert.equal(`${choice.kind}:${choice.name}`, testCase.expected);
      if (testCase.because) assert.match(choice.kind === 'create' ? (choice.because ?? '') : '', testCase.because);
    });
  }
});

describe('terminalPool', () => {
  it('gives interactive steps a pool named after the program', () => {
    assert.equal(terminalPool('On-Call: dev', findInteractiveUse('kubectl logs -f web')), 'On-Call: dev (interactive: kubectl)');
    assert.equal(terminalPool('On-Call: dev', findInteractiveUse('ssh bastion')), 'On-Call: dev (interactive: ssh)');
    assert.equal(terminalPool('On-Call: dev', findInteractiveUse('kubectl get pods')), 'On-Call: dev');
  });
});
