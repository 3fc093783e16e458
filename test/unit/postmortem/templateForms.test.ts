// Post-mortem and communication templates in the forms teams write them (fixtures under
// test/fixtures/templateForms, one form each): what the generator finds, and what it fills.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeMetrics } from '../../../src/core/postmortem/metrics';
import { renderPostMortem, renderStatusMessage, type PostMortemFacts } from '../../../src/core/postmortem/renderPostMortem';
import { addActionItems, BUILT_IN_TEMPLATES, extractRunbookTemplates } from '../../../src/core/postmortem/templates';
import { assembleTimeline } from '../../../src/core/postmortem/timeline';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';
import { events, record } from './sessionFixtures';

const fixtures = join(process.cwd(), 'test/fixtures/templateForms');

function templatesOf(name: string): ReturnType<typeof extractRunbookTemplates> {
  const text = readFileSync(join(fixtures, name), 'utf8');
  return extractRunbookTemplates(parseRunbook(text, { fileName: name }), text);
}

const facts: PostMortemFacts = {
  record,
  rows: assembleTimeline(events),
  events,
  metrics: computeMetrics(record, events),
  now: '2026-11-24T16:00:00Z',
  responders: ['ana'],
  draft: false,
};

/** The real timeline: one table row per event, the first being the alert at 14:01. */
function assertRealTimeline(text: string): void {
  assert.equal(text.match(/^\| 2026-11-24 \d\d:\d\d:\d\d \| /gm)?.length, facts.rows.length, text);
}

describe('template forms: example timeline rows', () => {
  it('replaces example rows written as a list, and never fills their sample times', () => {
    const { postMortem } = templatesOf('timelineList.md');
    assert.ok(postMortem);
    const text = renderPostMortem(postMortem, facts);
    assertRealTimeline(text);
    for (const example of ['Root cause identified', 'Mitigation applied', 'Service recovered', '[Event description]', '- 14:03 -', '- 14:32 -']) {
      assert.ok(!text.includes(example), `"${example}" is an example, not a fact:\n${text}`);
    }
    assert.ok(text.includes('- [ ] [Action] - [Owner] - [Date]'), 'the action items stay for people');
  });

  it('replaces example rows written as a table with sample times', () => {
    const { postMortem } = templatesOf('timelineTable.md');
    assert.ok(postMortem);
    const text = renderPostMortem(postMortem, facts);
    assertRealTimeline(text);
    for (const example of ['On-call engaged', '| 09:12 |', '[Event description]']) assert.ok(!text.includes(example), text);
  });
});

describe('template forms: communication headings', () => {
  it('reads "Initial Incident Report" and "Incident Notification" as messages, not as the post-mortem', () => {
    const { postMortem, status } = templatesOf('communicationHeadings.md');
    assert.match(postMortem ?? '', /^# Post-incident review: \[Incident Title\]/);
    assert.match(status.initial ?? '', /Login failures for \[Service Name\]/);
    const message = renderStatusMessage(status.initial, 'initial', { record, now: '2026-11-24T14:10:00Z' });
    assert.ok(message.includes('Updates in #incident-2026-11-24-001.'), message);
  });
});

describe('template forms: an action-items checklist alone', () => {
  it('is not a whole post-mortem template: its items go into the full template’s action items', () => {
    const { postMortem, actionItems } = templatesOf('actionItemsOnly.md');
    assert.equal(postMortem, undefined);
    assert.match(actionItems ?? '', /- \[ \] Alert on queue age, not only depth/);
    const text = renderPostMortem(addActionItems(BUILT_IN_TEMPLATES['google-sre'].text, actionItems ?? ''), facts);
    const section = text.slice(text.indexOf('## Action items'), text.indexOf('## Lessons learned'));
    for (const item of ['Alert on queue age, not only depth', 'Autoscale workers on backlog', 'Link this runbook from the alert']) assert.ok(section.includes(`- [ ] ${item}`), section);
    assert.ok(text.startsWith('# Post-mortem: Checkout pods crash looping'), 'the whole template, not the checklist alone');
  });
});

describe('template forms: a review template written as plain headings', () => {
  it('is found without a fence, up to the next section', () => {
    const { postMortem } = templatesOf('plainHeadingReview.md');
    assert.ok(postMortem, 'found');
    assert.match(postMortem, /^# Post-Incident Review\n/);
    assert.match(postMortem, /^## Impact$/m);
    assert.ok(!postMortem.includes('Escalation') && !postMortem.includes('redis-cli'), postMortem);
    const text = renderPostMortem(postMortem, facts);
    assertRealTimeline(text);
    assert.ok(text.includes('[Who was affected, for how long]'), 'blanks only people can fill stay');
  });
});
