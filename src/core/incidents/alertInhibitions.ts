// Alertmanager reports inhibition one way only: a muted alert's `status.inhibitedBy` lists the
// fingerprints of the alerts that mute it. On-call wants both ends named: "muted by
// KubeNodeNotReady" on the muted alert, and on the inhibiting alert the alerts it mutes. This
// pass resolves the fingerprints against the alerts of one Alertmanager (or one merged cluster).

import type { AlertReference, Incident, IncidentDraft } from './incidentModel';

/**
 * Returns the list with `inhibitedBy` named and `inhibits` filled in. Incidents that take part
 * in no inhibition are returned as they are (the same objects), so a poll without inhibitions
 * allocates nothing here; an `inhibits` left from an earlier pass is recomputed.
 */
export function linkInhibitions(incidents: readonly Incident[]): Incident[] {
  let anyInhibited = false;
  for (const incident of incidents) {
    if (incident.inhibitedBy !== undefined || incident.inhibits !== undefined) {
      anyInhibited = true;
      break;
    }
  }
  if (!anyInhibited) return incidents as Incident[];
  const byFingerprint = new Map<string, Incident>();
  for (const incident of incidents) if (!byFingerprint.has(incident.sourceId)) byFingerprint.set(incident.sourceId, incident);
  const mutes = new Map<string, AlertReference[]>();
  const named = new Map<Incident, AlertReference[]>();
  for (const incident of incidents) {
    if (incident.inhibitedBy === undefined) continue;
    const references = incident.inhibitedBy.map((reference): AlertReference => {
      const inhibitor = byFingerprint.get(reference.sourceId);
      return inhibitor ? { sourceId: reference.sourceId, name: nameOf(inhibitor) } : { sourceId: reference.sourceId };
    });
    named.set(incident, references);
    for (const reference of references) {
      if (!byFingerprint.has(reference.sourceId)) continue;
      let list = mutes.get(reference.sourceId);
      if (list === undefined) mutes.set(reference.sourceId, (list = []));
      if (!list.some((muted) => muted.sourceId === incident.sourceId)) list.push({ sourceId: incident.sourceId, name: nameOf(incident) });
    }
  }
  return incidents.map((incident) => {
    const inhibitedBy = named.get(incident);
    const inhibits = mutes.get(incident.sourceId);
    if (inhibitedBy === undefined && inhibits === undefined && incident.inhibits === undefined) return incident;
    const linked: IncidentDraft = { ...incident };
    if (inhibitedBy) linked.inhibitedBy = inhibitedBy;
    if (inhibits) linked.inhibits = inhibits;
    else delete linked.inhibits;
    return linked;
  });
}

function nameOf(incident: Incident): string {
  return incident.alertName ?? incident.title;
}
