import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import type { StepFinishedEntry, StepStartedEntry } from '../../../src/core/execution/executionJournal';
import { EscapeSequenceStripper } from '../../../src/core/execution/escapeSequenceStripper';
import { LineRedrawCollapser } from '../../../src/core/execution/lineRedraws';
import { HeadTailBuffer } from '../../../src/core/execution/outputHeadTail';
import { fitToBytes, omittedMarker, OUTPUT_HEAD_BYTES, OUTPUT_TAIL_BYTES, StepOutputCapture } from '../../../src/core/execution/stepOutputCapture';
import { renderStepOutputDocument } from '../../../src/core/execution/stepOutputDocument';
import data from './data/hostileStepOutput.json';

interface HostileCase {
  readonly name: string;
  readonly chunks: readonly string[];
  readonly expected?: string;
  readonly contains?: readonly string[];
  readonly excludes?: readonly string[];
}

function capture(chunks: Iterable<string>): ReturnType<StepOutputCapture['finish']> {
  const output = new StepOutputCapture();
  for (const chunk of chunks) output.write(chunk);
  return output.finish();
}

/** Encodes and decodes without loss: valid UTF-16, hence valid UTF-8 on disk. */
function assertValidUtf8(text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  assert.equal(new TextDecoder('utf-8', { fatal: true }).decode(bytes), text);
}

/** Every way of cutting the text in two chunks, and one character per chunk. */
function* splits(text: string): Generator<string[]> {
  for (let at = 1; at < text.length; at++) yield [text.slice(0, at), text.slice(at)];
  yield [...text];
}

describe('step output capture: hostile terminal data', () => {
  for (const hostile of data.cases as HostileCase[]) {
    it(`${hostile.name}`, () => {
      const { text } = capture(hostile.chunks);
      if (hostile.expected !== undefined) assert.equal(text, hostile.expected);
      for (const piece of hostile.contains ?? []) assert.ok(text.includes(piece), `${JSON.stringify(piece)} in ${JSON.stringify(text)}`);
      for (const piece of hostile.excludes ?? []) assert.ok(!text.includes(piece), `${JSON.stringify(piece)} left in ${JSON.stringify(text)}`);
      assertValidUtf8(text);
    });
    if (hostile.expected !== undefined && !hostile.chunks.join('').match(/[\ud800-\udfff]/)) {
      it(`${hostile.name}: the same however the chunks are cut`, () => {
        for (const chunks of splits(hostile.chunks.join(''))) assert.equal(capture(chunks).text, hostile.expected, JSON.stringify(chunks));
      });
    }
  }

  it('keeps no control character but line feeds and tabs, whatever the bytes', () => {
    for (let round = 0; round < 20; round++) {
      const chunks = Array.from({ length: 50 }, () => randomBytes(997).toString('latin1'));
      const { text } = capture(chunks);
      assertValidUtf8(text);
      assert.doesNotMatch(text, /[\x00-\x08\x0b-\x1f\x7f-\x9f]/);
    }
  });

  it('makes random UTF-16 (lone surrogates included) valid UTF-8', () => {
    const units = new Uint16Array(randomBytes(200_000).buffer);
    const text = String.fromCharCode(...units.subarray(0, 50_000)) + String.fromCharCode(...units.subarray(50_000));
    const chunks: string[] = [];
    for (let at = 0; at < text.length; at += 777) chunks.push(text.slice(at, at + 777));
    assertValidUtf8(capture(chunks).text);
  });

  it('costs one line for a progress bar redrawn 100,000 times', () => {
    const redraws = (function* () {
      for (let i = 0; i <= 100_000; i++) yield `\r\x1b[2K\x1b[32m[${'#'.repeat(i % 40).padEnd(40)}]\x1b[0m ${i}`;
      yield '\r\ndone\r\n';
    })();
    const result = capture(redraws);
    assert.equal(result.text, `[${'#'.repeat(100_000 % 40).padEnd(40)}] 100000\ndone\n`);
    assert.equal(result.omittedBytes, 0);
  });

  it('commits a line drawn without end once it is long, and still ends with the rest', () => {
    const collapser = new LineRedrawCollapser();
    const committed = collapser.push('x'.repeat(20_000));
    assert.equal(committed.length, 20_000);
    assert.equal(collapser.push('\ry'), '');
    assert.equal(collapser.end(), 'y');
  });

  it('passes plain text through the stripper untouched', () => {
    const stripper = new EscapeSequenceStripper();
    assert.equal(stripper.push('plain text\r\n\twith tabs'), 'plain text\r\n\twith tabs');
    assert.equal(stripper.end(), '');
  });
});

