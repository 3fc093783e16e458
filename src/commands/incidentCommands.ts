import { mkdir } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { Commands, ContextKeys, Settings } from '../constants';
import type { Incident } from '../core/incidents/incidentModel';
import { formatIncidentSummary, SOURCE_TITLES } from '../core/incidents/incidentPresentation';
import { indexRunbooksForMatching, matchRunbook, type RunbookFile, type RunbookMatchIndex } from '../core/incidents/runbookMatching';
import { originOf } from '../core/incidents/credentialOrigin';
import { renderRunbookStub, runbookStubPath } from '../core/incidents/runbookStub';
import { config } from '../platform/config';
import { reportFailures } from './commandFailures';
import type { IncidentHub } from '../platform/incidents/incidentHub';
import type { IncidentSessions } from '../platform/incidents/incidentSessions';
import { SecretKeys } from '../platform/incidents/incidentSource';
import type { Log } from '../platform/log';
import type { RunbookIndex } from '../platform/runbooks/runbookIndex';
import { createFileExclusively, resolveInsideWorkspace } from '../platform/workspaceFiles';
import type { IncidentNode } from '../views/incidentsTreeProvider';

/** What an incident command accepts: a tree node, an incident id, or nothing (then it asks). */
type IncidentArgument = IncidentNode | { readonly id: string } | string | undefined;

export interface SilenceOptions {
  /** Skip the duration pick (other extensions, keybindings and tests pass these). */
  readonly durationMs?: number;
  readonly comment?: string;
}

/** Credentials passed as command arguments instead of typed into input boxes. */
export interface GivenCredentials {
  readonly username?: string;
  readonly password?: string;
  readonly token?: string;
}

/** A silence this workspace created: only those are offered for expiry. */
export interface OwnSilence {
  readonly instance: string;
  readonly id: string;
  readonly endsAt: string;
  readonly title: string;
}

const OWN_SILENCES_KEY = 'oncall.incidents.ownSilences';

const DURATIONS: readonly { label: string; ms: number }[] = [
  { label: '30 minutes', ms: 30 * 60_000 },
  { label: '1 hour', ms: 60 * 60_000 },
  { label: '2 hours', ms: 2 * 60 * 60_000 },
  { label: '4 hours', ms: 4 * 60 * 60_000 },
  { label: '1 day', ms: 24 * 60 * 60_000 },
];

export interface IncidentCommandServices {
  readonly hub: IncidentHub;
  readonly index: RunbookIndex;
  readonly secrets: vscode.SecretStorage;
  /** Incident sessions: told which runbook was opened for which alert, and about silences. */
  readonly sessions: IncidentSessions;
  readonly state: vscode.Memento;
  readonly log: Log;
}

/** The silences this workspace created that have not ended yet. */
export function ownSilences(state: vscode.Memento): OwnSilence[] {
  const now = Date.now();
  return state.get<OwnSilence[]>(OWN_SILENCES_KEY, []).filter((silence) => Date.parse(silence.endsAt) > now);
}

