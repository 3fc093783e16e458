import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatClock, formatShortClock, formatTime } from '../../../src/core/shared/timeFormat';

const at = (iso: string): number => Date.parse(iso);

describe('time format: one form wherever a person reads a time', () => {
  it('puts the local time first with its zone named, and UTC beside it', () => {
    assert.equal(formatTime(at('2026-12-06T13:32:00Z'), 'Europe/Berlin'), '2026-12-06 14:32 CET (13:32 UTC)');
    assert.equal(formatTime(at('2026-07-06T13:32:00Z'), 'Europe/Berlin'), '2026-07-06 15:32 CEST (13:32 UTC)');
    assert.equal(formatTime(at('2026-12-06T13:32:00Z'), 'America/New_York'), '2026-12-06 08:32 EST (13:32 UTC)');
    assert.equal(formatTime(at('2026-12-06T13:32:00Z'), 'Asia/Kolkata'), '2026-12-06 19:02 GMT+5:30 (13:32 UTC)');
  });

  it('states UTC once when the local clock is UTC, and never a 12-hour clock', () => {
    assert.equal(formatTime(at('2026-12-06T00:33:03Z'), 'UTC'), '2026-12-06 00:33 UTC');
    assert.equal(formatTime(at('2026-12-06T00:33:03Z'), undefined), '2026-12-06 00:33 UTC');
    assert.equal(formatTime(at('2026-12-06T00:33:03Z'), 'Europe/London'), '2026-12-06 00:33 UTC');
    assert.equal(formatTime(at('2026-12-06T00:33:03Z'), 'Not/AZone'), '2026-12-06 00:33 UTC');
  });

  it('gives the UTC date too when the two dates differ', () => {
    assert.equal(formatTime(at('2026-12-06T23:30:00Z'), 'Europe/Berlin'), '2026-12-07 00:30 CET (2026-12-06 23:30 UTC)');
  });

  it('has a clock form for times on the day in question', () => {
    assert.equal(formatClock(at('2026-12-06T13:32:00Z'), 'Europe/Berlin'), '14:32 CET (13:32 UTC)');
    assert.equal(formatClock(at('2026-12-06T13:32:00Z'), 'UTC'), '13:32 UTC');
    assert.equal(formatShortClock(at('2026-12-06T13:32:00Z'), 'Europe/Berlin'), '14:32 CET');
  });
});

describe('time format: no locale-dependent times in the product', () => {
  function sources(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
    );
  }

  it('never formats a time with toLocaleTimeString, toLocaleString or toLocaleDateString (a toast read "12:33:03 AM")', () => {
    const offenders = sources(join(process.cwd(), 'src')).filter((file) => /\.toLocale(?:Time|Date)?String\(/.test(readFileSync(file, 'utf8')));
    assert.deepEqual(offenders, []);
  });
});
