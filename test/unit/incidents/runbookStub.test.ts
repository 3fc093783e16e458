import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import type { Incident } from '../../../src/core/incidents/incidentModel';
import { renderRunbookStub, runbookStubPath } from '../../../src/core/incidents/runbookStub';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';
import { HOSTILE_ALERT_NAMES, HOSTILE_DESCRIPTIONS } from './hostileAlertText';

const STUB_SECTIONS = ['When this fires', 'Triage checklist', 'Diagnose', 'Mitigate', 'Escalate'];

function alert(overrides: Partial<Incident>): Incident {
  return {
    id: 'incident/alertmanager/main/a',
    source: 'alertmanager',
    sourceName: 'main',
    sourceId: 'a',
    title: 'Checkout is slow',
    severity: 'P1',
    group: 'shop',
    labels: { alertname: 'CheckoutLatencyHigh' },
    annotations: {},
    startedAt: '2026-11-24T10:18:00.000Z',
    status: 'firing',
    alertName: 'CheckoutLatencyHigh',
    ...overrides,
  };
}

/** What a reader sees of the "When this fires" section: only paragraphs of plain text allowed. */
function whenThisFires(stub: string): { blockTypes: string[]; inlineTypes: string[]; text: string } {
  const markdown = new MarkdownIt('default', { html: true });
  const tokens = markdown.parse(stub, {});
  const start = tokens.findIndex((token, i) => token.type === 'inline' && token.content === 'When this fires' && tokens[i - 1]?.type === 'heading_open');
  const end = tokens.findIndex((token, i) => i > start && token.type === 'heading_open');
  const section = tokens.slice(start + 2, end);
  const inline = section.flatMap((token) => token.children ?? []);
  return {
    blockTypes: [...new Set(section.map((token) => token.type))],
    inlineTypes: [...new Set(inline.map((token) => token.type))],
    text: section
      .map((token) => (token.type === 'paragraph_close' ? '\n' : (token.children ?? []).map((child) => (child.type === 'softbreak' ? '\n' : child.content)).join('')))
      .join(''),
  };
}

const normalise = (text: string) => text.replace(/[\s\u0000-\u001f\u007f-\u009f\u2028\u2029]+/gu, ' ').trim();

describe('runbook stub for an alert', () => {
  for (const { why, description } of HOSTILE_DESCRIPTIONS) {
    it(`keeps alert text inert: ${why}`, () => {
      const stub = renderRunbookStub(alert({ annotations: { description } }));
      const runbook = parseRunbook(stub);
      assert.deepEqual(
        runbook.steps.map((step) => step.commands),
        ['kubectl get pods -n <namespace>'],
        'the only step is the stub’s own',
      );
      assert.deepEqual(
        runbook.sections.map((section) => section.title),
        ['CheckoutLatencyHigh', ...STUB_SECTIONS],
      );
      assert.deepEqual(runbook.frontMatter?.alerts, ['CheckoutLatencyHigh']);
      const seen = whenThisFires(stub);
      assert.deepEqual(seen.blockTypes.filter((type) => !['paragraph_open', 'paragraph_close', 'inline'].includes(type)), [], 'only paragraphs');
      assert.deepEqual(seen.inlineTypes.filter((type) => !['text', 'softbreak', 'text_special'].includes(type)), [], 'only plain text');
      assert.equal(normalise(seen.text), normalise(description), 'the reader sees the alert text as written');
    });
  }

  for (const { why, alertName, path } of HOSTILE_ALERT_NAMES) {
    it(`${path ? 'names the file after' : 'refuses'} the alert name: ${why}`, () => {
      const target = runbookStubPath(alert({ alertName, title: alertName }));
      if (path) assert.deepEqual(target, { path });
      else {
        assert.ok('problem' in target, `no file may be named after ${JSON.stringify(alertName)}: got ${JSON.stringify(target)}`);
        assert.match(target.problem, /line breaks or path characters/);
      }
    });
  }

  it('writes a name with line breaks as one heading and one front-matter entry', () => {
    const stub = renderRunbookStub(alert({ alertName: undefined, title: 'Checkout down\n# Mitigate\n```bash\nrm -rf /\n```' }));
    const runbook = parseRunbook(stub);
    assert.equal(runbook.steps.length, 1);
    assert.deepEqual(runbook.sections.map((section) => section.title), ['Checkout down # Mitigate ```bash rm -rf / ```', ...STUB_SECTIONS]);
    assert.deepEqual(runbook.frontMatter?.alerts, ['Checkout down # Mitigate ```bash rm -rf / ```']);
  });
});
