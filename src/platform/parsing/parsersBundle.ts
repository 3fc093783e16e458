// Entry point of dist/parsers.js: the parsers that bring markdown-it (with its entity tables)
// and yaml, about half of the extension's own code. They run on the first runbook parse,
// kubeconfig read or step run, never during activation, so they live in a bundle of their
// own that activation neither reads nor compiles. Only loadParsers() loads it.
export { parseRunbook } from '../../core/runbooks/parseRunbook';
export { parseKubeconfig } from '../../core/kube/kubeconfigParser';
export { NO_CLUSTER_KUBECONFIG, pinnedKubeconfigEnv, renderPinKubeconfig } from '../../core/kube/pinKubeconfig';
