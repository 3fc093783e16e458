import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { Commands, ContextKeys, Settings, Views } from '../constants';
import type { Incident } from '../core/incidents/incidentModel';
import type { RunbookCandidate } from '../core/incidents/runbookMatching';
import { describeIncidentSource, formatIncidentSummary, SOURCE_TITLES } from '../core/incidents/incidentPresentation';
import { formatProblemSummary } from '../core/incidents/problemPresentation';
import { renderRunbookStub, runbookStubPath } from '../core/incidents/runbookStub';
import { executeCommand, setContext } from '../platform/commands';
import type { OwnSilence } from '../platform/incidents/silences';
import { createFileExclusively, resolveInsideWorkspace } from '../platform/workspaceFiles';
import { incidentArgument, silenceArgument, silenceOptions, type IncidentChoice, type SilenceChoice } from './commandArgs';
import { reportFailures } from './commandFailures';
import { lastStepExcerpt } from './evidenceCommands';
import { offerIncidentHistory } from './incidentHistoryCommands';
import type { CommandEntry, CommandServices } from './commandTable';
import { formatTime, localTimeZone } from '../core/shared/timeFormat';

const DURATIONS: readonly { label: string; ms: number }[] = [
  { label: '30 minutes', ms: 30 * 60_000 },
  { label: '1 hour', ms: 60 * 60_000 },
  { label: '2 hours', ms: 2 * 60 * 60_000 },
  { label: '4 hours', ms: 4 * 60 * 60_000 },
  { label: '1 day', ms: 24 * 60 * 60_000 },
];

export const incidentCommands: readonly CommandEntry[] = [
  { id: Commands.refreshIncidents, run: refreshIncidents },
  { id: Commands.showSilencedIncidents, run: () => setShowSilenced(true) },
  { id: Commands.hideSilencedIncidents, run: () => setShowSilenced(false) },
  { id: Commands.openIncidentRunbook, run: (services, incident) => openIncidentRunbook(services, incidentArgument(incident)) },
  { id: Commands.createIncidentRunbook, run: (services, incident) => createIncidentRunbook(services, incidentArgument(incident)) },
  { id: Commands.silenceIncident, run: (services, incident, options) => silenceIncident(services, incidentArgument(incident, 'alert'), silenceOptions(options)) },
  { id: Commands.expireSilence, run: (services, silence) => expireSilence(services, silenceArgument(silence)) },
  { id: Commands.acknowledgeIncident, run: (services, incident) => changePagerDuty(services, incidentArgument(incident, 'pagerduty'), 'acknowledged') },
  { id: Commands.resolveIncident, run: (services, incident) => changePagerDuty(services, incidentArgument(incident, 'pagerduty'), 'resolved') },
  { id: Commands.copyIncidentSummary, run: (services, incident) => copyIncidentSummary(services, incidentArgument(incident)) },
  { id: Commands.openIncidentSource, run: (services, incident) => openIncidentSource(services, incidentArgument(incident, 'source')) },
];

/** The incident a command is about: the one named, else one the user picks among those accepted. */
export async function resolveIncident(
  services: CommandServices,
  choice: IncidentChoice,
  purpose: string,
  accept: (incident: Incident) => boolean = () => true,
): Promise<Incident | undefined> {
  if (choice.id !== undefined) {
    const incident = services.hub.find(choice.id);
    if (!incident) void vscode.window.showWarningMessage('That incident is gone: it was resolved or its source was removed.');
    return incident;
  }
  const candidates = [...services.hub.incidents()].filter(accept);
  if (candidates.length === 0) {
    void vscode.window.showInformationMessage(`No incident to ${purpose}.`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((incident) => ({
      label: `${incident.severity} ${incident.title}`,
      description: `${describeIncidentSource(incident)}${incident.status === 'firing' ? '' : ` · ${incident.status}`}`,
      detail: incident.alertName,
      incident,
    })),
    { title: `Incident to ${purpose}`, matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.incident;
}

function withIncidentsProgress<T>(title: string, work: () => Thenable<T>): Thenable<T> {
  return vscode.window.withProgress({ location: { viewId: Views.incidents }, title }, work);
}

function refreshIncidents(services: CommandServices): Thenable<void> {
  return withIncidentsProgress('Refreshing incidents', () => services.hub.refreshAll());
}

async function setShowSilenced(show: boolean): Promise<void> {
  await vscode.workspace.getConfiguration().update(Settings.showSilencedIncidents, show, vscode.ConfigurationTarget.Global);
  await setContext(ContextKeys.showingSilencedIncidents, show);
}

async function openIncidentRunbook(services: CommandServices, choice: IncidentChoice): Promise<boolean> {
  const incident = await resolveIncident(services, choice, 'open the runbook of');
  if (!incident) return false;
  const chosen = await services.incidentRunbooks.choose(incident, (candidates) => pickRunbook(incident, candidates));
  if (chosen.kind === 'cancelled') return false;
  if (chosen.kind === 'chosen') {
    const match = chosen.match;
    services.sessions.linkRunbook(match.uri, incident);
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(match.uri));
    const position = new vscode.Position(match.line, 0);
    await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), preview: false });
    vscode.window.activeTextEditor?.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
    void offerIncidentHistory(services, incident);
    return true;
  }
  const name = incident.alertName ?? incident.title;
  const link = incident.runbookUrl && /^https?:\/\//i.test(incident.runbookUrl) ? incident.runbookUrl : undefined;
  const actions = [...(link ? ['Open Link'] : []), ...(vscode.workspace.workspaceFolders?.length ? ['Create Runbook'] : [])];
  // Not awaited: the command reports "no match" at once, the offer stays until answered.
  void vscode.window
    .showInformationMessage(`No runbook in this workspace matches ${name}${link ? ` (its runbook_url points to ${link})` : ''}.`, ...actions)
    .then(async (answer) => {
      if (answer === 'Open Link' && link) await vscode.env.openExternal(vscode.Uri.parse(link));
      if (answer === 'Create Runbook') await reportFailures(services.log, writeRunbookStub(incident));
    });
  return false;
}

