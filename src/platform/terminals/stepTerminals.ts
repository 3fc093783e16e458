import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { findInteractiveUse, type InteractiveUse } from '../../core/execution/interactiveCommands';
import { encodeTerminalInput } from '../../core/execution/terminalInput';
import { chooseStepTerminal, terminalPool, type TerminalSnapshot } from '../../core/execution/terminalRouting';
import { renderInputrc } from '../../core/execution/terminalReadline';
import type { OutputSink } from '../execution/stepOutputs';
import type { Log } from '../log';

/**
 * How long to wait for a new terminal's shell integration before falling back to plain
 * sendText (and losing the exit code). The extension starts these bash terminals itself, so
 * integration nearly always arrives; on a loaded machine it took more than 4 s.
 */
const SHELL_INTEGRATION_WAIT_MS = 10_000;

export interface TerminalRunResult {
  readonly terminalName: string;
  /** Set when the step took over the terminal (a session, prompt, pager...): it ran in one of its own. */
  readonly interactive?: InteractiveUse;
  /** Why the step went to a new terminal rather than the context's busy one. */
  readonly note?: string;
  /**
   * Resolves with the exit code when the command ends; undefined when the shell has no
   * integration, so the end and the exit code cannot be known.
   */
  readonly finished: Promise<{ exitCode: number | undefined; durationMs: number }> | undefined;
}

export interface TerminalRequest {
  /**
   * The name of the context's terminal, e.g. `On-Call: dev`. Further terminals of the
   * context, opened while it is busy, are numbered (`On-Call: dev (2)`); interactive steps
   * get `On-Call: dev (interactive: ssh)`.
   */
  readonly name: string;
  readonly cwd?: vscode.Uri;
  readonly env?: Record<string, string>;
}

interface OwnedTerminal {
  readonly terminal: vscode.Terminal;
  readonly pool: string;
  /** Commands started in it and not ended yet, typed by the user or sent as steps. */
  readonly running: Set<vscode.TerminalShellExecution>;
  /** A step was sent and its end not seen yet (without shell integration, never). */
  awaitingEnd: boolean;
  lastCommand?: string;
}

/**
 * Owns the extension's own terminals and sends runbook steps to them. Never the active
 * terminal: a step must not land in whatever shell the user happened to click last, and
 * never a terminal that is not at its prompt (see `chooseStepTerminal`).
 */
export class StepTerminals implements vscode.Disposable {
  private readonly terminals = new Map<vscode.Terminal, OwnedTerminal>();
  private readonly disposables: vscode.Disposable[];

  private inputrc: string | undefined;

  constructor(
    private readonly log: Log,
    private readonly storageFolder: vscode.Uri,
  ) {
    this.disposables = [
      vscode.window.onDidCloseTerminal((terminal) => this.terminals.delete(terminal)),
      vscode.window.onDidStartTerminalShellExecution((event) => {
        const owned = this.terminals.get(event.terminal);
        if (!owned) return;
        owned.running.add(event.execution);
        owned.lastCommand = event.execution.commandLine.value || owned.lastCommand;
      }),
      vscode.window.onDidEndTerminalShellExecution((event) => {
        const owned = this.terminals.get(event.terminal);
        if (!owned) return;
        owned.running.delete(event.execution);
        // Steps go only to terminals at their prompt, so an end seen after a send is that step's.
        if (owned.running.size === 0) owned.awaitingEnd = false;
      }),
    ];
  }

