import * as vscode from 'vscode';
import { BuiltInCommands, Commands, SettingSections, Views } from '../constants';
import { config } from '../platform/config';
import { executeCommand } from '../platform/commands';
import type { IncidentHub } from '../platform/incidents/incidentHub';
import type { AlertmanagerSecretKind, ServerKind } from '../platform/incidents/sourceCredentials';
import { credentialsArgument, pagerDutyKeyArgument, textArgument, type GivenCredentials } from './commandArgs';
import type { CommandEntry, CommandServices } from './commandTable';

type SourceProblem = ReturnType<IncidentHub['problems']>[number];

export const sourceCommands: readonly CommandEntry[] = [
  { id: Commands.fixSource, run: (services, sourceKey) => fixSource(services, textArgument(sourceKey)) },
  { id: Commands.connectAlertmanager, run: connectAlertmanager },
  { id: Commands.setAlertmanagerCredentials, run: (services, name, given) => setAlertmanagerCredentials(services, textArgument(name), credentialsArgument(given)) },
  { id: Commands.setPagerDutyToken, run: (services, given) => setPagerDutyToken(services, pagerDutyKeyArgument(given)) },
  { id: Commands.setPrometheusCredentials, run: (services, name, given) => setServerCredentials(services, PROMETHEUS_TARGET, textArgument(name), credentialsArgument(given)) },
];

/** Where each source kind's settings are, for the Settings editor's search. */
const SETTING_SECTIONS: Readonly<Record<string, string | undefined>> = {
  alertmanager: SettingSections.alertmanager,
  pagerduty: SettingSections.pagerduty,
  kubernetes: SettingSections.kube,
};

async function fixSource(services: CommandServices, sourceKey: string | undefined): Promise<void> {
  const { hub } = services;
  const problem = hub.problems().find((candidate) => candidate.key === sourceKey) ?? (await pickProblem(services));
  if (!problem) return;
  const [kind, ...rest] = problem.key.split('/');
  const name = rest.join('/');
  switch (problem.health.action) {
    case 'retry':
      await vscode.window.withProgress({ location: { viewId: Views.incidents }, title: `Retrying ${problem.title}` }, async () => {
        const source = hub.source(problem.key);
        if (source) await source.refresh();
        else await hub.refreshAll();
      });
      return;
    case 'setCredentials':
      // A stored secret held back from a new address: the question again, not new credentials.
      if (hub.credentials.waitingFor(problem.key) && (await hub.credentials.askAgain(problem.key))) return;
      if (kind === 'pagerduty') await executeCommand(Commands.setPagerDutyToken);
      else await executeCommand(Commands.setAlertmanagerCredentials, name);
      return;
    case 'openSettings':
      await executeCommand(BuiltInCommands.openSettings, SETTING_SECTIONS[kind] ?? kind);
      return;
  }
}

