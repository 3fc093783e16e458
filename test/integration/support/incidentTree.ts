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

export interface IncidentRow {
  readonly level: string;
  readonly group: string;
  readonly label: string;
  readonly description: string;
  readonly node: IncidentNode;
  readonly contextValue: string;
  /** The label of the folded problem row this incident is a part of. */
  readonly folded?: string;
}

/**
 * Every incident row with its severity and group: `P1 · High > monitoring > title`. A folded
 * problem's row comes first, then each of its parts (with `folded`, the problem row's label).
 */
export function incidentRows(tree: DrawnNode[]): IncidentRow[] {
  const rows: IncidentRow[] = [];
  const row = (level: DrawnNode, group: DrawnNode, drawn: DrawnNode, folded?: string): IncidentRow => ({
    level: level.label,
    group: group.label,
    label: drawn.label,
    description: drawn.description,
    node: drawn.node,
    contextValue: drawn.contextValue,
    ...(folded === undefined ? {} : { folded }),
  });
  for (const level of tree.filter((n) => n.node.kind === 'severity')) {
    for (const group of level.children) {
      for (const drawn of group.children) {
        rows.push(row(level, group, drawn));
        for (const part of drawn.children) rows.push(row(level, group, part, drawn.label));
      }
    }
  }
  return rows;
}

/** The rows a user sees with every folded problem closed: one per problem. */
export function problemRows(tree: DrawnNode[]): IncidentRow[] {
  return incidentRows(tree).filter((row) => row.folded === undefined);
}
