// Every id the extension contributes, in one place. `test/unit/constants.test.ts` checks this
// file against package.json so that a renamed command or view cannot silently break a menu.
// Pure: imported by core-level unit tests, so no 'vscode' here.

export const EXTENSION_ID = 'oncall.oncall-runbooks';
export const OUTPUT_CHANNEL_NAME = 'On-Call';
/** `<extension id>#<walkthrough id>`, as workbench.action.openWalkthrough wants it. */
export const WALKTHROUGH_ID = 'oncall.oncall-runbooks#getStarted';

export const ViewContainers = {
  oncall: 'oncall',
} as const;

export const Views = {
  incidents: 'oncall.incidents',
  runbooks: 'oncall.runbooks',
  sessions: 'oncall.sessions',
} as const;

export const Commands = {
  showLog: 'oncall.log.show',
  getStarted: 'oncall.help.getStarted',
  refreshRunbooks: 'oncall.runbooks.refresh',
  filterRunbooks: 'oncall.runbooks.filter',
  clearRunbookFilter: 'oncall.runbooks.clearFilter',
  openRunbookStep: 'oncall.runbooks.openStep',
  runStep: 'oncall.runbooks.runStep',
  runSelection: 'oncall.runbooks.runSelection',
  chooseCommands: 'oncall.runbooks.chooseCommands',
  copyStep: 'oncall.runbooks.copyStep',
  copyTemplate: 'oncall.runbooks.copyTemplate',
  switchContext: 'oncall.kube.switchContext',
  switchNamespace: 'oncall.kube.switchNamespace',
  chooseWatchedNamespaces: 'oncall.kube.chooseWatchedNamespaces',
  showJournal: 'oncall.execution.showJournal',
  openRawJournal: 'oncall.execution.openRawJournal',
  refreshIncidents: 'oncall.incidents.refresh',
  showSilencedIncidents: 'oncall.incidents.showSilenced',
  hideSilencedIncidents: 'oncall.incidents.hideSilenced',
  openIncidentRunbook: 'oncall.incidents.openRunbook',
  createIncidentRunbook: 'oncall.incidents.createRunbook',
  silenceIncident: 'oncall.incidents.silence',
  expireSilence: 'oncall.incidents.expireSilence',
  acknowledgeIncident: 'oncall.incidents.acknowledge',
  resolveIncident: 'oncall.incidents.resolve',
  copyIncidentSummary: 'oncall.incidents.copySummary',
  openIncidentSource: 'oncall.incidents.openInSource',
  fixSource: 'oncall.incidents.fixSource',
  connectAlertmanager: 'oncall.alertmanager.connect',
  setAlertmanagerCredentials: 'oncall.alertmanager.setCredentials',
  setPagerDutyToken: 'oncall.pagerduty.setToken',
  addPagerDutyResponders: 'oncall.pagerduty.addResponders',
  reassignPagerDutyIncident: 'oncall.pagerduty.reassign',
  escalatePagerDutyIncident: 'oncall.pagerduty.escalate',
  changePagerDutyPriority: 'oncall.pagerduty.changePriority',
  postNoteToPagerDuty: 'oncall.pagerduty.postNote',
  startSession: 'oncall.session.start',
  resolveSession: 'oncall.session.resolve',
  addTimelineNote: 'oncall.session.addNote',
  generatePostMortem: 'oncall.session.generatePostMortem',
  copyStatusMessage: 'oncall.session.copyStatusMessage',
  postStatusUpdate: 'oncall.session.postStatusUpdate',
  setSlackWebhook: 'oncall.slack.setWebhook',
  clearSlackWebhook: 'oncall.slack.clearWebhook',
  incidentActions: 'oncall.session.actions',
  refreshSessions: 'oncall.session.refresh',
  openStepOutput: 'oncall.session.openStepOutput',
  addEditorSelectionToTimeline: 'oncall.session.addEditorSelection',
  addTerminalSelectionToTimeline: 'oncall.session.addTerminalSelection',
  showIncidentHistory: 'oncall.incidents.showHistory',
  showWorkloadLogs: 'oncall.workloads.logs',
  showPreviousLogs: 'oncall.workloads.previousLogs',
  describeWorkload: 'oncall.workloads.describe',
  showWorkloadEvents: 'oncall.workloads.events',
  addEvidenceExcerpt: 'oncall.workloads.addExcerpt',
  copyKubectlCommand: 'oncall.workloads.copyKubectl',
  followLogs: 'oncall.workloads.follow',
  stopFollowingLogs: 'oncall.workloads.stopFollowing',
  runPromql: 'oncall.promql.run',
  addPromqlToTimeline: 'oncall.promql.addToTimeline',
  setPrometheusCredentials: 'oncall.prometheus.setCredentials',
} as const;

