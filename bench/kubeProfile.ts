// Plain-node harness of the Kubernetes scale figures, for `node --cpu-prof`: the same
// workload as `npm run bench`'s, without the hosts.
import { kubeScaleFigures } from './kubeScale.bench';
import { resolve } from 'node:path';

void kubeScaleFigures(resolve(process.argv[2] ?? '.')).then((figures) => {
  for (const figure of figures) console.log(JSON.stringify(figure));
});
