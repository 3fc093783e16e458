// Reads PagerDuty REST v2 `GET /incidents` pages into incidents, with the paging state the
// poller needs to fetch the next page (`offset`/`more`, capped by offset + limit ≤ 10000).

import type { ParsedIncidents } from './alertmanagerAlerts';
import { formatIncidentId, type IncidentDraft, type Incident } from './incidentModel';
import { describeJsonType, isJsonObject, readNumber, readObject, readString, readTimestamp } from './jsonShapes';
import { mapPagerDutySeverity, type SeverityMapping } from './severityMapping';

/** PagerDuty refuses pages whose offset + limit exceeds this. */
export const PAGERDUTY_MAX_WINDOW = 10_000;

export interface PagerDutyPaging {
  readonly offset: number;
  readonly limit: number;
  readonly more: boolean;
  /** Offset of the next page; undefined when this is the last page or the next one is beyond the API's window. */
  readonly nextOffset?: number;
  /** True when PagerDuty has more incidents than its paging window can reach. */
  readonly truncated: boolean;
  readonly total?: number;
}

export interface ParsedPagerDutyIncidents extends ParsedIncidents {
  readonly paging: PagerDutyPaging;
}

export interface PagerDutyParseOptions {
  readonly severityMapping?: SeverityMapping;
}

/** Never throws; resolved incidents are left out (the list shows what needs a responder). */
export function parsePagerDutyIncidents(json: unknown, sourceName: string, options: PagerDutyParseOptions = {}): ParsedPagerDutyIncidents {
  const incidents: Incident[] = [];
  const errors: string[] = [];
  if (!isJsonObject(json) || !Array.isArray(json.incidents)) {
    errors.push(`PagerDuty ${sourceName}: expected an object with an incidents list, got ${describeJsonType(json)}.`);
    return { incidents, errors, paging: { offset: 0, limit: 0, more: false, truncated: false } };
  }
  const list = json.incidents as unknown[];
  for (let i = 0; i < list.length; i++) {
    const incident = readIncident(list[i], sourceName, options.severityMapping, i, errors);
    if (incident !== undefined) incidents.push(incident);
  }
  return { incidents, errors, paging: readPaging(json, list.length) };
}

function readPaging(json: Record<string, unknown>, count: number): PagerDutyPaging {
  const offset = readNumber(json.offset) ?? 0;
  const limit = readNumber(json.limit) ?? count;
  const more = json.more === true;
  const total = readNumber(json.total);
  const next = offset + Math.max(limit, count);
  const reachable = more && limit > 0 && next + limit <= PAGERDUTY_MAX_WINDOW;
  const paging: { -readonly [K in keyof PagerDutyPaging]: PagerDutyPaging[K] } = { offset, limit, more, truncated: more && !reachable };
  if (reachable) paging.nextOffset = next;
  if (total !== undefined) paging.total = total;
  return paging;
}

function readIncident(item: unknown, sourceName: string, mapping: SeverityMapping | undefined, index: number, errors: string[]): Incident | undefined {
  if (!isJsonObject(item)) {
    errors.push(`PagerDuty ${sourceName}: incident ${index} skipped: ${describeJsonType(item)} instead of an incident.`);
    return undefined;
  }
  const id = readString(item.id);
  if (!id) {
    errors.push(`PagerDuty ${sourceName}: incident ${index} skipped: it has no id.`);
    return undefined;
  }
  const state = readString(item.status);
  if (state === 'resolved') return undefined;
  if (state !== 'triggered' && state !== 'acknowledged') {
    errors.push(`PagerDuty ${sourceName}: incident ${id} skipped: unknown status ${JSON.stringify(state ?? null)}.`);
    return undefined;
  }
  const urgency = readString(item.urgency);
  const priority = readString(readObject(item.priority)?.summary) ?? readString(readObject(item.priority)?.name);
  const service = readString(readObject(item.service)?.summary);
  const title = readString(item.title) || readString(item.summary) || `PagerDuty incident ${id}`;
  // Labels carry what placeholders and the tooltip can use; only fields that are present.
  const labels: Record<string, string> = {};
  if (service) labels.service = service;
  if (urgency) labels.urgency = urgency;
  if (priority) labels.priority = priority;
  const key = readString(item.incident_key);
  if (key) labels.incident_key = key;
  // The escalation policy names who is on call for the incident (GET /oncalls).
  const policy = readObject(item.escalation_policy);
  const policyId = readString(policy?.id);
  if (policyId) labels.escalation_policy_id = policyId;
  const policyName = readString(policy?.summary);
  if (policyName) labels.escalation_policy = policyName;
  const number = readNumber(item.incident_number);
  if (number !== undefined) labels.incident_number = String(number);
  const annotations: Record<string, string> = {};
  const description = readString(item.description);
  if (description && description !== title) annotations.description = description;
  const incident: IncidentDraft = {
    id: formatIncidentId('pagerduty', sourceName, id),
    source: 'pagerduty',
    sourceName,
    sourceId: id,
    title,
    severity: mapPagerDutySeverity(urgency, priority, mapping),
    group: service || 'other',
    labels,
    annotations,
    startedAt: readTimestamp(item.created_at) ?? '',
    status: state,
  };
  const url = readString(item.html_url);
  if (url) incident.url = url;
  return incident;
}
