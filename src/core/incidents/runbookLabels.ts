// How well a runbook fits an alert beyond its name: teams keep one runbook per service,
// namespace or app for the same generic alert (`KubePodCrashLooping` for the shop's web pods,
// another for payments), and say so in the front matter, the title, the folder or the
// section. Each of the alert's identifying labels found there counts once.

import type { Runbook } from '../runbooks/model';

/** Labels that say which service an alert is about, in the order they are reported. */
export const IDENTIFYING_LABELS = ['service', 'job', 'namespace', 'app', 'team', 'container'] as const;

/** Whether the alert carries any label a runbook could name: most of the time worth asking first. */
export function hasIdentifyingLabels(labels: Readonly<Record<string, string>>): boolean {
  return IDENTIFYING_LABELS.some((label) => labels[label]);
}

export type LabelPlace = 'front matter' | 'title' | 'path' | 'section';

export interface LabelHit {
  readonly label: string;
  readonly value: string;
  readonly place: LabelPlace;
}

/** Front matter keys that hold alert names or levels, never the name of a service. */
const NOT_IDENTIFYING_KEYS = new Set(['alerts', 'severity']);

/** Lower-case words of letters and digits: `orders-api` and `Orders API` are both `orders api`. */
function words(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
}

/** Whether `value`'s words appear, in order and together, among `text`'s words. */
function containsWords(text: readonly string[], value: readonly string[]): boolean {
  if (value.length === 0 || value.length > text.length) return false;
  for (let start = 0; start + value.length <= text.length; start++) {
    if (value.every((word, offset) => text[start + offset] === word)) return true;
  }
  return false;
}

function frontMatterWords(runbook: Runbook): string[][] {
  const raw = runbook.frontMatter?.raw ?? {};
  const found: string[][] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (NOT_IDENTIFYING_KEYS.has(key.toLowerCase())) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (typeof item === 'string' || typeof item === 'number') found.push(words(String(item)));
    }
  }
  return found;
}

export interface LabelTarget {
  readonly runbook: Runbook;
  /** Workspace-relative path; a starter's path says nothing about the team's services. */
  readonly path: string;
  /** Title of the section the match reveals, when there is one. */
  readonly sectionTitle?: string;
}

/** The places of a runbook to look in, each as words, in the order hits are reported. */
function placesOf(target: LabelTarget): { place: LabelPlace; texts: string[][] }[] {
  const folders = target.path.replace(/\\/g, '/').split('/');
  return [
    { place: 'front matter', texts: frontMatterWords(target.runbook) },
    { place: 'title', texts: [words(target.runbook.title)] },
    { place: 'path', texts: folders.map((segment) => words(segment.replace(/\.(?:md|markdown)$/i, ''))) },
    { place: 'section', texts: target.sectionTitle === undefined ? [] : [words(target.sectionTitle)] },
  ];
}

/**
 * The alert's identifying labels that the runbook names, each once, at the first place found.
 * Two labels with the same value (`app` and `container` both `web`) count once: the runbook
 * said one thing, not two.
 */
export function findLabelHits(labels: Readonly<Record<string, string>>, target: LabelTarget): LabelHit[] {
  const places = placesOf(target);
  const hits: LabelHit[] = [];
  const seenValues = new Set<string>();
  for (const label of IDENTIFYING_LABELS) {
    const value = labels[label]?.trim();
    if (!value || value.length < 2) continue;
    const valueWords = words(value);
    const key = valueWords.join(' ');
    if (seenValues.has(key)) continue;
    const place = places.find((candidate) => candidate.texts.some((text) => containsWords(text, valueWords)));
    if (place === undefined) continue;
    seenValues.add(key);
    hits.push({ label, value, place: place.place });
  }
  return hits;
}
