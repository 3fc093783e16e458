// Lengths of time as people read them. One form per kind of length, wherever it is shown:
// how long an incident has lasted or took to answer reads `3 h 5 min` and `24 h` (formatSpan)
// in the Sessions view, the status bar, post-mortems and messages alike; an alert's age in a
// crowded tree row `3h 5m`; a step's run time wants tenths of a second; a time limit is stated
// as configured (`500 ms`, `2.5 s`).

/** `45s`, `12m`, `3h 5m`, `2d 4h`: short enough for a tree row or the status bar. Rounds down. */
export function formatCompactDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours}h` : `${hours}h ${minutes % 60}m`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days}d` : `${days}d ${hours % 24}h`;
}

/**
 * A span of time for prose: `45 s`, `12 min`, `1 h 5 min`, `2 h`, `24 h` (never `1440 min`).
 * Minutes are rounded, so 12 min 40 s reads `13 min`.
 */
export function formatSpan(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}

/** A step's run time, finer than formatSpan for the short runs most commands have: `0.4 s`, `2.3 s`, `12 s`, `1 min 5 s`. */
export function formatStepDuration(ms: number): string {
  const tenths = Math.round(ms / 100);
  if (tenths < 100) return `${(tenths / 10).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  if (seconds < 3600) {
    const rest = seconds % 60;
    return rest === 0 ? `${Math.floor(seconds / 60)} min` : `${Math.floor(seconds / 60)} min ${rest} s`;
  }
  return formatSpan(ms);
}

/** A time limit as a setting gives it: `500 ms` under a second, else seconds (`2 s`, `2.5 s`, `90 s`). */
export function formatTimeLimit(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = ms / 1000;
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
