import * as vscode from 'vscode';
import { Settings } from '../constants';
import type { ConfirmMode } from '../core/execution/planExecution';

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
  /** Glob patterns of contexts where steps need the context name typed. */
  protectedContexts(): string[] {
    return stringList(Settings.protectedContexts, ['*prod*']);
  },
  /** A kubeconfig path (or several, joined like KUBECONFIG) that replaces KUBECONFIG and ~/.kube/config. */
  kubeconfigPath(): string | undefined {
    const value = get<string>(Settings.kubeconfigPath, '').trim();
    return value === '' ? undefined : value;
  },
  executionConfirm(): ConfirmMode {
    const value = get<string>(Settings.executionConfirm, 'destructive');
    return value === 'always' || value === 'never' ? value : 'destructive';
  },
  /** True when a configuration change touches any of the given settings. */
  affects(event: vscode.ConfigurationChangeEvent, ...settings: string[]): boolean {
    return settings.some((setting) => event.affectsConfiguration(setting));
  },
};

function get<T>(fullKey: string, fallback: T): T {
  const dot = fullKey.indexOf('.');
  return vscode.workspace.getConfiguration(fullKey.slice(0, dot)).get<T>(fullKey.slice(dot + 1), fallback);
}

function stringList(fullKey: string, fallback: string[]): string[] {
  const value = get<unknown>(fullKey, fallback);
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : fallback;
}
