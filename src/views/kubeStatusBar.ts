import * as vscode from 'vscode';
import { Commands, StatusBarItems } from '../constants';
import { renderKubeTargetTooltip } from '../core/kube/kubeTargetTooltip';
import type { KubeContextService, KubeState } from '../platform/kube/kubeContextService';

/**
 * `⎈ context / namespace` in the status bar: where a Run goes. Protected contexts get the
 * warning colours so nobody mistakes production for staging.
 */
export class KubeStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem(StatusBarItems.kubeContext, vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;

  constructor(kube: KubeContextService) {
    this.item.name = 'On-Call: Kube Context';
    this.item.command = Commands.switchContext;
    this.subscription = kube.onDidChange((state) => this.render(state));
    this.render(kube.state);
  }

  private render(state: KubeState): void {
    const item = this.item;
    item.backgroundColor = undefined;
    switch (state.kind) {
      case 'loading':
        item.text = '⎈ …';
        item.tooltip = 'Reading kubeconfig';
        break;
      case 'error':
        if (state.error.reason === 'unreadable-kubeconfig') {
          // Not "no kubeconfig": the user named one, and nothing runs until it can be read.
          item.text = '$(error) ⎈ kubeconfig unreadable';
          item.tooltip = state.error.message;
          item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
          break;
        }
        item.text = state.error.reason === 'no-kubeconfig' ? '⎈ no kubeconfig' : '$(warning) ⎈ no context';
        item.tooltip =
          state.error.reason === 'no-kubeconfig'
            ? `${state.error.message}\nSteps run in a terminal where kubectl has no cluster.`
            : `${state.error.message}\nClick to choose a context.`;
        if (state.error.reason !== 'no-kubeconfig') item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
      case 'ready': {
        const { active } = state;
        item.text = `${state.protected ? '$(shield) ' : ''}⎈ ${active.context} / ${active.namespace}`;
        // Trusted for the two switch links only; every name in it is escaped by the renderer.
        // No theme icons: a name could otherwise draw one.
        const tooltip = new vscode.MarkdownString(
          renderKubeTargetTooltip(
            { context: active.context, namespace: active.namespace, cluster: active.cluster, server: active.server, user: active.user, source: active.source, protected: state.protected },
            { switchContext: Commands.switchContext, switchNamespace: Commands.switchNamespace },
          ),
          false,
        );
        tooltip.isTrusted = { enabledCommands: [Commands.switchContext, Commands.switchNamespace] };
        item.tooltip = tooltip;
        if (state.protected) item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
      }
    }
    item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
