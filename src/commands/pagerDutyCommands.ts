import * as vscode from 'vscode';
import { Commands, Settings, Views } from '../constants';
import type { Incident } from '../core/incidents/incidentModel';
import type { PagerDutyChoice, Reassignment, ResponderTarget } from '../core/incidents/pagerDutyTeam';
import type { PagerDutyActionKind } from '../core/postmortem/pagerDutyEvents';
import type { NoteEvent } from '../core/postmortem/sessionModel';
import { config } from '../platform/config';
import type { LinkedPagerDutyIncident } from '../platform/sessions/pagerDutyTimeline';
import { incidentArgument, pagerDutyActionOptions, timelineNoteArgument, type IncidentChoice, type PagerDutyActionOptions } from './commandArgs';
import type { CommandEntry, CommandServices } from './commandTable';
import { resolveIncident } from './incidentCommands';

export const pagerDutyCommands: readonly CommandEntry[] = [
  { id: Commands.addPagerDutyResponders, run: (services, incident, options) => addResponders(services, incidentArgument(incident), pagerDutyActionOptions(options)) },
  { id: Commands.reassignPagerDutyIncident, run: (services, incident, options) => reassign(services, incidentArgument(incident), pagerDutyActionOptions(options)) },
  { id: Commands.escalatePagerDutyIncident, run: (services, incident, options) => escalate(services, incidentArgument(incident), pagerDutyActionOptions(options)) },
  { id: Commands.changePagerDutyPriority, run: (services, incident, options) => changePriority(services, incidentArgument(incident), pagerDutyActionOptions(options)) },
  { id: Commands.postNoteToPagerDuty, run: (services, note) => postNote(services, timelineNoteArgument(note)) },
];

type Picked<T> = vscode.QuickPickItem & { value: T };

function pagerDutyIncident(services: CommandServices, choice: IncidentChoice, purpose: string): Promise<Incident | undefined> {
  return resolveIncident(services, choice, purpose, (candidate) => candidate.source === 'pagerduty').then((incident) => {
    if (incident && incident.source !== 'pagerduty') {
      void vscode.window.showWarningMessage(`${incident.title} is not a PagerDuty incident.`);
      return undefined;
    }
    return incident;
  });
}

function withProgress<T>(title: string, work: () => Promise<T>): Thenable<T> {
  return vscode.window.withProgress({ location: { viewId: Views.incidents }, title }, work);
}

/** Records the accepted action and says so in one sentence. */
async function done(services: CommandServices, incident: Incident, action: PagerDutyActionKind, detail: string, sentence: string): Promise<true> {
  await services.pagerDuty.recordAction(incident, action, detail);
  services.log.info(`PagerDuty incident ${incident.sourceId}: ${sentence}`);
  void vscode.window.showInformationMessage(`${incident.title}: ${sentence}`);
  return true;
}

function names(choices: readonly PagerDutyChoice[], ids: readonly string[]): string {
  return ids.map((id) => choices.find((choice) => choice.id === id)?.name ?? id).join(', ');
}

async function addResponders(services: CommandServices, choice: IncidentChoice, options: PagerDutyActionOptions): Promise<boolean | undefined> {
  const incident = await pagerDutyIncident(services, choice, 'add responders to');
  if (!incident) return undefined;
  const { team } = services.pagerDuty;
  const [users, policies] = await withProgress('Reading PagerDuty users', () => Promise.all([team.users(), team.escalationPolicies()]));
  let targets: ResponderTarget[] = [
    ...(options.userIds ?? []).map((id): ResponderTarget => ({ kind: 'user', id })),
    ...(options.escalationPolicyIds ?? []).map((id): ResponderTarget => ({ kind: 'escalation_policy', id })),
  ];
  if (targets.length === 0) {
    const items: Picked<ResponderTarget>[] = [
      ...users.map((user) => ({ label: `$(person) ${user.name}`, description: user.detail, value: { kind: 'user' as const, id: user.id } })),
      ...policies.map((policy) => ({ label: `$(organization) ${policy.name}`, description: 'escalation policy', value: { kind: 'escalation_policy' as const, id: policy.id } })),
    ];
    const picked = await vscode.window.showQuickPick(items, { title: `Add responders to ${incident.title}`, canPickMany: true, matchOnDescription: true });
    if (!picked?.length) return undefined;
    targets = picked.map((item) => item.value);
  }
  const message =
    options.message ??
    (await vscode.window.showInputBox({ title: 'Message to the responders', value: `Please help with ${incident.title}`, validateInput: (v) => (v.trim() ? undefined : 'PagerDuty requires a message.') }));
  if (!message?.trim()) return undefined;
  await withProgress('Requesting responders', () => team.addResponders(incident.sourceId, targets, message.trim()));
  const who = targets.map((target) => names(target.kind === 'user' ? users : policies, [target.id])).join(', ');
  return done(services, incident, 'responders-requested', `${who}: “${message.trim()}”`, `responders requested from ${who}.`);
}

