// Posting to a Slack incoming webhook. The URL is the secret: no message, log line or error
// built here names more than its host, and the HTTP client is told to name the request by a
// label instead of its URL. Node built-ins only (through httpJson), so it is tested with plain
// mocha against the contract server in test/fixtures/slack.

import { formatSpan, formatTimeLimit } from '../../core/shared/duration';
import { formatUtcClock } from '../../core/shared/timeFormat';
import { webhookHost } from '../../core/statusUpdates/slackWebhookUrl';
import { HttpError, requestJson } from '../incidents/httpJson';

export const SLACK_TIMEOUT_MS = 10_000;
/** A Retry-After this short is waited out once; a longer one is left to the user. */
export const AUTO_RETRY_MAX_MS = 10_000;

export type SlackFailureKind = 'rate-limited' | 'revoked' | 'rejected' | 'server' | 'timeout' | 'unreachable';

/** A post that failed, with one sentence for the user that never holds the URL. */
export class SlackPostError extends Error {
  override readonly name = 'SlackPostError';
  constructor(
    message: string,
    readonly kind: SlackFailureKind,
    /** Slack's short error code (`no_service`, `invalid_payload`), when it gave one. */
    readonly code?: string,
    /** For 'rate-limited': when the post may be tried again (ms since the epoch). */
    readonly retryAt?: number,
  ) {
    super(message);
  }
}

export interface SlackPostOptions {
  readonly timeoutMs?: number;
  /** Waits before the one automatic retry. */
  readonly wait?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

/** Posts `body` to the webhook; one automatic retry after a short Retry-After. Resolves with the attempts made. */
export async function postToSlackWebhook(url: string, body: unknown, options: SlackPostOptions = {}): Promise<number> {
  const wait = options.wait ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  try {
    await postOnce(url, body, options.timeoutMs);
    return 1;
  } catch (error) {
    const failure = describeSlackFailure(error, url, now(), options.timeoutMs);
    if (failure.kind !== 'rate-limited' || failure.retryAt === undefined || failure.retryAt - now() > AUTO_RETRY_MAX_MS) throw failure;
    await wait(Math.max(0, failure.retryAt - now()));
  }
  try {
    await postOnce(url, body, options.timeoutMs);
    return 2;
  } catch (error) {
    throw describeSlackFailure(error, url, now(), options.timeoutMs);
  }
}

async function postOnce(url: string, body: unknown, timeoutMs: number | undefined): Promise<void> {
  await requestJson({
    method: 'POST',
    url,
    body,
    headers: { accept: 'text/plain, application/json' },
    expect: 'text',
    label: `Slack webhook (${webhookHost(url)})`,
    timeoutMs: timeoutMs ?? SLACK_TIMEOUT_MS,
    maxBytes: 64 * 1024,
  });
}

/** Slack's error bodies are one short code: `no_service`, `invalid_payload`. */
function slackCode(body: string | undefined): string | undefined {
  const text = body?.trim() ?? '';
  return /^[a-z][a-z0-9_]{1,60}$/.test(text) ? text : undefined;
}

const REVOKED_CODES = new Set(['no_service', 'invalid_token', 'no_team', 'team_disabled', 'channel_not_found', 'channel_is_archived', 'no_active_hooks']);

/** One sentence per way a post fails, naming the host only. */
export function describeSlackFailure(error: unknown, url: string, nowMs: number, timeoutMs: number = SLACK_TIMEOUT_MS): SlackPostError {
  const host = webhookHost(url);
  if (error instanceof SlackPostError) return error;
  if (!HttpError.is(error)) return new SlackPostError(`Could not post to Slack (${host}): ${error instanceof Error ? error.name : 'unexpected error'}.`, 'unreachable');
  if (error.reason === 'timeout') return new SlackPostError(`Slack (${host}) did not answer within ${formatTimeLimit(timeoutMs)}; the update may or may not have been posted: check the channel before posting again.`, 'timeout');
  if (error.reason !== 'status') return new SlackPostError(`Could not reach Slack (${host}): ${error.detail}.`, 'unreachable');
  const status = error.status ?? 0;
  const code = slackCode(error.body);
  const said = code ? ` ${code}` : '';
  if (status === 429) {
    const retryAt = error.retryAfterMs !== undefined ? nowMs + error.retryAfterMs : undefined;
    const when = retryAt !== undefined ? `in ${formatSpan(retryAt - nowMs)} (at ${formatUtcClock(retryAt)} UTC)` : 'in a minute';
    return new SlackPostError(`Slack is rate-limiting this webhook: the update can be posted again ${when}.`, 'rate-limited', code, retryAt);
  }
  if (status === 404 || status === 410 || (code !== undefined && REVOKED_CODES.has(code))) {
    if (code === 'channel_is_archived' || code === 'channel_not_found') {
      const what = code === 'channel_is_archived' ? 'was archived' : 'no longer exists';
      return new SlackPostError(`The channel of the Slack webhook ${what} (${code}): set a webhook for another channel.`, 'revoked', code);
    }
    return new SlackPostError(`The Slack webhook was revoked or removed (${code ?? `HTTP ${status}`}): set a new webhook URL.`, 'revoked', code);
  }
  if (status === 403) return new SlackPostError(`Slack refused the post: the workspace restricts this webhook (HTTP 403${said}).`, 'rejected', code);
  if (status >= 400 && status < 500) return new SlackPostError(`Slack rejected the status update as malformed (HTTP ${status}${said}).`, 'rejected', code);
  return new SlackPostError(`Slack had a server error (HTTP ${status}${said}); try again shortly.`, 'server', code);
}
