// Finds the runbook for an incident. Every runbook that names the alert is a candidate, with
// the evidence it gives: the runbook link in the alert itself (mapped onto local files), the
// alert listed in its front matter, named in a heading or an Alert/Symptom line, or spelled by
// its file name or path. A team's own runbook always comes before a starter one; among the
// team's, the runbook naming the alert's service, namespace or app (runbookLabels.ts) comes
// first, then the more explicit evidence. Everything is looked up in maps built once per set of
// runbooks, so matching costs a few map reads per incident.

import type { AlertReference, Runbook } from '../runbooks/model';
import type { Incident } from './incidentModel';
import { findLabelHits, hasIdentifyingLabels, type LabelHit, type LabelTarget } from './runbookLabels';

export interface RunbookFile {
  readonly uri: string;
  readonly runbook: Runbook;
  /** Workspace-relative or absolute posix path, used to map runbook links and file names. */
  readonly path: string;
  /** Bundled with the extension: a team's own runbook for the same alert wins over it. */
  readonly starter?: boolean;
}

export type RunbookMatchReason = 'runbook-url' | 'front-matter' | 'heading' | 'symptom' | 'file-name' | 'path';

/** Most explicit first: the order candidates with the same labels are ranked in. */
const EVIDENCE_ORDER: readonly RunbookMatchReason[] = ['runbook-url', 'front-matter', 'heading', 'symptom', 'file-name', 'path'];

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
  /** The last two or three path segments run together the same way (`orders/high-latency.md` = `OrdersHighLatency`). */
  readonly byPathStem: ReadonlyMap<string, readonly RunbookFile[]>;
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
  return squeeze(base);
}

