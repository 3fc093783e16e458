// The team side of PagerDuty REST API v2, read and written as plain data: who is on call for
// an escalation policy (`GET /oncalls`), the priorities, users and escalation policies a
// responder picks from, an incident's log entries, and the request bodies of the incident
// actions (responder requests, reassign, escalate, priority, notes). Never throws on what a
// server sends: a shape that is not PagerDuty's becomes a problem sentence.

import { redactSecrets } from '../execution/secretRedaction';
import { describeJsonType, isJsonObject, readArray, readNumber, readObject, readString, readTimestamp } from './jsonShapes';

/** A PagerDuty object a responder picks: a user (with email), an escalation policy, a priority. */
export interface PagerDutyChoice {
  readonly id: string;
  readonly name: string;
  /** A user's email, a priority's description. */
  readonly detail?: string;
}

/** One person on call for a policy at one level. */
export interface OnCallEntry {
  readonly level: number;
  readonly userId: string;
  readonly userName: string;
  readonly schedule?: string;
  /** ISO 8601; absent when the user is always on call at that level. */
  readonly until?: string;
}

export interface ParsedList<T> {
  readonly items: T[];
  /** Set when the answer was not the list PagerDuty documents. */
  readonly problem?: string;
}

/** `GET /oncalls` answer → entries by level, one per user and level (earliest first). */
export function parseOnCalls(json: unknown): ParsedList<OnCallEntry> {
  const list = isJsonObject(json) ? readArray(json.oncalls) : undefined;
  if (!list) return { items: [], problem: `PagerDuty sent ${describeJsonType(json)} instead of an on-call list` };
  const seen = new Set<string>();
  const items: OnCallEntry[] = [];
  for (const item of list) {
    if (!isJsonObject(item)) continue;
    const user = readObject(item.user);
    const userId = readString(user?.id);
    const level = readNumber(item.escalation_level);
    if (!userId || level === undefined || seen.has(`${level}/${userId}`)) continue;
    seen.add(`${level}/${userId}`);
    const schedule = readString(readObject(item.schedule)?.summary);
    const until = readTimestamp(item.end);
    items.push({ level, userId, userName: readString(user?.summary) ?? readString(user?.name) ?? userId, ...(schedule ? { schedule } : {}), ...(until ? { until } : {}) });
  }
  items.sort((a, b) => a.level - b.level);
  return { items };
}

/** The people at the lowest level: who gets paged first. */
export function firstResponders(entries: readonly OnCallEntry[]): OnCallEntry[] {
  const lowest = entries.reduce((min, entry) => Math.min(min, entry.level), Number.POSITIVE_INFINITY);
  return entries.filter((entry) => entry.level === lowest);
}

/** `Alice Oncall` or `Alice Oncall +1`: short enough for a tree row. */
export function describeOnCallShort(entries: readonly OnCallEntry[]): string {
  const first = firstResponders(entries);
  if (first.length === 0) return 'nobody on call';
  return first.length === 1 ? first[0]!.userName : `${first[0]!.userName} +${first.length - 1}`;
}

/** One line per level for the hover: `L1 Alice Oncall (Primary, until …)`. */
export function describeOnCallLevels(entries: readonly OnCallEntry[], formatTime: (iso: string) => string): string[] {
  return entries.map((entry) => {
    const details = [entry.schedule, entry.until ? `until ${formatTime(entry.until)}` : undefined].filter(Boolean).join(', ');
    return `L${entry.level} ${entry.userName}${details ? ` (${details})` : ''}`;
  });
}

/** Who is on call for an incident's escalation policy, or why that is not known. */
export type OnCallView = { readonly entries: readonly OnCallEntry[] } | { readonly problem: string };

/** ` · on call: Alice Oncall` for the tree row; says so when PagerDuty could not tell. */
export function describeOnCallSuffix(view: OnCallView | undefined): string {
  if (view === undefined) return '';
  return 'entries' in view ? ` · on call: ${describeOnCallShort(view.entries)}` : ' · on call: unknown';
}

/** The hover's on-call section (Markdown-safe text is the caller's business). */
export function describeOnCallHover(view: OnCallView | undefined, policy: string | undefined, formatTime: (iso: string) => string): string[] {
  if (view === undefined) return [];
  const head = `On call${policy ? ` (${policy})` : ''}:`;
  if ('problem' in view) return [`${head} unknown. ${view.problem}.`];
  const levels = describeOnCallLevels(view.entries, formatTime);
  return levels.length === 0 ? [`${head} nobody.`] : [head, ...levels.map((line) => `- ${line}`)];
}

