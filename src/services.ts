import { join } from 'node:path';
import * as vscode from 'vscode';
import { ContextKeys, Views, WORKLOAD_SCHEME } from './constants';
import { registerCommandTable, type CommandServices } from './commands/commandTable';
import { evidenceCommands } from './commands/evidenceCommands';
import { extensionCommands } from './commands/extensionCommands';
import { incidentHistoryCommands } from './commands/incidentHistoryCommands';
import { incidentCommands } from './commands/incidentCommands';
import { kubeCommands } from './commands/kubeCommands';
import { runbookCommands } from './commands/runbookCommands';
import { sessionCommands, syncSessionContext } from './commands/sessionCommands';
import { stepOutputCommands } from './commands/stepOutputCommands';
import { sourceCommands } from './commands/sourceCommands';
import { statusUpdateCommands } from './commands/statusUpdateCommands';
import { StatusUpdates } from './platform/statusUpdates/statusUpdates';
import { workloadCommands } from './commands/workloadCommands';
import { promqlCommands } from './commands/promqlCommands';
import { pagerDutyCommands } from './commands/pagerDutyCommands';
import { PagerDutyOnCalls } from './platform/incidents/pagerDutyOnCalls';
import { PagerDutyTeamActions } from './platform/incidents/pagerDutyTeamActions';
import { PagerDutyTimeline } from './platform/sessions/pagerDutyTimeline';
import { PromqlRunner } from './platform/prometheus/promqlRunner';
import { PromqlPanels } from './views/promqlPanel';
import { setContext } from './platform/commands';
import { config } from './platform/config';
import { ChecklistTracker } from './platform/sessions/checklistTracker';
import { IncidentClocks } from './platform/incidents/incidentClocks';
import { IncidentHub } from './platform/incidents/incidentHub';
import { Sessions } from './platform/sessions/sessions';
import { SessionStore } from './platform/sessions/sessionStore';
import { Silences } from './platform/incidents/silences';
import { SourceCredentials } from './platform/incidents/sourceCredentials';
import { JournalStore } from './platform/execution/journalStore';
import { IncidentHistoryDocuments } from './views/incidentHistoryDocument';
import { JournalDocumentProvider } from './views/journalDocument';
import { StepExecutor } from './platform/execution/stepExecutor';
import { KubeContextService } from './platform/kube/kubeContextService';
import { Log } from './platform/log';
import { PostMortemWriter } from './platform/postmortem/postMortemWriter';
import { IncidentRunbooks } from './platform/runbooks/incidentRunbooks';
import { RunbookIndex } from './platform/runbooks/runbookIndex';
import { StepTerminals } from './platform/terminals/stepTerminals';
import { StepOutputs } from './platform/execution/stepOutputs';
import { incidentOutputScopes } from './platform/sessions/outputBudgetScopes';
import { StepOutputDocuments } from './views/stepOutputDocuments';
import { IncidentNotifier } from './views/incidentNotifier';
import { IncidentsStatusBar } from './views/incidentsStatusBar';
import { IncidentsTreeProvider } from './views/incidentsTreeProvider';
import { KubeStatusBar } from './views/kubeStatusBar';
import { SessionStatusBar } from './views/sessionStatusBar';
import { WalkthroughProgress } from './views/walkthroughProgress';
import { SessionsTreeProvider } from './views/sessionsTreeProvider';
import { RunbookCodeLensProvider } from './views/runbookCodeLensProvider';
import { RunbookDiagnostics } from './views/runbookDiagnostics';
import { RunbooksTreeProvider } from './views/runbooksTreeProvider';
import { WorkloadEvidence } from './platform/kube/workloadEvidence';
import { WorkloadDocuments } from './views/workloadDocuments';

