// Characters a step must not hold, because what a terminal or editor does with them differs
// from how the text reads. Text sent to a terminal is typed into bash's line editor: Ctrl-U
// erases what came before, Ctrl-H and DEL erase a character, Ctrl-A jumps to the start of
// the line, ESC sequences move by words or delete them, CR runs the line so far. A step that
// reads `kubectl get pods` can so become `kubectl delete ns prod` without the risk check or
// the confirmation ever seeing that text. Bidi overrides and isolates reorder what the editor
// shows (the "Trojan Source" trick), and zero-width characters hide inside words. None of them
// has a use in a command, so a step holding one is refused, never cleaned up silently.
//
// Allowed: tab and line feed. A CRLF runbook is read with its line ends normalised first (the
// parser does it, and planExecution for any other caller), so a CR that is still there sits
// inside a line or came from a value, where it would run the line early.

/** One hidden character and where it is in the text searched (0-based line and column). */
export interface HiddenCharacter {
  readonly codePoint: number;
  /** UTF-16 offset in the text searched. */
  readonly offset: number;
  readonly line: number;
  readonly column: number;
  /** UTF-16 length: 2 for characters outside the basic plane. */
  readonly length: number;
}

// C0 controls except tab (09) and line feed (0A); DEL; C1 controls; every Unicode format
// character (Cf: bidi marks, overrides and isolates, zero-width space/joiners, word joiner,
// BOM, soft hyphen, tags...); the line and paragraph separators (bash reads them as letters,
// an editor may show a line break); characters that render as nothing (combining grapheme
// joiner, Hangul fillers, variation selectors); and unpaired surrogates (sent as U+FFFD).
const HIDDEN =
  /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\p{Cf}\u2028\u2029\u034F\u115F\u1160\u3164\uFFA0\uFE00-\uFE0F\u{E0100}-\u{E01EF}\p{Cs}]/gu;

/** Every hidden character of `text`, in order; at most `limit`. Linear in the text's length. */
export function findHiddenCharacters(text: string, limit = Number.POSITIVE_INFINITY): HiddenCharacter[] {
  const found: HiddenCharacter[] = [];
  if (limit <= 0) return found;
  HIDDEN.lastIndex = 0;
  let line = 0;
  let lineStart = 0;
  let scanned = 0;
  for (let match = HIDDEN.exec(text); match !== null; match = HIDDEN.exec(text)) {
    for (let at = text.indexOf('\n', scanned); at >= 0 && at < match.index; at = text.indexOf('\n', at + 1)) {
      line++;
      lineStart = at + 1;
    }
    scanned = match.index;
    found.push({ codePoint: match[0].codePointAt(0) ?? 0, offset: match.index, line, column: match.index - lineStart, length: match[0].length });
    if (found.length >= limit) break;
  }
  HIDDEN.lastIndex = 0;
  return found;
}

/** The first hidden character of `text`, if any. */
export function findHiddenCharacter(text: string): HiddenCharacter | undefined {
  return findHiddenCharacters(text, 1)[0];
}

const CONTROL_NAMES: Readonly<Record<number, string>> = {
  0x00: 'NUL',
  0x08: 'Ctrl-H, backspace',
  0x0b: 'Ctrl-K, vertical tab',
  0x0c: 'Ctrl-L, form feed',
  0x0d: 'carriage return',
  0x1b: 'Escape',
  0x1c: 'Ctrl-\\',
  0x1d: 'Ctrl-]',
  0x1e: 'Ctrl-^',
  0x1f: 'Ctrl-_',
  0x7f: 'DEL',
  0x85: 'next line, a C1 control',
  0x9b: 'CSI, a C1 control',
  0x00ad: 'soft hyphen',
  0x061c: 'Arabic letter mark, a bidi mark',
  0x180e: 'Mongolian vowel separator',
  0x200b: 'zero-width space',
  0x200c: 'zero-width non-joiner',
  0x200d: 'zero-width joiner',
  0x200e: 'left-to-right mark',
  0x200f: 'right-to-left mark',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
  0x202a: 'left-to-right embedding',
  0x202b: 'right-to-left embedding',
  0x202c: 'pop directional formatting',
  0x202d: 'left-to-right override',
  0x202e: 'right-to-left override',
  0x2060: 'word joiner',
  0x2066: 'left-to-right isolate',
  0x2067: 'right-to-left isolate',
  0x2068: 'first strong isolate',
  0x2069: 'pop directional isolate',
  0xfeff: 'zero-width no-break space',
};

