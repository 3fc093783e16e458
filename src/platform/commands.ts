import * as vscode from 'vscode';
import { BuiltInCommands, type BuiltInCommandId, type CommandId, type ContextKey, type ViewId } from '../constants';

/**
 * Runs one of the extension's commands, or one of VS Code's named in `BuiltInCommands`: the
 * id is typed, so a renamed or misspelt id fails the type check instead of a menu at run time.
 */
export function executeCommand<T = unknown>(id: CommandId | BuiltInCommandId, ...args: unknown[]): Thenable<T> {
  return vscode.commands.executeCommand<T>(id, ...args);
}

/** Sets a context key read by `when` clauses in package.json. */
export function setContext(key: ContextKey, value: unknown): Thenable<unknown> {
  return executeCommand(BuiltInCommands.setContext, key, value);
}

/** Shows and focuses one of the extension's views (VS Code's `<view id>.focus` command). */
export function focusView(view: ViewId): Thenable<unknown> {
  return vscode.commands.executeCommand(`${view}.focus`);
}
