import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'yaml';
import { parseAlertmanagerAlerts } from '../../../src/core/incidents/alertmanagerAlerts';
import { indexRunbooksForMatching, matchRunbook, type RunbookFile } from '../../../src/core/incidents/runbookMatching';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';
import { describeWithCorpus } from '../../support/corpus';

// Real alert rules (kube-prometheus) and the real runbooks they link to (prometheus-operator),
// from the corpus outside the repository (test/support/corpus.ts says where it is looked for).
let corpusDir = '';
let rulesDir = '';
let runbooksDir = '';

function listFiles(dir: string, suffixes: readonly string[]): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listFiles(path, suffixes);
    return suffixes.some((suffix) => name.endsWith(suffix)) ? [path] : [];
  });
}

interface AlertRule {
  readonly alert: string;
  readonly labels: Record<string, string>;
  readonly annotations: Record<string, string>;
}

function readAlertRules(): AlertRule[] {
  const rules: AlertRule[] = [];
  for (const path of listFiles(rulesDir, ['.yaml', '.yml'])) {
    const document = parse(readFileSync(path, 'utf8')) as { spec?: { groups?: { rules?: Record<string, unknown>[] }[] } };
    for (const group of document?.spec?.groups ?? []) {
      for (const rule of group.rules ?? []) {
        if (typeof rule.alert !== 'string') continue;
        rules.push({ alert: rule.alert, labels: (rule.labels ?? {}) as Record<string, string>, annotations: (rule.annotations ?? {}) as Record<string, string> });
      }
    }
  }
  return rules;
}

/** The runbook a kube-prometheus runbook_url names, if the corpus has it: `.../runbooks/<component>/<alertname lowercased>`. */
function findLinkedRunbook(url: string): string | undefined {
  const match = /\/runbooks\/([^/]+)\/([^/]+?)\/?$/.exec(url);
  if (match === null) return undefined;
  const folder = join(runbooksDir, match[1]);
  if (!existsSync(folder)) return undefined;
  const name = readdirSync(folder).find((entry) => entry.toLowerCase() === `${match[2].toLowerCase()}.md`);
  return name === undefined ? undefined : join(folder, name);
}

describeWithCorpus('runbook matching against the kube-prometheus corpus', function (corpus) {
  this.timeout(60_000);
  before(() => {
    corpusDir = corpus;
    rulesDir = join(corpus, 'kube-prometheus-rules');
    runbooksDir = join(corpus, 'prometheus-operator-runbooks');
  });

  it('maps every alert whose runbook_url names a corpus runbook onto exactly that file', () => {
    const rules = readAlertRules();
    const files: RunbookFile[] = listFiles(runbooksDir, ['.md']).map((path) => ({
      uri: `file://${path}`,
      path: relative(corpusDir, path),
      runbook: parseRunbook(readFileSync(path, 'utf8'), { fileName: path }),
    }));
    const index = indexRunbooksForMatching(files);
    // Built the way the poller builds them: an Alertmanager payload with the rules' labels and annotations.
    const payload = rules.map((rule, i) => ({
      labels: { ...rule.labels, alertname: rule.alert },
      annotations: rule.annotations,
      fingerprint: i.toString(16).padStart(16, '0'),
      startsAt: '2026-11-24T10:00:00Z',
      status: { state: 'active', silencedBy: [], inhibitedBy: [] },
    }));
    const { incidents, errors } = parseAlertmanagerAlerts(payload, 'corpus');
    assert.deepEqual(errors, []);
    assert.equal(incidents.length, rules.length);

    let linked = 0;
    let mapped = 0;
    const wrong: string[] = [];
    const byReason: Record<string, number> = {};
    for (const incident of incidents) {
      const match = matchRunbook(incident, index);
      if (match !== undefined) {
        mapped++;
        byReason[match.reason] = (byReason[match.reason] ?? 0) + 1;
      }
      const expected = incident.runbookUrl === undefined ? undefined : findLinkedRunbook(incident.runbookUrl);
      if (expected === undefined) continue;
      linked++;
      if (match?.uri !== `file://${expected}` || match.reason !== 'runbook-url') wrong.push(`${incident.alertName}: ${match?.uri ?? 'no match'} (${match?.reason})`);
    }
    console.log(`      ${rules.length} alert rules, ${linked} link a corpus runbook, ${mapped} mapped in total ${JSON.stringify(byReason)}`);
    assert.deepEqual(wrong, []);
    assert.equal(rules.length, RULES);
    assert.equal(linked, LINKED);
    assert.equal(mapped, MAPPED);
  });
});

// Counts of the corpus as checked in; a change of corpus changes them knowingly.
const RULES = 139;
const LINKED = 112;
const MAPPED = 112;
