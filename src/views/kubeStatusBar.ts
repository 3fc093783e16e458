import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { KubeContextService, KubeState } from '../platform/kube/kubeContextService';

/**
 * `⎈ context / namespace` in the status bar: where a Run goes. Protected contexts get the
 * warning colours so nobody mistakes production for staging.
 */
export class KubeStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('oncall.kube.context', vscode.StatusBarAlignment.Left, 50);
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
        item.text = state.error.reason === 'no-kubeconfig' ? '⎈ no kubeconfig' : '$(warning) ⎈ no context';
        item.tooltip = `${state.error.message}\nClick to choose a context.`;
        if (state.error.reason !== 'no-kubeconfig') item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
        break;
      case 'ready': {
        const { active } = state;
        item.text = `${state.protected ? '$(shield) ' : ''}⎈ ${active.context} / ${active.namespace}`;
        const tooltip = new vscode.MarkdownString(undefined, true);
        tooltip.appendMarkdown(`**Runbook steps run in** \`${active.context}\`, namespace \`${active.namespace}\`\n\n`);
        tooltip.appendMarkdown(`Cluster \`${active.cluster}\` at ${active.server}  \nUser \`${active.user || '(none)'}\`  \nFrom ${active.source}\n\n`);
        if (state.protected) tooltip.appendMarkdown('$(shield) Protected context: destructive steps need the context name typed.\n\n');
        tooltip.appendMarkdown(`[Switch context](command:${Commands.switchContext}) · [Switch namespace](command:${Commands.switchNamespace})`);
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
