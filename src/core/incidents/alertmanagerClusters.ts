// Alertmanagers of one HA cluster each report the same alerts (Prometheus sends every alert to
// every instance, and the instances gossip silences and notifications). Their fingerprints are
// hashes of the label set, so peers agree on them: the alerts of a cluster are merged by
// fingerprint into one incident that names every instance reporting it.

import { linkInhibitions } from './alertInhibitions';
import { formatClusterIncidentId, type AlertReference, type Incident, type IncidentDraft, type IncidentStatus, type RouteGroup } from './incidentModel';

/** What one instance of the cluster reports now. */
export interface ClusterMemberAlerts {
  readonly instance: string;
  readonly incidents: readonly Incident[];
  /** Its last poll succeeded. The alerts of an instance that is down are its last known ones. */
  readonly reachable: boolean;
}

/**
 * Peers disagree for a moment while gossip catches up: a new alert reaches one instance first,
 * a new or expired silence reaches the others within a gossip interval, and each instance
 * evaluates inhibition against the alerts it has. The merged incident takes the most urgent
 * state any instance reports (firing before silenced, inhibited, muted): an instance that still
 * sees the alert active may still notify for it, so showing it quiet would hide a page that
 * can still go out. Silences made from the editor wait for the peers to have them before the
 * cluster is polled again (see the cluster writes), so the row turns quiet at once.
 */
const STATUS_PRECEDENCE: readonly IncidentStatus[] = ['firing', 'silenced', 'inhibited', 'muted'];

/**
 * One incident per fingerprint over the instances of `cluster`, in the order the instances are
 * given (configuration order). Only reachable instances count: one that is down keeps showing
 * alerts that may have resolved since, so it must neither keep them alive nor hide what the
 * others report. When none is reachable, the last known alerts of all of them are shown, as a
 * single unreachable instance would show its own.
 */
export function mergeClusterAlerts(cluster: string, members: readonly ClusterMemberAlerts[]): Incident[] {
  const reachable = members.filter((member) => member.reachable);
  const counted = reachable.length > 0 ? reachable : members;
  const reports = new Map<string, { instance: string; incident: Incident }[]>();
  for (const member of counted) {
    for (const incident of member.incidents) {
      const list = reports.get(incident.sourceId);
      if (list === undefined) reports.set(incident.sourceId, [{ instance: member.instance, incident }]);
      else if (!list.some((report) => report.instance === member.instance)) list.push({ instance: member.instance, incident });
    }
  }
  const merged: Incident[] = [];
  for (const [sourceId, list] of reports) merged.push(mergeReports(cluster, sourceId, list));
  return linkInhibitions(merged);
}

function mergeReports(cluster: string, sourceId: string, reports: readonly { instance: string; incident: Incident }[]): Incident {
  const incidents = reports.map((report) => report.incident);
  const first = incidents[0];
  const merged: IncidentDraft = {
    ...first,
    id: formatClusterIncidentId(cluster, sourceId),
    sourceName: cluster,
    cluster,
    reportedBy: reports.map((report) => report.instance),
    status: mergeStatus(incidents),
    startedAt: earliestStart(incidents),
  };
  delete merged.inhibits;
  assignUnion(merged, 'silencedBy', incidents.flatMap((incident) => incident.silencedBy ?? []), (id) => id);
  assignUnion(merged, 'inhibitedBy', incidents.flatMap((incident) => incident.inhibitedBy ?? []), (reference: AlertReference) => reference.sourceId);
  assignUnion(merged, 'routeGroups', incidents.flatMap((incident) => incident.routeGroups ?? []), describeRouteGroupKey);
  return merged;
}

function mergeStatus(incidents: readonly Incident[]): IncidentStatus {
  let best = STATUS_PRECEDENCE.length;
  for (const incident of incidents) {
    const rank = STATUS_PRECEDENCE.indexOf(incident.status);
    if (rank >= 0 && rank < best) best = rank;
  }
  return best < STATUS_PRECEDENCE.length ? STATUS_PRECEDENCE[best] : incidents[0].status;
}

/** Peers receive an alert from the same Prometheus, so the starts agree; a late peer's is later. */
function earliestStart(incidents: readonly Incident[]): string {
  let earliest = '';
  for (const incident of incidents) if (incident.startedAt !== '' && (earliest === '' || incident.startedAt < earliest)) earliest = incident.startedAt;
  return earliest;
}

function assignUnion<K extends 'silencedBy' | 'inhibitedBy' | 'routeGroups'>(
  target: IncidentDraft,
  key: K,
  values: NonNullable<Incident[K]>[number][],
  keyOf: (value: NonNullable<Incident[K]>[number]) => string,
): void {
  const seen = new Set<string>();
  const union = values.filter((value) => {
    const id = keyOf(value);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  if (union.length > 0) (target as Record<K, unknown>)[key] = union;
  else delete target[key];
}

function describeRouteGroupKey(group: RouteGroup): string {
  return JSON.stringify([group.receiver, Object.entries(group.labels).sort()]);
}
