import { mkdir, readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import * as vscode from 'vscode';
import { Commands, ContextKeys, Settings } from '../constants';
import type { Incident } from '../core/incidents/incidentModel';
import { SOURCE_TITLES } from '../core/incidents/incidentPresentation';
import { indexRunbooksForMatching, matchRunbook } from '../core/incidents/runbookMatching';
import { computeMetrics } from '../core/postmortem/metrics';
import { postMortemFileName, renderPostMortem, renderStatusMessage } from '../core/postmortem/renderPostMortem';
import type { IncidentRecord } from '../core/postmortem/sessionModel';
import { BUILT_IN_TEMPLATES, extractRunbookTemplates } from '../core/postmortem/templates';
import { assembleTimeline } from '../core/postmortem/timeline';
import type { SeverityLevel } from '../core/runbooks/model';
import { config } from '../platform/config';
import { readGitUserName } from '../platform/gitUserName';
import { createNextFreeFile, resolveInsideWorkspace } from '../platform/workspaceFiles';
import { reportFailures } from './commandFailures';
import type { IncidentHub } from '../platform/incidents/incidentHub';
import type { IncidentSessions } from '../platform/incidents/incidentSessions';
import type { Log } from '../platform/log';
import type { RunbookIndex } from '../platform/runbooks/runbookIndex';
import type { IncidentNode } from '../views/incidentsTreeProvider';

export type PostMortemTemplateChoice = 'runbook' | 'workspace' | 'google-sre' | 'pagerduty';

export interface GenerateOptions {
  readonly template?: PostMortemTemplateChoice;
}

export interface StartOptions {
  readonly title?: string;
  readonly severity?: SeverityLevel;
}

export interface SessionCommandServices {
  readonly sessions: IncidentSessions;
  readonly hub: IncidentHub;
  readonly index: RunbookIndex;
  readonly log: Log;
}

/** The responder's name as the team knows it: git's user.name, else the OS user. */
async function responderName(): Promise<string> {
  const name = await readGitUserName({
    trusted: vscode.workspace.isTrusted,
    workspaceFolders: (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath),
  });
  return name || userInfo().username || 'responder';
}

/** The post-mortem folder, inside the workspace after symlinks are resolved, created when missing. */
async function postMortemFolder(root: string): Promise<string> {
  const setting = config.postMortemFolder();
  const first = await resolveInsideWorkspace(root, Settings.postMortemFolder, setting);
  if ('problem' in first) throw new Error(`${first.problem} No post-mortem was written.`);
  await mkdir(first.path, { recursive: true });
  // Again once it exists: a link swapped in meanwhile must not take the file elsewhere.
  const created = await resolveInsideWorkspace(root, Settings.postMortemFolder, setting);
  if ('problem' in created) throw new Error(`${created.problem} No post-mortem was written.`);
  return created.path;
}

export function registerSessionCommands(services: SessionCommandServices): vscode.Disposable[] {
  const { sessions, hub, index, log } = services;

  const syncContext = () => void vscode.commands.executeCommand('setContext', ContextKeys.incidentActive, sessions.active !== undefined);
  const subscription = sessions.onDidChange(syncContext);

  async function runbookFor(incident: Incident): Promise<string | undefined> {
    await index.ensureLoaded();
    const files = index
      .all()
      .map((entry) => ({ uri: entry.uri.toString(), runbook: entry.runbook, path: entry.starter ? entry.label : vscode.workspace.asRelativePath(entry.uri, true), starter: entry.starter }));
    return matchRunbook(incident, indexRunbooksForMatching(files))?.uri;
  }

  async function start(argument?: IncidentNode | { id: string } | string, options: StartOptions = {}): Promise<string | undefined> {
    await sessions.ready();
    if (sessions.active) {
      // Not awaited: the command answers at once; the offer stays until dismissed.
      void vscode.window
        .showWarningMessage(`${sessions.active.id} is still active. One incident at a time: resolve it first.`, 'Resolve Incident')
        .then((answer) => (answer ? vscode.commands.executeCommand(Commands.resolveSession) : undefined));
      return undefined;
    }
    const id = typeof argument === 'string' ? argument : argument?.id;
    let sources: Incident[] = [];
    if (id) {
      const incident = hub.find(id);
      if (incident) sources = [incident];
    } else if (options.title === undefined) {
      const live = [...hub.incidents()];
      if (live.length > 0) {
        const picked = await vscode.window.showQuickPick(
          live.map((incident) => ({ label: `${incident.severity} ${incident.title}`, description: `${SOURCE_TITLES[incident.source]} ${incident.sourceName}`, incident })),
          { title: 'Start Incident: which alerts is it about? (none is fine)', canPickMany: true },
        );
        if (!picked) return undefined;
        sources = picked.map((item) => item.incident);
      }
    }
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
    const runbookUri = sources[0] ? await runbookFor(sources[0]) : undefined;
    const record = await sessions.start({ title: title.trim(), severity: options.severity, sources, runbookUri, responder: await responderName() });
    void vscode.window.showInformationMessage(`Started ${record.id} (${record.severity}): steps, notes and alert changes now go into its timeline.`);
    return record.id;
  }

  async function addNote(text?: string): Promise<boolean> {
    await sessions.ready();
    if (!sessions.active) {
      void vscode.window.showInformationMessage('No incident is active: start one to keep a timeline.', 'Start Incident').then((a) => (a ? vscode.commands.executeCommand(Commands.startSession) : undefined));
      return false;
    }
    const note =
      typeof text === 'string'
        ? text
        : await vscode.window.showInputBox({ title: `Timeline note for ${sessions.active.id}`, prompt: 'What was seen, decided or done', validateInput: (v) => (v.trim() ? undefined : 'Write the note.') });
    if (!note?.trim()) return false;
    return sessions.record({ type: 'note', at: new Date().toISOString(), text: note.trim() });
  }

  async function resolve(summary?: string): Promise<string | undefined> {
    await sessions.ready();
    const active = sessions.active;
    if (!active) {
      void vscode.window.showInformationMessage('No incident is active.');
      return undefined;
    }
    const text =
      typeof summary === 'string'
        ? summary
        : await vscode.window.showInputBox({ title: `Resolve ${active.id}`, prompt: 'How it was resolved (optional; goes into the post-mortem)' });
    if (text === undefined) return undefined;
    const record = await sessions.resolve(text.trim() || undefined);
    if (record && typeof summary !== 'string') {
      void vscode.window.showInformationMessage(`Resolved ${record.id}.`, 'Generate Post-Mortem').then((a) => (a ? vscode.commands.executeCommand(Commands.generatePostMortem, record.id) : undefined));
    }
    return record?.id;
  }

  async function pickSession(id: string | undefined, purpose: string): Promise<IncidentRecord | undefined> {
    await sessions.ready();
    if (id) return sessions.sessions.find((session) => session.record.id === id)?.record;
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

  async function runbookTemplates(record: IncidentRecord) {
    if (!record.runbookUri) return undefined;
    try {
      const uri = vscode.Uri.parse(record.runbookUri);
      const document = await vscode.workspace.openTextDocument(uri);
      const runbook = await index.parseDocument(document);
      return extractRunbookTemplates(runbook, document.getText());
    } catch (error) {
      log.warn(`Could not read the incident's runbook ${record.runbookUri}: ${String(error)}`);
      return undefined;
    }
  }

  async function workspaceTemplate(): Promise<{ path: string; text: string } | undefined> {
    const setting = config.postMortemTemplate();
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!setting || !folder) return undefined;
    try {
      // Inside the workspace only: a repository's settings must not make the post-mortem a
      // copy of ~/.kube/config or any other file of the user's.
      const resolved = await resolveInsideWorkspace(folder.uri.fsPath, Settings.postMortemTemplate, setting);
      if ('problem' in resolved) {
        void vscode.window.showWarningMessage(`${resolved.problem} Using another template.`);
        return undefined;
      }
      return { path: setting, text: await readFile(resolved.path, 'utf8') };
    } catch {
      void vscode.window.showWarningMessage(`The post-mortem template ${setting} (oncall.postMortem.template) cannot be read; using another template.`);
      return undefined;
    }
  }

  async function generate(id?: string, options: GenerateOptions = {}): Promise<string | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (!folder) {
      void vscode.window.showInformationMessage('Open a folder first: post-mortems are written into the workspace.');
      return undefined;
    }
    const record = await pickSession(typeof id === 'string' ? id : undefined, 'Generate a post-mortem for');
    if (!record) return undefined;
    const timeline = await sessions.timeline(record.id);
    if (!timeline) return undefined;
    const fromRunbook = (await runbookTemplates(record))?.postMortem;
    const fromWorkspace = await workspaceTemplate();
    const choices: { label: string; description?: string; value: PostMortemTemplateChoice; text: string }[] = [];
    if (fromWorkspace) choices.push({ label: 'Workspace template', description: fromWorkspace.path, value: 'workspace', text: fromWorkspace.text });
    if (fromRunbook) choices.push({ label: "The runbook's template", description: 'from its post-mortem section', value: 'runbook', text: fromRunbook });
    const builtIn = (['google-sre', 'pagerduty'] as const).map((key) => ({ label: BUILT_IN_TEMPLATES[key].label, description: 'built in', value: key, text: BUILT_IN_TEMPLATES[key].text }));
    const preferred = config.postMortemStyle();
    choices.push(...builtIn.sort((a, b) => Number(b.value === preferred) - Number(a.value === preferred)));
    let choice = options.template ? choices.find((c) => c.value === options.template) : undefined;
    if (options.template && !choice) throw new Error(`No ${options.template} post-mortem template is available for ${record.id}.`);
    if (!choice) {
      choice = choices.length === 1 ? choices[0] : await vscode.window.showQuickPick(choices, { title: `Post-mortem template for ${record.id}` });
      if (!choice) return undefined;
    }
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const rows = assembleTimeline(timeline.events, { timeZone });
    const responders = [...new Set([...(record.responders ?? []), await responderName()])];
    const text = renderPostMortem(choice.text, {
      record: timeline.record,
      rows,
      events: timeline.events,
      metrics: computeMetrics(timeline.record, timeline.events),
      now: new Date().toISOString(),
      responders,
      draft: timeline.record.resolvedAt === undefined,
      timeZone,
    });
    const target = await postMortemFolder(folder.uri.fsPath);
    // Exclusive creation: a file another window wrote meanwhile is never overwritten; the
    // next free name (-2, -3...) is taken instead.
    const written = await createNextFreeFile(target, (taken) => postMortemFileName('', timeline.record, taken), text);
    const uri = vscode.Uri.file(written);
    const relative = vscode.workspace.asRelativePath(uri, false);
    await vscode.window.showTextDocument(uri, { preview: false });
    log.info(`Wrote the post-mortem of ${record.id} to ${relative} (${choice.label}).`);
    return uri.toString();
  }

  async function copyStatusMessage(kind?: 'initial' | 'update' | 'resolution', id?: string): Promise<string | undefined> {
    const record = await pickSession(id, 'Status message for');
    if (!record) return undefined;
    let chosen = kind;
    if (!chosen) {
      const suggested = record.resolvedAt ? 'resolution' : 'update';
      const items = (['initial', 'update', 'resolution'] as const).map((value) => ({ label: value[0].toUpperCase() + value.slice(1), value, picked: value === suggested }));
      const picked = await vscode.window.showQuickPick(items.sort((a, b) => Number(b.picked) - Number(a.picked)), { title: `Status message for ${record.id}` });
      if (!picked) return undefined;
      chosen = picked.value;
    }
    const templates = await runbookTemplates(record);
    const text = renderStatusMessage(templates?.status[chosen], chosen, { record, now: new Date().toISOString(), nextUpdateMinutes: 30, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(`${chosen[0].toUpperCase()}${chosen.slice(1)} status message copied`, 4000);
    return text;
  }

  async function actions(): Promise<void> {
    const active = sessions.active;
    const items: { label: string; command: string }[] = active
      ? [
          { label: '$(note) Add Timeline Note', command: Commands.addTimelineNote },
          { label: '$(megaphone) Copy Status Message', command: Commands.copyStatusMessage },
          { label: '$(file-text) Generate Post-Mortem (draft)', command: Commands.generatePostMortem },
          { label: '$(pass) Resolve Incident', command: Commands.resolveSession },
        ]
      : [{ label: '$(record) Start Incident', command: Commands.startSession }];
    const picked = await vscode.window.showQuickPick(items, { title: active ? `${active.id} ${active.title}` : 'No active incident' });
    if (picked) await vscode.commands.executeCommand(picked.command);
  }

  return [
    subscription,
    vscode.commands.registerCommand(Commands.startSession, (argument?: IncidentNode | string, options?: StartOptions) => guard(start(argument, options))),
    vscode.commands.registerCommand(Commands.addTimelineNote, (text?: string) => guard(addNote(text))),
    vscode.commands.registerCommand(Commands.resolveSession, (summary?: string) => guard(resolve(summary))),
    vscode.commands.registerCommand(Commands.generatePostMortem, (id?: string, options?: GenerateOptions) =>
      guard(vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Writing the post-mortem' }, () => generate(id, options))),
    ),
    vscode.commands.registerCommand(Commands.copyStatusMessage, (kind?: 'initial' | 'update' | 'resolution', id?: string) => guard(copyStatusMessage(kind, id))),
    vscode.commands.registerCommand(Commands.incidentActions, () => guard(actions())),
    vscode.commands.registerCommand(Commands.refreshSessions, () => guard(sessions.reload())),
  ];

  function guard<T>(work: Thenable<T>): Promise<T | undefined> {
    return reportFailures(log, work);
  }
}
