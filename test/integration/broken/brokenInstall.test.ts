// A broken install (run by the `broken` pass: the extension as built, but dist/services.js
// throws when loaded). Activation must still succeed, and every command must tell the user
// On-Call could not start instead of VS Code's "command not found".
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID } from '../../../src/constants';
import type { OnCallExtension } from '../../../src/extension';
import { waitFor } from '../../support/waiting';

describe('a broken install', () => {
  it('activates, and every command answers instead of "command not found"', async () => {
    const extension = vscode.extensions.getExtension<OnCallExtension>(EXTENSION_ID);
    assert.ok(extension);
    const api = await extension.activate();
    await assert.rejects(api.services(), /dist\/services\.js is damaged/);
    const ids = Object.values(Commands);
    await waitFor('a command for every contributed id', async () => {
      const registered = new Set(await vscode.commands.getCommands(true));
      return ids.every((id) => registered.has(id));
    });
    // Before the mend these threw "command 'oncall.…' not found".
    for (const id of [Commands.refreshRunbooks, Commands.runStep]) await vscode.commands.executeCommand(id);
  });
});
