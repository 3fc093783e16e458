import * as vscode from 'vscode';
import { BuiltInCommands, Commands } from '../constants';
import type { SessionRecord } from '../core/postmortem/sessionModel';
import type { WebhookUrlCheck } from '../core/statusUpdates/slackWebhookUrl';
import { executeCommand } from '../platform/commands';
import { SlackPostError, type SlackFailureKind } from '../platform/statusUpdates/slackWebhook';
import { statusUpdateOptions, webhookArgument, type StatusUpdateOptions } from './commandArgs';
import type { CommandEntry, CommandServices } from './commandTable';

export const statusUpdateCommands: readonly CommandEntry[] = [
  { id: Commands.postStatusUpdate, run: (services, options) => postStatusUpdate(services, statusUpdateOptions(options)) },
  { id: Commands.setSlackWebhook, run: (services, given) => setSlackWebhook(services, webhookArgument(given)) },
  { id: Commands.clearSlackWebhook, run: clearSlackWebhook },
];

/** What Post Status Update did, for callers (other extensions, tests). */
export type StatusUpdateOutcome =
  | { readonly posted: true; readonly text: string }
  | { readonly posted: false; readonly failure?: SlackFailureKind | 'not-sent'; readonly message?: string };

const POST = 'Post';
const EDIT = 'Edit in Editor';
const COPY = 'Copy Message';
const RETRY = 'Retry';
const REPLACE = 'Set New Webhook';

/** Asks what's next (not for a resolved incident), composes, shows the text for confirmation or editing, and posts it. */
async function postStatusUpdate(services: CommandServices, options: StatusUpdateOptions): Promise<StatusUpdateOutcome> {
  const { sessions, statusUpdates } = services;
  await sessions.ready();
  const record = options.sessionId === undefined ? sessions.active : sessions.sessions.find((session) => session.record.id === options.sessionId)?.record;
  if (!record) {
    const message = options.sessionId === undefined ? 'No incident is active: status updates are posted while one is.' : `No incident ${options.sessionId} is known in this workspace.`;
    void vscode.window.showInformationMessage(message);
    return { posted: false };
  }
  if (!(await statusUpdates.webhookHost()) && !(await offerWebhook(services))) return { posted: false };
  // Nothing is next once it is resolved: the update says how it ended.
  if (options.text !== undefined || options.confirmed || record.resolvedAt !== undefined) {
    const text = options.text ?? (await statusUpdates.compose(record, options.whatsNext));
    return options.confirmed ? send(services, record, text) : confirmAndSend(services, record, text);
  }
  const whatsNext = await vscode.window.showInputBox({
    title: `Status update for ${record.id}: what's next?`,
    prompt: 'What the team does next, in a sentence (optional). The message is shown before anything is posted.',
    placeHolder: 'e.g. Rolling back to release 41; next check at 10:45',
    ignoreFocusOut: true,
  });
  if (whatsNext === undefined) return { posted: false };
  return confirmAndSend(services, record, await statusUpdates.compose(record, whatsNext));
}

/** No webhook yet: offer to set one now; true once one is stored. */
async function offerWebhook(services: CommandServices): Promise<boolean> {
  const answer = await vscode.window.showInformationMessage('No Slack webhook is set: status updates are posted to an incoming webhook.', 'Set Slack Webhook');
  if (answer !== 'Set Slack Webhook') return false;
  return setSlackWebhook(services, undefined);
}

/** The text in a modal for a last look: Post, or Edit in Editor to change it first. */
async function confirmAndSend(services: CommandServices, record: SessionRecord, text: string): Promise<StatusUpdateOutcome> {
  const host = (await services.statusUpdates.webhookHost()) ?? 'Slack';
  const answer = await vscode.window.showInformationMessage(`Post this status update for ${record.id} to Slack (${host})?`, { modal: true, detail: text }, POST, EDIT);
  if (answer === POST) return send(services, record, text);
  if (answer === EDIT) void editThenSend(services, record, text);
  return { posted: false };
}

