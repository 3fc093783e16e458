import assert from 'node:assert/strict';
import type { Runbook } from '../../../src/core/runbooks/model';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';
import { assertLinearGrowth } from '../../support/growth';

// Random and mangled markdown, from a fixed seed so any failure reproduces: the parser must
// never throw, and every position it reports must lie inside the document.

/** mulberry32: small, fast, good enough to shuffle test input. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const between = (random: Random, low: number, high: number): number => low + Math.floor(random() * (high - low + 1));

const WORDS = ['kubectl', 'get', 'pods', '-n', '<namespace>', '$NAMESPACE', '${POD}', '[Service Name]', 'P[SEVERITY]', 'YYYY-MM-DD', 'HH:MM', '`AppDown`', 'alert:', '**bold**', '_x_', '[link](http://x)', '<<EOF', 'EOF', '\\', '"', "'", '$(date -u)', '|', '{', '}', '#', '- [ ]', '[x]', 'P0', 'SEV1', '5 minutes', 'Immediate', 'password: hunter22', 'AKIAABCDEFGHIJKLMNOP', 'postgres://a:b@c', 'é', '日本', '🔥', '\u200b', '\u0000', '\t', '&amp;', '<br>'];
const INFOS = ['', 'bash', 'sh', 'console', 'shell-session', 'sql', 'python', 'promql', 'yaml', 'markdown', 'text', 'json', 'go', 'BASH', 'bash {"name":"x"}', 'sh { name=a confirm=true }', 'bash {"broken":', 'sh {=}', '{.python}', 'x`y'];

function randomWords(random: Random, count: number): string {
  const words: string[] = [];
  for (let i = 0; i < count; i++) words.push(pick(random, WORDS));
  return words.join(pick(random, [' ', ' ', '', '\t']));
}

function randomJunk(random: Random, length: number): string {
  let junk = '';
  for (let i = 0; i < length; i++) {
    const roll = random();
    if (roll < 0.5) junk += String.fromCharCode(between(random, 0, 255));
    else if (roll < 0.8) junk += pick(random, ['`', '~', '>', '-', '*', '#', '\n', '\r', '\r\n', ' ', '|', '[', ']', '<', '$', '{', '}']);
    else junk += String.fromCodePoint(between(random, 0x80, 0x10ffff) & 0xffff || 0x20);
  }
  return junk;
}

function randomBlock(random: Random, depth: number): string[] {
  const indent = ' '.repeat(pick(random, [0, 0, 0, 1, 2, 3, 4, 5]));
  switch (between(random, 0, 11)) {
    case 0:
      return [`${'#'.repeat(between(random, 1, 7))} ${randomWords(random, between(random, 0, 6))}`];
    case 1:
      return [randomWords(random, between(random, 1, 5)), pick(random, ['===', '---', '- - -'])];
    case 2: {
      const marker = pick(random, ['```', '~~~', '````', '``', '~~~~~']);
      const lines = [`${indent}${marker}${pick(random, INFOS)}`];
      for (let i = between(random, 0, 6); i > 0; i--) lines.push(`${indent}${randomWords(random, between(random, 0, 8))}`);
      if (random() < 0.8) lines.push(`${indent}${random() < 0.9 ? marker : pick(random, ['```', '~~~', '``'])}`);
      return lines;
    }
    case 3: {
      if (depth > 6) return [randomWords(random, 3)];
      const bullet = pick(random, ['-', '*', '+', '1.', '2)', '- [ ]', '- [x]']);
      return randomBlock(random, depth + 1).map((line, i) => (i === 0 ? `${indent}${bullet} ${line}` : `${indent}${' '.repeat(bullet.length + 1)}${line}`));
    }
    case 4:
      if (depth > 6) return ['> deep'];
      return randomBlock(random, depth + 1).map((line) => `${pick(random, ['>', '> ', '>>'])}${line}`);
    case 5:
      return ['| Severity | Description | Response Time |', '|---|---|---|', `| ${pick(random, ['P0', 'SEV1', 'Critical', 'High'])} | ${randomWords(random, 2)} | ${pick(random, ['5 minutes', '1 hour', 'Immediate', '', 'x'])} |`];
    case 6:
      return ['---', pick(random, ['title: x', 'alerts: [A, B', 'alerts: AppDown', ': :', '- a', '&a [*a, *a]']), pick(random, ['---', '...', ''])];
    case 7:
      return [randomJunk(random, between(random, 1, 80))];
    case 8:
      return [`${'  '.repeat(between(random, 0, 40))}- ${'> '.repeat(between(random, 0, 30))}${randomWords(random, 3)}`];
    case 9:
      return ['<details>', randomWords(random, 3), '```bash', 'ls', '```', '</details>'];
    case 10:
      return [`    ${randomWords(random, 4)}`];
    default:
      return [randomWords(random, between(random, 1, 12))];
  }
}

function randomDocument(random: Random): string {
  const lines: string[] = [];
  for (let i = between(random, 0, 30); i > 0; i--) lines.push(...randomBlock(random, 0));
  const newline = pick(random, ['\n', '\n', '\r\n', '\r']);
  let text = lines.join(newline);
  if (random() < 0.1) text = '\uFEFF' + text;
  if (random() < 0.2) {
    // Mangle: cut at a random point, or splice junk in the middle.
    const at = between(random, 0, text.length);
    text = random() < 0.5 ? text.slice(0, at) : text.slice(0, at) + randomJunk(random, 20) + text.slice(at);
  }
  return text;
}

function largeDocument(random: Random, targetBytes: number): string {
  const parts: string[] = [];
  let size = 0;
  while (size < targetBytes) {
    const part = randomDocument(random);
    parts.push(part);
    size += part.length + 2;
  }
  return parts.join('\n\n');
}

function assertInside(runbook: Runbook, text: string): void {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const expectedLines = body.split(/\r\n?|\n/).length;
  assert.equal(runbook.lineCount, expectedLines);
  const last = runbook.lineCount - 1;
  runbook.steps.forEach((step, index) => {
    assert.equal(step.index, index);
    assert.equal(step.id, `step-${index}`);
    assert.ok(step.range.startLine >= 0 && step.range.startLine <= step.range.endLine && step.range.endLine <= last);
    assert.equal(step.contentRange.startLine, step.range.startLine + 1);
    assert.ok(step.contentRange.endLine <= step.range.endLine && step.contentRange.endLine >= step.range.startLine);
    const contentLines = step.contentRange.endLine - step.contentRange.startLine + 1;
    if (contentLines === 0) assert.equal(step.content, '');
    else assert.equal(step.content.split('\n').length, contentLines);
    for (const placeholder of step.placeholders) {
      assert.ok(placeholder.line >= step.contentRange.startLine && placeholder.line <= step.contentRange.endLine);
      assert.ok(placeholder.column >= 0 && placeholder.offset >= 0 && placeholder.offset < step.content.length);
    }
    if (step.sectionId !== undefined) assert.ok(runbook.sections.some((s) => s.id === step.sectionId));
  });
  for (const section of runbook.sections) {
    assert.ok(section.line >= 0 && section.line <= section.endLine && section.endLine <= last);
    assert.ok(section.level >= 1 && section.level <= 6);
  }
  for (const diagnostic of runbook.diagnostics) {
    assert.ok(diagnostic.line >= 0 && diagnostic.line <= diagnostic.endLine && diagnostic.endLine <= last);
    assert.ok(diagnostic.column >= 0 && diagnostic.endColumn >= 0);
  }
  for (const item of [...runbook.alerts, ...runbook.checklist, ...runbook.severities]) assert.ok(item.line >= 0 && item.line <= last);
}

/** Pathological shapes, each a function of a repeat count, with the count of its full size (a few MB at most). */
const PATHOLOGICAL_SHAPES: readonly (readonly [string, (count: number) => string, number])[] = [
  ['one huge line', (count) => 'x'.repeat(count), 2_000_000],
  ['thousands of unclosed fences', (count) => '```\n'.repeat(count), 50_000],
  ['deeply nested quotes around a fence', (count) => `${'> '.repeat(count)}\`\`\`bash\nls\n`, 5_000],
  ['deeply nested list items', (count) => `${'- '.repeat(count)}text\n`.repeat(20), 3_000],
  ['a line naming one alert many times', (count) => `alert: ${'`AppDown` '.repeat(count)}`, 100_000],
  ['unclosed HTML tags', (count) => '<a '.repeat(count), 200_000],
  ['a command of many placeholders', (count) => `\`\`\`bash\n${'$X '.repeat(count)}\n\`\`\``, 300_000],
  ['a long command of repeated words', (count) => `\`\`\`bash\n${'mysql read '.repeat(count)}\n\`\`\``, 100_000],
  ['a console line of many here-documents', (count) => `\`\`\`console\n$ cat ${'<< '.repeat(count)}\n\`\`\``, 200_000],
  ['severity levels with huge response times', (count) => `- P0 ${'1'.repeat(count)}\n\n| P0 | ${'2'.repeat(count / 2)} |\n|---|---|\n| P1 | 5 min |`, 1_000_000],
];

