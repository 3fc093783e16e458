// Which runbook placeholders name a Kubernetes object, and the name rules the API server
// itself applies to that kind. A value that breaks the rule can never name a real object,
// so it is refused before it reaches a command: a pod "name" such as `web-1 -n kube-system`
// or `x && bash /tmp/p.sh` is not a name at all.

/** Object kinds a placeholder can stand for. `context` is a kubeconfig entry, not an API object. */
export type KubernetesNameKind =
  | 'pod'
  | 'deployment'
  | 'statefulset'
  | 'daemonset'
  | 'job'
  | 'node'
  | 'namespace'
  | 'service'
  | 'configmap'
  | 'secret'
  | 'container'
  | 'context';

interface NameRule {
  readonly pattern: RegExp;
  readonly maxLength: number;
  /** The sentence shown when a value breaks the rule, after "A <kind> name must be". */
  readonly description: string;
}

// The rules of k8s.io/apimachinery/pkg/util/validation, as the API server applies them per kind.
const DNS1123_SUBDOMAIN: NameRule = {
  pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
  maxLength: 253,
  description: 'a DNS-1123 subdomain: lower-case letters, digits, "-" and ".", starting and ending with a letter or digit, at most 253 characters',
};
const DNS1123_LABEL: NameRule = {
  pattern: /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/,
  maxLength: 63,
  description: 'a DNS-1123 label: lower-case letters, digits and "-", starting and ending with a letter or digit, at most 63 characters',
};
const RFC1035_LABEL: NameRule = {
  pattern: /^[a-z]([-a-z0-9]*[a-z0-9])?$/,
  maxLength: 63,
  description: 'an RFC 1035 label: lower-case letters, digits and "-", starting with a letter and ending with a letter or digit, at most 63 characters',
};
// Context names are free-form in a kubeconfig (`arn:aws:eks:...:cluster/prod`, `gke_p_z_c`,
// `admin@prod`), so the rule only keeps them one plain word that cannot pass as an option.
const CONTEXT_NAME: NameRule = {
  pattern: /^[A-Za-z0-9_][A-Za-z0-9_.:/@+=,-]*$/,
  maxLength: 253,
  description: 'one word of letters, digits and "_ . : / @ + = , -", not starting with "-", at most 253 characters',
};

/** The rule per kind (documented in the README under "Placeholder values"). */
export const KUBERNETES_NAME_RULES: Readonly<Record<KubernetesNameKind, NameRule>> = {
  pod: DNS1123_SUBDOMAIN,
  deployment: DNS1123_SUBDOMAIN,
  statefulset: DNS1123_SUBDOMAIN,
  daemonset: DNS1123_SUBDOMAIN,
  job: DNS1123_SUBDOMAIN,
  node: DNS1123_SUBDOMAIN,
  configmap: DNS1123_SUBDOMAIN,
  secret: DNS1123_SUBDOMAIN,
  namespace: DNS1123_LABEL,
  container: DNS1123_LABEL,
  service: RFC1035_LABEL,
  context: CONTEXT_NAME,
};

// Words (after normalisation to `a-b-c`) that name each kind, including kubectl's short names.
const KIND_WORDS: Readonly<Record<string, KubernetesNameKind>> = {
  pod: 'pod', pods: 'pod', podname: 'pod', po: 'pod',
  deployment: 'deployment', deployments: 'deployment', deploy: 'deployment', deploymentname: 'deployment',
  statefulset: 'statefulset', statefulsets: 'statefulset', sts: 'statefulset',
  daemonset: 'daemonset', daemonsets: 'daemonset', ds: 'daemonset',
  job: 'job', jobs: 'job', jobname: 'job',
  node: 'node', nodes: 'node', nodename: 'node', no: 'node',
  namespace: 'namespace', namespaces: 'namespace', ns: 'namespace',
  service: 'service', services: 'service', svc: 'service', servicename: 'service',
  configmap: 'configmap', configmaps: 'configmap', cm: 'configmap',
  secret: 'secret', secrets: 'secret',
  container: 'container', containers: 'container', containername: 'container',
  context: 'context', kubecontext: 'context', 'kube-context': 'context', 'context-name': 'context',
};

// Trailing words that do not change what is named: `<pod-name>`, `<pod_id>`, `<node-name-here>`.
const NAME_SUFFIXES: ReadonlySet<string> = new Set(['name', 'id', 'here']);

/**
 * The kind a placeholder (normalised name) stands for: its last word once `name`/`id` are
 * dropped, so `<pod-name>`, `$POD`, `<failing-pod>`, `${TARGET_NAMESPACE}` and `<svc>` are
 * names of their kinds, while `<pod-ip>` or `<value of namespace label from alert>` are not.
 */
export function kubernetesKindOf(placeholderName: string): KubernetesNameKind | undefined {
  const whole = KIND_WORDS[placeholderName];
  if (whole) return whole;
  const words = placeholderName.split('-').filter((word) => word !== '');
  while (words.length > 1 && NAME_SUFFIXES.has(words[words.length - 1]!)) words.pop();
  const last = words[words.length - 1];
  if (last === undefined) return undefined;
  // `kube-context`, `context-name` end in a kind word; `service-account`, `secret-key` do not.
  return KIND_WORDS[last];
}

/** One sentence naming the rule a value breaks, or undefined when it is a valid name of that kind. */
export function checkKubernetesName(kind: KubernetesNameKind, value: string): string | undefined {
  const rule = KUBERNETES_NAME_RULES[kind];
  if (value.length <= rule.maxLength && rule.pattern.test(value)) return undefined;
  const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
  return `"${printable(shown)}" is not a valid ${kind} name: a ${kind} name must be ${rule.description}.`;
}

/** Control characters shown as `\xNN`, so the sentence itself stays one readable line. */
function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (ch) => `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
