import * as vscode from 'vscode';
import { Commands } from '../constants';
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
  ];
}
