import * as vscode from 'vscode';
import { WalkthroughContextKeys } from '../constants';
import { config } from '../platform/config';
import type { JournalStore } from '../platform/execution/journalStore';
import { SecretKeys } from '../platform/incidents/incidentSource';
import type { KubeContextService } from '../platform/kube/kubeContextService';
import type { Log } from '../platform/log';
import type { RunbookIndex } from '../platform/runbooks/runbookIndex';

type Step = keyof typeof WalkthroughContextKeys;

/**
 * Marks the Get Started walkthrough's steps as done when what they ask for is already there
 * (runbooks in the workspace, a kube context, an Alertmanager, a PagerDuty key, a step run),
 * not only when their button is used while the walkthrough is open. Each step completes on a
 * context key (`onContext:` in package.json) that this class sets; a step once done stays
 * done, as VS Code keeps it.
 */
export class WalkthroughProgress implements vscode.Disposable {
  private readonly done = new Set<Step>();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly index: RunbookIndex,
    private readonly kube: KubeContextService,
    private readonly secrets: vscode.SecretStorage,
    private readonly journal: JournalStore,
    private readonly log: Log,
  ) {
    this.disposables.push(
      index.onDidChange(() => void this.check('runbooks', () => index.hasWorkspaceRunbooks())),
      kube.onDidChange((state) => this.mark('context', state.kind === 'ready')),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('oncall.alertmanager.instances')) this.mark('alertmanager', config.alertmanagerInstances().length > 0);
      }),
      secrets.onDidChange((event) => {
        if (event.key === SecretKeys.pagerDutyToken) void this.check('pagerduty', async () => !!(await secrets.get(SecretKeys.pagerDutyToken)));
      }),
      journal.onDidAppend((entry) => this.mark('firstStep', entry.type === 'step-started')),
    );
  }

  /** Looks at everything once; called after activation, never during it. */
  async refresh(): Promise<void> {
    this.mark('alertmanager', config.alertmanagerInstances().length > 0);
    this.mark('context', this.kube.state.kind === 'ready');
    await Promise.all([
      this.check('runbooks', () => this.index.hasWorkspaceRunbooks()),
      this.check('pagerduty', async () => !!(await this.secrets.get(SecretKeys.pagerDutyToken))),
      this.check('firstStep', async () => (await this.journal.read()).some((entry) => entry.type === 'step-started')),
    ]);
  }

  private async check(step: Step, probe: () => Promise<boolean>): Promise<void> {
    if (this.done.has(step)) return;
    try {
      this.mark(step, await probe());
    } catch (error) {
      // Only the walkthrough's tick is at stake: leave the step open.
      this.log.warn(`Could not tell whether the walkthrough step "${step}" is done: ${String(error)}`);
    }
  }

  private mark(step: Step, isDone: boolean): void {
    if (!isDone || this.done.has(step)) return;
    this.done.add(step);
    void vscode.commands.executeCommand('setContext', WalkthroughContextKeys[step], true);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
