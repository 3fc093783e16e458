// The runbook "Create Runbook" writes when an alert has none: the shape the parser and the
// matcher understand (front matter `alerts`, a severity table, a checklist, shell fences with
// placeholders), filled with what the alert already says about itself.

import type { Incident } from './incidentModel';

/** `runbooks/<AlertName>.md` (or a slug of the title when there is no alert name). */
export function runbookStubPath(incident: Incident): string {
  const base = (incident.alertName || incident.title)
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80);
  return `runbooks/${base || 'new-runbook'}.md`;
}

function yamlString(value: string): string {
  return /^[A-Za-z0-9_.-]+$/.test(value) ? value : JSON.stringify(value);
}

export function renderRunbookStub(incident: Incident): string {
  const name = incident.alertName || incident.title;
  const description = incident.annotations.description || incident.annotations.message || incident.annotations.summary || '';
  const lines = [
    '---',
    `title: ${yamlString(name)}`,
    ...(incident.labels.service ? [`service: ${yamlString(incident.labels.service)}`] : []),
    'alerts:',
    `  - ${yamlString(name)}`,
    `severity: ${incident.severity}`,
    '---',
    '',
    `# ${name}`,
    '',
    '## When this fires',
    '',
    description || 'Describe what is broken for users when this alert fires.',
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
