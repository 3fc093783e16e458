import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import type { StepOutputRef } from '../../../src/core/execution/executionJournal';
import { computeMetrics } from '../../../src/core/postmortem/metrics';
import { renderPostMortem } from '../../../src/core/postmortem/renderPostMortem';
import type { TimelineEvent } from '../../../src/core/postmortem/sessionModel';
import { EXCERPT_LINES, excerptStoredOutput, renderOutputDetails, renderOutputPlain, unavailableOutput, type StepOutputExcerpt } from '../../../src/core/postmortem/stepOutputExcerpt';
import { BUILT_IN_TEMPLATES } from '../../../src/core/postmortem/templates';
import { assembleTimeline } from '../../../src/core/postmortem/timeline';
import hostile from './data/hostileStepOutput.json';
import { events, record } from './sessionFixtures';

const ref = (overrides: Partial<StepOutputRef> = {}): StepOutputRef => ({ file: 'run-1.txt', printedBytes: 2000, omittedBytes: 0, ...overrides });
const bytesOf = (text: string): Uint8Array => new TextEncoder().encode(text);
const numbered = (count: number): string => Array.from({ length: count }, (_, i) => `line ${i + 1}`).join('\n');

function linesOf(excerpt: StepOutputExcerpt): readonly string[] {
  assert.equal(excerpt.kind, 'lines');
  return excerpt.kind === 'lines' ? excerpt.lines : [];
}

describe('excerptStoredOutput', () => {
  it('keeps the last 20 lines and counts all of them', () => {
    const excerpt = excerptStoredOutput(bytesOf(`${numbered(143)}\n`), ref());
    assert.deepEqual(linesOf(excerpt), Array.from({ length: EXCERPT_LINES }, (_, i) => `line ${124 + i}`));
    assert.equal(excerpt.kind === 'lines' && excerpt.totalLines, 143);
  });

  it('keeps the capture’s marker line when it is among the last lines', () => {
    const text = `head\n… 1048576 bytes left out …\n${numbered(5)}`;
    assert.deepEqual(linesOf(excerptStoredOutput(bytesOf(text), ref({ omittedBytes: 1_048_576 }))), ['head', '… 1048576 bytes left out …', 'line 1', 'line 2', 'line 3', 'line 4', 'line 5']);
  });

  it('says the output is not available when the file is not UTF-8, never shows it garbled', () => {
    const excerpt = excerptStoredOutput(new Uint8Array([0x6f, 0x6b, 0x0a, 0xff, 0xfe, 0x00, 0xc3]), ref());
    assert.deepEqual(excerpt, unavailableOutput('the stored file is not valid UTF-8'));
    assert.equal(renderOutputDetails(excerpt)[0], '_Output not available: the stored file is not valid UTF-8._');
  });

  it('masks secrets the capture missed, drops control characters and Windows line ends', () => {
    const lines = linesOf(excerptStoredOutput(bytesOf('PGPASSWORD=hunter2pw psql\r\n\u001b[1;32mok\u001b[0m\u0000\r\n'), ref()));
    assert.deepEqual(lines, ['PGPASSWORD=*** psql', 'ok']);
  });

  it('cuts a very long line and says how much of it was cut', () => {
    const [line] = linesOf(excerptStoredOutput(bytesOf('x'.repeat(5000)), ref()));
    assert.ok(line.startsWith('x'.repeat(500)) && line.endsWith('… (4500 more characters)'), line);
  });

  it('says a step printed nothing', () => {
    assert.deepEqual(renderOutputDetails(excerptStoredOutput(bytesOf('\n\n'), ref({ printedBytes: 2 }))), ['_The step printed nothing._']);
    assert.equal(renderOutputPlain(excerptStoredOutput(bytesOf(''), ref({ printedBytes: 0 }))), '(printed nothing)');
  });
});

describe('renderOutputDetails with hostile output', () => {
  const excerpt = excerptStoredOutput(bytesOf(hostile.lines.join('\n')), ref({ printedBytes: 3_000_000, omittedBytes: 2_800_000, overBudget: true }), 100);
  const markdown = ['1. 14:10 UTC step', '', '   ```sh', '   kubectl rollout restart deploy/web', '   ```', '', ...renderOutputDetails(excerpt, '   '), '', 'After the steps.'].join('\n');
  const html = new MarkdownIt({ html: true }).render(markdown);

  it('keeps every line inside one code block inside one <details>', () => {
    assert.equal(html.split('<details>').length - 1, 1, html);
    assert.equal(html.split('</details>').length - 1, 1, html);
    assert.ok(html.indexOf('<details>') < html.indexOf('<code class="language-text">'));
    assert.ok(html.lastIndexOf('</code>') < html.lastIndexOf('</details>'));
    assert.ok(html.trimEnd().endsWith('<p>After the steps.</p>'), 'the text after the block is outside it');
  });

  it('lets no HTML of the output through: it is escaped text inside the code block', () => {
    assert.ok(!html.includes('<script>') && !html.includes('<img') && !html.includes('<details open>'), html);
    assert.ok(html.includes('&lt;/details&gt;') && html.includes('&lt;script&gt;'), html);
  });

  it('masks every secret and keeps the rest readable', () => {
    for (const secret of hostile.secrets) assert.ok(!markdown.includes(secret), secret);
    for (const text of hostile.visible) assert.ok(markdown.includes(text), text);
  });

  it('says how much was left out and that the budget ran out', () => {
    assert.match(markdown, /<summary>Output \(21 lines · 2\.7 MB of 2\.9 MB left out in the middle · capture stopped early: the incident's output budget ran out\)<\/summary>/);
  });
});

describe('renderPostMortem: step outputs', () => {
  const runs: TimelineEvent[] = events.map((event) =>
    event.type === 'step-run' && event.runId === 'run-1' ? { ...event, output: ref() } : event.type === 'step-run' ? { ...event, output: ref({ file: 'run-2.txt' }) } : event,
  );
  const outputs = new Map<string, StepOutputExcerpt>([
    ['run-1', excerptStoredOutput(bytesOf(numbered(30)), ref())],
    ['run-2', unavailableOutput('the stored file is missing')],
  ]);
  const text = renderPostMortem(BUILT_IN_TEMPLATES['google-sre'].text, {
    record,
    rows: assembleTimeline(runs),
    events: runs,
    metrics: computeMetrics(record, runs),
    now: '2026-11-24T16:00:00Z',
    responders: [],
    draft: false,
    outputs,
  });

  it('lists each step with the last 20 lines of its output in <details>', () => {
    assert.match(text, /<details><summary>Output \(last 20 of 30 lines\)<\/summary>\n\n {3}```text\n {3}line 11\n[\s\S]* {3}line 30\n {3}```\n\n {3}<\/details>/);
  });

  it('says plainly when a step’s output cannot be read', () => {
    assert.match(text, /_Output not available: the stored file is missing\._/);
  });

  it('shows nothing more for a step whose output was not captured', () => {
    const plain = renderPostMortem(BUILT_IN_TEMPLATES['google-sre'].text, { record, rows: assembleTimeline(events), events, metrics: computeMetrics(record, events), now: '2026-11-24T16:00:00Z', responders: [], draft: false, outputs });
    assert.ok(!plain.includes('<details>') && !plain.includes('Output not available'));
  });
});