async function reassign(services: CommandServices, choice: IncidentChoice, options: PagerDutyActionOptions): Promise<boolean | undefined> {
  const incident = await pagerDutyIncident(services, choice, 'reassign');
  if (!incident) return undefined;
  const { team } = services.pagerDuty;
  const [users, policies] = await withProgress('Reading PagerDuty users', () => Promise.all([team.users(), team.escalationPolicies()]));
  let to: Reassignment | undefined = options.escalationPolicyIds?.[0] ? { escalationPolicyId: options.escalationPolicyIds[0] } : options.userIds?.length ? { userIds: options.userIds } : undefined;
  if (!to) {
    const items: Picked<Reassignment>[] = [
      ...users.map((user) => ({ label: `$(person) ${user.name}`, description: user.detail, value: { userIds: [user.id] } })),
      ...policies.map((policy) => ({ label: `$(organization) ${policy.name}`, description: 'escalation policy', value: { escalationPolicyId: policy.id } })),
    ];
    to = (await vscode.window.showQuickPick(items, { title: `Reassign ${incident.title} to`, matchOnDescription: true }))?.value;
    if (!to) return undefined;
  }
  const target = to;
  await withProgress('Reassigning', () => team.reassign(incident.sourceId, target));
  const who = 'escalationPolicyId' in target ? names(policies, [target.escalationPolicyId]) : names(users, target.userIds);
  return done(services, incident, 'reassigned', `to ${who}`, `reassigned to ${who}.`);
}

async function escalate(services: CommandServices, choice: IncidentChoice, options: PagerDutyActionOptions): Promise<boolean | undefined> {
  const incident = await pagerDutyIncident(services, choice, 'escalate');
  if (!incident) return undefined;
  const { team } = services.pagerDuty;
  let level = options.level;
  const policyId = incident.labels.escalation_policy_id;
  const onCall = policyId ? await withProgress('Reading who is on call', () => team.onCall(policyId)) : [];
  if (level === undefined) {
    const levels = [...new Set(onCall.map((entry) => entry.level))];
    const items = levels.map((value) => ({ label: `Level ${value}`, description: onCall.filter((e) => e.level === value).map((e) => e.userName).join(', '), value }));
    if (items.length === 0) {
      void vscode.window.showWarningMessage(`PagerDuty names no escalation levels for ${incident.title}'s escalation policy: nothing to escalate to.`);
      return undefined;
    }
    level = (await vscode.window.showQuickPick(items, { title: `Escalate ${incident.title} to` }))?.value;
    if (level === undefined) return undefined;
  }
  const chosen = level;
  await withProgress('Escalating', () => team.escalate(incident.sourceId, chosen));
  const who = onCall.filter((entry) => entry.level === chosen).map((entry) => entry.userName).join(', ');
  const detail = `to level ${chosen}${who ? ` (${who})` : ''}`;
  return done(services, incident, 'escalated', detail, `escalated ${detail}.`);
}