/** Context keys set with `setContext`, read by `when` clauses in package.json. */
export const ContextKeys = {
  runbookFilterActive: 'oncall.runbooks.filterActive',
  showingSilencedIncidents: 'oncall.incidents.showingSilenced',
  sessionActive: 'oncall.session.active',
  followableLogs: 'oncall.workloads.followable',
  followingLogs: 'oncall.workloads.following',
} as const;

/**
 * The kinds of tree item, the first tag of their `contextValue` (`oncall:step+shell+runnable`):
 * package.json's menus match them by regex in `when` clauses, so adding a flag never breaks one.
 */
export const ContextValues = {
  starters: 'oncall:starters',
  runbook: 'oncall:runbook',
  section: 'oncall:section',
  step: 'oncall:step',
  incident: 'oncall:incident',
  incidentGroup: 'oncall:incidentGroup',
  severity: 'oncall:severity',
  hiddenIncidents: 'oncall:hiddenIncidents',
  sourceNote: 'oncall:sourceNote',
  sourceProblem: 'oncall:sourceProblem',
  session: 'oncall:session',
  sessionMedian: 'oncall:sessionMedian',
  timelineRow: 'oncall:timelineRow',
} as const;

/**
 * Context keys that complete the Get Started walkthrough's steps (`onContext:` completion
 * events), set when what a step asks for is already there. Keyed by walkthrough step id. Each
 * step's event is `shown && <its key>`: see walkthroughProgress.ts for why.
 */
export const WALKTHROUGH_SHOWN_KEY = 'oncall.walkthrough.shown';
export const WalkthroughContextKeys = {
  runbooks: 'oncall.walkthrough.runbooksFound',
  context: 'oncall.walkthrough.contextChosen',
  alertmanager: 'oncall.walkthrough.alertmanagerConfigured',
  pagerduty: 'oncall.walkthrough.pagerDutyTokenSet',
  firstStep: 'oncall.walkthrough.stepRun',
} as const;

/** Sections of the settings, for change events and the Settings editor's search. */
export const SettingSections = {
  runbooks: 'oncall.runbooks',
  kube: 'oncall.kube',
  alertmanager: 'oncall.alertmanager',
  pagerduty: 'oncall.pagerduty',
  kubeIncidents: 'oncall.kube.incidents',
  prometheus: 'oncall.prometheus',
} as const;

/** Settings, without the `oncall.` prefix where read through the typed accessor. */
export const Settings = {
  runbookInclude: 'oncall.runbooks.include',
  runbookExclude: 'oncall.runbooks.exclude',
  showStarterRunbooks: 'oncall.runbooks.showStarterRunbooks',
  codeLensEnabled: 'oncall.runbooks.codeLens',
  protectedContexts: 'oncall.kube.protectedContexts',
  kubeconfigPath: 'oncall.kube.kubeconfig',
  executionConfirm: 'oncall.execution.confirm',
  alertmanagerInstances: 'oncall.alertmanager.instances',
  alertmanagerPollInterval: 'oncall.alertmanager.pollInterval',
  pagerDutyEnabled: 'oncall.pagerduty.enabled',
  pagerDutyApiUrl: 'oncall.pagerduty.apiUrl',
  pagerDutyServiceIds: 'oncall.pagerduty.serviceIds',
  pagerDutyTeamIds: 'oncall.pagerduty.teamIds',
  pagerDutyPollInterval: 'oncall.pagerduty.pollInterval',
  pagerDutyPostNotes: 'oncall.pagerduty.postNotes',
  kubeIncidentsEnabled: 'oncall.kube.incidents.enabled',
  kubeIncidentNamespaces: 'oncall.kube.incidents.namespaces',
  showSilencedIncidents: 'oncall.incidents.showSilenced',
  incidentsGroupBy: 'oncall.incidents.groupBy',
  notifyIncidents: 'oncall.incidents.notify',
  autoStartIncidents: 'oncall.incidents.autoStart',
  captureStepOutput: 'oncall.steps.captureOutput',
  severityMapping: 'oncall.incidents.severityMapping',
  responseTimes: 'oncall.incidents.responseTimes',
  postMortemFolder: 'oncall.postMortem.folder',
  postMortemTemplate: 'oncall.postMortem.template',
  postMortemStyle: 'oncall.postMortem.style',
  prometheusInstances: 'oncall.prometheus.instances',
  prometheusTimeout: 'oncall.prometheus.timeout',
  statusUpdateInterval: 'oncall.statusUpdates.interval',
} as const;

