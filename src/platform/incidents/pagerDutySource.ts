// PagerDuty (REST API v2) as a live incident source: polls the open incidents (triggered and
// acknowledged) with offset paging, honours the server's rate-limit reset, and acknowledges or
// resolves incidents. The API token and the user's email (`From`, required on writes) are read
// from secret storage on every request, so setting them takes effect on the next poll.

import { Settings } from '../../constants';
import type { Incident } from '../../core/incidents/incidentModel';
import { describeJsonType, isJsonObject } from '../../core/incidents/jsonShapes';
import { PAGERDUTY_MAX_WINDOW, parsePagerDutyIncidents } from '../../core/incidents/pagerdutyIncidents';
import { formatTimeLimit } from '../../core/shared/duration';
import { HttpError, joinUrl, redactUrl, requestJson, type HttpJsonResponse } from './httpJson';
import { describePagerDutyFailure, readPagerDutyError, type PagerDutyPurpose } from './pagerDutyErrors';
import type { CredentialGate } from './credentialBindings';
import { SecretKeys } from './incidentSource';
import { PollingIncidentSource, type PollFailure, type PollingSourceOptions } from './pollingSource';

export const DEFAULT_PAGERDUTY_API_URL = 'https://api.pagerduty.com';
export const PAGERDUTY_ACCEPT = 'application/vnd.pagerduty+json;version=2';
/** PagerDuty's maximum page size. */
const PAGE_LIMIT = 100;

export interface PagerDutyConfig {
  name: string;
  /** Default https://api.pagerduty.com (https://api.eu.pagerduty.com for EU accounts). */
  apiUrl: string;
  /** The API URL of the user's own settings (or the default): where an older stored key belongs. */
  userApiUrl?: string;
  serviceIds?: string[];
  teamIds?: string[];
}

export interface PagerDutySourceOptions extends PollingSourceOptions {
  readonly config: PagerDutyConfig;
  /** Decides whether the stored API key may go to apiUrl's origin (https only). */
  readonly credentials: CredentialGate;
}

export type PagerDutyStatusChange = 'acknowledged' | 'resolved';

export class PagerDutySource extends PollingIncidentSource {
  readonly kind = 'pagerduty' as const;

  private readonly config: PagerDutyConfig;
  private readonly apiUrl: string;
  private readonly credentials: CredentialGate;

  constructor(options: PagerDutySourceOptions) {
    const name = options.config.name;
    super({ key: `pagerduty/${name}`, name, logName: `PagerDuty ${name}`, noun: { one: 'incident', many: 'incidents' } }, options);
    this.config = options.config;
    this.apiUrl = options.config.apiUrl.trim() || DEFAULT_PAGERDUTY_API_URL;
    this.credentials = options.credentials;
  }

  acknowledge(incidentId: string): Promise<void> {
    return this.changeStatus(incidentId, 'acknowledged');
  }

  resolve(incidentId: string): Promise<void> {
    return this.changeStatus(incidentId, 'resolved');
  }

  // ---------------------------------------------------------------------------------------------
  // Writes

  private async changeStatus(incidentId: string, status: PagerDutyStatusChange): Promise<void> {
    const verb = status === 'acknowledged' ? 'acknowledge' : 'resolve';
    await this.call({ verb, what: `${verb} PagerDuty incident ${incidentId}`, write: true }, 'PUT', `/incidents/${encodeURIComponent(incidentId)}`, {
      body: { incident: { type: 'incident_reference', status } },
    });
    this.log.info(`PagerDuty ${this.name}: incident ${incidentId} ${status}.`);
    await this.refresh();
  }

