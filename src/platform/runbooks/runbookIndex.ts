import { open } from 'node:fs/promises';
import * as vscode from 'vscode';
import type { Runbook } from '../../core/runbooks/model';
import { isRunbookFile } from '../../core/runbooks/runbookFiles';
import { Settings, Views } from '../../constants';
import { mapWithLimit } from '../boundedMap';
import { config } from '../config';
import type { Log } from '../log';
import { loadParsers } from '../parsing/loadParsers';
import { watchWholeFolders } from './wholeFolderWatcher';

/** Files larger than this are listed in the log and skipped: a runbook is prose, not a data dump. */
const MAX_RUNBOOK_BYTES = 10 * 1024 * 1024;
/** Runbook files read at once during a scan: enough to overlap I/O, far below open-file limits. */
const MAX_PARALLEL_READS = 16;
/** How long typing pauses before an edited runbook is parsed again. */
const EDIT_DEBOUNCE_MS = 250;

export interface IndexedRunbook {
  readonly uri: vscode.Uri;
  readonly runbook: Runbook;
  /** Bundled with the extension rather than found in the workspace. */
  readonly starter: boolean;
  /** Path shown to the user: workspace-relative, or `starter/<file>`. */
  readonly label: string;
}

export interface RunbookIndexChange {
  /** True when the set of runbooks may have changed (a file came or went, a rescan). */
  readonly structural: boolean;
  /** Runbooks whose content changed. */
  readonly changed: readonly vscode.Uri[];
}

/**
 * Every runbook the user can reach: workspace files matching the include globs, plus the
 * starter runbooks shipped with the extension. The first scan runs when something first asks
 * for the list (never during activation); a file watcher and open editors keep it current.
 * Parses are cached by uri + document version, so a CodeLens request for an unchanged
 * document costs a map lookup.
 */
export class RunbookIndex implements vscode.Disposable {
  private readonly entries = new Map<string, IndexedRunbook>();
  private readonly documentCache = new Map<string, { version: number; runbook: Runbook }>();
  /**
   * The text each parse was made from. Opening an indexed runbook then reuses the index's
   * parse instead of keeping a second one (and a second copy of the text, which the parse's
   * substrings hold on to). Costs nothing more: the parse already keeps the text alive.
   */
  private readonly parsedTexts = new WeakMap<Runbook, string>();
  private readonly pendingEdits = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly changeEmitter = new vscode.EventEmitter<RunbookIndexChange>();
  private readonly disposables: vscode.Disposable[] = [];
  private watchers: vscode.Disposable[] = [];
  private loading: Promise<void> | undefined;

  readonly onDidChange = this.changeEmitter.event;

  constructor(
    private readonly starterFolder: vscode.Uri,
    private readonly log: Log,
  ) {
    this.disposables.push(
      this.changeEmitter,
      vscode.workspace.onDidChangeTextDocument((event) => this.scheduleEdit(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.onClosed(document)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (config.affects(event, Settings.runbookInclude, Settings.runbookExclude, Settings.showStarterRunbooks)) {
          void this.rescan();
        }
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rescan()),
    );
  }

  /** Resolves when the first scan is done; starts it if nothing has yet. */
  ensureLoaded(): Promise<void> {
    this.loading ??= this.scanWithProgress();
    return this.loading;
  }

  get loaded(): boolean {
    return this.loading !== undefined;
  }

  all(): IndexedRunbook[] {
    return [...this.entries.values()];
  }

  /**
   * Whether the workspace holds at least one runbook of its own: from the index once it is
   * loaded, else from a search that stops at the first match (no file is read).
   */
  async hasWorkspaceRunbooks(): Promise<boolean> {
    if (this.loaded) {
      await this.loading;
      return this.all().some((entry) => !entry.starter);
    }
    const { includeGlob, excludeGlob } = runbookGlobs();
    if (includeGlob === undefined) return false;
    return (await vscode.workspace.findFiles(includeGlob, excludeGlob, 1)).length > 0;
  }

  get(uri: vscode.Uri): IndexedRunbook | undefined {
    return this.entries.get(uri.toString());
  }

  /** Scans again from scratch (the Refresh button, a settings change). */
  rescan(): Promise<void> {
    this.loading = this.scanWithProgress();
    return this.loading;
  }

  /** A scan with the progress bar shown in the Runbooks view. */
  private scanWithProgress(): Promise<void> {
    return Promise.resolve(vscode.window.withProgress({ location: { viewId: Views.runbooks } }, () => this.scan()));
  }

  /** Whether a document is a runbook: a starter runbook, or a workspace file matching the include globs. */
  isRunbookDocument(document: vscode.TextDocument): boolean {
    if (document.languageId !== 'markdown' && !document.uri.path.toLowerCase().endsWith('.md')) return false;
    if (this.isStarter(document.uri)) return true;
    if (config.runbookExclude().some((pattern) => vscode.languages.match({ pattern }, document) > 0)) return false;
    return config.runbookInclude().some((pattern) => vscode.languages.match({ pattern }, document) > 0);
  }

  /** The parse of an open document at its current version (cached). */
  async parseDocument(document: vscode.TextDocument): Promise<Runbook> {
    const key = document.uri.toString();
    const cached = this.documentCache.get(key);
    if (cached && cached.version === document.version) return cached.runbook;
    const { parseRunbook } = await loadParsers();
    // The document may have changed while the parser loaded: parse what it holds now.
    const version = document.version;
    const text = document.getText();
    const indexed = this.entries.get(key)?.runbook;
    let runbook: Runbook;
    if (indexed !== undefined && this.parsedTexts.get(indexed) === text) {
      runbook = indexed;
    } else {
      runbook = parseRunbook(text, { fileName: basename(document.uri) });
      this.parsedTexts.set(runbook, text);
    }
    this.documentCache.set(key, { version, runbook });
    return runbook;
  }

  /**
   * The parse for a uri: the open document's current text when open, else the index entry
   * (kept current by the watcher), else the file. Using the index keeps a click on Run free
   * of file reads, which cost tens of milliseconds in a remote window.
   */
  async runbookFor(uri: vscode.Uri): Promise<Runbook | undefined> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return await this.parseDocument(open);
    await this.ensureLoaded();
    const entry = this.entries.get(uri.toString());
    if (entry) return entry.runbook;
    return (await this.readAndParse(uri))?.runbook;
  }

