// What a refused PagerDuty request tells the user: one sentence per cause (a refused token,
// a missing permission, an incident that is gone, the rate limit with its reset, PagerDuty's
// own failure), starting with what could not be done. PagerDuty explains errors in the body
// as {"error":{"message","code","errors":[...]}}; its words are kept where they help.

import { isJsonObject, readString, readStringList } from '../../core/incidents/jsonShapes';
import { formatTimeLimit } from '../../core/shared/duration';
import { HttpError } from './httpJson';

/** What a request is for, in the words its messages use. */
export interface PagerDutyPurpose {
  /** `acknowledge`, `reassign`: completes "set the token to <verb> incidents". */
  readonly verb: string;
  /** `reassign PagerDuty incident Q1`: completes "Could not <what>". */
  readonly what: string;
  /** Writes carry the user's email in `From`, which PagerDuty requires on them. */
  readonly write?: boolean;
}

/** One sentence, `<start>: <why>.`, keeping the HTTP error as the cause for the log. */
export function describePagerDutyFailure(error: unknown, start: string, timeoutMs: number): Error {
  if (!HttpError.is(error)) return new Error(`${start}: ${error instanceof Error ? error.message.replace(/\.$/, '') : String(error)}.`, { cause: error });
  if (error.reason !== 'status') return new Error(`${start}: ${error.reason === 'timeout' ? `no answer within ${formatTimeLimit(timeoutMs)}` : error.detail}.`, { cause: error });
  const status = error.status ?? 0;
  const said = readPagerDutyError(error.body);
  const why = ((): string => {
    if (status === 401) return 'PagerDuty refused the API token (401); set a valid token';
    if (status === 403) return 'the API token is not allowed to do this (403); use a token with that permission';
    if (status === 404) return 'PagerDuty does not know it (404): it was merged, deleted, or belongs to another account';
    if (status === 429) return `PagerDuty rate limit reached; try again in ${Math.ceil((error.retryAfterMs ?? 60_000) / 1000)} s`;
    if (status >= 500) return `PagerDuty failed (HTTP ${status}); nothing was changed here, try again shortly`;
    return `PagerDuty answered HTTP ${status}${said ? ` (${said})` : ''}`;
  })();
  return new Error(`${start}: ${why}.`, { cause: error });
}

/** PagerDuty errors read {"error":{"message","code","errors":[...]}}: "Invalid Input Provided: Requester User Not Found". */
export function readPagerDutyError(body: string | undefined): string | undefined {
  if (!body) return undefined;
  try {
    const json: unknown = JSON.parse(body);
    const error = isJsonObject(json) && isJsonObject(json.error) ? json.error : undefined;
    if (!error) return undefined;
    const message = readString(error.message);
    const details = readStringList(error.errors);
    const text = [message, details.join('; ')].filter(Boolean).join(': ');
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}
