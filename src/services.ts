import { join } from 'node:path';
import * as vscode from 'vscode';
import { Commands, ContextKeys, Views, WALKTHROUGH_ID } from './constants';
import { ownSilences, registerIncidentCommands } from './commands/incidentCommands';
import { registerKubeCommands } from './commands/kubeCommands';
import { resolveResponseMinutes } from './core/incidents/incidentPresentation';
import { config } from './platform/config';
import { registerSessionCommands } from './commands/sessionCommands';
import { ChecklistTracker } from './platform/incidents/checklistTracker';
import { IncidentHub } from './platform/incidents/incidentHub';
import { IncidentSessions } from './platform/incidents/incidentSessions';
import { SessionStore } from './platform/incidents/sessionStore';
import { registerRunbookCommands } from './commands/runbookCommands';
import { JournalStore } from './platform/execution/journalStore';
import { StepExecutor } from './platform/execution/stepExecutor';
import { KubeContextService } from './platform/kube/kubeContextService';
import { Log } from './platform/log';
import { RunbookIndex } from './platform/runbooks/runbookIndex';
import { StepTerminals } from './platform/terminals/stepTerminals';
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
  readonly sessions: IncidentSessions;
  /** The Incident Sessions view's data. */
  readonly sessionTree: SessionsTreeProvider;
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
  const index = new RunbookIndex(vscode.Uri.joinPath(context.extensionUri, 'runbooks'), log);
  const terminals = new StepTerminals(log, context.globalStorageUri);
  const kube = new KubeContextService(context.workspaceState, log);
  // Per workspace when a folder is open; the journal and pin files are the extension's own files.
  const storage = (context.storageUri ?? context.globalStorageUri).fsPath;
  const journal = new JournalStore(storage, log);
  const executor = new StepExecutor(kube, terminals, journal, `${context.globalStorageUri.fsPath}/pins`, log);
  context.subscriptions.push(log, index, terminals, executor, kube, new KubeStatusBar(kube));

  // Incidents: sources are built after activation returns; the kube watch waits for the view.
  const hub = new IncidentHub(context.secrets, kube, log);
  const incidentTree = new IncidentsTreeProvider(hub, () => new Set(ownSilences(context.globalState).map((silence) => silence.id)));
  const incidentView = vscode.window.createTreeView(Views.incidents, { treeDataProvider: incidentTree, showCollapseAll: true });
  incidentTree.attach(incidentView);
  const notifier = new IncidentNotifier(hub);
  context.subscriptions.push(hub, incidentTree, incidentView, notifier, new IncidentsStatusBar(hub));
  const startIncidentWatch = () => {
    if (!incidentView.visible) return;
    hub.startKube();
    void index.ensureLoaded();
  };
  context.subscriptions.push(incidentView.onDidChangeVisibility(startIncidentWatch));
  // Incident sessions: read from storage when first needed (the view, a command, a step run).
  const sessions = new IncidentSessions(new SessionStore(join(storage, 'incidents'), log), hub, journal, log);
  const sessionTree = new SessionsTreeProvider(sessions);
  context.subscriptions.push(
    sessions,
    sessionTree,
    vscode.window.createTreeView(Views.sessions, { treeDataProvider: sessionTree }),
    new SessionStatusBar(sessions),
    new ChecklistTracker(index, sessions),
  );
  // Response-time clocks come from the settings or a runbook severity table, once runbooks are indexed.
  const updateResponseTimes = () =>
    incidentTree.setResponseMinutes(resolveResponseMinutes(config.responseTimes(), index.loaded ? index.all().map((entry) => entry.runbook.severities) : []));
  context.subscriptions.push(index.onDidChange(updateResponseTimes));

  const runbookTree = new RunbooksTreeProvider(index);
  const runbookView = vscode.window.createTreeView(Views.runbooks, { treeDataProvider: runbookTree, showCollapseAll: true });
  runbookTree.attach(runbookView);
  context.subscriptions.push(runbookTree, runbookView);

  const codeLenses = new RunbookCodeLensProvider(index);
  const diagnostics = new RunbookDiagnostics(index);
  context.subscriptions.push(
    codeLenses,
    diagnostics,
    vscode.languages.registerCodeLensProvider({ language: 'markdown' }, codeLenses),
  );

  const walkthrough = new WalkthroughProgress(index, kube, context.secrets, journal, log);
  context.subscriptions.push(walkthrough);

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.showLog, () => log.show()),
    vscode.commands.registerCommand(Commands.getStarted, async () => {
      await vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false);
      walkthrough.walkthroughShown();
    }),
    ...registerRunbookCommands({ index, tree: runbookTree, executor, incidentForRunbook: (uri) => sessions.incidentForRunbook(uri) }),
    ...registerKubeCommands(kube, log),
    ...registerIncidentCommands({ hub, index, state: context.globalState, secrets: context.secrets, sessions, log }),
    ...registerSessionCommands({ sessions, hub, index, log }),
    vscode.commands.registerCommand(Commands.showJournal, async () => {
      if ((await journal.read()).length === 0) {
        void vscode.window.showInformationMessage('No runbook step has run in this workspace yet: the journal is empty.');
        return;
      }
      await vscode.window.showTextDocument(vscode.Uri.file(journal.path), { preview: true });
    }),
  );

  // Deferred: runs after the views and commands are registered.
  setTimeout(() => {
    diagnostics.updateAll();
    void kube.ready();
    updateResponseTimes();
    hub.start();
    // The status bar shows an incident left active before a reload.
    void sessions.ready();
    startIncidentWatch();
    void vscode.commands.executeCommand('setContext', ContextKeys.showingSilencedIncidents, config.showSuppressedIncidents());
    void walkthrough.refresh();
  }, 0);

  log.info(`Activated in ${activationMs.toFixed(1)} ms; services started in ${(performance.now() - started).toFixed(1)} ms`);
  return { runbooks: index, runbookTree, kube, journal, incidents: hub, incidentTree, notifier, sessions, sessionTree };
}
