// Reads one kubeconfig file the way kubectl does, keeping names and auth kinds only.
// kubectl (through client-go) refuses a whole file when YAML is malformed, when a field has
// the wrong type or when a name repeats inside the file; the parser reports those as a
// KubeconfigError instead of guessing, because a terminal's kubectl would fail on them too.

import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node, TagId, Tags, YAMLMap } from 'yaml';
import {
  KubeconfigError,
  type KubeClusterEntry,
  type KubeContextEntry,
  type KubeUserEntry,
  type ParsedKubeconfig,
  type UserAuth,
} from './kubeconfigModel';

/** Raised inside the walk and turned into a returned value; never escapes parseKubeconfig. */
class ShapeProblem {
  constructor(
    readonly reason: 'invalid-kubeconfig' | 'duplicate-name',
    readonly detail: string,
    readonly offset: number | undefined,
  ) {}
}

/** Parses kubeconfig YAML (or JSON). Never throws: problems come back as a KubeconfigError. */
export function parseKubeconfig(text: string, path: string): ParsedKubeconfig | KubeconfigError {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    // kubectl's YAML reader lets a repeated key override the earlier one instead of failing.
    uniqueKeys: false,
    prettyErrors: false,
    // kubectl reads YAML 1.1: `namespace: yes` is a boolean there, and kubectl refuses it.
    // Its reader keeps timestamps and `1:20` as text, so those 1.1 types are left out.
    version: '1.1',
    customTags: (tags) => tags.filter(keepsKubectlScalars),
  });
  const syntaxError = doc.errors[0];
  if (syntaxError) {
    const line = syntaxError.linePos?.[0]?.line ?? lineCounter.linePos(syntaxError.pos[0]).line;
    return new KubeconfigError(
      'malformed-yaml',
      path,
      `Kubeconfig ${path} is not valid YAML at line ${line}: ${describeYamlError(syntaxError.message)}.`,
      line,
    );
  }
  try {
    return readConfig(doc.contents, path);
  } catch (problem) {
    if (!(problem instanceof ShapeProblem)) throw problem;
    const line = problem.offset === undefined ? undefined : lineCounter.linePos(problem.offset).line;
    const where = line === undefined ? '' : ` at line ${line}`;
    const consequence =
      problem.reason === 'duplicate-name' ? 'kubectl refuses a file that repeats a name' : 'kubectl refuses this file';
    return new KubeconfigError(
      problem.reason,
      path,
      `Kubeconfig ${path}${where} ${problem.detail}, and ${consequence}.`,
      line,
    );
  }
}

const TEXT_IN_KUBECTL = new Set(['intTime', 'floatTime', 'timestamp']);

function keepsKubectlScalars(tag: TagId | Tags[number]): boolean {
  if (typeof tag === 'string') return !TEXT_IN_KUBECTL.has(tag);
  return tag.format !== 'TIME' && tag.tag !== 'tag:yaml.org,2002:timestamp';
}

/** yaml's messages end with the position and a code excerpt; the sentence keeps the reason only. */
function describeYamlError(message: string): string {
  const firstLine = message.split('\n')[0] ?? message;
  const reason = firstLine.replace(/ at line \d+, column \d+:?\s*$/, '').replace(/[.:]\s*$/, '');
  return reason.charAt(0).toLowerCase() + reason.slice(1);
}

function readConfig(root: Node | null, path: string): ParsedKubeconfig {
  // An empty file is a valid, empty kubeconfig for kubectl.
  if (root === null || isNull(root)) return { path, contexts: [], clusters: [], users: [] };
  if (!isMap(root)) throw new ShapeProblem('invalid-kubeconfig', 'is not a mapping of kubeconfig fields', offsetOf(root));

  const currentContext = readString(field(root, 'current-context'), 'current-context');
  const contexts = readNamedList(root, 'contexts', 'context', (name, body): KubeContextEntry => {
    const namespace = readString(field(body, 'namespace'), 'namespace');
    return {
      name,
      cluster: readString(field(body, 'cluster'), 'cluster') ?? '',
      user: readString(field(body, 'user'), 'user') ?? '',
      ...(namespace ? { namespace } : {}),
    };
  });
  const clusters = readNamedList(root, 'clusters', 'cluster', (name, body): KubeClusterEntry => ({
    name,
    server: readString(field(body, 'server'), 'server') ?? '',
    insecureSkipTlsVerify: readBoolean(field(body, 'insecure-skip-tls-verify'), 'insecure-skip-tls-verify') ?? false,
    hasCertificateAuthority:
      Boolean(readString(field(body, 'certificate-authority'), 'certificate-authority')) ||
      Boolean(readString(field(body, 'certificate-authority-data'), 'certificate-authority-data')),
  }));
  const users = readNamedList(root, 'users', 'user', (name, body): KubeUserEntry => ({ name, auth: readAuth(body) }));

  return { path, ...(currentContext ? { currentContext } : {}), contexts, clusters, users };
}

