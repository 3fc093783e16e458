import { userInfo } from 'node:os';
import type * as vscode from 'vscode';
import type { Incident } from '../../core/incidents/incidentModel';
import type { Log } from '../log';
import type { AlertmanagerSource } from './alertmanagerSource';
import type { IncidentHub } from './incidentHub';
import type { Sessions } from '../sessions/sessions';

/** A silence this workspace created: only those are offered for expiry. */
export interface OwnSilence {
  readonly instance: string;
  readonly id: string;
  readonly endsAt: string;
  readonly title: string;
  /** The incident (session) active when it was made, if one was. */
  readonly sessionId?: string;
}

export interface NewSilence {
  readonly durationMs: number;
  readonly comment: string;
}

const OWN_SILENCES_KEY = 'oncall.incidents.ownSilences';

/**
 * Silences made from this workspace: created and expired in Alertmanager, remembered in the
 * editor's global state (only silences made here are offered for expiry), and recorded in
 * the active incident session's timeline.
 */
export class Silences {
  constructor(
    private readonly state: vscode.Memento,
    private readonly hub: IncidentHub,
    private readonly sessions: Sessions,
    private readonly log: Log,
  ) {}

  /** The silences this workspace created that have not ended yet. */
  own(): OwnSilence[] {
    const now = Date.now();
    return this.state.get<OwnSilence[]>(OWN_SILENCES_KEY, []).filter((silence) => Date.parse(silence.endsAt) > now);
  }

  ownIds(): ReadonlySet<string> {
    return new Set(this.own().map((silence) => silence.id));
  }

  /** The own silences that cover an incident. */
  covering(incident: Incident): OwnSilence[] {
    return this.own().filter((silence) => incident.silencedBy?.includes(silence.id) && silence.instance === incident.sourceName);
  }

  /** The silences made here while an incident was active that have not ended yet: Resolve offers to expire them. */
  madeDuring(sessionId: string): OwnSilence[] {
    return this.own().filter((silence) => silence.sessionId === sessionId);
  }

  withId(id: string): OwnSilence[] {
    return this.own().filter((silence) => silence.id === id);
  }

  /** The Alertmanager an incident can be silenced in; undefined for anything but its alerts. */
  sourceOf(incident: Incident): AlertmanagerSource | undefined {
    return incident.source === 'alertmanager' ? this.hub.alertmanager(incident.sourceName) : undefined;
  }

  /** Silences an alert in its Alertmanager; resolves to the silence id and its end. */
  async silence(incident: Incident, options: NewSilence): Promise<{ readonly id: string; readonly endsAt: string }> {
    const source = this.sourceOf(incident);
    if (!source) throw new Error(`${incident.title} is not an Alertmanager alert: only alerts can be silenced.`);
    const createdBy = userInfo().username || 'oncall';
    const id = await source.silence(incident, { durationMs: options.durationMs, comment: options.comment, createdBy });
    const endsAt = new Date(Date.now() + options.durationMs).toISOString();
    const sessionId = this.sessions.active?.id;
    await this.state.update(OWN_SILENCES_KEY, [...this.own(), { instance: incident.sourceName, id, endsAt, title: incident.title, ...(sessionId ? { sessionId } : {}) }]);
    this.log.info(`Silenced ${incident.alertName ?? incident.title} on ${incident.sourceName} until ${endsAt} (silence ${id}).`);
    await this.recordSilenceInTimeline(incident, id, endsAt, options.comment);
    return { id, endsAt };
  }

  /** The one place a silence made here becomes an `alert-silenced` timeline event. */
  private async recordSilenceInTimeline(incident: Incident, silenceId: string, until: string, comment: string): Promise<void> {
    await this.sessions.record({ type: 'alert-silenced', at: new Date().toISOString(), incidentId: incident.id, title: incident.title, silenceId, until, comment });
  }

  /** Expires silences in their Alertmanagers, then forgets them. */
  async expire(targets: readonly OwnSilence[]): Promise<void> {
    for (const target of targets) {
      const source = this.hub.alertmanager(target.instance);
      if (!source) throw new Error(`Alertmanager ${target.instance} is no longer configured, so its silence cannot be expired from here.`);
      await source.expireSilence(target.id);
    }
    const ids = new Set(targets.map((target) => target.id));
    await this.state.update(OWN_SILENCES_KEY, this.own().filter((silence) => !ids.has(silence.id)));
  }
}
