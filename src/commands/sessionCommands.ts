import * as vscode from 'vscode';
import { Commands, ContextKeys, Views, type CommandId } from '../constants';
import type { Incident } from '../core/incidents/incidentModel';
import { SOURCE_TITLES } from '../core/incidents/incidentPresentation';
import type { NoteEvent, SessionRecord, TimelineEvent } from '../core/postmortem/sessionModel';
import { statusMessageKindsFor, type StatusMessageKind } from '../core/postmortem/templates';
import { formatTime, localTimeZone } from '../core/shared/timeFormat';
import { executeCommand, focusView, setContext } from '../platform/commands';
import type { Sessions } from '../platform/sessions/sessions';
import { responderName, type PostMortemTemplate } from '../platform/postmortem/postMortemWriter';
import {
  generateOptions,
  incidentArgument,
  noteOptions,
  resolveOptions,
  sessionIdArgument,
  sessionRowArgument,
  startOptions,
  statusMessageKindArgument,
  textArgument,
  type GenerateOptions,
  type IncidentChoice,
  type ResolveOptions,
  type StartOptions,
} from './commandArgs';
import type { CommandEntry, CommandServices } from './commandTable';
import { offerNoteToPagerDuty } from './pagerDutyCommands';

export const sessionCommands: readonly CommandEntry[] = [
  { id: Commands.startSession, run: (services, incident, options) => startSession(services, incidentArgument(incident), startOptions(options)) },
  { id: Commands.addTimelineNote, run: (services, text, options) => addTimelineNote(services, textArgument(text), noteOptions(options).postToPagerDuty) },
  { id: Commands.resolveSession, run: (services, summary, options) => resolveSession(services, textArgument(summary), resolveOptions(options)) },
  {
    id: Commands.generatePostMortem,
    run: (services, id, options) =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Writing the post-mortem' }, () =>
        generatePostMortem(services, sessionIdArgument(id), generateOptions(options)),
      ),
  },
  // From a session's row, the row comes first and the kind is asked.
  { id: Commands.copyStatusMessage, run: (services, kind, id) => copyStatusMessage(services, statusMessageKindArgument(kind), sessionIdArgument(id) ?? sessionRowArgument(kind)) },
  { id: Commands.incidentActions, run: incidentActions },
  { id: Commands.refreshSessions, run: (services) => services.sessions.reload() },
];

/** Keeps the `oncall.session.active` context key in step with the sessions. */
export function syncSessionContext(sessions: Sessions): vscode.Disposable {
  return sessions.onDidChange(() => void setContext(ContextKeys.sessionActive, sessions.active !== undefined));
}

async function startSession(services: CommandServices, choice: IncidentChoice, options: StartOptions): Promise<string | undefined> {
  const { sessions } = services;
  await sessions.ready();
  if (sessions.active) {
    // Not awaited: the command answers at once; the offer stays until dismissed.
    void offerActiveSession(sessions.active);
    return undefined;
  }
  const sources = await sessionSources(services, choice, options);
  if (!sources) return undefined;
  let title = options.title;
  if (title === undefined) {
    title = await vscode.window.showInputBox({
      title: 'Start Incident: title',
      value: sources[0]?.title ?? '',
      prompt: 'What users notice, e.g. "Checkout fails for EU customers"',
      validateInput: (value) => (value.trim() ? undefined : 'Give the incident a title.'),
    });
    if (!title) return undefined;
  }
  const runbookUri = sources[0] ? (await services.incidentRunbooks.match(sources[0]))?.uri : undefined;
  const record = await sessions.start({ title: title.trim(), severity: options.severity, sources, runbookUri, responder: await responderName() });
  void vscode.window.showInformationMessage(`Started ${record.id} (${record.severity}): steps, notes and alert changes now go into its timeline.`);
  return record.id;
}

/** Start Incident while one is active: one at a time, so it offers the active one instead. */
async function offerActiveSession(active: SessionRecord): Promise<void> {
  const show = `Show ${active.id}`;
  const resolve = `Resolve ${active.id}`;
  const answer = await vscode.window.showInformationMessage(
    `${active.id} (${active.severity}) ${active.title} is active. One incident at a time: show it, or resolve it to start another.`,
    show,
    resolve,
  );
  if (answer === show) await focusView(Views.sessions);
  if (answer === resolve) await executeCommand(Commands.resolveSession);
}

