import * as vscode from 'vscode';
import { OUTPUT_CHANNEL_NAME } from '../constants';
import { redactSecrets } from '../core/execution/secretRedaction';

/**
 * The extension's one log: a LogOutputChannel, so the user's "Set Log Level" applies and
 * lines carry timestamps. Users see one sentence in a notification; details go here. Every
 * line goes through secret redaction first: server answers and error texts are logged as
 * received, and a server may echo a credential back (the HTTP client also removes the exact
 * credentials it sent).
 */
export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;

  constructor() {
    this.channel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  }

  info(message: string, ...args: unknown[]): void {
    this.channel.info(redactSecrets(message), ...args);
  }

  warn(message: string, ...args: unknown[]): void {
    this.channel.warn(redactSecrets(message), ...args);
  }

  error(message: string | Error, ...args: unknown[]): void {
    this.channel.error(typeof message === 'string' ? redactSecrets(message) : redactSecrets(message.stack ?? message.message), ...args);
  }

  debug(message: string, ...args: unknown[]): void {
    this.channel.debug(redactSecrets(message), ...args);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
