// Maps the severity words found in alert labels and PagerDuty fields onto the product's four
// levels. P0 is reserved for sources that say so explicitly (`P0`, `sev0`): a plain
// `critical` is P1, because kube-prometheus marks dozens of alerts critical and a tree where
// everything is P0 hides the real outage.

import { severityAtRank, type SeverityLevel } from '../shared/severity';

/** Lower-cased label value (or PagerDuty priority name) → level; wins over the defaults. */
export type SeverityMapping = Readonly<Record<string, SeverityLevel>>;

/**
 * Defaults, chosen to fit the kube-prometheus convention (critical / warning / info / none)
 * and the common words of other rule sets:
 * - P1: critical, crit, page, paging, emergency, fatal, disaster
 * - P2: error, err, high, major, warning, warn, medium, moderate
 * - P3: info, informational, low, minor, none, notice, debug
 * - numbered forms (`p0`, `sev0`, `sev-1`, `s2`): sev0/p0 → P0, 1 → P1, 2 → P2, 3 and above → P3
 * Anything unrecognised, or no label at all, is P3.
 */
export const DEFAULT_SEVERITY_MAPPING: SeverityMapping = {
  critical: 'P1',
  crit: 'P1',
  page: 'P1',
  paging: 'P1',
  emergency: 'P1',
  fatal: 'P1',
  disaster: 'P1',
  error: 'P2',
  err: 'P2',
  high: 'P2',
  major: 'P2',
  warning: 'P2',
  warn: 'P2',
  medium: 'P2',
  moderate: 'P2',
  info: 'P3',
  informational: 'P3',
  low: 'P3',
  minor: 'P3',
  none: 'P3',
  notice: 'P3',
  debug: 'P3',
};

const NUMBERED = /^(?:p|sev|s|severity|priority)?[-_ ]?(\d)$/;

/** Level of one written value, or undefined when it means nothing known. */
export function readSeverityWord(value: string | undefined, mapping?: SeverityMapping): SeverityLevel | undefined {
  if (value === undefined) return undefined;
  const word = value.trim().toLowerCase();
  if (word === '') return undefined;
  const mapped = mapping?.[word] ?? DEFAULT_SEVERITY_MAPPING[word];
  if (mapped !== undefined) return mapped;
  const numbered = NUMBERED.exec(word);
  if (numbered !== null) return severityAtRank(Number(numbered[1]));
  return undefined;
}

/**
 * Level of an alert from its `severity` label, then its `priority` label; P3 when neither
 * says anything known. `mapping` overrides the defaults per lower-cased value.
 */
export function mapSeverity(labels: Readonly<Record<string, string>>, mapping?: SeverityMapping): SeverityLevel {
  return readSeverityWord(labels.severity, mapping) ?? readSeverityWord(labels.priority, mapping) ?? 'P3';
}

/**
 * Level of a PagerDuty incident. An account's priority (default scheme P1-P5, P1 the most
 * severe) wins over urgency and is shifted one step: PD P1 → P0, P2 → P1, P3 → P2, P4/P5 → P3,
 * so a PagerDuty P1 lands at the top of the tree. Custom priority names go through `mapping`
 * (checked first) and the default words. Without a priority: urgency high → P1, low → P3.
 */
export function mapPagerDutySeverity(urgency: string | undefined, prioritySummary: string | undefined, mapping?: SeverityMapping): SeverityLevel {
  if (prioritySummary !== undefined) {
    const word = prioritySummary.trim().toLowerCase();
    const custom = mapping?.[word];
    if (custom !== undefined) return custom;
    const numbered = /^p(\d)$/.exec(word);
    if (numbered !== null) return severityAtRank(Number(numbered[1]) - 1);
    const known = readSeverityWord(word, mapping);
    if (known !== undefined) return known;
  }
  const level = urgency?.trim().toLowerCase();
  if (level === 'high') return 'P1';
  return 'P3';
}
