import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, delimiter, dirname } from 'node:path';
import * as vscode from 'vscode';
import { ActiveContextError, resolveActiveContext, unreadableKubeconfigError, type ActiveContext } from '../../core/kube/activeContextResolver';
import { mergeKubeconfigs, type KubeconfigFile } from '../../core/kube/kubeconfigMerger';
import type { MergedKubeconfig } from '../../core/kube/kubeconfigModel';
import { kubeconfigPaths } from '../../core/kube/kubeconfigPaths';
import { protectionOf, type ProtectionVerdict } from '../../core/kube/protectedContextPolicy';
import { Settings } from '../../constants';
import { config } from '../config';
import { loadParsers } from '../parsing/loadParsers';
import { hostKubeconfigPath, kubernetesExtensionConfiguration } from './kubernetesExtension';
import type { Log } from '../log';

export type KubeState =
  | { readonly kind: 'loading' }
  | {
      readonly kind: 'ready';
      readonly active: ActiveContext;
      readonly protected: boolean;
      /** Which part of the context matched which pattern, when protected. */
      readonly protection: ProtectionVerdict;
      readonly merged: MergedKubeconfig;
      readonly paths: readonly string[];
    }
  | { readonly kind: 'error'; readonly error: ActiveContextError; readonly merged?: MergedKubeconfig; readonly paths: readonly string[] };

const CONTEXT_KEY = 'oncall.kube.context';
const NAMESPACE_KEY = 'oncall.kube.namespace';
const FOLLOWED_KEY = 'oncall.kube.followedCurrentContext';

/**
 * The kube context and namespace the extension runs steps against. It is the extension's
 * own state, per workspace: switching never writes the user's kubeconfig. It starts from the
 * kubeconfig's current-context and follows it: when the file's current-context changes
 * (someone ran `kubectl config use-context`), a context picked here gives way to it.
 */
