import * as vscode from 'vscode';
import { Settings } from '../../constants';
import { originOf } from '../../core/incidents/credentialOrigin';
import { config } from '../config';
import type { CredentialBindings } from './credentialBindings';
import { SecretKeys } from './incidentSource';

export type AlertmanagerSecretKind = 'password' | 'token';

/** Servers configured as a list of instances, each with a password or token in secret storage. */
export type ServerKind = 'alertmanager' | 'prometheus';

interface ServerSettings {
  readonly setting: string;
  instances(): { name: string; url: string; username?: string }[];
  userUrl(name: string): string | undefined;
  password(name: string): string;
  token(name: string): string;
}

const SERVERS: Readonly<Record<ServerKind, ServerSettings>> = {
  alertmanager: {
    setting: Settings.alertmanagerInstances,
    instances: () => config.alertmanagerInstances(),
    userUrl: (name) => config.userAlertmanagerUrl(name),
    password: SecretKeys.alertmanagerPassword,
    token: SecretKeys.alertmanagerToken,
  },
  prometheus: {
    setting: Settings.prometheusInstances,
    instances: () => config.prometheusInstances(),
    userUrl: (name) => config.userPrometheusUrl(name),
    password: SecretKeys.prometheusPassword,
    token: SecretKeys.prometheusToken,
  },
};

/**
 * The settings and secrets of the servers the extension asks: Alertmanager and Prometheus
 * instances and their passwords or tokens, and the PagerDuty key. Every secret is bound to
 * the origin it may be sent to before it is stored.
 */
export class SourceCredentials {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly bindings: CredentialBindings,
  ) {}

  /** Adds an instance to the user's settings. */
  async addInstance(kind: ServerKind, name: string, url: string): Promise<void> {
    const setting = SERVERS[kind].setting;
    const current = vscode.workspace.getConfiguration().inspect<unknown[]>(setting)?.globalValue ?? [];
    await vscode.workspace.getConfiguration().update(setting, [...current, { name, url }], vscode.ConfigurationTarget.Global);
  }

  /** The basic-auth user name an instance already has, in its entry or in its URL. */
  username(kind: ServerKind, name: string): string | undefined {
    const configured = SERVERS[kind].instances().find((entry) => entry.name === name);
    return configured?.username || (configured ? safeUsername(configured.url) : undefined);
  }

  async setUsername(kind: ServerKind, name: string, username: string): Promise<void> {
    await this.updateInstance(SERVERS[kind].setting, name, { username });
  }

  /**
   * Where a secret stored now for an instance name may go: where the user's own settings
   * point the name, else where the settings in effect do (shown in the input box title).
   */
  secretOrigin(kind: ServerKind, name: string): string | undefined {
    const url = SERVERS[kind].userUrl(name) ?? SERVERS[kind].instances().find((entry) => entry.name === name)?.url;
    return url !== undefined ? originOf(url) : undefined;
  }

  async storeSecret(kind: ServerKind, name: string, secretKind: AlertmanagerSecretKind, secret: string): Promise<void> {
    const origin = this.secretOrigin(kind, name);
    const keys = SERVERS[kind];
    await this.bindings.bindTo(`${kind}/${name}`, origin ? [origin] : []);
    // One kind at a time: a stale token would otherwise win over a new password.
    await this.secrets.delete(secretKind === 'password' ? keys.token(name) : keys.password(name));
    await this.secrets.store(secretKind === 'password' ? keys.password(name) : keys.token(name), secret);
  }

  async clearSecrets(kind: ServerKind, name: string): Promise<void> {
    await this.secrets.delete(SERVERS[kind].password(name));
    await this.secrets.delete(SERVERS[kind].token(name));
    await this.bindings.forget(`${kind}/${name}`);
  }

  pagerDutyFrom(): Thenable<string | undefined> {
    return this.secrets.get(SecretKeys.pagerDutyFrom);
  }

  /** A PagerDuty key is bound to the API of the user's own settings (or the default one). */
  async storePagerDutyKey(token: string, from: string): Promise<void> {
    const origin = originOf(config.userPagerDutyApiUrl());
    await this.bindings.bindTo('pagerduty/pagerduty', origin ? [origin] : []);
    await this.secrets.store(SecretKeys.pagerDutyToken, token);
    await this.secrets.store(SecretKeys.pagerDutyFrom, from);
  }

  async enablePagerDuty(): Promise<void> {
    if (!config.pagerDutyEnabled()) await vscode.workspace.getConfiguration().update(Settings.pagerDutyEnabled, true, vscode.ConfigurationTarget.Global);
  }

  /** Patches one entry of a list of instances in the scope that defines it. */
  private async updateInstance(setting: string, name: string, patch: Record<string, unknown>): Promise<void> {
    const inspected = vscode.workspace.getConfiguration().inspect<unknown[]>(setting);
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
      await vscode.workspace.getConfiguration().update(setting, next, target);
      return;
    }
  }
}

function safeUsername(url: string): string | undefined {
  try {
    return new URL(url).username || undefined;
  } catch {
    return undefined;
  }
}
