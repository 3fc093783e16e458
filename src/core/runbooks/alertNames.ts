// How a runbook names the alerts it covers. Prometheus alert names are identifiers, by
// convention UpperCamelCase (`KubePodCrashLooping`); etcd's mixin is the known exception
// with lowerCamelCase (`etcdNoLeader`), accepted only where the context is unambiguous.

/** `AppDown`, `Watchdog`: upper-case first letter, letters and digits, at least one lower-case letter. */
export function isAlertName(name: string): boolean {
  return /^[A-Z][A-Za-z0-9]+$/.test(name) && /[a-z]/.test(name);
}

/** `etcdNoLeader`: lower-case prefix then an upper-case letter. */
export function isLowerCamelAlertName(name: string): boolean {
  return /^[a-z][a-z0-9]*[A-Z][A-Za-z0-9]*$/.test(name);
}

/** More than one capital (`KubeAPIDown`), so an ordinary capitalised word ("Overview") does not count. */
export function hasInnerCapital(name: string): boolean {
  return /^.[^A-Z]*[A-Z]/.test(name);
}

export interface NamedAlert {
  readonly name: string;
  /** Offset of the name in the scanned text. */
  readonly offset: number;
}

const ALERT_LEAD = /\balert(?:s|name|names)?\b[*_ \t]*:[*_ \t]*/gi;
const CODE_NAME = /`([^`\n]+)`(?:[ \t]*(?:,|\band\b|\bor\b|&)[ \t]*)?/y;

/**
 * Alert names given after "alert:" in running text, as in a Symptoms list:
 * "Prometheus alert: `HighErrorRate`", "**Alerts:** `A`, `B`". Only names in backticks count.
 */
export function findSymptomAlerts(text: string): NamedAlert[] {
  if (text.indexOf('lert') < 0 && text.indexOf('LERT') < 0) return [];
  const alerts: NamedAlert[] = [];
  ALERT_LEAD.lastIndex = 0;
  for (let lead = ALERT_LEAD.exec(text); lead !== null; lead = ALERT_LEAD.exec(text)) {
    let end = lead.index + lead[0].length;
    CODE_NAME.lastIndex = end;
    for (let code = CODE_NAME.exec(text); code !== null; code = CODE_NAME.exec(text)) {
      const name = code[1];
      if (isAlertName(name) || isLowerCamelAlertName(name)) alerts.push({ name, offset: code.index + 1 });
      end = CODE_NAME.lastIndex;
    }
    ALERT_LEAD.lastIndex = Math.max(ALERT_LEAD.lastIndex, end);
  }
  return alerts;
}

/** The name part of a file name or path: `alerts/KubePodCrashLooping.md` → `KubePodCrashLooping`. */
export function readFileStem(fileName: string): string {
  const base = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}