export class KubeContextService implements vscode.Disposable {
  private current: KubeState = { kind: 'loading' };
  private readonly changeEmitter = new vscode.EventEmitter<KubeState>();
  private readonly disposables: vscode.Disposable[] = [this.changeEmitter];
  private watchers: vscode.Disposable[] = [];
  private loading: Promise<KubeState> | undefined;
  /** Counts reloads started; the latest one's promise is `latest`. */
  private generation = 0;
  private latest: Promise<KubeState> = Promise.resolve({ kind: 'loading' });
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;
  private kubernetesExtension: Promise<Awaited<ReturnType<typeof kubernetesExtensionConfiguration>>> | undefined;

  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly workspaceState: vscode.Memento,
    private readonly log: Log,
  ) {
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('oncall.kube')) void this.reload();
      }),
    );
  }

  get state(): KubeState {
    return this.current;
  }

  /** The current state, once the kubeconfig has been read at least once. */
  async ready(): Promise<KubeState> {
    this.loading ??= this.reload();
    await this.loading;
    // Not the first load's result: a switch or a file change since then must count.
    return this.current;
  }

  /**
   * Reads the kubeconfig files again and resolves the active context. Reloads overlap (a
   * setting change, a file watcher, a switch): only the latest one started may set the state,
   * or a read begun before the kubeconfig setting changed could finish last and put back the
   * files the setting replaced.
   */
  reload(): Promise<KubeState> {
    const generation = ++this.generation;
    const read = this.read(generation);
    this.latest = read;
    return read;
  }

  private async read(generation: number): Promise<KubeState> {
    const superseded = () => generation !== this.generation;
    const source = await this.kubeconfigSource();
    if (superseded()) return this.latest;
    if ('error' in source) return this.fail(new ActiveContextError('unreadable-kubeconfig', source.error), [], undefined);
    const { paths, named } = source;
    // The parser brings the yaml package: loaded on the first read, after activation.
    const { parseKubeconfig } = await loadParsers();
    let unreadable: ActiveContextError | undefined;
    const files: KubeconfigFile[] = await Promise.all(
      paths.map(async (path) => {
        try {
          return { path, config: parseKubeconfig(await readFile(path, 'utf8'), path) };
        } catch (error) {
          const failure = error as NodeJS.ErrnoException;
          // kubectl skips a missing file of KUBECONFIG or ~/.kube/config; a file the user named
          // in a setting, or one that exists but cannot be read, stops everything instead.
          if (failure.code !== 'ENOENT' || named) unreadable ??= unreadableKubeconfigError(path, failure, named ?? 'found through KUBECONFIG or ~/.kube/config');
          return { path, config: undefined };
        }
      }),
    );
    if (superseded()) return this.latest;
    const merged = mergeKubeconfigs(files);
    for (const note of merged.notes) this.log.debug(note.message);
    if (unreadable) return this.fail(unreadable, paths, merged);

    // Follow the kubeconfig: a new current-context there replaces the context picked here.
    const followed = this.workspaceState.get<string>(FOLLOWED_KEY);
    if (merged.currentContext !== undefined && followed !== undefined && merged.currentContext !== followed) {
      this.log.info(`The kubeconfig's current-context changed to "${merged.currentContext}": following it.`);
      await this.workspaceState.update(CONTEXT_KEY, undefined);
      await this.workspaceState.update(NAMESPACE_KEY, undefined);
    }
    await this.workspaceState.update(FOLLOWED_KEY, merged.currentContext);
    if (superseded()) return this.latest;

    const resolved = resolveActiveContext(merged, {
      context: this.workspaceState.get<string>(CONTEXT_KEY),
      namespace: this.workspaceState.get<string>(NAMESPACE_KEY),
    });
    if (ActiveContextError.is(resolved)) {
      this.current = { kind: 'error', error: resolved, merged, paths };
    } else {
      const protection = protectionOf({ context: resolved.context, cluster: resolved.cluster, server: resolved.server }, config.protectedContexts());
      this.current = { kind: 'ready', active: resolved, protected: protection.protected, protection, merged, paths };
    }
    if (this.current.kind === 'error') this.log.warn(this.current.error.message);
    this.watch(paths);
    this.changeEmitter.fire(this.current);
    return this.current;
  }

  /** An error state that stops every run and shows in the status bar. */
  private fail(error: ActiveContextError, paths: readonly string[], merged: MergedKubeconfig | undefined): KubeState {
    this.current = { kind: 'error', error, paths, ...(merged ? { merged } : {}) };
    this.log.warn(error.message);
    this.watch(paths);
    this.changeEmitter.fire(this.current);
    return this.current;
  }

  /** Context names in the merged kubeconfig, in file order. */
  contexts(): readonly { name: string; cluster: string; namespace?: string; source: string }[] {
    const merged = this.current.kind === 'loading' ? undefined : this.current.merged;
    return merged?.contexts ?? [];
  }

  async selectContext(name: string): Promise<KubeState> {
    await this.workspaceState.update(CONTEXT_KEY, name);
    await this.workspaceState.update(NAMESPACE_KEY, undefined);
    return this.reload();
  }

  async selectNamespace(namespace: string): Promise<KubeState> {
    await this.workspaceState.update(NAMESPACE_KEY, namespace || undefined);
    return this.reload();
  }

  /**
   * The setting, else the Kubernetes extension's kubeconfig (so both agree), else kubectl's
   * rules. `named` says which setting chose the files: those must exist.
   */
  private async kubeconfigSource(): Promise<{ paths: string[]; named?: string } | { error: string }> {
    const configured = config.kubeconfigPaths();
    if (configured && 'error' in configured) return configured;
    if (configured) return { paths: [...configured.paths], named: `set in ${Settings.kubeconfigPath}` };
    const kubernetes = await this.followKubernetesExtension();
    const fromExtension = kubernetes ? hostKubeconfigPath(kubernetes) : undefined;
    if (fromExtension) return { paths: [fromExtension], named: "set in the Kubernetes extension's vs-kubernetes.kubeconfig" };
    return { paths: kubeconfigPaths({ KUBECONFIG: process.env.KUBECONFIG }, homedir(), delimiter) };
  }

  /** Looks the Kubernetes extension up once, and reloads when it changes kubeconfig or context. */
  private followKubernetesExtension(): ReturnType<typeof kubernetesExtensionConfiguration> {
    this.kubernetesExtension ??= kubernetesExtensionConfiguration(this.log).then((api) => {
      if (api) {
        this.log.info('Following the Kubernetes extension\'s kubeconfig and context.');
        this.disposables.push(
          api.onDidChangeKubeconfigPath(() => void this.reload()),
          // It switches context by rewriting current-context, which the reload then follows.
          api.onDidChangeContext(() => void this.reload()),
        );
      }
      return api;
    });
    return this.kubernetesExtension;
  }

  /** Watches each kubeconfig file (created, changed or deleted) and reloads shortly after. */
  private watch(paths: readonly string[]): void {
    this.watchers.forEach((w) => w.dispose());
    this.watchers = paths.map((path) => {
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dirname(path)), basename(path)));
      const schedule = () => {
        clearTimeout(this.reloadTimer);
        // Tools rewrite kubeconfig in several writes; wait for them to settle.
        this.reloadTimer = setTimeout(() => void this.reload(), 200);
      };
      watcher.onDidChange(schedule);
      watcher.onDidCreate(schedule);
      watcher.onDidDelete(schedule);
      return watcher;
    });
  }

  dispose(): void {
    clearTimeout(this.reloadTimer);
    this.watchers.forEach((w) => w.dispose());
    this.disposables.forEach((d) => d.dispose());
  }
}
