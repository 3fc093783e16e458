// Steps that name their own target, or move where later steps go, with the confirmation
// they must get. Every row runs against KUBECONFIG_FOR_CASES below with the terminal pinned
// to `dev` (unless `active` says otherwise) and the default protected patterns, with
// `oncall.execution.confirm` at its default (`destructive`).

import type { Confirmation } from '../../../src/core/execution/planExecution';

export interface CommandTargetCase {
  readonly command: string;
  readonly language?: 'shell' | 'python';
  /** The pinned context; `dev` when absent. */
  readonly active?: string;
  readonly confirmation: Confirmation;
  /** The name to type, for `typed-name`. */
  readonly typedName?: string;
  /** The step moves later steps elsewhere ("changes where later steps run"). */
  readonly retarget?: boolean;
  /** A fragment the dialog must show about the named target (its `where` or reason). */
  readonly shows?: string;
  readonly why: string;
}

/** The user's kubeconfig: dev and staging are ordinary, the others are production in some way. */
export const KUBECONFIG_FOR_CASES = `
apiVersion: v1
kind: Config
current-context: dev
contexts:
- name: dev
  context: {cluster: dev, user: dev-admin, namespace: default}
- name: staging
  context: {cluster: staging, user: dev-admin}
- name: prod-eu
  context: {cluster: prod-eu, user: prod-admin, namespace: shop}
- name: payments
  context: {cluster: "arn:aws:eks:us-east-1:123456789012:cluster/payments-prd", user: prod-admin}
- name: alias-dev
  context: {cluster: dev-on-prod, user: dev-admin}
clusters:
- name: dev
  cluster: {server: "https://dev.example:6443"}
- name: staging
  cluster: {server: "https://10.3.0.1:6443"}
- name: prod-eu
  cluster: {server: "https://10.0.0.1:6443"}
- name: "arn:aws:eks:us-east-1:123456789012:cluster/payments-prd"
  cluster: {server: "https://DEF.gr7.us-east-1.eks.amazonaws.com"}
- name: dev-on-prod
  cluster: {server: "https://api.prod.example.com"}
users:
- name: dev-admin
  user: {token: "t1"}
- name: prod-admin
  user: {token: "t2"}
`;

/** Another kubeconfig, read when a command names it (`--kubeconfig`, `KUBECONFIG=`). */
export const NAMED_KUBECONFIGS: Readonly<Record<string, string>> = {
  '/etc/kube/prod.yaml': `
apiVersion: v1
kind: Config
current-context: prod-eu
contexts:
- name: prod-eu
  context: {cluster: prod-eu, user: prod-admin}
clusters:
- name: prod-eu
  cluster: {server: "https://10.0.0.1:6443"}
users:
- name: prod-admin
  user: {token: "t2"}
`,
  '~/.kube/lab': `
apiVersion: v1
kind: Config
current-context: lab
contexts:
- name: lab
  context: {cluster: lab}
clusters:
- name: lab
  cluster: {server: "https://lab.example:6443"}
`,
};