describe('parseRunbook on random and mangled markdown', function () {
  this.timeout(60_000);

  it('never throws and keeps every position inside 5,000 documents', () => {
    const random = createRandom(0x5eed);
    for (let i = 0; i < 5000; i++) {
      const text = randomDocument(random);
      let runbook: Runbook;
      try {
        runbook = parseRunbook(text, { fileName: i % 7 === 0 ? 'alerts/KubePodCrashLooping.md' : undefined });
      } catch (error) {
        assert.fail(`document ${i} threw ${String(error)}: ${JSON.stringify(text.slice(0, 500))}`);
      }
      try {
        assertInside(runbook, text);
      } catch (error) {
        assert.fail(`document ${i}: ${error instanceof Error ? error.message : String(error)}\n${JSON.stringify(text.slice(0, 2000))}`);
      }
    }
  });

  it('parses the same text to the same runbook', () => {
    const random = createRandom(42);
    for (let i = 0; i < 200; i++) {
      const text = randomDocument(random);
      assert.deepEqual(parseRunbook(text), parseRunbook(text));
    }
  });

  it('handles a few documents of 1-5 MB', () => {
    const random = createRandom(7);
    for (const megabytes of [1, 2, 5]) {
      const text = largeDocument(random, megabytes * 1024 * 1024);
      const runbook = parseRunbook(text);
      assertInside(runbook, text);
      assert.ok(runbook.steps.length > 100);
    }
    for (const [, shape, size] of PATHOLOGICAL_SHAPES) {
      const text = shape(size);
      assertInside(parseRunbook(text), text);
    }
  });

  // Linear work on a few MB takes well under a second, quadratic work takes minutes: 10 parses of
  // a twentieth of the full shape against one of half of it, side by side, tell them apart on a
  // loaded machine too. `npm run bench` times parsing of real runbooks (runbooks.bench.ts).
  for (const [name, shape, size] of PATHOLOGICAL_SHAPES) {
    it(`parses ${name} in time linear in its size`, () => {
      assertLinearGrowth(`parsing ${name}`, shape, (text) => assertInside(parseRunbook(text), text), { size: size / 20, rounds: 3 });
    });
  }
});
