// The product's four severity levels, P0 the most severe. Every list, ordering and title of
// the levels comes from here; what the sources and runbooks write (`critical`, `SEV1`, a
// PagerDuty P1) is mapped onto them where it is read.

export type SeverityLevel = 'P0' | 'P1' | 'P2' | 'P3';

/** Most severe first. */
export const SEVERITY_LEVELS: readonly SeverityLevel[] = ['P0', 'P1', 'P2', 'P3'];

export const SEVERITY_TITLES: Readonly<Record<SeverityLevel, string>> = {
  P0: 'P0 · Critical',
  P1: 'P1 · High',
  P2: 'P2 · Medium',
  P3: 'P3 · Low',
};

export function isSeverityLevel(value: unknown): value is SeverityLevel {
  return typeof value === 'string' && (SEVERITY_LEVELS as readonly string[]).includes(value);
}

/** The level of a rank, 0 the most severe; ranks past either end land on P0 or P3. */
export function severityAtRank(rank: number): SeverityLevel {
  return SEVERITY_LEVELS[Math.min(SEVERITY_LEVELS.length - 1, Math.max(0, rank))];
}

/** For sorting most severe first. */
export function compareSeverity(a: SeverityLevel, b: SeverityLevel): number {
  return SEVERITY_LEVELS.indexOf(a) - SEVERITY_LEVELS.indexOf(b);
}

/** P0 and P1: the levels that page, count in the badge and raise a notification. */
export function isUrgentSeverity(level: SeverityLevel): boolean {
  return level === 'P0' || level === 'P1';
}
