// Which response time an incident's clock runs against. Teams write their own severity
// policies into their runbooks and these disagree (one team pages within 5 minutes, another
// within 30), so an incident takes the time of the runbook matched to it, then the setting,
// then the defaults: never a time from an unrelated runbook that happened to be read first.

import { Settings } from '../../constants';
import type { SeverityDefinition } from '../runbooks/model';
import { formatSpan } from '../shared/duration';
import type { SeverityLevel } from '../shared/severity';

/**
 * Minutes within which someone must respond, per level, when neither the incident's runbook
 * nor the settings say otherwise: the common shape of published severity policies (page
 * within minutes for an outage, within the working day for a low one).
 */
export const DEFAULT_RESPONSE_MINUTES: Readonly<Record<SeverityLevel, number>> = { P0: 5, P1: 15, P2: 60, P3: 24 * 60 };

/** The severity definitions of the runbook matched to an incident, and how to name that runbook. */
export interface RunbookSeverities {
  /** Path shown to the user, e.g. `runbooks/payments.md`. */
  readonly label: string;
  readonly severities: readonly SeverityDefinition[];
}

export type ResponseTimeOrigin = 'runbook' | 'setting' | 'default';

export interface ResponseTime {
  readonly minutes: number;
  readonly origin: ResponseTimeOrigin;
  /** The runbook's label when the time comes from a runbook. */
  readonly runbook?: string;
}

/** The setting's minutes for a level, when it holds a usable number. */
function configuredMinutes(configured: Readonly<Partial<Record<string, unknown>>> | undefined, level: SeverityLevel): number | undefined {
  const value = configured?.[level];
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

/** The time of incidents whose runbook sets none for their level: the setting, else the default. */
export function fallbackResponseTime(configured: Readonly<Partial<Record<string, unknown>>> | undefined, level: SeverityLevel): ResponseTime {
  const minutes = configuredMinutes(configured, level);
  return minutes !== undefined ? { minutes, origin: 'setting' } : { minutes: DEFAULT_RESPONSE_MINUTES[level], origin: 'default' };
}

/**
 * An incident's response time: the first definition of its level with a time in the runbook
 * matched to it, else the setting, else the default. A definition without a time
 * ("Immediate", a status-page cadence) sets no clock and falls through.
 */
export function resolveResponseTime(
  level: SeverityLevel,
  runbook: RunbookSeverities | undefined,
  configured: Readonly<Partial<Record<string, unknown>>> | undefined,
): ResponseTime {
  const definition = runbook?.severities.find((candidate) => candidate.level === level && candidate.responseMinutes !== undefined);
  if (runbook && definition?.responseMinutes !== undefined) return { minutes: definition.responseMinutes, origin: 'runbook', runbook: runbook.label };
  return fallbackResponseTime(configured, level);
}

/** For the hover: `15 min (runbooks/payments.md)`, `20 min (setting …)`, `5 min (default)`. */
export function describeResponseTime(time: ResponseTime): string {
  const span = formatSpan(time.minutes * 60_000);
  switch (time.origin) {
    case 'runbook':
      return `${span} (${time.runbook ?? 'runbook'})`;
    case 'setting':
      return `${span} (setting ${Settings.responseTimes})`;
    case 'default':
      return `${span} (default)`;
  }
}
