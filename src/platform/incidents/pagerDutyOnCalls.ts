// Who is on call for a PagerDuty incident's escalation policy (`GET /oncalls` with
// `escalation_policy_ids[]` and `earliest=true`), for the Incidents view's rows and hovers.
// Asked for without waiting, like the response clocks: a policy not fetched yet has nothing to
// show, is fetched once however many incidents share it, and `onDidResolve` names the incidents
// to redraw. Kept per policy for a few minutes (on-call changes at shift boundaries, which the
// entry's end also bounds); a failure is kept for a shorter while as a note, never an error.
// No 'vscode' here (its event is a plain listener list), so it is tested with plain mocha.

import type { Incident } from '../../core/incidents/incidentModel';
import type { OnCallEntry, OnCallView } from '../../core/incidents/pagerDutyTeam';
import type { PagerDutyTeamActions } from './pagerDutyTeamActions';

/** How long who is on call is trusted: a shift change shows within this. */
export const ONCALL_TTL_MS = 5 * 60_000;
/** How long a failure is kept before the policy is asked again. */
const FAILURE_TTL_MS = 60_000;

interface Cached {
  readonly view: OnCallView;
  readonly expiresAt: number;
}

type Listener = (incidentIds: readonly string[]) => void;

export class PagerDutyOnCalls {
  private readonly cache = new Map<string, Cached>();
  /** Policies being fetched, with the incidents that asked meanwhile. */
  private readonly pending = new Map<string, Set<string>>();
  private readonly listeners = new Set<Listener>();
  /** The PagerDuty source the cache was filled from: settings that make a new one empty it. */
  private cachedFor: unknown;
  private disposed = false;

  /** Incidents whose on-call line is known or changed. */
  onDidResolve(listener: Listener): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  constructor(
    private readonly team: PagerDutyTeamActions,
    private readonly now: () => number = Date.now,
  ) {}

  /** The escalation policy's on-call, or undefined while it is fetched (or the incident has no policy). */
  onCallFor(incident: Incident): OnCallView | undefined {
    const policyId = incident.source === 'pagerduty' ? incident.labels.escalation_policy_id : undefined;
    if (!policyId) return undefined;
    const account = this.team.account();
    if (account !== this.cachedFor) {
      this.cache.clear();
      this.cachedFor = account;
    }
    const cached = this.cache.get(policyId);
    if (cached && cached.expiresAt > this.now()) return cached.view;
    this.fetch(policyId, incident.id);
    // The old answer stays on the row while the new one is fetched.
    return cached?.view;
  }

  private fetch(policyId: string, incidentId: string): void {
    const waiting = this.pending.get(policyId);
    if (waiting) {
      waiting.add(incidentId);
      return;
    }
    const asked = new Set([incidentId]);
    this.pending.set(policyId, asked);
    const account = this.cachedFor;
    void this.load(policyId).then((cached) => {
      this.pending.delete(policyId);
      if (this.disposed) return;
      // An answer from a source replaced meanwhile is not kept; the redraw asks the new one.
      if (account === this.cachedFor) this.cache.set(policyId, cached);
      for (const listener of [...this.listeners]) listener([...asked]);
    });
  }

  private async load(policyId: string): Promise<Cached> {
    try {
      const entries = await this.team.onCall(policyId);
      return { view: { entries }, expiresAt: this.expiry(entries) };
    } catch (error) {
      return { view: { problem: error instanceof Error ? error.message.replace(/\.$/, '') : String(error) }, expiresAt: this.now() + FAILURE_TTL_MS };
    }
  }

  /** The TTL, or the first shift end within it: the next person shows when the shift changes. */
  private expiry(entries: readonly OnCallEntry[]): number {
    const now = this.now();
    const ends = entries.map((entry) => (entry.until ? Date.parse(entry.until) : Number.NaN)).filter((ms) => ms > now);
    return Math.min(now + ONCALL_TTL_MS, ...ends);
  }

  /** Forgets what is cached: a reassignment or a new token is shown on the next draw. */
  clear(): void {
    this.cache.clear();
  }

  dispose(): void {
    this.disposed = true;
    this.listeners.clear();
  }
}
