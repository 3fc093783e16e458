import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';
import { labelStep } from '../../../src/core/runbooks/runbookOutline';
import { findRowPath, shapeRunbook, titleRow, type RunbookShape, type ShapedSection } from '../../../src/core/runbooks/runbookShape';
import type { Runbook } from '../../../src/core/runbooks/model';

const fixtures = path.join(__dirname, '../../../../../test/fixtures/runbooks');

function fixture(name: string): Runbook {
  return parseRunbook(readFileSync(path.join(fixtures, name), 'utf8'), { fileName: path.basename(name) });
}

/** The tree as the view draws it: rows with their step counts, steps as `• label`, indented by depth. */
function draw(shape: RunbookShape | undefined): string[] {
  if (!shape) return ['(hidden)'];
  const lines = shape.looseSteps.map((step) => `• ${labelStep(step, 200)}`);
  const walk = (row: ShapedSection, depth: number): void => {
    const indent = '  '.repeat(depth);
    lines.push(`${indent}${titleRow(row)} (${row.stepCount})${row.matched ? ' *' : ''}`);
    for (const step of row.steps) lines.push(`${indent}  • ${labelStep(step, 200)}`);
    for (const child of row.children) walk(child, depth + 1);
  };
  for (const row of shape.sections) walk(row, 0);
  return lines;
}

/** Labels of rows only, in order, at every depth. */
function rowLabels(shape: RunbookShape | undefined): string[] {
  return draw(shape).filter((line) => !line.trim().startsWith('•')).map((line) => line.trim());
}

