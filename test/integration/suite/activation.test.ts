import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID, Views } from '../../../src/constants';
import type { OnCallExtension } from '../../../src/extension';

describe('activation in the extension host', () => {
  let extension: OnCallExtension;

  before(async () => {
    const found = vscode.extensions.getExtension<OnCallExtension>(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not installed in this host`);
    extension = await found.activate();
  });

  it('activates without error and reports how long activate() took', () => {
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    assert.equal(typeof extension.activationMs, 'number');
    // Printed, not asserted against a budget: the benchmark script owns timing budgets.
    console.log(`activate() took ${extension.activationMs.toFixed(2)} ms in the extension host`);
  });

  it('registers every command it contributes, and keeps them once its services have started', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const command of Object.values(Commands)) assert.ok(registered.has(command), `${command} is not registered after activation`);
    const api = await extension.services();
    assert.ok(api.runbooks && api.incidents, 'the services did not start');
    const afterStart = new Set(await vscode.commands.getCommands(true));
    for (const command of Object.values(Commands)) assert.ok(afterStart.has(command), `${command} is not registered once the services have started`);
  });

  it('opens both On-Call views', async () => {
    for (const view of Object.values(Views)) {
      await vscode.commands.executeCommand(`${view}.focus`);
    }
    // Focusing a view whose provider is missing throws or logs; reaching here with the view
    // commands available shows the container and both views are contributed and resolvable.
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const view of Object.values(Views)) assert.ok(registered.has(`${view}.focus`), `${view} is not contributed`);
  });

  it('shows its log through the command palette command', async () => {
    await vscode.commands.executeCommand(Commands.showLog);
  });
});
