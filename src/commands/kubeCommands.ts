import * as vscode from 'vscode';
import { Commands, Settings } from '../constants';
import { config } from '../platform/config';
import { describeClusterError, kubeConfigFor, listLiveObjects } from '../platform/kube/kubeClient';
import type { KubeState } from '../platform/kube/kubeContextService';
import { namespacesArgument, textArgument } from './commandArgs';
import type { CommandEntry, CommandServices } from './commandTable';

type ReadyKube = Extract<KubeState, { kind: 'ready' }>;

export const kubeCommands: readonly CommandEntry[] = [
  { id: Commands.switchContext, run: (services, name) => switchContext(services, textArgument(name)) },
  { id: Commands.switchNamespace, run: (services, namespace) => switchNamespace(services, textArgument(namespace)) },
  { id: Commands.chooseWatchedNamespaces, run: (services, namespaces) => chooseWatchedNamespaces(services, namespacesArgument(namespaces)) },
];

async function switchContext(services: CommandServices, name: string | undefined): Promise<void> {
  const { kube, log } = services;
  const state = await kube.ready();
  if (name) {
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
}

/** The kube state once loaded, or undefined after telling the user why there is none. */
async function readyKube(services: CommandServices): Promise<ReadyKube | undefined> {
  const state = await services.kube.ready();
  if (state.kind === 'ready') return state;
  void vscode.window.showWarningMessage(state.kind === 'error' ? state.error.message : 'The kubeconfig is still loading.');
  return undefined;
}

/** The namespaces of the active context's cluster, or the sentence saying why they could not be listed. */
async function listNamespaces(services: CommandServices, state: ReadyKube): Promise<string[] | { readonly problem: string }> {
  const { active } = state;
  try {
    const namespaces = await listLiveObjects(await kubeConfigFor(active, state.merged), 'namespace', active.namespace);
    return namespaces.map((n) => n.name);
  } catch (error) {
    const message = describeClusterError(error, active, 'list namespaces');
    services.log.warn(`${message} (${String(error)})`);
    return { problem: message };
  }
}

async function switchNamespace(services: CommandServices, namespace: string | undefined): Promise<void> {
  const state = await readyKube(services);
  if (!state) return;
  if (namespace) {
    await services.kube.selectNamespace(namespace);
    return;
  }
  const { active } = state;
  const pick = vscode.window.createQuickPick();
  pick.title = `Switch Namespace in ${active.context}`;
  pick.placeholder = 'Pick a namespace, or type one';
  pick.busy = true;
  pick.show();
  const listed = await listNamespaces(services, state);
  if ('problem' in listed) pick.placeholder = `Type a namespace: ${listed.problem}`;
  else pick.items = listed.map((name) => ({ label: name, description: name === active.namespace ? '(current)' : undefined }));
  pick.busy = false;
  const chosen = await new Promise<string | undefined>((resolve) => {
    pick.onDidAccept(() => resolve(pick.selectedItems[0]?.label ?? (pick.value.trim() || undefined)));
    pick.onDidHide(() => resolve(undefined));
  });
  pick.dispose();
  if (chosen) await services.kube.selectNamespace(chosen);
}

async function chooseWatchedNamespaces(services: CommandServices, given: string[] | undefined): Promise<void> {
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  if (given) {
    await vscode.workspace.getConfiguration().update(Settings.kubeIncidentNamespaces, given, target);
    return;
  }
  const state = await readyKube(services);
  if (!state) return;
  const { active } = state;
  const current = new Set(config.kubeIncidentNamespaces());
  const pick = vscode.window.createQuickPick();
  pick.canSelectMany = true;
  pick.title = `Namespaces watched for incidents in ${active.context}`;
  pick.placeholder = 'Select none to watch every namespace you may list';
  pick.busy = true;
  pick.show();
  const listed = await listNamespaces(services, state);
  if ('problem' in listed) {
    pick.items = [...current].map((name) => ({ label: name }));
    pick.selectedItems = pick.items;
    pick.placeholder = listed.problem;
  } else {
    pick.items = [...new Set([...listed, ...current])].sort().map((name) => ({ label: name, description: name === active.namespace ? '(context namespace)' : undefined }));
    pick.selectedItems = pick.items.filter((item) => current.has(item.label));
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
}
