// Finds the runbook for an incident, in the order that is most likely to be what the alert's
// author meant: the runbook link in the alert itself (mapped onto local files), then a
// runbook that lists the alert in its front matter, then one that names it in a heading or a
// Symptoms line, then one whose file is named after it. Everything is looked up in maps
// built once per set of runbooks, so matching costs a few map reads per incident.

import type { AlertReference, Runbook } from '../runbooks/model';
import type { Incident } from './incidentModel';

export interface RunbookFile {
  readonly uri: string;
  readonly runbook: Runbook;
  /** Workspace-relative or absolute posix path, used to map runbook links and file names. */
  readonly path: string;
  /** Bundled with the extension: a team's own runbook for the same alert wins over it. */
  readonly starter?: boolean;
}

export type RunbookMatchReason = 'runbook-url' | 'front-matter' | 'heading' | 'symptom' | 'file-name';

export interface RunbookMatch {
  readonly uri: string;
  readonly sectionId?: string;
  /** 0-based line to reveal. */
  readonly line: number;
  readonly reason: RunbookMatchReason;
}

interface Located {
  readonly file: RunbookFile;
  readonly segments: readonly string[];
}

interface Named {
  readonly file: RunbookFile;
  readonly reference: AlertReference;
}

export interface RunbookMatchIndex {
  /** Last path segment (lower-case, no `.md`) → files ending so. */
  readonly byLastSegment: ReadonlyMap<string, readonly Located[]>;
  /** Lower-case alert name → references, one map per kind of reference. */
  readonly byFrontMatter: ReadonlyMap<string, readonly Named[]>;
  readonly byHeading: ReadonlyMap<string, readonly Named[]>;
  readonly bySymptom: ReadonlyMap<string, readonly Named[]>;
  /** File stem with only letters and digits, lower-case (`kube-pod-crash-looping` = `KubePodCrashLooping`). */
  readonly byFileStem: ReadonlyMap<string, readonly RunbookFile[]>;
}

/**
 * Path segments for suffix matching: lower-case, without `.md` and empty segments; a Hugo or
 * GitHub folder page (`_index.md`, `index.md`, `README.md`) stands for its folder, as its URL does.
 */
export function splitRunbookPath(path: string): string[] {
  const segments = path.toLowerCase().split(/[\\/]+/).filter((segment) => segment !== '' && segment !== '.');
  if (segments.length === 0) return segments;
  const last = segments.length - 1;
  segments[last] = segments[last].replace(/\.(?:md|markdown)$/, '');
  if (segments.length > 1 && (segments[last] === '_index' || segments[last] === 'index' || segments[last] === 'readme')) segments.pop();
  return segments;
}

function normaliseName(name: string): string {
  return name.toLowerCase();
}

