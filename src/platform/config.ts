import { homedir } from 'node:os';
import { delimiter, sep } from 'node:path';
import * as vscode from 'vscode';
import { Settings, USER_ONLY_WHEN_UNTRUSTED } from '../constants';
import type { ConfirmMode } from '../core/execution/planExecution';
import { clampPollSeconds } from '../core/incidents/pollSchedule';
import { effectiveCaptureOutput, effectiveConfirmMode, effectiveProtectedContexts, type GuardDecision, type ScopedValues } from '../core/settings/guardSettings';
import { expandSettingPath, expandSettingPathList, type PathExpansionEnvironment } from '../core/shared/settingPaths';
import type { SeverityMapping } from '../core/incidents/severityMapping';
import type { IncidentGrouping } from '../core/incidents/incidentPresentation';
import { isSeverityLevel, type SeverityLevel } from '../core/shared/severity';
import { DEFAULT_UPDATE_INTERVAL_MINUTES, updateIntervalMinutes } from '../core/statusUpdates/updateCadence';

export type AutoStartIncidents = 'ask' | 'alwaysForP0P1' | 'never';

/** One entry of `oncall.alertmanager.instances`, as far as it could be read. */
export interface AlertmanagerInstanceSetting {
  readonly name: string;
  readonly url: string;
  readonly username?: string;
  readonly headers?: Record<string, string>;
  readonly tls?: { ca?: string; cert?: string; key?: string; insecureSkipVerify?: boolean };
  /** The HA cluster the Alertmanager is a peer of (Alertmanager instances only). */
  readonly cluster?: string;
}

/**
 * Typed, live access to the extension's settings. Always read at the moment of use (never
 * cached at import) so a change in the Settings editor takes effect at once.
 */