describe('step output capture: the first and last 64 KB', () => {
  const lines = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `line ${from + i} ${'é'.repeat(i % 7)}😀\n`).join('');

  it('keeps everything when it fits, as printed', () => {
    const text = lines(0, 1_000);
    const result = capture([text]);
    assert.equal(result.text, text);
    assert.equal(result.printedBytes, Buffer.byteLength(text));
    assert.equal(result.omittedBytes, 0);
  });

  it('keeps whole lines of the head and the tail, with the marker between, for any chunk size', () => {
    const text = lines(0, 60_000);
    for (const size of [1, 333, 4096, 65_536, 1_000_000, text.length]) {
      const chunks: string[] = [];
      const step = size === 1 ? 4099 : size;
      for (let at = 0; at < text.length; at += step) chunks.push(text.slice(at, at + step));
      const result = capture(chunks);
      assertValidUtf8(result.text);
      assert.equal(result.printedBytes, Buffer.byteLength(text));
      const [head, tail] = result.text.split(`${omittedMarker(result.omittedBytes)}\n`);
      assert.ok(Buffer.byteLength(head) <= OUTPUT_HEAD_BYTES && Buffer.byteLength(head) > OUTPUT_HEAD_BYTES - 100, `head of ${Buffer.byteLength(head)} bytes`);
      assert.ok(Buffer.byteLength(tail) <= OUTPUT_TAIL_BYTES && Buffer.byteLength(tail) > OUTPUT_TAIL_BYTES - 100, `tail of ${Buffer.byteLength(tail)} bytes`);
      assert.ok(text.startsWith(head) && text.endsWith(tail), `chunks of ${size}`);
      assert.ok(head.endsWith('\n') && tail.startsWith('line '), 'cut at line starts');
      assert.equal(Buffer.byteLength(head) + Buffer.byteLength(tail) + result.omittedBytes, result.printedBytes);
    }
  });

  it('counts the middle of large chunks as it keeps small ones: terminal line ends, redraws and backspaces alike', () => {
    const text = Array.from({ length: 40_000 }, (_, i) => (i % 1000 === 0 ? `${i}%\r${i + 1}%\b\b!\r\n` : `line ${i} ünïcode\r\n`)).join('');
    const small: string[] = [];
    for (let at = 0; at < text.length; at += 1000) small.push(text.slice(at, at + 1000));
    const bySmall = capture(small);
    const byLarge = capture([text.slice(0, 300_000), text.slice(300_000)]);
    assert.equal(byLarge.printedBytes, bySmall.printedBytes);
    assert.equal(byLarge.text, bySmall.text);
    assert.match(bySmall.text, /^!$/m);
  });

  it('cuts a single endless line at character starts, never inside one', () => {
    const text = '€😀a'.repeat(100_000);
    const result = capture([text.slice(0, 12_345), text.slice(12_345)]);
    assertValidUtf8(result.text);
    assert.doesNotMatch(result.text, /\ufffd/);
    assert.ok(result.omittedBytes > 0);
  });

  it('holds at most the kept bytes, whatever is written', () => {
    const buffer = new HeadTailBuffer(10, 10);
    for (let i = 0; i < 1000; i++) buffer.write(`${i}\n`);
    const { head, tail, printedBytes, omittedBytes } = buffer.result();
    assert.equal(head, '0\n1\n2\n3\n4\n');
    assert.equal(tail, '998\n999\n');
    assert.equal(printedBytes, Buffer.byteLength(Array.from({ length: 1000 }, (_, i) => `${i}\n`).join('')));
    assert.equal(omittedBytes, printedBytes - 10 - 8);
  });

  it('masks a secret in the kept tail, and a private key whose BEGIN line was left out', () => {
    const key = Array.from({ length: 30 }, () => randomBytes(48).toString('base64')).join('\n');
    const text = `${lines(0, 40_000)}-----BEGIN PRIVATE KEY-----\n${key}\n-----END PRIVATE KEY-----\n${lines(0, 200)}DB_PASSWORD=hunter2-tail\n`;
    // The tail window starts inside the key's body.
    const result = capture([text]);
    assert.ok(result.omittedBytes > 0);
    assert.doesNotMatch(result.text, /hunter2-tail/);
    for (const line of key.split('\n').slice(-5)) assert.ok(!result.text.includes(line), 'key body masked');
    assert.match(result.text, /-----END PRIVATE KEY-----/);
  });
});

describe('fitToBytes', () => {
  it('cuts at a line end within the budget, never inside a character', () => {
    assert.deepEqual(fitToBytes('abc\ndef\n', 100), { text: 'abc\ndef\n', cut: false });
    assert.deepEqual(fitToBytes('abc\ndef\n', 6), { text: 'abc\n', cut: true });
    assert.deepEqual(fitToBytes('😀😀', 6), { text: '😀', cut: true });
    assert.deepEqual(fitToBytes('abc', 0), { text: '', cut: true });
  });
});

describe('the step output document', () => {
  const started: StepStartedEntry = {
    type: 'step-started',
    runId: 'r1',
    at: '2026-12-06T10:00:00.000Z',
    runbook: 'file:///w/runbooks/checkout.md',
    runbookTitle: 'Checkout down',
    sectionPath: ['Triage'],
    stepId: 'step-0',
    command: 'kubectl get pods\nkubectl describe pod x',
    context: 'prod-eu',
    namespace: 'shop',
    destructive: false,
    confirmation: 'none',
  };
  const finished: StepFinishedEntry = { type: 'step-finished', runId: 'r1', at: '2026-12-06T10:00:02.300Z', exitCode: 1, durationMs: 2300, output: { file: 'r1.txt', printedBytes: 200_000, omittedBytes: 68_928, overBudget: true } };

  it('heads the output with the command, where it ran, how it ended and what was kept', () => {
    const text = renderStepOutputDocument({ started, finished, text: 'NAME READY\n' }, 'UTC');
    const [header, body] = text.split(/\n─+\n/);
    assert.match(header, /^\$ kubectl get pods\n> kubectl describe pod x\n/);
    assert.match(header, /Context: prod-eu \/ namespace: shop/);
    assert.match(header, /Exit code: 1 · Duration: 2\.3 s/);
    assert.match(header, /Runbook: Checkout down › Triage/);
    assert.match(header, /Printed 200,000 bytes: the first 64 KB and the last 64 KB are kept, 68,928 bytes between were left out\./);
    assert.match(header, /used up during this step/);
    assert.equal(body, 'NAME READY\n');
  });

  it('says why there is no output', () => {
    const text = renderStepOutputDocument({ started, missing: '(nothing kept)' }, 'UTC');
    assert.match(text, /Exit code: not recorded/);
    assert.match(text, /\(nothing kept\)\n$/);
  });
});
