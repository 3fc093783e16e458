// A small JSON-over-HTTP(S) client for the polling incident sources (Alertmanager, PagerDuty).
// Node built-ins only: this layer is tested with plain mocha and must not pull in 'vscode' or
// an npm HTTP library. Every failure becomes an HttpError whose `reason` tells the source which
// action to offer; messages name the request with credentials redacted, never a secret.

import * as http from 'node:http';
import * as https from 'node:https';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import { formatTimeLimit } from '../../core/shared/duration';
import { truncate } from '../../core/shared/text';

export type HttpErrorReason = 'unreachable' | 'timeout' | 'tls' | 'status' | 'not-json' | 'too-large' | 'bad-url' | 'aborted';

export const DEFAULT_TIMEOUT_MS = 10_000;
/** Far above any real alert list; a body this big is a misconfigured proxy or a wrong URL. */
export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
/** Kept from an error response for the log and for APIs that explain errors in the body. */
const ERROR_BODY_CHARS = 2_000;

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    message: string,
    readonly reason: HttpErrorReason,
    /** A few words for a one-sentence health message: "connection refused", "HTTP 502". */
    readonly detail: string,
    readonly extra: {
      /** The HTTP status, for reason 'status'. */
      readonly status?: number;
      /** The server's requested wait (Retry-After, ratelimit-reset), in ms. */
      readonly retryAfterMs?: number;
      /** The start of the error response body, with the request's secrets removed. */
      readonly body?: string;
      /** The Node error code (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT, ENOENT...). */
      readonly code?: string;
    } = {},
  ) {
    super(message);
  }

  get status(): number | undefined {
    return this.extra.status;
  }

  get retryAfterMs(): number | undefined {
    return this.extra.retryAfterMs;
  }

  get body(): string | undefined {
    return this.extra.body;
  }

  static is(value: unknown): value is HttpError {
    return value instanceof HttpError;
  }
}

/** File paths, read when each request is made so a renewed certificate needs no reload. */
export interface HttpTlsOptions {
  readonly ca?: string;
  readonly cert?: string;
  readonly key?: string;
  readonly insecureSkipVerify?: boolean;
}

export interface HttpJsonRequest {
  readonly method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** May carry `user:pass@`: it becomes a Basic Authorization header, unless one is given. */
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** Sent as JSON with `Content-Type: application/json`. */
  readonly body?: unknown;
  readonly timeoutMs?: number;
  readonly tls?: HttpTlsOptions;
  readonly maxBytes?: number;
  /** Aborts the request (the source was disposed); rejects with reason 'aborted'. */
  readonly signal?: AbortSignal;
  /**
   * How messages name the request instead of its URL, for a URL that is itself the secret (a
   * Slack webhook): `Slack webhook (hooks.slack.com)`. Its path is then masked in error bodies too.
   */
  readonly label?: string;
  /** 'text' for APIs that answer plain text (Slack's `ok`): the body comes back in `text`, unparsed. */
  readonly expect?: 'json' | 'text';
}

export interface HttpJsonResponse {
  readonly status: number;
  readonly headers: http.IncomingHttpHeaders;
  /** The parsed body; undefined for an empty body (Alertmanager's DELETE answers nothing). */
  readonly json: unknown;
  /** The body as text, for a request that expects text. */
  readonly text?: string;
}

/**
 * Joins an API path onto a base URL that may carry a path prefix (Alertmanager's
 * `--web.route-prefix`, a proxy location): `http://h/am/` + `/api/v2/alerts` →
 * `http://h/am/api/v2/alerts`. Userinfo in the base is kept for requestJson to turn into a header.
 */
export function joinUrl(base: string, path: string, query?: Iterable<readonly [string, string]>): string {
  const url = parseHttpUrl(base);
  const prefix = url.pathname.replace(/\/+$/, '');
  const [pathPart, queryPart] = splitOnce(path, '?');
  url.pathname = `${prefix}/${pathPart.replace(/^\/+/, '')}`;
  const search = new URLSearchParams(queryPart ?? '');
  for (const [key, value] of query ?? []) search.append(key, value);
  url.search = search.toString();
  url.hash = '';
  return url.toString();
}

