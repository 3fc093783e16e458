// Open Runbook when two of the team's runbooks fit an alert equally (the drill runbooks in
// test/fixtures/runbooks/matching): it asks which, best first with the reason each matched,
// remembers the answer for that alert in the workspace, and asks again once the remembered
// runbook no longer matches. A README in the same folder that mentions the alert but has no
// steps is neither listed nor offered.
import assert from 'node:assert/strict';
import { copyFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../../src/constants';
import type { Incident } from '../../../src/core/incidents/incidentModel';
import type { OnCallApi } from '../../../src/extension';
import { startAlertmanager, type RunningAlertmanager } from '../../fixtures/alertmanager/alertmanagerProcess';
import { activateExtension, workspaceFolder } from '../support/hostHelpers';
import { waitFor } from '../../support/waiting';

const fixtures = join(__dirname, '../../../../../test/fixtures/runbooks/matching/drills');
const README_WITHOUT_STEPS = '# Drills\n\nRunbooks for the orders drills. **Alert:** `OrdersDrill` opens one of them.\n';

describe('Open Runbook when several team runbooks fit an alert', function () {
  this.timeout(90_000);
  let api: OnCallApi;
  let alertmanager: RunningAlertmanager;
  let incident: Incident;
  /** The same alert from the east team: its labels name one of the two runbooks. */
  let eastTeamIncident: Incident;
  // The workspace's existing runbooks folder: a folder created by the test and filled at once
  // can be missed by the file watcher in a loaded test host, which is not what this is about.
  const folder = () => join(workspaceFolder().fsPath, 'runbooks');
  const east = () => join(folder(), 'orders-drill-east.md');
  const west = () => join(folder(), 'orders-drill-west.md');
  const readme = () => join(folder(), 'README.md');
  const settings = () => vscode.workspace.getConfiguration();

  function indexed(path: string): boolean {
    return api.runbooks.all().some((entry) => entry.uri.fsPath === path);
  }

  /** Runs Open Runbook and answers its pick with the item `moves` rows below the first. */
  async function openAndPick(moves: number): Promise<boolean> {
    const asked = api.incidentRunbooks.choicesAsked;
    const opened = vscode.commands.executeCommand<boolean>(Commands.openIncidentRunbook, { id: incident.id });
    await waitFor('the runbook pick', () => api.incidentRunbooks.choicesAsked > asked);
    for (let move = 0; move < moves; move++) await vscode.commands.executeCommand('quickInput.next');
    await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return opened;
  }

  const activePath = () => vscode.window.activeTextEditor?.document.uri.fsPath;

  before(async () => {
    api = await activateExtension();
    await api.runbooks.ensureLoaded();
    writeFileSync(readme(), README_WITHOUT_STEPS);
    copyFileSync(join(fixtures, 'orders-drill-east.md'), east());
    copyFileSync(join(fixtures, 'orders-drill-west.md'), west());
    await waitFor('both drill runbooks in the index', () => indexed(east()) && indexed(west()));
    alertmanager = await startAlertmanager();
    await alertmanager.postAlerts([
      {
        labels: { alertname: 'OrdersDrill', severity: 'warning', namespace: 'staging' },
        annotations: { summary: 'Orders drill in staging.' },
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
      {
        labels: { alertname: 'OrdersDrill', severity: 'warning', namespace: 'staging', team: 'east' },
        annotations: { summary: 'Orders drill in staging, run by the east team.' },
        startsAt: new Date(Date.now() - 60_000).toISOString(),
        endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      },
    ]);
    await settings().update(Settings.alertmanagerPollInterval, 1, vscode.ConfigurationTarget.Workspace);
    await settings().update(Settings.alertmanagerInstances, [{ name: 'drills', url: alertmanager.url }], vscode.ConfigurationTarget.Workspace);
    const drills = await waitFor('the drill alerts', () => {
      const found = [...api.incidents.incidents()].filter((candidate) => candidate.alertName === 'OrdersDrill');
      return found.length === 2 ? found : undefined;
    });
    incident = drills.find((candidate) => candidate.labels.team === undefined) as Incident;
    eastTeamIncident = drills.find((candidate) => candidate.labels.team === 'east') as Incident;
  });

  after(async () => {
    await settings().update(Settings.alertmanagerInstances, undefined, vscode.ConfigurationTarget.Workspace);
    await settings().update(Settings.alertmanagerPollInterval, undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const file of [east(), west(), readme()]) rmSync(file, { force: true });
    await alertmanager?.stop();
  });

  it('offers the two drill runbooks, and not the README that names the alert but has no steps', async () => {
    assert.equal(indexed(readme()), false);
    const ranked = await api.incidentRunbooks.rank(incident);
    assert.deepEqual(
      ranked.candidates.map((candidate) => [candidate.path, candidate.why]),
      [
        ['runbooks/orders-drill-east.md', 'front matter lists OrdersDrill'],
        ['runbooks/orders-drill-west.md', 'front matter lists OrdersDrill'],
      ],
    );
    assert.equal(ranked.tied, true);
  });

  it('asks which runbook, opens the one picked, and opens it again without asking', async () => {
    assert.equal(await openAndPick(1), true);
    assert.equal(activePath(), west());
    const asked = api.incidentRunbooks.choicesAsked;
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.equal(await vscode.commands.executeCommand<boolean>(Commands.openIncidentRunbook, { id: incident.id }), true);
    assert.equal(activePath(), west());
    assert.equal(api.incidentRunbooks.choicesAsked, asked, 'no second question');
    // What other features take as the incident's runbook (a new incident session) is the chosen one.
    assert.equal((await api.incidentRunbooks.match(incident))?.uri, vscode.Uri.file(west()).toString());
  });

  it('opens the runbook an alert\'s labels point to, whatever was chosen for the tie', async () => {
    const asked = api.incidentRunbooks.choicesAsked;
    assert.equal(await vscode.commands.executeCommand<boolean>(Commands.openIncidentRunbook, { id: eastTeamIncident.id }), true);
    assert.equal(activePath(), east());
    assert.equal(api.incidentRunbooks.choicesAsked, asked);
    // The choice stays for the alerts it was made for.
    assert.equal((await api.incidentRunbooks.match(incident))?.uri, vscode.Uri.file(west()).toString());
  });

  it('forgets the choice once that runbook no longer matches, and asks again when there is a choice', async () => {
    rmSync(west());
    await waitFor('the west runbook to leave the index', () => !indexed(west()));
    const asked = api.incidentRunbooks.choicesAsked;
    assert.equal(await vscode.commands.executeCommand<boolean>(Commands.openIncidentRunbook, { id: incident.id }), true);
    assert.equal(activePath(), east(), 'the only runbook left opens without a question');
    assert.equal(api.incidentRunbooks.choicesAsked, asked);
    copyFileSync(join(fixtures, 'orders-drill-west.md'), west());
    await waitFor('the west runbook back in the index', () => indexed(west()));
    assert.equal(await openAndPick(0), true);
    assert.equal(activePath(), east());
  });

  it('lists a README once it has a step to run', async () => {
    writeFileSync(readme(), `${README_WITHOUT_STEPS}\n\`\`\`bash\nls runbooks\n\`\`\`\n`);
    await waitFor('the README with a step in the index', () => indexed(readme()));
  });
});
