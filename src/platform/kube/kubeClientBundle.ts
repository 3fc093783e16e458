// Entry point of dist/kubeClient.js: the parts of @kubernetes/client-node the extension uses,
// in a bundle of its own so that it is neither read nor evaluated when the extension
// activates. Named exports (not `export *`) let the bundler drop the hundreds of generated
// API classes nothing here calls. Only src/platform/kube loads it, through loadKubeClient().
// ListWatch (not makeInformer) because only its constructor takes a field selector; the
// request machinery (createConfiguration, ServerConfiguration, HttpMethod, ApiException) lists
// any watched kind by its path, so a new kind needs no API class here.
export { ApiException, AppsV1Api, CoreV1Api, createConfiguration, HttpMethod, KubeConfig, ListWatch, ServerConfiguration, Watch } from '@kubernetes/client-node';