export function registerIncidentCommands(services: IncidentCommandServices): vscode.Disposable[] {
  const { hub, index, state, log } = services;
  let matchIndex: { index: RunbookMatchIndex; files: RunbookFile[] } | undefined;
  const indexSubscription = index.onDidChange(() => (matchIndex = undefined));

  async function runbookMatchIndex(): Promise<RunbookMatchIndex> {
    if (matchIndex) return matchIndex.index;
    await index.ensureLoaded();
    const files: RunbookFile[] = index.all().map((entry) => ({
      uri: entry.uri.toString(),
      runbook: entry.runbook,
      path: entry.starter ? entry.label : vscode.workspace.asRelativePath(entry.uri, true),
      starter: entry.starter,
    }));
    matchIndex = { index: indexRunbooksForMatching(files), files };
    return matchIndex.index;
  }

  async function resolveIncident(argument: IncidentArgument, purpose: string, accept: (incident: Incident) => boolean = () => true): Promise<Incident | undefined> {
    const id = typeof argument === 'string' ? argument : argument && 'id' in argument ? argument.id : undefined;
    if (id !== undefined) {
      const incident = hub.find(id);
      if (!incident) void vscode.window.showWarningMessage('That incident is gone: it was resolved or its source was removed.');
      return incident;
    }
    const candidates = [...hub.incidents()].filter(accept);
    if (candidates.length === 0) {
      void vscode.window.showInformationMessage(`No incident to ${purpose}.`);
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(
      candidates.map((incident) => ({
        label: `${incident.severity} ${incident.title}`,
        description: `${SOURCE_TITLES[incident.source]} ${incident.sourceName}${incident.status === 'firing' ? '' : ` · ${incident.status}`}`,
        detail: incident.alertName,
        incident,
      })),
      { title: `Incident to ${purpose}`, matchOnDescription: true, matchOnDetail: true },
    );
    return picked?.incident;
  }

  async function openRunbook(argument: IncidentArgument): Promise<boolean> {
    const incident = await resolveIncident(argument, 'open the runbook of');
    if (!incident) return false;
    const match = matchRunbook(incident, await runbookMatchIndex());
    if (match) {
      services.sessions.linkRunbook(match.uri, incident);
      const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(match.uri));
      const position = new vscode.Position(match.line, 0);
      await vscode.window.showTextDocument(document, { selection: new vscode.Range(position, position), preview: false });
      vscode.window.activeTextEditor?.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.AtTop);
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
        if (answer === 'Create Runbook') await createRunbook(incident);
      });
    return false;
  }

  /**
   * Writes a runbook stub, created exclusively: a runbook of that name, even one another
   * window writes at the same moment, is opened instead and never overwritten.
   */
  async function createRunbook(incident: Incident): Promise<vscode.Uri | undefined> {
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

  async function silence(argument: IncidentArgument, options: SilenceOptions = {}): Promise<string | undefined> {
    const incident = await resolveIncident(argument, 'silence', (candidate) => candidate.source === 'alertmanager' && candidate.status === 'firing');
    if (!incident) return undefined;
    const source = incident.source === 'alertmanager' ? hub.alertmanager(incident.sourceName) : undefined;
    if (!source) {
      void vscode.window.showWarningMessage(`${incident.title} is not an Alertmanager alert: only alerts can be silenced.`);
      return undefined;
    }
    let durationMs = options.durationMs;
    if (durationMs === undefined) {
      const picked = await vscode.window.showQuickPick(DURATIONS.map((duration) => ({ label: duration.label, ms: duration.ms })), {
        title: `Silence ${incident.alertName ?? incident.title} on ${incident.sourceName} for…`,
      });
      if (!picked) return undefined;
      durationMs = picked.ms;
    }
    let comment = options.comment;
    if (comment === undefined) {
      comment = await vscode.window.showInputBox({
        title: 'Why is it silenced? (Alertmanager records this with the silence)',
        value: 'Being worked on',
        validateInput: (value) => (value.trim() === '' ? 'Alertmanager requires a comment.' : undefined),
      });
      if (comment === undefined) return undefined;
    }
    const createdBy = userInfo().username || 'oncall';
    const id = await vscode.window.withProgress({ location: { viewId: 'oncall.incidents' }, title: 'Silencing' }, () =>
      source.silence(incident, { durationMs: durationMs!, comment: comment!, createdBy }),
    );
    const endsAt = new Date(Date.now() + durationMs).toISOString();
    await state.update(OWN_SILENCES_KEY, [...ownSilences(state), { instance: incident.sourceName, id, endsAt, title: incident.title }]);
    log.info(`Silenced ${incident.alertName ?? incident.title} on ${incident.sourceName} until ${endsAt} (silence ${id}).`);
    await services.sessions.record({ type: 'alert-silenced', at: new Date().toISOString(), incidentId: incident.id, title: incident.title, silenceId: id, until: endsAt, comment });
    void vscode.window
      .showInformationMessage(`Silenced ${incident.alertName ?? incident.title} until ${new Date(endsAt).toLocaleTimeString()} (silence ${id.slice(0, 8)}).`, 'Undo')
      .then((answer) => (answer === 'Undo' ? expire(id) : undefined));
    return id;
  }

  async function expire(argument: IncidentArgument | string): Promise<void> {
    const own = ownSilences(state);
    let targets: OwnSilence[];
    const silenceId = typeof argument === 'string' && own.some((s) => s.id === argument) ? argument : undefined;
    if (silenceId) targets = own.filter((s) => s.id === silenceId);
    else if (argument !== undefined) {
      const incident = await resolveIncident(argument as IncidentArgument, 'unsilence');
      targets = own.filter((s) => incident?.silencedBy?.includes(s.id) && s.instance === incident.sourceName);
    } else {
      const picked = await vscode.window.showQuickPick(
        own.map((s) => ({ label: s.title, description: `${s.instance} · until ${new Date(s.endsAt).toLocaleString()}`, silence: s })),
        { title: 'Expire a silence created here', placeHolder: own.length === 0 ? 'No silence created from this workspace is active' : undefined },
      );
      targets = picked ? [picked.silence] : [];
    }
    if (targets.length === 0) {
      if (argument !== undefined) void vscode.window.showInformationMessage('No active silence created from this workspace covers that alert.');
      return;
    }
    for (const target of targets) {
      const source = hub.alertmanager(target.instance);
      if (!source) throw new Error(`Alertmanager ${target.instance} is no longer configured, so its silence cannot be expired from here.`);
      await source.expireSilence(target.id);
    }
    const ids = new Set(targets.map((t) => t.id));
    await state.update(OWN_SILENCES_KEY, ownSilences(state).filter((s) => !ids.has(s.id)));
    void vscode.window.showInformationMessage(`Expired ${targets.length === 1 ? 'the silence' : `${targets.length} silences`}: the alert shows again if it is still firing.`);
  }

  async function changePagerDuty(argument: IncidentArgument, status: 'acknowledged' | 'resolved'): Promise<void> {
    const verb = status === 'acknowledged' ? 'acknowledge' : 'resolve';
    const incident = await resolveIncident(argument, verb, (candidate) => candidate.source === 'pagerduty' && (status === 'resolved' || candidate.status === 'triggered'));
    if (!incident) return;
    const source = hub.pagerDutySource();
    if (incident.source !== 'pagerduty' || !source) {
      void vscode.window.showWarningMessage(`${incident.title} is not a PagerDuty incident.`);
      return;
    }
    await vscode.window.withProgress({ location: { viewId: 'oncall.incidents' }, title: status === 'acknowledged' ? 'Acknowledging' : 'Resolving' }, () =>
      status === 'acknowledged' ? source.acknowledge(incident.sourceId) : source.resolve(incident.sourceId),
    );
    log.info(`PagerDuty incident ${incident.sourceId} ${status}.`);
    vscode.window.setStatusBarMessage(`PagerDuty: ${incident.title} ${status}`, 5000);
  }

  async function fixSource(sourceKey: string | undefined): Promise<void> {
    const problem = hub.problems().find((candidate) => candidate.key === sourceKey) ?? (await pickProblem());
    if (!problem) return;
    const [kind, ...rest] = problem.key.split('/');
    const name = rest.join('/');
    switch (problem.health.action) {
      case 'retry':
        await vscode.window.withProgress({ location: { viewId: 'oncall.incidents' }, title: `Retrying ${problem.title}` }, async () => {
          const source = hub.source(problem.key);
          if (source) await source.refresh();
          else await hub.refreshAll();
        });
        return;
      case 'setCredentials':
        // A stored secret held back from a new address: the question again, not new credentials.
        if (hub.credentials.waitingFor(problem.key) && (await hub.credentials.askAgain(problem.key))) return;
        if (kind === 'pagerduty') await vscode.commands.executeCommand(Commands.setPagerDutyToken);
        else await vscode.commands.executeCommand(Commands.setAlertmanagerCredentials, name);
        return;
      case 'openSettings':
        await vscode.commands.executeCommand('workbench.action.openSettings', kind === 'kubernetes' ? 'oncall.kube' : `oncall.${kind}`);
        return;
    }
  }

  async function pickProblem() {
    const problems = hub.problems();
    if (problems.length === 0) {
      void vscode.window.showInformationMessage('Every incident source is working.');
      return undefined;
    }
    const picked = await vscode.window.showQuickPick(problems.map((problem) => ({ label: problem.title, detail: problem.health.message, problem })), { title: 'Fix an incident source' });
    return picked?.problem;
  }

  async function setAlertmanagerCredentials(name?: string, given?: GivenCredentials): Promise<void> {
    if (name && given && (given.password !== undefined || given.token !== undefined)) {
      // Programmatic (provisioning scripts, other extensions): write-only, nothing is echoed.
      if (given.username) await updateAlertmanagerInstance(name, { username: given.username });
      await bindAlertmanagerSecret(name);
      await context.secrets.delete(given.token !== undefined ? SecretKeys.alertmanagerPassword(name) : SecretKeys.alertmanagerToken(name));
      await context.secrets.store(given.token !== undefined ? SecretKeys.alertmanagerToken(name) : SecretKeys.alertmanagerPassword(name), (given.token ?? given.password)!);
      return;
    }
    const names = config.alertmanagerInstances().map((instance) => instance.name);
    if (names.length === 0) {
      const answer = await vscode.window.showInformationMessage('No Alertmanager is configured yet.', 'Connect Alertmanager');
      if (answer) await vscode.commands.executeCommand(Commands.connectAlertmanager);
      return;
    }
    const instance = name && names.includes(name) ? name : names.length === 1 ? names[0] : await vscode.window.showQuickPick(names, { title: 'Credentials for which Alertmanager?' });
    if (!instance) return;
    const kind = await vscode.window.showQuickPick(
      [
        { label: 'Password', detail: 'Basic auth (Alertmanager --web.config.file, or a proxy)', value: 'password' as const },
        { label: 'Bearer token', detail: 'Sent as Authorization: Bearer (a proxy in front, Grafana Cloud, Mimir)', value: 'token' as const },
        { label: 'Remove stored credentials', value: 'clear' as const },
      ],
      { title: `Credentials for Alertmanager ${instance}` },
    );
    if (!kind) return;
    if (kind.value === 'clear') {
      await context.secrets.delete(SecretKeys.alertmanagerPassword(instance));
      await context.secrets.delete(SecretKeys.alertmanagerToken(instance));
      await hub.credentials.forget(`alertmanager/${instance}`);
      void vscode.window.showInformationMessage(`Removed the stored credentials of Alertmanager ${instance}.`);
      return;
    }
    if (kind.value === 'password') {
      const configured = config.alertmanagerInstances().find((entry) => entry.name === instance);
      const userInUrl = configured ? safeUsername(configured.url) : undefined;
      if (!configured?.username && !userInUrl) {
        const username = await vscode.window.showInputBox({ title: `User name for Alertmanager ${instance}`, validateInput: (v) => (v.trim() ? undefined : 'Enter the basic-auth user name.') });
        if (!username) return;
        await updateAlertmanagerInstance(instance, { username: username.trim() });
      }
    }
    const origin = alertmanagerSecretOrigin(instance);
    const secret = await vscode.window.showInputBox({
      title: `${kind.value === 'password' ? `Password for Alertmanager ${instance}` : `Bearer token for Alertmanager ${instance}`}${origin ? ` (sent only to ${origin})` : ''}`,
      password: true,
      prompt: 'Kept in the editor’s secret storage, never in settings or logs.',
      validateInput: (v) => (v ? undefined : 'Enter a value, or press Escape to cancel.'),
    });
    if (!secret) return;
    await bindAlertmanagerSecret(instance);
    // One kind at a time: a stale token would otherwise win over a new password.
    await context.secrets.delete(kind.value === 'password' ? SecretKeys.alertmanagerToken(instance) : SecretKeys.alertmanagerPassword(instance));
    await context.secrets.store(kind.value === 'password' ? SecretKeys.alertmanagerPassword(instance) : SecretKeys.alertmanagerToken(instance), secret);
    void vscode.window.showInformationMessage(`Stored the ${kind.label.toLowerCase()} of Alertmanager ${instance}; reconnecting.`);
  }

  async function connectAlertmanager(): Promise<void> {
    const existing = config.alertmanagerInstances();
    const url = await vscode.window.showInputBox({
      title: 'Connect Alertmanager (1/2): URL',
      placeHolder: 'http://alertmanager.monitoring:9093',
      prompt: 'The Alertmanager base URL, with its route prefix if it has one. No credentials here: they are asked for next.',
      validateInput: (value) => {
        try {
          const parsed = new URL(value.trim());
          if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'Use an http:// or https:// URL.';
          if (parsed.password) return 'Leave the password out: it would be stored in settings. It is asked for next.';
          return undefined;
        } catch {
          return 'Enter a URL such as http://alertmanager.monitoring:9093';
        }
      },
    });
    if (!url) return;
    const suggested = existing.length === 0 ? 'main' : new URL(url.trim()).hostname;
    const name = await vscode.window.showInputBox({
      title: 'Connect Alertmanager (2/2): name',
      value: suggested,
      prompt: 'Shown in the Incidents view, e.g. prod-eu.',
      validateInput: (value) => (!value.trim() ? 'Enter a name.' : existing.some((entry) => entry.name === value.trim()) ? 'An Alertmanager with that name is already configured.' : undefined),
    });
    if (!name) return;
    const target = vscode.ConfigurationTarget.Global;
    const current = vscode.workspace.getConfiguration().inspect<unknown[]>(Settings.alertmanagerInstances)?.globalValue ?? [];
    await vscode.workspace.getConfiguration().update(Settings.alertmanagerInstances, [...current, { name: name.trim(), url: url.trim() }], target);
    const answer = await vscode.window.showInformationMessage(`Connected Alertmanager ${name.trim()}. Does it need a password or token?`, 'Set Credentials', 'No');
    if (answer === 'Set Credentials') await setAlertmanagerCredentials(name.trim());
  }

  /**
   * Where a secret stored now for an Alertmanager name may go: where the user's own settings
   * point the name, else where the settings in effect do (shown in the input box title).
   */
  function alertmanagerSecretOrigin(name: string): string | undefined {
    const url = config.userAlertmanagerUrl(name) ?? config.alertmanagerInstances().find((entry) => entry.name === name)?.url;
    return url !== undefined ? originOf(url) : undefined;
  }

  async function bindAlertmanagerSecret(name: string): Promise<void> {
    const origin = alertmanagerSecretOrigin(name);
    await hub.credentials.bindTo(`alertmanager/${name}`, origin ? [origin] : []);
  }

  /** A PagerDuty key is bound to the API of the user's own settings (or the default one). */
  async function bindPagerDutyKey(): Promise<void> {
    const origin = originOf(config.userPagerDutyApiUrl());
    await hub.credentials.bindTo('pagerduty/pagerduty', origin ? [origin] : []);
  }

  /** Patches one entry of oncall.alertmanager.instances in the scope that defines it. */
  async function updateAlertmanagerInstance(name: string, patch: Record<string, unknown>): Promise<void> {
    const inspected = vscode.workspace.getConfiguration().inspect<unknown[]>(Settings.alertmanagerInstances);
    const scopes: [unknown[] | undefined, vscode.ConfigurationTarget][] = [
      [inspected?.workspaceFolderValue, vscode.ConfigurationTarget.WorkspaceFolder],
      [inspected?.workspaceValue, vscode.ConfigurationTarget.Workspace],
      [inspected?.globalValue, vscode.ConfigurationTarget.Global],
    ];
    for (const [value, target] of scopes) {
      if (!Array.isArray(value)) continue;
      const index = value.findIndex((entry) => typeof entry === 'object' && entry !== null && (entry as { name?: unknown }).name === name);
      if (index < 0) continue;
      const next = [...value];
      next[index] = { ...(value[index] as object), ...patch };
      await vscode.workspace.getConfiguration().update(Settings.alertmanagerInstances, next, target);
      return;
    }
  }

  async function setPagerDutyToken(given?: { token?: string; from?: string }): Promise<void> {
    if (given?.token && given.from) {
      await bindPagerDutyKey();
      await context.secrets.store(SecretKeys.pagerDutyToken, given.token);
      await context.secrets.store(SecretKeys.pagerDutyFrom, given.from);
      return;
    }
    const token = await vscode.window.showInputBox({
      title: 'PagerDuty (1/2): REST API key',
      password: true,
      prompt: 'A user or account REST API key. Kept in the editor’s secret storage, never in settings or logs.',
      validateInput: (v) => (v.trim() ? undefined : 'Enter the API key, or press Escape to cancel.'),
    });
    if (!token) return;
    const from = await vscode.window.showInputBox({
      title: 'PagerDuty (2/2): your PagerDuty email',
      prompt: 'Sent as the From header on acknowledge and resolve: PagerDuty records it as the acting user.',
      value: (await context.secrets.get(SecretKeys.pagerDutyFrom)) ?? '',
      validateInput: (v) => (/^[^@\s]+@[^@\s]+$/.test(v.trim()) ? undefined : 'Enter the email address of your PagerDuty user.'),
    });
    if (!from) return;
    await bindPagerDutyKey();
    await context.secrets.store(SecretKeys.pagerDutyToken, token.trim());
    await context.secrets.store(SecretKeys.pagerDutyFrom, from.trim());
    if (!config.pagerDutyEnabled()) await vscode.workspace.getConfiguration().update(Settings.pagerDutyEnabled, true, vscode.ConfigurationTarget.Global);
    void vscode.window.showInformationMessage('Stored the PagerDuty key; triggered and acknowledged incidents will show in the Incidents view.');
  }

  async function setShowSilenced(show: boolean): Promise<void> {
    await vscode.workspace.getConfiguration().update(Settings.showSilencedIncidents, show, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('setContext', ContextKeys.showingSilencedIncidents, show);
  }

  const context = { secrets: services.secrets };

  return [
    indexSubscription,
    vscode.commands.registerCommand(Commands.refreshIncidents, () =>
      vscode.window.withProgress({ location: { viewId: 'oncall.incidents' }, title: 'Refreshing incidents' }, () => hub.refreshAll()),
    ),
    vscode.commands.registerCommand(Commands.showSilencedIncidents, () => setShowSilenced(true)),
    vscode.commands.registerCommand(Commands.hideSilencedIncidents, () => setShowSilenced(false)),
    vscode.commands.registerCommand(Commands.openIncidentRunbook, openRunbook),
    vscode.commands.registerCommand(Commands.createIncidentRunbook, async (argument: IncidentArgument) => {
      const incident = await resolveIncident(argument, 'create a runbook for');
      return incident ? (await createRunbook(incident))?.toString() : undefined;
    }),
    vscode.commands.registerCommand(Commands.silenceIncident, (argument: IncidentArgument, options?: SilenceOptions) => reportFailure(silence(argument, options))),
    vscode.commands.registerCommand(Commands.expireSilence, (argument: IncidentArgument) => reportFailure(expire(argument))),
    vscode.commands.registerCommand(Commands.acknowledgeIncident, (argument: IncidentArgument) => reportFailure(changePagerDuty(argument, 'acknowledged'))),
    vscode.commands.registerCommand(Commands.resolveIncident, (argument: IncidentArgument) => reportFailure(changePagerDuty(argument, 'resolved'))),
    vscode.commands.registerCommand(Commands.copyIncidentSummary, async (argument: IncidentArgument) => {
      const incident = await resolveIncident(argument, 'copy');
      if (!incident) return undefined;
      const summary = formatIncidentSummary(incident, Date.now());
      await vscode.env.clipboard.writeText(summary);
      vscode.window.setStatusBarMessage('Incident summary copied', 3000);
      return summary;
    }),
    vscode.commands.registerCommand(Commands.openIncidentSource, async (argument: IncidentArgument) => {
      const incident = await resolveIncident(argument, 'open in its source', (candidate) => candidate.url !== undefined);
      if (!incident) return;
      if (!incident.url || !/^https?:\/\//i.test(incident.url)) {
        void vscode.window.showInformationMessage(`${SOURCE_TITLES[incident.source]} gave no link for ${incident.title}.`);
        return;
      }
      await vscode.env.openExternal(vscode.Uri.parse(incident.url));
    }),
    vscode.commands.registerCommand(Commands.fixSource, (sourceKey?: string) => reportFailure(fixSource(sourceKey))),
    vscode.commands.registerCommand(Commands.connectAlertmanager, () => reportFailure(connectAlertmanager())),
    vscode.commands.registerCommand(Commands.setAlertmanagerCredentials, (name?: string, given?: GivenCredentials) => reportFailure(setAlertmanagerCredentials(name, given))),
    vscode.commands.registerCommand(Commands.setPagerDutyToken, (given?: { token?: string; from?: string }) => reportFailure(setPagerDutyToken(given))),
  ];

  function reportFailure<T>(work: Thenable<T>): Promise<T | undefined> {
    return reportFailures(log, work);
  }
}

function safeUsername(url: string): string | undefined {
  try {
    return new URL(url).username || undefined;
  } catch {
    return undefined;
  }
}