/** The extension's services: read by the integration tests and by other extensions. */
export interface OnCallApi {
  /** The runbook index, for tests and integrations. */
  readonly runbooks: RunbookIndex;
  /** The Runbooks view's data, as the view sees it. */
  readonly runbookTree: RunbooksTreeProvider;
  /** The kube context steps run in. */
  readonly kube: KubeContextService;
  /** The execution journal. */
  readonly journal: JournalStore;
  /** The live incident sources. */
  readonly incidents: IncidentHub;
  /** The Incidents view's data, as the view sees it. */
  readonly incidentTree: IncidentsTreeProvider;
  /** New P0/P1 notifications shown so far. */
  readonly notifier: IncidentNotifier;
  /** Incident sessions and their timelines. */
  readonly sessions: Sessions;
  /** The Incident Sessions view's data. */
  readonly sessionTree: SessionsTreeProvider;
  /** The runbook each incident opens, and the choices remembered for ties. */
  readonly incidentRunbooks: IncidentRunbooks;
  /** Status updates of the active incident: when the next is due, and posting one to Slack. */
  readonly statusUpdates: StatusUpdates;
  /** The folder of the extension's log file (tests read it to prove what was never logged). */
  readonly logUri: vscode.Uri;
}

/**
 * The composition root, run by extension.ts right after activation (the entry point of
 * dist/services.js): builds services, registers views and commands, and returns. Nothing
 * here reads files, talks to a server or loads the Kubernetes client: the runbook index scans
 * when the Runbooks view first asks for its children, and diagnostics for already-open
 * editors are computed on the next tick.
 */
export function startServices(context: vscode.ExtensionContext, activationMs: number): OnCallApi {
  const started = performance.now();
  const log = new Log();
  config.onIgnoredWorkspaceValue((sentence) => log.warn(sentence));
  const kube = new KubeContextService(context.workspaceState, log);
  // Per workspace when a folder is open; the journal and pin files are the extension's own files.
  const storage = (context.storageUri ?? context.globalStorageUri).fsPath;
  const journal = new JournalStore(storage, log);
  const terminals = new StepTerminals(log, context.globalStorageUri);
  const outputs = new StepOutputs(journal, log);
  const executor = new StepExecutor(kube, terminals, journal, `${context.globalStorageUri.fsPath}/pins`, log, outputs);
  context.subscriptions.push(log, terminals, executor, kube, new KubeStatusBar(kube), JournalDocumentProvider.register(journal), StepOutputDocuments.register(journal, log));
  const runbooks = startRunbookServices(context, log);
  const incidents = startIncidentServices(context, { log, index: runbooks.index, kube, journal, storage });
  const walkthrough = new WalkthroughProgress(runbooks.index, kube, context.secrets, journal, log);
  context.subscriptions.push(walkthrough);
  const { hub, sessions } = incidents;
  outputs.useScopes(incidentOutputScopes(sessions, journal));
  const credentials = new SourceCredentials(context.secrets, hub.credentials);
  const promqlPanels = new PromqlPanels();
  context.subscriptions.push(promqlPanels);
  const statusUpdates = new StatusUpdates(context.secrets, hub.credentials, sessions, log);
  context.subscriptions.push(statusUpdates, new SessionStatusBar(sessions, statusUpdates));
  const commandServices: CommandServices = {
    log,
    index: runbooks.index,
    runbookTree: runbooks.runbookTree,
    executor,
    journal,
    kube,
    hub,
    sessions,
    pagerDuty: incidents.pagerDuty,
    silences: incidents.silences,
    credentials,
    incidentRunbooks: incidents.incidentRunbooks,
    postMortems: new PostMortemWriter(runbooks.index, log, journal),
    walkthrough,
    workloadEvidence: new WorkloadEvidence(WORKLOAD_SCHEME, kube, log),

    promql: new PromqlRunner(context.secrets, hub.credentials, credentials, hub, sessions, context.globalState, log),
    promqlPanels,
    statusUpdates,
  };
  context.subscriptions.push(commandServices.workloadEvidence, WorkloadDocuments.register(commandServices.workloadEvidence));
  context.subscriptions.push(syncSessionContext(sessions), IncidentHistoryDocuments.register(sessions, journal, log));
  for (const table of [extensionCommands, runbookCommands, kubeCommands, incidentCommands, sourceCommands, sessionCommands, evidenceCommands, incidentHistoryCommands, workloadCommands, promqlCommands, statusUpdateCommands, pagerDutyCommands]) {
    context.subscriptions.push(...registerCommandTable(commandServices, table));
  }
  context.subscriptions.push(...registerCommandTable(commandServices, stepOutputCommands));

  // Deferred: runs after the views and commands are registered.
  setTimeout(() => {
    runbooks.diagnostics.updateAll();
    void kube.ready();
    hub.start();
    // The status bar shows an incident left active before a reload.
    void sessions.ready().then(() => statusUpdates.start());
    incidents.startIncidentWatch();
    void setContext(ContextKeys.showingSilencedIncidents, config.showSuppressedIncidents());
    void walkthrough.refresh();
  }, 0);

  log.info(`Activated in ${activationMs.toFixed(1)} ms; services started in ${(performance.now() - started).toFixed(1)} ms`);
  return { runbooks: runbooks.index, runbookTree: runbooks.runbookTree, kube, journal, incidents: hub, incidentTree: incidents.incidentTree, notifier: incidents.notifier, sessions, sessionTree: incidents.sessionTree, incidentRunbooks: incidents.incidentRunbooks, statusUpdates, logUri: context.logUri };
}