function normaliseStem(path: string): string {
  const base = path.slice(path.lastIndexOf('/') + 1).replace(/\.(?:md|markdown)$/i, '');
  return base.toLowerCase().replace(/[^a-z0-9]/g, '');
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/**
 * When several runbooks claim an alert the same way (two runbooks listing it in their front
 * matter), a workspace runbook wins over a starter one, then the first by path: the same one
 * every time, whatever order the files were found in (a workspace search has no fixed order).
 */
export function indexRunbooksForMatching(runbooks: readonly RunbookFile[]): RunbookMatchIndex {
  const byLastSegment = new Map<string, Located[]>();
  const byFrontMatter = new Map<string, Named[]>();
  const byHeading = new Map<string, Named[]>();
  const bySymptom = new Map<string, Named[]>();
  const byFileStem = new Map<string, RunbookFile[]>();
  const ordered = [...runbooks].sort((a, b) => Number(a.starter ?? false) - Number(b.starter ?? false) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of ordered) {
    const segments = splitRunbookPath(file.path);
    if (segments.length > 0) push(byLastSegment, segments[segments.length - 1], { file, segments });
    const stem = normaliseStem(file.path.replace(/\\/g, '/'));
    if (stem !== '' && stem !== 'index' && stem !== 'readme') push(byFileStem, stem, file);
    for (const reference of file.runbook.alerts) {
      const key = normaliseName(reference.name);
      if (reference.source === 'front-matter') push(byFrontMatter, key, { file, reference });
      else if (reference.source === 'heading') push(byHeading, key, { file, reference });
      else if (reference.source === 'symptom') push(bySymptom, key, { file, reference });
      // File-name references are covered by byFileStem, which also works without parseRunbook's fileName option.
    }
  }
  return { byLastSegment, byFrontMatter, byHeading, bySymptom, byFileStem };
}

/** The path of a runbook link: the URL's path, or a relative path as written (GitLab's `runbook:`). */
function readLinkPath(link: string): { path: string; fragment?: string } {
  let text = link.trim();
  let fragment: string | undefined;
  const hash = text.indexOf('#');
  if (hash >= 0) {
    fragment = decodeSafely(text.slice(hash + 1));
    text = text.slice(0, hash);
  }
  const query = text.indexOf('?');
  if (query >= 0) text = text.slice(0, query);
  const scheme = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(text);
  if (scheme !== null) text = text.slice(scheme[0].length);
  return fragment ? { path: decodeSafely(text), fragment } : { path: decodeSafely(text) };
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** GitHub-style heading anchor: lower-case, spaces to dashes, punctuation dropped. */
function slugify(title: string): string {
  return title
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** The local file a runbook link names: most trailing path segments in common, at least the last. */
function findLinkedFile(index: RunbookMatchIndex, link: string): { file: RunbookFile; fragment?: string } | undefined {
  const { path, fragment } = readLinkPath(link);
  const segments = splitRunbookPath(path);
  if (segments.length === 0) return undefined;
  const candidates = index.byLastSegment.get(segments[segments.length - 1]);
  if (candidates === undefined) return undefined;
  let best: Located | undefined;
  let bestDepth = 0;
  for (const candidate of candidates) {
    let depth = 1;
    while (
      depth < segments.length &&
      depth < candidate.segments.length &&
      segments[segments.length - 1 - depth] === candidate.segments[candidate.segments.length - 1 - depth]
    ) {
      depth++;
    }
    // Strictly deeper wins; on a tie the first runbook given (the caller's order) is kept.
    if (depth > bestDepth) {
      best = candidate;
      bestDepth = depth;
    }
  }
  if (best === undefined) return undefined;
  return fragment ? { file: best.file, fragment } : { file: best.file };
}

function locate(file: RunbookFile, reason: RunbookMatchReason, line: number, sectionId: string | undefined): RunbookMatch {
  return sectionId === undefined ? { uri: file.uri, line, reason } : { uri: file.uri, sectionId, line, reason };
}

/** Where to open a linked runbook: the linked anchor, else the heading naming the alert, else the top. */
function locateInLinkedFile(file: RunbookFile, fragment: string | undefined, alertKey: string | undefined): RunbookMatch {
  const runbook = file.runbook;
  if (fragment) {
    const anchor = fragment.toLowerCase();
    const section = runbook.sections.find((candidate) => slugify(candidate.title) === anchor);
    if (section !== undefined) return locate(file, 'runbook-url', section.line, section.id);
  }
  if (alertKey !== undefined) {
    const reference = runbook.alerts.find((candidate) => candidate.source === 'heading' && normaliseName(candidate.name) === alertKey);
    if (reference !== undefined) return locate(file, 'runbook-url', reference.line, reference.sectionId);
  }
  return locate(file, 'runbook-url', 0, undefined);
}

export function matchRunbook(incident: Incident, runbooks: RunbookMatchIndex | readonly RunbookFile[]): RunbookMatch | undefined {
  const index = isIndex(runbooks) ? runbooks : indexRunbooksForMatching(runbooks);
  const alertName = incident.alertName ?? incident.labels.alertname;
  const alertKey = alertName ? normaliseName(alertName) : undefined;
  for (const link of [incident.runbookUrl, incident.annotations.runbook_url, incident.annotations.runbook]) {
    if (!link) continue;
    const linked = findLinkedFile(index, link);
    if (linked !== undefined) return locateInLinkedFile(linked.file, linked.fragment, alertKey);
  }
  if (alertKey === undefined) return undefined;
  for (const [map, reason] of [
    [index.byFrontMatter, 'front-matter'],
    [index.byHeading, 'heading'],
    [index.bySymptom, 'symptom'],
  ] as const) {
    const named = map.get(alertKey)?.[0];
    if (named !== undefined) return locate(named.file, reason, named.reference.line, named.reference.sectionId);
  }
  const file = index.byFileStem.get(alertKey.replace(/[^a-z0-9]/g, ''))?.[0];
  return file === undefined ? undefined : locate(file, 'file-name', 0, undefined);
}

function isIndex(value: RunbookMatchIndex | readonly RunbookFile[]): value is RunbookMatchIndex {
  return !Array.isArray(value);
}
