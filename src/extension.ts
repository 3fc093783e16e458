import * as vscode from 'vscode';
import { Commands, Views } from './constants';
import { Log } from './platform/log';
import { IncidentsTreeProvider } from './views/incidentsTreeProvider';
import { RunbooksTreeProvider } from './views/runbooksTreeProvider';

/** What activate() returns: read by the integration tests and by other extensions. */
export interface OnCallApi {
  /** Milliseconds spent inside activate(), measured around its own body. */
  readonly activationMs: number;
}

/**
 * The composition root: builds services, registers views and commands, and returns.
 * Nothing here reads files, talks to a server or loads the Kubernetes client: that work
 * starts after activation, when a view or command needs it.
 */
export function activate(context: vscode.ExtensionContext): OnCallApi {
  const started = performance.now();

  const log = new Log();
  context.subscriptions.push(log);

  const incidents = new IncidentsTreeProvider();
  context.subscriptions.push(
    incidents,
    vscode.window.createTreeView(Views.incidents, { treeDataProvider: incidents, showCollapseAll: true }),
  );

  const runbooks = new RunbooksTreeProvider();
  context.subscriptions.push(
    runbooks,
    vscode.window.createTreeView(Views.runbooks, { treeDataProvider: runbooks, showCollapseAll: true }),
  );

  context.subscriptions.push(vscode.commands.registerCommand(Commands.showLog, () => log.show()));

  const activationMs = performance.now() - started;
  log.info(`Activated in ${activationMs.toFixed(1)} ms`);
  return { activationMs };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions and disposed by VS Code.
}
