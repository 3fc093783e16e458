import * as vscode from 'vscode';
import type { Incident } from '../../core/incidents/incidentModel';
import { resolveResponseTime, type ResponseTime, type RunbookSeverities } from '../../core/incidents/responseTimes';
import type { RunbookMatch } from '../../core/incidents/runbookMatching';
import { config } from '../config';
import type { Log } from '../log';
import type { RunbookIndex } from '../runbooks/runbookIndex';
import type { HubUpdate } from './incidentHub';

/** Incidents matched per turn of the event loop: a storm of alerts never holds the extension host for long. */
const MATCHES_PER_TURN = 100;

/** What finds an incident's runbook (IncidentRunbooks). */
export interface RunbookMatcher {
  match(incident: Incident): Promise<RunbookMatch | undefined>;
}

/** Where the incidents come from and say what changed (IncidentHub). */
export interface IncidentFeed {
  find(id: string): Incident | undefined;
  readonly onDidUpdate: vscode.Event<HubUpdate>;
}

interface Entry {
  /** The matched runbook's severity definitions; undefined when no runbook matched. */
  readonly runbook: RunbookSeverities | undefined;
  /** Matched against an older runbook index or an older state of the incident: being matched again. */
  stale: boolean;
}

/**
 * The response time of each incident, from the runbook matched to it (then the setting, then
 * the defaults). Matching is asynchronous (the first one waits for the runbook scan), so a
 * clock is asked for without waiting: an incident not matched yet has none, is queued, and
 * `onDidResolve` names it once it has one. Matches are cached per incident; when the runbook
 * index changes (or the incident does) they are matched again, and the old clock is shown
 * meanwhile rather than a gap on every keystroke in a runbook.
 */
export class IncidentClocks implements vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly queue = new Set<string>();
  private readonly resolved = new vscode.EventEmitter<readonly string[]>();
  private readonly disposables: vscode.Disposable[] = [this.resolved];
  /** Counts runbook index changes: a match begun before the latest change is done again. */
  private generation = 0;
  private working = false;
  private disposed = false;

  /** Incidents whose clock was found or changed. */
  readonly onDidResolve = this.resolved.event;

  constructor(
    private readonly matcher: RunbookMatcher,
    private readonly index: RunbookIndex,
    private readonly incidents: IncidentFeed,
    private readonly log: Log,
  ) {
    this.disposables.push(
      index.onDidChange(() => {
        this.generation++;
        this.restale(this.entries.keys());
      }),
      incidents.onDidUpdate((update) => this.forget(update)),
    );
  }

  /** The incident's response time, or undefined while its runbook is still being matched. */
  responseTime(incident: Incident): ResponseTime | undefined {
    const entry = this.entries.get(incident.id);
    if (entry === undefined || entry.stale) this.enqueue([incident.id]);
    return entry && resolveResponseTime(incident.severity, entry.runbook, config.responseTimes());
  }

  private forget(update: HubUpdate): void {
    for (const diff of update.diffs) {
      for (const gone of diff.removed) {
        this.entries.delete(gone.id);
        this.queue.delete(gone.id);
      }
      // Labels and the alert name decide the match: a changed incident is matched again.
      this.restale(diff.changed.map(({ next }) => next.id));
    }
  }

  private restale(ids: Iterable<string>): void {
    const again: string[] = [];
    for (const id of ids) {
      const entry = this.entries.get(id);
      if (entry === undefined) continue;
      entry.stale = true;
      again.push(id);
    }
    this.enqueue(again);
  }

  private enqueue(ids: readonly string[]): void {
    if (ids.length === 0) return;
    for (const id of ids) this.queue.add(id);
    if (!this.working) void this.work();
  }

  private async work(): Promise<void> {
    this.working = true;
    try {
      while (this.queue.size > 0 && !this.disposed) {
        // Yield first: the tree row that asked is drawn before any matching starts.
        await new Promise((resolve) => setImmediate(resolve));
        const batch = [...this.queue].slice(0, MATCHES_PER_TURN);
        for (const id of batch) this.queue.delete(id);
        const changed: string[] = [];
        for (const id of batch) if (await this.matchOne(id)) changed.push(id);
        if (changed.length > 0 && !this.disposed) this.resolved.fire(changed);
      }
    } finally {
      this.working = false;
    }
  }

  /** Matches one incident; true when its clock's runbook changed (or it had none yet). */
  private async matchOne(id: string): Promise<boolean> {
    const incident = this.incidents.find(id);
    if (incident === undefined) {
      this.entries.delete(id);
      return false;
    }
    const generation = this.generation;
    const runbook = await this.severitiesOf(incident);
    const before = this.entries.get(id);
    const stale = generation !== this.generation;
    this.entries.set(id, { runbook, stale });
    if (stale) this.queue.add(id);
    return before === undefined || JSON.stringify(before.runbook) !== JSON.stringify(runbook);
  }

  private async severitiesOf(incident: Incident): Promise<RunbookSeverities | undefined> {
    try {
      const match = await this.matcher.match(incident);
      const entry = match && this.index.get(vscode.Uri.parse(match.uri));
      return entry && { label: entry.label, severities: entry.runbook.severities };
    } catch (error) {
      // One unreadable runbook set must not stop every clock: this incident takes the setting or the default.
      this.log.warn(`Could not match a runbook to ${incident.id} for its response time: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  dispose(): void {
    this.disposed = true;
    this.queue.clear();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
