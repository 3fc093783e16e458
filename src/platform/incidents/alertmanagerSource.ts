// One Alertmanager (API v2) as a live incident source: polls GET /api/v2/alerts on a
// setTimeout chain paced by nextPollDelay, reports only what changed, keeps the last alerts
// while the server fails, and writes silences. Credentials come from secret storage (or the
// URL's userinfo) on every request, so setting a password takes effect on the next poll.

import type { Incident } from '../../core/incidents/incidentModel';
import { parseAlertmanagerAlerts } from '../../core/incidents/alertmanagerAlerts';
import { describeJsonType, isJsonObject, readString, type JsonObject } from '../../core/incidents/jsonShapes';
import { formatTimeLimit } from '../../core/shared/duration';
import { HttpError, joinUrl, redactUrl, requestJson, type HttpJsonResponse } from './httpJson';
import type { CredentialGate } from './credentialBindings';
import { SecretKeys } from './incidentSource';
import { instanceAuthHeaders, splitUserinfo, type InstanceSetting } from './instanceAuth';
import { PollingIncidentSource, type PollFailure, type PollingSourceOptions } from './pollingSource';

export type AlertmanagerInstanceConfig = InstanceSetting & {
  /** The HA cluster this instance is a peer of: its alerts are merged with the peers' by the hub. */
  readonly cluster?: string;
};

/**
 * The largest alert list taken in. An alert is about 1 KB of JSON, so a storm of 100,000 alerts
 * is about 100 MB: refusing it would leave on-call with the alerts from before the storm.
 */
export const ALERT_LIST_MAX_BYTES = 256 * 1024 * 1024;

export interface AlertmanagerSourceOptions extends PollingSourceOptions {
  readonly instance: AlertmanagerInstanceConfig;
  /**
   * Poll `/api/v2/alerts/groups` instead of `/api/v2/alerts`, so each alert knows the groups its
   * route put it in (for the view's grouping by Alertmanager route).
   */
  readonly routeGroups?: boolean;
  /** Decides whether a stored password or token may go to this instance's origin. */
  readonly credentials: CredentialGate;
}

export interface SilenceOptions {
  readonly durationMs: number;
  readonly comment: string;
  readonly createdBy: string;
}

export class AlertmanagerSource extends PollingIncidentSource {
  readonly kind = 'alertmanager' as const;

  private readonly instance: AlertmanagerInstanceConfig;
  /** The configured URL without userinfo; the userinfo is sent as a Basic header instead. */
  private readonly baseUrl: string;
  /** Whether the last request carried an Authorization header, for the 401 sentence. */
  private sentCredentials = false;
  /** A stored secret was held back from the last request (its origin is not one it is bound to). */
  private withheldCredentials = false;
  private readonly credentials: CredentialGate;
  private readonly alertsPath: string;

  constructor(options: AlertmanagerSourceOptions) {
    const name = options.instance.name;
    super({ key: `alertmanager/${name}`, name, logName: `Alertmanager ${name}`, noun: { one: 'alert', many: 'alerts' } }, options);
    this.instance = options.instance;
    this.credentials = options.credentials;
    this.baseUrl = splitUserinfo(options.instance.url).base;
    this.alertsPath = options.routeGroups ? '/api/v2/alerts/groups' : '/api/v2/alerts';
  }

  /** The HA cluster the instance is a peer of, if any. */
  get cluster(): string | undefined {
    return this.instance.cluster;
  }

