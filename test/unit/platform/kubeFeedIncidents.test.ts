// The queue between the Kubernetes informers and the incidents: a list larger than one chunk is
// classified over several turns of the event loop, and changes that arrive meanwhile, to
// objects already classified or still waiting, end as the latest change says.
import assert from 'node:assert/strict';
import { watchedKind } from '../../../src/core/incidents/kubeKinds';
import { ClassifyQueue, type FeedIncidents } from '../../../src/platform/incidents/kubeFeedIncidents';
import { crashLoopingStatus, makePod } from '../../fixtures/kube/podObjects';
import { waitFor } from '../../support/waiting';

type Pod = { metadata: { name: string; namespace: string } };

function feed(): FeedIncidents {
  return { kind: watchedKind('pods'), namespace: undefined, incidents: new Map(), expiresAt: new Map() };
}

const failing = (name: string) => makePod(name, { containerStatuses: [crashLoopingStatus()] }) as unknown as Pod;
const healthy = (name: string) => makePod(name) as unknown as Pod;

/** After the queue's own turn: it was scheduled first, and turns run in order. */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe('ClassifyQueue', () => {
  it('classifies a list of several chunks, and a change arriving meanwhile wins over what was listed', async () => {
    let drained = 0;
    const queue = new ClassifyQueue({ sourceName: 'kind', maxAgeMs: 3_600_000, drained: () => drained++ });
    const pods = feed();
    for (let i = 0; i < 1_200; i++) queue.enqueue(pods, failing(`app-${i}`), false);
    assert.ok(queue.busy);
    // After the first chunk: one pod already classified recovers, one still waiting recovers,
    // one is deleted, and a new one fails.
    await nextTurn();
    assert.equal(pods.incidents.size, 500, 'one chunk per turn of the event loop');
    queue.enqueue(pods, healthy('app-0'), false);
    queue.enqueue(pods, healthy('app-1100'), false);
    queue.enqueue(pods, failing('app-1199'), true);
    queue.enqueue(pods, failing('app-new'), false);
    await waitFor('the queue to drain', () => drained > 0 && !queue.busy);
    assert.equal(pods.incidents.size, 1_200 - 3 + 1);
    for (const gone of ['shop/app-0', 'shop/app-1100', 'shop/app-1199']) assert.ok(!pods.incidents.has(gone), gone);
    assert.ok(pods.incidents.has('shop/app-new'));
    assert.ok(pods.incidents.has('shop/app-1099'));
  });

  it('forgets the waiting changes of a feed that is gone, and keeps the others', async () => {
    let drained = 0;
    const queue = new ClassifyQueue({ sourceName: 'kind', maxAgeMs: 3_600_000, drained: () => drained++ });
    const gone = feed();
    const kept = feed();
    for (let i = 0; i < 800; i++) {
      queue.enqueue(gone, failing(`old-${i}`), false);
      queue.enqueue(kept, failing(`app-${i}`), false);
    }
    await nextTurn();
    queue.forget(gone);
    await waitFor('the queue to drain', () => drained > 0 && !queue.busy);
    assert.equal(kept.incidents.size, 800);
    assert.ok(gone.incidents.size < 800, 'changes of a forgotten feed were still classified');
  });

  it('makes a list the whole truth: what it no longer has goes, changes before it are dropped, changes after it win', async () => {
    let drained = 0;
    const queue = new ClassifyQueue({ sourceName: 'kind', maxAgeMs: 3_600_000, drained: () => drained++ });
    const pods = feed();
    queue.list(pods, [failing('gone'), failing('kept'), healthy('ok')]);
    await waitFor('the first list', () => drained === 1 && !queue.busy);
    assert.deepEqual([...pods.incidents.keys()].sort(), ['shop/gone', 'shop/kept']);

    // A change older than the next list is superseded by it; one after it is applied last.
    queue.enqueue(pods, failing('stale'), false);
    queue.list(pods, [failing('kept'), failing('ok'), ...Array.from({ length: 1_000 }, (_, i) => healthy(`app-${i}`))]);
    queue.enqueue(pods, healthy('kept'), false);
    await waitFor('the second list', () => drained === 2 && !queue.busy);
    assert.deepEqual([...pods.incidents.keys()].sort(), ['shop/ok']);

    // An empty list empties the feed, and says so.
    queue.list(pods, []);
    await waitFor('the empty list', () => drained === 3 && !queue.busy);
    assert.equal(pods.incidents.size, 0);
  });
});