async function pickProblem(services: CommandServices): Promise<SourceProblem | undefined> {
  const problems = services.hub.problems();
  if (problems.length === 0) {
    void vscode.window.showInformationMessage('Every incident source is working.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(problems.map((problem) => ({ label: problem.title, detail: problem.health.message, problem })), { title: 'Fix an incident source' });
  return picked?.problem;
}

async function connectAlertmanager(services: CommandServices): Promise<void> {
  const existing = config.alertmanagerInstances();
  const url = await vscode.window.showInputBox({
    title: 'Connect Alertmanager (1/2): URL',
    placeHolder: 'http://alertmanager.monitoring:9093',
    prompt: 'The Alertmanager base URL, with its route prefix if it has one. No credentials here: they are asked for next.',
    validateInput: validateAlertmanagerUrl,
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
  await services.credentials.addInstance('alertmanager', name.trim(), url.trim());
  const answer = await vscode.window.showInformationMessage(`Connected Alertmanager ${name.trim()}. Does it need a password or token?`, 'Set Credentials', 'No');
  if (answer === 'Set Credentials') await setAlertmanagerCredentials(services, name.trim());
}

function validateAlertmanagerUrl(value: string): string | undefined {
  try {
    const parsed = new URL(value.trim());
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'Use an http:// or https:// URL.';
    if (parsed.password) return 'Leave the password out: it would be stored in settings. It is asked for next.';
    return undefined;
  } catch {
    return 'Enter a URL such as http://alertmanager.monitoring:9093';
  }
}

/** A kind of server whose instances carry a password or token in secret storage. */
interface CredentialTarget {
  readonly kind: ServerKind;
  /** `Alertmanager`, `Prometheus`. */
  readonly title: string;
  names(): string[];
  /** What to offer when none is configured. */
  offerWhenNone(): Promise<void>;
}

const ALERTMANAGER_TARGET: CredentialTarget = {
  kind: 'alertmanager',
  title: 'Alertmanager',
  names: () => config.alertmanagerInstances().map((instance) => instance.name),
  offerWhenNone: async () => {
    const answer = await vscode.window.showInformationMessage('No Alertmanager is configured yet.', 'Connect Alertmanager');
    if (answer) await executeCommand(Commands.connectAlertmanager);
  },
};

const PROMETHEUS_TARGET: CredentialTarget = {
  kind: 'prometheus',
  title: 'Prometheus',
  names: () => config.prometheusInstances().map((instance) => instance.name),
  offerWhenNone: async () => {
    const answer = await vscode.window.showInformationMessage('No Prometheus is configured yet: add one to oncall.prometheus.instances.', 'Open Settings');
    if (answer) await executeCommand(BuiltInCommands.openSettings, SettingSections.prometheus);
  },
};

function setAlertmanagerCredentials(services: CommandServices, name?: string, given?: GivenCredentials): Promise<void> {
  return setServerCredentials(services, ALERTMANAGER_TARGET, name, given);
}

async function setServerCredentials({ credentials }: CommandServices, target: CredentialTarget, name?: string, given?: GivenCredentials): Promise<void> {
  const { kind: server } = target;
  if (name && given && (given.password !== undefined || given.token !== undefined)) {
    // Programmatic (provisioning scripts, other extensions): write-only, nothing is echoed.
    if (given.username) await credentials.setUsername(server, name, given.username);
    await credentials.storeSecret(server, name, given.token !== undefined ? 'token' : 'password', (given.token ?? given.password)!);
    return;
  }
  const instance = await pickInstance(target, name);
  if (!instance) return;
  const kind = await vscode.window.showQuickPick(
    [
      { label: 'Password', detail: `Basic auth (${target.title} --web.config.file, or a proxy)`, value: 'password' as const },
      { label: 'Bearer token', detail: 'Sent as Authorization: Bearer (a proxy in front, Grafana Cloud, Mimir)', value: 'token' as const },
      { label: 'Remove stored credentials', value: 'clear' as const },
    ],
    { title: `Credentials for ${target.title} ${instance}` },
  );
  if (!kind) return;
  if (kind.value === 'clear') {
    await credentials.clearSecrets(server, instance);
    void vscode.window.showInformationMessage(`Removed the stored credentials of ${target.title} ${instance}.`);
    return;
  }
  if (kind.value === 'password' && !credentials.username(server, instance)) {
    const username = await vscode.window.showInputBox({ title: `User name for ${target.title} ${instance}`, validateInput: (v) => (v.trim() ? undefined : 'Enter the basic-auth user name.') });
    if (!username) return;
    await credentials.setUsername(server, instance, username.trim());
  }
  const secret = await askSecret(target, credentials.secretOrigin(server, instance), instance, kind.value);
  if (!secret) return;
  await credentials.storeSecret(server, instance, kind.value, secret);
  void vscode.window.showInformationMessage(`Stored the ${kind.label.toLowerCase()} of ${target.title} ${instance}${target.title === 'Alertmanager' ? '; reconnecting' : ''}.`);
}

/** The instance named, the only one, or one the user picks; none configured offers to add one. */
async function pickInstance(target: CredentialTarget, name: string | undefined): Promise<string | undefined> {
  const names = target.names();
  if (names.length === 0) {
    await target.offerWhenNone();
    return undefined;
  }
  return name && names.includes(name) ? name : names.length === 1 ? names[0] : await vscode.window.showQuickPick(names, { title: `Credentials for which ${target.title}?` });
}

function askSecret(target: CredentialTarget, origin: string | undefined, instance: string, kind: AlertmanagerSecretKind): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: `${kind === 'password' ? `Password for ${target.title} ${instance}` : `Bearer token for ${target.title} ${instance}`}${origin ? ` (sent only to ${origin})` : ''}`,
    password: true,
    prompt: 'Kept in the editor’s secret storage, never in settings or logs.',
    validateInput: (v) => (v ? undefined : 'Enter a value, or press Escape to cancel.'),
  });
}

async function setPagerDutyToken(services: CommandServices, given?: { token?: string; from?: string }): Promise<void> {
  const { credentials } = services;
  if (given?.token && given.from) {
    await credentials.storePagerDutyKey(given.token, given.from);
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
    value: (await credentials.pagerDutyFrom()) ?? '',
    validateInput: (v) => (/^[^@\s]+@[^@\s]+$/.test(v.trim()) ? undefined : 'Enter the email address of your PagerDuty user.'),
  });
  if (!from) return;
  await credentials.storePagerDutyKey(token.trim(), from.trim());
  await credentials.enablePagerDuty();
  void vscode.window.showInformationMessage('Stored the PagerDuty key; triggered and acknowledged incidents will show in the Incidents view.');
}
