import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { encodeTerminalInput } from '../../core/execution/terminalInput';
import { renderInputrc } from '../../core/execution/terminalReadline';
import type { Log } from '../log';

/**
 * How long to wait for a new terminal's shell integration before falling back to plain
 * sendText (and losing the exit code). The extension starts these bash terminals itself, so
 * integration nearly always arrives; on a loaded machine it took more than 4 s.
 */
const SHELL_INTEGRATION_WAIT_MS = 10_000;

export interface TerminalRunResult {
  readonly terminalName: string;
  /** Undefined when the shell has no integration (the exit code cannot be known). */
  readonly exitCode: number | undefined;
  /** Resolves when the command ends (shell integration only). */
  readonly finished: Promise<{ exitCode: number | undefined; durationMs: number }> | undefined;
}

export interface TerminalRequest {
  /** Terminals are reused by name: one per purpose (later: one per kube context). */
  readonly name: string;
  readonly cwd?: vscode.Uri;
  readonly env?: Record<string, string>;
}

/**
 * Owns the extension's own terminals and sends runbook steps to them. Never the active
 * terminal: a step must not land in whatever shell the user happened to click last.
 */
export class StepTerminals implements vscode.Disposable {
  private readonly terminals = new Map<string, vscode.Terminal>();
  private readonly disposables: vscode.Disposable[];

  private inputrc: string | undefined;

  constructor(
    private readonly log: Log,
    private readonly storageFolder: vscode.Uri,
  ) {
    this.disposables = [
      vscode.window.onDidCloseTerminal((terminal) => {
        for (const [name, owned] of this.terminals) if (owned === terminal) this.terminals.delete(name);
      }),
    ];
  }

  /** Sends `text` as one input and reports its exit code when shell integration can. */
  async run(request: TerminalRequest, text: string): Promise<TerminalRunResult> {
    const terminal = await this.terminalFor(request);
    terminal.show(true);
    const integration = await waitForShellIntegration(terminal);
    const input = encodeTerminalInput(text);

    if (!integration) {
      this.log.info(`Shell integration unavailable in "${terminal.name}": sent without exit code tracking.`);
      terminal.sendText(input.text, true);
      return { terminalName: terminal.name, exitCode: undefined, finished: undefined };
    }

    const started = Date.now();
    const finished = new Promise<{ exitCode: number | undefined; durationMs: number }>((resolve) => {
      let execution: vscode.TerminalShellExecution | undefined;
      const startListener = vscode.window.onDidStartTerminalShellExecution((event) => {
        if (event.terminal === terminal && !execution) execution = event.execution;
      });
      const endListener = vscode.window.onDidEndTerminalShellExecution((event) => {
        if (event.terminal !== terminal || (execution && event.execution !== execution)) return;
        startListener.dispose();
        endListener.dispose();
        resolve({ exitCode: event.exitCode, durationMs: Date.now() - started });
      });
      if (input.multiLine) {
        // executeCommand would type the lines one by one; bracketed paste keeps the block one input.
        terminal.sendText(input.text, true);
      } else {
        execution = integration.executeCommand(input.text);
      }
    });
    return { terminalName: terminal.name, exitCode: undefined, finished };
  }

  private async terminalFor(request: TerminalRequest): Promise<vscode.Terminal> {
    const existing = this.terminals.get(request.name);
    if (existing && existing.exitStatus === undefined) return existing;
    const shellPath = bashPath();
    const inputrc = shellPath ? await this.readlineSettings() : undefined;
    const terminal = vscode.window.createTerminal({
      name: request.name,
      cwd: request.cwd,
      env: { ...request.env, ...(inputrc ? { INPUTRC: inputrc } : {}) },
      // Runbook blocks are written for bash; bash also understands bracketed paste.
      shellPath,
      iconPath: new vscode.ThemeIcon('pulse'),
    });
    this.terminals.set(request.name, terminal);
    return terminal;
  }

  /** Writes (once per session) the readline file for step terminals; undefined when it cannot. */
  private async readlineSettings(): Promise<string | undefined> {
    if (this.inputrc) return this.inputrc;
    const userFile = process.env.INPUTRC ?? join(homedir(), '.inputrc');
    const content = renderInputrc({
      user: existsSync(userFile) ? userFile : undefined,
      system: existsSync('/etc/inputrc') ? '/etc/inputrc' : undefined,
    });
    const target = vscode.Uri.joinPath(this.storageFolder, 'step-terminal.inputrc');
    try {
      await vscode.workspace.fs.createDirectory(this.storageFolder);
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(content));
      this.inputrc = target.fsPath;
    } catch (error) {
      this.log.warn(`Could not write readline settings for step terminals: ${String(error)}`);
    }
    return this.inputrc;
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    for (const terminal of this.terminals.values()) terminal.dispose();
  }
}

function bashPath(): string | undefined {
  if (process.platform === 'win32') return undefined;
  return ['/bin/bash', '/usr/bin/bash', '/usr/local/bin/bash', '/opt/homebrew/bin/bash'].find((path) => existsSync(path));
}

async function waitForShellIntegration(terminal: vscode.Terminal): Promise<vscode.TerminalShellIntegration | undefined> {
  if (terminal.shellIntegration) return terminal.shellIntegration;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      listener.dispose();
      resolve(terminal.shellIntegration);
    }, SHELL_INTEGRATION_WAIT_MS);
    const listener = vscode.window.onDidChangeTerminalShellIntegration((event) => {
      if (event.terminal !== terminal) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(event.shellIntegration);
    });
  });
}
