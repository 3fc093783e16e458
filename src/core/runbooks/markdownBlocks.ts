import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { readFence } from './fencedBlocks';

// One parser for the whole process: building a MarkdownIt instance compiles its rule chains,
// which would cost more than parsing a typical runbook.
//
// Only the block level runs on whole documents. Inline parsing (emphasis, links, entities)
// is most of markdown-it's cost and the runbook model needs it only for heading and
// checklist text, which `readInlineText` parses on demand. Text is normalised by the caller
// (line ends only), so the `normalize` core rule is off too.
//
// `html: true` because VS Code's preview and GitHub both enable HTML blocks, and an HTML
// block can swallow what would otherwise be a fence: steps must match what the reader sees.
const markdown = new MarkdownIt('default', { html: true });
markdown.core.ruler.disable(['normalize', 'inline', 'linkify', 'replacements', 'smartquotes', 'text_join']);
markdown.block.ruler.at('fence', readFence, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });

/** Block tokens of `\n`-only text; `inline` tokens keep their raw `content` and no children. */
export function parseMarkdownBlocks(text: string): Token[] {
  return markdown.parse(text, {});
}

// Characters that can start inline markup; text without any of them is already plain.
const INLINE_MARKUP = /[*_`[\]<>&\\!~]/;

export interface InlineText {
  /** As the reader sees it: markup removed, code spans kept, line breaks as single spaces. */
  readonly text: string;
  /** Contents of the backtick code spans, in order. */
  readonly codeSpans: readonly string[];
}

/** Parses inline markdown (a heading, a checklist item) into its plain text and code spans. */
export function readInlineText(source: string): InlineText {
  if (!INLINE_MARKUP.test(source)) return { text: collapseSpaces(source), codeSpans: [] };
  const tokens: Token[] = [];
  markdown.inline.parse(source, markdown, {}, tokens);
  let text = '';
  const codeSpans: string[] = [];
  for (const token of tokens) {
    if (token.type === 'code_inline') codeSpans.push(token.content);
    text += readTokenText(token);
  }
  return { text: collapseSpaces(text), codeSpans };
}

function readTokenText(token: Token): string {
  switch (token.type) {
    case 'text':
    case 'text_special':
    case 'code_inline':
      return token.content;
    case 'softbreak':
    case 'hardbreak':
      return ' ';
    case 'image': {
      let alt = '';
      for (const child of token.children ?? []) alt += readTokenText(child);
      return alt;
    }
    default:
      return '';
  }
}

function collapseSpaces(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