/** The alerts a new session is about: the one named, else those picked (none is fine); undefined when cancelled. */
async function sessionSources(services: CommandServices, choice: IncidentChoice, options: StartOptions): Promise<Incident[] | undefined> {
  if (choice.id) {
    const incident = services.hub.find(choice.id);
    return incident ? [incident] : [];
  }
  if (options.title !== undefined) return [];
  const live = [...services.hub.incidents()];
  if (live.length === 0) return [];
  const picked = await vscode.window.showQuickPick(
    live.map((incident) => ({ label: `${incident.severity} ${incident.title}`, description: `${SOURCE_TITLES[incident.source]} ${incident.sourceName}`, incident })),
    { title: 'Start Incident: which alerts is it about? (none is fine)', canPickMany: true },
  );
  return picked?.map((item) => item.incident);
}

async function addTimelineNote(services: CommandServices, text: string | undefined, postToPagerDuty?: boolean): Promise<boolean> {
  const { sessions } = services;
  await sessions.ready();
  if (!sessions.active) {
    void vscode.window.showInformationMessage('No incident is active: start one to keep a timeline.', 'Start Incident').then((a) => (a ? executeCommand(Commands.startSession) : undefined));
    return false;
  }
  const note =
    text ?? (await vscode.window.showInputBox({ title: `Timeline note for ${sessions.active.id}`, prompt: 'What was seen, decided or done', validateInput: (v) => (v.trim() ? undefined : 'Write the note.') }));
  if (!note?.trim()) return false;
  const event: NoteEvent = { type: 'note', at: new Date().toISOString(), text: note.trim() };
  const recorded = await sessions.record(event);
  if (recorded) await offerNoteToPagerDuty(services, event, postToPagerDuty);
  return recorded;
}

/** What usually follows a resolution: the post-mortem, and telling the channel (when a Slack webhook is set). */
async function offerAfterResolve(services: CommandServices, record: SessionRecord): Promise<void> {
  const postMortem = 'Generate Post-Mortem';
  const slack = 'Post Resolution to Slack';
  const answers = (await services.statusUpdates.webhookHost()) ? [postMortem, slack] : [postMortem];
  const answer = await vscode.window.showInformationMessage(`Resolved ${record.id}.`, ...answers);
  if (answer === postMortem) await executeCommand(Commands.generatePostMortem, record.id);
  if (answer === slack) await executeCommand(Commands.postStatusUpdate, { sessionId: record.id });
}

async function resolveSession(services: CommandServices, summary: string | undefined, options: ResolveOptions): Promise<string | undefined> {
  const { sessions } = services;
  await sessions.ready();
  const active = sessions.active;
  if (!active) {
    void vscode.window.showInformationMessage('No incident is active.');
    return undefined;
  }
  const text = summary ?? (await vscode.window.showInputBox({ title: `Resolve ${active.id}`, prompt: 'How it was resolved (optional; goes into the post-mortem)' }));
  if (text === undefined) return undefined;
  const record = await sessions.resolve(text.trim() || undefined);
  if (!record) return undefined;
  if (summary === undefined) void offerAfterResolve(services, record);
  await settleSilences(services, record, options.expireSilences);
  return record.id;
}

/**
 * The silences made during an incident outlive it unless expired: once it is resolved they
 * would hide the alert coming back. Expired when asked to, else the user is asked (not awaited).
 */
