// What every live incident source shares, however it fetches (polling or watching): the
// current snapshot of incidents, the health, and the listeners of updates. A source hands in
// its whole current list; this diffs it against the snapshot and fires one update only when
// incidents or health changed, so an idle view never redraws.
// No 'vscode' import: the sources are unit-tested with plain mocha.

import type { Incident, IncidentSource } from '../../core/incidents/incidentModel';
import { diffSnapshots, type SnapshotDiff } from '../../core/incidents/snapshotDiff';
import { UpdateListeners, type Disposable, type LiveIncidentSource, type SourceHealth, type SourceUpdate } from './incidentSource';

export abstract class SnapshotSource implements LiveIncidentSource {
  abstract readonly kind: IncidentSource;
  readonly key: string;
  readonly name: string;

  private readonly listeners = new UpdateListeners();
  private snapshot: ReadonlyMap<string, Incident> = new Map();
  private currentHealth: SourceHealth = { state: 'connecting' };

  protected constructor(key: string, name: string) {
    this.key = key;
    this.name = name;
  }

  /**
   * The current incidents, listed anew on each read: an array kept next to the snapshot would
   * cost 8 bytes per alert of a storm for a list few ever read.
   */
  get incidents(): readonly Incident[] {
    return [...this.snapshot.values()];
  }

  get incidentsById(): ReadonlyMap<string, Incident> {
    return this.snapshot;
  }

  get health(): SourceHealth {
    return this.currentHealth;
  }

  onUpdate(listener: (update: SourceUpdate) => void): Disposable {
    return this.listeners.add(listener);
  }

  abstract start(): void;
  abstract refresh(): Promise<void>;
  abstract dispose(): void;

  /**
   * Takes the source's whole current list. Returns the diff when it changed anything; when it
   * did not, the snapshot stays as it was.
   */
  protected replaceIncidents(incidents: readonly Incident[]): SnapshotDiff | undefined {
    const diff = diffSnapshots(this.snapshot, incidents);
    if (diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0) return undefined;
    this.snapshot = diff.snapshot;
    return diff;
  }

  protected setHealth(health: SourceHealth): void {
    this.currentHealth = health;
  }

  /** One update, when the incidents (`diff`) or the health changed; nothing otherwise. */
  protected fireUpdate(diff: SnapshotDiff | undefined, healthChanged: boolean): void {
    if (diff !== undefined || healthChanged) this.listeners.fire({ source: this, ...(diff !== undefined ? { diff } : {}), healthChanged });
  }

  /** Disposed sources tell nobody anything. */
  protected dropListeners(): void {
    this.listeners.clear();
  }
}
