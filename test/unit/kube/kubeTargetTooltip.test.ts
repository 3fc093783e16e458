import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { renderKubeTargetTooltip } from '../../../src/core/kube/kubeTargetTooltip';
import { HOSTILE_KUBE_NAMES } from './hostileKubeNames';

const COMMANDS = { switchContext: 'oncall.kube.switchContext', switchNamespace: 'oncall.kube.switchNamespace' };
const markdown = new MarkdownIt('default', { html: true, linkify: true });

function inlineTokens(source: string): Token[] {
  return markdown.parse(source, {}).flatMap((token) => [token, ...(token.children ?? [])]);
}

/** Shows invisible characters the way the tooltip does. */
const visible = (text: string) => text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);

describe('kube status bar hover', () => {
  for (const { why, name } of HOSTILE_KUBE_NAMES) {
    for (const field of ['context', 'cluster', 'user', 'namespace', 'server'] as const) {
      it(`shows a ${field} name as text: ${why}`, () => {
        const target = { context: 'ctx', namespace: 'ns', cluster: 'cl', server: 'https://k.example', user: 'me', source: '/home/me/.kube/config', protected: false, [field]: name };
        const tokens = inlineTokens(renderKubeTargetTooltip(target, COMMANDS));
        const links = tokens.filter((token) => token.type === 'link_open').map((token) => token.attrGet('href'));
        assert.deepEqual(links, [`command:${COMMANDS.switchContext}`, `command:${COMMANDS.switchNamespace}`], 'only the two switch links');
        assert.deepEqual(tokens.filter((token) => ['image', 'html_inline', 'html_block', 'heading_open'].includes(token.type)).map((token) => token.type), []);
        assert.equal(markdown.parse(renderKubeTargetTooltip(target, COMMANDS), {}).filter((token) => token.type === 'paragraph_open').length, 3, 'no block added or removed');
        const codeSpans = tokens.filter((token) => token.type === 'code_inline').map((token) => token.content);
        assert.ok(codeSpans.includes(visible(name)), `${JSON.stringify(name)} shown exactly: ${JSON.stringify(codeSpans)}`);
        assert.doesNotMatch(codeSpans.join(''), /[\u0000-\u001f\u202e\u200b]/u, 'nothing invisible');
      });
    }
  }
});
