// Post-mortem and communication templates: the two built-in post-mortem formats, and the
// templates a team wrote into its own runbook (a runbook's own template wins, it is what the
// team agreed on). Built-in templates mark what only people can write with `_TODO: …_`, so a
// generated draft never reads as finished where it is not.

import type { Runbook, RunbookSection, RunbookStep } from '../runbooks/model';
import { normaliseLineEnds } from '../runbooks/textLines';
import type { SessionRecord, TimelineEvent } from './sessionModel';

export type BuiltInTemplateId = 'google-sre' | 'pagerduty';

export interface BuiltInTemplate {
  readonly label: string;
  readonly text: string;
}

const GOOGLE_SRE = `# Post-mortem: {{title}}

| | |
|---|---|
| Incident | {{id}} ({{channel}}) |
| Severity | {{severity}} |
| Date | {{date}} |
| Start | {{start}} |
| End | {{end}} |
| Duration | {{duration}} |
| Responders | {{responders}} |
| Review status | _TODO: draft, in review or final_ |

## Summary
_TODO: two or three sentences: what broke, who noticed, what brought it back._

## Impact
_TODO: who was affected and how (users, requests, revenue), for how long, and how much error budget it used._

## Root causes
_TODO: why it happened. Keep asking "why" until the answer is something the team can change._

## Trigger
_TODO: the change or event that set it off: a deploy, a config push, a traffic spike, a failing dependency._

## Resolution
{{resolution}}

Runbook steps run during the incident:

{{steps}}

Alert silences:

{{silences}}

## Detection
{{detection}}

_TODO: did monitoring catch it early enough, and what would have caught it sooner?_

## Response metrics
{{metrics}}

## Action items
| Action item | Type | Owner | Due date | Ticket |
|---|---|---|---|---|
| _TODO: action_ | _TODO: prevent, mitigate, detect or process_ | _TODO: owner_ | _TODO: due date_ | _TODO: ticket_ |

## Lessons learned
### What went well
- _TODO_

### What went wrong
- _TODO_

### Where we got lucky
- _TODO_

## Timeline
All times in UTC.

{{timeline}}
`;

const PAGERDUTY = `# Post-incident review: {{title}}

**Incident:** {{id}} · **Severity:** {{severity}} · **Channel:** {{channel}}
**Start:** {{start}} · **End:** {{end}} · **Duration:** {{duration}}

## Overview
_TODO: one paragraph someone outside the team understands: what happened, who was affected, how it ended._

## What happened
{{detection}}

_TODO: the story from the first signal to the all-clear, in prose._

## Contributing factors
_TODO: the conditions that together let this happen; there is rarely a single cause._

## Resolution
{{resolution}}

{{steps}}

Alert silences:

{{silences}}

## Impact
_TODO: customers and internal users affected, for how long, support tickets raised, SLA or SLO consequences._

## Responders
{{responders}}

## Timeline
All times in UTC.

{{timeline}}

## How'd we do?
{{metrics}}

### What went well
- _TODO_

### What didn't go so well
- _TODO_

### Where did we get lucky
- _TODO_

## Action items
| Action item | Owner | Due date | Ticket |
|---|---|---|---|
| _TODO: action_ | _TODO: owner_ | _TODO: due date_ | _TODO: ticket_ |

## Messaging
### Internal
_TODO: the summary for {{channel}} and for stakeholders._

### External
_TODO: the customer-facing statement, if any (status page, support reply)._
`;

export const BUILT_IN_TEMPLATES: Readonly<Record<BuiltInTemplateId, BuiltInTemplate>> = {
  'google-sre': { label: 'Google SRE style', text: GOOGLE_SRE },
  pagerduty: { label: 'PagerDuty style', text: PAGERDUTY },
};

export type StatusMessageKind = 'initial' | 'update' | 'resolution';

/** An incident younger than this, with nothing noted yet, has likely not been announced. */
const NEW_INCIDENT_MS = 15 * 60_000;

/**
 * The status messages in the order a responder wants them where the incident stands: the
 * resolution once resolved; the initial report while the incident is new (nothing noted,
 * acknowledged or changed yet, and under a quarter of an hour old); otherwise an update.
 */
export function statusMessageKindsFor(record: SessionRecord, events: readonly TimelineEvent[], nowMs: number): StatusMessageKind[] {
  if (record.resolvedAt !== undefined) return ['resolution', 'update', 'initial'];
  const acted = events.some((event) => event.type === 'note' || event.type === 'evidence' || event.type === 'alert-acknowledged' || event.type === 'severity-changed' || event.type === 'alert-silenced');
  const young = nowMs - Date.parse(record.startedAt) < NEW_INCIDENT_MS;
  return !acted && young ? ['initial', 'update', 'resolution'] : ['update', 'initial', 'resolution'];
}

