import * as vscode from 'vscode';
import { Settings } from '../constants';

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