  /**
   * Silences exactly this alert: one equality matcher per label, from now for `durationMs`.
   * Returns the silence id, after a refresh so the alert already shows as silenced.
   */
  async silence(incident: Incident, options: SilenceOptions): Promise<string> {
    const own = incident.cluster === undefined ? incident.sourceName === this.name : incident.cluster === this.instance.cluster;
    if (incident.source !== 'alertmanager' || !own) {
      throw new Error(`"${incident.title}" is not an alert of Alertmanager ${this.name}, so it cannot be silenced there.`);
    }
    const labels = Object.entries(incident.labels);
    if (labels.length === 0) throw new Error(`"${incident.title}" has no labels, and Alertmanager needs at least one matcher to silence it.`);
    if (!(options.durationMs > 0)) throw new Error('A silence needs a positive duration.');
    const now = Date.now();
    const silence = {
      matchers: labels.map(([name, value]) => ({ name, value, isRegex: false, isEqual: true })),
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + options.durationMs).toISOString(),
      createdBy: options.createdBy,
      comment: options.comment,
    };
    let response: HttpJsonResponse;
    try {
      response = await this.send('POST', '/api/v2/silences', silence);
    } catch (error) {
      throw this.writeFailure(error, `silence ${incident.alertName ?? incident.title}`);
    }
    const id = isJsonObject(response.json) ? readString(response.json.silenceID) : undefined;
    if (!id) throw new Error(`Alertmanager ${this.name} accepted the silence but sent no silence id back (${describeJsonType(response.json)}).`);
    this.log.info(`Alertmanager ${this.name}: silence ${id} created for ${incident.alertName ?? incident.sourceId} until ${silence.endsAt}.`);
    await this.refresh();
    return id;
  }

  /**
   * When a silence ends and why it was made (`GET /api/v2/silence/{id}`), for the incident
   * timeline; undefined when Alertmanager cannot say.
   */
  async silenceDetails(id: string): Promise<{ endsAt: string; comment: string } | undefined> {
    try {
      const silence = await this.readSilence(id);
      const endsAt = readString(silence?.endsAt);
      return endsAt ? { endsAt, comment: readString(silence?.comment) ?? '' } : undefined;
    } catch (error) {
      this.log.warn(`Alertmanager ${this.name}: could not read silence ${id}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /**
   * The state of a silence here (`active`, `pending`, `expired`), or undefined while this
   * instance does not know it: how a peer shows that gossip has brought a silence over.
   */
  async silenceState(id: string): Promise<string | undefined> {
    try {
      const status = (await this.readSilence(id))?.status;
      return isJsonObject(status) ? readString(status.state) : undefined;
    } catch {
      return undefined;
    }
  }

  private async readSilence(id: string): Promise<JsonObject | undefined> {
    const response = await this.send('GET', `/api/v2/silence/${encodeURIComponent(id)}`);
    return isJsonObject(response.json) ? response.json : undefined;
  }

  /** Expires a silence (`DELETE /api/v2/silence/{id}`, singular), then refreshes. */
  async expireSilence(id: string): Promise<void> {
    try {
      await this.send('DELETE', `/api/v2/silence/${encodeURIComponent(id)}`);
    } catch (error) {
      // 0.25 answers an unknown id with 500 "silence not found"; newer versions with 404.
      if (HttpError.is(error) && (error.status === 404 || (error.status === 500 && /not found/i.test(error.body ?? '')))) {
        throw new Error(`Alertmanager ${this.name} has no silence ${id}; it may have been deleted there.`, { cause: error });
      }
      throw this.writeFailure(error, `expire silence ${id}`);
    }
    this.log.info(`Alertmanager ${this.name}: silence ${id} expired.`);
    await this.refresh();
  }

  // ---------------------------------------------------------------------------------------------
  // Polling

  /** Never rejects: every failure becomes health. */
  protected async poll(): Promise<void> {
    let response: HttpJsonResponse;
    try {
      response = await this.send('GET', this.alertsPath, undefined, ALERT_LIST_MAX_BYTES);
    } catch (error) {
      this.reportPollError(error);
      return;
    }
    if (this.disposed) return;
    if (!Array.isArray(response.json)) {
      // Replacing the alerts by "none" here would tell on-call that everything resolved.
      this.reportFailure({
        message: `Alertmanager ${this.name} sent ${describeJsonType(response.json)} instead of a list of alerts`,
        action: 'retry',
        detail: `GET ${redactUrl(joinUrl(this.baseUrl, this.alertsPath))} answered ${describeJsonType(response.json)}, not an array of alerts.`,
      });
      return;
    }
    const parsed = parseAlertmanagerAlerts(response.json, this.name, this.parseOptions());
    this.reportIncidents(parsed.incidents, parsed.errors);
  }

  protected describeFailure(error: unknown): PollFailure {
    const name = `Alertmanager ${this.name}`;
    if (!HttpError.is(error)) return { message: `${name} could not be polled (${String(error)})`, action: 'retry', detail: String(error) };
    const detail = error.message;
    switch (error.reason) {
      case 'bad-url':
        return { message: `The URL of ${name} is not usable (${error.detail}): fix it in the settings`, action: 'openSettings', detail };
      case 'tls':
        return { message: `${name} failed TLS: ${error.detail}; check its tls settings`, action: 'openSettings', detail };
      case 'timeout':
        return { message: `${name} did not answer within ${formatTimeLimit(this.timeoutMs)}`, action: 'retry', detail };
      case 'unreachable':
      case 'aborted':
        return { message: `${name} is unreachable (${error.detail})`, action: 'retry', detail };
      case 'not-json':
        return { message: `${name} sent an answer that is ${error.detail}`, action: 'retry', detail };
      case 'too-large':
        return { message: `${name} sent ${error.detail}, more than an alert list should be`, action: 'retry', detail };
      case 'status':
        return this.describeStatus(error.status ?? 0, detail);
    }
  }

  private describeStatus(status: number, detail: string): PollFailure {
    const name = `Alertmanager ${this.name}`;
    if ((status === 401 || status === 403) && this.withheldCredentials) {
      return {
        message: `${name} now points to ${redactUrl(this.baseUrl)}, which its stored credentials were not set for: agree to send them there, or set new ones`,
        action: 'setCredentials',
        detail,
      };
    }
    if (status === 401 || status === 403) {
      const verb = this.sentCredentials ? 'refused the credentials' : 'needs credentials';
      return { message: `${name} ${verb} (${status}): set its password or token`, action: 'setCredentials', detail };
    }
    if (status === 404) {
      return { message: `${name} has no API v2 at ${redactUrl(this.baseUrl)} (404): check the URL and route prefix in the settings`, action: 'openSettings', detail };
    }
    if (status >= 500 || status === 408 || status === 429) return { message: `${name} answered HTTP ${status}`, action: 'retry', detail };
    return { message: `${name} answered HTTP ${status}: check its settings`, action: 'openSettings', detail };
  }

  // ---------------------------------------------------------------------------------------------
  // Requests

  private async send(method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown, maxBytes?: number): Promise<HttpJsonResponse> {
    const headers = await this.requestHeaders();
    return requestJson({
      method,
      url: joinUrl(this.baseUrl, path),
      headers,
      ...(body !== undefined ? { body } : {}),
      ...(maxBytes !== undefined ? { maxBytes } : {}),
      timeoutMs: this.timeoutMs,
      ...(this.instance.tls ? { tls: this.instance.tls } : {}),
      signal: this.signal,
    });
  }

  private async requestHeaders(): Promise<Record<string, string>> {
    const auth = await instanceAuthHeaders({
      instance: this.instance,
      owner: this.key,
      title: `Alertmanager ${this.name}`,
      secrets: this.secrets,
      credentials: this.credentials,
      secretKeys: { token: SecretKeys.alertmanagerToken(this.name), password: SecretKeys.alertmanagerPassword(this.name) },
    });
    this.withheldCredentials = auth.withheld;
    this.sentCredentials = auth.sent;
    return auth.headers;
  }

  private writeFailure(error: unknown, what: string): Error {
    const start = `Could not ${what} on Alertmanager ${this.name}`;
    if (!HttpError.is(error)) return new Error(`${start}: ${String(error)}.`, { cause: error });
    this.log.warn(`Alertmanager ${this.name}: ${error.message}`);
    if (error.reason === 'status') {
      const status = error.status ?? 0;
      if (status === 401 || status === 403) return new Error(`${start}: it refused the credentials (${status}); set its password or token.`, { cause: error });
      const said = readServerText(error.body);
      return new Error(`${start}: it answered HTTP ${status}${said ? ` (${said})` : ''}.`, { cause: error });
    }
    if (error.reason === 'timeout') return new Error(`${start}: no answer within ${formatTimeLimit(this.timeoutMs)}.`, { cause: error });
    return new Error(`${start}: ${error.detail}.`, { cause: error });
  }
}

/** Alertmanager explains errors as a JSON string ("silence invalid: ...") or {message}. */
function readServerText(body: string | undefined): string | undefined {
  if (!body) return undefined;
  let text = body.trim();
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json === 'string') text = json;
    else if (isJsonObject(json) && typeof json.message === 'string') text = json.message;
  } catch {
    // plain text
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text === '' ? undefined : text.length > 160 ? `${text.slice(0, 159)}…` : text;
}
