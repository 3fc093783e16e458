import * as vscode from 'vscode';
import { Commands } from '../constants';
import { evidenceCommand, formatExcerpt, type EvidenceRequest, type PodChoice } from '../core/kube/evidenceRequest';
import { describeTarget, WORKLOAD_KINDS, workloadTargetFromLabels, type EvidenceView, type WorkloadKind, type WorkloadTarget } from '../core/kube/workloadTarget';
import { executeCommand } from '../platform/commands';
import { documentUriArgument, workloadArgument, type WorkloadChoice } from './commandArgs';
import type { CommandEntry, CommandServices } from './commandTable';

export const workloadCommands: readonly CommandEntry[] = [
  { id: Commands.showWorkloadLogs, run: (services, choice) => openEvidence(services, 'logs', workloadArgument(choice)) },
  { id: Commands.showPreviousLogs, run: (services, choice) => openEvidence(services, 'previous', workloadArgument(choice)) },
  { id: Commands.describeWorkload, run: (services, choice) => openEvidence(services, 'describe', workloadArgument(choice)) },
  { id: Commands.showWorkloadEvents, run: (services, choice) => openEvidence(services, 'events', workloadArgument(choice)) },
  { id: Commands.addEvidenceExcerpt, run: (services, uri) => addExcerpt(services, documentUriArgument(uri)) },
  { id: Commands.copyKubectlCommand, run: (services, uri) => copyKubectlCommand(services, documentUriArgument(uri)) },
  { id: Commands.followLogs, run: (services, uri) => setFollowing(services, documentUriArgument(uri), true) },
  { id: Commands.stopFollowingLogs, run: (services, uri) => setFollowing(services, documentUriArgument(uri), false) },
];

const KIND_TITLES: Readonly<Record<WorkloadKind, string>> = { pod: 'Pods', deployment: 'Deployments', statefulset: 'StatefulSets', job: 'Jobs', node: 'Nodes' };

interface Resolved {
  readonly context: string;
  readonly target: WorkloadTarget;
  readonly since?: string;
  readonly pod?: string;
  readonly container?: string;
  readonly allContainers?: boolean;
  readonly follow?: boolean;
}

/** Opens the document of one view of an object; resolves to its URI, or undefined when nothing was chosen. */
async function openEvidence(services: CommandServices, view: EvidenceView, choice: WorkloadChoice): Promise<string | undefined> {
  const resolved = await resolveTarget(services, view, choice);
  if (!resolved) return undefined;
  const logs = view === 'logs' || view === 'previous';
  if (logs && !WORKLOAD_KINDS[resolved.target.kind].hasLogs) {
    void vscode.window.showInformationMessage(`A ${resolved.target.kind} has no container logs: describe it or show its events.`);
    return undefined;
  }
  const source = logs ? await chooseLogSource(services, resolved) : {};
  if (!source) return undefined;
  const request: EvidenceRequest = {
    context: resolved.context,
    view,
    target: resolved.target,
    ...(logs ? source : {}),
    ...(view === 'logs' && resolved.since ? { sinceTime: resolved.since } : {}),
    ...(view === 'logs' && resolved.follow ? { follow: true } : {}),
  };
  const uri = services.workloadEvidence.uriFor(request);
  const document = await vscode.workspace.openTextDocument(uri);
  await vscode.window.showTextDocument(document, { preview: false });
  return uri.toString();
}

/** The object: the incident's, the one a caller named, or one picked in the active context. */
async function resolveTarget(services: CommandServices, view: EvidenceView, choice: WorkloadChoice): Promise<Resolved | undefined> {
  const state = await services.kube.ready();
  if (state.kind !== 'ready') {
    void vscode.window.showWarningMessage(state.kind === 'error' ? state.error.message : 'The kubeconfig is still loading.');
    return undefined;
  }
  const context = state.active.context;
  const sessionStart = services.sessions.active?.startedAt;
  if ('target' in choice) return { context, ...choice, since: choice.since ?? sessionStart };
  if ('incidentId' in choice) {
    const incident = services.hub.find(choice.incidentId);
    const target = incident && workloadTargetFromLabels(incident.labels);
    if (!incident || !target) {
      void vscode.window.showWarningMessage(incident ? `"${incident.title}" names no pod, workload or node.` : 'That incident is gone: it was resolved or its source was removed.');
      return undefined;
    }
    if (incident.source === 'kubernetes' && incident.sourceName !== context) {
      void vscode.window.showWarningMessage(`This incident comes from context "${incident.sourceName}" but the active context is "${context}": switch context to read it.`);
      return undefined;
    }
    return { context, ...choice, target, since: choice.since ?? (incident.startedAt || sessionStart) };
  }
  const target = await pickTarget(services, view, state.active.namespace);
  return target && { context, target, since: sessionStart };
}