  /**
   * Sends `text` as one input to a terminal of the request's context that is at its prompt
   * (a new one when none is), and reports its exit code when shell integration can.
   */
  async run(request: TerminalRequest, text: string, output?: OutputSink): Promise<TerminalRunResult> {
    const interactive = findInteractiveUse(text);
    const { owned, note } = await this.terminalFor(request, interactive, text);
    const terminal = owned.terminal;
    terminal.show(true);
    const integration = await waitForShellIntegration(terminal);
    const input = encodeTerminalInput(text);
    const described = { terminalName: terminal.name, interactive, note };

    if (!integration) {
      this.log.info(`Shell integration unavailable in "${terminal.name}": sent without exit code tracking; it gets no further step.`);
      terminal.sendText(input.text, true);
      return { ...described, finished: undefined };
    }

    const started = Date.now();
    const finished = new Promise<{ exitCode: number | undefined; durationMs: number }>((resolve) => {
      let execution: vscode.TerminalShellExecution | undefined;
      const take = (taken: vscode.TerminalShellExecution) => {
        execution = taken;
        // Read at once: the stream holds only what is printed after the first read.
        if (output) void this.readOutput(taken, output);
      };
      const done = (exitCode: number | undefined) => {
        listeners.forEach((listener) => listener.dispose());
        resolve({ exitCode, durationMs: Date.now() - started });
      };
      const listeners = [
        vscode.window.onDidStartTerminalShellExecution((event) => {
          if (event.terminal === terminal && !execution) take(event.execution);
        }),
        vscode.window.onDidEndTerminalShellExecution((event) => {
          if (event.terminal === terminal && (!execution || event.execution === execution)) done(event.exitCode);
        }),
        // A terminal closed mid-step never reports the end: the step ends here, with what it printed so far.
        vscode.window.onDidCloseTerminal((closed) => {
          if (closed === terminal) done(undefined);
        }),
      ];
      if (input.multiLine) {
        // executeCommand would type the lines one by one; bracketed paste keeps the block one input.
        terminal.sendText(input.text, true);
      } else {
        take(integration.executeCommand(input.text));
      }
    });
    return { ...described, finished };
  }

  /**
   * Hands every chunk of a step's output to the sink as it comes; never stops early (the end
   * event waits for readers). VS Code itself keeps every chunk of a read execution until the
   * command ends (microsoft/vscode#256854): the sink holds nothing, but while a step that prints
   * without end runs, the extension host's memory grows with its output until it is stopped.
   */
  private async readOutput(execution: vscode.TerminalShellExecution, output: OutputSink): Promise<void> {
    try {
      for await (const chunk of execution.read()) output.write(chunk);
    } catch (error) {
      this.log.warn(`Reading a step's output stopped: ${String(error)}`);
    }
  }

  /**
   * Picks (or opens) the terminal and marks it busy at once, before any await, so that two
   * steps started together never share a terminal.
   */
  private async terminalFor(request: TerminalRequest, interactive: InteractiveUse | undefined, text: string): Promise<{ owned: OwnedTerminal; note?: string }> {
    const shellPath = bashPath();
    const inputrc = shellPath ? await this.readlineSettings() : undefined;
    // From here to marking the terminal busy, nothing awaits.
    const open = [...this.terminals.values()].filter((owned) => owned.terminal.exitStatus === undefined);
    const pool = terminalPool(request.name, interactive);
    const choice = chooseStepTerminal(pool, open.map(snapshot));
    let owned = choice.kind === 'reuse' ? open.find((candidate) => candidate.terminal.name === choice.name) : undefined;
    const note = choice.kind === 'create' ? choice.because : undefined;
    if (!owned) {
      const lines = [
        interactive ? `On-Call: this step ${interactive.reason}, so it runs in a terminal of its own; later steps go to "${request.name}".` : undefined,
        note ? `On-Call: ${note}` : undefined,
      ].filter((line): line is string => line !== undefined);
      const terminal = vscode.window.createTerminal({
        name: choice.name,
        cwd: request.cwd,
        env: { ...request.env, ...(inputrc ? { INPUTRC: inputrc } : {}) },
        // Runbook blocks are written for bash; bash also understands bracketed paste.
        shellPath,
        iconPath: new vscode.ThemeIcon(interactive ? 'terminal' : 'pulse'),
        message: lines.length > 0 ? `\x1b[2m${lines.join('\r\n')}\x1b[0m` : undefined,
        // Not revived after a reload: its KUBECONFIG names a pin file of the window that made it.
        isTransient: true,
      });
      owned = { terminal, pool, running: new Set(), awaitingEnd: false };
      this.terminals.set(terminal, owned);
      if (note) {
        this.log.info(note);
        vscode.window.setStatusBarMessage(`$(terminal) ${note}`, 8_000);
      }
    }
    owned.awaitingEnd = true;
    owned.lastCommand = text;
    return { owned, note };
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
    for (const owned of this.terminals.values()) owned.terminal.dispose();
  }
}

function snapshot(owned: OwnedTerminal): TerminalSnapshot {
  return { name: owned.terminal.name, pool: owned.pool, running: owned.running.size, awaitingEnd: owned.awaitingEnd, lastCommand: owned.lastCommand };
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