  private isStarter(uri: vscode.Uri): boolean {
    return uri.toString().startsWith(this.starterFolder.toString() + '/');
  }

  private async scan(): Promise<void> {
    const started = performance.now();
    this.watchers.forEach((w) => w.dispose());
    this.watchers = [];
    const found = new Map<string, vscode.Uri>();

    const { includeGlob, excludeGlob } = runbookGlobs();
    if (includeGlob !== undefined) {
      try {
        for (const uri of await vscode.workspace.findFiles(includeGlob, excludeGlob)) found.set(uri.toString(), uri);
      } catch (error) {
        this.log.warn(`Runbook patterns ${includeGlob} could not be searched: ${String(error)}`);
      }
    }
    if (config.showStarterRunbooks()) {
      try {
        for (const [name, type] of await vscode.workspace.fs.readDirectory(this.starterFolder)) {
          if (type === vscode.FileType.File && name.endsWith('.md') && name.toLowerCase() !== 'readme.md') {
            const uri = vscode.Uri.joinPath(this.starterFolder, name);
            found.set(uri.toString(), uri);
          }
        }
      } catch (error) {
        this.log.warn(`Starter runbooks could not be listed: ${String(error)}`);
      }
    }

    const searched = performance.now();
    const parsed = await mapWithLimit([...found.values()], MAX_PARALLEL_READS, (uri) => this.readAndParse(uri));
    this.entries.clear();
    for (const entry of parsed) if (entry && isListed(entry)) this.entries.set(entry.uri.toString(), entry);

    for (const pattern of config.runbookInclude()) {
      const watcher = vscode.workspace.createFileSystemWatcher(pattern);
      watcher.onDidCreate((uri) => void this.onFileChanged(uri, true));
      watcher.onDidChange((uri) => void this.onFileChanged(uri, false));
      watcher.onDidDelete((uri) => this.onFileDeleted(uri));
      this.watchers.push(watcher);
    }
    if (config.runbookInclude().length > 0) {
      this.watchers.push(watchWholeFolders({ arrived: (folder) => void this.onFolderArrived(folder), left: (folder) => this.onFolderLeft(folder) }));
    }
    const done = performance.now();
    this.log.info(
      `Indexed ${this.entries.size} runbooks in ${(done - started).toFixed(0)} ms ` +
        `(finding files ${(searched - started).toFixed(0)} ms, reading and parsing ${(done - searched).toFixed(0)} ms)`,
    );
    this.changeEmitter.fire({ structural: true, changed: [] });
  }

  private async readAndParse(uri: vscode.Uri): Promise<IndexedRunbook | undefined> {
    try {
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      let runbook: Runbook;
      if (open) {
        runbook = await this.parseDocument(open);
      } else {
        const read = await readRunbookText(uri);
        if (typeof read !== 'string') {
          this.log.warn(`Skipped ${uri.fsPath}: ${(read.tooLargeBytes / 1024 / 1024).toFixed(1)} MB is larger than a runbook can be (10 MB).`);
          return undefined;
        }
        runbook = (await loadParsers()).parseRunbook(read, { fileName: basename(uri) });
        this.parsedTexts.set(runbook, read);
      }
      return { uri, runbook, starter: this.isStarter(uri), label: this.labelFor(uri) };
    } catch (error) {
      this.log.warn(`Could not read runbook ${uri.fsPath}: ${String(error)}`);
      return undefined;
    }
  }

  private labelFor(uri: vscode.Uri): string {
    if (this.isStarter(uri)) return `starter/${basename(uri)}`;
    return vscode.workspace.asRelativePath(uri, vscode.workspace.workspaceFolders !== undefined && vscode.workspace.workspaceFolders.length > 1);
  }

  private async onFileChanged(uri: vscode.Uri, created: boolean): Promise<void> {
    if (!this.loaded) return;
    if (isExcluded(uri)) return;
    const entry = await this.readAndParse(uri);
    if (!entry) return;
    this.store(entry, created);
  }

