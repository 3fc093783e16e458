// Placeholder values are data, never code. Each value is written into the step as exactly
// one word or literal of the language that reads it at that spot (see valueContexts.ts for
// how the spot is found), or refused with one sentence:
// - a value for a Kubernetes object placeholder must be a valid name of that kind;
// - no value may hold a line break or another control, bidi or zero-width character;
// - shell: single-quoted when it is not a plain word (`'` as `'\''`), escaped inside "..."
//   (`$`, backtick, `"`, `\`; a `!` is put in single quotes so history expansion cannot
//   touch it), `'\''` inside '...', `\\` and `\'` inside $'...'; where bash evaluates the
//   text (`${...}`, arithmetic, `[[ ]]`) only plain words are accepted;
// - SQL: standard strings double `'`, E'' strings escape `\` and `'`, identifiers double
//   `"`; a bare value is a number, a plain identifier, or becomes a string literal;
// - Python: escaped for the string it stands in (f-strings double `{` `}`), a bare value
//   is a number or becomes a string literal;
// - inside backticks and unquoted heredocs `\`, `$` and backtick are escaped once more per
//   layer, and no line of a heredoc body may become its delimiter.

import type { Placeholder } from '../runbooks/model';
import { checkKubernetesName, kubernetesKindOf } from '../kube/kubernetesNames';
import { splitShellCommands } from './shellLexer';
import { findValueContexts, type StepLanguageOf, type ValueContext, type ValuePosition } from './valueContexts';

export interface ValueRefusal {
  /** Normalised placeholder name, the key of the value. */
  readonly name: string;
  /** The placeholder as written, e.g. `<pod-name>`. */
  readonly placeholder: string;
  /** One sentence: what is wrong and the rule. */
  readonly reason: string;
}

export interface FilledStep {
  readonly text: string;
  readonly refusals: readonly ValueRefusal[];
}

/** Letters, digits and `_ . / : @ + , -`: a word bash reads the same quoted or not, anywhere. */
const PLAIN_WORD = /^[A-Za-z0-9_./:@+,-]+$/;
const NUMBER = /^-?(?:\d+(?:\.\d+)?|\.\d+)$/;
const SQL_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)?$/;
// C0 controls (tab and newline included: a value is one line), DEL, C1 controls, bidi
// embeddings, overrides and isolates, zero-width characters and the BOM.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;

/**
 * Reasons the value itself is refused wherever it stands: an invisible or control character,
 * or (for placeholders naming Kubernetes objects) a name the API server would reject.
 */
export function checkValue(name: string, value: string, shownAs: string = name): string | undefined {
  const invisible = INVISIBLE.exec(value);
  if (invisible) {
    const ch = invisible[0];
    const code = `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
    const what = ch === '\n' || ch === '\r' ? `a line break (${code})` : ch === '\t' ? `a tab (${code})` : `the invisible or control character ${code}`;
    return `The value for ${shownAs} holds ${what}: a placeholder value must be one line of visible text.`;
  }
  const kind = kubernetesKindOf(name);
  return kind ? checkKubernetesName(kind, value) : undefined;
}

/**
 * Writes every placeholder that has a value into `text` (placeholders' offsets refer to
 * `text`), each as one word or literal of its position. Placeholders without a value stay as
 * written. A value that cannot be made inert where it stands is not written; it is listed in
 * `refusals` instead, and the step must not run.
 */
export function fillPlaceholderValues(
  text: string,
  language: StepLanguageOf,
  placeholders: readonly Placeholder[],
  values: Readonly<Record<string, string>>,
): FilledStep {
  const withValues = placeholders.filter((p) => Object.prototype.hasOwnProperty.call(values, p.name) && text.startsWith(p.text, p.offset));
  const contexts = findValueContexts(text, language, placeholders.map((p) => ({ offset: p.offset, end: p.offset + p.text.length })));
  const refusals: ValueRefusal[] = [];
  const refuse = (p: Placeholder, reason: string) => {
    if (!refusals.some((r) => r.name === p.name && r.reason === reason)) refusals.push({ name: p.name, placeholder: p.text, reason });
  };
  const replacements: { offset: number; end: number; text: string; placeholder: Placeholder; context: ValueContext | undefined }[] = [];
  for (const placeholder of withValues) {
    const value = values[placeholder.name]!;
    const problem = checkValue(placeholder.name, value, placeholder.text);
    if (problem) {
      refuse(placeholder, problem);
      continue;
    }
    const context = contexts.get(placeholder.offset);
    const encoded = context ? encodeValue(value, context) : encodeValue(value, { position: defaultPosition(language), escapeLayers: 0 });
    if ('refused' in encoded) {
      refuse(placeholder, `The value for ${placeholder.text} ${encoded.refused}`);
      continue;
    }
    replacements.push({ offset: placeholder.offset, end: placeholder.offset + placeholder.text.length, text: encoded.text, placeholder, context });
  }
  replacements.sort((a, b) => b.offset - a.offset);
  let filled = text;
  let limit = text.length;
  for (const r of replacements) {
    if (r.end > limit) continue; // overlapping placeholders: the later one was written
    filled = filled.slice(0, r.offset) + r.text + filled.slice(r.end);
    limit = r.offset;
  }
  if (refusals.length > 0) return { text: filled, refusals };
  // Heredoc delimiters: a line that became the delimiter would end the body early and run
  // the rest of it as shell commands.
  for (const r of replacements) {
    const delimiter = r.context?.heredocDelimiter;
    if (delimiter === undefined) continue;
    const lines = filled.split('\n');
    const before = text.split('\n');
    const count = (list: string[]) => list.filter((line) => line === delimiter || line.replace(/^\t+/, '') === delimiter).length;
    if (count(lines) !== count(before)) refuse(r.placeholder, `The value for ${r.placeholder.text} would end the heredoc early: it makes a line read "${delimiter}".`);
  }
  // The last net for shell steps: the filled text must have the commands and words the
  // runbook wrote, with each placeholder one word.
  if (refusals.length === 0 && language === 'shell' && replacements.length > 0) {
    const written = shapeOf(replaceSpans(text, replacements.map((r) => ({ ...r, text: 'x' }))));
    const result = shapeOf(filled);
    if (written !== result) {
      for (const r of replacements) refuse(r.placeholder, `The value for ${r.placeholder.text} would change the command's shape (the commands and words bash reads), so it is not used.`);
    }
  }
  return { text: filled, refusals };
}

