// The runbook model: what parseRunbook() produces from a markdown file. Plain data only
// (no class instances, no vscode types), so it can be cached, passed as command arguments
// and tested with plain mocha. All line numbers are 0-based lines of the whole file,
// front matter included.

import type { SeverityLevel } from '../shared/severity';

/** What a fenced block holds, which decides the lenses it gets and how it runs. */
export type BlockKind = 'shell' | 'sql' | 'python' | 'promql' | 'yaml' | 'template' | 'other';

export interface LineRange {
  /** First line, 0-based, inclusive. */
  readonly startLine: number;
  /** Last line, 0-based, inclusive. */
  readonly endLine: number;
}

/** The written forms a placeholder can take in a runbook. */
export type PlaceholderForm =
  | 'angle' // <pod-name>
  | 'braced-variable' // ${POD}
  | 'variable' // $NAMESPACE
  | 'bracket' // [Brief description]
  | 'severity' // P[SEVERITY]
  | 'date'; // YYYY-MM-DD, HH:MM

export interface Placeholder {
  /** Exactly as written, e.g. `<pod-name>` or `${POD}`. */
  readonly text: string;
  /** Normalised name used to remember a value: lower-case, dashes, e.g. `pod-name`, `pod`, `namespace`. */
  readonly name: string;
  readonly form: PlaceholderForm;
  /** Offset of `text` in the step's `content`. */
  readonly offset: number;
  /** Position of `text` in the file (0-based line and column). */
  readonly line: number;
  readonly column: number;
}

export type AttributeValue = string | number | boolean;

export interface RunbookStep {
  /** Stable for a given document text: `step-<index>`. */
  readonly id: string;
  /** 0-based position among the runbook's fenced blocks. */
  readonly index: number;
  readonly kind: BlockKind;
  /** The language word of the info string as written (`bash`, `console`, ``), lower-cased. */
  readonly language: string;
  /** Fence attributes: Runme-style `{"name":"x"}` or `{ name=x confirm=true }`. Never written back. */
  readonly attributes: Readonly<Record<string, AttributeValue>>;
  /** `attributes.name` when given. */
  readonly name?: string;
  /** The block's text between the fences, exactly as written (no trailing newline). */
  readonly content: string;
  /**
   * What reaches a shell: for `console` blocks, and for shell blocks that start with a `$ `
   * prompt, only the prompted commands (prompt removed, continuation lines and heredoc bodies
   * kept); for other kinds the content unchanged.
   */
  readonly commands: string;
  /** Fence lines included. */
  readonly range: LineRange;
  /** The lines between the fences (empty block: startLine > endLine). */
  readonly contentRange: LineRange;
  /** Id of the innermost section holding the block; undefined before the first heading. */
  readonly sectionId?: string;
  /** Shell, sql and python blocks can be run; the rest are copied or queried. */
  readonly runnable: boolean;
  readonly placeholders: readonly Placeholder[];
  /** False when the closing fence is missing (the block runs to the end of the file). */
  readonly terminated: boolean;
  /**
   * Lines of a shell block left out of Run because they are chat commands (`/slack …`), not
   * shell: blank in `commands`, kept in `content` (Copy copies them).
   */
  readonly leftOut?: readonly LeftOutLine[];
}

export interface LeftOutLine {
  /** 0-based line in the file. */
  readonly line: number;
  readonly text: string;
}

export interface RunbookSection {
  /** `section-<index>`, in document order. */
  readonly id: string;
  /** Heading text with inline markup removed. */
  readonly title: string;
  /** 1-6. */
  readonly level: number;
  /** Line of the heading. */
  readonly line: number;
  /** Last line before the next heading of the same or a higher level (or the end of file). */
  readonly endLine: number;
  readonly parentId?: string;
}

export interface FrontMatter {
  readonly title?: string;
  readonly service?: string;
  readonly alerts?: readonly string[];
  readonly severity?: string;
  readonly owner?: string;
  /** The whole front matter mapping as parsed. */
  readonly raw: Readonly<Record<string, unknown>>;
}

export type AlertSource = 'front-matter' | 'heading' | 'symptom' | 'file-name';

/** An alert name the runbook says it covers, tied to where it says so. */
export interface AlertReference {
  readonly name: string;
  readonly source: AlertSource;
  readonly sectionId?: string;
  readonly line: number;
}

/** One row of a runbook's severity table or list. */
export interface SeverityDefinition {
  readonly level: SeverityLevel;
  /** As written: `P0`, `SEV1`, `Critical`... */
  readonly label: string;
  readonly description?: string;
  /** As written, e.g. `5 minutes`. */
  readonly responseTime?: string;
  readonly responseMinutes?: number;
  readonly line: number;
}

export interface ChecklistItem {
  readonly text: string;
  readonly checked: boolean;
  readonly line: number;
  readonly sectionId?: string;
}

export type DiagnosticCode = 'front-matter' | 'unterminated-fence' | 'credential' | 'unlabelled-shell' | 'hidden-character' | 'chat-command';

export interface RunbookDiagnostic {
  readonly code: DiagnosticCode;
  readonly severity: 'error' | 'warning' | 'information';
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface Runbook {
  /** Front matter title, else the first level-1 heading, else the first heading, else the file name. */
  readonly title: string;
  readonly frontMatter?: FrontMatter;
  readonly sections: readonly RunbookSection[];
  readonly steps: readonly RunbookStep[];
  readonly alerts: readonly AlertReference[];
  readonly severities: readonly SeverityDefinition[];
  readonly checklist: readonly ChecklistItem[];
  readonly diagnostics: readonly RunbookDiagnostic[];
  /** Number of lines in the file. */
  readonly lineCount: number;
}
