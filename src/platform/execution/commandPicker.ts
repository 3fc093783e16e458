import * as vscode from 'vscode';
import { describeChoiceRisk, type CommandChoice } from '../../core/execution/commandChoices';

interface ChoiceItem extends vscode.QuickPickItem {
  readonly choice: CommandChoice;
}

/**
 * A multi-select of a block's commands, each with its risk. Nothing is ticked at first, so
 * Enter alone runs nothing. Returns the ticked commands in block order, or undefined.
 */
export async function pickCommands(choices: readonly CommandChoice[], where: string): Promise<CommandChoice[] | undefined> {
  const items: ChoiceItem[] = choices.map((choice) => {
    const lines = choice.shown.split('\n');
    const first = lines[0]!.length > 100 ? `${lines[0]!.slice(0, 97)}…` : lines[0]!;
    const more = lines.length > 1 ? `${lines.length - 1} more line${lines.length === 2 ? '' : 's'}` : undefined;
    return {
      label: `${choice.risk.destructive ? '$(warning)' : '$(eye)'} ${first}`,
      description: describeChoiceRisk(choice),
      detail: [choice.command.comment, more].filter((part) => part !== undefined).join(' · ') || undefined,
      choice,
    };
  });
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    title: `Choose commands to run ${where}`,
    placeHolder: 'Tick the commands to run; the others are left out',
    ignoreFocusOut: true,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked) return undefined;
  if (picked.length === 0) {
    void vscode.window.showInformationMessage('No command was ticked, so nothing ran.');
    return undefined;
  }
  return picked.map((item) => item.choice).sort((a, b) => a.command.start - b.command.start);
}
