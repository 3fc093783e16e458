import * as vscode from 'vscode';
import type { Incident } from '../../core/incidents/incidentModel';
import {
  indexRunbooksForMatching,
  rankRunbooks,
  type RankedRunbooks,
  type RunbookCandidate,
  type RunbookMatch,
  type RunbookMatchIndex,
} from '../../core/incidents/runbookMatching';
import type { RunbookIndex } from './runbookIndex';

/** Workspace state: lower-case alert name → uri of the runbook the user chose for it. */
const CHOICES_KEY = 'oncall.runbookChoices';

type Choices = Readonly<Record<string, string>>;

/** What Open Runbook should open: nothing matches, the user declined to choose, or a runbook. */
export type RunbookChoice = { readonly kind: 'none' } | { readonly kind: 'cancelled' } | { readonly kind: 'chosen'; readonly match: RunbookCandidate };

/**
 * Finds the runbook of an incident. The match index is built once from the runbook index and
 * dropped whenever that changes, so a storm of alerts does not rebuild it for every one. When
 * two team runbooks fit an alert equally, the user's choice is kept per alert name in the
 * workspace and used from then on, as long as that runbook still matches.
 */
export class IncidentRunbooks implements vscode.Disposable {
  private matchIndex: RunbookMatchIndex | undefined;
  private readonly subscription: vscode.Disposable;
  private asked = 0;

  constructor(
    private readonly index: RunbookIndex,
    private readonly workspaceState: vscode.Memento,
  ) {
    this.subscription = index.onDidChange(() => (this.matchIndex = undefined));
  }

  /** How many times a choice was asked for: lets a test know the pick is on screen. */
  get choicesAsked(): number {
    return this.asked;
  }

  /** The runbook that best matches the incident (the one chosen for its alert, if any), if any does. */
  async match(incident: Incident): Promise<RunbookMatch | undefined> {
    const ranked = await this.rank(incident);
    return this.rememberedFor(incident, ranked) ?? ranked.candidates[0];
  }

  /** Every runbook naming the incident's alert, best first, each saying why it matched. */
  async rank(incident: Incident): Promise<RankedRunbooks> {
    return rankRunbooks(incident, await this.currentIndex());
  }

  /**
   * The runbook to open: the one chosen before for this alert while it still matches, else the
   * best; when the best are tied, the one `ask` returns, remembered for next time.
   */
  async choose(incident: Incident, ask: (candidates: readonly RunbookCandidate[]) => Thenable<RunbookCandidate | undefined>): Promise<RunbookChoice> {
    const ranked = await this.rank(incident);
    const best = ranked.candidates[0];
    if (best === undefined) return { kind: 'none' };
    const remembered = this.rememberedFor(incident, ranked);
    if (remembered !== undefined) return { kind: 'chosen', match: remembered };
    if (!ranked.tied) return { kind: 'chosen', match: best };
    this.asked++;
    const picked = await ask(ranked.candidates);
    if (picked === undefined) return { kind: 'cancelled' };
    await this.remember(incident, picked.uri);
    return { kind: 'chosen', match: picked };
  }

  /**
   * The runbook chosen for the alert, when it is among the best for this incident: an incident
   * whose labels point at another runbook opens that one. A choice that no longer matches at
   * all is forgotten.
   */
  private rememberedFor(incident: Incident, ranked: RankedRunbooks): RunbookCandidate | undefined {
    const key = alertKey(incident);
    const uri = key === undefined ? undefined : this.choices()[key];
    if (key === undefined || uri === undefined) return undefined;
    const position = ranked.candidates.findIndex((candidate) => candidate.uri === uri);
    if (position < 0) void this.remember(incident, undefined);
    return position >= 0 && position < ranked.leaders ? ranked.candidates[position] : undefined;
  }

  private async remember(incident: Incident, uri: string | undefined): Promise<void> {
    const key = alertKey(incident);
    if (key === undefined) return;
    const { [key]: _previous, ...others } = this.choices();
    await this.workspaceState.update(CHOICES_KEY, uri === undefined ? others : { ...others, [key]: uri });
  }

  private choices(): Choices {
    const stored = this.workspaceState.get<unknown>(CHOICES_KEY);
    return typeof stored === 'object' && stored !== null && !Array.isArray(stored) ? (stored as Choices) : {};
  }

  private async currentIndex(): Promise<RunbookMatchIndex> {
    if (this.matchIndex) return this.matchIndex;
    await this.index.ensureLoaded();
    // The label is the path the user sees: workspace-relative (with the folder's name only in
    // a multi-root workspace), or `starter/<file>`.
    const files = this.index.all().map((entry) => ({ uri: entry.uri.toString(), runbook: entry.runbook, path: entry.label, starter: entry.starter }));
    this.matchIndex = indexRunbooksForMatching(files);
    return this.matchIndex;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}

/** Choices are kept per alert name, whatever its case. */
function alertKey(incident: Incident): string | undefined {
  const name = incident.alertName ?? incident.labels.alertname;
  return name ? name.toLowerCase() : undefined;
}