/** Letters and digits only, lower-case: how file names and paths are compared with alert names. */
function squeeze(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** `runbooks/orders/high-latency.md` → `ordershighlatency`, `runbooksordershighlatency`. */
function pathStems(segments: readonly string[]): string[] {
  const stems: string[] = [];
  for (let count = 2; count <= 3 && count <= segments.length; count++) {
    const stem = segments.slice(segments.length - count).map(squeeze).join('');
    if (stem !== '') stems.push(stem);
  }
  return stems;
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
  const byPathStem = new Map<string, RunbookFile[]>();
  const ordered = [...runbooks].sort((a, b) => Number(a.starter ?? false) - Number(b.starter ?? false) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of ordered) {
    const segments = splitRunbookPath(file.path);
    if (segments.length > 0) push(byLastSegment, segments[segments.length - 1], { file, segments });
    const stem = normaliseStem(file.path.replace(/\\/g, '/'));
    if (stem !== '' && stem !== 'index' && stem !== 'readme') push(byFileStem, stem, file);
    // A starter's path (`starter/<file>`) is the extension's, not a name the team chose.
    if (file.starter !== true) for (const pathStem of pathStems(segments)) push(byPathStem, pathStem, file);
    for (const reference of file.runbook.alerts) {
      const key = normaliseName(reference.name);
      if (reference.source === 'front-matter') push(byFrontMatter, key, { file, reference });
      else if (reference.source === 'heading') push(byHeading, key, { file, reference });
      else if (reference.source === 'symptom') push(bySymptom, key, { file, reference });
      // File-name references are covered by byFileStem, which also works without parseRunbook's fileName option.
    }
  }
  return { byLastSegment, byFrontMatter, byHeading, bySymptom, byFileStem, byPathStem };
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

function locate(uri: string, reason: RunbookMatchReason, line: number, sectionId: string | undefined): RunbookMatch {
  return sectionId === undefined ? { uri, line, reason } : { uri, sectionId, line, reason };
}

/** Where to open a linked runbook: the linked anchor, else the heading naming the alert, else the top. */
function locateInLinkedFile(file: RunbookFile, fragment: string | undefined, alertKey: string | undefined): RunbookMatch {
  const runbook = file.runbook;
  if (fragment) {
    const anchor = fragment.toLowerCase();
    const section = runbook.sections.find((candidate) => slugify(candidate.title) === anchor);
    if (section !== undefined) return locate(file.uri, 'runbook-url', section.line, section.id);
  }
  if (alertKey !== undefined) {
    const reference = runbook.alerts.find((candidate) => candidate.source === 'heading' && normaliseName(candidate.name) === alertKey);
    if (reference !== undefined) return locate(file.uri, 'runbook-url', reference.line, reference.sectionId);
  }
  return locate(file.uri, 'runbook-url', 0, undefined);
}

export interface RunbookCandidate extends RunbookMatch {
  readonly path: string;
  readonly starter: boolean;
  readonly title: string;
  /** The alert's identifying labels the runbook names. */
  readonly labelHits: readonly LabelHit[];
  /** The runbook's title or file name is the alert's name in words (`Pod crash looping` for `KubePodCrashLooping`). */
  readonly namedAfterAlert: boolean;
  /** Why it matched, for a person: "front matter lists OrdersDrill · path names service orders". */
  readonly why: string;
}

export interface RankedRunbooks {
  /** Every runbook naming the alert, best first. */
  readonly candidates: readonly RunbookCandidate[];
  /** How many candidates, from the first, are as good as the best (at least one when any match). */
  readonly leaders: number;
  /** The two best are team runbooks nothing tells apart: only the user can choose. */
  readonly tied: boolean;
}

/** The alert's runbooks, best first, each with the reason it matched. */
export function rankRunbooks(incident: Incident, runbooks: RunbookMatchIndex | readonly RunbookFile[]): RankedRunbooks {
  const index = isIndex(runbooks) ? runbooks : indexRunbooksForMatching(runbooks);
  const found = collectEvidence(incident, index);
  const alertSpoken = found.length === 0 ? '' : spellAlert(incident.alertName ?? incident.labels.alertname ?? '');
  const candidates = found.map((evidence) => describeCandidate(incident, evidence, alertSpoken)).sort(compareCandidates);
  const first = candidates[0];
  let leaders = first === undefined ? 0 : 1;
  while (leaders < candidates.length && compareStrength(first, candidates[leaders]) === 0) leaders++;
  const tied = leaders > 1 && !first.starter && first.reason !== 'runbook-url';
  return { candidates, leaders, tied };
}

/** The best runbook for the incident, if any names its alert. */
export function matchRunbook(incident: Incident, runbooks: RunbookMatchIndex | readonly RunbookFile[]): RunbookMatch | undefined {
  const best = rankRunbooks(incident, runbooks).candidates[0];
  return best === undefined ? undefined : locate(best.uri, best.reason, best.line, best.sectionId);
}

interface Evidence {
  readonly file: RunbookFile;
  readonly match: RunbookMatch;
  /** The alert name as the runbook writes it. */
  readonly named: string;
}

/** One piece of evidence per runbook, the most explicit it gives. */
function collectEvidence(incident: Incident, index: RunbookMatchIndex): Evidence[] {
  const found = new Map<string, Evidence>();
  const add = (file: RunbookFile, match: RunbookMatch, named: string): void => {
    if (!found.has(file.uri)) found.set(file.uri, { file, match, named });
  };
  const alertName = incident.alertName ?? incident.labels.alertname;
  const alertKey = alertName ? normaliseName(alertName) : undefined;
  for (const link of [incident.runbookUrl, incident.annotations.runbook_url, incident.annotations.runbook]) {
    const linked = link ? findLinkedFile(index, link) : undefined;
    if (linked !== undefined) {
      add(linked.file, locateInLinkedFile(linked.file, linked.fragment, alertKey), alertName ?? '');
      break;
    }
  }
  if (alertName === undefined || alertKey === undefined) return [...found.values()];
  for (const [map, reason] of [
    [index.byFrontMatter, 'front-matter'],
    [index.byHeading, 'heading'],
    [index.bySymptom, 'symptom'],
  ] as const) {
    for (const { file, reference } of map.get(alertKey) ?? []) add(file, locate(file.uri, reason, reference.line, reference.sectionId), reference.name);
  }
  const stem = squeeze(alertKey);
  for (const file of index.byFileStem.get(stem) ?? []) add(file, locate(file.uri, 'file-name', 0, undefined), alertName);
  for (const file of index.byPathStem.get(stem) ?? []) add(file, locate(file.uri, 'path', 0, undefined), alertName);
  return [...found.values()];
}

function describeCandidate(incident: Incident, { file, match, named }: Evidence, alertSpoken: string): RunbookCandidate {
  const labelHits = hasIdentifyingLabels(incident.labels) ? findLabelHits(incident.labels, labelTarget(file, match.sectionId)) : [];
  const namedAfterAlert = alertSpoken !== '  ' && spokenNamesOf(file).some((name) => alertSpoken.includes(` ${name} `));
  const reasons = [describeEvidence(match.reason, named)];
  for (const hit of labelHits) reasons.push(`${hit.place} names ${hit.label} ${hit.value}`);
  if (namedAfterAlert && match.reason !== 'file-name' && match.reason !== 'path') reasons.push('its name fits the alert');
  const starter = file.starter === true;
  if (starter) reasons.push('starter runbook');
  return { uri: match.uri, sectionId: match.sectionId, line: match.line, reason: match.reason, path: file.path, starter, title: file.runbook.title, labelHits, namedAfterAlert, why: reasons.join(' · ') };
}

function labelTarget(file: RunbookFile, sectionId: string | undefined): LabelTarget {
  // A starter's path (`starter/<file>`) says nothing about the team's services.
  const path = file.starter === true ? '' : file.path;
  const sectionTitle = sectionId === undefined ? undefined : file.runbook.sections.find((section) => section.id === sectionId)?.title;
  return sectionTitle === undefined ? { runbook: file.runbook, path } : { runbook: file.runbook, path, sectionTitle };
}

/** Alert names spelled so far: a storm repeats a few names thousands of times. */
const spelledAlerts = new Map<string, string>();

/** `KubeAPIDown` → ` kube api down `, padded so whole words can be looked for. */
function spellAlert(name: string): string {
  let spelled = spelledAlerts.get(name);
  if (spelled === undefined) {
    spelled = ` ${(name.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((word) => word.toLowerCase()).join(' ')} `;
    if (spelledAlerts.size >= 1_000) spelledAlerts.clear();
    spelledAlerts.set(name, spelled);
  }
  return spelled;
}

/** A runbook's title and file name in words, worked out once per runbook. */
const spokenNames = new WeakMap<RunbookFile, readonly string[]>();

function spokenNamesOf(file: RunbookFile): readonly string[] {
  let names = spokenNames.get(file);
  if (names === undefined) {
    const stem = file.path.slice(file.path.replace(/\\/g, '/').lastIndexOf('/') + 1).replace(/\.(?:md|markdown)$/i, '');
    names = [file.runbook.title, stem]
      .map((name) => name.toLowerCase().split(/[^a-z0-9]+/).filter((word) => word !== '').join(' '))
      .filter((name) => name !== '');
    spokenNames.set(file, names);
  }
  return names;
}

/*
 * A runbook whose title or file name says the alert's name in words is about that alert: of
 * two starters listing `KubePodCrashLooping`, "Pod crash looping" is about it and "Container
 * OOM killed" only mentions it.
 */

function describeEvidence(reason: RunbookMatchReason, named: string): string {
  switch (reason) {
    case 'runbook-url':
      return "the alert's runbook link points here";
    case 'front-matter':
      return `front matter lists ${named}`;
    case 'heading':
      return `a heading names ${named}`;
    case 'symptom':
      return `an alert line names ${named}`;
    case 'file-name':
      return `file name spells ${named}`;
    case 'path':
      return `path spells ${named}`;
  }
}

/**
 * Team runbooks before starters; the alert's own link first; then the runbook naming more of
 * the alert's labels; then the more explicit evidence; then the one named after the alert.
 * Negative when `a` is better.
 */
function compareStrength(a: RunbookCandidate, b: RunbookCandidate): number {
  return (
    Number(a.starter) - Number(b.starter) ||
    Number(b.reason === 'runbook-url') - Number(a.reason === 'runbook-url') ||
    b.labelHits.length - a.labelHits.length ||
    EVIDENCE_ORDER.indexOf(a.reason) - EVIDENCE_ORDER.indexOf(b.reason) ||
    Number(b.namedAfterAlert) - Number(a.namedAfterAlert)
  );
}

/** Equally strong candidates by path: the same order every time, whatever order files were found in. */
function compareCandidates(a: RunbookCandidate, b: RunbookCandidate): number {
  return compareStrength(a, b) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
}

function isIndex(value: RunbookMatchIndex | readonly RunbookFile[]): value is RunbookMatchIndex {
  return !Array.isArray(value);
}
