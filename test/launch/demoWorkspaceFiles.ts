// What the demo's workspace is made of: runbooks meant to be read by a newcomer (the starter
// runbooks and the shop team's runbook), never test fixtures. A fixture runbook exists to be
// run by tests (`kubectl get pod does-not-exist`); copied into the demo it would be what the
// first alert opens. test/unit/tooling/demoWorkspace.test.ts holds the demo to that.
import { cpSync } from 'node:fs';
import { join } from 'node:path';

/** Folders of the repository copied into the demo's workspace, and where they go. */
export const DEMO_WORKSPACE_SOURCES: readonly { readonly from: string; readonly to: string }[] = [
  { from: 'runbooks', to: 'runbooks' },
  { from: 'test/launch/demoWorkspace', to: '.' },
];

export function assembleDemoWorkspace(repoRoot: string, workspace: string): void {
  for (const { from, to } of DEMO_WORKSPACE_SOURCES) cpSync(join(repoRoot, from), join(workspace, to), { recursive: true });
}
