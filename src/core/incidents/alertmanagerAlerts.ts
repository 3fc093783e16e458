// Reads Alertmanager API v2 alert lists (`GET /api/v2/alerts`, and the grouped form of
// `/api/v2/alerts/groups`) into incidents. Alertmanager never returns resolved alerts:
// resolution is an id that disappears between polls (see snapshotDiff).

import { linkInhibitions } from './alertInhibitions';
import { formatIncidentId, pickIncidentGroup, type Incident, type IncidentDraft, type IncidentStatus, type RouteGroup } from './incidentModel';
import { describeJsonType, isJsonObject, readObject, readString, readStringList, readStringMap, readTimestamp, type JsonObject } from './jsonShapes';
import { mapSeverity, type SeverityMapping } from './severityMapping';

export interface ParsedIncidents {
  readonly incidents: Incident[];
  /** One sentence per skipped alert or unusable payload; the rest still come through. */
  readonly errors: string[];
}

export interface AlertmanagerParseOptions {
  readonly severityMapping?: SeverityMapping;
}

/**
 * Never throws: garbage gives no incidents and one error, a bad alert is skipped with its
 * reason. Fields added after 0.25 (`mutedBy`) are read when present.
 */
export function parseAlertmanagerAlerts(json: unknown, sourceName: string, options: AlertmanagerParseOptions = {}): ParsedIncidents {
  const incidents: Incident[] = [];
  const errors: string[] = [];
  if (!Array.isArray(json)) {
    errors.push(`Alertmanager ${sourceName}: expected a list of alerts, got ${describeJsonType(json)}.`);
    return { incidents, errors };
  }
  // The same alert appears in several groups of /alerts/groups: one node, naming every group
  // it is in. A plain list never repeats a fingerprint, so it skips the bookkeeping.
  let seen: Map<string, IncidentDraft> | undefined;
  for (let i = 0; i < json.length; i++) {
    const item: unknown = json[i];
    if (isJsonObject(item) && Array.isArray(item.alerts) && !isJsonObject(item.status)) {
      seen ??= new Map(incidents.map((incident) => [incident.id, incident as IncidentDraft]));
      const group = readRouteGroup(item);
      const alerts = item.alerts as unknown[];
      for (let j = 0; j < alerts.length; j++) {
        const incident = readAlert(alerts[j], sourceName, options.severityMapping, `${i}.${j}`, errors);
        if (incident === undefined) continue;
        const known = seen.get(incident.id);
        if (known !== undefined) {
          if (group) known.routeGroups = [...(known.routeGroups ?? []), group];
          continue;
        }
        if (group) incident.routeGroups = [group];
        seen.set(incident.id, incident);
        incidents.push(incident);
      }
    } else {
      const incident = readAlert(item, sourceName, options.severityMapping, String(i), errors);
      if (incident !== undefined) incidents.push(incident);
    }
  }
  return { incidents: linkInhibitions(incidents), errors };
}

/** A group of `/api/v2/alerts/groups`: its receiver and the route's group_by label values. */
function readRouteGroup(item: JsonObject): RouteGroup | undefined {
  const receiver = readString(readObject(item.receiver)?.name);
  return receiver === undefined ? undefined : { receiver, labels: readStringMap(item.labels) };
}

function readAlert(item: unknown, sourceName: string, mapping: SeverityMapping | undefined, index: string, errors: string[]): IncidentDraft | undefined {
  if (!isJsonObject(item)) {
    errors.push(`Alertmanager ${sourceName}: alert ${index} skipped: ${describeJsonType(item)} instead of an alert.`);
    return undefined;
  }
  if (!isJsonObject(item.labels)) {
    errors.push(`Alertmanager ${sourceName}: alert ${index} skipped: it has no labels.`);
    return undefined;
  }
  const labels = readStringMap(item.labels);
  const annotations = readStringMap(item.annotations);
  const alertName = labels.alertname || undefined;
  const startedAt = readTimestamp(item.startsAt);
  if (startedAt === undefined) {
    errors.push(`Alertmanager ${sourceName}: alert ${alertName ?? index} skipped: no valid startsAt.`);
    return undefined;
  }
  // Every Alertmanager sends a fingerprint; a proxy that strips it still leaves the labels,
  // which identify the alert just as well.
  const sourceId = readString(item.fingerprint) || describeLabelSet(labels);
  const state = readObject(item.status);
  const silencedBy = readStringList(state?.silencedBy);
  const inhibitedBy = readStringList(state?.inhibitedBy);
  const id = formatIncidentId('alertmanager', sourceName, sourceId);
  const source = 'alertmanager';
  const title = annotations.summary || annotations.message || alertName || `Alert ${sourceId}`;
  const severity = mapSeverity(labels, mapping);
  const group = pickIncidentGroup(labels);
  const status = readAlertStatus(state, silencedBy, inhibitedBy);
  const url = readString(item.generatorURL) || undefined;
  const runbookUrl = annotations.runbook_url || annotations.runbook || undefined;
  // What a kube-prometheus alert has is one literal, its fields all inside the object: added one
  // by one they would go to a property array of their own, 40 bytes more per alert of a storm.
  const incident: IncidentDraft =
    alertName !== undefined && url !== undefined && runbookUrl !== undefined
      ? { id, source, sourceName, sourceId, title, severity, group, labels, annotations, startedAt, status, alertName, url, runbookUrl }
      : { id, source, sourceName, sourceId, title, severity, group, labels, annotations, startedAt, status };
  if (alertName !== undefined) incident.alertName = alertName;
  if (url !== undefined) incident.url = url;
  if (runbookUrl !== undefined) incident.runbookUrl = runbookUrl;
  if (silencedBy.length > 0) incident.silencedBy = silencedBy;
  if (inhibitedBy.length > 0) incident.inhibitedBy = inhibitedBy.map((fingerprint) => ({ sourceId: fingerprint }));
  return incident;
}

function readAlertStatus(state: JsonObject | undefined, silencedBy: readonly string[], inhibitedBy: readonly string[]): IncidentStatus {
  // `unprocessed` alerts are new ones not yet routed: they are firing as far as on-call cares.
  if (state === undefined || state.state !== 'suppressed') return 'firing';
  if (silencedBy.length > 0) return 'silenced';
  if (inhibitedBy.length > 0) return 'inhibited';
  if (readStringList(state.mutedBy).length > 0) return 'muted';
  return 'silenced';
}

function describeLabelSet(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`)
    .join(',');
}
