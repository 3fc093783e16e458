import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { computeMetrics } from '../../../src/core/postmortem/metrics';
import { excerptStoredOutput } from '../../../src/core/postmortem/stepOutputExcerpt';
import { postMortemFileName, renderPostMortem, renderStatusMessage, resolutionSummary, type PostMortemFacts } from '../../../src/core/postmortem/renderPostMortem';
import type { SessionRecord, TimelineEvent } from '../../../src/core/postmortem/sessionModel';
import { BUILT_IN_TEMPLATES, extractRunbookTemplates } from '../../../src/core/postmortem/templates';
import { assembleTimeline } from '../../../src/core/postmortem/timeline';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';
import { describeWithCorpus } from '../../support/corpus';
import { starterDir } from './corpusFiles';
import { events, record, stepRun } from './sessionFixtures';

function factsFor(incident: SessionRecord, timeline: TimelineEvent[] = events, timeZone?: string): PostMortemFacts {
  return {
    record: incident,
    rows: assembleTimeline(timeline, timeZone === undefined ? {} : { timeZone }),
    events: timeline,
    metrics: computeMetrics(incident, timeline),
    ...(timeZone === undefined ? {} : { timeZone }),
    now: '2026-11-24T16:00:00Z',
    responders: ['ana', 'ben'],
    draft: false,
  };
}

const openRecord: SessionRecord = { ...record, resolvedAt: undefined };
const runbookTemplates = (text: string, fileName: string): ReturnType<typeof extractRunbookTemplates> => extractRunbookTemplates(parseRunbook(text, { fileName }), text);
const countOf = (text: string, part: string): number => text.split(part).length - 1;

describe('renderPostMortem: built-in templates', () => {
  for (const id of ['google-sre', 'pagerduty'] as const) {
    describe(id, () => {
      const text = renderPostMortem(BUILT_IN_TEMPLATES[id].text, factsFor(record, events, 'Europe/Berlin'));

      it('fills every known fact: no {{ left', () => {
        assert.ok(!text.includes('{{'), text.match(/\{\{[^}]*\}\}/g)?.join(', '));
      });

      it('states title, id, channel, severity, times with local time, and duration', () => {
        assert.ok(text.includes('Checkout pods crash looping'));
        assert.ok(text.includes('INC-20261124-001'));
        assert.ok(text.includes('#incident-2026-11-24-001'));
        assert.match(text, /\bP1\b/);
        assert.ok(text.includes('2026-11-24 15:03 CET (14:03 UTC)'), 'start in Berlin time and UTC');
        assert.ok(text.includes('2026-11-24 16:08 CET (15:08 UTC)'), 'end');
        assert.ok(text.includes('1 h 6 min'), 'duration');
        assert.ok(!text.includes('Draft'), 'a resolved incident is not a draft');
      });

      it('says how it was detected, what was run with exit codes, what was silenced, and how it ended', () => {
        assert.ok(text.includes('KubePodCrashLooping (“Pod shop/checkout-7d9 is crash looping”) fired in alertmanager at 2026-11-24 15:01 CET (14:01 UTC)'));
        assert.ok(text.includes('in prod-eu/shop → exit 1 (2.3 s)'));
        assert.ok(text.includes('in prod-eu/shop → exit 0 (41 s)'));
        assert.ok(text.includes('kubectl rollout undo deploy/web'));
        assert.ok(text.includes('until 2026-11-24 16:12 UTC (silence sil-77): “rollback in progress”'));
        assert.ok(text.includes('Rolled back to release 41.'));
        assert.ok(text.includes('ana, ben'));
        assert.ok(!text.includes('Time to acknowledge'), 'nobody acknowledged: no figure, not a dash');
        assert.ok(text.includes('Time to mitigate: 27 min'));
      });

      it('includes the timeline table once, with every event', () => {
        assert.equal(countOf(text, '| Time (UTC) | Event | Detail |'), 1);
        assert.equal(text.match(/^\| 2026-11-24 \d\d:\d\d:\d\d \| /gm)?.length, assembleTimeline(events).length);
      });

      it('marks what only people can write', () => {
        const blankAfter = (heading: string): boolean => new RegExp(`#+ ${heading}\\n_TODO: `).test(text);
        assert.ok(blankAfter(id === 'google-sre' ? 'Root causes' : 'Contributing factors'));
        assert.ok(blankAfter('Impact'));
        assert.match(text, /\| _TODO: action_ \|(?:.*\|)? _TODO: owner_ \| _TODO: due date_ \|/);
        assert.match(text, /### What went well\n- _TODO_/);
      });
    });
  }
});

