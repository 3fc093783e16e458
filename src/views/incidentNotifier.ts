import * as vscode from 'vscode';
import { Commands, Views } from '../constants';
import { isSuppressed } from '../core/incidents/incidentPresentation';
import { describeProblemNotice } from '../core/incidents/problemPresentation';
import { problemPart, type Problem } from '../core/incidents/problems';
import { isUrgentSeverity } from '../core/shared/severity';
import { executeCommand, focusView } from '../platform/commands';
import { config } from '../platform/config';
import type { IncidentHub } from '../platform/incidents/incidentHub';

/** More new P0/P1 incidents than this in one update get one summary instead of a wall of toasts. */
const MAX_SEPARATE_NOTIFICATIONS = 3;

/**
 * A notification for each new P0/P1 problem, with "Open Runbook" (`oncall.incidents.notify`):
 * an alert and the cluster's own signals about one crash loop are one notification, raised by
 * the first urgent part to arrive.
 */
export class IncidentNotifier implements vscode.Disposable {
  private readonly subscription: vscode.Disposable;
  /**
   * Incidents already announced, each part of a problem announced: a source that reconnects
   * re-reports its incidents as new, and a part joining a problem already announced is news
   * to nobody.
   */
  private readonly announced = new Set<string>();
  /** Notifications shown, for tests: the text of each. */
  readonly shown: string[] = [];

  constructor(hub: IncidentHub) {
    this.subscription = hub.onDidUpdate((update) => {
      const fold = hub.incidentProblems;
      const fresh = new Map<string, Problem>();
      for (const diff of update.diffs) {
        for (const incident of diff.removed) this.announced.delete(incident.id);
        for (const incident of diff.added) {
          const problem = fold.problemOf(incident.id);
          if (problem === undefined || this.announced.has(incident.id)) continue;
          if (problem.parts.some((part) => this.announced.has(part.id))) this.announced.add(incident.id);
          else if (isUrgentSeverity(incident.severity) && !isSuppressed(incident)) fresh.set(problem.key, problem);
        }
      }
      if (fresh.size === 0) return;
      for (const problem of fresh.values()) for (const part of problem.parts) this.announced.add(part.id);
      if (!config.notifyIncidents()) return;
      const problems = [...fresh.values()];
      if (problems.length > MAX_SEPARATE_NOTIFICATIONS) {
        this.show(`${problems.length} new P0/P1 incidents, the first: ${describeProblemNotice(problems[0])}`, ['Show Incidents'], () => focusView(Views.incidents));
        return;
      }
      for (const problem of problems) {
        const runbookPart = problemPart(problem, 'primary')!;
        this.show(describeProblemNotice(problem), ['Open Runbook', 'Show Incidents'], (answer) =>
          answer === 'Open Runbook' ? executeCommand(Commands.openIncidentRunbook, { id: runbookPart.id }) : focusView(Views.incidents),
        );
      }
    });
  }

  private show(message: string, actions: string[], onAnswer: (answer: string) => Thenable<unknown>): void {
    this.shown.push(message);
    void vscode.window.showWarningMessage(message, ...actions).then((answer) => (answer ? onAnswer(answer) : undefined));
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
