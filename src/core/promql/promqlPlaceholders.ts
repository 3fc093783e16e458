// Placeholders in PromQL blocks, and how their values are written into the query. Runbooks
// write blanks in three styles: shell-like (`<namespace>`, `<value of instance label from
// alert>`), dashboard variables (`$namespace`, `${pod}`, `$NS`) and alert templates
// (`{{ $labels.pod }}`). PromQL itself has no `$`, so every `$name` is a blank.
//
// Values are data, never code: each one becomes exactly one PromQL string literal (or the
// contents of the literal it stands in, escaped for that quote and, after `=~`/`!~`, for the
// regular expression), or one plain token (a number, a duration, a name) where the query
// wants a token; anything else is refused with one sentence.

import { checkValue } from '../execution/placeholderValues';
import { valueFromIncident } from '../execution/placeholderSources';
import { normalisePlaceholderName } from '../runbooks/placeholders';

export type PromqlPlaceholderForm = 'angle' | 'variable' | 'template';

export interface PromqlPlaceholder {
  /** As written: `<namespace>`, `$pod`, `{{ $labels.job }}`. */
  readonly text: string;
  /** Normalised: `namespace`, `pod`, `job`; `<value of instance label from alert>` → `instance`. */
  readonly name: string;
  readonly form: PromqlPlaceholderForm;
  readonly offset: number;
}

/** Where a value lands, read with PromQL's own rules. */
export type PromqlPosition =
  | { readonly kind: 'string'; readonly quote: '"' | "'" | '`'; readonly regex: boolean }
  /** Right after a label matcher's operator, unquoted: the value becomes a whole string literal. */
  | { readonly kind: 'matcher'; readonly regex: boolean }
  /** Inside `[...]`: a duration. */
  | { readonly kind: 'duration' }
  /** Anywhere else: a number, a duration or a metric or label name. */
  | { readonly kind: 'token' };

// Dashboard built-ins with a meaning of their own, filled from the query's step and range.
const BUILT_INS = new Set(['__interval', '__rate_interval', '__range']);

const PLACEHOLDER =
  /\{\{-?\s*(?:\$labels|\.Labels)\.([A-Za-z_][A-Za-z0-9_]*)\s*-?\}\}|\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)|<([A-Za-z][\w.-]*(?: [\w.-]+)*)>/g;

/** The blanks of a query, left to right; dashboard built-ins are listed under their own name. */
export function findPromqlPlaceholders(query: string): PromqlPlaceholder[] {
  const found: PromqlPlaceholder[] = [];
  PLACEHOLDER.lastIndex = 0;
  for (let match = PLACEHOLDER.exec(query); match !== null; match = PLACEHOLDER.exec(query)) {
    const before = match.index > 0 ? query[match.index - 1]! : '';
    if (match[4] !== undefined) {
      // `a<b>c` and `<<` are not blanks; comparisons (`x < 5`) never match at all.
      if (/[\w<]/.test(before)) continue;
      found.push({ text: match[0], name: angleName(match[4]), form: 'angle', offset: match.index });
    } else if (match[1] !== undefined) {
      found.push({ text: match[0], name: match[1], form: 'template', offset: match.index });
    } else {
      const written = (match[2] ?? match[3])!;
      found.push({ text: match[0], name: BUILT_INS.has(written) ? written : normalisePlaceholderName(written), form: 'variable', offset: match.index });
    }
  }
  return found;
}

/** `<value of instance label from alert>` names the `instance` label. */
function angleName(inner: string): string {
  const label = /^(?:the )?value of (?:the )?([A-Za-z_][\w]*) label\b/i.exec(inner);
  return label ? label[1]! : normalisePlaceholderName(inner);
}

/**
 * The incident's value for a blank: the label of exactly that name first (in PromQL `job` is
 * the scrape job, which is what `{{ $labels.job }}` means), then the shell steps' rules
 * (`<pod-name>` takes the `pod` label).
 */
export function promqlValueFromIncident(name: string, labels: Readonly<Record<string, string>>): string | undefined {
  if (Object.prototype.hasOwnProperty.call(labels, name) && labels[name] !== '') return labels[name];
  const normalised = Object.entries(labels).find(([label, value]) => value !== '' && normalisePlaceholderName(label) === name);
  if (normalised) return normalised[1];
  return valueFromIncident(name, labels);
}

/** Where each blank stands, by offset, from one pass of PromQL's lexical rules. */
export function findPromqlPositions(query: string, placeholders: readonly PromqlPlaceholder[]): Map<number, PromqlPosition> {
  const starts = new Map(placeholders.map((p) => [p.offset, p.text.length]));
  const positions = new Map<number, PromqlPosition>();
  let braces = 0;
  let brackets = 0;
  /** The last matcher operator inside braces, until something else is read. */
  let matcher: '=' | '=~' | undefined;
  let i = 0;
  while (i < query.length) {
    const length = starts.get(i);
    if (length !== undefined) {
      positions.set(i, braces > 0 && matcher ? { kind: 'matcher', regex: matcher === '=~' } : brackets > 0 ? { kind: 'duration' } : { kind: 'token' });
      matcher = undefined;
      i += length;
      continue;
    }
    const ch = query[i]!;
    if (ch === '"' || ch === "'" || ch === '`') {
      i = readString(query, i, starts, positions, braces > 0 && matcher === '=~');
      matcher = undefined;
      continue;
    }
    if (ch === '#') {
      const end = query.indexOf('\n', i);
      i = end < 0 ? query.length : end;
      continue;
    }
    if (ch === '{') braces++;
    else if (ch === '}') braces = Math.max(0, braces - 1);
    else if (ch === '[') brackets++;
    else if (ch === ']') brackets = Math.max(0, brackets - 1);
    if (braces > 0 && (ch === '=' || ch === '!' || ch === '~')) {
      matcher = ch === '~' || query[i + 1] === '~' ? '=~' : '=';
    } else if (!/\s/.test(ch)) matcher = undefined;
    i++;
  }
  return positions;
}

