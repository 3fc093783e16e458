// What a repository's settings may try against the guard, and what must take effect.
// `ignored` is how many sentences are logged ("this workspace tries to …; ignored").

import type { ScopedValues } from '../../../src/core/settings/guardSettings';

export interface ProtectedCase {
  readonly why: string;
  readonly values: ScopedValues;
  readonly effective: readonly string[];
  readonly ignored: number;
}

const DEFAULT = ['*prod*'];

export const PROTECTED_CONTEXT_CASES: readonly ProtectedCase[] = [
  { why: 'nothing set: the default', values: { defaultValue: DEFAULT }, effective: ['*prod*'], ignored: 0 },
  { why: 'the user narrows it: the user decides', values: { defaultValue: DEFAULT, userValue: ['prod-eu'] }, effective: ['prod-eu'], ignored: 0 },
  { why: 'the user empties it: the user decides', values: { defaultValue: DEFAULT, userValue: [] }, effective: [], ignored: 0 },
  { why: 'a workspace empties it', values: { defaultValue: DEFAULT, workspaceValue: [] }, effective: ['*prod*'], ignored: 1 },
  { why: 'a workspace folder empties it', values: { defaultValue: DEFAULT, userValue: ['*prod*', 'live'], workspaceFolderValue: [] }, effective: ['*prod*', 'live'], ignored: 1 },
  { why: 'a workspace replaces it with a pattern that matches nothing', values: { defaultValue: DEFAULT, workspaceValue: ['nothing-matches-this'] }, effective: ['*prod*', 'nothing-matches-this'], ignored: 1 },
  { why: 'a workspace writes blanks', values: { defaultValue: DEFAULT, workspaceValue: ['', '  '] }, effective: ['*prod*'], ignored: 1 },
  { why: 'a workspace writes a string instead of a list', values: { defaultValue: DEFAULT, workspaceValue: '' }, effective: ['*prod*'], ignored: 1 },
  { why: 'a workspace writes null', values: { defaultValue: DEFAULT, workspaceValue: null }, effective: ['*prod*'], ignored: 1 },
  { why: 'a workspace adds a pattern and keeps the user’s', values: { defaultValue: DEFAULT, workspaceValue: ['*PROD*', 'staging-eu'] }, effective: ['*prod*', 'staging-eu'], ignored: 0 },
  { why: 'a workspace protects everything', values: { defaultValue: DEFAULT, userValue: ['prod'], workspaceValue: ['prod', '*'] }, effective: ['prod', '*'], ignored: 0 },
  { why: 'both workspace scopes add', values: { defaultValue: DEFAULT, workspaceValue: ['*prod*', 'a'], workspaceFolderValue: ['*prod*', 'b'] }, effective: ['*prod*', 'a', 'b'], ignored: 0 },
];

export interface ConfirmCase {
  readonly why: string;
  readonly values: ScopedValues;
  readonly effective: 'never' | 'destructive' | 'always';
  readonly ignored: number;
}

export const CONFIRM_CASES: readonly ConfirmCase[] = [
  { why: 'nothing set', values: { defaultValue: 'destructive' }, effective: 'destructive', ignored: 0 },
  { why: 'the user chooses never', values: { defaultValue: 'destructive', userValue: 'never' }, effective: 'never', ignored: 0 },
  { why: 'a workspace chooses never', values: { defaultValue: 'destructive', workspaceValue: 'never' }, effective: 'destructive', ignored: 1 },
  { why: 'a workspace folder lowers the user’s always', values: { defaultValue: 'destructive', userValue: 'always', workspaceFolderValue: 'destructive' }, effective: 'always', ignored: 1 },
  { why: 'a workspace writes something unknown', values: { defaultValue: 'destructive', workspaceValue: 'NEVER' }, effective: 'destructive', ignored: 1 },
  { why: 'a workspace asks more', values: { defaultValue: 'destructive', workspaceValue: 'always' }, effective: 'always', ignored: 0 },
  { why: 'a workspace asks more than the user’s never', values: { defaultValue: 'destructive', userValue: 'never', workspaceValue: 'destructive' }, effective: 'destructive', ignored: 0 },
  { why: 'the folder lowers what the workspace raised: the stricter stays', values: { defaultValue: 'destructive', workspaceValue: 'always', workspaceFolderValue: 'destructive' }, effective: 'always', ignored: 0 },
];

/** Step output capture is evidence of what ran: a workspace may turn it on, never off. */
export interface CaptureCase {
  readonly why: string;
  readonly values: ScopedValues;
  readonly effective: boolean;
  readonly ignored: number;
}

