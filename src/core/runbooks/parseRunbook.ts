import type { Token } from 'markdown-it';
import { findSymptomAlerts, hasInnerCapital, isAlertName, isLowerCamelAlertName, readFileStem } from './alertNames';
import { classifyBlock, extractPromptedCommands } from './classifyBlock';
import { parseFenceInfo } from './fenceAttributes';
import type { FenceDetails } from './fencedBlocks';
import { readFrontMatter } from './frontMatter';
import { parseMarkdownBlocks, readInlineText } from './markdownBlocks';
import type {
  AlertReference,
  AlertSource,
  ChecklistItem,
  FrontMatter,
  Placeholder,
  Runbook,
  RunbookDiagnostic,
  RunbookSection,
  RunbookStep,
} from './model';
import { findPlaceholders } from './placeholders';
import { findHiddenCharacters } from '../execution/hiddenCharacters';
import {
  describeCredential,
  describeHiddenCharacter,
  describeUnlabelledShell,
  describeUnterminatedFence,
  findCredentials,
  type TextSpan,
} from './runbookDiagnostics';
import { readSeverityListItem, readSeverityTable, resolveSeverityLevels, type SeverityRow, type TableRow } from './severities';
import { findLineOfOffset, indexLineStarts, normaliseLineEnds, readLine } from './textLines';

export interface ParseRunbookOptions {
  /** Path or name of the file; gives the title of a runbook without headings and an alert name (`KubePodCrashLooping.md`). */
  readonly fileName?: string;
}

interface SectionDraft {
  id: string;
  title: string;
  level: number;
  line: number;
  endLine: number;
  parentId?: string;
}

interface TableDraft {
  header: string[];
  rows: TableRow[];
  row?: string[];
  inHeader: boolean;
}

/**
 * Reads a markdown runbook into plain data: front matter, the heading tree, every fenced
 * block as a step, the alerts it covers, its severity definitions, checklist and
 * diagnostics. Never throws on bad input: problems become diagnostics. Pure and synchronous;
 * callers cache the result per document version.
 */