/** `U+0015 (Ctrl-U)`, `U+202E (right-to-left override)`: how a sentence names the character. */
export function nameHiddenCharacter(codePoint: number): string {
  const hex = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
  return `${hex} (${describeCodePoint(codePoint)})`;
}

function describeCodePoint(codePoint: number): string {
  const named = CONTROL_NAMES[codePoint];
  if (named !== undefined) return named;
  if (codePoint >= 0x01 && codePoint <= 0x1a) return `Ctrl-${String.fromCharCode(0x40 + codePoint)}`;
  if (codePoint >= 0x80 && codePoint <= 0x9f) return 'a C1 control';
  if (codePoint >= 0xd800 && codePoint <= 0xdfff) return 'half of a broken character pair';
  if ((codePoint >= 0xfe00 && codePoint <= 0xfe0f) || (codePoint >= 0xe0100 && codePoint <= 0xe01ef)) return 'variation selector';
  if (codePoint >= 0xe0000 && codePoint <= 0xe007f) return 'invisible tag character';
  return 'an invisible character';
}

const WHY = 'an invisible character the terminal or editor acts on instead of showing, so what runs could differ from what you read';

/**
 * The sentence for a hidden character written in a runbook step (`fileLine` 0-based, as the
 * model counts). It starts in lower case: callers put `Not run: ` or `Not copied: ` before it.
 */
export function describeHiddenCharacterInStep(found: Pick<HiddenCharacter, 'codePoint'>, fileLine: number | undefined): string {
  const where = fileLine === undefined ? 'this step' : `line ${fileLine + 1} of this step`;
  return `${where} holds ${nameHiddenCharacter(found.codePoint)}, ${WHY}: remove it from the runbook.`;
}

/** The sentence for a hidden character in a value given for a placeholder. */
export function describeHiddenCharacterInValue(found: Pick<HiddenCharacter, 'codePoint'>, placeholder: string): string {
  return `the value for ${placeholder} holds ${nameHiddenCharacter(found.codePoint)}, ${WHY}: give the value again without it.`;
}

/** The diagnostic message for a hidden character in a fenced block. */
export function describeHiddenCharacterDiagnostic(codePoint: number): string {
  return `${nameHiddenCharacter(codePoint)} is ${WHY}. This step will not run or copy until it is removed.`;
}

export interface HiddenCharacterCheck {
  /** The final text that would be sent: every value filled, interpreter wrapper included. */
  readonly command: string;
  /** The step as written in the file, and the file line of its first content line, to name the line. */
  readonly content?: string;
  readonly firstContentLine?: number;
  /** The values filled in, by placeholder name, to name the one that brought the character. */
  readonly values?: Readonly<Record<string, string>>;
  /** How each placeholder is written in the step (`$POD`, `<pod-name>`), by name. */
  readonly placeholderTexts?: Readonly<Record<string, string>>;
}

/**
 * Why `command` must not be sent, or undefined when it holds no hidden character. The
 * decision is taken on the final text alone; the step and the values only help name where
 * the character came from.
 */
export function refuseHiddenCharacters(check: HiddenCharacterCheck): string | undefined {
  const found = findHiddenCharacter(check.command);
  if (found === undefined) return undefined;
  if (check.content !== undefined) {
    const written = findHiddenCharacter(check.content);
    if (written !== undefined) {
      return describeHiddenCharacterInStep(written, check.firstContentLine === undefined ? undefined : check.firstContentLine + written.line);
    }
  }
  for (const [name, value] of Object.entries(check.values ?? {})) {
    const inValue = findHiddenCharacter(value);
    if (inValue !== undefined) return describeHiddenCharacterInValue(inValue, check.placeholderTexts?.[name] ?? `<${name}>`);
  }
  return describeHiddenCharacterInStep(found, undefined);
}
