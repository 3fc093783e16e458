import * as vscode from 'vscode';
import { Commands, Settings } from '../constants';
import { config } from '../platform/config';
import { describeClusterError, kubeConfigFor, listLiveObjects } from '../platform/kube/kubeClient';
import type { KubeContextService } from '../platform/kube/kubeContextService';
import type { Log } from '../platform/log';

export function registerKubeCommands(kube: KubeContextService, log: Log): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand(Commands.switchContext, async (name?: string) => {
      const state = await kube.ready();
      if (typeof name === 'string' && name !== '') {
        const next = await kube.selectContext(name);
        if (next.kind === 'error') void vscode.window.showErrorMessage(next.error.message);
        return;
      }
      const contexts = kube.contexts();
      if (contexts.length === 0) {
        const message = state.kind === 'error' ? state.error.message : 'No contexts are defined in your kubeconfig.';
        void vscode.window.showWarningMessage(message, 'Show Log').then((c) => c && log.show());
        return;
      }
      const current = state.kind === 'ready' ? state.active.context : undefined;
      const picked = await vscode.window.showQuickPick(
        contexts.map((c) => ({
          label: c.name,
          description: [c.name === current ? '(current)' : '', c.cluster, c.namespace ? `ns ${c.namespace}` : ''].filter(Boolean).join(' · '),
          detail: c.source,
        })),
        { title: 'Switch Kube Context', placeHolder: 'Runbook steps will run in this context (your kubeconfig is not changed)', matchOnDescription: true },
      );
      if (!picked) return;
      const next = await kube.selectContext(picked.label);
      if (next.kind === 'error') void vscode.window.showErrorMessage(next.error.message);
    }),

    vscode.commands.registerCommand(Commands.switchNamespace, async (namespace?: string) => {
      const state = await kube.ready();
      if (state.kind !== 'ready') {
        void vscode.window.showWarningMessage(state.kind === 'error' ? state.error.message : 'The kubeconfig is still loading.');
        return;
      }
      if (typeof namespace === 'string' && namespace !== '') {
        await kube.selectNamespace(namespace);
        return;
      }
      const { active } = state;
      const pick = vscode.window.createQuickPick();
      pick.title = `Switch Namespace in ${active.context}`;
      pick.placeholder = 'Pick a namespace, or type one';
      pick.busy = true;
      pick.show();
      try {
        const namespaces = await listLiveObjects(await kubeConfigFor(active, state.merged), 'namespace', active.namespace);
        pick.items = namespaces.map((n) => ({ label: n.name, description: n.name === active.namespace ? '(current)' : undefined }));
      } catch (error) {
        const message = describeClusterError(error, active, 'list namespaces');
        log.warn(`${message} (${String(error)})`);
        pick.placeholder = `Type a namespace: ${message}`;
      }
      pick.busy = false;
      const chosen = await new Promise<string | undefined>((resolve) => {
        pick.onDidAccept(() => resolve(pick.selectedItems[0]?.label ?? (pick.value.trim() || undefined)));
        pick.onDidHide(() => resolve(undefined));
      });
      pick.dispose();
      if (chosen) await kube.selectNamespace(chosen);
    }),
    vscode.commands.registerCommand(Commands.chooseWatchedNamespaces, async (given?: string[]) => {
      const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
      if (Array.isArray(given)) {
        await vscode.workspace.getConfiguration().update(Settings.kubeIncidentNamespaces, given, target);
        return;
      }
      const state = await kube.ready();
      if (state.kind !== 'ready') {
        void vscode.window.showWarningMessage(state.kind === 'error' ? state.error.message : 'The kubeconfig is still loading.');
        return;
      }
      const { active } = state;
      const current = new Set(config.kubeIncidentNamespaces());
      const pick = vscode.window.createQuickPick();
      pick.canSelectMany = true;
      pick.title = `Namespaces watched for incidents in ${active.context}`;
      pick.placeholder = 'Select none to watch every namespace you may list';
      pick.busy = true;
      pick.show();
      try {
        const namespaces = await listLiveObjects(await kubeConfigFor(active, state.merged), 'namespace', active.namespace);
        const names = new Set([...namespaces.map((n) => n.name), ...current]);
        pick.items = [...names].sort().map((name) => ({ label: name, description: name === active.namespace ? '(context namespace)' : undefined }));
        pick.selectedItems = pick.items.filter((item) => current.has(item.label));
      } catch (error) {
        const message = describeClusterError(error, active, 'list namespaces');
        log.warn(`${message} (${String(error)})`);
        pick.items = [...current].map((name) => ({ label: name }));
        pick.selectedItems = pick.items;
        pick.placeholder = message;
      }
      pick.busy = false;
      const chosen = await new Promise<string[] | undefined>((resolve) => {
        pick.onDidAccept(() => resolve(pick.selectedItems.map((item) => item.label)));
        pick.onDidHide(() => resolve(undefined));
      });
      pick.dispose();
      if (chosen === undefined) return;
      await vscode.workspace.getConfiguration().update(Settings.kubeIncidentNamespaces, chosen, target);
      vscode.window.setStatusBarMessage(chosen.length === 0 ? 'Watching every namespace for incidents' : `Watching ${chosen.join(', ')} for incidents`, 5000);
    }),
  ];
}