  /** Adds or replaces an entry; a README that lost its last step leaves the list. */
  private store(entry: IndexedRunbook, created: boolean): void {
    const key = entry.uri.toString();
    const existed = this.entries.has(key);
    if (!isListed(entry)) {
      if (this.entries.delete(key)) this.changeEmitter.fire({ structural: true, changed: [] });
      return;
    }
    this.entries.set(key, entry);
    this.changeEmitter.fire({ structural: created || !existed, changed: [entry.uri] });
  }

  /**
   * The runbooks of a folder that arrived whole, found by a search as a scan finds them. An
   * excluded folder (an install filling node_modules raises hundreds) costs no search.
   */
  private async onFolderArrived(folder: vscode.Uri): Promise<void> {
    if (!this.loaded || isExcluded(folder)) return;
    const { excludeGlob } = runbookGlobs();
    const markdown = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, '**/*.md'), excludeGlob);
    const runbooks = markdown.filter((uri) => config.runbookInclude().some((pattern) => vscode.languages.match({ pattern }, { uri, languageId: 'markdown' } as vscode.TextDocument) > 0));
    await mapWithLimit(runbooks, MAX_PARALLEL_READS, (uri) => this.onFileChanged(uri, true));
  }

  /** A folder that left whole takes its runbooks with it: no event comes for them. */
  private onFolderLeft(folder: vscode.Uri): void {
    const inside = `${folder.toString()}/`;
    const gone = [...this.entries.keys()].filter((key) => key.startsWith(inside));
    for (const key of gone) {
      this.entries.delete(key);
      this.documentCache.delete(key);
    }
    if (gone.length > 0) this.changeEmitter.fire({ structural: true, changed: [] });
  }

  private onFileDeleted(uri: vscode.Uri): void {
    this.documentCache.delete(uri.toString());
    if (this.entries.delete(uri.toString())) this.changeEmitter.fire({ structural: true, changed: [] });
  }

  private scheduleEdit(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    if (!this.entries.has(key) && !this.isRunbookDocument(document)) return;
    clearTimeout(this.pendingEdits.get(key));
    this.pendingEdits.set(
      key,
      setTimeout(() => void this.reparseEdited(document, key), EDIT_DEBOUNCE_MS),
    );
  }

  private async reparseEdited(document: vscode.TextDocument, key: string): Promise<void> {
    this.pendingEdits.delete(key);
    if (document.isClosed) return;
    const runbook = await this.parseDocument(document);
    this.store({ uri: document.uri, runbook, starter: this.isStarter(document.uri), label: this.labelFor(document.uri) }, false);
  }

  private onClosed(document: vscode.TextDocument): void {
    const key = document.uri.toString();
    this.documentCache.delete(key);
    // Unsaved edits are gone with the editor: show the file as it is on disk again.
    if (this.entries.has(key)) void this.onFileChanged(document.uri, false);
  }

  dispose(): void {
    for (const timer of this.pendingEdits.values()) clearTimeout(timer);
    this.watchers.forEach((w) => w.dispose());
    this.disposables.forEach((d) => d.dispose());
  }
}

/**
 * A runbook's text, or the size of a file too large to be one (never read). Local files are
 * read with Node (a tenth of a millisecond) rather than through workspace.fs, whose round trip
 * through the workbench costs about 6 ms per call in a remote window; other schemes still go
 * through workspace.fs.
 */
async function readRunbookText(uri: vscode.Uri): Promise<string | { tooLargeBytes: number }> {
  if (uri.scheme === 'file') {
    const handle = await open(uri.fsPath, 'r');
    try {
      const { size } = await handle.stat();
      if (size > MAX_RUNBOOK_BYTES) return { tooLargeBytes: size };
      return await handle.readFile('utf8');
    } finally {
      await handle.close();
    }
  }
  const { size } = await vscode.workspace.fs.stat(uri);
  if (size > MAX_RUNBOOK_BYTES) return { tooLargeBytes: size };
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}

/** Listed and matched: starters, and workspace files that are runbooks (not a README with nothing to run). */
function isListed(entry: IndexedRunbook): boolean {
  return entry.starter || isRunbookFile(basename(entry.uri), entry.runbook);
}

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

/** The runbook patterns as one include and one exclude glob: each findFiles call is a separate file-system walk. */
/** Whether a file or folder lies under the exclude patterns (node_modules, .git by default). */
function isExcluded(uri: vscode.Uri): boolean {
  const probe = { uri, languageId: 'markdown' } as vscode.TextDocument;
  return config.runbookExclude().some((pattern) => vscode.languages.match({ pattern }, probe) > 0);
}

function runbookGlobs(): { includeGlob: string | undefined; excludeGlob: string | undefined } {
  const include = config.runbookInclude();
  const exclude = config.runbookExclude();
  return {
    includeGlob: include.length === 0 ? undefined : include.length === 1 ? include[0] : `{${include.join(',')}}`,
    excludeGlob: exclude.length === 0 ? undefined : exclude.length === 1 ? exclude[0] : `{${exclude.join(',')}}`,
  };
}
