// An incident as it happens, part two: VS Code reopened after its extension host was killed
// with the incident active. The incident, its timeline and the journal must have survived;
// then it is resolved and its post-mortem written, twice, without overwriting.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../../src/constants';
import type { OnCallApi } from '../../../src/extension';
import { activateExtension, workspaceFolder } from '../support/hostHelpers';
import { DRILL_NOTE, DRILL_TITLE } from '../support/drill';
import { waitFor } from '../../support/waiting';

describe('an incident session, after the crash', function () {
  this.timeout(60_000);
  let api: OnCallApi;
  let id: string;
  let first: string;

  before(async () => {
    api = await activateExtension();
    await api.sessions.ready();
  });

  it('still has the incident active, with every event written before the crash', async () => {
    const active = api.sessions.active;
    assert.ok(active, 'the incident is active again');
    assert.equal(active.title, DRILL_TITLE);
    id = active.id;
    const timeline = await api.sessions.timeline(id);
    assert.ok(timeline);
    const kinds = timeline.events.map((e) => e.type);
    for (const kind of ['alert-fired', 'incident-started', 'checklist-ticked', 'note']) assert.ok(kinds.includes(kind as never), `${kind} survived: ${kinds.join(', ')}`);
    // Its own runs only: the practice run's echo, though it ran after the alert fired, belongs
    // to the practice incident, resolved before this one was declared.
    const steps = timeline.events.flatMap((e) => (e.type === 'step-run' ? [[e.command, e.exitCode]] : []));
    assert.deepEqual(steps, [
      ['echo drill-step-ok', 0],
      ['ls /nonexistent-drill-path', 2],
    ], 'the journal survived with both exit codes, and no step of the practice incident');
  });

  async function copyDrillTemplate(firstLine: string): Promise<string | undefined> {
    const uri = vscode.Uri.joinPath(workspaceFolder(), 'runbooks/incident-drill.md');
    const step = (await api.runbooks.runbookFor(uri))?.steps.find((s) => s.content.startsWith(firstLine));
    assert.ok(step, `no template starting "${firstLine}"`);
    return vscode.commands.executeCommand<string>(Commands.copyTemplate, { uri: uri.toString(), stepId: step.id });
  }

  it('copies a template block with the active incident’s facts filled in', async () => {
    const copied = await copyDrillTemplate('[SEVERITY] INCIDENT');
    assert.equal(copied, await vscode.env.clipboard.readText());
    assert.match(copied ?? '', /^P1 INCIDENT: checkout is degraded\n/);
    assert.match(copied ?? '', /^Started: \d{4}-\d{2}-\d{2} \d{2}:\d{2} /m);
    assert.doesNotMatch(copied ?? '', /\[(?:SEVERITY|Service Name|Time UTC|Next update time)\]/);
  });

  it('resolves the incident and writes the post-mortem with every event in order', async () => {
    assert.equal(await vscode.commands.executeCommand(Commands.resolveSession, 'Rolled back checkout'), id);
    assert.equal(api.sessions.active, undefined);
    first = (await vscode.commands.executeCommand<string>(Commands.generatePostMortem, id, { template: 'runbook' })) ?? '';
    assert.match(first, /\/postmortems\/\d{4}-\d{2}-\d{2}-checkout-drill[^/]*\.md$/);
    const text = readFileSync(vscode.Uri.parse(first).fsPath, 'utf8');
    assert.match(text, new RegExp(`^# Post-mortem: ${DRILL_TITLE.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    assert.doesNotMatch(text, /YYYY-MM-DD|X hours Y minutes|\[Incident Title\]|\{\{timeline\}\}/, 'known placeholders are filled');
    const order = ['CheckoutDrill', 'echo drill-step-ok', 'ls /nonexistent-drill-path', 'Acknowledge the alert', DRILL_NOTE, 'Rolled back checkout'];
    const positions = order.map((needle) => text.indexOf(needle, text.indexOf('| Time (UTC)')));
    assert.ok(positions.every((p) => p > 0), `every event is in the timeline table: ${JSON.stringify(order.filter((_, i) => positions[i] <= 0))}`);
    assert.deepEqual([...positions].sort((a, b) => a - b), positions, 'in the order they happened');
    const lines = text.split('\n');
    // One echo: the one that started the practice incident is that incident's.
    assert.equal(lines.filter((l) => l.includes('echo drill-step-ok')).length, 1, 'no step of the practice incident');
    assert.match(lines.find((l) => l.includes('echo drill-step-ok')) ?? '', /exit 0/);
    assert.match(lines.find((l) => l.includes('ls /nonexistent-drill-path')) ?? '', /exit 2/);
  });

  it('puts the text typed at Resolve into the resolution message, and copies templates as written once nothing is active', async () => {
    const message = await vscode.commands.executeCommand<string>(Commands.copyStatusMessage, 'resolution', id);
    assert.match(message ?? '', /Rolled back checkout/);
    assert.doesNotMatch(message ?? '', /Under assessment/);
    assert.equal((await copyDrillTemplate('RESOLVED:'))?.trim(), 'RESOLVED: [Service Name] - [Brief description]');
  });

  it('writes a second post-mortem next to the first, never over it', async () => {
    const before = readFileSync(vscode.Uri.parse(first).fsPath, 'utf8');
    const second = (await vscode.commands.executeCommand<string>(Commands.generatePostMortem, id, { template: 'google-sre' })) ?? '';
    assert.notEqual(second, first);
    assert.match(second, /-2\.md$/);
    assert.equal(readFileSync(vscode.Uri.parse(first).fsPath, 'utf8'), before);
    const text = readFileSync(vscode.Uri.parse(second).fsPath, 'utf8');
    assert.match(text, /ls \/nonexistent-drill-path/);
  });

  it('reads the team template and writes post-mortems only inside the workspace', async () => {
    const root = workspaceFolder().fsPath;
    const outside = mkdtempSync(join(tmpdir(), 'oncall-outside-'));
    writeFileSync(join(outside, 'config'), '# Stolen\nclient-key-data: SECRET-KUBE-KEY\n');
    symlinkSync(outside, join(root, 'linked-out'));
    const settings = () => vscode.workspace.getConfiguration();
    // What a repository's settings could name: the user's kubeconfig, by every road out.
    const templates = [join(outside, 'config'), relative(root, join(outside, 'config')), relative(root, join(outside, 'config')).replace(/\//g, '\\'), 'linked-out/config'];
    const folders = [outside, relative(root, outside), 'linked-out', 'linked-out/deeper'];
    const written = () => readdirSync(join(root, 'postmortems')).map((name) => readFileSync(join(root, 'postmortems', name), 'utf8'));
    try {
      for (const template of templates) {
        await settings().update(Settings.postMortemTemplate, template, vscode.ConfigurationTarget.Workspace);
        const result = await vscode.commands.executeCommand<string>(Commands.generatePostMortem, id, { template: 'workspace' });
        assert.equal(result, undefined, `${template} was used as the template`);
      }
      assert.ok(written().every((text) => !text.includes('SECRET-KUBE-KEY')), 'no post-mortem holds the file from outside');
      await settings().update(Settings.postMortemTemplate, undefined, vscode.ConfigurationTarget.Workspace);
      for (const folder of folders) {
        await settings().update(Settings.postMortemFolder, folder, vscode.ConfigurationTarget.Workspace);
        const result = await vscode.commands.executeCommand<string>(Commands.generatePostMortem, id, { template: 'google-sre' });
        assert.equal(result, undefined, `a post-mortem was written with the folder ${folder}`);
      }
      assert.deepEqual(readdirSync(outside), ['config'], 'nothing was written outside the workspace');
      assert.equal(existsSync(join(outside, 'deeper')), false);
    } finally {
      await settings().update(Settings.postMortemTemplate, undefined, vscode.ConfigurationTarget.Workspace);
      await settings().update(Settings.postMortemFolder, undefined, vscode.ConfigurationTarget.Workspace);
      rmSync(join(root, 'linked-out'), { force: true });
      rmSync(outside, { recursive: true, force: true });
    }
  });

  it('copies a status message filled from the incident', async () => {
    const text = (await vscode.commands.executeCommand<string>(Commands.copyStatusMessage, 'resolution', id)) ?? '';
    assert.match(text, /checkout/i);
    assert.equal(await vscode.env.clipboard.readText(), text);
  });

  it('lists both incidents with the median response times in the sessions view', async () => {
    const roots = await api.sessionTree.getChildren();
    const labels = roots.map((node) => String(api.sessionTree.getTreeItem(node).label));
    // Nobody acknowledged the drill's alert: no time to acknowledge, rather than a figure made up from the first step.
    assert.match(labels[0], /^Median: mitigate .* · resolve /);
    assert.equal(labels.filter((label) => /^INC-\d{8}-00[12] /.test(label)).length, 2);
  });

  it('keeps the practice run in its own timeline, as taken in from before it was declared', async () => {
    const practice = api.sessions.sessions.find((session) => session.record.id !== id);
    assert.ok(practice);
    const timeline = await api.sessions.timeline(practice.record.id);
    assert.deepEqual(timeline?.events.flatMap((e) => (e.type === 'step-run' ? [[e.command, e.takenIn]] : [])), [['echo drill-step-ok', true]]);
  });

  it('writes the post-mortem of the incident whose row it is chosen on, not the last one', async () => {
    const practice = api.sessions.sessions.find((session) => session.record.id !== id);
    assert.ok(practice);
    // What VS Code passes to a command chosen from a row's context menu or inline button: the row.
    const row = (await api.sessionTree.getChildren()).find((node) => node.kind === 'session' && node.id === practice.record.id);
    assert.ok(row, 'the practice incident has a row');
    let written: string | undefined | 'pending' = 'pending';
    void vscode.commands.executeCommand<string>(Commands.generatePostMortem, row, { template: 'google-sre' }).then((uri) => (written = uri));
    // Were the row ignored, the command would ask which incident, and wait for an answer.
    const answered = await waitFor('the post-mortem to be written', () => written !== 'pending', 20_000).then(() => true, () => false);
    if (!answered) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.ok(answered, 'the command asked which incident instead of taking the row');
    assert.ok(typeof written === 'string');
    const text = readFileSync(vscode.Uri.parse(written).fsPath, 'utf8');
    assert.ok(text.includes(practice.record.id), 'the post-mortem is the practice incident\'s');
    assert.ok(!text.includes(id), 'not the last incident\'s');
  });

  it('writes no post-mortem for an incident whose record file was deleted, and says why', async () => {
    const practice = api.sessions.sessions.find((session) => session.record.id !== id);
    assert.ok(practice);
    const folder = join(workspaceFolder().fsPath, 'postmortems');
    const before = readdirSync(folder).length;
    rmSync(api.sessions.store.pathOf(practice.record.id));
    await vscode.commands.executeCommand(Commands.refreshSessions);
    assert.equal(await vscode.commands.executeCommand(Commands.generatePostMortem, practice.record.id, { template: 'google-sre' }), undefined);
    assert.equal(readdirSync(folder).length, before);
  });
});
