// The line chart of a query result, drawn as SVG text here (no chart library, nothing
// fetched): one path per series, broken where a series has no value (NaN, ±Inf, or a gap of
// more than two steps), with the value range and the time range on the axes.

import { formatUtcClock } from '../shared/timeFormat';
import { formatSample, type SeriesPoint, type SeriesRow } from './promqlResult';

export interface ChartBox {
  readonly width: number;
  readonly height: number;
}

export interface ChartScale {
  readonly startMs: number;
  readonly endMs: number;
  readonly min: number;
  readonly max: number;
  readonly box: ChartBox;
}

/** Room for the value labels on the left and the times below. */
const MARGIN = { left: 64, right: 12, top: 10, bottom: 24 } as const;
/** Colours the panel's stylesheet gives `.s0` … `.s9` (the editor theme's chart colours). */
export const SERIES_CLASSES = 10;

/** The finite value range of all series; a flat range is widened so a line is still drawn mid-height. */
export function valueRange(series: readonly SeriesRow[]): { min: number; max: number } | undefined {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const row of series) {
    if (row.min !== undefined && row.min < min) min = row.min;
    if (row.max !== undefined && row.max > max) max = row.max;
  }
  if (!Number.isFinite(min) || !Number.isFinite(max)) return undefined;
  if (min === max) return { min: min - (Math.abs(min) || 1) / 2, max: max + (Math.abs(max) || 1) / 2 };
  return { min, max };
}

/**
 * The `d` attribute of one series: `M` where a line starts, `L` for each next point. A point
 * without a finite value, or one more than `maxGapMs` after the previous, starts a new line.
 */
export function seriesPath(points: readonly SeriesPoint[], scale: ChartScale, maxGapMs: number): string {
  const plotWidth = scale.box.width - MARGIN.left - MARGIN.right;
  const plotHeight = scale.box.height - MARGIN.top - MARGIN.bottom;
  const span = Math.max(1, scale.endMs - scale.startMs);
  const values = Math.max(Number.MIN_VALUE, scale.max - scale.min);
  const parts: string[] = [];
  let previous: number | undefined;
  for (const point of points) {
    if (!Number.isFinite(point.v)) {
      previous = undefined;
      continue;
    }
    const x = MARGIN.left + ((point.t - scale.startMs) / span) * plotWidth;
    const y = MARGIN.top + (1 - (point.v - scale.min) / values) * plotHeight;
    const command = previous === undefined || point.t - previous > maxGapMs ? 'M' : 'L';
    parts.push(`${command}${round(x)} ${round(y)}`);
    previous = point.t;
  }
  return parts.join(' ');
}

function round(n: number): string {
  return String(Math.round(n * 10) / 10);
}

/** The whole chart; `undefined` when no series has a value to draw. */
export function renderChart(series: readonly SeriesRow[], range: { startMs: number; endMs: number; stepSeconds: number }, box: ChartBox): string | undefined {
  const values = valueRange(series);
  if (!values) return undefined;
  const scale: ChartScale = { ...range, ...values, box };
  const maxGapMs = range.stepSeconds * 2000;
  const paths = series
    .map((row, index) => ({ d: seriesPath(row.points, scale, maxGapMs), index }))
    .filter((path) => path.d !== '')
    .map((path) => `<path class="line s${path.index % SERIES_CLASSES}" data-series="${path.index}" d="${path.d}"/>`);
  const bottom = box.height - MARGIN.bottom;
  const right = box.width - MARGIN.right;
  const middle = (values.min + values.max) / 2;
  const yMiddle = (MARGIN.top + bottom) / 2;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 ${box.width} ${box.height}" role="img" aria-label="Line chart of ${series.length} series">`,
    `<line class="grid" x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${right}" y2="${MARGIN.top}"/>`,
    `<line class="grid" x1="${MARGIN.left}" y1="${yMiddle}" x2="${right}" y2="${yMiddle}"/>`,
    `<line class="axis" x1="${MARGIN.left}" y1="${bottom}" x2="${right}" y2="${bottom}"/>`,
    `<line class="axis" x1="${MARGIN.left}" y1="${MARGIN.top}" x2="${MARGIN.left}" y2="${bottom}"/>`,
    `<text class="label" x="${MARGIN.left - 6}" y="${MARGIN.top + 4}" text-anchor="end">${formatSample(values.max)}</text>`,
    `<text class="label" x="${MARGIN.left - 6}" y="${yMiddle + 4}" text-anchor="end">${formatSample(middle)}</text>`,
    `<text class="label" x="${MARGIN.left - 6}" y="${bottom}" text-anchor="end">${formatSample(values.min)}</text>`,
    `<text class="label" x="${MARGIN.left}" y="${box.height - 6}" text-anchor="start">${formatUtcClock(range.startMs)} UTC</text>`,
    `<text class="label" x="${right}" y="${box.height - 6}" text-anchor="end">${formatUtcClock(range.endMs)} UTC</text>`,
    ...paths,
    '</svg>',
  ].join('\n');
}
