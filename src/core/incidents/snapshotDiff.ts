// Compares one poll with the previous one. Sources never report resolution (Alertmanager
// drops resolved alerts, kube signals just stop), so an id that disappears is a resolution.
// Incidents are compared field by field rather than through signature strings: with
// fresh objects on every poll a signature would be built twice per incident per poll, while a
// direct comparison allocates nothing and stops at the first difference.

import type { Incident } from './incidentModel';
import { createStringPool, type StringPool } from './stringPool';

export interface ChangedIncident {
  readonly previous: Incident;
  readonly next: Incident;
}

export interface SnapshotDiff {
  readonly added: Incident[];
  /** Resolved: present before, gone now. */
  readonly removed: Incident[];
  /** Same id, different status, severity, title, labels or annotations. */
  readonly changed: ChangedIncident[];
  readonly unchanged: number;
  /** The next poll's `previous`; a later duplicate id in `next` is ignored. */
  readonly snapshot: Map<string, Incident>;
}

/** Whether the tree must redraw it: times and urls are left out because they do not change once set. */
export function isSameIncidentState(a: Incident, b: Incident): boolean {
  return (
    a.status === b.status &&
    a.severity === b.severity &&
    a.title === b.title &&
    isSameStringMap(a.labels, b.labels) &&
    isSameStringMap(a.annotations, b.annotations) &&
    isSameList(a.silencedBy, b.silencedBy) &&
    isSameList(a.reportedBy, b.reportedBy) &&
    isSameReferences(a.inhibitedBy, b.inhibitedBy) &&
    isSameReferences(a.inhibits, b.inhibits) &&
    isSameRouteGroups(a.routeGroups, b.routeGroups)
  );
}

function isSameReferences(a: Incident['inhibitedBy'], b: Incident['inhibitedBy']): boolean {
  if (a === b) return true;
  if ((a?.length ?? 0) !== (b?.length ?? 0)) return false;
  return (a ?? []).every((reference, i) => reference.sourceId === b![i].sourceId && reference.name === b![i].name);
}

function isSameRouteGroups(a: Incident['routeGroups'], b: Incident['routeGroups']): boolean {
  if (a === b) return true;
  if ((a?.length ?? 0) !== (b?.length ?? 0)) return false;
  return (a ?? []).every((group, i) => group.receiver === b![i].receiver && isSameStringMap(group.labels, b![i].labels));
}

// Key order is ignored: a server reordering keys is not a change.
function isSameStringMap(a: Readonly<Record<string, string>>, b: Readonly<Record<string, string>>): boolean {
  if (a === b) return true;
  let count = 0;
  for (const key in a) {
    if (a[key] !== b[key]) return false;
    count++;
  }
  for (const key in b) if (--count < 0 || !(key in a)) return false;
  return count === 0;
}

function isSameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  if (a === b) return true;
  const left = a ?? [];
  const right = b ?? [];
  if (left.length !== right.length) return false;
  for (let i = 0; i < left.length; i++) if (left[i] !== right[i]) return false;
  return true;
}

export function diffSnapshots(previous: ReadonlyMap<string, Incident>, next: readonly Incident[]): SnapshotDiff {
  const snapshot = new Map<string, Incident>();
  const added: Incident[] = [];
  const changed: ChangedIncident[] = [];
  let unchanged = 0;
  // Only what the snapshot takes in is pooled: an unchanged poll pays nothing for it.
  let intern: StringPool | undefined;
  for (const incident of next) {
    if (snapshot.has(incident.id)) continue;
    const before = previous.get(incident.id);
    if (before === undefined) added.push(incident);
    else if (before === incident || isSameIncidentState(before, incident)) {
      // The object the views already hold stays: an unchanged poll leaves its parse to the
      // garbage collector instead of keeping a second copy of every incident alive. Keyed by
      // the kept object's own id, not the fresh one's: the key would otherwise keep this
      // poll's copy of every id string alive next to the one the object holds.
      snapshot.set(before.id, before);
      unchanged++;
      continue;
    } else changed.push({ previous: before, next: incident });
    intern ??= createStringPool();
    internIncidentStrings(incident, intern);
    snapshot.set(incident.id, incident);
  }
  const removed: Incident[] = [];
  if (snapshot.size - added.length !== previous.size) {
    for (const [id, incident] of previous) if (!snapshot.has(id)) removed.push(incident);
  }
  return { added, removed, changed, unchanged, snapshot };
}

/**
 * The incidents of every map by id, the first map winning a shared id. When only one map has
 * any (a storm comes from one source), it is that map itself: a second map of 100,000 entries
 * would cost megabytes and hold nothing new. The maps are never written to here.
 */
export function mergeIncidentMaps(maps: readonly ReadonlyMap<string, Incident>[]): ReadonlyMap<string, Incident> {
  const filled = maps.filter((map) => map.size > 0);
  if (filled.length === 1) return filled[0];
  const merged = new Map<string, Incident>();
  for (const map of filled) for (const [id, incident] of map) if (!merged.has(id)) merged.set(id, incident);
  return merged;
}

type MutableIncident = { -readonly [K in keyof Incident]: Incident[K] };

/**
 * Makes the incidents taken in by one diff share one copy of each equal string (see
 * stringPool). Values are swapped for equal strings, in place, so no reader can tell.
 */
function internIncidentStrings(incident: Incident, intern: StringPool): void {
  const target = incident as MutableIncident;
  if (Object.isFrozen(target)) return;
  target.title = intern(incident.title);
  target.group = intern(incident.group);
  target.startedAt = intern(incident.startedAt);
  if (incident.alertName !== undefined) target.alertName = intern(incident.alertName);
  if (incident.url !== undefined) target.url = intern(incident.url);
  if (incident.runbookUrl !== undefined) target.runbookUrl = intern(incident.runbookUrl);
  if (incident.silencedBy !== undefined && !Object.isFrozen(incident.silencedBy)) {
    const ids = incident.silencedBy as string[];
    for (let i = 0; i < ids.length; i++) ids[i] = intern(ids[i]);
  }
  internValues(incident.labels, intern);
  internValues(incident.annotations, intern);
}

function internValues(map: Readonly<Record<string, string>>, intern: StringPool): void {
  if (Object.isFrozen(map)) return;
  const target = map as Record<string, string>;
  for (const key in target) target[key] = intern(target[key]);
}
