import * as vscode from 'vscode';
import type { Incident } from '../../core/incidents/incidentModel';
import { indexRunbooksForMatching, matchRunbook, type RunbookMatch, type RunbookMatchIndex } from '../../core/incidents/runbookMatching';
import type { RunbookIndex } from './runbookIndex';

/**
 * Finds the runbook of an incident. The match index is built once from the runbook index and
 * dropped whenever that changes, so a storm of alerts does not rebuild it for every one.
 */
export class IncidentRunbooks implements vscode.Disposable {
  private matchIndex: RunbookMatchIndex | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly index: RunbookIndex) {
    this.subscription = index.onDidChange(() => (this.matchIndex = undefined));
  }

  /** The runbook that best matches the incident, if any does. */
  async match(incident: Incident): Promise<RunbookMatch | undefined> {
    return matchRunbook(incident, await this.currentIndex());
  }

  private async currentIndex(): Promise<RunbookMatchIndex> {
    if (this.matchIndex) return this.matchIndex;
    await this.index.ensureLoaded();
    const files = this.index.all().map((entry) => ({
      uri: entry.uri.toString(),
      runbook: entry.runbook,
      path: entry.starter ? entry.label : vscode.workspace.asRelativePath(entry.uri, true),
      starter: entry.starter,
    }));
    this.matchIndex = indexRunbooksForMatching(files);
    return this.matchIndex;
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
