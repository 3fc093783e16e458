// Times as people read them in a timeline or a chat message. Post-mortems are
// shared across time zones, so UTC is the reference and the responder's local time is an aid.

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
function formatterFor(timeZone: string): Intl.DateTimeFormat | undefined {
  if (formatters.has(timeZone)) return formatters.get(timeZone);
  let formatter: Intl.DateTimeFormat | undefined;
  try {
    formatter = new Intl.DateTimeFormat('en-US', {
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
  formatters.set(timeZone, formatter);
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

function localParts(ms: number, timeZone: string | undefined): LocalParts {
  const formatter = timeZone === undefined || isUtcZone(timeZone) ? undefined : formatterFor(timeZone);
  if (formatter === undefined) {
    const utc = formatUtc(ms);
    return { date: utc.slice(0, 10), clock: utc.slice(11), zone: 'UTC' };
  }
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(new Date(ms))) parts[part.type] = part.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, clock: `${parts.hour}:${parts.minute}:${parts.second}`, zone: parts.timeZoneName ?? timeZone ?? 'UTC' };
}

/** `YYYY-MM-DD HH:MM:SS <zone>` in `timeZone` (an IANA name), e.g. `2026-03-29 03:30:00 GMT+2`; UTC when absent or unknown. */
export function formatLocal(ms: number, timeZone: string | undefined): string {
  const { date, clock, zone } = localParts(ms, timeZone);
  return `${date} ${clock} ${zone}`;
}

/** `HH:MM <zone>` in `timeZone`. */
export function formatLocalClock(ms: number, timeZone: string | undefined): string {
  const { clock, zone } = localParts(ms, timeZone);
  return `${clock.slice(0, 5)} ${zone}`;
}

/**
 * `2026-11-24 14:03 UTC`, followed by the local time in parentheses when a non-UTC zone is
 * given: `2026-11-24 14:03 UTC (15:03 GMT+1)`, with the local date when it differs.
 */
export function formatUtcWithLocal(ms: number, timeZone: string | undefined): string {
  const utc = `${formatUtc(ms).slice(0, 16)} UTC`;
  if (isUtcZone(timeZone)) return utc;
  const { date, clock, zone } = localParts(ms, timeZone);
  const local = date === formatUtcDate(ms) ? `${clock.slice(0, 5)} ${zone}` : `${date} ${clock.slice(0, 5)} ${zone}`;
  return `${utc} (${local})`;
}
