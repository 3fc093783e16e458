import assert from 'node:assert/strict';
import { findInteractiveUse } from '../../../src/core/execution/interactiveCommands';
import { interactiveCases } from './data/interactiveCommandCases';

describe('findInteractiveUse', () => {
  for (const testCase of interactiveCases) {
    it(`${JSON.stringify(testCase.command)} → ${testCase.kind ?? 'not interactive'} (${testCase.why})`, () => {
      const found = findInteractiveUse(testCase.command);
      assert.equal(found?.kind ?? null, testCase.kind, JSON.stringify(found));
      if (found) assert.ok(found.reason.includes(found.program), found.reason);
    });
  }

  it('says why in a phrase naming the program', () => {
    assert.deepEqual(findInteractiveUse('ssh bastion'), { program: 'ssh', kind: 'session', reason: 'opens a session on another host or as another user (ssh)' });
  });
});