export interface RunbookTemplates {
  /** The runbook's post-mortem template: a fence's content, or a review section written as plain headings. */
  readonly postMortem?: string;
  /** A checklist of action items kept on its own under a post-mortem heading, for the template's action items. */
  readonly actionItems?: string;
  readonly status: { initial?: string; update?: string; resolution?: string };
}

const POST_MORTEM_HEADING = /post[\s-]?mortem|post[\s-]?incident|incident (?:review|report)|retrospective/i;
/** "Initial Incident Report", "Incident Notification": a message to send, though it names an incident report. */
const MESSAGE_HEADING = /\b(?:initial|notifications?|announcements?|status|updates?|communications?|comms|messages?)\b/i;
/** A review template a team wrote as plain headings under this title, without a fence. */
const PLAIN_REVIEW_HEADING = /^(?:(?:post[\s-]?incident|incident|post[\s-]?mortem)\s+)?review(?:\s+template)?$|^post[\s-]?mortem(?:\s+template)?$|^retrospective(?:\s+template)?$/i;
/** Where teams keep chat and status-page messages. Whole words, so `PrometheusNotificationQueue…` does not count. */
const COMMUNICATION_WORDS = /\b(?:communications?|comms|notifications?|notify|status[\s-](?:updates?|page|messages?)|messag(?:e|es|ing)|announcements?|stakeholders?)\b/i;
const KIND_WORDS: readonly (readonly [StatusMessageKind, RegExp])[] = [
  ['resolution', /\b(?:resol\w*|all[\s-]clear|closing|closed|recovered|mitigated)\b/i],
  ['initial', /\b(?:initial|first|declar\w*|announc\w*|opening|kick-?off|new incident|detected)\b/i],
  ['update', /\b(?:updates?|progress|ongoing|investigating)\b/i],
];
/** A heading such as "Incident Notification" or "Incident Report" over a message names the first one. */
const FIRST_MESSAGE_HEADING = /\b(?:notif\w*|report)\b/i;
/** First line of a message in the style `[SEVERITY] INCIDENT: …`, `UPDATE: …`, `RESOLVED: …`. */
const MESSAGE_OPENING: readonly (readonly [StatusMessageKind, RegExp])[] = [
  ['resolution', /^\W*(?:\[[^\]\n]*\]\s*)?(?:RESOLVED|ALL CLEAR)\b/],
  ['update', /^\W*(?:\[[^\]\n]*\]\s*)?UPDATE\b/],
  ['initial', /^\W*(?:\[[^\]\n]*\]\s*)?(?:P\d\s+)?INCIDENT\b/],
];

/**
 * Finds a runbook's own templates. The post-mortem template is the first `markdown`/`md`
 * fence under a heading naming a post-mortem (post-incident review, retrospective); failing
 * that, a `text` or bare fence there that holds markdown headings. Status templates are
 * non-shell text fences under a communication heading (or introduced by text naming one),
 * sorted into initial / update / resolution by the nearest heading, the line(s) just before
 * the fence, the enclosing headings, or the message's own first word (`RESOLVED:`).
 * `source` is the text the runbook was parsed from, for the lines between headings and fences.
 */
export function extractRunbookTemplates(runbook: Runbook, source: string): RunbookTemplates {
  const text = normaliseLineEnds(source.charCodeAt(0) === 0xfeff ? source.slice(1) : source);
  const lines = text.split('\n');
  const sectionsById = new Map(runbook.sections.map((section) => [section.id, section]));
  const chainOf = (step: RunbookStep): RunbookSection[] => {
    const chain: RunbookSection[] = [];
    for (let id = step.sectionId; id !== undefined; id = sectionsById.get(id)?.parentId) {
      const section = sectionsById.get(id);
      if (section === undefined) break;
      chain.push(section);
    }
    return chain;
  };

  const underPostMortem = (step: RunbookStep): boolean => {
    const chain = chainOf(step);
    return chain.some((section) => isPostMortemTitle(section.title)) && !chain.some((section) => MESSAGE_HEADING.test(section.title));
  };
  const candidates = runbook.steps.filter((step) => !isChecklistOnly(step.content));
  const postMortemStep =
    candidates.find((step) => isMarkdownFence(step) && underPostMortem(step)) ??
    candidates.find((step) => step.kind === 'template' && underPostMortem(step) && countHeadings(step.content) >= 2) ??
    // A template section without a post-mortem heading, whose fence is titled as one.
    candidates.find((step) => isMarkdownFence(step) && isPostMortemTitle(firstHeading(step.content) ?? ''));
  const actionItems = runbook.steps.find((step) => step.kind === 'template' && underPostMortem(step) && isChecklistOnly(step.content));
  const postMortem = postMortemStep?.content ?? findPlainHeadingReview(runbook, lines);

  const status: { initial?: string; update?: string; resolution?: string } = {};
  for (const step of runbook.steps) {
    if (step === postMortemStep || step === actionItems || step.kind !== 'template' || step.content.trim() === '' || underPostMortem(step)) continue;
    const chain = chainOf(step);
    const preceding = readPrecedingText(lines, step.range.startLine);
    const communication = chain.some((section) => COMMUNICATION_WORDS.test(section.title)) || COMMUNICATION_WORDS.test(preceding);
    if (!communication) continue;
    const kind =
      kindFromWords(chain[0]?.title ?? '') ??
      kindFromWords(preceding) ??
      chain.slice(1).reduce<StatusMessageKind | undefined>((found, section) => found ?? kindFromWords(section.title), undefined) ??
      kindFromOpening(step.content) ??
      (FIRST_MESSAGE_HEADING.test(chain[0]?.title ?? '') ? 'initial' : undefined);
    if (kind !== undefined && status[kind] === undefined) status[kind] = step.content;
  }

  return { ...(postMortem === undefined ? {} : { postMortem }), ...(actionItems === undefined ? {} : { actionItems: actionItems.content }), status };
}