export const CAPTURE_CASES: readonly CaptureCase[] = [
  { why: 'nothing set: kept', values: { defaultValue: true }, effective: true, ignored: 0 },
  { why: 'the user turns it off: the user decides', values: { defaultValue: true, userValue: false }, effective: false, ignored: 0 },
  { why: 'a workspace turns it off', values: { defaultValue: true, workspaceValue: false }, effective: true, ignored: 1 },
  { why: 'a workspace folder turns it off', values: { defaultValue: true, userValue: true, workspaceFolderValue: false }, effective: true, ignored: 1 },
  { why: 'a workspace writes a string', values: { defaultValue: true, workspaceValue: 'false' }, effective: true, ignored: 1 },
  { why: 'a workspace writes null', values: { defaultValue: true, workspaceValue: null }, effective: true, ignored: 1 },
  { why: 'a workspace turns it back on after the user turned it off', values: { defaultValue: true, userValue: false, workspaceValue: true }, effective: true, ignored: 0 },
  { why: 'the folder turns off what the workspace turned on: it stays on', values: { defaultValue: true, userValue: false, workspaceValue: true, workspaceFolderValue: false }, effective: true, ignored: 1 },
];

export interface IntervalCase {
  readonly kind: 'alertmanager' | 'pagerduty';
  readonly value: unknown;
  readonly seconds: number;
}

export const INTERVAL_CASES: readonly IntervalCase[] = [
  { kind: 'alertmanager', value: 0.0001, seconds: 5 },
  { kind: 'alertmanager', value: 1, seconds: 5 },
  { kind: 'alertmanager', value: 15, seconds: 15 },
  { kind: 'alertmanager', value: 0, seconds: 15 },
  { kind: 'alertmanager', value: -3, seconds: 15 },
  { kind: 'alertmanager', value: Number.NaN, seconds: 15 },
  { kind: 'alertmanager', value: '0.001', seconds: 15 },
  { kind: 'alertmanager', value: 5e-324, seconds: 5 },
  { kind: 'pagerduty', value: 0.0001, seconds: 10 },
  { kind: 'pagerduty', value: 9.99, seconds: 10 },
  { kind: 'pagerduty', value: 30, seconds: 30 },
  { kind: 'pagerduty', value: Number.POSITIVE_INFINITY, seconds: 30 },
];

export interface ReleaseCase {
  readonly why: string;
  readonly url: string;
  readonly bound: readonly string[] | undefined;
  readonly userUrl?: string;
  readonly httpsOnly?: boolean;
  readonly expected: 'send' | 'send+bind' | 'ask' | 'refuse';
}

export const RELEASE_CASES: readonly ReleaseCase[] = [
  { why: 'the origin it was stored for', url: 'https://am.example.com/prefix', bound: ['https://am.example.com:443'], expected: 'send' },
  { why: 'the same origin with the default port written', url: 'https://AM.example.com:443', bound: ['https://am.example.com:443'], expected: 'send' },
  { why: 'a loopback URL a workspace declared under the same name', url: 'http://127.0.0.1:9093', bound: ['https://am.example.com:443'], expected: 'ask' },
  { why: 'another port of the same host', url: 'https://am.example.com:8443', bound: ['https://am.example.com:443'], expected: 'ask' },
  { why: 'http instead of https on the same host', url: 'http://am.example.com', bound: ['https://am.example.com:443'], expected: 'ask' },
  { why: 'a lookalike host', url: 'https://am.example.com.evil.example', bound: ['https://am.example.com:443'], expected: 'ask' },
  { why: 'userinfo that fakes the host', url: 'https://am.example.com@evil.example', bound: ['https://am.example.com:443'], expected: 'ask' },
  { why: 'a second origin the user agreed to', url: 'http://localhost:9093', bound: ['https://am.example.com:443', 'http://localhost:9093'], expected: 'send' },
  { why: 'stored before bindings, where the user’s settings point', url: 'https://am.example.com', bound: undefined, userUrl: 'https://am.example.com/', expected: 'send+bind' },
  { why: 'stored before bindings, a workspace points elsewhere', url: 'http://127.0.0.1:1234', bound: undefined, userUrl: 'https://am.example.com', expected: 'ask' },
  { why: 'stored before bindings, the user’s settings do not name it', url: 'https://am.example.com', bound: undefined, expected: 'ask' },
  { why: 'not a URL', url: 'javascript:alert(1)', bound: ['https://am.example.com:443'], expected: 'refuse' },
  { why: 'a PagerDuty key to plain http', url: 'http://api.pagerduty.com', bound: ['https://api.pagerduty.com:443'], httpsOnly: true, expected: 'refuse' },
  { why: 'a PagerDuty key to the EU API, not agreed to yet', url: 'https://api.eu.pagerduty.com', bound: ['https://api.pagerduty.com:443'], httpsOnly: true, expected: 'ask' },
  { why: 'a PagerDuty key to a loopback contract server', url: 'http://127.0.0.1:8080', bound: ['http://127.0.0.1:8080'], httpsOnly: true, expected: 'send' },
  { why: 'a PagerDuty key to a LAN proxy over http', url: 'http://10.0.0.5:8080', bound: ['http://10.0.0.5:8080'], httpsOnly: true, expected: 'refuse' },
];