/**
 * Settings read from user settings only in Restricted Mode (and listed in package.json's
 * `restrictedConfigurations`): where credentials go and what is shown or notified. An
 * untrusted repository could otherwise send the user's credentials elsewhere, poll with them
 * in a loop, or hide and mute P0/P1 incidents.
 */
export const USER_ONLY_WHEN_UNTRUSTED: readonly string[] = [
  Settings.alertmanagerInstances,
  Settings.alertmanagerPollInterval,
  Settings.pagerDutyEnabled,
  Settings.pagerDutyApiUrl,
  Settings.pagerDutyServiceIds,
  Settings.pagerDutyTeamIds,
  Settings.pagerDutyPollInterval,
  Settings.pagerDutyPostNotes,
  Settings.kubeconfigPath,
  Settings.kubeIncidentsEnabled,
  Settings.kubeIncidentNamespaces,
  Settings.showSilencedIncidents,
  Settings.notifyIncidents,
  Settings.severityMapping,
  Settings.responseTimes,
  Settings.postMortemFolder,
  Settings.postMortemTemplate,
  Settings.prometheusInstances,
  Settings.statusUpdateInterval,
];

/** Settings that only ever lower from user settings; a workspace may only make them stricter. */
export const GUARD_SETTINGS: readonly string[] = [Settings.protectedContexts, Settings.executionConfirm];

/** Ids of status bar items: VS Code keys the user's choice to hide one by its id. */
export const StatusBarItems = {
  kubeContext: 'oncall.kube.context',
  activeSession: 'oncall.session.active',
} as const;

/** The URI scheme of the readable execution journal (a read-only Markdown document). */
export const JOURNAL_SCHEME = 'oncall-journal';

/** The URI scheme of a step's captured output, opened from the timeline (a read-only document). */
export const STEP_OUTPUT_SCHEME = 'oncall-step-output';
/** The URI scheme of the read-only incident history documents (earlier incidents about one alert). */
export const HISTORY_SCHEME = 'oncall-history';

/** The URI scheme of the read-only logs, describe and events documents of Kubernetes objects. */
export const WORKLOAD_SCHEME = 'oncall-kube';

/** The view type of the PromQL result panels (webviews). */
export const PROMQL_PANEL_TYPE = 'oncall.promqlResult';

/** VS Code's own commands that the extension runs. */
export const BuiltInCommands = {
  setContext: 'setContext',
  openSettings: 'workbench.action.openSettings',
  openWalkthrough: 'workbench.action.openWalkthrough',
  manageWorkspaceTrust: 'workbench.trust.manage',
  revertAndCloseActiveEditor: 'workbench.action.revertAndCloseActiveEditor',
  copyTerminalSelection: 'workbench.action.terminal.copySelection',
} as const;

export type CommandId = (typeof Commands)[keyof typeof Commands];
export type BuiltInCommandId = (typeof BuiltInCommands)[keyof typeof BuiltInCommands];
export type ViewId = (typeof Views)[keyof typeof Views];
export type ContextKey = (typeof ContextKeys)[keyof typeof ContextKeys] | (typeof WalkthroughContextKeys)[keyof typeof WalkthroughContextKeys] | typeof WALKTHROUGH_SHOWN_KEY;
