// Running a PromQL block of a runbook: which Prometheus (the configured one, the one the
// alert came from, or a pick), which values fill its blanks (the incident's labels, values
// given before, or typed), which range (the incident's window, else the last hour), and the
// query itself. Every outcome is a PromqlRun: a result, or one sentence saying why not.

import * as vscode from 'vscode';
import { BuiltInCommands, Commands, SettingSections } from '../../constants';
import { builtInValues, fillPromqlQuery, promqlPlaceholderNames, promqlValueFromIncident, queryOfBlock } from '../../core/promql/promqlPlaceholders';
import { chooseRange, formatPromDuration, graphUrl, incidentWindow, type AlertFacts, type IncidentWindow } from '../../core/promql/promqlRange';
import type { PromqlRun } from '../../core/promql/promqlReport';
import type { Runbook, RunbookStep } from '../../core/runbooks/model';
import { executeCommand } from '../commands';
import { config } from '../config';
import type { CredentialGate } from '../incidents/credentialBindings';
import type { IncidentHub } from '../incidents/incidentHub';
import type { InstanceSetting } from '../incidents/instanceAuth';
import type { SourceCredentials } from '../incidents/sourceCredentials';
import type { Log } from '../log';
import type { Sessions } from '../sessions/sessions';
import { prometheusBaseUrl, queryPrometheusRange } from './prometheusClient';

export interface PromqlBlock {
  readonly uri: vscode.Uri;
  readonly runbook: Runbook;
  readonly step: RunbookStep;
  /** Values given with the run (command arguments). */
  readonly values?: Readonly<Record<string, string>>;
}

/** A query ready to run (again): where, what, and the incident window it belongs to. */
export interface PreparedQuery {
  readonly instance: InstanceSetting;
  /** The query with the runbook's blanks filled; dashboard built-ins are filled per run. */
  readonly query: string;
  readonly from: string;
  readonly window: IncidentWindow;
}

/** The answers to "no Prometheus is configured, use this one?", asked once per address. */
const OFFERS_KEY = 'oncall.prometheus.offersAnswered';
const USE = 'Use It';
const NOT_NOW = 'Not Now';

