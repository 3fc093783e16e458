import * as vscode from 'vscode';
import type { CommandId } from '../constants';
import type { JournalStore } from '../platform/execution/journalStore';
import type { StepExecutor } from '../platform/execution/stepExecutor';
import type { IncidentHub } from '../platform/incidents/incidentHub';
import type { Sessions } from '../platform/sessions/sessions';
import type { PagerDutyTimeline } from '../platform/sessions/pagerDutyTimeline';
import type { Silences } from '../platform/incidents/silences';
import type { StatusUpdates } from '../platform/statusUpdates/statusUpdates';
import type { SourceCredentials } from '../platform/incidents/sourceCredentials';
import type { KubeContextService } from '../platform/kube/kubeContextService';
import type { WorkloadEvidence } from '../platform/kube/workloadEvidence';
import type { Log } from '../platform/log';
import type { PostMortemWriter } from '../platform/postmortem/postMortemWriter';
import type { IncidentRunbooks } from '../platform/runbooks/incidentRunbooks';
import type { RunbookIndex } from '../platform/runbooks/runbookIndex';
import type { PromqlRunner } from '../platform/prometheus/promqlRunner';
import type { PromqlPanels } from '../views/promqlPanel';
import type { RunbooksTreeProvider } from '../views/runbooksTreeProvider';
import type { WalkthroughProgress } from '../views/walkthroughProgress';
import { reportFailures } from './commandFailures';

/** What commands work with: the extension's services, built once by services.ts. */
export interface CommandServices {
  readonly log: Log;
  readonly index: RunbookIndex;
  readonly runbookTree: RunbooksTreeProvider;
  readonly executor: StepExecutor;
  readonly journal: JournalStore;
  readonly kube: KubeContextService;
  readonly hub: IncidentHub;
  readonly silences: Silences;
  readonly credentials: SourceCredentials;
  readonly incidentRunbooks: IncidentRunbooks;
  readonly sessions: Sessions;
  /** PagerDuty team actions and the active incident's PagerDuty timeline. */
  readonly pagerDuty: PagerDutyTimeline;
  readonly postMortems: PostMortemWriter;
  readonly walkthrough: WalkthroughProgress;
  readonly workloadEvidence: WorkloadEvidence;
  readonly promql: PromqlRunner;
  readonly promqlPanels: PromqlPanels;
  readonly statusUpdates: StatusUpdates;
}

/**
 * One command: its id and what it does. Arguments arrive as the caller sent them (a tree
 * node, a CodeLens, another extension, nothing from the palette): read them with commandArgs.ts.
 */
export interface CommandEntry {
  readonly id: CommandId;
  readonly run: (services: CommandServices, ...args: unknown[]) => unknown;
}

/**
 * Registers a table of commands. Every command reports a failure the same way (one sentence
 * and Show Log), and what it returns reaches its caller.
 */
export function registerCommandTable(services: CommandServices, table: readonly CommandEntry[]): vscode.Disposable[] {
  return table.map(({ id, run }) => vscode.commands.registerCommand(id, (...args: unknown[]) => reportFailures(services.log, (async () => run(services, ...args))())));
}
