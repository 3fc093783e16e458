// The runbook "Create Runbook" writes when an alert has none: the shape the parser and the
// matcher understand (front matter `alerts`, a severity table, a checklist, shell fences with
// placeholders), filled with what the alert already says about itself.
//
// Alert text comes from whoever writes the alerting rules (or a PagerDuty integration), not
// from the person who will click Run later, so it goes into the stub as inert text: it can
// neither open a code block that becomes a runnable step, nor start a heading, list or link.

import { truncate } from '../shared/text';
import type { Incident } from './incidentModel';

/** Line breaks of every kind a Markdown reader or an editor honours, and other control characters. */
const LINE_BREAKS_AND_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;
/** Characters that would move the file elsewhere or name a hidden or special file. */
const PATH_CHARACTERS = /[/\\:*?"<>|]|^\.|\.\.|^~/u;

export type RunbookStubTarget = { readonly path: string } | { readonly problem: string };

/**
 * `runbooks/<AlertName>.md`, or a slug of the title when there is no alert name. An alert
 * name is used as the file name as it is, so one with line breaks or path characters is
 * refused with a sentence rather than silently renamed.
 */
export function runbookStubPath(incident: Incident): RunbookStubTarget {
  const alertName = incident.alertName;
  if (alertName !== undefined && alertName !== '') {
    if (LINE_BREAKS_AND_CONTROLS.test(alertName) || PATH_CHARACTERS.test(alertName)) {
      return {
        problem: `The alert name ${JSON.stringify(truncate(alertName, 80))} contains line breaks or path characters, so no runbook file is named after it.`,
      };
    }
  }
  const base = (alertName || incident.title)
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 80);
  return { path: `runbooks/${base || 'new-runbook'}.md` };
}

function yamlString(value: string): string {
  return /^[A-Za-z0-9_.-]+$/.test(value) ? value : JSON.stringify(value);
}

/** One line of plain text: every line break and control character becomes a space. */
function singleLine(text: string): string {
  return text.replace(new RegExp(LINE_BREAKS_AND_CONTROLS.source, 'gu'), ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Markdown-escapes text so it renders as the same characters and means nothing: every ASCII
 * punctuation character that starts a construct (fences, code spans, headings, lists, quotes,
 * links, images, HTML, emphasis, tables, setext underlines) gets a backslash, which CommonMark
 * defines for any ASCII punctuation. Leading indentation is dropped, so no line becomes an
 * indented code block.
 */
export function inertMarkdownLine(line: string): string {
  return line
    .trimStart()
    .replace(/[\\`~*_[\]<>#|!=+\-{}()&$]/g, (char) => `\\${char}`)
    .replace(/^(\d+)([.)])/u, '$1\\$2');
}

/** Inert Markdown paragraphs from free text: line structure kept, meaning removed. */
export function inertMarkdownText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029\u0085]/gu, '\n')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/gu, ' ')
    .split('\n')
    .map(inertMarkdownLine)
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export function renderRunbookStub(incident: Incident): string {
  const name = singleLine(incident.alertName || incident.title) || 'New runbook';
  const description = incident.annotations.description || incident.annotations.message || incident.annotations.summary || '';
  const service = incident.labels.service ? singleLine(incident.labels.service) : '';
  const lines = [
    '---',
    `title: ${yamlString(name)}`,
    ...(service ? [`service: ${yamlString(service)}`] : []),
    'alerts:',
    `  - ${yamlString(name)}`,
    `severity: ${incident.severity}`,
    '---',
    '',
    `# ${inertMarkdownLine(name)}`,
    '',
    '## When this fires',
    '',
    inertMarkdownText(description) || 'Describe what is broken for users when this alert fires.',
    '',
    '## Triage checklist',
    '',
    '- [ ] Acknowledge the alert',
    '- [ ] Note the labels that locate the problem (cluster, namespace, pod)',
    '- [ ] Check for a deploy or config change in the last hour',
    '',
    '## Diagnose',
    '',
    '```bash',
    'kubectl get pods -n <namespace>',
    '```',
    '',
    '## Mitigate',
    '',
    'Write the safe first action here, as a command block.',
    '',
    '## Escalate',
    '',
    'Who to page when the steps above do not help, and after how long.',
    '',
  ];
  return lines.join('\n');
}