function isPostMortemTitle(title: string): boolean {
  return POST_MORTEM_HEADING.test(title) && !MESSAGE_HEADING.test(title);
}

/** Only task items (`- [ ] …`), perhaps under one heading: a checklist of action items, not a document. */
function isChecklistOnly(content: string): boolean {
  const lines = content.split('\n').filter((line) => line.trim() !== '');
  const items = lines.filter((line) => /^\s*(?:[-*+]|\d+[.)])\s+\[[ xX]\]\s/.test(line));
  const others = lines.length - items.length;
  return items.length > 0 && (others === 0 || (others === 1 && /^#{1,6}\s/.test(lines[0])));
}

/**
 * A review template written as plain headings: a "Post-Incident Review" or "Review Template"
 * section holding no fence, with at least two subheadings and bracketed blanks. Its text, with
 * the section heading made the document's title (`#`) and the subheadings raised to match.
 */
function findPlainHeadingReview(runbook: Runbook, lines: readonly string[]): string | undefined {
  for (const section of runbook.sections) {
    if (!PLAIN_REVIEW_HEADING.test(section.title.trim())) continue;
    if (runbook.steps.some((step) => step.range.startLine >= section.line && step.range.startLine <= section.endLine)) continue;
    const body = lines.slice(section.line, section.endLine + 1);
    const subheadings = body.filter((line) => new RegExp(`^#{${section.level + 1},6}\\s+\\S`).test(line)).length;
    if (subheadings < 2 || !body.some((line) => /\[[^\]\n]+\](?!\()/.test(line))) continue;
    const shift = section.level - 1;
    return `${body.map((line) => line.replace(/^(#{1,6})(?=\s)/, (hashes) => '#'.repeat(Math.max(1, hashes.length - shift)))).join('\n').replace(/\s*$/, '')}\n`;
  }
  return undefined;
}

/**
 * A template with a runbook's own action items put into its action-items section, before
 * whatever the template has there (the built-in table of blanks); at the end when it has none.
 */
export function addActionItems(template: string, items: string): string {
  const checklist = items.replace(/\s*$/, '');
  if (checklist === '') return template;
  const lines = template.split('\n');
  const heading = lines.findIndex((line) => /^#{1,6}\s+.*\baction items?\b/i.test(line));
  if (heading < 0) return `${template.replace(/\s*$/, '')}\n\n## Action items\n${checklist}\n`;
  return [...lines.slice(0, heading + 1), 'From the runbook:', '', checklist, '', ...lines.slice(heading + 1)].join('\n');
}

function isMarkdownFence(step: RunbookStep): boolean {
  return step.language === 'markdown' || step.language === 'md';
}

function countHeadings(content: string): number {
  return content.split('\n').filter((line) => /^#{1,6}\s+\S/.test(line)).length;
}

function firstHeading(content: string): string | undefined {
  return content.split('\n').find((line) => /^#{1,6}\s+\S/.test(line));
}

function kindFromWords(text: string): StatusMessageKind | undefined {
  return KIND_WORDS.find(([, words]) => words.test(text))?.[0];
}

function kindFromOpening(content: string): StatusMessageKind | undefined {
  const first = content.split('\n').find((line) => line.trim() !== '') ?? '';
  return MESSAGE_OPENING.find(([, opening]) => opening.test(first))?.[0];
}

/**
 * Up to three non-blank lines just above a fence, stopping at a heading or another fence:
 * the `**Initial notification:**` or `Resolution message:` people put before a bare fence.
 */
function readPrecedingText(lines: readonly string[], fenceLine: number): string {
  const found: string[] = [];
  for (let line = fenceLine - 1; line >= 0 && found.length < 3; line--) {
    const text = lines[line] ?? '';
    if (/^\s*#{1,6}\s/.test(text) || /^\s*(?:`{3,}|~{3,})/.test(text)) break;
    if (text.trim() !== '') found.unshift(text.trim());
  }
  return found.join('\n');
}