export const config = {
  runbookInclude(): string[] {
    return stringList(Settings.runbookInclude, ['**/runbooks/**/*.md', '**/*runbook*.md', '**/playbooks/**/*.md']);
  },
  runbookExclude(): string[] {
    return stringList(Settings.runbookExclude, ['**/node_modules/**', '**/.git/**']);
  },
  showStarterRunbooks(): boolean {
    return get<boolean>(Settings.showStarterRunbooks, true);
  },
  codeLensEnabled(): boolean {
    return get<boolean>(Settings.codeLensEnabled, true);
  },
  /**
   * Glob patterns of contexts where steps need the context name typed: the user's, plus any a
   * workspace adds. A workspace never removes one (see core/settings/guardSettings).
   */
  protectedContexts(): string[] {
    return logIgnored(effectiveProtectedContexts(scoped(Settings.protectedContexts)));
  },
  /**
   * The kubeconfig file(s) that replace KUBECONFIG and ~/.kube/config (several joined like
   * KUBECONFIG), with `~` and `${env:NAME}` expanded; undefined when unset, `error` when a
   * variable it uses is not set.
   */
  kubeconfigPaths(): { readonly paths: readonly string[] } | { readonly error: string } | undefined {
    const value = get<string>(Settings.kubeconfigPath, '').trim();
    if (value === '') return undefined;
    const expanded = expandSettingPathList(value, delimiter, pathEnvironment());
    if ('error' in expanded) return { error: `The setting ${Settings.kubeconfigPath} cannot be used: ${expanded.error}.` };
    return expanded.paths.length > 0 ? expanded : undefined;
  },
  /** The user's confirm mode, made stricter (never looser) by a workspace. */
  executionConfirm(): ConfirmMode {
    return logIgnored(effectiveConfirmMode(scoped(Settings.executionConfirm)));
  },
  /** Where the lines "this workspace tries to …; ignored" go (once each per session). */
  onIgnoredWorkspaceValue(sink: (sentence: string) => void): void {
    ignoredSink = sink;
  },
  /**
   * Alertmanager instances. An entry without a name is named after its host, so a half-written
   * entry still shows up (with its error) instead of vanishing.
   */
  alertmanagerInstances(): AlertmanagerInstanceSetting[] {
    return instanceList(Settings.alertmanagerInstances, 'alertmanager');
  },
  /** Never below MIN_POLL_SECONDS.alertmanager, wherever the value comes from. */
  alertmanagerPollSeconds(): number {
    return clampPollSeconds('alertmanager', get<unknown>(Settings.alertmanagerPollInterval, 15), 15);
  },
  /** Where the user's own settings (not a workspace's) point an Alertmanager name, if they do. */
  userAlertmanagerUrl(name: string): string | undefined {
    return userInstanceUrl(Settings.alertmanagerInstances, name);
  },
  pagerDutyEnabled(): boolean {
    return get<boolean>(Settings.pagerDutyEnabled, false);
  },
  pagerDutyApiUrl(): string {
    return get<string>(Settings.pagerDutyApiUrl, 'https://api.pagerduty.com').trim() || 'https://api.pagerduty.com';
  },
  /** The PagerDuty API URL of the user's own settings (or the default), ignoring any workspace. */
  userPagerDutyApiUrl(): string {
    const inspected = vscode.workspace.getConfiguration().inspect<unknown>(Settings.pagerDutyApiUrl);
    const value = typeof inspected?.globalValue === 'string' ? inspected.globalValue.trim() : '';
    return value || 'https://api.pagerduty.com';
  },
  pagerDutyServiceIds(): string[] {
    return stringList(Settings.pagerDutyServiceIds, []);
  },
  pagerDutyTeamIds(): string[] {
    return stringList(Settings.pagerDutyTeamIds, []);
  },
  /** Never below MIN_POLL_SECONDS.pagerduty, wherever the value comes from. */
  pagerDutyPollSeconds(): number {
    return clampPollSeconds('pagerduty', get<unknown>(Settings.pagerDutyPollInterval, 30), 30);
  },
  /** Whether timeline notes go to the PagerDuty incidents of the active incident too: ask (the default), always or never. */
  pagerDutyPostNotes(): 'ask' | 'always' | 'never' {
    const value = get<string>(Settings.pagerDutyPostNotes, 'ask');
    return value === 'always' || value === 'never' ? value : 'ask';
  },
  kubeIncidentsEnabled(): boolean {
    return get<boolean>(Settings.kubeIncidentsEnabled, true);
  },
  /** Namespaces to watch for failing workloads; empty means all the user may list. */
  kubeIncidentNamespaces(): string[] {
    return stringList(Settings.kubeIncidentNamespaces, []);
  },
  showSuppressedIncidents(): boolean {
    return get<boolean>(Settings.showSilencedIncidents, false);
  },
  /** The second level of the Incidents view; anything unknown is the default. */
  incidentGrouping(): IncidentGrouping {
    return get<string>(Settings.incidentsGroupBy, 'service') === 'alertmanager' ? 'alertmanager' : 'service';
  },
  notifyIncidents(): boolean {
    return get<boolean>(Settings.notifyIncidents, true);
  },
  /** Minutes between status updates of an active incident; 0 turns the reminder off. */
  statusUpdateIntervalMinutes(): number {
    return updateIntervalMinutes(get<unknown>(Settings.statusUpdateInterval, DEFAULT_UPDATE_INTERVAL_MINUTES));
  },
  /**
   * Whether the first step run from a runbook opened for an alert starts an incident: ask
   * (the default), start at once for P0-P1 alerts (and ask for the others), or never.
   */
  /** Whether steps keep what they print beside the journal (see StepOutputs); a workspace may only turn it on. */
  captureStepOutput(): boolean {
    return logIgnored(effectiveCaptureOutput(scoped(Settings.captureStepOutput)));
  },
  autoStartIncidents(): AutoStartIncidents {
    const value = get<string>(Settings.autoStartIncidents, 'ask');
    return value === 'alwaysForP0P1' || value === 'never' ? value : 'ask';
  },
  /** Lower-cased label value → level; entries naming no level are ignored. */
  severityMapping(): SeverityMapping {
    const value = get<unknown>(Settings.severityMapping, {});
    const result: Record<string, SeverityLevel> = {};
    if (typeof value === 'object' && value !== null) {
      for (const [word, level] of Object.entries(value)) {
        const upper = typeof level === 'string' ? level.toUpperCase() : '';
        if (isSeverityLevel(upper)) result[word.trim().toLowerCase()] = upper;
      }
    }
    return result;
  },
  responseTimes(): Partial<Record<string, unknown>> {
    const value = get<unknown>(Settings.responseTimes, {});
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  },
  /** Workspace-relative folder the post-mortems are written to, as written (checked where it is used). */
  postMortemFolder(): string {
    return expandOrKeep(get<string>(Settings.postMortemFolder, 'postmortems')).trim() || 'postmortems';
  },
  /** A markdown template file, workspace-relative (checked where it is used); undefined when unset. */
  postMortemTemplate(): string | undefined {
    const value = get<string>(Settings.postMortemTemplate, '').trim();
    return value === '' ? undefined : expandOrKeep(value);
  },
  postMortemStyle(): 'google-sre' | 'pagerduty' {
    return get<string>(Settings.postMortemStyle, 'google-sre') === 'pagerduty' ? 'pagerduty' : 'google-sre';
  },
  /** Prometheus servers PromQL blocks run against, read like the Alertmanager instances. */
  prometheusInstances(): AlertmanagerInstanceSetting[] {
    return instanceList(Settings.prometheusInstances, 'prometheus');
  },
  /** How long a query may take, in ms (1 s to 5 min; 30 s unless set). */
  prometheusTimeoutMs(): number {
    const seconds = get<unknown>(Settings.prometheusTimeout, 30);
    return typeof seconds === 'number' && Number.isFinite(seconds) ? Math.min(300, Math.max(1, seconds)) * 1000 : 30_000;
  },
  /** Where the user's own settings (not a workspace's) point a Prometheus name, if they do. */
  userPrometheusUrl(name: string): string | undefined {
    return userInstanceUrl(Settings.prometheusInstances, name);
  },
  /** True when a configuration change touches any of the given settings. */
  affects(event: vscode.ConfigurationChangeEvent, ...settings: string[]): boolean {
    return settings.some((setting) => event.affectsConfiguration(setting));
  },
};