/**
 * Reads `contexts:`/`clusters:`/`users:`: a list of `{ name, <body>: {...} }`. A name seen twice
 * in one file is refused, as client-go does when it converts the list into a map.
 */
function readNamedList<T>(
  root: YAMLMap,
  listKey: string,
  bodyKey: string,
  read: (name: string, body: YAMLMap | undefined) => T,
): T[] {
  const list = field(root, listKey);
  if (list === undefined || isNull(list)) return [];
  if (!isSeq(list)) throw new ShapeProblem('invalid-kubeconfig', `has "${listKey}" that is not a list`, offsetOf(list));
  const entries: T[] = [];
  const seen = new Set<string>();
  const kind = bodyKey;
  for (const item of list.items) {
    if (item === null || isNull(item as Node)) continue;
    if (!isMap(item)) {
      throw new ShapeProblem('invalid-kubeconfig', `has a ${kind} entry that is not a mapping`, offsetOf(item as Node));
    }
    const name = readString(field(item, 'name'), 'name') ?? '';
    if (seen.has(name)) {
      throw new ShapeProblem('duplicate-name', `defines the ${kind} "${name}" twice`, offsetOf(item));
    }
    seen.add(name);
    const body = field(item, bodyKey);
    if (body !== undefined && !isNull(body) && !isMap(body)) {
      throw new ShapeProblem('invalid-kubeconfig', `has a ${kind} "${name}" whose "${bodyKey}" is not a mapping`, offsetOf(body));
    }
    entries.push(read(name, body !== undefined && isMap(body) ? body : undefined));
  }
  return entries;
}

function readAuth(body: YAMLMap | undefined): UserAuth {
  if (!body) return { kind: 'none' };
  const exec = field(body, 'exec');
  if (exec !== undefined && isMap(exec)) return { kind: 'exec', command: readString(field(exec, 'command'), 'command') ?? '' };
  const provider = field(body, 'auth-provider');
  if (provider !== undefined && isMap(provider)) {
    return { kind: 'auth-provider', provider: readString(field(provider, 'name'), 'name') ?? '' };
  }
  const has = (key: string): boolean => Boolean(readString(field(body, key), key));
  if (has('client-certificate') || has('client-certificate-data')) return { kind: 'client-cert' };
  if (has('token') || has('tokenFile')) return { kind: 'token' };
  if (has('username') || has('password')) return { kind: 'basic' };
  return { kind: 'none' };
}

/** The value of `key`; when a key repeats, the last one wins as in kubectl's YAML reader. */
function field(map: YAMLMap | undefined, key: string): Node | undefined {
  if (!map) return undefined;
  let found: Node | undefined;
  for (const pair of map.items) {
    if (isScalar(pair.key) && pair.key.value === key) found = (pair.value ?? undefined) as Node | undefined;
  }
  return found;
}

function readString(node: Node | undefined, key: string): string | undefined {
  if (node === undefined || isNull(node)) return undefined;
  if (isScalar(node) && typeof node.value === 'string') return node.value;
  throw new ShapeProblem('invalid-kubeconfig', `has "${key}" that is not text`, offsetOf(node));
}

function readBoolean(node: Node | undefined, key: string): boolean | undefined {
  if (node === undefined || isNull(node)) return undefined;
  if (isScalar(node) && typeof node.value === 'boolean') return node.value;
  throw new ShapeProblem('invalid-kubeconfig', `has "${key}" that is not true or false`, offsetOf(node));
}

function isNull(node: Node): boolean {
  return isScalar(node) && node.value === null;
}

function offsetOf(node: Node): number | undefined {
  return node.range?.[0];
}