/** Several team runbooks fit the alert equally: the user picks, best first, each saying why it matched. */
async function pickRunbook(incident: Incident, candidates: readonly RunbookCandidate[]): Promise<RunbookCandidate | undefined> {
  const picked = await vscode.window.showQuickPick(
    candidates.map((candidate) => ({ label: candidate.title, description: candidate.path, detail: candidate.why, candidate })),
    {
      title: `Several runbooks fit ${incident.alertName ?? incident.title}: pick one (remembered for this alert in this workspace)`,
      matchOnDescription: true,
      matchOnDetail: true,
    },
  );
  return picked?.candidate;
}

async function createIncidentRunbook(services: CommandServices, choice: IncidentChoice): Promise<string | undefined> {
  const incident = await resolveIncident(services, choice, 'create a runbook for');
  return incident ? (await writeRunbookStub(incident))?.toString() : undefined;
}

/**
 * Writes a runbook stub, created exclusively: a runbook of that name, even one another
 * window writes at the same moment, is opened instead and never overwritten.
 */
async function writeRunbookStub(incident: Incident): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showInformationMessage('Open a folder first: runbooks are created in the workspace.');
    return undefined;
  }
  const target = runbookStubPath(incident);
  if ('problem' in target) {
    void vscode.window.showWarningMessage(target.problem);
    return undefined;
  }
  const resolved = await resolveInsideWorkspace(folder.uri.fsPath, 'The runbook file', target.path);
  if ('problem' in resolved) {
    void vscode.window.showWarningMessage(resolved.problem);
    return undefined;
  }
  await mkdir(dirname(resolved.path), { recursive: true });
  const uri = vscode.Uri.file(resolved.path);
  if (!(await createFileExclusively(resolved.path, renderRunbookStub(incident)))) {
    void vscode.window.showInformationMessage(`${vscode.workspace.asRelativePath(uri)} already exists; opening it.`);
  }
  await vscode.window.showTextDocument(uri, { preview: false });
  return uri;
}

async function silenceIncident(services: CommandServices, choice: IncidentChoice, options: { durationMs?: number; comment?: string }): Promise<string | undefined> {
  const incident = await resolveIncident(services, choice, 'silence', (candidate) => candidate.source === 'alertmanager' && candidate.status === 'firing');
  if (!incident) return undefined;
  if (!services.silences.sourceOf(incident)) {
    void vscode.window.showWarningMessage(`${incident.title} is not an Alertmanager alert: only alerts can be silenced.`);
    return undefined;
  }
  const durationMs = options.durationMs ?? (await pickSilenceDuration(incident));
  if (durationMs === undefined) return undefined;
  const comment = options.comment ?? (await askSilenceComment());
  if (comment === undefined) return undefined;
  const { id, endsAt } = await withIncidentsProgress('Silencing', () => services.silences.silence(incident, { durationMs, comment }));
  void vscode.window
    .showInformationMessage(`Silenced ${incident.alertName ?? incident.title} until ${formatTime(Date.parse(endsAt), localTimeZone())} (silence ${id.slice(0, 8)}).`, 'Undo')
    .then((answer) => (answer === 'Undo' ? executeCommand(Commands.expireSilence, { silenceId: id }) : undefined));
  return id;
}

