// When to poll next. Pure, so the schedule can be tested without timers: the sources keep
// a `setTimeout` chain and ask this function for each delay.

export interface PollState {
  /** The configured interval while all is well, in ms. */
  readonly intervalMs: number;
  /** Consecutive failed polls (0 after a success). */
  readonly failures: number;
  /** The last successful poll changed something: look again sooner, things are moving. */
  readonly changed: boolean;
  /** The editor window has focus. An on-call tool slows down when unfocused; it never stops. */
  readonly focused: boolean;
  /** A server-given wait (PagerDuty's `ratelimit-reset`, `Retry-After`), in ms. */
  readonly retryAfterMs?: number;
  /** 0..1, defaults to Math.random(): spreads many windows polling the same server. */
  readonly jitter?: number;
}

/** Backoff never waits longer than this after failures. */
export const MAX_BACKOFF_MS = 5 * 60_000;
/** After a change, poll at most this soon (and never slower than the interval). */
export const FAST_POLL_MS = 2_000;
const UNFOCUSED_FACTOR = 4;

export function nextPollDelay(state: PollState): number {
  const jitter = state.jitter ?? Math.random();
  let delay: number;
  if (state.failures > 0) {
    // Exponential backoff from the interval, capped, with up to 20% jitter on top.
    delay = Math.min(state.intervalMs * 2 ** Math.min(state.failures - 1, 10), MAX_BACKOFF_MS);
    delay += delay * 0.2 * jitter;
  } else if (state.changed) {
    delay = Math.min(FAST_POLL_MS, state.intervalMs);
  } else {
    delay = state.intervalMs * (state.focused ? 1 : UNFOCUSED_FACTOR);
    delay += delay * 0.1 * jitter;
  }
  if (state.retryAfterMs !== undefined && state.retryAfterMs > delay) delay = state.retryAfterMs;
  return Math.round(delay);
}

/**
 * The shortest poll intervals, in seconds, whatever the settings say: a repository's settings
 * could otherwise make the editor hammer a server with the user's credentials (an interval of
 * 0.0001 s gave about 500 requests a second).
 */
export const MIN_POLL_SECONDS = { alertmanager: 5, pagerduty: 10 } as const;

/** A configured interval in seconds, or the fallback when it is not a positive number, never below the minimum. */
export function clampPollSeconds(kind: keyof typeof MIN_POLL_SECONDS, value: unknown, fallback: number): number {
  const seconds = typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : fallback;
  return Math.max(seconds, MIN_POLL_SECONDS[kind]);
}