async function changePriority(services: CommandServices, choice: IncidentChoice, options: PagerDutyActionOptions): Promise<boolean | undefined> {
  const incident = await pagerDutyIncident(services, choice, 'change the priority of');
  if (!incident) return undefined;
  const { team } = services.pagerDuty;
  const priorities = await withProgress('Reading PagerDuty priorities', () => team.priorities());
  let priority = options.priority ? priorities.find((p) => p.id === options.priority || p.name.toLowerCase() === options.priority!.toLowerCase()) : undefined;
  if (options.priority && !priority) throw new Error(`PagerDuty has no priority ${options.priority}: it has ${priorities.map((p) => p.name).join(', ')}.`);
  if (!priority) {
    const current = incident.labels.priority;
    const items = priorities.map((p) => ({ label: p.name, description: p.name === current ? 'current' : '', detail: p.detail, value: p }));
    priority = (await vscode.window.showQuickPick(items, { title: `Priority of ${incident.title}` }))?.value;
    if (!priority) return undefined;
  }
  const chosen = priority;
  await withProgress('Changing priority', () => team.changePriority(incident.sourceId, chosen.id));
  const from = incident.labels.priority;
  return done(services, incident, 'priority-changed', `${from ? `${from} → ` : ''}${chosen.name}`, `priority set to ${chosen.name}.`);
}

/** Post Timeline Note to PagerDuty: the note named (a timeline row), else one the user picks. */
async function postNote(services: CommandServices, noteAt: string | undefined): Promise<number | undefined> {
  const { pagerDuty } = services;
  await services.sessions.ready();
  const linked = pagerDuty.linked();
  if (linked.length === 0) {
    void vscode.window.showInformationMessage('The active incident is about no PagerDuty incident: start it from a PagerDuty incident to post notes there.');
    return undefined;
  }
  const notes = pagerDuty.unpostedNotes();
  let note = noteAt === undefined ? undefined : notes.find((candidate) => candidate.at === noteAt);
  if (noteAt !== undefined && !note) {
    void vscode.window.showInformationMessage('That note is already posted to PagerDuty, or is not in the active incident.');
    return undefined;
  }
  if (!note) {
    if (notes.length === 0) {
      void vscode.window.showInformationMessage('Every note of the active incident is already posted to PagerDuty.');
      return undefined;
    }
    note = (await vscode.window.showQuickPick(notes.map((n) => ({ label: n.text, description: n.at.slice(11, 16), value: n })), { title: 'Post a timeline note to PagerDuty' }))?.value;
    if (!note) return undefined;
  }
  return postToLinked(services, note, linked);
}

/** Posts the note; resolves to the number of PagerDuty incidents that took it, and says what refused. */
async function postToLinked(services: CommandServices, note: NoteEvent, linked: readonly LinkedPagerDutyIncident[]): Promise<number> {
  const refusals = await services.pagerDuty.postNote(note, linked);
  for (const refusal of refusals) void vscode.window.showWarningMessage(`${refusal.replace(/\.$/, '')}; the note stays in the local timeline.`);
  return linked.length - refusals.length;
}

/**
 * After a note is added: posts it to the active incident's PagerDuty incidents as the setting
 * (or the caller) says, asking when the setting says ask. Not awaited by Add Timeline Note
 * when it asks: the note is recorded already, the offer stays until answered.
 */
export async function offerNoteToPagerDuty(services: CommandServices, note: NoteEvent, post: boolean | undefined): Promise<void> {
  const linked = services.pagerDuty.linked();
  const mode = post === undefined ? config.pagerDutyPostNotes() : post ? 'always' : 'never';
  if (linked.length === 0 || mode === 'never') return;
  if (mode === 'always') {
    await postToLinked(services, note, linked);
    return;
  }
  const where = linked.length === 1 ? `PagerDuty incident “${linked[0]!.title}”` : `its ${linked.length} PagerDuty incidents`;
  void vscode.window.showInformationMessage(`Post this note to ${where} too? The whole team sees it there.`, 'Post', 'Always', 'Not This One').then(async (answer) => {
    if (answer === 'Always') await vscode.workspace.getConfiguration().update(Settings.pagerDutyPostNotes, 'always', vscode.ConfigurationTarget.Global);
    if (answer === 'Post' || answer === 'Always') await postToLinked(services, note, linked);
  });
}