export class PromqlRunner {
  /** Values typed for blanks, per runbook, for the rest of the session. */
  private readonly typed = new Map<string, Record<string, string>>();
  private lastPicked: string | undefined;

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly gate: CredentialGate,
    private readonly credentials: SourceCredentials,
    private readonly hub: IncidentHub,
    private readonly sessions: Sessions,
    private readonly globalState: vscode.Memento,
    private readonly log: Log,
  ) {}

  /** Everything but the query itself; undefined (after one sentence, when one is due) when the user stopped. */
  async prepare(block: PromqlBlock): Promise<PreparedQuery | undefined> {
    const window = this.windowFor(block.uri.toString());
    const instance = await this.chooseInstance(window);
    if (!instance) return undefined;
    const query = await this.fill(block, window);
    if (query === undefined) return undefined;
    const section = block.runbook.sections.find((s) => s.id === block.step.sectionId)?.title;
    return { instance, query, window, from: section ? `${block.runbook.title} › ${section}` : block.runbook.title };
  }

  /** Runs a prepared query over its window as of now. */
  async execute(prepared: PreparedQuery): Promise<PromqlRun> {
    const range = chooseRange(Date.now(), prepared.window.earliestAlertMs);
    const filled = fillPromqlQuery(prepared.query, builtInValues(range.stepSeconds, (range.endMs - range.startMs) / 1000, formatPromDuration));
    // Where the user's own settings point the name decides where a secret stored before its binding may go.
    const userUrl = config.userPrometheusUrl(prepared.instance.name);
    const instance: InstanceSetting = { ...prepared.instance, ...(userUrl !== undefined ? { userUrl } : {}) };
    const base = { instance: instance.name, query: filled.query, range, from: prepared.from, graphUrl: safeGraphUrl(prometheusBaseUrl(instance), filled.query, range) };
    const outcome = await queryPrometheusRange({ instance, secrets: this.secrets, credentials: this.gate, timeoutMs: config.prometheusTimeoutMs() }, filled.query, range);
    if (outcome.ok) {
      this.log.info(`PromQL on ${instance.name}: ${outcome.result.total} series for ${filled.query.replace(/\s+/g, ' ')}`);
      return { ...base, result: outcome.result };
    }
    this.log.warn(`PromQL on ${instance.name} failed: ${outcome.detail}`);
    if (outcome.needsCredentials) {
      void vscode.window.showWarningMessage(outcome.problem, 'Set Credentials').then((answer) => (answer ? executeCommand(Commands.setPrometheusCredentials, instance.name) : undefined));
    }
    return { ...base, problem: outcome.problem };
  }

  /** The incident the runbook was opened for, else the active incident's alerts. */
  private windowFor(uri: string): IncidentWindow {
    const incident = this.sessions.incidentForRunbook(uri);
    if (incident) return incidentWindow([incident]);
    const active = this.sessions.active;
    if (active) return incidentWindow(active.sources.map((source): AlertFacts => ({ startedAt: source.startedAt, labels: source.labels, ...(source.url ? { url: source.url } : {}) })), active.startedAt);
    return incidentWindow([]);
  }

  private async chooseInstance(window: IncidentWindow): Promise<InstanceSetting | undefined> {
    const instances = config.prometheusInstances();
    if (instances.length === 0) return this.offerFromAlerts(window);
    if (instances.length === 1) return instances[0];
    const matching = instances.find((instance) => window.prometheusUrls.some((url) => sameBase(url, prometheusBaseUrl(instance))));
    if (matching) return matching;
    const picked = await vscode.window.showQuickPick(
      instances.map((instance) => ({ label: instance.name, description: prometheusBaseUrl(instance), instance, picked: instance.name === this.lastPicked })),
      { title: 'Run the query on which Prometheus?' },
    );
    if (picked) this.lastPicked = picked.instance.name;
    return picked?.instance;
  }

  /**
   * None configured: offer the Prometheus an alert came from (its generator URL), asked once
   * per address; said in one sentence when there is nothing to offer or the offer was declined.
   */
  private async offerFromAlerts(window: IncidentWindow): Promise<InstanceSetting | undefined> {
    const answered = this.globalState.get<string[]>(OFFERS_KEY, []);
    const candidate = [...window.prometheusUrls, ...this.alertPrometheusUrls()].find((url) => !answered.includes(url));
    if (!candidate) {
      const answer = await vscode.window.showWarningMessage('No Prometheus is configured: add one to oncall.prometheus.instances to run PromQL blocks.', 'Open Settings');
      if (answer) await executeCommand(BuiltInCommands.openSettings, SettingSections.prometheus);
      return undefined;
    }
    const answer = await vscode.window.showInformationMessage(`No Prometheus is configured. Query ${candidate}, where the alert came from? It is added to your settings as ${hostName(candidate)}.`, USE, NOT_NOW);
    await this.globalState.update(OFFERS_KEY, [...answered, candidate]);
    if (answer !== USE) return undefined;
    await this.credentials.addInstance('prometheus', hostName(candidate), candidate);
    this.log.info(`Added Prometheus ${hostName(candidate)} (${candidate}) from an alert's generator URL.`);
    return config.prometheusInstances().find((instance) => instance.url === candidate) ?? { name: hostName(candidate), url: candidate };
  }

  /** Prometheus addresses of every alert the Incidents view holds. */
  private alertPrometheusUrls(): string[] {
    return [...incidentWindow([...this.hub.incidents()].filter((incident) => incident.source === 'alertmanager')).prometheusUrls];
  }

  /** The query with its blanks filled; asks for values nothing else gives. */
  private async fill(block: PromqlBlock, window: IncidentWindow): Promise<string | undefined> {
    const query = queryOfBlock(block.step.content);
    const key = block.uri.toString();
    const typed = this.typed.get(key) ?? {};
    const values: Record<string, string> = {};
    for (const name of promqlPlaceholderNames(query)) {
      const known = block.values?.[name] ?? promqlValueFromIncident(name, window.labels) ?? typed[name];
      if (known !== undefined) {
        values[name] = known;
        continue;
      }
      const refusal = (value: string) => fillPromqlQuery(query, { ...values, [name]: value }).refusals[0];
      const answer = await vscode.window.showInputBox({
        title: `Value for ${name} in the query`,
        prompt: 'Written into the query as a PromQL string (or as a number, duration or name where the query wants one); remembered for this runbook.',
        value: typed[name] ?? '',
        validateInput: (value) => (value === '' ? 'Enter a value, or press Escape to cancel.' : refusal(value)),
      });
      if (answer === undefined) return undefined;
      values[name] = answer;
      typed[name] = answer;
    }
    this.typed.set(key, typed);
    const filled = fillPromqlQuery(query, values);
    if (filled.refusals.length > 0) {
      void vscode.window.showErrorMessage(`Not run: ${filled.refusals.join(' ')}`);
      return undefined;
    }
    return filled.query;
  }
}

function hostName(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function sameBase(a: string, b: string): boolean {
  return a.replace(/\/+$/, '').toLowerCase() === b.replace(/\/+$/, '').toLowerCase();
}

function safeGraphUrl(base: string, query: string, range: PromqlRun['range']): string {
  try {
    return graphUrl(base, query, range);
  } catch {
    return base;
  }
}
