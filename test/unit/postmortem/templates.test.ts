import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_IN_TEMPLATES, extractRunbookTemplates, statusMessageKindsFor } from '../../../src/core/postmortem/templates';
import type { SessionRecord } from '../../../src/core/postmortem/sessionModel';
import { record } from './sessionFixtures';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';
import { describeWithCorpus } from '../../support/corpus';
import { listMarkdown, starterDir } from './corpusFiles';

const F = '```';

function extract(text: string, fileName = 'runbook.md'): ReturnType<typeof extractRunbookTemplates> {
  return extractRunbookTemplates(parseRunbook(text, { fileName }), text);
}

describe('postmortem templates: built-in', () => {
  it('has the Google SRE sections, with blanks marked and facts as placeholders', () => {
    const { text, label } = BUILT_IN_TEMPLATES['google-sre'];
    assert.match(label, /Google SRE/);
    const headings = text.split('\n').filter((line) => line.startsWith('#')).map((line) => line.replace(/^#+\s*/, ''));
    for (const section of ['Summary', 'Impact', 'Root causes', 'Trigger', 'Resolution', 'Detection', 'Action items', 'Lessons learned', 'What went well', 'What went wrong', 'Where we got lucky', 'Timeline']) {
      assert.ok(headings.includes(section), `missing ${section}`);
    }
    assert.match(text, /\| Action item \| Type \| Owner \| Due date \|/);
    for (const placeholder of ['{{title}}', '{{severity}}', '{{start}}', '{{end}}', '{{duration}}', '{{timeline}}', '{{detection}}', '{{steps}}']) assert.ok(text.includes(placeholder), placeholder);
    assert.match(text, /## Root causes\n_TODO: /);
  });

  it('has the PagerDuty sections, with blanks marked', () => {
    const { text } = BUILT_IN_TEMPLATES.pagerduty;
    const headings = text.split('\n').filter((line) => line.startsWith('#')).map((line) => line.replace(/^#+\s*/, ''));
    for (const section of ['Overview', 'What happened', 'Contributing factors', 'Resolution', 'Impact', 'Responders', 'Timeline', "How'd we do?", 'Action items', 'Messaging']) {
      assert.ok(headings.includes(section), `missing ${section}`);
    }
    assert.match(text, /## Contributing factors\n_TODO: /);
    assert.match(text, /\| Action item \| Owner \| Due date \|/);
    assert.match(text, /\{\{responders\}\}/);
  });
});

describe('postmortem templates: the starter runbooks', () => {
  const files = readdirSync(starterDir).filter((name) => name.endsWith('.md') && name !== 'README.md');

  it('covers all ten starter runbooks', () => {
    assert.equal(files.length, 10);
  });

  for (const name of files) {
    it(`finds the post-mortem and the three messages in ${name}`, () => {
      const text = readFileSync(join(starterDir, name), 'utf8');
      const templates = extract(text, name);
      assert.ok(templates.postMortem?.startsWith('# Post-mortem: [Incident Title]\n'), 'post-mortem template');
      assert.match(templates.postMortem ?? '', /## Lessons learned/);
      assert.match(templates.status.initial ?? '', /^\[SEVERITY\] INCIDENT: /);
      assert.match(templates.status.update ?? '', /^\[SEVERITY\] UPDATE: /);
      assert.match(templates.status.resolution ?? '', /^RESOLVED: /);
    });
  }
});

describe('postmortem templates: shapes found in other teams’ runbooks', () => {
  it('reads bold labels before bare fences, and a md fence under "Postmortem template"', () => {
    const text = [
      '# Payments API errors',
      '## Mitigation',
      `${F}bash`,
      'kubectl rollout undo deploy/payments -n pay',
      F,
      '## Incident communication',
      '**Initial notification:**',
      F,
      ':rotating_light: P[SEVERITY] payments degraded since HH:MM UTC',
      F,
      '**Status update** (every 30 minutes):',
      `${F}text`,
      'Still investigating [Brief description]',
      F,
      '**All clear:**',
      F,
      'Payments recovered at [Time] UTC',
      F,
      '## Postmortem template',
      `${F}md`,
      '# Postmortem: [Title]',
      F,
    ].join('\n');
    const templates = extract(text);
    assert.equal(templates.postMortem, '# Postmortem: [Title]');
    assert.deepEqual(templates.status, {
      initial: ':rotating_light: P[SEVERITY] payments degraded since HH:MM UTC',
      update: 'Still investigating [Brief description]',
      resolution: 'Payments recovered at [Time] UTC',
    });
  });

  it('sorts messages by an outer heading or by their first word when the inner heading says nothing', () => {
    const text = [
      '# Checkout runbook',
      '## Stakeholder messages',
      '### Initial incident notification',
      '#### Template 1: internal',
      F,
      'INCIDENT: [Service Name] degraded',
      F,
      '### Slack',
      F,
      'UPDATE: [Service Name] rollback under way',
      F,
      F,
      'RESOLVED: [Service Name]',
      F,
      '## Post-Incident Review',
      F,
      '# Review: [Incident Title]',
      '## Impact',
      '[Impact]',
      F,
    ].join('\n');
    const templates = extract(text);
    assert.deepEqual(templates.status, {
      initial: 'INCIDENT: [Service Name] degraded',
      update: 'UPDATE: [Service Name] rollback under way',
      resolution: 'RESOLVED: [Service Name]',
    });
    assert.equal(templates.postMortem, '# Review: [Incident Title]\n## Impact\n[Impact]', 'a bare fence holding markdown headings');
  });

  it('takes no shell block as a template, and no fence outside a communication or post-mortem section', () => {
    const text = [
      '# Node status',
      '## Check node status',
      F,
      'NAME     STATUS     ROLES',
      'node-1   NotReady   worker',
      F,
      '## Resolution',
      `${F}text`,
      'Resolved when the kubelet restarts.',
      F,
      '## Communication',
      `${F}bash`,
      'echo "initial notification sent" | slack-notify',
      F,
      '## Post-mortem',
      `${F}bash`,
      'kubectl get events > postmortem.txt',
      F,
    ].join('\n');
    assert.deepEqual(extract(text), { status: {} });
  });

  it('finds a post-mortem fence titled as one in a generic templates section', () => {
    const text = ['# Runbook', '## Templates', `${F}markdown`, '## Incident Postmortem – [Date]', '', 'Owner: [Name]', F].join('\n');
    assert.equal(extract(text).postMortem, '## Incident Postmortem – [Date]\n\nOwner: [Name]');
  });

  it('ignores a byte-order mark and Windows line ends', () => {
    const text = `\ufeff${['# R', '## Communication', '', '**Resolution message:**', '', F, 'RESOLVED: x', F].join('\r\n')}`;
    assert.deepEqual(extract(text).status, { resolution: 'RESOLVED: x' });
  });
});

describeWithCorpus('postmortem templates: real runbooks from the corpus', function (corpusDir) {
  this.timeout(60_000);

  it('finds no template in any corpus runbook (none has one), so nothing is made up', () => {
    const files = listMarkdown(corpusDir);
    assert.ok(files.length > 400, `corpus too small: ${files.length}`);
    const found = files.filter((file) => {
      const text = readFileSync(file, 'utf8');
      const templates = extract(text, file);
      return templates.postMortem !== undefined || templates.actionItems !== undefined || Object.keys(templates.status).length > 0;
    });
    assert.deepEqual(found, []);
  });

  // Real runbooks with a team's own sections added at the end, as a team adopting them would.
  const adopted = [
    'prometheus-operator-runbooks/kubernetes/KubePodCrashLooping.md',
    'openshift-runbooks/alerts/cluster-etcd-operator/etcdMembersDown.md',
    'kubevirt-runbooks/docs/runbooks/VirtOperatorDown.md',
  ];
  const teamSections = [
    '',
    '## Communication',
    '### Initial notification',
    `${F}text`,
    '[SEVERITY] INCIDENT: [Service Name] - [Brief description] since [Time UTC]',
    F,
    '### Resolution',
    `${F}text`,
    'RESOLVED: [Service Name] after [Duration]',
    F,
    '## Post-mortem',
    `${F}markdown`,
    '# Post-mortem: [Incident Title]',
    '**Date:** YYYY-MM-DD',
    F,
    '',
  ].join('\n');

  for (const file of adopted) {
    it(`finds the added templates, and only those, in ${file}`, () => {
      const original = readFileSync(join(corpusDir, file), 'utf8');
      assert.deepEqual(extract(original, file), { status: {} });
      const templates = extract(original + teamSections, file);
      assert.equal(templates.postMortem, '# Post-mortem: [Incident Title]\n**Date:** YYYY-MM-DD');
      assert.deepEqual(templates.status, {
        initial: '[SEVERITY] INCIDENT: [Service Name] - [Brief description] since [Time UTC]',
        resolution: 'RESOLVED: [Service Name] after [Duration]',
      });
    });
  }
});

describe('status message order: where the incident stands', () => {
  const start = Date.parse(record.startedAt);
  const open: SessionRecord = { ...record, resolvedAt: undefined };

  it('offers the initial report first for a new incident', () => {
    assert.deepEqual(statusMessageKindsFor(open, [], start + 2 * 60_000), ['initial', 'update', 'resolution']);
  });

  it('offers an update first once the incident is under way', () => {
    assert.deepEqual(statusMessageKindsFor(open, [{ type: 'note', at: record.startedAt, text: 'rolling back' }], start + 2 * 60_000)[0], 'update');
    assert.deepEqual(statusMessageKindsFor(open, [], start + 40 * 60_000)[0], 'update');
  });

  it('offers the resolution first once resolved', () => {
    assert.deepEqual(statusMessageKindsFor(record, [], start + 2 * 60_000)[0], 'resolution');
  });
});
