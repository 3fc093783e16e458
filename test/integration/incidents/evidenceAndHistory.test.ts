// Evidence kept with the incident, and what happened last time, in the real editor: a
// selection added to the timeline names its file and lines; the post-mortem shows the end of
// what a step printed (the output file written here as the capture writes it); and an alert's
// history lists the earlier incidents about it, newest first, with a link to a post-mortem.
import assert from 'node:assert/strict';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { Commands, HISTORY_SCHEME, Settings } from '../../../src/constants';
import type { StepFinishedEntry, StepStartedEntry } from '../../../src/core/execution/executionJournal';
import { serializeSessionLine, type EvidenceEvent, type SessionRecord, type TimelineEvent } from '../../../src/core/postmortem/sessionModel';
import type { OnCallApi } from '../../../src/extension';
import { startAlertmanager, type RunningAlertmanager } from '../../fixtures/alertmanager/alertmanagerProcess';
import { activateExtension, workspaceFolder } from '../support/hostHelpers';
import { waitFor } from '../../support/waiting';

const ALERT = 'EvidenceHistoryDrill';
const DAY = 24 * 3_600_000;

describe('evidence and incident history', function () {
  this.timeout(120_000);
  let api: OnCallApi;
  let alertmanager: RunningAlertmanager;
  const settings = () => vscode.workspace.getConfiguration();
  const iso = (ms: number) => new Date(ms).toISOString();
  const dayId = (ms: number, n: number) => `INC-${iso(ms).slice(0, 10).replace(/-/g, '')}-${n}`;

  async function resolveActive(summary: string): Promise<void> {
    if (api.sessions.active) await vscode.commands.executeCommand(Commands.resolveSession, summary, { expireSilences: false });
  }

  /** An incident about the alert, written as the session store writes it, with one step in the journal. */
  async function recordEarlierIncident(id: string, startedMs: number, minutes: number, command: string, exitCode: number): Promise<void> {
    const resolvedAt = iso(startedMs + minutes * 60_000);
    const record: SessionRecord = {
      id,
      title: `${ALERT} on ${iso(startedMs).slice(0, 10)}`,
      severity: 'P2',
      startedAt: iso(startedMs),
      resolvedAt,
      sources: [{ incidentId: `incident/alertmanager/history/${id}`, source: 'alertmanager', sourceName: 'history', title: 'Drill', alertName: ALERT, startedAt: iso(startedMs), labels: {} }],
    };
    const events: TimelineEvent[] = [
      { type: 'incident-started', at: iso(startedMs + 60_000), title: record.title, severity: 'P2' },
      { type: 'incident-resolved', at: resolvedAt, summary: 'restarted' },
    ];
    const path = api.sessions.store.pathOf(id);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, [{ type: 'record' as const, record }, ...events].map(serializeSessionLine).join(''));
    await appendStep(`${id.toLowerCase()}-run`, startedMs + 5 * 60_000, command, exitCode);
  }

  async function appendStep(runId: string, startedMs: number, command: string, exitCode: number, output?: StepFinishedEntry['output']): Promise<void> {
    const started: StepStartedEntry = {
      type: 'step-started',
      runId,
      at: iso(startedMs),
      runbook: vscode.Uri.joinPath(workspaceFolder(), 'runbooks/evidence-drill.md').toString(),
      runbookTitle: 'Evidence drill',
      stepId: 'step-0',
      command,
      context: 'drill',
      namespace: 'shop',
      destructive: false,
      confirmation: 'none',
    };
    await api.journal.append(started);
    await api.journal.append({ type: 'step-finished', runId, at: iso(startedMs + 2_000), exitCode, durationMs: 2_000, ...(output ? { output } : {}) });
  }

  before(async () => {
    api = await activateExtension();
    await api.sessions.ready();
    await resolveActive('left over by an earlier test');
    alertmanager = await startAlertmanager();
    await alertmanager.postAlerts([
      {
        labels: { alertname: ALERT, severity: 'warning', namespace: 'shop' },
        annotations: { summary: 'Evidence and history drill.' },
        startsAt: new Date(Date.now() - 2 * 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
    ]);
    await settings().update(Settings.alertmanagerPollInterval, 1, vscode.ConfigurationTarget.Workspace);
    await settings().update(Settings.alertmanagerInstances, [{ name: 'history', url: alertmanager.url }], vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await resolveActive('evidence test done');
    await settings().update(Settings.alertmanagerInstances, undefined, vscode.ConfigurationTarget.Workspace);
    await settings().update(Settings.alertmanagerPollInterval, undefined, vscode.ConfigurationTarget.Workspace);
    await alertmanager?.stop();
  });

  it('adds an editor selection to the active incident’s timeline, masked, naming its file and lines', async () => {
    const log = vscode.Uri.joinPath(workspaceFolder(), 'logs/evidence-drill.log');
    await vscode.workspace.fs.writeFile(log, Buffer.from('boot ok\ncheckout: OOMKilled (exit 137)\nretrying with DB_PASSWORD=s3cr3t-Value\nboot ok\n'));
    const id = await vscode.commands.executeCommand<string>(Commands.startSession, undefined, { title: 'Evidence drill' });
    assert.ok(id);
    const editor = await vscode.window.showTextDocument(log);
    editor.selection = new vscode.Selection(1, 0, 3, 0);
    assert.equal(await vscode.commands.executeCommand(Commands.addEditorSelectionToTimeline), true);
    const timeline = await api.sessions.timeline(id);
    const evidence = timeline?.events.find((event): event is EvidenceEvent => event.type === 'evidence');
    assert.ok(evidence, 'the evidence is in the timeline');
    assert.deepEqual(evidence.origin, { kind: 'editor', path: 'logs/evidence-drill.log', startLine: 2, endLine: 3 });
    assert.equal(evidence.text, 'checkout: OOMKilled (exit 137)\nretrying with DB_PASSWORD=***');
    assert.doesNotMatch(await readFile(api.sessions.store.pathOf(id), 'utf8'), /s3cr3t-Value/, 'the secret never reaches the record');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('adds a terminal selection naming the terminal, and gives the clipboard back', async () => {
    const id = api.sessions.active?.id;
    assert.ok(id);
    const written = new vscode.EventEmitter<string>();
    const terminal = vscode.window.createTerminal({
      name: 'Evidence drill shell',
      pty: { onDidWrite: written.event, open: () => written.fire('pod checkout-7d9: CrashLoopBackOff\r\n'), close: () => undefined },
    });
    try {
      terminal.show();
      await waitFor('the terminal to be active', () => vscode.window.activeTerminal === terminal);
      await vscode.env.clipboard.writeText('what the user had copied');
      await waitFor('the terminal to show its text', async () => {
        await vscode.commands.executeCommand('workbench.action.terminal.selectAll');
        return (await vscode.commands.executeCommand(Commands.addTerminalSelectionToTimeline)) === true;
      });
      const evidence = (await api.sessions.timeline(id))?.events.filter((event): event is EvidenceEvent => event.type === 'evidence').pop();
      assert.deepEqual(evidence?.origin, { kind: 'terminal', name: 'Evidence drill shell' });
      assert.match(evidence?.text ?? '', /pod checkout-7d9: CrashLoopBackOff/);
      assert.equal(await vscode.env.clipboard.readText(), 'what the user had copied');
    } finally {
      terminal.dispose();
      written.dispose();
    }
  });

  it('writes a post-mortem showing the last 20 lines of a step’s captured output in <details>', async () => {
    const id = api.sessions.active?.id;
    assert.ok(id);
    const runId = 'evidence-drill-output';
    const lines = Array.from({ length: 30 }, (_, i) => `replica ${i + 1} ready`);
    lines.splice(25, 0, '```', '</details>', 'token: ghp_abcdefghijklmnopqrstuvwxyz0123456789');
    await mkdir(api.journal.outputFolder, { recursive: true });
    await writeFile(api.journal.outputPath(`${runId}.txt`)!, `${lines.join('\n')}\n`);
    await appendStep(runId, Date.now(), 'kubectl rollout status deploy/checkout', 0, { file: `${runId}.txt`, printedBytes: 600, omittedBytes: 0 });
    const written = await vscode.commands.executeCommand<string>(Commands.generatePostMortem, id, { template: 'google-sre' });
    assert.ok(written);
    const text = await readFile(vscode.Uri.parse(written).fsPath, 'utf8');
    const block = /<details><summary>Output \(last 20 of 33 lines\)<\/summary>\n\n {3}(`{4,})text\n([\s\S]*?)\n {3}\1\n\n {3}<\/details>/.exec(text);
    assert.ok(block, text);
    const shown = block[2].split('\n').map((line) => line.trim());
    assert.equal(shown.length, 20);
    assert.equal(shown[0], 'replica 14 ready', 'the last 20 of 33 lines (30 replicas and three hostile lines)');
    assert.equal(shown[19], 'replica 30 ready');
    assert.ok(shown.includes('</details>') && shown.includes('token: ***'));
    assert.doesNotMatch(text, /ghp_abcdefghijklmnop/);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('lists the two earlier incidents about an alert, newest first, with a link to a post-mortem', async () => {
    await resolveActive('evidence drill done');
    const weekAgo = Date.now() - 7 * DAY;
    const twoDaysAgo = Date.now() - 2 * DAY;
    await recordEarlierIncident(dayId(weekAgo, 901), weekAgo, 45, 'kubectl rollout undo deploy/checkout', 0);
    await recordEarlierIncident(dayId(twoDaysAgo, 902), twoDaysAgo, 90, 'kubectl delete pod checkout-1', 1);
    await api.sessions.reload();
    const postMortem = await vscode.commands.executeCommand<string>(Commands.generatePostMortem, dayId(weekAgo, 901), { template: 'google-sre' });
    assert.ok(postMortem);
    const alert = await waitFor('the alert', () => [...api.incidents.incidents()].find((incident) => incident.alertName === ALERT));
    // An incident about it now: history is about the earlier ones.
    await vscode.commands.executeCommand(Commands.startSession, { id: alert.id }, { title: 'Evidence drill, again' });
    const uri = await vscode.commands.executeCommand<string>(Commands.showIncidentHistory, { id: alert.id });
    assert.ok(uri?.startsWith(`${HISTORY_SCHEME}:`));
    const text = (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri))).getText();
    const headings = [...text.matchAll(/^## (INC-\S+):/gm)].map((match) => match[1]);
    assert.deepEqual(headings, [dayId(twoDaysAgo, 902), dayId(weekAgo, 901)], text);
    assert.match(text, /- \*\*Time to resolve:\*\* 1 h 30 min[\s\S]*- \*\*Last step before resolution:\*\* `kubectl delete pod checkout-1` in drill\/shop → exit 1/);
    assert.match(text, /- \*\*Time to resolve:\*\* 45 min[\s\S]*`kubectl rollout undo deploy\/checkout` in drill\/shop → exit 0/);
    assert.ok(text.includes(`(<${postMortem}>)`), `links ${postMortem}:\n${text}`);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
