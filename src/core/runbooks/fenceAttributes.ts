import type { AttributeValue } from './model';

export interface FenceInfo {
  /** First word of the info string, lower-cased; `` for a bare fence. */
  readonly language: string;
  readonly attributes: Readonly<Record<string, AttributeValue>>;
}

const NO_ATTRIBUTES: Readonly<Record<string, AttributeValue>> = Object.freeze({});

/**
 * Splits a fence info string into its language and Runme-style attributes, which come either
 * as JSON (`bash {"name":"restart","interactive":false}`) or as `key=value` pairs
 * (`sh { name=restart confirm=true }`). Attributes that cannot be read are ignored: a typo in
 * an attribute must not hide the block.
 */
export function parseFenceInfo(info: string): FenceInfo {
  const trimmed = info.trim();
  if (trimmed === '') return { language: '', attributes: NO_ATTRIBUTES };
  const brace = trimmed.indexOf('{');
  const head = brace >= 0 ? trimmed.slice(0, brace) : trimmed;
  const language = readLanguage(head);
  if (brace < 0) return { language, attributes: NO_ATTRIBUTES };
  const close = trimmed.lastIndexOf('}');
  if (close < brace) return { language, attributes: NO_ATTRIBUTES };
  return { language, attributes: parseAttributes(trimmed.slice(brace, close + 1)) };
}

function readLanguage(head: string): string {
  const match = /^\S+/.exec(head.trim());
  return match ? match[0].toLowerCase() : '';
}

/** `{...}` as JSON when it is JSON, else as `key=value` pairs. */
function parseAttributes(braced: string): Readonly<Record<string, AttributeValue>> {
  const attributes: Record<string, AttributeValue> = {};
  if (/^\{\s*("|\})/.test(braced)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(braced);
    } catch {
      return NO_ATTRIBUTES;
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return NO_ATTRIBUTES;
    for (const [key, value] of Object.entries(parsed as Record<string, unknown>)) {
      if (key === '__proto__') continue;
      if (typeof value === 'string' || typeof value === 'boolean') attributes[key] = value;
      else if (typeof value === 'number' && Number.isFinite(value)) attributes[key] = value;
    }
    return attributes;
  }
  const pair = /([A-Za-z_][\w.-]*)\s*=\s*("(?:[^"\\]|\\.)*"|'[^']*'|[^\s,}"']+)/g;
  for (let match = pair.exec(braced); match !== null; match = pair.exec(braced)) {
    if (match[1] !== '__proto__') attributes[match[1]] = readAttributeValue(match[2]);
  }
  return attributes;
}

function readAttributeValue(written: string): AttributeValue {
  if (written.startsWith('"')) {
    try {
      return JSON.parse(written) as string;
    } catch {
      return written.slice(1, -1);
    }
  }
  if (written.startsWith("'")) return written.slice(1, -1);
  if (written === 'true') return true;
  if (written === 'false') return false;
  if (/^-?(?:\d+\.?\d*|\.\d+)$/.test(written)) return Number(written);
  return written;
}
