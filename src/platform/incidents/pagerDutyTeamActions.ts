// The PagerDuty team actions on one incident: add responders, reassign, escalate, change
// priority, post a note; and the lists a responder picks from (users, escalation policies,
// priorities) and the incident's log entries. Each request goes through the PagerDuty source,
// which checks the token, where it may be sent and the user's email (`From`) first, and turns
// a refusal into one sentence. Plain Node and data: tested against the PagerDuty fixture.

import {
  escalateBody,
  noteBody,
  parseChoices,
  parseLogEntries,
  parseOnCalls,
  priorityBody,
  reassignBody,
  responderRequestBody,
  userIdForEmail,
  type PagerDutyChoice,
  type OnCallEntry,
  type PagerDutyLogEntry,
  type Reassignment,
  type ResponderTarget,
} from '../../core/incidents/pagerDutyTeam';
import { isJsonObject, readObject, readString } from '../../core/incidents/jsonShapes';
import type { PagerDutySource } from './pagerDutySource';

/** Log entries read per incident and poll: PagerDuty's largest page. */
const LOG_PAGE = 100;

export class PagerDutyTeamActions {
  /** The PagerDuty user id of each `From` email: responder requests name their requester by id. */
  private readonly requesterIds = new Map<string, string>();
  /** The source those ids belong to: another API URL may be another account. */
  private idsOf: PagerDutySource | undefined;

  constructor(private readonly source: () => PagerDutySource | undefined) {}

  /** The configured PagerDuty source, or undefined: a new one (settings changed) means answers cached for the old one are stale. */
  account(): PagerDutySource | undefined {
    return this.source();
  }

  private pagerDuty(): PagerDutySource {
    const source = this.source();
    if (!source) throw new Error('PagerDuty is not enabled: turn on oncall.pagerduty.enabled and set a token.');
    if (source !== this.idsOf) {
      this.requesterIds.clear();
      this.idsOf = source;
    }
    return source;
  }

  async users(query = ''): Promise<PagerDutyChoice[]> {
    return this.list('users', 'list PagerDuty users', query);
  }

  async escalationPolicies(query = ''): Promise<PagerDutyChoice[]> {
    return this.list('escalation_policies', 'list PagerDuty escalation policies', query);
  }

  async priorities(): Promise<PagerDutyChoice[]> {
    const choices = await this.list('priorities', 'list PagerDuty priorities');
    if (choices.length === 0) throw new Error('PagerDuty has no priorities for this account: turn them on in PagerDuty (Incident Priority Settings) first.');
    return choices;
  }

  private async list(key: 'users' | 'escalation_policies' | 'priorities', what: string, query = ''): Promise<PagerDutyChoice[]> {
    const params: [string, string][] = [['limit', '100']];
    if (query) params.push(['query', query]);
    const response = await this.pagerDuty().call({ verb: 'read', what }, 'GET', `/${key}`, { query: params });
    const parsed = parseChoices(response.json, key);
    if (parsed.problem) throw new Error(`Could not ${what}: ${parsed.problem}.`);
    return parsed.items;
  }

  /** Who is on call for an escalation policy now, by level (`earliest=true`: one entry per user and level). */
  async onCall(policyId: string): Promise<OnCallEntry[]> {
    const what = 'read who is on call';
    const response = await this.pagerDuty().call({ verb: 'read', what }, 'GET', '/oncalls', {
      query: [['escalation_policy_ids[]', policyId], ['earliest', 'true'], ['limit', '100']],
    });
    const parsed = parseOnCalls(response.json);
    if (parsed.problem) throw new Error(`Could not ${what}: ${parsed.problem}.`);
    return parsed.items;
  }

  /** Asks PagerDuty for the targets' help, with a message, as the user named in `From`. */
  async addResponders(incidentId: string, targets: readonly ResponderTarget[], message: string): Promise<void> {
    const source = this.pagerDuty();
    const what = `add responders to PagerDuty incident ${incidentId}`;
    const requesterId = await this.requesterId(source, what);
    await source.call({ verb: 'add responders to', what, write: true }, 'POST', `/incidents/${encodeURIComponent(incidentId)}/responder_requests`, {
      body: responderRequestBody(requesterId, message, targets),
    });
  }

  async reassign(incidentId: string, to: Reassignment): Promise<void> {
    await this.update(incidentId, 'reassign', reassignBody(to));
  }

  async escalate(incidentId: string, level: number): Promise<void> {
    await this.update(incidentId, 'escalate', escalateBody(level));
  }

  async changePriority(incidentId: string, priorityId: string): Promise<void> {
    await this.update(incidentId, 'change the priority of', priorityBody(priorityId));
  }

  private async update(incidentId: string, verb: string, body: unknown): Promise<void> {
    const source = this.pagerDuty();
    await source.call({ verb, what: `${verb} PagerDuty incident ${incidentId}`, write: true }, 'PUT', `/incidents/${encodeURIComponent(incidentId)}`, { body });
    // The list shows the new state (priority, triggered again after a reassignment) at once.
    void source.refresh();
  }

  /** Posts a note (redacted); resolves to the note's id when PagerDuty gives one. */
  async postNote(incidentId: string, text: string): Promise<string | undefined> {
    const response = await this.pagerDuty().call({ verb: 'add notes to', what: `post the note to PagerDuty incident ${incidentId}`, write: true }, 'POST', `/incidents/${encodeURIComponent(incidentId)}/notes`, {
      body: noteBody(text),
    });
    return isJsonObject(response.json) ? readString(readObject(response.json.note)?.id) : undefined;
  }

  /** The incident's log entries since `since` (ISO 8601), oldest first, without notifications. */
  async logEntries(incidentId: string, since: string): Promise<PagerDutyLogEntry[]> {
    const query: [string, string][] = [
      ['since', since],
      ['is_overview', 'true'],
      ['limit', String(LOG_PAGE)],
    ];
    const what = `read the log of PagerDuty incident ${incidentId}`;
    const response = await this.pagerDuty().call({ verb: 'read', what }, 'GET', `/incidents/${encodeURIComponent(incidentId)}/log_entries`, { query });
    const parsed = parseLogEntries(response.json);
    if (parsed.problem) throw new Error(`Could not ${what}: ${parsed.problem}.`);
    return parsed.items;
  }

  private async requesterId(source: PagerDutySource, what: string): Promise<string> {
    const email = await source.userEmail();
    if (!email) throw new Error(`Could not ${what}: set your PagerDuty email with "Set PagerDuty Token"; PagerDuty names the requester by it.`);
    const known = this.requesterIds.get(email.toLowerCase());
    if (known) return known;
    const response = await source.call({ verb: 'read', what }, 'GET', '/users', { query: [['query', email], ['limit', '100']] });
    const id = userIdForEmail(parseChoices(response.json, 'users').items, email);
    if (!id) throw new Error(`Could not ${what}: PagerDuty has no user with the email ${email}; fix it with "Set PagerDuty Token".`);
    this.requesterIds.set(email.toLowerCase(), id);
    return id;
  }
}
