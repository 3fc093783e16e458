// Times as people read them: in a hover, a notification, a timeline, a post-mortem or a chat
// message. One form everywhere: ISO date, 24-hour clock, the zone named, and the UTC time
// beside the local one when they differ (`2026-12-06 14:32 CET (13:32 UTC)`), because
// responders sit in several zones and a post-mortem outlives the reader's clock. The zone is
// always passed in, so this stays pure and testable.

/** `YYYY-MM-DD HH:MM:SS`, UTC. */
export function formatUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** `YYYY-MM-DD`, UTC. */
export function formatUtcDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** `HH:MM`, UTC. */
export function formatUtcClock(ms: number): string {
  return new Date(ms).toISOString().slice(11, 16);
}

const formatters = new Map<string, Intl.DateTimeFormat | undefined>();

/** Undefined when the runtime does not know the zone (a typo in a setting must not break a post-mortem). */
function formatterFor(timeZone: string, locale = 'en-US'): Intl.DateTimeFormat | undefined {
  const key = `${locale} ${timeZone}`;
  if (formatters.has(key)) return formatters.get(key);
  let formatter: Intl.DateTimeFormat | undefined;
  try {
    formatter = new Intl.DateTimeFormat(locale, {
      timeZone,
      timeZoneName: 'short',
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    formatter = undefined;
  }
  formatters.set(key, formatter);
  return formatter;
}

export function isUtcZone(timeZone: string | undefined): boolean {
  return timeZone === undefined || /^(utc|gmt|etc\/utc|etc\/gmt|z|zulu)$/i.test(timeZone) || formatterFor(timeZone) === undefined;
}

interface LocalParts {
  readonly date: string;
  readonly clock: string;
  readonly zone: string;
}

function partsOf(formatter: Intl.DateTimeFormat, ms: number): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(new Date(ms))) parts[part.type] = part.value;
  return parts;
}

/**
 * The zone's short name: `EST` as American English names it, `CET`/`CEST` as British English
 * does; an offset (`GMT+5:30`) only where neither has a name.
 */
function zoneName(ms: number, timeZone: string, american: string): string {
  if (!/^GMT[+-]/.test(american)) return american;
  const british = formatterFor(timeZone, 'en-GB');
  const name = british === undefined ? undefined : partsOf(british, ms).timeZoneName;
  return name !== undefined && !/^GMT[+-]/.test(name) ? name : american;
}

function localParts(ms: number, timeZone: string | undefined): LocalParts {
  const formatter = timeZone === undefined || isUtcZone(timeZone) ? undefined : formatterFor(timeZone);
  if (formatter === undefined || timeZone === undefined) {
    const utc = formatUtc(ms);
    return { date: utc.slice(0, 10), clock: utc.slice(11), zone: 'UTC' };
  }
  const parts = partsOf(formatter, ms);
  return { date: `${parts.year}-${parts.month}-${parts.day}`, clock: `${parts.hour}:${parts.minute}:${parts.second}`, zone: zoneName(ms, timeZone, parts.timeZoneName ?? timeZone) };
}

/** `YYYY-MM-DD HH:MM:SS <zone>` in `timeZone` (an IANA name), e.g. `2026-03-29 03:30:00 CEST`; UTC when absent or unknown. */
export function formatLocal(ms: number, timeZone: string | undefined): string {
  const { date, clock, zone } = localParts(ms, timeZone);
  return `${date} ${clock} ${zone}`;
}

/** True when the local wall clock reads the same as UTC (a UTC zone, or London in winter). */
function sameAsUtc(local: LocalParts, ms: number): boolean {
  const utc = formatUtc(ms);
  return local.date === utc.slice(0, 10) && local.clock === utc.slice(11);
}

/**
 * The one form for a time a person reads: `2026-12-06 14:32 CET (13:32 UTC)`; the UTC date
 * too when it differs from the local one (`2026-12-07 00:30 CET (2026-12-06 23:30 UTC)`);
 * `2026-12-06 13:32 UTC` alone when the local clock is UTC.
 */
export function formatTime(ms: number, timeZone: string | undefined): string {
  const local = localParts(ms, timeZone);
  const utc = `${formatUtc(ms).slice(0, 16)} UTC`;
  if (sameAsUtc(local, ms)) return utc;
  const utcPart = local.date === formatUtcDate(ms) ? utc.slice(11) : utc;
  return `${local.date} ${local.clock.slice(0, 5)} ${local.zone} (${utcPart})`;
}

/** The clock alone, for a time on the day in question: `14:32 CET (13:32 UTC)`, or `13:32 UTC`. */
export function formatClock(ms: number, timeZone: string | undefined): string {
  const local = localParts(ms, timeZone);
  const utc = `${formatUtcClock(ms)} UTC`;
  if (sameAsUtc(local, ms)) return utc;
  return `${local.clock.slice(0, 5)} ${local.zone} (${utc})`;
}

/** The local clock with its zone, short enough for a tree row: `14:32 CET`. */
export function formatShortClock(ms: number, timeZone: string | undefined): string {
  const local = localParts(ms, timeZone);
  return `${local.clock.slice(0, 5)} ${local.zone}`;
}

/** The zone this process runs in, as an IANA name: what "local" means for the person at the editor. */
export function localTimeZone(): string | undefined {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
