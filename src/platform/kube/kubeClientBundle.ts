// Entry point of dist/kubeClient.js: the parts of @kubernetes/client-node the extension uses,
// in a bundle of its own so that it is neither read nor evaluated when the extension
// activates. Named exports (not `export *`) let the bundler drop the hundreds of generated
// API classes nothing here calls. Only src/platform/kube loads it, through loadKubeClient().
export { AppsV1Api, CoreV1Api, KubeConfig, Watch, makeInformer } from '@kubernetes/client-node';
