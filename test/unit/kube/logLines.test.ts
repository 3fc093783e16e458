import assert from 'node:assert/strict';
import { CappedLines, describeDropped, LineSplitter, lineTimeKey, ResumePoint } from '../../../src/core/kube/logLines';

describe('log lines', () => {
  it('joins lines cut across chunks, and gives a last line without newline at the end', () => {
    const splitter = new LineSplitter();
    assert.deepEqual(splitter.push('first li'), []);
    assert.deepEqual(splitter.push('ne\nsecond\r\nthi'), ['first line', 'second']);
    assert.deepEqual(splitter.push('rd'), []);
    assert.deepEqual(splitter.end(), ['third']);
    assert.deepEqual(splitter.end(), []);
  });

  it('orders timestamps by their instant, whatever zeros Go trimmed', () => {
    const a = lineTimeKey('2026-12-06T06:50:00.5Z x');
    const b = lineTimeKey('2026-12-06T06:50:00.123456789Z x');
    const c = lineTimeKey('2026-12-06T06:50:00Z x');
    const d = lineTimeKey('2026-12-06T07:50:00.1+01:00 x');
    assert.ok(c! < b! && b! < a!);
    assert.ok(d! < a!, 'an offset is taken into account');
    assert.equal(lineTimeKey('no timestamp here'), undefined);
  });

  it('drops the lines a resumed stream sends again, and keeps a line really logged twice', () => {
    const resume = new ResumePoint();
    const shown: string[] = [];
    const feed = (lines: string[]) => lines.forEach((line) => resume.accept(line) && shown.push(line));
    assert.equal(resume.resume(), undefined, 'nothing seen: the caller uses its own sinceTime');
    feed(['2026-12-06T06:49:59.9Z a', '2026-12-06T06:50:00.1Z b', '2026-12-06T06:50:00.2Z same', '2026-12-06T06:50:00.2Z same']);
    // The stream drops; the API takes seconds only, so the resumed stream repeats the whole second.
    assert.equal(resume.resume(), '2026-12-06T06:50:00Z');
    feed(['2026-12-06T06:50:00.1Z b', '2026-12-06T06:50:00.2Z same', '2026-12-06T06:50:00.2Z same', '2026-12-06T06:50:00.2Z new at the same instant', '2026-12-06T06:50:01Z c']);
    assert.deepEqual(shown, [
      '2026-12-06T06:49:59.9Z a',
      '2026-12-06T06:50:00.1Z b',
      '2026-12-06T06:50:00.2Z same',
      '2026-12-06T06:50:00.2Z same',
      '2026-12-06T06:50:00.2Z new at the same instant',
      '2026-12-06T06:50:01Z c',
    ]);
    // A second drop resumes from the newest line, and only its instant is replayed.
    assert.equal(resume.resume(), '2026-12-06T06:50:01Z');
    feed(['2026-12-06T06:50:01Z c', '2026-12-06T06:50:02Z d']);
    assert.deepEqual(shown.slice(-1), ['2026-12-06T06:50:02Z d']);
  });

  it('keeps the newest lines under the cap and says what it left out', () => {
    const capped = new CappedLines(30);
    for (let i = 0; i < 10; i++) capped.push(`line ${i}`);
    assert.equal(capped.text(), 'line 6\nline 7\nline 8\nline 9\n');
    assert.deepEqual(capped.dropped, { lines: 6, bytes: 42 });
    assert.match(describeDropped(capped.dropped, 30)!, /^Only the newest 30 bytes are shown: 6 lines \(42 bytes\) before them were left out\./);
    assert.equal(describeDropped(new CappedLines(30).dropped, 30), undefined);
  });

  it('counts bytes, not characters, and never drops the only line', () => {
    const capped = new CappedLines(8);
    capped.push('é€😀');
    assert.equal(capped.lineCount, 1);
    capped.push('a');
    assert.equal(capped.text(), 'a\n');
    assert.deepEqual(capped.dropped, { lines: 1, bytes: 10 });
  });

  it('keeps a bounded window of a long stream', () => {
    const capped = new CappedLines(64 * 1024);
    for (let i = 0; i < 200_000; i++) capped.push(`2026-12-06T06:50:00.${i}Z synthetic line ${i} ${'x'.repeat(60)}`);
    assert.ok(capped.text().length <= 64 * 1024);
    assert.equal(capped.dropped.lines + capped.lineCount, 200_000);
  });
});