describe('renderPostMortem: open incidents are drafts', () => {
  const text = renderPostMortem(BUILT_IN_TEMPLATES['google-sre'].text, factsFor(openRecord, events.filter((event) => event.type !== 'incident-resolved')));

  it('puts a draft note right under the title', () => {
    const lines = text.split('\n');
    assert.equal(lines[0], '# Post-mortem: Checkout pods crash looping');
    assert.match(lines[2], /^> \*\*Draft:\*\* INC-20261124-001 is still open; facts as of 2026-11-24 16:00 UTC/);
  });

  it('ends "ongoing" and counts the duration so far', () => {
    assert.ok(text.includes('| End | ongoing |'));
    assert.ok(text.includes('| Duration | ongoing (1 h 57 min so far) |'));
    assert.ok(text.includes('Time to resolve: —'));
    assert.match(text, /## Resolution\n_TODO: not resolved yet/);
  });

  it('marks a resolved incident as a draft when asked, and a template without a heading gets the note on top', () => {
    const text = renderPostMortem('Incident {{id}}', { ...factsFor(record), draft: true });
    assert.match(text, /^> \*\*Draft:\*\* this review of INC-20261124-001 is not final/);
  });
});

describe('renderPostMortem: runbook template forms', () => {
  const template = [
    '# [Incident Title] ([Title])',
    'Date: [Date] / YYYY-MM-DD, severity [Severity] (P[SEVERITY])',
    'From [Start time] to [End time], [Duration] or X hours Y minutes; first alert at HH:MM',
    'Root cause: [Root cause]. Owner: {{owner}}',
  ].join('\n');
  const text = renderPostMortem(template, factsFor(record));

  it('fills each form from the incident', () => {
    const lines = text.split('\n');
    assert.equal(lines[0], '# Checkout pods crash looping (Checkout pods crash looping)');
    assert.equal(lines[1], 'Date: 2026-11-24 / 2026-11-24, severity P1 (P1)');
    assert.equal(lines[2], 'From 2026-11-24 14:03 UTC to 2026-11-24 15:08 UTC, 1 h 6 min or 1 h 6 min; first alert at 14:03');
  });

  it('leaves unknown placeholders for people', () => {
    assert.ok(text.includes('Root cause: [Root cause]. Owner: {{owner}}'));
  });

  it('appends a timeline section when the template has none', () => {
    assert.match(text, /\n\n## Timeline\nAll times in UTC\.\n\n\| Time \(UTC\) \| Event \| Detail \|\n/);
  });

  it('puts the table under a timeline heading that has no table, without appending another', () => {
    const withHeading = renderPostMortem('# X\n## Timeline\n\n## Lessons\n- [...]', factsFor(record));
    assert.equal(countOf(withHeading, '| Time (UTC) | Event | Detail |'), 1);
    assert.match(withHeading, /## Timeline\n\n\| Time \(UTC\) \| Event \| Detail \|/);
    assert.ok(withHeading.indexOf('| Time (UTC)') < withHeading.indexOf('## Lessons'));
  });

  it('never reads a filled value as a placeholder, and redacts secrets in values', () => {
    const tricky: SessionRecord = { ...record, title: 'Deploy of YYYY-MM-DD [Date] {{id}} with --password=hunter2' };
    const notes: TimelineEvent[] = [{ type: 'incident-resolved', at: record.resolvedAt ?? '', summary: 'rotated https://bot:hunter2@ci.example/x' }];
    const filled = renderPostMortem('# [Incident Title]\n{{resolution}}\n{{timeline}}', factsFor(tricky, notes));
    assert.ok(filled.startsWith('# Deploy of YYYY-MM-DD [Date] {{id}} with --password=***\n'));
    assert.ok(filled.includes('rotated https://bot:***@ci.example/x'));
    assert.ok(!filled.includes('hunter2'));
  });
});

describe('renderPostMortem: the starter runbooks’ own templates', () => {
  const files = readdirSync(starterDir).filter((name) => name.endsWith('.md') && name !== 'README.md');

  for (const name of files) {
    it(`fills the post-mortem of ${name}`, () => {
      const source = readFileSync(join(starterDir, name), 'utf8');
      const template = runbookTemplates(source, name).postMortem;
      assert.ok(template !== undefined);
      const text = renderPostMortem(template, factsFor(record));
      assert.ok(text.startsWith('# Post-mortem: Checkout pods crash looping\n'));
      assert.ok(text.includes('**Date:** 2026-11-24\n'));
      assert.ok(text.includes('**Severity:** P1\n'));
      assert.ok(text.includes('**Duration:** 1 h 6 min\n'));
      for (const form of ['[Incident Title]', 'YYYY-MM-DD', 'HH:MM', 'X hours Y minutes', '[SEVERITY]']) assert.ok(!text.includes(form), `${form} left`);
      // The example rows of the template's own timeline are replaced by the real one, in place.
      assert.equal(countOf(text, '| Time (UTC) | Event | Detail |'), 1);
      assert.ok(text.indexOf('| Time (UTC) | Event | Detail |') > text.indexOf('## Timeline (UTC)'));
      assert.ok(text.indexOf('| Time (UTC) | Event | Detail |') < text.indexOf('## Root cause'));
      // An action item's [Date] is its due date: people fill it.
      assert.match(text, /\| \[Owner\] \| \[Date\] \|/);
    });
  }
});

describeWithCorpus('renderPostMortem: corpus runbooks with a team template added', (corpusDir) => {
  const template = [
    '## Post-incident review',
    '```markdown',
    '# [Incident Title]',
    '- Date: YYYY-MM-DD, started HH:MM UTC',
    '- Severity: P[SEVERITY]',
    '- Duration: X hours Y minutes',
    '- Window: [Start time] – [End time] ([Duration])',
    '```',
  ].join('\n');

  for (const file of ['prometheus-operator-runbooks/kubernetes/KubePodCrashLooping.md', 'openshift-runbooks/alerts/cluster-etcd-operator/etcdMembersDown.md']) {
    it(`fills every form in ${file}`, () => {
      const source = `${readFileSync(join(corpusDir, file), 'utf8')}\n${template}\n`;
      const found = runbookTemplates(source, file).postMortem;
      assert.ok(found !== undefined);
      const text = renderPostMortem(found, factsFor(record));
      assert.deepEqual(text.split('\n').slice(0, 5), [
        '# Checkout pods crash looping',
        '- Date: 2026-11-24, started 14:03 UTC',
        '- Severity: P1',
        '- Duration: 1 h 6 min',
        '- Window: 2026-11-24 14:03 UTC – 2026-11-24 15:08 UTC (1 h 6 min)',
      ]);
    });
  }
});

describe('renderStatusMessage', () => {
  const source = readFileSync(join(starterDir, 'failed-rollout.md'), 'utf8');
  const { status } = runbookTemplates(source, 'failed-rollout.md');
  const base = { record, now: '2026-11-24T14:20:00Z', impact: 'Checkout fails for 30% of users', timeZone: 'Europe/Berlin' };

  it('fills a runbook initial notification', () => {
    const text = renderStatusMessage(status.initial, 'initial', base);
    assert.match(text, /^P1 INCIDENT: checkout /);
    assert.ok(text.includes('Started: 2026-11-24 15:03 CET (14:03 UTC)') || text.includes('2026-11-24 15:03 CET (14:03 UTC)'));
    assert.ok(text.includes('Checkout fails for 30% of users'));
    assert.ok(text.includes('Incident lead: ana'));
    assert.ok(text.includes('Next update: 15:50 CET (14:50 UTC)'));
    assert.ok(!/\[(?:SEVERITY|Service Name|Brief description|Time UTC|Next update time|Name)\]/.test(text), text);
  });

  it('fills a runbook status update, but not a sentence that only mentions a state', () => {
    const text = renderStatusMessage(status.update, 'update', { ...base, status: 'Mitigating', nextUpdateMinutes: 15 });
    assert.ok(text.startsWith('P1 UPDATE: checkout - Checkout pods crash looping\n'));
    assert.ok(text.includes('Status: Mitigating\n'));
    assert.ok(text.includes('Decision: [Rolling back / fixing forward by Time UTC]'));
    assert.ok(text.includes('Next update: 15:35 CET (14:35 UTC)'));
  });

  it('fills a runbook resolution: first time the start, second the end, and leaves the post-mortem date', () => {
    const text = renderStatusMessage(
      'RESOLVED: [Service Name] - [Brief description]\nDown from [Time UTC] to [Time UTC] ([Duration]).\nPost-mortem on [Date]',
      'resolution',
      { record, now: '2026-11-24T15:10:00Z' },
    );
    assert.equal(text, 'RESOLVED: checkout - Checkout pods crash looping\nDown from 2026-11-24 14:03 UTC to 2026-11-24 15:08 UTC (1 h 6 min).\nPost-mortem on [Date]');
  });

  it('does not write UTC twice when the template says it after the blank', () => {
    assert.equal(renderStatusMessage('Started: [Time] UTC', 'initial', base), 'Started: 2026-11-24 14:03 UTC');
  });

  it('has a default for each kind', () => {
    const open = { ...base, record: openRecord, impact: undefined };
    const initial = renderStatusMessage(undefined, 'initial', open);
    assert.equal(
      initial,
      [
        // The title already names the service, so it is not repeated.
        'P1 INCIDENT: Checkout pods crash looping',
        '',
        'Status: Investigating',
        'Started: 2026-11-24 15:03 CET (14:03 UTC)',
        'Impact: Under assessment',
        'Incident: INC-20261124-001, discussion in #incident-2026-11-24-001',
        '',
        'Next update: 15:50 CET (14:50 UTC)',
      ].join('\n'),
    );
    const update = renderStatusMessage(undefined, 'update', { ...open, status: 'Identified' });
    assert.ok(update.includes('Status: Identified'));
    assert.ok(update.includes('Ongoing since 2026-11-24 15:03 CET (14:03 UTC) (17 min)'));
    const resolution = renderStatusMessage(undefined, 'resolution', { ...base, record: { ...record, title: 'Pods crash looping' }, now: '2026-11-24T15:30:00Z' });
    assert.ok(resolution.startsWith('RESOLVED: checkout: Pods crash looping\n'), resolution);
    assert.ok(resolution.includes('to 2026-11-24 16:08 CET (15:08 UTC) (1 h 6 min).'));
    for (const message of [initial, update, resolution]) assert.ok(!message.includes('{{'), message);
  });

  it('puts the text typed at Resolve in the resolution, and never says the impact is under assessment once resolved', () => {
    const resolution = renderStatusMessage(undefined, 'resolution', { record, now: '2026-11-24T15:30:00Z', resolution: 'Rolled back to release 41.' });
    assert.ok(resolution.includes('Resolution: Rolled back to release 41.'), resolution);
    assert.ok(!resolution.includes('Under assessment'), resolution);
    const fromBlanks = renderStatusMessage('RESOLVED: [Brief description]\nImpact: [Impact]\nFix: [Resolution summary]', 'resolution', { record, now: '2026-11-24T15:30:00Z', resolution: 'Rolled back.' });
    assert.equal(fromBlanks, 'RESOLVED: Checkout pods crash looping\nImpact: [Impact]\nFix: Rolled back.');
    const noBlank = renderStatusMessage('RESOLVED: [Brief description]', 'resolution', { record, now: '2026-11-24T15:30:00Z', resolution: 'Rolled back.' });
    assert.equal(noBlank, 'RESOLVED: Checkout pods crash looping\nResolution: Rolled back.', 'a template without a blank for it still says how');
    const withoutText = renderStatusMessage('RESOLVED: {{title}}\nImpact: {{impact}}', 'resolution', { record, now: '2026-11-24T15:30:00Z' });
    assert.ok(!withoutText.includes('Under assessment'), withoutText);
  });

  it('takes the last text typed at Resolve from the events', () => {
    assert.equal(resolutionSummary(events), 'Rolled back to release 41.');
    assert.equal(resolutionSummary([]), undefined);
  });

  it('fills channel placeholders in the forms teams write them, and leaves real channels alone', () => {
    const lines = [
      'Join #incident-[date]-[number]',
      'Join #inc-{{id}}',
      'Join [channel]',
      'Join [Slack channel]',
      'Join #incident-YYYYMMDD-NNN',
      'Join #inc-<id>',
      'Join #[incident-channel]',
      'Join {{slack_channel}}',
      'Reviews in #incident-review',
    ];
    const text = renderStatusMessage(lines.join('\n'), 'initial', base).split('\n');
    assert.deepEqual(text.slice(0, -1), lines.slice(0, -1).map(() => 'Join #incident-2026-11-24-001'));
    assert.equal(text[text.length - 1], 'Reviews in #incident-review');
    const postMortem = renderPostMortem('# Review\nDiscussed in #incident-[date]-[number] and [channel].\n', factsFor(record));
    assert.ok(postMortem.includes('Discussed in #incident-2026-11-24-001 and #incident-2026-11-24-001.'), postMortem);
  });

  it('keeps a service blank when the incident names no service', () => {
    const anonymous: SessionRecord = { ...record, service: undefined, sources: [] };
    assert.equal(renderStatusMessage('[Service Name] down: [Brief description]', 'initial', { ...base, record: anonymous }), '[Service Name] down: Checkout pods crash looping');
  });
});

describe('postMortemFileName', () => {
  it('dates the file by the incident start in UTC and slugs the title', () => {
    const lateStart: SessionRecord = { ...record, startedAt: '2026-11-24T23:30:00-05:00', title: 'Checkout: 503s on /pay (EU) — Ärger!' };
    assert.equal(postMortemFileName('postmortems', lateStart, new Set()), 'postmortems/2026-11-25-checkout-503s-on-pay-eu-arger.md');
  });

  it('never returns a taken name, whatever the case on disk', () => {
    const taken = new Set(['postmortems/2026-11-24-checkout-pods-crash-looping.md', 'postmortems/2026-11-24-Checkout-Pods-Crash-Looping-2.md']);
    assert.equal(postMortemFileName('postmortems/', record, taken), 'postmortems/2026-11-24-checkout-pods-crash-looping-3.md');
    assert.equal(postMortemFileName('docs/pm', record, taken), 'docs/pm/2026-11-24-checkout-pods-crash-looping.md');
  });

  it('cuts long titles at a word and falls back to the id without a usable title', () => {
    const long: SessionRecord = { ...record, title: 'Checkout pods crash looping after the configuration rollout of release forty two in every region' };
    const name = postMortemFileName('', long, new Set());
    const slug = name.replace(/^2026-11-24-|\.md$/g, '');
    assert.ok(slug.length <= 60 && slug.length > 40, slug);
    assert.ok(!slug.endsWith('-'));
    assert.ok('checkout-pods-crash-looping-after-the-configuration-rollout-of-release-forty-two-in-every-region'.startsWith(`${slug}-`), slug);
    assert.equal(postMortemFileName('pm', { ...record, title: '🔥🔥' }, new Set()), 'pm/2026-11-24-inc-20261124-001.md');
  });
});

describe('the steps-taken list', () => {
  it('numbers runs 1, 2, 3 in the order they ran, one block each', () => {
    const text = renderPostMortem('{{steps}}', factsFor(record));
    const numbers = [...text.matchAll(/^(\d+)\. /gm)].map((match) => Number(match[1]));
    const runs = new Set(events.filter((event) => event.type === 'step-run').map((event) => (event as { runId: string }).runId)).size;
    assert.ok(runs >= 2, 'the fixture has several runs');
    assert.deepEqual(numbers, Array.from({ length: runs }, (_, i) => i + 1));
  });

  it('keeps the command and output of step 10 and later inside their list item, as of steps 1 to 9', () => {
    // "10. " is four columns wide: what belongs to the item must be indented as far.
    const count = 101;
    const runs = Array.from({ length: count }, (_, i) =>
      stepRun({ runId: `run-${i + 1}`, at: new Date(Date.parse('2026-11-24T14:10:00Z') + i * 1000).toISOString(), command: `kubectl get pods # step ${i + 1}`, output: { file: `run-${i + 1}.txt`, printedBytes: 10, omittedBytes: 0 } }),
    );
    const outputs = new Map(runs.map((run, i) => [run.runId, excerptStoredOutput(new TextEncoder().encode(`printed by step ${i + 1}`), run.output!)]));
    const html = new MarkdownIt({ html: true }).render(renderPostMortem('{{steps}}', { ...factsFor(record, runs), outputs }));
    const items = html.split('<li>').slice(1).map((item) => item.slice(0, item.indexOf('</li>')));
    assert.equal((html.match(/<ol\b/g) ?? []).length, 1, 'one numbered list');
    assert.equal(items.length, count);
    items.forEach((item, i) => {
      assert.ok(item.includes(`<code class="language-sh">kubectl get pods # step ${i + 1}\n</code>`), `step ${i + 1}'s command is in its item`);
      assert.ok(item.includes(`printed by step ${i + 1}`) && item.includes('</details>'), `step ${i + 1}'s output is in its item`);
    });
  });
});
