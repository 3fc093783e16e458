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