/** The runbook index, the Runbooks view, CodeLenses and diagnostics. */
function startRunbookServices(context: vscode.ExtensionContext, log: Log) {
  const index = new RunbookIndex(vscode.Uri.joinPath(context.extensionUri, 'runbooks'), log);
  const runbookTree = new RunbooksTreeProvider(index);
  const runbookView = vscode.window.createTreeView(Views.runbooks, { treeDataProvider: runbookTree, showCollapseAll: true });
  runbookTree.attach(runbookView);
  const codeLenses = new RunbookCodeLensProvider(index);
  const diagnostics = new RunbookDiagnostics(index);
  context.subscriptions.push(index, runbookTree, runbookView, codeLenses, diagnostics, vscode.languages.registerCodeLensProvider({ language: 'markdown' }, codeLenses));
  return { index, runbookTree, diagnostics };
}

interface IncidentServiceNeeds {
  readonly log: Log;
  readonly index: RunbookIndex;
  readonly kube: KubeContextService;
  readonly journal: JournalStore;
  /** The folder of the workspace's own files. */
  readonly storage: string;
}

/** Incident sources, silences, incident sessions and their views. */
function startIncidentServices(context: vscode.ExtensionContext, { log, index, kube, journal, storage }: IncidentServiceNeeds) {
  // Incidents: sources are built after activation returns; the kube watch waits for the view.
  const hub = new IncidentHub(context.secrets, kube, log);
  // Incident sessions: read from storage when first needed (the view, a command, a step run).
  const sessions = new Sessions(new SessionStore(join(storage, 'incidents'), log), hub, journal, log);
  const silences = new Silences(context.globalState, hub, sessions, log);
  const incidentRunbooks = new IncidentRunbooks(index, context.workspaceState);
  // Response clocks come from each incident's own runbook, matched when its row is drawn.
  const clocks = new IncidentClocks(incidentRunbooks, index, hub, log);
  // PagerDuty: who is on call per escalation policy (fetched when a row is drawn), the team actions, and the timeline they feed.
  const pagerDutyTeam = new PagerDutyTeamActions(() => hub.pagerDutySource());
  const onCalls = new PagerDutyOnCalls(pagerDutyTeam);
  const pagerDuty = new PagerDutyTimeline(sessions, hub, pagerDutyTeam, log);
  const incidentTree = new IncidentsTreeProvider(hub, () => silences.ownIds(), clocks, onCalls);
  const incidentView = vscode.window.createTreeView(Views.incidents, { treeDataProvider: incidentTree, showCollapseAll: true });
  incidentTree.attach(incidentView);
  const notifier = new IncidentNotifier(hub);
  context.subscriptions.push(hub, incidentRunbooks, clocks, onCalls, pagerDuty, incidentTree, incidentView, notifier, new IncidentsStatusBar(hub));
  const startIncidentWatch = () => {
    if (!incidentView.visible) return;
    hub.startKube();
    void index.ensureLoaded();
  };
  context.subscriptions.push(incidentView.onDidChangeVisibility(startIncidentWatch));
  const sessionTree = new SessionsTreeProvider(sessions);
  context.subscriptions.push(
    sessions,
    sessionTree,
    vscode.window.createTreeView(Views.sessions, { treeDataProvider: sessionTree }),
    new ChecklistTracker(index, sessions),
  );
  return { hub, sessions, silences, incidentRunbooks, incidentTree, notifier, sessionTree, startIncidentWatch, pagerDuty };
}
