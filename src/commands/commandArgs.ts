// Every command argument is read here, from whatever calls the command: a tree node, a
// CodeLens, the palette (no argument), another extension or a test. Commands never look
// inside a tree node; they get plain values from these functions.

import type { PartRole } from '../core/incidents/problems';
import { isWorkloadKind, type WorkloadTarget } from '../core/kube/workloadTarget';
import type { SeverityLevel } from '../core/shared/severity';
import type { StatusMessageKind } from '../core/postmortem/templates';
import type { PostMortemTemplateChoice } from '../platform/postmortem/postMortemWriter';
import type { StepReference } from '../views/runbooksTreeProvider';

/** An incident named by id (a tree node or `{ id }` carries it), or none: then the command asks. */
export interface IncidentChoice {
  readonly id?: string;
  /** Named from a folded problem's row: the command may speak for the whole problem. */
  readonly folded?: true;
}

/** Which silences to expire: one by its id (the Undo button), those covering an incident, or a pick. */
export type SilenceChoice = { readonly silenceId: string } | { readonly incidentId: string } | { readonly ask: true };

/** A line of a file, as links in diagnostics and the Runbooks view pass it. */
export interface LineReference {
  readonly uri: string;
  readonly line: number;
}

export interface SilenceOptions {
  /** Skip the duration pick (other extensions, keybindings and tests pass these). */
  readonly durationMs?: number;
  readonly comment?: string;
}

/** Credentials passed as command arguments instead of typed into input boxes. */
export interface GivenCredentials {
  readonly username?: string;
  readonly password?: string;
  readonly token?: string;
}

export interface StartOptions {
  readonly title?: string;
  readonly severity?: SeverityLevel;
}

export interface ResolveOptions {
  readonly expireSilences?: boolean;
}

export interface GenerateOptions {
  readonly template?: PostMortemTemplateChoice;
}