const userOnlyWhenUntrusted = new Set(USER_ONLY_WHEN_UNTRUSTED);

function get<T>(fullKey: string, fallback: T): T {
  if (!vscode.workspace.isTrusted && userOnlyWhenUntrusted.has(fullKey)) {
    // VS Code already drops workspace values of restrictedConfigurations in Restricted Mode;
    // reading the user's value here keeps that true whatever the host does.
    const inspected = vscode.workspace.getConfiguration().inspect<T>(fullKey);
    return inspected?.globalValue ?? inspected?.defaultValue ?? fallback;
  }
  const dot = fullKey.indexOf('.');
  return vscode.workspace.getConfiguration(fullKey.slice(0, dot)).get<T>(fullKey.slice(dot + 1), fallback);
}

/** One setting's value per scope, for the settings where a workspace may only add protection. */
function scoped(fullKey: string): ScopedValues {
  const inspected = vscode.workspace.getConfiguration().inspect<unknown>(fullKey);
  return {
    defaultValue: inspected?.defaultValue,
    userValue: inspected?.globalValue,
    workspaceValue: inspected?.workspaceValue,
    workspaceFolderValue: inspected?.workspaceFolderValue,
  };
}

let ignoredSink: ((sentence: string) => void) | undefined;
const ignoredLogged = new Set<string>();

function logIgnored<T>(decision: GuardDecision<T>): T {
  for (const sentence of decision.ignored) {
    if (ignoredLogged.has(sentence)) continue;
    ignoredLogged.add(sentence);
    ignoredSink?.(`${sentence}.`);
  }
  return decision.value;
}

function stringList(fullKey: string, fallback: string[]): string[] {
  const value = get<unknown>(fullKey, fallback);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : fallback;
}

function stringMap(value: unknown): Record<string, string> | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const entries = Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}

function pathEnvironment(): PathExpansionEnvironment {
  return { home: homedir(), env: process.env, separator: sep === '\\' ? '\\' : '/' };
}

/**
 * `~` and `${env:NAME}` expanded; a path that cannot be expanded is kept as written, so the
 * reader fails on it with the path the user wrote in its sentence.
 */
function expandOrKeep(path: string): string {
  if (path.trim() === '') return path;
  const expanded = expandSettingPath(path, pathEnvironment());
  return 'path' in expanded ? expanded.path : path;
}

function expandTlsPaths(tls: NonNullable<AlertmanagerInstanceSetting['tls']>): AlertmanagerInstanceSetting['tls'] {
  const result: NonNullable<AlertmanagerInstanceSetting['tls']> = { ...tls };
  for (const kind of ['ca', 'cert', 'key'] as const) {
    const path = tls[kind];
    if (typeof path === 'string') result[kind] = expandOrKeep(path);
  }
  return result;
}

/**
 * Instances of a server kind (`oncall.alertmanager.instances`, `oncall.prometheus.instances`).
 * An entry without a name is named after its host, so a half-written entry still shows up
 * (with its error) instead of vanishing.
 */
function instanceList(setting: string, kind: string): AlertmanagerInstanceSetting[] {
  const value = get<unknown>(setting, []);
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry, index): AlertmanagerInstanceSetting[] => {
    if (typeof entry === 'string') return [{ name: hostOf(entry) ?? `${kind}-${index + 1}`, url: entry }];
    if (typeof entry !== 'object' || entry === null) return [];
    const raw = entry as Record<string, unknown>;
    const url = typeof raw.url === 'string' ? raw.url.trim() : '';
    const name = typeof raw.name === 'string' && raw.name.trim() !== '' ? raw.name.trim() : (hostOf(url) ?? `${kind}-${index + 1}`);
    const headers = stringMap(raw.headers);
    const tls = typeof raw.tls === 'object' && raw.tls !== null ? expandTlsPaths(raw.tls as AlertmanagerInstanceSetting['tls'] & object) : undefined;
    return [
      {
        name,
        url,
        ...(typeof raw.username === 'string' && raw.username !== '' ? { username: raw.username } : {}),
        ...(typeof raw.cluster === 'string' && raw.cluster.trim() !== '' ? { cluster: raw.cluster.trim() } : {}),
        ...(headers ? { headers } : {}),
        ...(tls ? { tls } : {}),
      },
    ];
  });
}

/** Where the user's own settings (not a workspace's) point an instance name, if they do. */
function userInstanceUrl(setting: string, name: string): string | undefined {
  const user = vscode.workspace.getConfiguration().inspect<unknown>(setting)?.globalValue;
  if (!Array.isArray(user)) return undefined;
  for (const entry of user) {
    if (typeof entry === 'string' && hostOf(entry) === name) return entry;
    if (typeof entry === 'object' && entry !== null && (entry as { name?: unknown }).name === name) {
      const url = (entry as { url?: unknown }).url;
      return typeof url === 'string' ? url : undefined;
    }
  }
  return undefined;
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host || undefined;
  } catch {
    return undefined;
  }
}
