// A query run as people read it: the panel's HTML (a table of series and the chart, under a
// content security policy that allows only this page's own nonce) and the text that goes
// into an incident's timeline.

import { formatUtc } from '../shared/timeFormat';
import { renderChart, SERIES_CLASSES } from './promqlChart';
import { formatPromDuration, type QueryRange } from './promqlRange';
import { formatSample, type QueryResult, type SeriesRow } from './promqlResult';

export interface PromqlRun {
  /** The Prometheus asked (its configured name). */
  readonly instance: string;
  /** The query as sent, placeholders filled. */
  readonly query: string;
  readonly range: QueryRange;
  readonly graphUrl: string;
  /** Where the block is: `"Runbook title" › Section`. */
  readonly from: string;
  readonly result?: QueryResult;
  /** One sentence when the query failed; the panel shows it instead of a table. */
  readonly problem?: string;
}

/** `2026-12-06 13:02–14:02 UTC (step 15s)`; the end date too when the range crosses midnight. */
export function describeRange(range: QueryRange): string {
  const start = formatUtc(range.startMs).slice(0, 16);
  const end = formatUtc(range.endMs).slice(0, 16);
  const endShown = start.slice(0, 10) === end.slice(0, 10) ? end.slice(11) : end;
  const basis = range.basis === 'incident' ? 'from 30 min before the first alert' : 'the last hour';
  return `${start}–${endShown} UTC, ${basis} (step ${formatPromDuration(range.stepSeconds)})`;
}

/** A run that answered no series at all: said as a sentence, not as an empty table. */
export function noDataSentence(run: PromqlRun): string | undefined {
  return run.result && run.result.total === 0 ? `The query returned no data for ${describeRange(run.range)}.` : undefined;
}

/** The timeline's text: query, range, and one line per series (the table as text). */
export function timelineText(run: PromqlRun): string {
  const lines = [`PromQL on ${run.instance}, ${describeRange(run.range)}:`, run.query.replace(/\s*\n\s*/g, ' ')];
  const empty = noDataSentence(run);
  if (run.problem) lines.push(run.problem);
  else if (empty) lines.push(empty);
  else for (const row of run.result?.series ?? []) lines.push(`${row.name}: last ${formatSample(row.last)}, min ${formatSample(row.min)}, max ${formatSample(row.max)}`);
  for (const note of run.result?.notes ?? []) lines.push(note);
  return lines.join('\n');
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

// Theme colours VS Code gives every webview; the chart follows light, dark and high contrast.
const SERIES_COLOURS = ['blue', 'orange', 'green', 'red', 'purple', 'yellow', 'foreground', 'blue', 'orange', 'green'];

function stylesheet(): string {
  const series = SERIES_COLOURS.slice(0, SERIES_CLASSES)
    .map((colour, index) => `.s${index}{stroke:var(--vscode-charts-${colour});${index >= 7 ? 'stroke-dasharray:4 2;' : ''}} .sw${index}{background:var(--vscode-charts-${colour})}`)
    .join('\n');
  return `body{font-family:var(--vscode-font-family);font-size:var(--vscode-font-size);color:var(--vscode-foreground);padding:0 16px 16px}
h1{font-size:1.1em;margin:12px 0 4px} .meta{color:var(--vscode-descriptionForeground);margin:2px 0}
pre.query{background:var(--vscode-textCodeBlock-background);padding:6px 8px;white-space:pre-wrap;word-break:break-all;font-family:var(--vscode-editor-font-family)}
.actions{margin:8px 0;display:flex;gap:8px;flex-wrap:wrap}
button{background:var(--vscode-button-background);color:var(--vscode-button-foreground);border:none;padding:4px 10px;cursor:pointer}
button.secondary{background:var(--vscode-button-secondaryBackground);color:var(--vscode-button-secondaryForeground)}
button:hover{background:var(--vscode-button-hoverBackground)}
.problem{color:var(--vscode-errorForeground);margin:8px 0} .note{color:var(--vscode-editorWarning-foreground);margin:4px 0}
svg.chart{width:100%;max-width:960px;height:auto;display:block;margin:8px 0}
.line{fill:none;stroke-width:1.5} .grid{stroke:var(--vscode-charts-lines);stroke-dasharray:2 3} .axis{stroke:var(--vscode-charts-lines)}
.label{fill:var(--vscode-descriptionForeground);font-size:11px}
table{border-collapse:collapse;width:100%;max-width:960px} th,td{text-align:left;padding:3px 8px;border-bottom:1px solid var(--vscode-panel-border)}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums} td.series{font-family:var(--vscode-editor-font-family);word-break:break-all}
.swatch{display:inline-block;width:10px;height:10px;margin-right:6px;vertical-align:middle}
${series}`;
}

function seriesTable(series: readonly SeriesRow[]): string {
  const rows = series.map(
    (row, index) =>
      `<tr><td class="series"><span class="swatch sw${index % SERIES_CLASSES}"></span>${escapeHtml(row.name)}</td><td class="num">${formatSample(row.last)}</td><td class="num">${formatSample(row.min)}</td><td class="num">${formatSample(row.max)}</td></tr>`,
  );
  return `<table><thead><tr><th>Series</th><th class="num">Last</th><th class="num">Min</th><th class="num">Max</th></tr></thead><tbody>\n${rows.join('\n')}\n</tbody></table>`;
}

/**
 * The panel's page. Nothing is loaded from anywhere: the only script and style are inline and
 * carry `nonce`, and the policy allows nothing else (no network, no eval, no other inline code).
 */
export function renderPanelHtml(run: PromqlRun, nonce: string): string {
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  const body: string[] = [];
  const empty = noDataSentence(run);
  if (run.problem) body.push(`<p class="problem" role="alert">${escapeHtml(run.problem)}</p>`);
  else if (empty) body.push(`<p class="problem" role="status">${escapeHtml(empty)}</p>`);
  for (const note of run.result?.notes ?? []) body.push(`<p class="note">${escapeHtml(note)}</p>`);
  if (run.result && run.result.series.length > 0) {
    const chart = renderChart(run.result.series, run.range, { width: 960, height: 280 });
    if (chart) body.push(chart);
    body.push(seriesTable(run.result.series));
  }
  const count = run.result ? `${run.result.total} series` : '';
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<style nonce="${nonce}">${stylesheet()}</style>
<title>PromQL</title></head>
<body>
<h1>${escapeHtml(run.from)}</h1>
<p class="meta">Prometheus ${escapeHtml(run.instance)} · ${escapeHtml(describeRange(run.range))}${count ? ` · ${count}` : ''}</p>
<pre class="query">${escapeHtml(run.query)}</pre>
<div class="actions">
<button data-action="open" title="${escapeHtml(run.graphUrl)}">Open in Prometheus</button>
<button data-action="timeline" class="secondary">Add to Timeline</button>
<button data-action="rerun" class="secondary">Run Again</button>
</div>
${body.join('\n')}
<script nonce="${nonce}">
const vscode = acquireVsCodeApi();
for (const button of document.querySelectorAll('button[data-action]')) button.addEventListener('click', () => vscode.postMessage({ action: button.dataset.action }));
</script>
</body></html>`;
}
