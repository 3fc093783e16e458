import { parseDocument } from 'yaml';
import type { FrontMatter, RunbookDiagnostic } from './model';
import { describeFrontMatterError } from './runbookDiagnostics';
import { readLine } from './textLines';

export interface FrontMatterBlock {
  /** Parsed fields; undefined when the YAML is invalid or not a mapping. */
  readonly frontMatter?: FrontMatter;
  /** Line of the closing `---`; the markdown body starts on the next line. */
  readonly closingLine: number;
  readonly diagnostics: readonly RunbookDiagnostic[];
}

const OPENING = /^---[ \t]*$/;
const CLOSING = /^(?:---|\.\.\.)[ \t]*$/;

/**
 * Finds and parses a leading `---` YAML block (Jekyll, Hugo and MkDocs style). Without a
 * closing `---` or `...` line the opening `---` is an ordinary thematic break. Invalid YAML
 * becomes a diagnostic, never an exception, so the markdown below still gets parsed.
 */
export function readFrontMatter(text: string, lineStarts: readonly number[]): FrontMatterBlock | undefined {
  if (!text.startsWith('---') || lineStarts.length < 2 || !OPENING.test(readLine(text, lineStarts, 0))) {
    return undefined;
  }
  let closingLine = -1;
  for (let line = 1; line < lineStarts.length; line++) {
    // Cheap first-character test before the regex: most lines cannot close the block.
    const first = text.charCodeAt(lineStarts[line]);
    if ((first === 0x2d || first === 0x2e) && CLOSING.test(readLine(text, lineStarts, line))) {
      closingLine = line;
      break;
    }
  }
  if (closingLine < 0) return undefined;

  const yamlText = text.slice(lineStarts[1], lineStarts[closingLine]);
  const diagnostics: RunbookDiagnostic[] = [];
  const document = parseDocument(yamlText);
  if (document.errors.length > 0) {
    for (const error of document.errors) {
      const [start, end] = error.linePos ?? [];
      const line = 1 + (start ? start.line - 1 : 0);
      const column = start ? start.col - 1 : 0;
      const endLine = end ? 1 + end.line - 1 : line;
      const endColumn = end ? end.col - 1 : column + 1;
      diagnostics.push(describeFrontMatterError(summariseYamlError(error.message), line, column, endLine, endColumn));
    }
    return { closingLine, diagnostics };
  }

  let value: unknown;
  try {
    value = document.toJS();
  } catch (error) {
    // toJS refuses documents that expand too many aliases ("billion laughs").
    diagnostics.push(describeFrontMatterError(error instanceof Error ? error.message : String(error), 1, 0, 1, 0));
    return { closingLine, diagnostics };
  }
  if (value === null || value === undefined) return { closingLine, diagnostics, frontMatter: { raw: {} } };
  if (typeof value !== 'object' || Array.isArray(value)) {
    diagnostics.push(
      describeFrontMatterError('it must be a YAML mapping such as "title: Database down".', 1, 0, closingLine, 0),
    );
    return { closingLine, diagnostics };
  }
  return { closingLine, diagnostics, frontMatter: readFields(value as Record<string, unknown>) };
}

function readFields(raw: Record<string, unknown>): FrontMatter {
  const fields: { -readonly [K in keyof FrontMatter]: FrontMatter[K] } = { raw };
  const title = readScalar(raw.title);
  const service = readScalar(raw.service);
  const alerts = readAlerts(raw.alerts);
  const severity = readScalar(raw.severity);
  const owner = readScalar(raw.owner);
  // Absent fields stay absent (not `undefined`), so the model serialises and compares cleanly.
  if (title !== undefined) fields.title = title;
  if (service !== undefined) fields.service = service;
  if (alerts !== undefined) fields.alerts = alerts;
  if (severity !== undefined) fields.severity = severity;
  if (owner !== undefined) fields.owner = owner;
  return fields;
}

function readScalar(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

function readAlerts(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const items = Array.isArray(value) ? value : [value];
  const alerts: string[] = [];
  for (const item of items) {
    const name = readScalar(item);
    if (name !== undefined) alerts.push(name);
  }
  return alerts;
}

// yaml's messages end with " at line 3, column 1:" and a code excerpt; the editor shows the
// position itself, so only the sentence is kept.
function summariseYamlError(message: string): string {
  const firstLine = message.split('\n', 1)[0];
  return firstLine.replace(/ at line \d+, column \d+:?$/, '');
}
