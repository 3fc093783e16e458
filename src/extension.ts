import { join } from 'node:path';
import * as vscode from 'vscode';
import { Commands } from './constants';
import { executeCommand } from './platform/commands';
import type * as ServicesModule from './services';
import type { OnCallApi } from './services';

export type { OnCallApi } from './services';

/** What activate() returns: read by the integration tests and by other extensions. */
export interface OnCallExtension {
  /** Milliseconds spent inside activate(), measured around its own body. */
  readonly activationMs: number;
  /** The extension's services, started on the tick after activation (or by the first command). */
  services(): Promise<OnCallApi>;
}

/**
 * Activation only registers a placeholder for each contributed command and returns: the
 * extension's code (views, sources, commands: dist/services.js, over 200 KB) is compiled and
 * started on the next tick, so that activating On-Call, which every Markdown file does, costs
 * the extension host about as much as an empty extension. A command run before that (from
 * the palette, a menu or the walkthrough, which activate the extension on the way) starts the
 * services and then runs.
 */
export function activate(context: vscode.ExtensionContext): OnCallExtension {
  const started = performance.now();
  let activationMs = 0;
  let starting: Promise<OnCallApi> | undefined;
  const placeholders: vscode.Disposable[] = [];
  const services = (): Promise<OnCallApi> => {
    starting ??= new Promise<OnCallApi>((resolve) => {
      // The services register the real commands in this same tick: no command is ever missing.
      for (const placeholder of placeholders) placeholder.dispose();
      resolve(loadServices().startServices(context, activationMs));
    });
    return starting;
  };
  for (const id of Object.values(Commands)) {
    placeholders.push(
      vscode.commands.registerCommand(id, async (...args: unknown[]) => {
        await services();
        return executeCommand(id, ...args);
      }),
    );
  }
  context.subscriptions.push(...placeholders);
  setTimeout(() => {
    services().catch((error: unknown) => reportStartFailure(context, error));
  }, 0);
  activationMs = performance.now() - started;
  return { activationMs, services };
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions and disposed by VS Code.
}

/**
 * A broken install (a bundle missing or failing to load) must not leave "command not found"
 * behind: every command the failed start did not register says why On-Call is not working.
 */
function reportStartFailure(context: vscode.ExtensionContext, error: unknown): void {
  console.error(error);
  // The first line: a failed require appends its whole require stack.
  const reason = (error instanceof Error ? error.message : String(error)).split('\n', 1)[0];
  const message = `On-Call could not start: ${reason}. Reinstalling the extension may help.`;
  for (const id of Object.values(Commands)) {
    try {
      context.subscriptions.push(vscode.commands.registerCommand(id, () => void vscode.window.showErrorMessage(message)));
    } catch {
      // Registered by the services before they failed: that command keeps working.
    }
  }
  void vscode.window.showErrorMessage(message);
}

/** A computed path: the bundler must leave this require to run time. */
function loadServices(): typeof ServicesModule {
  return require(join(__dirname, 'services.js')) as typeof ServicesModule;
}