/** Reads a string literal from its opening quote; records the blanks inside. Returns the offset after it. */
function readString(query: string, open: number, starts: ReadonlyMap<number, number>, positions: Map<number, PromqlPosition>, regex: boolean): number {
  const quote = query[open] as '"' | "'" | '`';
  let i = open + 1;
  while (i < query.length) {
    const length = starts.get(i);
    if (length !== undefined) {
      positions.set(i, { kind: 'string', quote, regex });
      i += length;
      continue;
    }
    const ch = query[i]!;
    if (ch === '\\' && quote !== '`') i += 2;
    else if (ch === quote) return i + 1;
    else i++;
  }
  return i;
}

const DURATION = /^(?:\d+(?:ms|s|m|h|d|w|y))+$/;
const NUMBER = /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/;
const NAME = /^[A-Za-z_:][A-Za-z0-9_:]*$/;
const REGEX_SPECIALS = /[\\.+*?()|[\]{}^$]/g;

/** The value written at one position, or why it cannot be. */
export function encodePromqlValue(value: string, position: PromqlPosition): { text: string } | { refused: string } {
  switch (position.kind) {
    case 'string':
      return escapeInString(position.regex ? value.replace(REGEX_SPECIALS, '\\$&') : value, position.quote);
    case 'matcher': {
      const inner = escapeInString(position.regex ? value.replace(REGEX_SPECIALS, '\\$&') : value, '"');
      return 'refused' in inner ? inner : { text: `"${inner.text}"` };
    }
    case 'duration':
      return DURATION.test(value) ? { text: value } : { refused: 'stands in a range (`[...]`), so it must be a duration such as 5m or 1h30m.' };
    case 'token':
      return DURATION.test(value) || NUMBER.test(value) || NAME.test(value)
        ? { text: value }
        : { refused: 'stands outside any string, so it must be a number, a duration or a metric or label name; write the query with quotes around it to use any text.' };
  }
}

function escapeInString(value: string, quote: '"' | "'" | '`'): { text: string } | { refused: string } {
  if (quote === '`') return value.includes('`') ? { refused: 'holds a backtick, which a PromQL raw string cannot hold.' } : { text: value };
  return { text: value.replace(/\\/g, '\\\\').split(quote).join(`\\${quote}`) };
}

export interface FilledQuery {
  readonly query: string;
  /** One sentence per value that could not be written; the query must not run then. */
  readonly refusals: readonly string[];
  /** Blanks still without a value, as written, once each. */
  readonly unfilled: readonly string[];
}

/** Writes the values into the query (each as one literal or token), right to left. */
export function fillPromqlQuery(query: string, values: Readonly<Record<string, string>>): FilledQuery {
  const placeholders = findPromqlPlaceholders(query);
  const positions = findPromqlPositions(query, placeholders);
  const refusals: string[] = [];
  const unfilled: string[] = [];
  let filled = query;
  for (const placeholder of [...placeholders].reverse()) {
    if (!Object.prototype.hasOwnProperty.call(values, placeholder.name)) {
      if (!unfilled.includes(placeholder.text)) unfilled.unshift(placeholder.text);
      continue;
    }
    const value = values[placeholder.name]!;
    const problem = checkValue('', value, placeholder.text);
    const encoded = problem ? { refused: '' } : encodePromqlValue(value, positions.get(placeholder.offset) ?? { kind: 'token' });
    if ('refused' in encoded) {
      const sentence = problem ?? `The value for ${placeholder.text} ${encoded.refused}`;
      if (!refusals.includes(sentence)) refusals.unshift(sentence);
      continue;
    }
    filled = filled.slice(0, placeholder.offset) + encoded.text + filled.slice(placeholder.offset + placeholder.text.length);
  }
  return { query: filled, refusals, unfilled };
}

/** The blanks' names that the user must give (built-ins excluded), once each, in order. */
export function promqlPlaceholderNames(query: string): string[] {
  return [...new Set(findPromqlPlaceholders(query).map((p) => p.name).filter((name) => !BUILT_INS.has(name)))];
}

/** Values for the dashboard built-ins, from the query's step and range. */
export function builtInValues(stepSeconds: number, rangeSeconds: number, format: (seconds: number) => string): Record<string, string> {
  return {
    __interval: format(stepSeconds),
    // As dashboards compute it with a 15 s scrape interval: never less than four scrapes.
    __rate_interval: format(Math.max(stepSeconds + 15, 60)),
    __range: format(rangeSeconds),
  };
}

/**
 * The query a block holds: a transcript-style `$ ` prompt in front of every line is dropped
 * (`$ kmp_mac_collisions > 1`), since PromQL has no `$` of its own.
 */
export function queryOfBlock(content: string): string {
  const lines = content.split('\n');
  const meaningful = lines.filter((line) => line.trim() !== '');
  if (meaningful.length > 0 && meaningful.every((line) => /^\s*\$ /.test(line))) return lines.map((line) => line.replace(/^(\s*)\$ /, '$1')).join('\n').trim();
  return content.trim();
}