const STATUS_MESSAGE_KINDS: readonly StatusMessageKind[] = ['initial', 'update', 'resolution'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/**
 * An incident tree node, `{ id }`, an incident id, or nothing. A folded problem's row names
 * the part each command acts on (`parts`, by role): the command gets that part, else the
 * problem's primary part, which then says why it does not apply.
 */
export function incidentArgument(argument: unknown, role: PartRole = 'primary'): IncidentChoice {
  if (typeof argument === 'string') return { id: argument };
  if (isObject(argument) && isObject(argument.parts)) {
    const id = argument.parts[role] ?? argument.parts.primary;
    return typeof id === 'string' ? { id, folded: true } : {};
  }
  if (isObject(argument) && typeof argument.id === 'string') return { id: argument.id };
  return {};
}

/** `{ silenceId }` names one silence; an incident (node, `{ id }`, id) the silences covering it. */
export function silenceArgument(argument: unknown): SilenceChoice {
  if (isObject(argument) && typeof argument.silenceId === 'string') return { silenceId: argument.silenceId };
  const incident = incidentArgument(argument, 'silenced');
  return incident.id !== undefined ? { incidentId: incident.id } : { ask: true };
}

export function silenceOptions(argument: unknown): SilenceOptions {
  if (!isObject(argument)) return {};
  return {
    durationMs: typeof argument.durationMs === 'number' ? argument.durationMs : undefined,
    comment: typeof argument.comment === 'string' ? argument.comment : undefined,
  };
}

/** A text argument (a note, a summary, a name), or undefined: then the command asks. */
export function textArgument(argument: unknown): string | undefined {
  return typeof argument === 'string' ? argument : undefined;
}

/** A step run: its run id, `{ runId }`, or a timeline row of the Incident Sessions view; undefined: then the command asks. */
export function stepRunArgument(argument: unknown): string | undefined {
  if (typeof argument === 'string' && argument) return argument;
  if (!isObject(argument)) return undefined;
  const row = isObject(argument.row) ? argument.row : argument;
  return typeof row.runId === 'string' && row.runId ? row.runId : undefined;
}

/**
 * A session (INC-...) id, or a session's row in the Incident Sessions view (what its context
 * menu and inline buttons pass); undefined: then the command takes the active one or asks.
 */
export function sessionIdArgument(argument: unknown): string | undefined {
  return typeof argument === 'string' ? argument : sessionRowArgument(argument);
}

/** The id of a session's row in the Incident Sessions view; undefined for anything else, text included. */
export function sessionRowArgument(argument: unknown): string | undefined {
  return isObject(argument) && argument.kind === 'session' && typeof argument.id === 'string' ? argument.id : undefined;
}

export function statusMessageKindArgument(argument: unknown): StatusMessageKind | undefined {
  return STATUS_MESSAGE_KINDS.find((kind) => kind === argument);
}

export function startOptions(argument: unknown): StartOptions {
  return isObject(argument) ? (argument as StartOptions) : {};
}

/** Resolve Incident's options: `expireSilences` answers the question about the silences it made. */
export function resolveOptions(argument: unknown): ResolveOptions {
  if (!isObject(argument)) return {};
  const expire = (argument as { expireSilences?: unknown }).expireSilences;
  return typeof expire === 'boolean' ? { expireSilences: expire } : {};
}

export function generateOptions(argument: unknown): GenerateOptions {
  return isObject(argument) ? (argument as GenerateOptions) : {};
}

/**
 * Post Status Update from a caller: the incident (the active one unless `sessionId` names
 * another, such as one just resolved), what's next or the whole text, and `confirmed` to post
 * without asking.
 */
export interface StatusUpdateOptions {
  readonly sessionId?: string;
  readonly whatsNext?: string;
  readonly text?: string;
  readonly confirmed?: boolean;
}

export function statusUpdateOptions(argument: unknown): StatusUpdateOptions {
  if (!isObject(argument)) return {};
  return {
    ...(typeof argument.sessionId === 'string' ? { sessionId: argument.sessionId } : {}),
    ...(typeof argument.whatsNext === 'string' ? { whatsNext: argument.whatsNext } : {}),
    ...(typeof argument.text === 'string' ? { text: argument.text } : {}),
    ...(argument.confirmed === true ? { confirmed: true } : {}),
  };
}

/**
 * A webhook URL given by a caller instead of typed. A host other than Slack's is taken only
 * when `confirmHost` names that very host, as the user would confirm it.
 */
export function webhookArgument(argument: unknown): { readonly url: string; readonly confirmHost?: string } | undefined {
  if (!isObject(argument) || typeof argument.url !== 'string') return undefined;
  return { url: argument.url, ...(typeof argument.confirmHost === 'string' ? { confirmHost: argument.confirmHost } : {}) };
}

export function credentialsArgument(argument: unknown): GivenCredentials | undefined {
  return isObject(argument) ? (argument as GivenCredentials) : undefined;
}

export function pagerDutyKeyArgument(argument: unknown): { token?: string; from?: string } | undefined {
  return isObject(argument) ? (argument as { token?: string; from?: string }) : undefined;
}

/** Namespaces given by a caller (an empty list watches every namespace), or undefined: then it asks. */
export function namespacesArgument(argument: unknown): string[] | undefined {
  return Array.isArray(argument) ? (argument as string[]) : undefined;
}

/** A runbook step from a CodeLens, a tree node or a caller, with its known placeholder values. */
export function stepArgument(argument: unknown): StepReference | undefined {
  if (!isObject(argument) || typeof argument.uri !== 'string' || typeof argument.stepId !== 'string' || !argument.uri || !argument.stepId) return undefined;
  return { uri: argument.uri, stepId: argument.stepId, values: sanitizeValues(argument.values) };
}

/** A step or a line of a runbook to open. */
export function stepOrLineArgument(argument: unknown): StepReference | LineReference | undefined {
  if (!isObject(argument) || typeof argument.uri !== 'string' || !argument.uri) return undefined;
  if ('stepId' in argument) return { uri: argument.uri, stepId: String(argument.stepId) };
  return { uri: argument.uri, line: typeof argument.line === 'number' ? argument.line : 0 };
}

/** Values arrive as command arguments: keep only string entries. */
function sanitizeValues(values: unknown): Record<string, string> | undefined {
  if (!isObject(values)) return undefined;
  return Object.fromEntries(Object.entries(values).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/**
 * The Kubernetes object an evidence command reads: an incident (a tree node, `{ id }` or its
 * id), an object named by a caller (`{ kind, name, namespace, pod, container, allContainers,
 * follow, since }`), or nothing: then the command asks.
 */
export interface LogOptions {
  readonly pod?: string;
  readonly container?: string;
  readonly allContainers?: boolean;
  readonly follow?: boolean;
  readonly since?: string;
}

export type WorkloadChoice = ({ readonly incidentId: string } | { readonly target: WorkloadTarget } | { readonly ask: true }) & LogOptions;

export function workloadArgument(argument: unknown): WorkloadChoice {
  const options = logOptions(argument);
  if (isObject(argument) && isWorkloadKind(argument.kind) && typeof argument.name === 'string' && argument.name) {
    const namespace = typeof argument.namespace === 'string' && argument.namespace ? argument.namespace : undefined;
    return { target: { kind: argument.kind, name: argument.name, ...(namespace ? { namespace } : {}) }, ...options };
  }
  const incident = incidentArgument(argument, 'object');
  return incident.id !== undefined ? { incidentId: incident.id, ...options } : { ask: true };
}

/** Which pod and container, follow and since, as a caller gives them (a tree node carries none). */
function logOptions(argument: unknown): LogOptions {
  if (!isObject(argument)) return {};
  const text = (key: string) => (typeof argument[key] === 'string' && argument[key] ? (argument[key] as string) : undefined);
  const options = { pod: text('pod'), container: text('container'), since: text('since'), allContainers: argument.allContainers === true, follow: argument.follow === true };
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined && value !== false)) as LogOptions;
}

/** An evidence document's URI (a CodeLens passes it as a string), or undefined: the active editor's. */
export function documentUriArgument(argument: unknown): string | undefined {
  if (typeof argument === 'string' && argument) return argument;
  if (isObject(argument) && typeof argument.scheme === 'string' && typeof argument.toString === 'function') return String(argument.toString());
  return undefined;
}

/** What a caller may settle for a PagerDuty action instead of the picks and input boxes. */
export interface PagerDutyActionOptions {
  /** Add Responders, Reassign: users by PagerDuty id. */
  readonly userIds?: string[];
  /** Add Responders: escalation policies by id; Reassign: the first one. */
  readonly escalationPolicyIds?: string[];
  /** Add Responders: the message sent with the request. */
  readonly message?: string;
  /** Escalate: the escalation level (1 is the first). */
  readonly level?: number;
  /** Change Priority: a priority by id, or by name (`P1`). */
  readonly priority?: string;
}

export function pagerDutyActionOptions(argument: unknown): PagerDutyActionOptions {
  if (!isObject(argument)) return {};
  const ids = (key: string) => (Array.isArray(argument[key]) ? (argument[key] as unknown[]).filter((v): v is string => typeof v === 'string' && v !== '') : undefined);
  const options = {
    userIds: ids('userIds'),
    escalationPolicyIds: ids('escalationPolicyIds'),
    message: typeof argument.message === 'string' ? argument.message : undefined,
    level: typeof argument.level === 'number' && Number.isInteger(argument.level) && argument.level > 0 ? argument.level : undefined,
    priority: typeof argument.priority === 'string' && argument.priority ? argument.priority : undefined,
  };
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as PagerDutyActionOptions;
}

/** A timeline note: a row of the Incident Sessions view, `{ at }`, or its time; undefined asks. */
export function timelineNoteArgument(argument: unknown): string | undefined {
  if (typeof argument === 'string' && argument) return argument;
  if (!isObject(argument)) return undefined;
  const row = isObject(argument.row) ? argument.row : argument;
  return typeof row.at === 'string' && (row.type === undefined || row.type === 'note') ? row.at : undefined;
}

/** Add Timeline Note's options: whether to post the note to the incident's PagerDuty incidents too. */
export function noteOptions(argument: unknown): { postToPagerDuty?: boolean } {
  return isObject(argument) && typeof argument.postToPagerDuty === 'boolean' ? { postToPagerDuty: argument.postToPagerDuty } : {};
}