  /**
   * One request on the user's behalf (an action, or a read the action needs): the token, the
   * key's release to this address and, for writes, the user's email (`From`) are checked
   * first; a refusal becomes one sentence that starts "Could not <what>".
   */
  async call(purpose: PagerDutyPurpose, method: 'GET' | 'PUT' | 'POST', path: string, extra: { query?: [string, string][]; body?: unknown } = {}): Promise<HttpJsonResponse> {
    const token = await this.secrets.get(SecretKeys.pagerDutyToken);
    if (!token) throw new Error(`No PagerDuty API token is set: set it with "Set PagerDuty Token" to ${purpose.verb} incidents.`);
    if (!(await this.mayRelease())) {
      throw new Error(`The PagerDuty API key was not sent to ${redactUrl(this.apiUrl)}: it goes only over https, to an address it was stored for or you agreed to.`);
    }
    const headers: Record<string, string> = {};
    if (purpose.write) {
      const from = await this.userEmail();
      if (!from) throw new Error(`Set your PagerDuty email with "Set PagerDuty Token": PagerDuty needs it to record who did ${purpose.verb} an incident.`);
      headers.From = from;
    }
    try {
      return await this.send(method, path, extra.query ?? [], token, { ...(extra.body !== undefined ? { body: extra.body } : {}), headers });
    } catch (error) {
      if (HttpError.is(error)) this.log.warn(`PagerDuty ${this.name}: ${error.message}`);
      throw describePagerDutyFailure(error, `Could not ${purpose.what}`, this.timeoutMs);
    }
  }

  /** The email PagerDuty records actions under (the `From` header), as the user set it. */
  async userEmail(): Promise<string | undefined> {
    return (await this.secrets.get(SecretKeys.pagerDutyFrom))?.trim() || undefined;
  }

  // ---------------------------------------------------------------------------------------------
  // Polling

  /** Never rejects: every failure becomes health. */
  protected async poll(): Promise<void> {
    const token = await this.secrets.get(SecretKeys.pagerDutyToken);
    if (this.disposed) return;
    if (!token) {
      this.reportFailure({ message: 'No PagerDuty API token is set', action: 'setCredentials', detail: 'no API token in secret storage; nothing was requested.' });
      return;
    }
    if (!(await this.mayRelease())) {
      if (this.disposed) return;
      this.reportFailure({
        message: `The PagerDuty API key was not sent to ${redactUrl(this.apiUrl)}: it goes only over https, to an address it was stored for or you agreed to`,
        action: 'setCredentials',
        detail: `${Settings.pagerDutyApiUrl} is ${redactUrl(this.apiUrl)}; nothing was requested.`,
      });
      return;
    }
    const incidents: Incident[] = [];
    const errors: string[] = [];
    let truncated = false;
    let offset = 0;
    try {
      // The window cap (offset + limit ≤ 10000) ends this loop: paging stops giving nextOffset.
      for (;;) {
        const response = await this.send('GET', '/incidents', this.listQuery(offset), token);
        if (this.disposed) return;
        if (!isJsonObject(response.json) || !Array.isArray(response.json.incidents)) {
          // Replacing the incidents by "none" here would tell on-call that everything resolved.
          this.reportFailure({
            message: `PagerDuty sent ${describeJsonType(response.json)} instead of an incident list`,
            action: 'retry',
            detail: `GET ${redactUrl(joinUrl(this.apiUrl, '/incidents'))} answered ${describeJsonType(response.json)} without an incidents list.`,
          });
          return;
        }
        const parsed = parsePagerDutyIncidents(response.json, this.name, this.parseOptions());
        incidents.push(...parsed.incidents);
        errors.push(...parsed.errors);
        if (parsed.paging.nextOffset === undefined || parsed.paging.nextOffset <= offset) {
          truncated = parsed.paging.truncated;
          break;
        }
        offset = parsed.paging.nextOffset;
      }
    } catch (error) {
      this.reportPollError(error);
      return;
    }
    this.reportIncidents(incidents, errors, truncated ? [`PagerDuty lists at most ${PAGERDUTY_MAX_WINDOW} open incidents; the oldest are not shown.`] : []);
  }