export function parseRunbook(text: string, options: ParseRunbookOptions = {}): Runbook {
  // Editors drop the byte-order mark, so positions are counted without it.
  const source = normaliseLineEnds(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const lineStarts = indexLineStarts(source);
  const lineCount = lineStarts.length;
  const diagnostics: RunbookDiagnostic[] = [];
  const alerts: AlertReference[] = [];
  const seenAlerts = new Set<string>();
  const addAlert = (name: string, source: AlertSource, line: number, sectionId: string | undefined): void => {
    const key = `${source}\u0000${name}`;
    if (seenAlerts.has(key)) return;
    seenAlerts.add(key);
    alerts.push(sectionId === undefined ? { name, source, line } : { name, source, line, sectionId });
  };

  // Front matter lines are blanked rather than cut, so markdown-it's line numbers stay file lines.
  let body = source;
  let frontMatter: FrontMatter | undefined;
  const frontMatterBlock = readFrontMatter(source, lineStarts);
  if (frontMatterBlock !== undefined) {
    const closingLine = frontMatterBlock.closingLine;
    frontMatter = frontMatterBlock.frontMatter;
    diagnostics.push(...frontMatterBlock.diagnostics);
    const bodyStart = closingLine + 1 < lineCount ? lineStarts[closingLine + 1] : source.length;
    body = '\n'.repeat(closingLine + 1) + source.slice(bodyStart);
    const yamlStart = lineStarts[1];
    for (const span of findCredentials(source.slice(yamlStart, lineStarts[closingLine]), 'code')) {
      diagnostics.push(describeSpan(lineStarts, { start: span.start + yamlStart, end: span.end + yamlStart }));
    }
    for (const name of frontMatter?.alerts ?? []) {
      addAlert(name, 'front-matter', findFrontMatterLine(source, lineStarts, closingLine, name), undefined);
    }
  }

  const tokens = parseMarkdownBlocks(body);
  const sections: SectionDraft[] = [];
  const openSections: SectionDraft[] = [];
  const steps: RunbookStep[] = [];
  const checklist: ChecklistItem[] = [];
  const severityRows: SeverityRow[] = [];
  let sectionId: string | undefined;
  let table: TableDraft | undefined;
  let tableLine = 0;
  let firstTopTitle: string | undefined;

  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    switch (token.type) {
      case 'heading_open': {
        const inline = tokens[index + 1];
        index++;
        const line = token.map?.[0] ?? 0;
        const level = Number(token.tag.slice(1));
        const { text: title, codeSpans } = readInlineText(inline.content);
        while (openSections.length > 0 && openSections[openSections.length - 1].level >= level) {
          const closed = openSections.pop();
          if (closed !== undefined) closed.endLine = Math.max(closed.line, line - 1);
        }
        const parent = openSections[openSections.length - 1];
        const section: SectionDraft = { id: `section-${sections.length}`, title, level, line, endLine: lineCount - 1 };
        if (parent !== undefined) section.parentId = parent.id;
        sections.push(section);
        openSections.push(section);
        sectionId = section.id;
        if (level === 1 && firstTopTitle === undefined) firstTopTitle = title;
        for (const code of codeSpans) {
          if (isAlertName(code) || isLowerCamelAlertName(code)) addAlert(code, 'heading', line, section.id);
        }
        // `# KubePodCrashLooping`: a title that is nothing but an alert name.
        if (level === 1 && isAlertName(title) && hasInnerCapital(title)) addAlert(title, 'heading', line, section.id);
        break;
      }
      case 'fence': {
        const step = buildStep(token, steps.length, sectionId, diagnostics, lineStarts, source);
        steps.push(step);
        break;
      }
      case 'list_item_open': {
        const paragraph = tokens[index + 1];
        const inline = tokens[index + 2];
        if (paragraph?.type !== 'paragraph_open' || inline?.type !== 'inline') break;
        const line = inline.map?.[0] ?? token.map?.[0] ?? 0;
        const box = /^\[([ xX])\][ \t]+(\S[\s\S]*)$/.exec(inline.content);
        if (box !== null) {
          const item: ChecklistItem = { text: readInlineText(box[2]).text, checked: box[1] !== ' ', line };
          checklist.push(sectionId === undefined ? item : { ...item, sectionId });
        } else {
          const severity = readSeverityListItem(inline.content, line);
          if (severity !== undefined) severityRows.push(severity);
        }
        break;
      }
      case 'table_open':
        table = { header: [], rows: [], inHeader: false };
        break;
      case 'thead_open':
        if (table !== undefined) table.inHeader = true;
        break;
      case 'thead_close':
        if (table !== undefined) table.inHeader = false;
        break;
      case 'tr_open':
        tableLine = token.map?.[0] ?? tableLine;
        if (table !== undefined) table.row = [];
        break;
      case 'tr_close':
        if (table?.row !== undefined) {
          if (table.inHeader) table.header = table.row;
          else table.rows.push({ cells: table.row, line: tableLine });
          table.row = undefined;
        }
        break;
      case 'table_close':
        if (table !== undefined) severityRows.push(...readSeverityTable(table.header, table.rows));
        table = undefined;
        break;
      case 'inline': {
        if (table?.row !== undefined) table.row.push(token.content.trim());
        const line = token.map?.[0] ?? tableLine;
        for (const alert of findSymptomAlerts(token.content)) {
          addAlert(alert.name, 'symptom', line + countLineBreaks(token.content, alert.offset), sectionId);
        }
        break;
      }
      default:
        break;
    }
  }

  const stem = options.fileName !== undefined ? readFileStem(options.fileName) : undefined;
  if (stem !== undefined && stem !== '') {
    // An upper-case single word (`Watchdog.md`) or etcd's lowerCamel (`etcdNoLeader.md`) is
    // an alert only when the runbook's own title says so; `Database.md` is not an alert.
    const confirmedByTitle = firstTopTitle === stem;
    if ((isAlertName(stem) && (hasInnerCapital(stem) || confirmedByTitle)) || (isLowerCamelAlertName(stem) && confirmedByTitle)) {
      addAlert(stem, 'file-name', 0, undefined);
    }
  }

  diagnostics.push(...findCredentials(source, 'anywhere').map((span) => describeSpan(lineStarts, span)));

  return {
    title: frontMatter?.title ?? firstTopTitle ?? sections[0]?.title ?? (stem !== undefined && stem !== '' ? stem : 'Untitled runbook'),
    ...(frontMatter !== undefined ? { frontMatter } : {}),
    sections: sections.map(freezeSection),
    steps,
    alerts,
    severities: resolveSeverityLevels(severityRows),
    checklist,
    diagnostics: sortAndDeduplicate(diagnostics),
    lineCount,
  };
}

function freezeSection(draft: SectionDraft): RunbookSection {
  return draft.parentId === undefined
    ? { id: draft.id, title: draft.title, level: draft.level, line: draft.line, endLine: draft.endLine }
    : { ...draft };
}

/** Enough to show where the problem is without flooding the Problems view for a binary paste. */
const MAX_HIDDEN_CHARACTER_DIAGNOSTICS = 20;

