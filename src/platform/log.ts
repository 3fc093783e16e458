import * as vscode from 'vscode';
import { OUTPUT_CHANNEL_NAME } from '../constants';

/**
 * The extension's one log: a LogOutputChannel, so the user's "Set Log Level" applies and
 * lines carry timestamps. Users see one sentence in a notification; details go here.
 */
export class Log implements vscode.Disposable {
  private readonly channel: vscode.LogOutputChannel;

  constructor() {
    this.channel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
  }

  info(message: string, ...args: unknown[]): void {
    this.channel.info(message, ...args);
  }

  warn(message: string, ...args: unknown[]): void {
    this.channel.warn(message, ...args);
  }

  error(message: string | Error, ...args: unknown[]): void {
    this.channel.error(message, ...args);
  }

  debug(message: string, ...args: unknown[]): void {
    this.channel.debug(message, ...args);
  }

  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}