/** The text in an editor of its own; the notification's Post sends what the editor holds then. */
async function editThenSend(services: CommandServices, record: SessionRecord, text: string): Promise<void> {
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
  await vscode.window.showTextDocument(document, { preview: false });
  const answer = await vscode.window.showInformationMessage(`Edit the status update for ${record.id}, then post it.`, 'Post to Slack');
  if (answer !== 'Post to Slack') return;
  const outcome = await send(services, record, document.getText());
  // Posted: the draft has done its work; closed without a "save?" question.
  if (outcome.posted && vscode.window.activeTextEditor?.document === document) await executeCommand(BuiltInCommands.revertAndCloseActiveEditor);
}

/** Posts with progress in the status bar; a failure is one sentence with what can be done, and the text is kept. */
async function send(services: CommandServices, record: SessionRecord, text: string): Promise<StatusUpdateOutcome> {
  try {
    const posted = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Posting the status update to Slack' }, () => services.statusUpdates.post(record, text));
    vscode.window.setStatusBarMessage(`Status update for ${record.id} posted to Slack (${posted.host})`, 5000);
    return { posted: true, text: posted.text };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const failure = error instanceof SlackPostError ? error.kind : 'not-sent';
    void offerAfterFailure(services, record, text, message, failure);
    return { posted: false, failure, message };
  }
}

/** Not awaited: the notification stays while the caller gets its answer. Copy is always offered. */
async function offerAfterFailure(services: CommandServices, record: SessionRecord, text: string, message: string, failure: SlackFailureKind | 'not-sent'): Promise<void> {
  const actions = failure === 'revoked' ? [REPLACE, COPY] : failure === 'rejected' || failure === 'not-sent' ? [COPY] : [RETRY, COPY];
  const answer = await vscode.window.showErrorMessage(message, ...actions);
  if (answer === COPY) {
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage('Status update copied', 4000);
  }
  if (answer === RETRY) await send(services, record, text);
  if (answer === REPLACE && (await setSlackWebhook(services, undefined))) await send(services, record, text);
}

/** Asks for the URL (masked), checks it, and asks before a host other than Slack's; true once stored. */
async function setSlackWebhook(services: CommandServices, given: { url: string; confirmHost?: string } | undefined): Promise<boolean> {
  const { statusUpdates } = services;
  const url =
    given?.url ??
    (await vscode.window.showInputBox({
      title: 'Slack incoming webhook URL',
      password: true,
      ignoreFocusOut: true,
      placeHolder: 'https://hooks.slack.com/services/T…/B…/…',
      prompt: 'From your Slack app’s Incoming Webhooks page. Kept in the editor’s secret storage, never in settings or logs.',
      validateInput: (value) => {
        const check = statusUpdates.check(value);
        return check.kind === 'invalid' ? check.reason : undefined;
      },
    }));
  if (url === undefined) return false;
  const check = statusUpdates.check(url);
  if (check.kind === 'invalid') {
    void vscode.window.showWarningMessage(`The Slack webhook was not stored: ${lowerFirst(check.reason)}`);
    return false;
  }
  if (check.kind === 'other-host' && !(given?.confirmHost === check.host || (given === undefined && (await confirmOtherHost(check))))) return false;
  await statusUpdates.storeWebhook(check);
  void vscode.window.showInformationMessage(`Stored the Slack webhook for ${check.host}: status updates of active incidents go to its channel.`);
  return true;
}

/** A host that is not Slack's: an Enterprise Grid proxy or gateway, confirmed by name. */
async function confirmOtherHost(check: Extract<WebhookUrlCheck, { kind: 'other-host' }>): Promise<boolean> {
  const use = `Use ${check.host}`;
  const answer = await vscode.window.showWarningMessage(
    `${check.host} is not Slack's webhook host (hooks.slack.com). Post status updates there?`,
    { modal: true, detail: 'Only for a proxy or gateway your company runs in front of Slack (Enterprise Grid): whoever runs it reads every status update.' },
    use,
  );
  return answer === use;
}

async function clearSlackWebhook(services: CommandServices): Promise<void> {
  const had = await services.statusUpdates.clearWebhook();
  void vscode.window.showInformationMessage(had ? 'Removed the Slack webhook: status updates are no longer posted.' : 'No Slack webhook was set.');
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
