import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Incident } from '../../../src/core/incidents/incidentModel';
import { matchRunbook, rankRunbooks, type RunbookFile } from '../../../src/core/incidents/runbookMatching';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';

const repoRoot = path.join(__dirname, '../../../../..');
const fixtures = path.join(repoRoot, 'test/fixtures/runbooks/matching');

function filesUnder(folder: string): string[] {
  return readdirSync(folder).flatMap((name) => {
    const full = path.join(folder, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** The fixture runbooks as a team's workspace would hold them, under `runbooks/`. */
const teamRunbooks: RunbookFile[] = filesUnder(fixtures)
  .filter((full) => path.basename(full) !== 'README.md')
  .map((full) => {
  const relative = `runbooks/${path.relative(fixtures, full).split(path.sep).join('/')}`;
  return { uri: `file:///ws/${relative}`, path: relative, runbook: parseRunbook(readFileSync(full, 'utf8'), { fileName: path.basename(full) }) };
});

/** The bundled starter runbooks, as the index hands them over. */
const starters: RunbookFile[] = readdirSync(path.join(repoRoot, 'runbooks'))
  .filter((name) => name.endsWith('.md') && name !== 'README.md')
  .map((name) => ({
    uri: `file:///ext/runbooks/${name}`,
    path: `starter/${name}`,
    starter: true,
    runbook: parseRunbook(readFileSync(path.join(repoRoot, 'runbooks', name), 'utf8'), { fileName: name }),
  }));

function alert(alertname: string, labels: Record<string, string> = {}): Incident {
  return {
    id: `incident/alertmanager/am/${alertname}`,
    source: 'alertmanager',
    sourceName: 'am',
    sourceId: alertname,
    title: alertname,
    severity: 'P2',
    group: 'other',
    labels: { alertname, ...labels },
    annotations: {},
    startedAt: '',
    status: 'firing',
    alertName: alertname,
  };
}

const team = (relative: string): RunbookFile => {
  const found = teamRunbooks.find((file) => file.path === `runbooks/${relative}`);
  assert.ok(found, `no fixture ${relative}`);
  return found;
};
const uriOf = (relative: string) => team(relative).uri;

describe('rankRunbooks: the team runbook first, the choice explained', () => {
  it('prefers a team runbook naming the alert only in a heading to a starter listing it in front matter', () => {
    const match = matchRunbook(alert('KubePodCrashLooping'), [...starters, team('shop/web-crash-loop.md')]);
    assert.equal(match?.uri, uriOf('shop/web-crash-loop.md'));
    assert.equal(match?.reason, 'heading');
    assert.equal(match?.line, 6, 'at the heading naming the alert');
  });

  it('prefers a team runbook naming the alert only in an Alert line to a starter listing it in front matter', () => {
    const match = matchRunbook(alert('KubePodCrashLooping'), [...starters, team('payments/worker-crash-loop.md')]);
    assert.equal(match?.uri, uriOf('payments/worker-crash-loop.md'));
    assert.equal(match?.reason, 'symptom');
  });

  it('still opens the starter when no team runbook names the alert', () => {
    const match = matchRunbook(alert('KubePodCrashLooping'), [...starters, team('orders/high-latency.md')]);
    assert.equal(match?.uri, 'file:///ext/runbooks/pod-crash-looping.md');
    const ranked = rankRunbooks(alert('KubePodCrashLooping'), starters);
    assert.equal(ranked.tied, false, 'starters are never offered as a choice');
    assert.match(ranked.candidates[0].why, /^front matter lists KubePodCrashLooping · its name fits the alert · starter runbook$/);
  });

  it('finds an alert named by its runbook\'s folder and file name', () => {
    const ranked = rankRunbooks(alert('OrdersHighLatency', { service: 'orders', namespace: 'orders' }), [...starters, ...teamRunbooks]);
    assert.equal(ranked.candidates.length, 1);
    assert.equal(ranked.candidates[0].uri, uriOf('orders/high-latency.md'));
    assert.equal(ranked.candidates[0].reason, 'path');
    assert.equal(ranked.candidates[0].why, 'path spells OrdersHighLatency · path names service orders');
  });

  it('finds alerts named in a heading, as the title, and in a Symptoms list', () => {
    const heading = matchRunbook(alert('CheckoutErrorsHigh'), teamRunbooks);
    assert.deepEqual(heading, { uri: uriOf('checkout/checkout-runbook.md'), sectionId: 'section-1', line: 4, reason: 'heading' });
    const title = matchRunbook(alert('CheckoutDeclinesHigh'), teamRunbooks);
    assert.deepEqual(title, { uri: uriOf('checkout/declines.md'), sectionId: 'section-0', line: 0, reason: 'heading' });
    const symptom = matchRunbook(alert('PaymentsQueueBacklog'), teamRunbooks);
    assert.equal(symptom?.uri, uriOf('payments/queue-backlog.md'));
    assert.equal(symptom?.reason, 'symptom');
  });

  it('ranks a team\'s runbooks for one alert by the service, namespace and app they name', () => {
    const files = [...starters, ...teamRunbooks];
    const shop = rankRunbooks(alert('KubePodCrashLooping', { namespace: 'shop', container: 'web', job: 'kube-state-metrics' }), files);
    assert.equal(shop.tied, false);
    assert.deepEqual(
      shop.candidates.map((candidate) => candidate.path),
      [
        'runbooks/shop/web-crash-loop.md',
        'runbooks/platform/crash-loops.md',
        'runbooks/payments/worker-crash-loop.md',
        'starter/pod-crash-looping.md',
        'starter/oom-killed.md',
      ],
    );
    assert.equal(shop.candidates[0].why, 'a heading names KubePodCrashLooping · front matter names namespace shop · title names container web');
    const payments = rankRunbooks(alert('KubePodCrashLooping', { namespace: 'payments', container: 'worker' }), files);
    assert.equal(payments.candidates[0].path, 'runbooks/payments/worker-crash-loop.md');
    assert.equal(payments.candidates[0].why, 'an alert line names KubePodCrashLooping · front matter names namespace payments · path names container worker');
    // Nothing in the labels points anywhere: the runbook listing the alert in its front matter.
    assert.equal(rankRunbooks(alert('KubePodCrashLooping', { namespace: 'search' }), files).candidates[0].path, 'runbooks/platform/crash-loops.md');
  });

  it('calls two team runbooks nothing tells apart a tie, in the same order whatever order they came in', () => {
    const east = team('drills/orders-drill-east.md');
    const west = team('drills/orders-drill-west.md');
    for (const files of [[east, west], [west, east]]) {
      const ranked = rankRunbooks(alert('OrdersDrill', { namespace: 'staging' }), files);
      assert.equal(ranked.tied, true);
      assert.equal(ranked.leaders, 2);
      assert.deepEqual(ranked.candidates.map((candidate) => candidate.uri), [east.uri, west.uri]);
      assert.equal(ranked.candidates[0].why, 'front matter lists OrdersDrill');
    }
    // A label the west runbook names breaks the tie.
    const named = rankRunbooks(alert('OrdersDrill', { team: 'west' }), [east, west]);
    assert.equal(named.tied, false);
    assert.equal(named.leaders, 1, 'a choice remembered for the tie does not overrule the labels');
    assert.equal(named.candidates[0].uri, west.uri);
    assert.equal(named.candidates[0].why, 'front matter lists OrdersDrill · title names team west');
  });
});