function defaultPosition(language: StepLanguageOf): ValuePosition {
  return language === 'sql' ? { kind: 'sql-bare' } : language === 'python' ? { kind: 'python-bare' } : { kind: 'shell-bare' };
}

function replaceSpans(text: string, spans: readonly { offset: number; end: number; text: string }[]): string {
  let out = text;
  let limit = text.length;
  for (const span of [...spans].sort((a, b) => b.offset - a.offset)) {
    if (span.end > limit) continue;
    out = out.slice(0, span.offset) + span.text + out.slice(span.end);
    limit = span.offset;
  }
  return out;
}

function shapeOf(text: string): string {
  return splitShellCommands(text)
    .map((c) => `${c.substituted ? 's' : ''}${c.assignments.length}:${c.words.length}:${c.redirects.length}:${c.stdin.length}`)
    .join(' ');
}

/** The value as written at one position, or why it cannot be. */
export function encodeValue(value: string, context: ValueContext): { text: string } | { refused: string } {
  const inner = encodeForPosition(value, context.position);
  if ('refused' in inner) return inner;
  let text = inner.text;
  for (let layer = 0; layer < context.escapeLayers; layer++) text = text.replace(/[\\$`]/g, '\\$&');
  return { text };
}

function encodeForPosition(value: string, position: ValuePosition): { text: string } | { refused: string } {
  switch (position.kind) {
    case 'shell-bare':
      return { text: PLAIN_WORD.test(value) ? value : singleQuoted(value) };
    case 'shell-double':
      // `!` starts history expansion even inside double quotes, and brace expansion misreads
      // quotes nested in backticks (`"\`cmd "{a,b}"\`"` expands): close the double quotes and
      // single-quote the value.
      if (/[!{}]/.test(value)) return { text: `"${singleQuoted(value)}"` };
      return { text: value.replace(/[\\$`"]/g, '\\$&') };
    case 'shell-single':
      return { text: value.replace(/'/g, `'\\''`) };
    case 'shell-ansi':
      return { text: value.replace(/[\\']/g, '\\$&') };
    case 'shell-evaluated':
      return PLAIN_WORD.test(value)
        ? { text: value }
        : { refused: `stands inside ${position.where}, where bash evaluates the text, so it must be a plain word (letters, digits and "_ . / : @ + , -").` };
    case 'text':
      return { text: value };
    case 'sql-bare':
      if (NUMBER.test(value) || SQL_IDENTIFIER.test(value)) return { text: value };
      return sqlString(value);
    case 'sql-string': {
      const literal = sqlString(value);
      return 'refused' in literal ? literal : { text: literal.text.slice(1, -1) };
    }
    case 'sql-escape-string':
      return { text: value.replace(/[\\']/g, '\\$&') };
    case 'sql-identifier':
      return { text: value.replace(/"/g, '""') };
    case 'sql-dollar-quoted':
      return value.includes('$') ? { refused: 'holds "$", which could end the dollar-quoted string it stands in.' } : { text: value };
    case 'sql-block-comment':
      return value.includes('*/') || value.includes('/*') ? { refused: 'holds "/*" or "*/", which would change where the comment it stands in ends.' } : { text: value };
    case 'python-bare':
      return { text: NUMBER.test(value) ? value : pythonString(value, "'") };
    case 'python-string':
      return pythonInString(value, position);
  }
}

function singleQuoted(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function sqlString(value: string): { text: string } | { refused: string } {
  // With standard_conforming_strings off (or in MySQL) a backslash escapes the next quote.
  if (value.includes('\\')) return { refused: 'holds a backslash, which some SQL settings read as an escape inside a string; write the step with an E\'...\' string to allow it.' };
  return { text: `'${value.replace(/'/g, "''")}'` };
}

function pythonString(value: string, quote: string): string {
  return `${quote}${value.replace(/\\/g, '\\\\').split(quote).join(`\\${quote}`)}${quote}`;
}

function pythonInString(value: string, position: Extract<ValuePosition, { kind: 'python-string' }>): { text: string } | { refused: string } {
  const quoteChar = position.quote[0]!;
  if (position.bytes && /[^\x20-\x7e]/.test(value)) return { refused: 'holds a character that is not ASCII, which a Python bytes literal cannot hold.' };
  if (position.raw && (value.includes('\\') || value.includes(quoteChar))) {
    return { refused: `holds a backslash or ${quoteChar}, which a Python raw string cannot hold safely.` };
  }
  let text = position.raw ? value : pythonString(value, quoteChar).slice(1, -1);
  if (position.formatted) text = text.replace(/[{}]/g, '$&$&');
  return { text };
}

/** The sentence for one value at every place it would stand in the step, or undefined when it is accepted. */
export function refuseValue(
  text: string,
  language: StepLanguageOf,
  placeholders: readonly Placeholder[],
  name: string,
  value: string,
): string | undefined {
  const own = placeholders.filter((p) => p.name === name);
  if (own.length === 0) return checkValue(name, value);
  return fillPlaceholderValues(text, language, own, { [name]: value }).refusals[0]?.reason;
}
