// PromQL blocks run against a real Prometheus (Debian's, started here on loopback behind basic
// auth) that scrapes the fixture's /metrics every second. The runbooks are test/fixtures/promql.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, Settings } from '../../../src/constants';
import type { Incident } from '../../../src/core/incidents/incidentModel';
import type { PromqlRun } from '../../../src/core/promql/promqlReport';
import type { OnCallApi } from '../../../src/extension';
import { TEST_BASIC_AUTH } from '../../fixtures/alertmanager/alertmanagerProcess';
import { FIXTURE_LABELS, FIXTURE_RATES, startMetricsEndpoint, type MetricsEndpoint } from '../../fixtures/prometheus/metricsEndpoint';
import { startPrometheus, type RunningPrometheus } from '../../fixtures/prometheus/prometheusProcess';
import { activateExtension, workspaceFolder } from '../support/hostHelpers';
import { waitFor } from '../../support/waiting';

describe('PromQL blocks against a real Prometheus', function () {
  this.timeout(120_000);
  let api: OnCallApi;
  let metrics: MetricsEndpoint;
  let prometheus: RunningPrometheus;
  const runbook = () => vscode.Uri.joinPath(workspaceFolder(), 'runbooks/promql/checkout-traffic.md');
  const settings = () => vscode.workspace.getConfiguration();

  /** The step id of the block whose content holds `text`. */
  async function stepOf(text: string, uri = runbook()): Promise<string> {
    const parsed = await api.runbooks.runbookFor(uri);
    const step = parsed?.steps.find((s) => s.content.includes(text));
    assert.ok(step, `no block holding ${text}`);
    return step.id;
  }

  async function run(text: string, uri = runbook()): Promise<PromqlRun> {
    const result = await vscode.commands.executeCommand<PromqlRun | undefined>(Commands.runPromql, { uri: uri.toString(), stepId: await stepOf(text, uri) });
    assert.ok(result, 'the query ran');
    return result;
  }

  function incident(startedAgoMs: number, url?: string): Incident {
    return {
      id: 'incident/alertmanager/test/promql-1',
      source: 'alertmanager',
      sourceName: 'test',
      sourceId: 'promql-1',
      title: 'Checkout traffic dropped',
      severity: 'P2',
      group: 'shop',
      alertName: 'CheckoutTrafficDrop',
      labels: { alertname: 'CheckoutTrafficDrop', ...FIXTURE_LABELS },
      annotations: {},
      startedAt: new Date(Date.now() - startedAgoMs).toISOString(),
      status: 'firing',
      ...(url ? { url } : {}),
    };
  }

  before(async () => {
    api = await activateExtension();
    metrics = await startMetricsEndpoint();
    metrics.setGauge(4);
    prometheus = await startPrometheus({ targets: [metrics.target], basicAuth: TEST_BASIC_AUTH });
    await settings().update(Settings.prometheusInstances, [{ name: 'fixture', url: prometheus.url, username: TEST_BASIC_AUTH.user }], vscode.ConfigurationTarget.Global);
    // The password goes to secret storage, bound to this Prometheus' origin.
    await vscode.commands.executeCommand(Commands.setPrometheusCredentials, 'fixture', { password: TEST_BASIC_AUTH.password });
    await waitFor('six scrapes of the fixture', () => metrics.scrapes.length >= 6, 30_000);
    await prometheus.waitForSeries('oncall_fixture_requests_total', 2);
  });

  after(async () => {
    await settings().update(Settings.prometheusInstances, undefined, vscode.ConfigurationTarget.Global);
    await prometheus?.stop();
    await metrics?.close();
  });

  it('puts a Run Query lens above promql and prometheus blocks, and no Run', async () => {
    const document = await vscode.workspace.openTextDocument(runbook());
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', document.uri);
    const titles = lenses.map((lens) => lens.command?.title ?? '');
    assert.equal(titles.filter((title) => title.includes('Run Query')).length, 5, JSON.stringify(titles));
    assert.ok(!titles.some((title) => title === '$(play) Run'), JSON.stringify(titles));
  });

  it('returns the fixture’s series over the last hour, and rate() agrees with the fixture', async () => {
    const result = await run('sum by (route)');
    assert.equal(result.problem, undefined);
    assert.equal(result.instance, 'fixture');
    assert.equal(result.range.basis, 'last-hour');
    assert.equal(result.range.stepSeconds, 15);
    const series = result.result?.series ?? [];
    assert.deepEqual(series.map((s) => s.labels.route).sort(), Object.keys(FIXTURE_RATES).sort());
    for (const row of series) {
      const expected = FIXTURE_RATES[row.labels.route!]!;
      assert.ok(Math.abs(row.last! - expected) / expected < 0.05, `${row.labels.route}: ${row.last} against ${expected}/s`);
    }
    const graph = new URL(result.graphUrl);
    assert.equal(`${graph.origin}${graph.pathname}`, `${prometheus.url}/graph`);
    assert.equal(graph.searchParams.get('g0.expr'), result.query);
  });

  it('fills the blanks from the incident the runbook was opened for, over its window', async () => {
    api.sessions.linkRunbook(runbook().toString(), incident(10 * 60_000));
    const result = await run('{{ $labels.pod }}');
    assert.equal(result.query, `rate(oncall_fixture_requests_total{namespace="${FIXTURE_LABELS.namespace}", pod="${FIXTURE_LABELS.pod}"}[1m])`);
    assert.equal(result.range.basis, 'incident');
    assert.ok(Math.abs(result.range.endMs - result.range.startMs - 40 * 60_000) < 5_000, 'from 30 minutes before the alert to now');
    assert.equal(result.result?.series.length, 2);
    const gauge = await run('queue="orders"');
    assert.equal(gauge.query, 'oncall_fixture_queue_depth{namespace="shop", queue="orders"}');
    assert.equal(gauge.result?.series[0]?.last, 4);
  });

  it('says in one sentence where a query is not valid PromQL, and when nothing matched', async () => {
    const typo = await run('sum(rate(oncall_fixture_requests_total[5m])');
    assert.match(typo.problem ?? '', /^The query is not valid PromQL at line 1, column \d+: parse error/);
    const empty = await run('never_exposed');
    assert.equal(empty.problem, undefined);
    assert.equal(empty.result?.total, 0);
  });

  it('runs a block written as a transcript inside a list', async () => {
    const uri = vscode.Uri.joinPath(workspaceFolder(), 'runbooks/promql/vm-memory.md');
    const result = await run('$ oncall_fixture_queue_depth', uri);
    assert.equal(result.query, 'oncall_fixture_queue_depth > 1');
    assert.equal(result.result?.series.length, 1);
  });

  it('adds the query, its range and its table to the active incident’s timeline', async () => {
    await vscode.commands.executeCommand(Commands.startSession, undefined, { title: 'PromQL drill', severity: 'P3' });
    try {
      await run('sum by (route)');
      assert.equal(await vscode.commands.executeCommand(Commands.addPromqlToTimeline), true);
      const active = api.sessions.active;
      assert.ok(active);
      const timeline = await api.sessions.timeline(active.id);
      const note = timeline?.events.find((event) => event.type === 'note' && event.text.startsWith('PromQL on fixture'));
      assert.ok(note && note.type === 'note', 'a note in the timeline');
      assert.match(note.text, /\nsum by \(route\) \(rate\(oncall_fixture_requests_total\[5s\]\)\)\n/);
      const checkout = /\{route="\/checkout"\}: last ([\d.]+), min [\d.]+, max [\d.]+/.exec(note.text);
      assert.ok(checkout, note.text);
      assert.ok(Math.abs(Number(checkout[1]) - FIXTURE_RATES['/checkout']!) / FIXTURE_RATES['/checkout']! < 0.05, note.text);
    } finally {
      await vscode.commands.executeCommand(Commands.resolveSession, 'drill over', { expireSilences: false });
    }
  });

  it('offers the Prometheus an alert came from when none is configured, once', async () => {
    await settings().update(Settings.prometheusInstances, undefined, vscode.ConfigurationTarget.Global);
    api.sessions.linkRunbook(runbook().toString(), incident(5 * 60_000, `${prometheus.url}/graph?g0.expr=up&g0.tab=1`));
    await vscode.commands.executeCommand('notifications.clearAll');
    const pending = run('sum by (route)');
    // The user clicks "Use It" in the notification.
    await waitFor('the offer', async () => {
      await vscode.commands.executeCommand('notification.acceptPrimaryAction');
      return (await settingsHold(prometheus.url)) || undefined;
    });
    const result = await pending;
    assert.equal(result.instance, new URL(prometheus.url).host);
    // Added without the password: this Prometheus asks for it, and the sentence says so.
    assert.match(result.problem ?? '', /refused the request \(401\): set its password or token/);

    // Asked once: with the setting gone again, the same address is not offered a second time.
    await settings().update(Settings.prometheusInstances, undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('notifications.clearAll');
    let settled = false;
    const again = vscode.commands.executeCommand<PromqlRun | undefined>(Commands.runPromql, { uri: runbook().toString(), stepId: await stepOf('sum by (route)') });
    void Promise.resolve(again).then(() => (settled = true));
    await waitFor('the run to end', async () => {
      await vscode.commands.executeCommand('notification.acceptPrimaryAction');
      return settled;
    });
    assert.equal(await again, undefined);
    assert.equal(await settingsHold(prometheus.url), false, 'not offered again');
  });

  async function settingsHold(url: string): Promise<boolean> {
    const instances = settings().inspect<{ url: string }[]>(Settings.prometheusInstances)?.globalValue ?? [];
    return instances.some((instance) => instance.url === url);
  }
});
