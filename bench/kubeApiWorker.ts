// The Kubernetes API fixture of the kube scale benchmark, in a worker thread: its own heap
// and its own thread, so that serving 250,000 objects is counted neither in the source's
// heap nor in its event loop's time. Messages: `churn` (changes that reach the source as
// watch events), `stop`.
import { parentPort, workerData } from 'node:worker_threads';
import { clusterAtScale, scaleEvent, scalePod, type ClusterSize } from '../test/fixtures/kube/clusterAtScale';
import { KubeApiFixture } from '../test/fixtures/kube/kubeApiServer';

export interface ChurnMessage {
  readonly type: 'churn';
  /** Pods that start crash-looping (taken among the healthy ones), and as many failing pods that recover. */
  readonly flips: number;
  /** New Warning events. */
  readonly events: number;
}

async function serve(): Promise<void> {
  const size = workerData as ClusterSize;
  const fixture = await KubeApiFixture.start({ objects: clusterAtScale(size) });
  const port = parentPort!;
  port.postMessage({ type: 'ready', url: fixture.url });
  port.on('message', (message: ChurnMessage | { type: 'stop' }) => {
    if (message.type === 'stop') {
      void fixture.stop().then(() => port.postMessage({ type: 'stopped' }));
      return;
    }
    for (let i = 0; i < message.flips; i++) {
      fixture.upsert(scalePod(i * 50 + 1, true));
      fixture.upsert(scalePod(i * 50, false));
    }
    for (let i = 0; i < message.events; i++) fixture.upsert(scaleEvent(size.events + i * size.warningEvery, size));
    port.postMessage({ type: 'churned' });
  });
}

void serve();