  private mayRelease(): Promise<boolean> {
    return this.credentials.mayRelease({
      owner: this.key,
      title: 'PagerDuty',
      secret: 'API key',
      url: this.apiUrl,
      ...(this.config.userApiUrl !== undefined ? { userUrl: this.config.userApiUrl } : {}),
      httpsOnly: true,
    });
  }

  private listQuery(offset: number): [string, string][] {
    const query: [string, string][] = [
      ['statuses[]', 'triggered'],
      ['statuses[]', 'acknowledged'],
      ['sort_by', 'created_at:desc'],
      ['limit', String(PAGE_LIMIT)],
    ];
    for (const id of this.config.serviceIds ?? []) query.push(['service_ids[]', id]);
    for (const id of this.config.teamIds ?? []) query.push(['team_ids[]', id]);
    if (offset > 0) query.push(['offset', String(offset)]);
    return query;
  }

  protected describeFailure(error: unknown): PollFailure {
    if (!HttpError.is(error)) return { message: `PagerDuty could not be polled (${String(error)})`, action: 'retry', detail: String(error) };
    const detail = error.message;
    switch (error.reason) {
      case 'bad-url':
        return { message: `The PagerDuty API URL is not usable (${error.detail}): fix oncall.pagerduty.apiUrl`, action: 'openSettings', detail };
      case 'tls':
        return { message: `PagerDuty failed TLS: ${error.detail}; check oncall.pagerduty.apiUrl`, action: 'openSettings', detail };
      case 'timeout':
        return { message: `PagerDuty did not answer within ${formatTimeLimit(this.timeoutMs)}`, action: 'retry', detail };
      case 'unreachable':
      case 'aborted':
        return { message: `PagerDuty is unreachable (${error.detail})`, action: 'retry', detail };
      case 'not-json':
        return { message: `PagerDuty sent an answer that is ${error.detail}`, action: 'retry', detail };
      case 'too-large':
        return { message: `PagerDuty sent ${error.detail}, more than an incident page should be`, action: 'retry', detail };
      case 'status':
        break;
    }
    const status = error.status ?? 0;
    const said = readPagerDutyError(error.body);
    const explained = said ? `${detail} (${said})` : detail;
    if (status === 401) return { message: 'PagerDuty refused the API token (401): set a valid token', action: 'setCredentials', detail: explained };
    if (status === 403) {
      return { message: 'The PagerDuty API token is not allowed to list incidents (403): set a token with read access to incidents', action: 'setCredentials', detail: explained };
    }
    if (status === 429) {
      return {
        message: (retryInMs) => `PagerDuty rate limit reached; retrying in ${Math.max(1, Math.ceil((retryInMs ?? 0) / 1000))} s`,
        action: 'retry',
        detail: explained,
        ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
        omitStaleness: true,
      };
    }
    if (status === 404) return { message: `PagerDuty has no incidents API at ${redactUrl(this.apiUrl)} (404): check oncall.pagerduty.apiUrl`, action: 'openSettings', detail: explained };
    if (status >= 500 || status === 408) {
      return { message: `PagerDuty answered HTTP ${status}`, action: 'retry', detail: explained, ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}) };
    }
    return { message: `PagerDuty answered HTTP ${status}${said ? ` (${said})` : ''}: check the PagerDuty settings`, action: 'openSettings', detail: explained };
  }

  // ---------------------------------------------------------------------------------------------
  // Requests

  private send(
    method: 'GET' | 'PUT' | 'POST',
    path: string,
    query: [string, string][],
    token: string,
    extra: { body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<HttpJsonResponse> {
    return requestJson({
      method,
      url: joinUrl(this.apiUrl, path, query),
      headers: { Authorization: `Token token=${token}`, Accept: PAGERDUTY_ACCEPT, ...extra.headers },
      ...(extra.body !== undefined ? { body: extra.body } : {}),
      timeoutMs: this.timeoutMs,
      signal: this.signal,
    });
  }
}