/** The URL with its password replaced by `***`, fit for logs and messages. */
export function redactUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    // An unparsable URL can still hold `user:pass@`; blank everything between // and @.
    return raw.replace(/\/\/[^/@]*@/, '//***@');
  }
  if (url.password) url.password = '***';
  return url.toString();
}

export function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

/**
 * The server's requested wait in ms: `Retry-After` (seconds or an HTTP date) or PagerDuty's
 * `ratelimit-reset` (seconds until the window resets); the longer one when both are present.
 */
export function parseRetryAfter(headers: http.IncomingHttpHeaders, now: number = Date.now()): number | undefined {
  const waits: number[] = [];
  const retryAfter = firstHeader(headers['retry-after']);
  if (retryAfter !== undefined) {
    const text = retryAfter.trim();
    if (/^\d+(\.\d+)?$/.test(text)) waits.push(Number(text) * 1000);
    else {
      const at = Date.parse(text);
      if (!Number.isNaN(at)) waits.push(Math.max(0, at - now));
    }
  }
  const reset = firstHeader(headers['ratelimit-reset'])?.trim();
  if (reset !== undefined && /^\d+(\.\d+)?$/.test(reset)) {
    const value = Number(reset);
    // Some gateways send an epoch time under this name; seconds-until-reset are never that big.
    waits.push(value > 1_000_000_000 ? Math.max(0, value * 1000 - now) : value * 1000);
  }
  return waits.length === 0 ? undefined : Math.round(Math.max(...waits));
}

export async function requestJson(request: HttpJsonRequest): Promise<HttpJsonResponse> {
  const prepared = await prepareRequest(request);
  if (request.signal?.aborted) throw new HttpError(`${prepared.shown} was cancelled.`, 'aborted', 'cancelled');
  return sendRequest(prepared, request.signal);
}

/** Everything a request needs once its URL, headers, body and TLS files are settled. */
interface PreparedRequest {
  readonly url: URL;
  /** The method and the redacted URL, naming the request in every message. */
  readonly shown: string;
  readonly options: https.RequestOptions;
  readonly isHttps: boolean;
  readonly payload: Buffer | undefined;
  /** Credentials of this request, masked wherever a server echoes them back. */
  readonly secrets: readonly string[];
  readonly timeoutMs: number;
  readonly maxBytes: number;
  readonly expectText: boolean;
}

async function prepareRequest(request: HttpJsonRequest): Promise<PreparedRequest> {
  const method = request.method ?? 'GET';
  const url = parseHttpUrl(request.url);
  const shown = `${method} ${request.label ?? redactUrl(url.toString())}`;
  const { headers, secrets } = requestHeaders(request, url);
  if (request.label !== undefined) secrets.push(url.pathname + url.search);
  let payload: Buffer | undefined;
  if (request.body !== undefined) {
    payload = Buffer.from(JSON.stringify(request.body), 'utf8');
    headers['content-type'] ??= 'application/json';
    headers['content-length'] = String(payload.length);
  }
  const isHttps = url.protocol === 'https:';
  const tls = isHttps ? await readTlsFiles(request.tls, shown) : {};
  const options: https.RequestOptions = {
    method,
    headers,
    // One connection per request: polls are seconds apart, and a pooled socket that the
    // server closed meanwhile (restart, proxy idle timeout) would fail the next poll.
    agent: false,
    ...(isHttps ? { ...tls, rejectUnauthorized: request.tls?.insecureSkipVerify !== true } : {}),
  };
  return { url, shown, options, isHttps, payload, secrets, timeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS, maxBytes: request.maxBytes ?? DEFAULT_MAX_BYTES, expectText: request.expect === 'text' };
}

/** Lower-cased headers, userinfo moved into a Basic header (and off the URL), and the secrets they carry. */
function requestHeaders(request: HttpJsonRequest, url: URL): { headers: Record<string, string>; secrets: string[] } {
  const headers: Record<string, string> = { accept: 'application/json' };
  for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
  const secrets: string[] = [];
  if (url.username || url.password) {
    const user = decodeUserinfo(url.username);
    const password = decodeUserinfo(url.password);
    if (password) secrets.push(password);
    headers.authorization ??= basicAuthorization(user, password);
    url.username = '';
    url.password = '';
  }
  for (const [name, value] of Object.entries(headers)) if (CREDENTIAL_HEADER.test(name)) secrets.push(...credentialsIn(value));
  return { headers, secrets };
}