function buildStep(
  token: Token,
  index: number,
  sectionId: string | undefined,
  diagnostics: RunbookDiagnostic[],
  lineStarts: readonly number[],
  source: string,
): RunbookStep {
  const details = token.meta as FenceDetails;
  const content = details.content;
  const startLine = token.map?.[0] ?? 0;
  const endLine = (token.map?.[1] ?? startLine + 1) - 1;
  const contentRange = { startLine: startLine + 1, endLine: details.terminated ? endLine - 1 : endLine };
  const { language, attributes } = parseFenceInfo(token.info);
  const { kind, prompted, unlabelledShell } = classifyBlock(language, content);

  let commands = content;
  let commandColumns: ReadonlyMap<number, number> | undefined;
  if (prompted) {
    const extracted = extractPromptedCommands(content);
    commands = extracted.commands;
    commandColumns = extracted.lines;
  }

  const placeholders: Placeholder[] = [];
  for (const found of findPlaceholders(content, kind)) {
    // In a transcript, `<none>` or `$VAR` in output is not something to fill in.
    if (commandColumns !== undefined) {
      const commandColumn = commandColumns.get(found.line);
      if (commandColumn === undefined || found.column < commandColumn) continue;
    }
    placeholders.push({
      ...found,
      line: contentRange.startLine + found.line,
      column: toSourceColumn(details, found.line, found.column),
    });
  }

  const fenceEnd = details.fenceColumn + token.markup.length;
  if (!details.terminated) diagnostics.push(describeUnterminatedFence(startLine, details.fenceColumn, fenceEnd, token.markup));
  if (unlabelledShell) diagnostics.push(describeUnlabelledShell(startLine, details.fenceColumn, fenceEnd, token.markup));
  for (const hidden of findHiddenCharacters(content, MAX_HIDDEN_CHARACTER_DIAGNOSTICS)) {
    const column = toSourceColumn(details, hidden.line, hidden.column);
    diagnostics.push(describeHiddenCharacter(hidden.codePoint, contentRange.startLine + hidden.line, column, column + hidden.length));
  }
  const spans = findCredentials(content, 'code');
  if (spans.length > 0) {
    const contentLineStarts = indexLineStarts(content);
    for (const span of spans) {
      const line = findLineOfOffset(contentLineStarts, span.start);
      const column = toSourceColumn(details, line, span.start - contentLineStarts[line]);
      const fileLine = contentRange.startLine + line;
      const lineLength = readLine(source, lineStarts, fileLine).length;
      diagnostics.push(describeCredential(fileLine, column, Math.min(lineLength, column + span.end - span.start)));
    }
  }

  const name = attributes.name;
  const step: RunbookStep = {
    id: `step-${index}`,
    index,
    kind,
    language,
    attributes,
    ...(typeof name === 'string' && name !== '' ? { name } : typeof name === 'number' ? { name: String(name) } : {}),
    content,
    commands,
    range: { startLine, endLine },
    contentRange,
    ...(sectionId !== undefined ? { sectionId } : {}),
    runnable: kind === 'shell' || kind === 'sql' || kind === 'python',
    placeholders,
    terminated: details.terminated,
  };
  return step;
}

/** Column in the file of `column` on content line `line` of a fenced block. */
function toSourceColumn(details: FenceDetails, line: number, column: number): number {
  const padding = details.paddings[line] ?? 0;
  return (details.contentColumns[line] ?? 0) + Math.max(0, column - padding);
}

function describeSpan(lineStarts: readonly number[], span: TextSpan): RunbookDiagnostic {
  const line = findLineOfOffset(lineStarts, span.start);
  const column = span.start - lineStarts[line];
  return describeCredential(line, column, column + span.end - span.start);
}

function countLineBreaks(text: string, end: number): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0 && at < end; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** Line of the front matter that names `alert` (on the `alerts:` line or in its list), else the key's line. */
function findFrontMatterLine(source: string, lineStarts: readonly number[], closingLine: number, alert: string): number {
  let keyLine = -1;
  for (let line = 1; line < closingLine; line++) {
    const text = readLine(source, lineStarts, line);
    if (keyLine < 0) {
      if (!/^alerts\s*:/.test(text)) continue;
      keyLine = line;
      if (text.includes(alert)) return line;
    } else if (/^\S/.test(text) && !text.startsWith('-')) {
      break;
    } else if (text.includes(alert)) {
      return line;
    }
  }
  return Math.max(1, keyLine);
}

function sortAndDeduplicate(diagnostics: RunbookDiagnostic[]): RunbookDiagnostic[] {
  const seen = new Set<string>();
  const unique: RunbookDiagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const key = `${diagnostic.code}:${diagnostic.line}:${diagnostic.column}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(diagnostic);
  }
  return unique.sort((a, b) => a.line - b.line || a.column - b.column);
}