describe('shapeRunbook', () => {
  describe('nests sections by heading level', () => {
    it('keeps each scenario of a runbook written as ## scenarios with ### Investigation and Resolution', () => {
      const shape = shapeRunbook(fixture('same-title/payments.md'));
      assert.deepEqual(draw(shape), [
        'Scenario 1: Database connection pool exhausted (3)',
        '  Investigation Steps (2)',
        '    • kubectl logs -n payments deploy/payments-api --since=15m | grep -i "pool"',
        '    • psql -h payments-db -c "select count(*) from pg_stat_activity"',
        '  Resolution Steps (1)',
        '    • kubectl rollout restart deploy/payments-api -n payments',
        'Scenario 2: API latency high (2)',
        '  Investigation Steps (1)',
        '    • kubectl top pods -n payments',
        '  Resolution Steps (1)',
        '    • kubectl scale deploy/payments-api -n payments --replicas=6',
        'Scenario 3: Queue backlog (2)',
        '  Investigation Steps (1)',
        '    • kubectl exec -n payments deploy/payments-worker -- rabbitmqctl list_queues',
        '  Resolution Steps (1)',
        '    • kubectl scale deploy/payments-worker -n payments --replicas=8',
        // The resolution is prose only: the scenario is one row, named by both headings.
        'Scenario 4: Certificate expiring › Investigation Steps (1)',
        '  • kubectl get certificate -n payments',
      ]);
    });

    it('tells every row apart by the path of its headings', () => {
      for (const name of ['same-title/payments.md', 'same-title/checkout.md', 'scenarios-top-level.md', 'deep-nesting.md']) {
        const shape = shapeRunbook(fixture(name))!;
        const paths: string[] = [];
        const walk = (row: ShapedSection, above: string): void => {
          const label = `${above}/${titleRow(row)}`;
          paths.push(label);
          row.children.forEach((child) => walk(child, label));
        };
        shape.sections.forEach((row) => walk(row, ''));
        assert.equal(new Set(paths).size, paths.length, `${name}: ${paths.join(', ')}`);
      }
    });

    it('keeps each scenario of a runbook written as # scenarios with ## Investigation and Resolution', () => {
      assert.deepEqual(rowLabels(shapeRunbook(fixture('scenarios-top-level.md'))), [
        'Disk full on a node (2)',
        'Investigation (1)',
        'Resolution (1)',
        'Volume stuck attaching (2)',
        'Investigation (1)',
        'Resolution (1)',
      ]);
      assert.deepEqual(draw(shapeRunbook(fixture('scenarios-top-level.md'))).slice(0, 3), ['Disk full on a node (2)', '  Investigation (1)', '    • df -h']);
    });

    it('gives a title heading that holds every scenario no row, and keeps the scenarios', () => {
      assert.deepEqual(rowLabels(shapeRunbook(fixture('same-title/checkout.md'))), [
        'Checkout errors (2)',
        'Investigation (1)',
        'Resolution (1)',
        'Checkout slow (2)',
        'Investigation (1)',
        'Resolution (1)',
      ]);
    });

    it('keeps a runbook of one level flat, as it always was', () => {
      assert.deepEqual(draw(shapeRunbook(fixture('same-title/search.md'))), [
        'Check the cluster health (1)',
        '  • curl -s http://search:9200/_cluster/health',
        'Restart a stuck node (1)',
        '  • kubectl delete pod -n search search-data-0',
      ]);
    });

    it('keeps a row for the steps a title heading holds itself, beside its sections', () => {
      assert.deepEqual(draw(shapeRunbook(fixture('same-title/identity.md'))), [
        'Incident Response Runbook (1)',
        '  • kubectl get pods -n identity',
        'Login failures (1)',
        '  • kubectl logs -n identity deploy/auth --since=5m',
      ]);
    });

    it('nests deep headings and joins a heading that holds only one sub-heading into one row', () => {
      assert.deepEqual(draw(shapeRunbook(fixture('deep-nesting.md'))), [
        'Database › Primary › Failover (2)',
        '  • patronictl failover --force',
        '  Verify (1)',
        '    • patronictl list',
        'Cache › Redis › Flush (1)',
        '  • redis-cli FLUSHALL',
        'Network (2)',
        '  Ingress (1)',
        '    • kubectl get ingress -A',
        '  DNS (1)',
        '    • dig +short api.internal',
      ]);
    });

    it('leaves out headings with no step anywhere below them', () => {
      assert.deepEqual(draw(shapeRunbook(fixture('headings-without-steps.md'))), ['Troubleshooting › Logs (1)', '  • kubectl logs -n app deploy/app --since=30m']);
    });

    it('keeps steps written before the first heading at the top', () => {
      const runbook = parseRunbook('```bash\necho first\n```\n\n# Title\n\n## A\n\n```bash\necho a\n```\n');
      assert.deepEqual(draw(shapeRunbook(runbook)), ['• echo first', 'A (1)', '  • echo a']);
    });
  });

  describe('with a filter', () => {
    const payments = fixture('same-title/payments.md');

    it('reveals the scenario that names an alert, whole, and no other', () => {
      assert.deepEqual(rowLabels(shapeRunbook(payments, { filter: 'PaymentsApiLatencyHigh' })), ['Scenario 2: API latency high (2) *', 'Investigation Steps (1)', 'Resolution Steps (1)']);
    });

    it('reveals a section named by an alert in its heading', () => {
      const runbook = parseRunbook('# Web\n\n## `WebDown`\n\n### Investigation\n\n```bash\ncurl web\n```\n\n## Other\n\n```bash\necho x\n```\n');
      assert.deepEqual(rowLabels(shapeRunbook(runbook, { filter: 'webdown' })), ['WebDown › Investigation (1) *']);
    });

    it('narrows to matching steps, with the sections that hold them', () => {
      assert.deepEqual(draw(shapeRunbook(payments, { filter: 'rollout restart' })), [
        'Scenario 1: Database connection pool exhausted (1)',
        '  Resolution Steps (1)',
        '    • kubectl rollout restart deploy/payments-api -n payments',
      ]);
    });

    it('keeps a section whose heading matches, with all its steps', () => {
      assert.deepEqual(rowLabels(shapeRunbook(payments, { filter: 'queue backlog' })), ['Scenario 3: Queue backlog (2) *', 'Investigation Steps (1)', 'Resolution Steps (1)']);
      const investigations = rowLabels(shapeRunbook(payments, { filter: 'investigation' }));
      assert.equal(investigations.filter((label) => label === 'Investigation Steps (1) *' || label === 'Investigation Steps (2) *').length, 3);
      assert.ok(!investigations.some((label) => label.startsWith('Resolution')));
    });

    it('keeps the whole runbook when its title, path or service matches', () => {
      const whole = rowLabels(shapeRunbook(payments));
      assert.deepEqual(rowLabels(shapeRunbook(payments, { filter: 'incident response' })), whole);
      assert.deepEqual(rowLabels(shapeRunbook(payments, { filter: 'same-title/', path: 'runbooks/same-title/payments.md' })), whole);
      assert.deepEqual(rowLabels(shapeRunbook(payments, { filter: 'PAYMENTS' })), whole);
    });

    it('keeps the whole runbook for an alert only its front matter or file name names', () => {
      const checkout = parseRunbook('---\nalerts: [CheckoutDown]\n---\n# Checkout\n\n## A\n\n```bash\necho a\n```\n\n## B\n\n```bash\necho b\n```\n');
      assert.deepEqual(rowLabels(shapeRunbook(checkout, { filter: 'checkoutdown' })), ['A (1)', 'B (1)']);
    });

    it('keeps the whole runbook for a heading that stands for all of it', () => {
      const lone = parseRunbook('---\ntitle: Storage\n---\n## Disk full\n\n### Investigation\n\n```bash\ndf -h\n```\n\n### Resolution\n\n```bash\nrm -rf /tmp/cache\n```\n');
      assert.deepEqual(rowLabels(shapeRunbook(lone, { filter: 'disk full' })), ['Investigation (1)', 'Resolution (1)']);
    });

    it('hides a runbook where nothing matches', () => {
      assert.equal(shapeRunbook(payments, { filter: 'no-such-thing' }), undefined);
    });

    it('ignores case and the spaces around the filter text', () => {
      assert.deepEqual(rowLabels(shapeRunbook(payments, { filter: '  ROLLOUT RESTART ' })), ['Scenario 1: Database connection pool exhausted (1)', 'Resolution Steps (1)']);
    });
  });
});

describe('findRowPath', () => {
  it('returns the rows from the top down to the one that holds a step', () => {
    const shape = shapeRunbook(fixture('same-title/payments.md'))!;
    const target = fixture('same-title/payments.md').steps.find((step) => step.content.includes('replicas=6'))!;
    const found = findRowPath(shape.sections, (row) => row.steps.some((step) => step.id === target.id));
    assert.deepEqual(found?.map(titleRow), ['Scenario 2: API latency high', 'Resolution Steps']);
    assert.equal(findRowPath(shape.sections, () => false), undefined);
  });
});
