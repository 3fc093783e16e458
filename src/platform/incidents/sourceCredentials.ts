import * as vscode from 'vscode';
import { Settings } from '../../constants';
import { originOf } from '../../core/incidents/credentialOrigin';
import { config } from '../config';
import type { CredentialBindings } from './credentialBindings';
import { SecretKeys } from './incidentSource';

export type AlertmanagerSecretKind = 'password' | 'token';

/**
 * The settings and secrets of incident sources: Alertmanager instances and their passwords
 * or tokens, and the PagerDuty key. Every secret is bound to the origin it may be sent to
 * before it is stored.
 */
export class SourceCredentials {
  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly bindings: CredentialBindings,
  ) {}

  /** Adds an Alertmanager to the user's settings. */
  async addAlertmanager(name: string, url: string): Promise<void> {
    const current = vscode.workspace.getConfiguration().inspect<unknown[]>(Settings.alertmanagerInstances)?.globalValue ?? [];
    await vscode.workspace.getConfiguration().update(Settings.alertmanagerInstances, [...current, { name, url }], vscode.ConfigurationTarget.Global);
  }

  /** The basic-auth user name an Alertmanager already has, in its entry or in its URL. */
  alertmanagerUsername(name: string): string | undefined {
    const configured = config.alertmanagerInstances().find((entry) => entry.name === name);
    return configured?.username || (configured ? safeUsername(configured.url) : undefined);
  }

  async setAlertmanagerUsername(name: string, username: string): Promise<void> {
    await this.updateAlertmanagerInstance(name, { username });
  }

  /**
   * Where a secret stored now for an Alertmanager name may go: where the user's own settings
   * point the name, else where the settings in effect do (shown in the input box title).
   */
  alertmanagerSecretOrigin(name: string): string | undefined {
    const url = config.userAlertmanagerUrl(name) ?? config.alertmanagerInstances().find((entry) => entry.name === name)?.url;
    return url !== undefined ? originOf(url) : undefined;
  }

  async storeAlertmanagerSecret(name: string, kind: AlertmanagerSecretKind, secret: string): Promise<void> {
    const origin = this.alertmanagerSecretOrigin(name);
    await this.bindings.bindTo(`alertmanager/${name}`, origin ? [origin] : []);
    // One kind at a time: a stale token would otherwise win over a new password.
    await this.secrets.delete(kind === 'password' ? SecretKeys.alertmanagerToken(name) : SecretKeys.alertmanagerPassword(name));
    await this.secrets.store(kind === 'password' ? SecretKeys.alertmanagerPassword(name) : SecretKeys.alertmanagerToken(name), secret);
  }

  async clearAlertmanagerSecrets(name: string): Promise<void> {
    await this.secrets.delete(SecretKeys.alertmanagerPassword(name));
    await this.secrets.delete(SecretKeys.alertmanagerToken(name));
    await this.bindings.forget(`alertmanager/${name}`);
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

  /** Patches one entry of oncall.alertmanager.instances in the scope that defines it. */
  private async updateAlertmanagerInstance(name: string, patch: Record<string, unknown>): Promise<void> {
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
}

function safeUsername(url: string): string | undefined {
  try {
    return new URL(url).username || undefined;
  } catch {
    return undefined;
  }
}