type Finish = (error: HttpError | undefined, response?: HttpJsonResponse) => void;

function sendRequest(prepared: PreparedRequest, signal: AbortSignal | undefined): Promise<HttpJsonResponse> {
  const { shown, timeoutMs } = prepared;
  return new Promise<HttpJsonResponse>((resolve, reject) => {
    let settled = false;
    const finish: Finish = (error, response) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      if (error) {
        req.destroy();
        reject(error);
      } else resolve(response!);
    };
    const req = (prepared.isHttps ? https : http).request(prepared.url, prepared.options, (res) => receiveAnswer(res, prepared, finish));
    req.on('error', (error) => finish(describeNetworkError(error, shown)));
    const timer = setTimeout(
      () => finish(new HttpError(`${shown} got no answer within ${formatTimeLimit(timeoutMs)}.`, 'timeout', `no answer within ${formatTimeLimit(timeoutMs)}`)),
      timeoutMs,
    );
    const onAbort = () => finish(new HttpError(`${shown} was cancelled.`, 'aborted', 'cancelled'));
    signal?.addEventListener('abort', onAbort, { once: true });
    req.end(prepared.payload);
  });
}

function receiveAnswer(res: http.IncomingMessage, prepared: PreparedRequest, finish: Finish): void {
  const { shown, maxBytes } = prepared;
  const declared = Number(res.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) {
    finish(tooLarge(shown, maxBytes));
    return;
  }
  // Decoded as it arrives: a 9 MB answer is never held twice more as chunks and their
  // concatenation, which the allocator would keep after the parse.
  const decoder = new StringDecoder('utf8');
  let received = '';
  let size = 0;
  res.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > maxBytes) finish(tooLarge(shown, maxBytes));
    else received += decoder.write(chunk);
  });
  res.on('error', (error) => finish(describeNetworkError(error, shown)));
  res.on('aborted', () => finish(new HttpError(`${shown}: the connection closed before the answer was complete.`, 'unreachable', 'connection closed mid-answer')));
  res.on('end', () => {
    const answer = readAnswer(res, received + decoder.end(), prepared);
    if (answer instanceof HttpError) finish(answer);
    else finish(undefined, answer);
  });
}

/** The whole answer as a response, or the error it amounts to (a failing status, a body that is not JSON). */
function readAnswer(res: http.IncomingMessage, text: string, { shown, secrets, expectText }: PreparedRequest): HttpJsonResponse | HttpError {
  const status = res.statusCode ?? 0;
  if (status < 200 || status >= 300) {
    const body = scrub(text.slice(0, ERROR_BODY_CHARS), secrets);
    const retryAfterMs = parseRetryAfter(res.headers);
    const excerpt = oneLine(body, 200);
    return new HttpError(`${shown} answered HTTP ${status}${excerpt ? `: ${excerpt}` : '.'}`, 'status', `HTTP ${status}`, {
      status,
      body,
      ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
    });
  }
  if (expectText) return { status, headers: res.headers, json: undefined, text };
  if (text.trim() === '') return { status, headers: res.headers, json: undefined };
  try {
    return { status, headers: res.headers, json: JSON.parse(text) as unknown };
  } catch {
    const type = firstHeader(res.headers['content-type']) ?? 'no content type';
    return new HttpError(`${shown} answered something that is not JSON (${type}): ${oneLine(scrub(text.slice(0, 200), secrets), 80)}`, 'not-json', `not JSON (${type})`, {
      status,
    });
  }
}

function parseHttpUrl(raw: string): URL {
  const text = raw.trim();
  if (text === '') throw new HttpError('No URL is set.', 'bad-url', 'no URL');
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new HttpError(`${redactUrl(text)} is not a valid URL.`, 'bad-url', 'not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HttpError(`${redactUrl(text)} is not an http:// or https:// URL.`, 'bad-url', `unsupported scheme ${url.protocol}`);
  }
  return url;
}

