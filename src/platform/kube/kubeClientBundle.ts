// Entry point of dist/kubeClient.js: the parts of @kubernetes/client-node the extension uses,
// in a bundle of its own so that it is neither read nor evaluated when the extension
// activates. Named exports (not `export *`) let the bundler drop the hundreds of generated
// API classes nothing here calls. Only src/platform/kube loads it, through loadKubeClient().
// ListWatch (not makeInformer) because only its constructor takes a field selector; Observable
// because per-call middleware must return the library's own Observable.
export { AppsV1Api, BatchV1Api, CoreV1Api, KubeConfig, ListWatch, Observable, Watch, makeInformer } from '@kubernetes/client-node';