async function settleSilences(services: CommandServices, record: SessionRecord, expire: boolean | undefined): Promise<void> {
  const made = services.silences.madeDuring(record.id);
  if (made.length === 0 || expire === false) return;
  if (expire) {
    await services.silences.expire(made);
    return;
  }
  const list = made.map((silence) => `${silence.title} (until ${formatTime(Date.parse(silence.endsAt), localTimeZone())})`).join(', ');
  const plural = made.length === 1 ? 'silence' : `${made.length} silences`;
  const expireAnswer = made.length === 1 ? 'Expire Silence' : 'Expire Silences';
  void vscode.window.showWarningMessage(`The ${plural} made during ${record.id} still ${made.length === 1 ? 'holds' : 'hold'}: ${list}. Expire now that it is resolved?`, expireAnswer, 'Keep').then(async (answer) => {
    if (answer !== expireAnswer) return;
    try {
      await services.silences.expire(made);
      void vscode.window.showInformationMessage(`Expired the ${plural} made during ${record.id}.`);
    } catch (error) {
      services.log.error(`Could not expire the silences of ${record.id}: ${String(error)}`);
      void vscode.window.showErrorMessage(`Could not expire the ${plural} made during ${record.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
}

/** The session named, else the active one, else the only one, else one the user picks. */
async function pickSession(services: CommandServices, id: string | undefined, purpose: string): Promise<SessionRecord | undefined> {
  const { sessions } = services;
  await sessions.ready();
  if (id) {
    const named = sessions.sessions.find((session) => session.record.id === id)?.record;
    if (!named) void vscode.window.showWarningMessage(`No incident ${id} in this workspace: its record file is gone or cannot be read.`);
    return named;
  }
  if (sessions.active) return sessions.active;
  const list = sessions.sessions;
  if (list.length === 0) {
    void vscode.window.showInformationMessage('No incident has been recorded in this workspace yet.');
    return undefined;
  }
  if (list.length === 1) return list[0].record;
  const picked = await vscode.window.showQuickPick(
    list.map((session) => ({ label: `${session.record.id} ${session.record.title}`, description: `${session.record.severity} · ${session.record.resolvedAt ? 'resolved' : 'active'}`, record: session.record })),
    { title: purpose },
  );
  return picked?.record;
}

/** Ends in a file, or in one sentence saying why not (a pick the user dismissed aside). */
async function generatePostMortem(services: CommandServices, id: string | undefined, options: GenerateOptions): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void vscode.window.showInformationMessage('Open a folder first: post-mortems are written into the workspace.');
    return undefined;
  }
  const record = await pickSession(services, id, 'Generate a post-mortem for');
  if (!record) return undefined;
  const timeline = await services.sessions.timeline(record.id);
  if (!timeline) {
    void vscode.window.showWarningMessage(`No post-mortem written: the record of ${record.id} is gone (${services.sessions.store.pathOf(record.id)}).`);
    return undefined;
  }
  const template = await pickTemplate(await services.postMortems.templates(record), record, options);
  if (!template) return undefined;
  const uri = await services.postMortems.write(folder.uri.fsPath, record, timeline, template);
  await vscode.window.showTextDocument(uri, { preview: false });
  return uri.toString();
}

/** The template asked for, the only one, or the one the user picks. */
async function pickTemplate(templates: PostMortemTemplate[], record: SessionRecord, options: GenerateOptions): Promise<PostMortemTemplate | undefined> {
  if (options.template) {
    const asked = templates.find((template) => template.value === options.template);
    if (!asked) throw new Error(`No ${options.template} post-mortem template is available for ${record.id}.`);
    return asked;
  }
  return templates.length === 1 ? templates[0] : vscode.window.showQuickPick(templates, { title: `Post-mortem template for ${record.id}` });
}

async function copyStatusMessage(services: CommandServices, kind: StatusMessageKind | undefined, id: string | undefined): Promise<string | undefined> {
  const record = await pickSession(services, id, 'Status message for');
  if (!record) return undefined;
  const events = services.sessions.sessions.find((session) => session.record.id === record.id)?.events ?? [];
  const chosen = kind ?? (await pickStatusMessageKind(record, events));
  if (!chosen) return undefined;
  const text = await services.postMortems.statusMessage(record, chosen, events);
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(`${chosen[0].toUpperCase()}${chosen.slice(1)} status message copied`, 4000);
  return text;
}

async function pickStatusMessageKind(record: SessionRecord, events: readonly TimelineEvent[]): Promise<StatusMessageKind | undefined> {
  const items = statusMessageKindsFor(record, events, Date.now()).map((value) => ({ label: value[0].toUpperCase() + value.slice(1), value }));
  const picked = await vscode.window.showQuickPick(items, { title: `Status message for ${record.id}` });
  return picked?.value;
}

async function incidentActions(services: CommandServices): Promise<void> {
  const active = services.sessions.active;
  const items: { label: string; command: CommandId }[] = active
    ? [
        { label: '$(note) Add Timeline Note', command: Commands.addTimelineNote },
        { label: '$(comment-discussion) Post Status Update', command: Commands.postStatusUpdate },
        { label: '$(megaphone) Copy Status Message', command: Commands.copyStatusMessage },
        { label: '$(file-text) Generate Post-Mortem (draft)', command: Commands.generatePostMortem },
        { label: '$(pass) Resolve Incident', command: Commands.resolveSession },
      ]
    : [{ label: '$(record) Start Incident', command: Commands.startSession }];
  const picked = await vscode.window.showQuickPick(items, { title: active ? `${active.id} ${active.title}` : 'No active incident' });
  if (picked) await executeCommand(picked.command);
}