/** The palette: a kind, then an object of it in the active context, failing ones first. */
async function pickTarget(services: CommandServices, view: EvidenceView, namespace: string): Promise<WorkloadTarget | undefined> {
  const kinds = (Object.keys(KIND_TITLES) as WorkloadKind[]).filter((kind) => WORKLOAD_KINDS[kind].hasLogs || (view !== 'logs' && view !== 'previous'));
  const picked = await vscode.window.showQuickPick(kinds.map((k) => ({ label: KIND_TITLES[k], workloadKind: k })), { title: 'Which kind of object?' });
  if (!picked) return undefined;
  const kind = picked.workloadKind;
  const listed = await services.workloadEvidence.listTargets(kind);
  if (listed.choices.length === 0) {
    void vscode.window.showInformationMessage(`No ${KIND_TITLES[kind].toLowerCase()} in ${kind === 'node' ? 'the cluster' : `namespace "${namespace}"`}.`);
    return undefined;
  }
  const object = await pickChoice(listed.choices, `${KIND_TITLES[kind]}${listed.namespace ? ` in ${listed.namespace}` : ''}`);
  return object && { kind, name: object.name, ...(listed.namespace ? { namespace: listed.namespace } : {}) };
}

function pickChoice(choices: readonly PodChoice[], title: string): Thenable<PodChoice | undefined> {
  return vscode.window
    .showQuickPick(
      choices.map((choice) => ({ label: `${choice.failing ? '$(error) ' : ''}${choice.name}`, description: choice.description, choice })),
      { title, matchOnDescription: true },
    )
    .then((item) => item?.choice);
}

/** Which pod (a workload's: failing first) and which container (or all of them) to read. */
async function chooseLogSource(services: CommandServices, resolved: Resolved): Promise<{ pod: string; container?: string } | undefined> {
  const { target } = resolved;
  if (resolved.allContainers) return { pod: resolved.pod ?? target.name };
  if (resolved.container && (resolved.pod || target.kind === 'pod')) return { pod: resolved.pod ?? target.name, container: resolved.container };
  const pods = (await services.workloadEvidence.podChoices(target)).filter((pod) => !resolved.pod || pod.name === resolved.pod);
  if (pods.length === 0) {
    void vscode.window.showInformationMessage(`${describeTarget(target)} runs no pods now.`);
    return undefined;
  }
  const sorted = [...pods].sort((a, b) => Number(b.failing) - Number(a.failing) || a.name.localeCompare(b.name));
  const pod = sorted.length === 1 ? sorted[0] : await pickChoice(sorted, `Logs of which pod of ${describeTarget(target)}?`);
  if (!pod) return undefined;
  const named = resolved.container ?? target.container;
  if (named && pod.containers.includes(named)) return { pod: pod.name, container: named };
  if (pod.containers.length <= 1) return { pod: pod.name, ...(pod.containers[0] ? { container: pod.containers[0] } : {}) };
  const all = { label: 'All containers', container: undefined };
  const picked = await vscode.window.showQuickPick([all, ...pod.containers.map((c) => ({ label: c, container: c }))], { title: `Logs of which container of ${pod.name}?` });
  return picked && { pod: pod.name, ...(picked.container ? { container: picked.container } : {}) };
}

/** The evidence document named, else the active editor's. */
function evidenceDocument(services: CommandServices, given: string | undefined): { uri: vscode.Uri; request: EvidenceRequest } | undefined {
  const uri = given ? vscode.Uri.parse(given) : vscode.window.activeTextEditor?.document.uri;
  const request = uri && services.workloadEvidence.requestOf(uri);
  if (!uri || !request) {
    void vscode.window.showInformationMessage('Open the logs, describe or events of a Kubernetes object first.');
    return undefined;
  }
  return { uri, request };
}

/** The selection (or the document's newest lines) into the active incident's timeline. */
async function addExcerpt(services: CommandServices, given: string | undefined): Promise<boolean> {
  const found = evidenceDocument(services, given);
  if (!found) return false;
  const { sessions } = services;
  await sessions.ready();
  if (!sessions.active) {
    void vscode.window.showInformationMessage('No incident is active: start one to keep a timeline.', 'Start Incident').then((a) => (a ? executeCommand(Commands.startSession) : undefined));
    return false;
  }
  const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === found.uri.toString());
  const document = editor?.document ?? (await vscode.workspace.openTextDocument(found.uri));
  const selected = editor && !editor.selection.isEmpty ? document.getText(editor.selection) : undefined;
  const text = formatExcerpt(found.request, selected ?? document.getText(), selected !== undefined);
  const recorded = await sessions.record({ type: 'note', at: new Date().toISOString(), text });
  if (recorded) vscode.window.setStatusBarMessage(`Added to the timeline of ${sessions.active.id}`, 5000);
  return recorded;
}

async function copyKubectlCommand(services: CommandServices, given: string | undefined): Promise<string | undefined> {
  const found = evidenceDocument(services, given);
  if (!found) return undefined;
  const command = evidenceCommand(found.request);
  await vscode.env.clipboard.writeText(command);
  vscode.window.setStatusBarMessage(`Copied: ${command}`, 5000);
  return command;
}

function setFollowing(services: CommandServices, given: string | undefined, follow: boolean): boolean {
  const found = evidenceDocument(services, given);
  if (!found) return false;
  if (found.request.view !== 'logs') {
    void vscode.window.showInformationMessage('Only current logs can be followed: a previous container has ended.');
    return false;
  }
  return services.workloadEvidence.setFollowing(found.uri, follow);
}
