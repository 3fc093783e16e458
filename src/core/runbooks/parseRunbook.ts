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
  LeftOutLine,
  FrontMatter,
  Placeholder,
  Runbook,
  RunbookDiagnostic,
  RunbookSection,
  RunbookStep,
} from './model';
import { findPlaceholders } from './placeholders';
import { blankLines, findChatCommandLines } from '../execution/chatCommands';
import { findHiddenCharacters } from '../execution/hiddenCharacters';
import {
  describeChatCommand,
  describeCredential,
  describeHiddenCharacter,
  describeUnlabelledShell,
  describeUnterminatedFence,
  findCredentials,
  type TextSpan,
} from './runbookDiagnostics';
import {
  completeSeverity,
  readBoldSeverityLabel,
  readResponseLine,
  readSeverityHeading,
  readSeverityListItem,
  readSeverityTable,
  resolveSeverityLevels,
  type PendingSeverity,
  type SeverityRow,
  type TableRow,
} from './severities';
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

/** Alerts in the order found, each name and source once. */
class AlertList {
  readonly alerts: AlertReference[] = [];
  private readonly seen = new Set<string>();

  add(name: string, source: AlertSource, line: number, sectionId: string | undefined): void {
    const key = `${source}\u0000${name}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.alerts.push(sectionId === undefined ? { name, source, line } : { name, source, line, sectionId });
  }
}

/** What the walk over markdown-it's tokens collects. */
interface BodyDraft {
  readonly source: string;
  readonly lineStarts: readonly number[];
  readonly diagnostics: RunbookDiagnostic[];
  readonly alerts: AlertList;
  readonly sections: SectionDraft[];
  readonly openSections: SectionDraft[];
  readonly steps: RunbookStep[];
  readonly checklist: ChecklistItem[];
  readonly severityRows: SeverityRow[];
  /** A level named by a heading or bold line, until a line below gives its response time. */
  pendingSeverity: PendingSeverity | undefined;
  sectionId: string | undefined;
  table: TableDraft | undefined;
  tableLine: number;
  firstTopTitle: string | undefined;
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
  const alerts = new AlertList();
  const { body, frontMatter } = separateFrontMatter(source, lineStarts, diagnostics, alerts);
  const draft: BodyDraft = {
    source,
    lineStarts,
    diagnostics,
    alerts,
    sections: [],
    openSections: [],
    steps: [],
    checklist: [],
    severityRows: [],
    pendingSeverity: undefined,
    sectionId: undefined,
    table: undefined,
    tableLine: 0,
    firstTopTitle: undefined,
  };
  readBodyTokens(parseMarkdownBlocks(body), draft);

  const stem = options.fileName !== undefined ? readFileStem(options.fileName) : undefined;
  if (stem !== undefined && stem !== '') addFileNameAlert(stem, draft.firstTopTitle, alerts);

  diagnostics.push(...findCredentials(source, 'anywhere').map((span) => describeSpan(lineStarts, span)));

  return {
    title: frontMatter?.title ?? draft.firstTopTitle ?? draft.sections[0]?.title ?? (stem !== undefined && stem !== '' ? stem : 'Untitled runbook'),
    ...(frontMatter !== undefined ? { frontMatter } : {}),
    sections: draft.sections.map(freezeSection),
    steps: draft.steps,
    alerts: alerts.alerts,
    severities: resolveSeverityLevels(draft.severityRows),
    checklist: draft.checklist,
    diagnostics: sortAndDeduplicate(diagnostics),
    lineCount,
  };
}

/**
 * The body markdown-it reads, with the front matter lines blanked rather than cut so its
 * line numbers stay file lines; the front matter's problems and alerts are recorded.
 */
function separateFrontMatter(
  source: string,
  lineStarts: readonly number[],
  diagnostics: RunbookDiagnostic[],
  alerts: AlertList,
): { body: string; frontMatter?: FrontMatter } {
  const frontMatterBlock = readFrontMatter(source, lineStarts);
  if (frontMatterBlock === undefined) return { body: source };
  const closingLine = frontMatterBlock.closingLine;
  const frontMatter = frontMatterBlock.frontMatter;
  diagnostics.push(...frontMatterBlock.diagnostics);
  const bodyStart = closingLine + 1 < lineStarts.length ? lineStarts[closingLine + 1] : source.length;
  const body = '\n'.repeat(closingLine + 1) + source.slice(bodyStart);
  const yamlStart = lineStarts[1];
  for (const span of findCredentials(source.slice(yamlStart, lineStarts[closingLine]), 'code')) {
    diagnostics.push(describeSpan(lineStarts, { start: span.start + yamlStart, end: span.end + yamlStart }));
  }
  for (const name of frontMatter?.alerts ?? []) {
    alerts.add(name, 'front-matter', findFrontMatterLine(source, lineStarts, closingLine, name), undefined);
  }
  return frontMatter === undefined ? { body } : { body, frontMatter };
}

function readBodyTokens(tokens: readonly Token[], draft: BodyDraft): void {
  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index];
    switch (token.type) {
      case 'heading_open':
        openHeading(token, tokens[index + 1], draft);
        index++;
        break;
      case 'fence':
        draft.steps.push(buildStep(token, draft.steps.length, draft.sectionId, draft.diagnostics, draft.lineStarts, draft.source));
        break;
      case 'list_item_open':
        readListItem(token, tokens[index + 1], tokens[index + 2], draft);
        break;
      case 'inline':
        readInlineToken(token, draft);
        break;
      default:
        readTableToken(token, draft);
        break;
    }
  }
}

function openHeading(token: Token, inline: Token, draft: BodyDraft): void {
  const line = token.map?.[0] ?? 0;
  const level = Number(token.tag.slice(1));
  const { text: title, codeSpans } = readInlineText(inline.content);
  const open = draft.openSections;
  while (open.length > 0 && open[open.length - 1].level >= level) {
    const closed = open.pop();
    if (closed !== undefined) closed.endLine = Math.max(closed.line, line - 1);
  }
  const parent = open[open.length - 1];
  const section: SectionDraft = { id: `section-${draft.sections.length}`, title, level, line, endLine: draft.lineStarts.length - 1 };
  if (parent !== undefined) section.parentId = parent.id;
  draft.sections.push(section);
  open.push(section);
  draft.sectionId = section.id;
  draft.pendingSeverity = readSeverityHeading(title, line);
  if (level === 1 && draft.firstTopTitle === undefined) draft.firstTopTitle = title;
  for (const code of codeSpans) {
    if (isAlertName(code) || isLowerCamelAlertName(code)) draft.alerts.add(code, 'heading', line, section.id);
  }
  // `# KubePodCrashLooping`: a title that is nothing but an alert name.
  if (level === 1 && isAlertName(title) && hasInnerCapital(title)) draft.alerts.add(title, 'heading', line, section.id);
}

/** A checklist item (`- [x] ...`), or else maybe a severity definition. */
function readListItem(token: Token, paragraph: Token | undefined, inline: Token | undefined, draft: BodyDraft): void {
  if (paragraph?.type !== 'paragraph_open' || inline?.type !== 'inline') return;
  const line = inline.map?.[0] ?? token.map?.[0] ?? 0;
  const box = /^\[([ xX])\][ \t]+(\S[\s\S]*)$/.exec(inline.content);
  if (box !== null) {
    const item: ChecklistItem = { text: readInlineText(box[2]).text, checked: box[1] !== ' ', line };
    draft.checklist.push(draft.sectionId === undefined ? item : { ...item, sectionId: draft.sectionId });
  } else {
    const severity = readSeverityListItem(inline.content, line);
    if (severity !== undefined) draft.severityRows.push(severity);
  }
}

/** Table cells are gathered for the severity table; any inline text may name a symptom alert. */
function readInlineToken(token: Token, draft: BodyDraft): void {
  if (draft.table?.row !== undefined) draft.table.row.push(token.content.trim());
  const line = token.map?.[0] ?? draft.tableLine;
  if (draft.table === undefined) readSeverityLines(token.content, line, draft);
  for (const alert of findSymptomAlerts(token.content)) {
    draft.alerts.add(alert.name, 'symptom', line + countLineBreaks(token.content, alert.offset), draft.sectionId);
  }
}

/** Lines of a paragraph or list item: a bold level opens a definition, a response line completes it. */
function readSeverityLines(content: string, firstLine: number, draft: BodyDraft): void {
  content.split('\n').forEach((text, offset) => {
    const opened = readBoldSeverityLabel(text, firstLine + offset);
    if (opened !== undefined) {
      draft.pendingSeverity = opened;
      return;
    }
    const pending = draft.pendingSeverity;
    if (pending === undefined) return;
    const time = readResponseLine(text);
    if (time === undefined) return;
    draft.severityRows.push(completeSeverity(pending, time));
    draft.pendingSeverity = undefined;
  });
}

function readTableToken(token: Token, draft: BodyDraft): void {
  const table = draft.table;
  switch (token.type) {
    case 'table_open':
      draft.table = { header: [], rows: [], inHeader: false };
      break;
    case 'thead_open':
      if (table !== undefined) table.inHeader = true;
      break;
    case 'thead_close':
      if (table !== undefined) table.inHeader = false;
      break;
    case 'tr_open':
      draft.tableLine = token.map?.[0] ?? draft.tableLine;
      if (table !== undefined) table.row = [];
      break;
    case 'tr_close':
      if (table?.row !== undefined) {
        if (table.inHeader) table.header = table.row;
        else table.rows.push({ cells: table.row, line: draft.tableLine });
        table.row = undefined;
      }
      break;
    case 'table_close':
      if (table !== undefined) draft.severityRows.push(...readSeverityTable(table.header, table.rows));
      draft.table = undefined;
      break;
    default:
      break;
  }
}

/**
 * An upper-case single word (`Watchdog.md`) or etcd's lowerCamel (`etcdNoLeader.md`) is an
 * alert only when the runbook's own title says so; `Database.md` is not an alert.
 */
function addFileNameAlert(stem: string, firstTopTitle: string | undefined, alerts: AlertList): void {
  const confirmedByTitle = firstTopTitle === stem;
  if ((isAlertName(stem) && (hasInnerCapital(stem) || confirmedByTitle)) || (isLowerCamelAlertName(stem) && confirmedByTitle)) {
    alerts.add(stem, 'file-name', 0, undefined);
  }
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

  const { commands, commandColumns, leftOut } = readRunText(kind, prompted, details, contentRange.startLine, diagnostics);

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
    // A block of chat commands only has nothing to run: Copy only.
    runnable: (kind === 'shell' || kind === 'sql' || kind === 'python') && !(leftOut.length > 0 && commands.trim() === ''),
    placeholders,
    terminated: details.terminated,
    ...(leftOut.length > 0 ? { leftOut } : {}),
  };
  return step;
}

interface RunText {
  readonly commands: string;
  /** For a transcript: the column where each prompted line's command starts, by content line. */
  readonly commandColumns?: ReadonlyMap<number, number>;
  readonly leftOut: LeftOutLine[];
}

/** What of a block reaches the shell: a transcript's prompted commands, a shell block without its chat commands. */
function readRunText(kind: RunbookStep['kind'], prompted: boolean, details: FenceDetails, firstLine: number, diagnostics: RunbookDiagnostic[]): RunText {
  const content = details.content;
  if (prompted) {
    const extracted = extractPromptedCommands(content);
    return { commands: extracted.commands, commandColumns: extracted.lines, leftOut: [] };
  }
  if (kind !== 'shell') return { commands: content, leftOut: [] };
  const chat = findChatCommandLines(content);
  for (const found of chat) {
    const column = toSourceColumn(details, found.line, found.column);
    diagnostics.push(describeChatCommand(firstLine + found.line, column, column + found.text.length));
  }
  return {
    commands: blankLines(content, chat.map((found) => found.line)),
    leftOut: chat.map((found) => ({ line: firstLine + found.line, text: found.text })),
  };
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