async function pickSilenceDuration(incident: Incident): Promise<number | undefined> {
  const picked = await vscode.window.showQuickPick(DURATIONS.map((duration) => ({ label: duration.label, ms: duration.ms })), {
    title: `Silence ${incident.alertName ?? incident.title} on ${incident.cluster === undefined ? incident.sourceName : `cluster ${incident.cluster}`} for…`,
  });
  return picked?.ms;
}

function askSilenceComment(): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: 'Why is it silenced? (Alertmanager records this with the silence)',
    value: 'Being worked on',
    validateInput: (value) => (value.trim() === '' ? 'Alertmanager requires a comment.' : undefined),
  });
}

async function expireSilence(services: CommandServices, choice: SilenceChoice): Promise<void> {
  const targets = await silencesToExpire(services, choice);
  if (targets.length === 0) {
    if (!('ask' in choice)) void vscode.window.showInformationMessage('No active silence created from this workspace covers that alert.');
    return;
  }
  await services.silences.expire(targets);
  void vscode.window.showInformationMessage(`Expired ${targets.length === 1 ? 'the silence' : `${targets.length} silences`}: the alert shows again if it is still firing.`);
}

async function silencesToExpire(services: CommandServices, choice: SilenceChoice): Promise<OwnSilence[]> {
  if ('silenceId' in choice) return services.silences.withId(choice.silenceId);
  if ('incidentId' in choice) {
    const incident = await resolveIncident(services, { id: choice.incidentId }, 'unsilence');
    return incident ? services.silences.covering(incident) : [];
  }
  const own = services.silences.own();
  const picked = await vscode.window.showQuickPick(
    own.map((s) => ({ label: s.title, description: `${s.cluster === undefined ? s.instance : `cluster ${s.cluster}`} · until ${formatTime(Date.parse(s.endsAt), localTimeZone())}`, silence: s })),
    { title: 'Expire a silence created here', placeHolder: own.length === 0 ? 'No silence created from this workspace is active' : undefined },
  );
  return picked ? [picked.silence] : [];
}

async function changePagerDuty(services: CommandServices, choice: IncidentChoice, status: 'acknowledged' | 'resolved'): Promise<void> {
  const verb = status === 'acknowledged' ? 'acknowledge' : 'resolve';
  const incident = await resolveIncident(services, choice, verb, (candidate) => candidate.source === 'pagerduty' && (status === 'resolved' || candidate.status === 'triggered'));
  if (!incident) return;
  const source = services.hub.pagerDutySource();
  if (incident.source !== 'pagerduty' || !source) {
    void vscode.window.showWarningMessage(`${incident.title} is not a PagerDuty incident.`);
    return;
  }
  await withIncidentsProgress(status === 'acknowledged' ? 'Acknowledging' : 'Resolving', () =>
    status === 'acknowledged' ? source.acknowledge(incident.sourceId) : source.resolve(incident.sourceId),
  );
  services.log.info(`PagerDuty incident ${incident.sourceId} ${status}.`);
  vscode.window.setStatusBarMessage(`PagerDuty: ${incident.title} ${status}`, 5000);
}

async function copyIncidentSummary(services: CommandServices, choice: IncidentChoice): Promise<string | undefined> {
  const incident = await resolveIncident(services, choice, 'copy');
  if (!incident) return undefined;
  // From a folded problem's row: every signal about the object, the runbook's part first.
  const problem = choice.folded ? services.hub.incidentProblems.problemOf(incident.id) : undefined;
  const base = problem && problem.parts.length > 1 ? formatProblemSummary(problem, Date.now()) : formatIncidentSummary(incident, Date.now());
  const lastStep = await lastStepExcerpt(services, incident).catch(() => undefined);
  const summary = lastStep === undefined ? base : `${base.replace(/\s*$/, '')}\n\n${lastStep}`;
  await vscode.env.clipboard.writeText(summary);
  vscode.window.setStatusBarMessage('Incident summary copied', 3000);
  return summary;
}

async function openIncidentSource(services: CommandServices, choice: IncidentChoice): Promise<void> {
  const incident = await resolveIncident(services, choice, 'open in its source', (candidate) => candidate.url !== undefined);
  if (!incident) return;
  if (!incident.url || !/^https?:\/\//i.test(incident.url)) {
    void vscode.window.showInformationMessage(`${SOURCE_TITLES[incident.source]} gave no link for ${incident.title}.`);
    return;
  }
  await vscode.env.openExternal(vscode.Uri.parse(incident.url));
}