export const COMMAND_TARGET_CASES: readonly CommandTargetCase[] = [
  // Named contexts.
  { command: 'kubectl --context prod-eu delete pod web-1', confirmation: 'typed-name', typedName: 'prod-eu', shows: 'context "prod-eu"', why: 'the issue\'s own example' },
  { command: 'kubectl --context=prod-eu delete pod web-1', confirmation: 'typed-name', typedName: 'prod-eu', why: '--context=' },
  { command: 'kubectl delete pod web-1 -n shop --context prod-eu', confirmation: 'typed-name', typedName: 'prod-eu', why: 'the flag after the verb' },
  { command: 'kubectl -n shop --context PROD-EU-typo delete pod x', confirmation: 'typed-name', typedName: 'PROD-EU-typo', shows: 'not defined', why: 'a context the kubeconfig does not define cannot be checked: its name is typed' },
  { command: 'kubectl --context nope get pods', confirmation: 'modal', shows: 'not defined', why: 'unknown asks, even for a read-only step' },
  { command: 'kubectl --context prod-eu get pods', confirmation: 'modal', shows: 'protected', why: 'a read-only step in a protected context asks' },
  { command: 'kubectl --context staging delete pod x', confirmation: 'modal', shows: 'context "staging"', why: 'a destructive step in an unprotected named context: the usual dialog, naming it' },
  { command: 'kubectl --context staging get pods', confirmation: 'none', why: 'read-only in an unprotected context: no false alarm' },
  { command: 'kubectl --context= delete pod x', confirmation: 'modal', why: 'an empty --context is no context: the pinned one applies' },
  { command: 'kubectl get pods', confirmation: 'none', why: 'no target named: the pinned context decides' },
  { command: 'kubectl get pods', active: 'prod-eu', confirmation: 'modal', why: 'pinned to a protected context, as before' },
  { command: 'kubectl --context staging delete pod x', active: 'prod-eu', confirmation: 'typed-name', typedName: 'prod-eu', why: 'pinned to production: still the strongest prompt' },
  // Protected by what the context points at.
  { command: 'kubectl --context payments scale deploy/api --replicas=0', confirmation: 'typed-name', typedName: 'payments', shows: 'payments-prd', why: 'an alias of an EKS production cluster' },
  { command: 'kubectl --context alias-dev delete pod x', confirmation: 'typed-name', typedName: 'alias-dev', shows: 'api.prod.example.com', why: 'a dev-named context on the production server' },
  // Cluster, server, user, token.
  { command: 'kubectl --cluster prod-eu delete pod x', confirmation: 'typed-name', typedName: 'prod-eu', shows: 'cluster "prod-eu"', why: '--cluster swaps the pinned context\'s cluster' },
  { command: 'kubectl -s https://api.prod.example.com delete pod x', confirmation: 'typed-name', typedName: 'https://api.prod.example.com', why: '-s names a server' },
  { command: 'kubectl --server=https://api.prod.example.com --token abc get pods', confirmation: 'modal', why: '--server= with a token, read-only' },
  { command: 'kubectl --server https://10.3.0.1:6443 get pods', confirmation: 'none', why: 'an unprotected server, read-only' },
  { command: 'kubectl --cluster nowhere delete pod x', confirmation: 'typed-name', typedName: 'nowhere', shows: 'not defined', why: 'an undefined cluster' },
  { command: 'kubectl --user prod-admin --context prod-eu delete pod x', confirmation: 'typed-name', typedName: 'prod-eu', shows: 'as user "prod-admin"', why: '--user is shown' },
  { command: 'kubectl --token "$(cat /run/token)" --context prod-eu get pods', confirmation: 'modal', shows: 'a token of its own', why: 'a computed token is a credential, not a target' },
  // Kubeconfigs named by the command.
  { command: 'KUBECONFIG=/etc/kube/prod.yaml kubectl delete pod x', confirmation: 'typed-name', typedName: 'prod-eu', shows: 'from /etc/kube/prod.yaml', why: 'KUBECONFIG= prefix: its current-context' },
  { command: 'kubectl --kubeconfig /etc/kube/prod.yaml delete pod x', confirmation: 'typed-name', typedName: 'prod-eu', why: '--kubeconfig' },
  { command: 'kubectl --kubeconfig=/etc/kube/prod.yaml get pods', confirmation: 'modal', why: '--kubeconfig=, read-only in production' },
  { command: 'env KUBECONFIG=/etc/kube/prod.yaml kubectl delete pod x', confirmation: 'typed-name', typedName: 'prod-eu', why: 'through env' },
  { command: 'KUBECONFIG=~/.kube/lab kubectl delete pod x', confirmation: 'modal', shows: 'context "lab"', why: 'an unprotected kubeconfig of its own' },
  { command: 'KUBECONFIG=$HOME/.kube/lab kubectl get pods', confirmation: 'none', why: '$HOME is understood' },
  { command: 'kubectl --kubeconfig /missing/config delete pod x', confirmation: 'typed-name', typedName: '/missing/config', shows: 'cannot be read', why: 'an unreadable kubeconfig cannot be checked' },
  { command: 'kubectl --kubeconfig /missing/config get pods', confirmation: 'modal', why: 'unknown asks' },
  { command: 'KUBECONFIG=$KCFG kubectl get pods', confirmation: 'modal', shows: 'cannot read', why: 'a variable the check cannot read' },
  { command: 'kubectl --context prod-eu --kubeconfig ~/.kube/lab delete pod x', confirmation: 'typed-name', typedName: 'prod-eu', shows: 'not defined', why: 'a context looked up in the kubeconfig the command names' },
  { command: 'KUBECONFIG=/etc/kube/prod.yaml ./deploy.sh', confirmation: 'typed-name', typedName: 'prod-eu', why: 'any program started with KUBECONFIG= reads it' },
  // Other tools.
  { command: 'helm --kube-context prod-eu uninstall api', confirmation: 'typed-name', typedName: 'prod-eu', why: 'helm --kube-context' },
  { command: 'helm upgrade api ./chart -n shop --kube-context=prod-eu', confirmation: 'typed-name', typedName: 'prod-eu', why: 'helm --kube-context= after the arguments' },
  { command: 'helm list --kube-context prod-eu', confirmation: 'modal', why: 'helm read-only in production' },
  { command: 'helm --kubeconfig /etc/kube/prod.yaml rollback api 3', confirmation: 'typed-name', typedName: 'prod-eu', why: 'helm --kubeconfig' },
  { command: 'stern --context prod-eu api', confirmation: 'modal', why: 'stern reads production' },
  { command: 'k9s --context prod-eu', confirmation: 'modal', why: 'k9s can do anything there' },
  // Wrappers.
  { command: 'sudo -E kubectl --context prod-eu delete ns shop', confirmation: 'typed-name', typedName: 'prod-eu', why: 'sudo' },
  { command: 'bash -c "kubectl --context prod-eu delete pod x"', confirmation: 'typed-name', typedName: 'prod-eu', why: 'bash -c' },
  { command: 'bash <<EOF\nkubectl --context prod-eu delete pod x\nEOF', confirmation: 'typed-name', typedName: 'prod-eu', why: 'a heredoc fed to bash' },
  { command: 'watch kubectl --context prod-eu get pods', confirmation: 'modal', why: 'watch' },
  { command: 'retry 3 kubectl --context prod-eu delete pod x', confirmation: 'typed-name', typedName: 'prod-eu', why: 'an unknown wrapper' },
  { command: 'for p in a b; do kubectl --context prod-eu delete pod "$p"; done', confirmation: 'typed-name', typedName: 'prod-eu', why: 'in a loop' },
  { command: 'echo $(kubectl --context prod-eu delete pod x)', confirmation: 'typed-name', typedName: 'prod-eu', why: 'in a substitution' },
  { command: 'kubectl --context "$(cat /tmp/ctx)" delete pod x', confirmation: 'typed-name', shows: 'cannot read', why: 'a computed context' },
  { command: 'ssh bastion kubectl delete pod x', confirmation: 'typed-name', typedName: 'bastion', shows: 'another host', why: 'kubectl on another host' },
  { command: 'ssh bastion kubectl get pods', confirmation: 'modal', why: 'kubectl on another host, read-only: asks' },
  { command: 'kubectl exec web-1 -- kubectl --context prod-eu delete pod x', confirmation: 'modal', why: 'flags after -- belong to the command in the pod' },
  { command: 'subprocess.run("kubectl --context prod-eu delete pod x", shell=True)', language: 'python', confirmation: 'typed-name', typedName: 'prod-eu', why: 'Python running kubectl' },
  { command: 'k --context prod-eu delete pod x', confirmation: 'typed-name', typedName: 'prod-eu', why: 'the k alias' },
  { command: 'oc --context prod-eu delete pod x', confirmation: 'typed-name', typedName: 'prod-eu', why: 'oc' },
  { command: 'kubectl \\\n  --context prod-eu \\\n  delete pod x', confirmation: 'typed-name', typedName: 'prod-eu', why: 'line continuations' },
  { command: 'time kubectl --context prod-eu delete pod x', confirmation: 'typed-name', typedName: 'prod-eu', why: 'time' },
  { command: 'nohup kubectl --context prod-eu delete pod x &', confirmation: 'typed-name', typedName: 'prod-eu', why: 'nohup, in the background' },
  { command: 'kubectl get pods -o name | xargs -I{} kubectl --context {} delete {}', confirmation: 'typed-name', typedName: '{}', shows: 'not defined', why: 'a context filled in by xargs cannot be checked' },
  { command: 'kubectl --context=dev --cluster=prod-eu delete pod x', confirmation: 'typed-name', typedName: 'dev', shows: 'cluster "prod-eu"', why: 'an unprotected context name over a production cluster' },
  { command: 'KUBECONFIG=/etc/kube/prod.yaml:~/.kube/lab kubectl delete pod x', confirmation: 'typed-name', typedName: 'prod-eu', why: 'a KUBECONFIG list: the first current-context wins' },
  { command: 'KUBECONFIG=~/.kube/lab:/etc/kube/prod.yaml kubectl --context prod-eu delete pod x', confirmation: 'typed-name', typedName: 'prod-eu', why: 'a context from the second file of a list' },
  { command: 'KUBECONFIG=~/.kube/lab:/etc/kube/prod.yaml kubectl get pods', confirmation: 'none', why: 'the list\'s first current-context is lab' },
  // Moving later steps.
  { command: 'kubectx prod-eu', confirmation: 'modal', retarget: true, why: 'kubectx switches' },
  { command: 'kubectx', confirmation: 'modal', retarget: true, why: 'bare kubectx may switch interactively' },
  { command: 'kubectx -c', confirmation: 'none', why: 'only prints the current context' },
  { command: 'kubens kube-system', confirmation: 'modal', retarget: true, why: 'kubens changes the namespace of later steps' },
  { command: 'kubectl config use-context prod-eu', confirmation: 'modal', retarget: true, why: 'use-context' },
  { command: 'kubectl config set-context --current --namespace=kube-system', confirmation: 'modal', retarget: true, why: 'set-context' },
  { command: 'kubectl -n x config set-cluster dev --server=https://api.prod.example.com', confirmation: 'modal', retarget: true, why: 'set-cluster after a namespace flag' },
  { command: 'kubectl config get-contexts', confirmation: 'none', why: 'reading the contexts' },
  { command: 'kubectl config view --minify', confirmation: 'none', why: 'reading the kubeconfig' },
  { command: 'kubectl ctx prod-eu', confirmation: 'modal', retarget: true, why: 'the ctx plugin' },
  { command: 'export KUBECONFIG=~/.kube/prod', confirmation: 'modal', retarget: true, why: 'export KUBECONFIG=' },
  { command: 'KUBECONFIG=/etc/kube/prod.yaml', confirmation: 'modal', retarget: true, why: 'assigning the exported variable' },
  { command: 'unset KUBECONFIG', confirmation: 'modal', retarget: true, why: 'kubectl then falls back to ~/.kube/config' },
  { command: 'aws eks --region eu-west-1 update-kubeconfig --name prod', confirmation: 'modal', retarget: true, why: 'writes and selects a context' },
  { command: 'gcloud container clusters get-credentials prod --region europe-west1', confirmation: 'modal', retarget: true, why: 'writes and selects a context' },
  { command: 'az aks get-credentials -g rg -n prod', confirmation: 'modal', retarget: true, why: 'writes and selects a context' },
  { command: 'oc project shop', confirmation: 'modal', retarget: true, why: 'oc project switches' },
  { command: 'oc project', confirmation: 'none', why: 'oc project alone prints' },
  { command: 'kubectl --context prod-eu delete pod x && kubectl config use-context staging', confirmation: 'typed-name', typedName: 'prod-eu', retarget: true, why: 'both: moves later steps, and names production' },
  { command: 'kubectl config --kubeconfig ~/.kube/lab set-context lab --cluster prod-eu', confirmation: 'modal', retarget: true, why: 'config flags are data, not a target' },
  { command: 'kubectl config use-context prod-eu', active: 'prod-eu', confirmation: 'typed-name', typedName: 'prod-eu', retarget: true, why: 'moving later steps is destructive, so production asks for the name' },
  { command: 'echo "kubectl --context prod-eu delete pod x"', confirmation: 'none', why: 'data, not a command' },
  { command: 'grep -- "--context prod-eu" notes.txt', confirmation: 'none', why: 'data, not a command' },
];
