// Reads the Incidents view the way it is drawn: labels and descriptions of every node, as
// VS Code gets them from the extension's TreeDataProvider.
import * as vscode from 'vscode';
import type { OnCallApi } from '../../../src/extension';
import type { IncidentNode } from '../../../src/views/incidentsTreeProvider';

export interface DrawnNode {
  readonly label: string;
  readonly description: string;
  readonly contextValue: string;
  readonly node: IncidentNode;
  readonly children: DrawnNode[];
}

function text(value: string | vscode.TreeItemLabel | undefined): string {
  return typeof value === 'string' ? value : (value?.label ?? '');
}

export async function drawIncidentTree(api: OnCallApi, parent?: IncidentNode): Promise<DrawnNode[]> {
  const provider = api.incidentTree;
  const nodes = (await provider.getChildren(parent)) ?? [];
  const drawn: DrawnNode[] = [];
  for (const node of nodes) {
    const item = await provider.getTreeItem(node);
    drawn.push({
      label: text(item.label),
      description: typeof item.description === 'string' ? item.description : '',
      contextValue: item.contextValue ?? '',
      node,
      children: await drawIncidentTree(api, node),
    });
  }
  return drawn;
}

/** Every incident row with its severity and group: `P1 · High > monitoring > title`. */
export function incidentRows(tree: DrawnNode[]): { level: string; group: string; label: string; description: string; node: IncidentNode; contextValue: string }[] {
  const rows = [];
  for (const level of tree.filter((n) => n.node.kind === 'severity')) {
    for (const group of level.children) {
      for (const incident of group.children) rows.push({ level: level.label, group: group.label, label: incident.label, description: incident.description, node: incident.node, contextValue: incident.contextValue });
    }
  }
  return rows;
}