/** `GET /priorities`, `/users` or `/escalation_policies` answer → choices; `key` names the list. */
export function parseChoices(json: unknown, key: 'priorities' | 'users' | 'escalation_policies'): ParsedList<PagerDutyChoice> & { more: boolean } {
  const list = isJsonObject(json) ? readArray(json[key]) : undefined;
  if (!list) return { items: [], more: false, problem: `PagerDuty sent ${describeJsonType(json)} instead of a list of ${key.replace('_', ' ')}` };
  const items: PagerDutyChoice[] = [];
  for (const item of list) {
    if (!isJsonObject(item)) continue;
    const id = readString(item.id);
    if (!id) continue;
    const detail = key === 'users' ? readString(item.email) : readString(item.description);
    items.push({ id, name: readString(item.name) ?? readString(item.summary) ?? id, ...(detail ? { detail } : {}) });
  }
  return { items, more: isJsonObject(json) && json.more === true };
}

/** A log entry as the timeline needs it. */
export interface PagerDutyLogEntry {
  readonly id: string;
  /** `acknowledge_log_entry`, `annotate_log_entry`, ... */
  readonly type: string;
  readonly at: string;
  readonly summary: string;
  /** Who did it (the agent's summary): a user, a service, an escalation policy. */
  readonly by?: string;
  /** A note's text (annotate_log_entry carries it as the channel's summary). */
  readonly note?: string;
}

/** `GET /incidents/{id}/log_entries` answer → entries, oldest first. */
export function parseLogEntries(json: unknown): ParsedList<PagerDutyLogEntry> & { more: boolean } {
  const list = isJsonObject(json) ? readArray(json.log_entries) : undefined;
  if (!list) return { items: [], more: false, problem: `PagerDuty sent ${describeJsonType(json)} instead of a log entry list` };
  const items: PagerDutyLogEntry[] = [];
  for (const item of list) {
    if (!isJsonObject(item)) continue;
    const id = readString(item.id);
    const type = readString(item.type);
    const at = readTimestamp(item.created_at);
    if (!id || !type || !at) continue;
    const by = readString(readObject(item.agent)?.summary);
    const channel = readObject(item.channel);
    const note = type === 'annotate_log_entry' ? (readString(channel?.summary) ?? readString(item.note)) : undefined;
    items.push({ id, type, at, summary: readString(item.summary) ?? type.replace(/_log_entry$/, '').replace(/_/g, ' '), ...(by ? { by } : {}), ...(note ? { note } : {}) });
  }
  items.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  return { items, more: isJsonObject(json) && json.more === true };
}

/** What reaches the local timeline: what people did, not each notification PagerDuty sent. */
export function isTimelineLogEntry(entry: PagerDutyLogEntry): boolean {
  return entry.type !== 'notify_log_entry' && entry.type !== 'trigger_log_entry';
}

/** The text a note is posted with and compared by: redacted, trimmed, line ends unified. */
export function noteContent(text: string): string {
  return redactSecrets(text).replace(/\r\n?/g, '\n').trim();
}

// ---- request bodies ---------------------------------------------------------------------

export type ResponderTarget = { readonly kind: 'user' | 'escalation_policy'; readonly id: string; readonly name?: string };

/** `POST /incidents/{id}/responder_requests`: the requester is the user named in `From`. */
export function responderRequestBody(requesterId: string, message: string, targets: readonly ResponderTarget[]): unknown {
  return {
    requester_id: requesterId,
    message: redactSecrets(message),
    responder_request_targets: targets.map((target) => ({ responder_request_target: { id: target.id, type: `${target.kind}_reference` } })),
  };
}

export type Reassignment = { readonly userIds: readonly string[] } | { readonly escalationPolicyId: string };

/** `PUT /incidents/{id}` reassigning to users, or to an escalation policy. */
export function reassignBody(to: Reassignment): unknown {
  if ('escalationPolicyId' in to) return { incident: { type: 'incident_reference', escalation_policy: { id: to.escalationPolicyId, type: 'escalation_policy_reference' } } };
  return { incident: { type: 'incident_reference', assignments: to.userIds.map((id) => ({ assignee: { id, type: 'user_reference' } })) } };
}

export function escalateBody(level: number): unknown {
  return { incident: { type: 'incident_reference', escalation_level: level } };
}

export function priorityBody(priorityId: string): unknown {
  return { incident: { type: 'incident_reference', priority: { id: priorityId, type: 'priority_reference' } } };
}

/** `POST /incidents/{id}/notes`: redacted before it leaves. */
export function noteBody(text: string): unknown {
  return { note: { content: noteContent(text) } };
}

/** The id of the user whose email is `email`, from a `GET /users?query=` answer (the query matches loosely). */
export function userIdForEmail(users: readonly PagerDutyChoice[], email: string): string | undefined {
  const wanted = email.trim().toLowerCase();
  return users.find((user) => user.detail?.toLowerCase() === wanted)?.id;
}
