// The contract between an incident source (Alertmanager, Kubernetes, PagerDuty) and the
// Incidents view. Sources do their own I/O, parse with src/core/incidents, diff against their
// previous snapshot and report only changes. No 'vscode' import: sources are tested with
// plain mocha against real servers and fixtures, and the view glue adapts them.

import type { Incident, IncidentSource } from '../../core/incidents/incidentModel';
import type { SnapshotDiff } from '../../core/incidents/snapshotDiff';

/** What the error node offers as its one action. */
export type SourceAction = 'retry' | 'openSettings' | 'setCredentials';

export type SourceHealth =
  | { readonly state: 'connecting' }
  | { readonly state: 'ok'; readonly updatedAt: number; readonly note?: string }
  | {
      readonly state: 'error';
      /** One sentence a user can act on; details go to the log. */
      readonly message: string;
      readonly action: SourceAction;
      /** Epoch ms of the first failure in this run of failures. */
      readonly since: number;
      /** Epoch ms of the next automatic attempt, when one is scheduled. */
      readonly retryAt?: number;
    };

export interface SourceUpdate {
  readonly source: LiveIncidentSource;
  /** Present when the incidents changed; absent when only health changed. */
  readonly diff?: SnapshotDiff;
  readonly healthChanged: boolean;
}

export interface Disposable {
  dispose(): void;
}

/** The subset of vscode.SecretStorage the sources read (structurally compatible). */
export interface SecretReader {
  get(key: string): PromiseLike<string | undefined>;
}

/** The subset of the output channel the sources write to. */
export interface SourceLog {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface LiveIncidentSource extends Disposable {
  /** `<kind>/<name>`: stable, used for tree ids and secret keys. */
  readonly key: string;
  readonly kind: IncidentSource;
  /** The configured instance name (Alertmanager name, kube context, PagerDuty account). */
  readonly name: string;
  /** Current incidents, after the last successful fetch. Kept (not cleared) while failing. */
  readonly incidents: readonly Incident[];
  /** The same incidents by id (read only: it is the source's own snapshot). */
  readonly incidentsById: ReadonlyMap<string, Incident>;
  readonly health: SourceHealth;
  /** Starts polling or watching. Idempotent. */
  start(): void;
  /** Cancels any pending wait (including backoff) and fetches now. */
  refresh(): Promise<void>;
  /**
   * Called after every change of incidents or health. An unchanged poll calls nothing, so
   * an idle view never redraws.
   */
  onUpdate(listener: (update: SourceUpdate) => void): Disposable;
}

/** Keys in SecretStorage. Settings only ever hold names and URLs. */
export const SecretKeys = {
  alertmanagerPassword: (name: string) => `oncall.alertmanager.${name}.password`,
  alertmanagerToken: (name: string) => `oncall.alertmanager.${name}.token`,
  pagerDutyToken: 'oncall.pagerduty.token',
  pagerDutyFrom: 'oncall.pagerduty.from',
  prometheusPassword: (name: string) => `oncall.prometheus.${name}.password`,
  prometheusToken: (name: string) => `oncall.prometheus.${name}.token`,
} as const;

/** A tiny listener list, so sources need no 'vscode' EventEmitter. */
export class UpdateListeners {
  private readonly listeners = new Set<(update: SourceUpdate) => void>();

  add(listener: (update: SourceUpdate) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  fire(update: SourceUpdate): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(update);
      } catch {
        // One broken listener must not stop the others or the source.
      }
    }
  }

  clear(): void {
    this.listeners.clear();
  }
}
