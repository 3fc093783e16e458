// Helpers for tests that run inside the extension host.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../../src/constants';
import type { OnCallApi, OnCallExtension } from '../../../src/extension';

/** Activates On-Call and waits for its services (started on the tick after activation). */
export async function activateExtension(): Promise<OnCallApi> {
  const extension = vscode.extensions.getExtension<OnCallExtension>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not installed in this host`);
  return (await extension.activate()).services();
}

export function workspaceFolder(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the tests need a workspace folder');
  return folder.uri;
}