async function readTlsFiles(tls: HttpTlsOptions | undefined, shown: string): Promise<{ ca?: Buffer; cert?: Buffer; key?: Buffer }> {
  const files: { ca?: Buffer; cert?: Buffer; key?: Buffer } = {};
  for (const kind of ['ca', 'cert', 'key'] as const) {
    const path = tls?.[kind]?.trim();
    if (!path) continue;
    const resolved = path === '~' || path.startsWith('~/') ? homedir() + path.slice(1) : path;
    try {
      files[kind] = await readFile(resolved);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
      throw new HttpError(`${shown}: cannot read the TLS ${kind} file ${resolved} (${code}).`, 'tls', `cannot read the TLS ${kind} file ${resolved}`, { code });
    }
  }
  return files;
}

const NETWORK_WORDS: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  EPIPE: 'connection closed',
};

function describeNetworkError(error: Error, shown: string): HttpError {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (isTlsCode(code)) {
    return new HttpError(`${shown}: TLS failed: ${error.message} (${code}).`, 'tls', tlsWords(code, error.message), { code });
  }
  const words = NETWORK_WORDS[code] ?? (error.message === 'socket hang up' ? 'the server closed the connection' : error.message);
  return new HttpError(`${shown} failed: ${error.message}${code ? ` (${code})` : ''}.`, 'unreachable', words, code ? { code } : {});
}

// OpenSSL verification codes and Node's TLS codes; EPROTO is what an https:// URL pointing at
// a plain-HTTP port produces ("wrong version number"), which is a settings problem too.
function isTlsCode(code: string): boolean {
  return (
    code.startsWith('ERR_TLS_') ||
    code.startsWith('ERR_SSL_') ||
    code === 'EPROTO' ||
    /^(DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?|CERT_|HOSTNAME_MISMATCH|INVALID_CA|UNABLE_TO_DECRYPT)/.test(code)
  );
}

function tlsWords(code: string, message: string): string {
  if (/SELF_SIGNED|UNABLE_TO_VERIFY|ISSUER|INVALID_CA/.test(code)) return 'its certificate is not trusted';
  if (code === 'CERT_HAS_EXPIRED') return 'its certificate has expired';
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') return 'its certificate is for another host name';
  if (code === 'EPROTO' && /wrong version number/i.test(message)) return 'it does not speak TLS (an https:// URL for a plain http:// server?)';
  return `TLS failed (${code})`;
}

function tooLarge(shown: string, maxBytes: number): HttpError {
  const size = formatBytes(maxBytes);
  return new HttpError(`${shown} answered more than ${size}; the answer was dropped.`, 'too-large', `an answer over ${size}`);
}

/** Request headers that carry a credential. */
const CREDENTIAL_HEADER = /^(?:authorization|proxy-authorization|cookie|x-[a-z0-9-]*(?:key|token|secret|auth)|private-token|api-key)$/;

/**
 * Every form in which a server may echo a credential header back: the whole value, the value
 * without its scheme (`Token token=x` → `token=x`), the bare value of each `name=value` part
 * (`x`), and for Basic the decoded `user:password` and the password alone.
 */
export function credentialsIn(value: string): string[] {
  const found = [value];
  const withoutScheme = value.replace(/^\S+\s+/, '');
  found.push(withoutScheme);
  for (const part of withoutScheme.split(/[,;]\s*/)) {
    const equals = part.indexOf('=');
    if (equals > 0) found.push(part.slice(equals + 1).replace(/^"|"$/g, ''));
  }
  if (/^basic\s/i.test(value)) {
    const decoded = Buffer.from(withoutScheme, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon >= 0) found.push(decoded, decoded.slice(colon + 1));
  }
  return found;
}

/** Longest first, so `token=x` is masked whole before `x` alone. */
function scrub(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) if (secret.length >= 4) out = out.split(secret).join('***');
  return out;
}

function oneLine(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return truncate(flat, max);
}

function firstHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function splitOnce(text: string, separator: string): [string, string | undefined] {
  const at = text.indexOf(separator);
  return at < 0 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${bytes} bytes`;
}

function decodeUserinfo(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
