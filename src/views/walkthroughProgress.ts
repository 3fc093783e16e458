import * as vscode from 'vscode';
import { Settings, WALKTHROUGH_SHOWN_KEY, WalkthroughContextKeys } from '../constants';
import { setContext } from '../platform/commands';
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
 *
 * VS Code's walkthrough service is created on first use (the Welcome page, or opening a
 * walkthrough). An `onContext` expression already true when it registers the steps is taken
 * as seen and never completes a step (checked against VS Code 1.100). So every step's
 * expression also needs `oncall.walkthrough.shown`, set only once the walkthrough's own editor
 * is open, when the service surely exists: the expression turns true after registration.
 */
export class WalkthroughProgress implements vscode.Disposable {
  private readonly done = new Set<Step>();
  private shown = false;
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
        if (event.affectsConfiguration(Settings.alertmanagerInstances)) this.mark('alertmanager', config.alertmanagerInstances().length > 0);
      }),
      secrets.onDidChange((event) => {
        if (event.key === SecretKeys.pagerDutyToken) void this.check('pagerduty', async () => !!(await secrets.get(SecretKeys.pagerDutyToken)));
      }),
      journal.onDidAppend((entry) => this.mark('firstStep', entry.type === 'step-started')),
      vscode.window.tabGroups.onDidChangeTabs(() => this.noticeWalkthroughTab()),
    );
  }

  /** Called once the walkthrough was opened; see the class comment. */
  walkthroughShown(): void {
    if (this.shown) return;
    this.shown = true;
    void setContext(WALKTHROUGH_SHOWN_KEY, true);
  }

  /**
   * The walkthrough opened another way (the Welcome page, Welcome: Open Walkthrough...). Its
   * tab is a workbench page, labelled "Welcome" in the API whatever it shows (VS Code 1.100),
   * so any workbench page counts: the Welcome page and walkthroughs need the walkthrough
   * service, so it exists by then. A Settings page opened first marks it early; the steps then
   * only miss the automatic tick in that window.
   */
  private noticeWalkthroughTab(): void {
    if (this.shown) return;
    if (vscode.window.tabGroups.all.some((group) => group.tabs.some(isWorkbenchPage))) this.walkthroughShown();
  }

  /** Looks at everything once; called after activation, never during it. */
  async refresh(): Promise<void> {
    this.noticeWalkthroughTab();
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
    this.log.info(`Get Started: the step "${step}" is done.`);
    void setContext(WalkthroughContextKeys[step], true);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** A tab of one of the workbench's own pages (Welcome, a walkthrough, Settings), not of a document or a terminal. */
function isWorkbenchPage(tab: vscode.Tab): boolean {
  const input = tab.input;
  return !(
    input instanceof vscode.TabInputText ||
    input instanceof vscode.TabInputTextDiff ||
    input instanceof vscode.TabInputCustom ||
    input instanceof vscode.TabInputNotebook ||
    input instanceof vscode.TabInputNotebookDiff ||
    input instanceof vscode.TabInputWebview ||
    input instanceof vscode.TabInputTerminal
  );
}
