// Defensive readers for JSON from servers we do not control: a field of the wrong type reads
// as absent instead of throwing, so one odd alert never hides the others.

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function readString(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function readObject(value: unknown): JsonObject | undefined {
  return isJsonObject(value) ? value : undefined;
}

export function readArray(value: unknown): readonly unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

export function readNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/**
 * Strings only; numbers and booleans are written as text because some exporters emit them
 * unquoted. A map that is already all strings is returned as is: copying every label map of a
 * 10,000-alert poll doubles its garbage. Callers must not mutate the result.
 */
export function readStringMap(value: unknown): Record<string, string> {
  if (!isJsonObject(value)) return {};
  let clean = true;
  for (const key in value) {
    if (typeof value[key] !== 'string') {
      clean = false;
      break;
    }
  }
  if (clean) return value as Record<string, string>;
  const map: Record<string, string> = {};
  for (const key in value) {
    const item = value[key];
    if (typeof item === 'string') map[key] = item;
    else if (typeof item === 'number' || typeof item === 'boolean') map[key] = String(item);
  }
  return map;
}

/**
 * The strings of a list. A list that is all strings is returned as is (a copy built by push
 * keeps room for 17 items: 150 bytes for each silenced alert of a storm). Callers must not
 * change its length.
 */
export function readStringList(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  if (value.every((item) => typeof item === 'string')) return value as string[];
  return value.filter((item): item is string => typeof item === 'string');
}

/** Describes a value for an error message without echoing its content. */
export function describeJsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

// RFC 3339 in UTC, as Alertmanager, PagerDuty and Kubernetes write it (fractions of any length).
const UTC_TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z$/;

/**
 * ISO 8601 form of a timestamp string, or undefined when it does not parse. A UTC RFC 3339
 * string is kept as written (it already is ISO 8601, and parsing 10,000 of them per poll is
 * measurable); other forms are normalised through Date.
 */
export function readTimestamp(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  if (UTC_TIMESTAMP.test(value)) return value;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}
