import { userInfo } from 'node:os';
import type * as vscode from 'vscode';
import type { Incident } from '../../core/incidents/incidentModel';
import type { Log } from '../log';
import { expireInCluster, silenceInCluster } from './alertmanagerClusters';
import type { AlertmanagerSource } from './alertmanagerSource';
import type { IncidentHub } from './incidentHub';
import type { Sessions } from '../sessions/sessions';

/** A silence this workspace created: only those are offered for expiry. */
export interface OwnSilence {
  /** The instance it was created on. */
  readonly instance: string;
  /** The HA cluster of that instance: the silence covers the cluster's merged alert. */
  readonly cluster?: string;
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
    const madeFor = (silence: OwnSilence) => (incident.cluster !== undefined ? silence.cluster === incident.cluster : silence.instance === incident.sourceName && silence.cluster === undefined);
    return this.own().filter((silence) => incident.silencedBy?.includes(silence.id) && madeFor(silence));
  }

  /** The silences made here while an incident was active that have not ended yet: Resolve offers to expire them. */
  madeDuring(sessionId: string): OwnSilence[] {
    return this.own().filter((silence) => silence.sessionId === sessionId);
  }

  withId(id: string): OwnSilence[] {
    return this.own().filter((silence) => silence.id === id);
  }

  /** The Alertmanager an incident can be silenced in (for a cluster, the first reachable instance); undefined for anything but its alerts. */
  sourceOf(incident: Incident): AlertmanagerSource | undefined {
    return this.hub.alertmanagersFor(incident)[0];
  }

  /**
   * Silences an alert in its Alertmanager, or once for its HA cluster (gossip copies it to the
   * peers); resolves to the silence id and its end.
   */
  async silence(incident: Incident, options: NewSilence): Promise<{ readonly id: string; readonly endsAt: string }> {
    const sources = this.hub.alertmanagersFor(incident);
    if (sources.length === 0) throw new Error(`${incident.title} is not an Alertmanager alert: only alerts can be silenced.`);
    const silence = { durationMs: options.durationMs, comment: options.comment, createdBy: userInfo().username || 'oncall' };
    const { id, instance } = incident.cluster === undefined ? { id: await sources[0].silence(incident, silence), instance: sources[0].name } : await silenceInCluster(sources, incident, silence);
    const endsAt = new Date(Date.now() + options.durationMs).toISOString();
    const sessionId = this.sessions.active?.id;
    const own: OwnSilence = { instance, ...(incident.cluster !== undefined ? { cluster: incident.cluster } : {}), id, endsAt, title: incident.title, ...(sessionId ? { sessionId } : {}) };
    await this.state.update(OWN_SILENCES_KEY, [...this.own(), own]);
    this.log.info(`Silenced ${incident.alertName ?? incident.title} on ${instance} until ${endsAt} (silence ${id}).`);
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
      const members = target.cluster === undefined ? [] : this.hub.clusterInstances(target.cluster);
      if (members.length > 0) {
        await expireInCluster(members, target.id, target.instance);
        continue;
      }
      const source = this.hub.alertmanager(target.instance);
      if (!source) throw new Error(`Alertmanager ${target.instance} is no longer configured, so its silence cannot be expired from here.`);
      await source.expireSilence(target.id);
    }
    const ids = new Set(targets.map((target) => target.id));
    await this.state.update(OWN_SILENCES_KEY, this.own().filter((silence) => !ids.has(silence.id)));
  }
}
