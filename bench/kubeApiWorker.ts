// The Kubernetes API fixture of the kube scale benchmark, in a process of its own (forked,
// the cluster's size as JSON in argv[2]), so that serving 250,000 objects is counted neither
// in the source's heap nor in its process's CPU time. Messages: `churn` (changes that reach
// the source as watch events), `stop`.
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
  const size = JSON.parse(process.argv[2]) as ClusterSize;
  const fixture = await KubeApiFixture.start({ objects: clusterAtScale(size) });
  const send = (message: object) => process.send?.(message);
  // Never outlives the bench, whatever happens to it.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', url: fixture.url });
  process.on('message', (message: ChurnMessage | { type: 'stop' }) => {
    if (message.type === 'stop') {
      void fixture.stop().then(() => {
        send({ type: 'stopped' });
        process.disconnect();
      });
      return;
    }
    for (let i = 0; i < message.flips; i++) {
      fixture.upsert(scalePod(i * 50 + 1, true));
      fixture.upsert(scalePod(i * 50, false));
    }
    for (let i = 0; i < message.events; i++) fixture.upsert(scaleEvent(size.events + i * size.warningEvery, size));
    send({ type: 'churned' });
  });
}

void serve();
