import * as vscode from 'vscode';

/** What a watcher of whole folders reports to its owner. */
export interface WholeFolderHandlers {
  /** A folder arrived with its files already in it. */
  arrived(folder: vscode.Uri): void;
  /** A folder left, with every file in it. */
  left(folder: vscode.Uri): void;
}

/**
 * A folder that arrives or leaves whole (moved or renamed into the workspace, unpacked,
 * removed with its files) raises one event for the folder and none for its files, so
 * watchers of `*.md` globs never hear of the runbooks in it. This watcher reports such
 * folders; a Markdown file's own events are left to the runbook watchers.
 */
export function watchWholeFolders(handlers: WholeFolderHandlers): vscode.Disposable {
  const watcher = vscode.workspace.createFileSystemWatcher('**/*', false, true, false);
  watcher.onDidCreate((uri) => {
    if (isMarkdownPath(uri)) return;
    // Only a folder matters; anything else created (build output, logs) is one stat.
    void Promise.resolve(vscode.workspace.fs.stat(uri)).then(
      (stat) => {
        if (stat.type & vscode.FileType.Directory) handlers.arrived(uri);
      },
      () => undefined, // Gone again already: nothing arrived.
    );
  });
  watcher.onDidDelete((uri) => {
    if (!isMarkdownPath(uri)) handlers.left(uri);
  });
  return watcher;
}

function isMarkdownPath(uri: vscode.Uri): boolean {
  return uri.path.toLowerCase().endsWith('.md');
}
