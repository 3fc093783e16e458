import * as vscode from 'vscode';
import type { Log } from '../platform/log';

/**
 * Runs a command's work and turns a failure into one sentence for the user (with Show Log)
 * and the full text in the log, so every command reports errors the same way. Resolves to
 * undefined on failure: callers such as other extensions get no rejected promise.
 */
export async function reportFailures<T>(log: Log, work: Thenable<T>): Promise<T | undefined> {
  try {
    return await work;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error(message);
    void vscode.window.showErrorMessage(message, 'Show Log').then((answer) => (answer ? log.show() : undefined));
    return undefined;
  }
}
