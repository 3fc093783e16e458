// Secret redaction of a 1 MB one-line step (a pasted manifest or a long chain of commands):
// it runs on every confirmation and journal entry, so it must stay linear. Measured against
// one regular-expression pass over the same text in the same run.
import { redactSecrets } from '../src/core/execution/secretRedaction';
import data from '../test/fixtures/execution/secretRedaction.json';
import { Figure, sampleAgainst } from './measure';

const MEGABYTE = 1_000_000;

/** Real commands, some holding secrets, chained on one line up to 1 MB. */
function oneLineStep(): string {
  const commands = [
    'kubectl get pods -n shop -o wide',
    'PGPASSWORD=s3cr3t psql postgres://app:pw@db.internal:5432/shop -c "select count(*) from orders"',
    'curl -su admin:hunter2 -H "Authorization: Bearer abc.def" https://es:9200/_cluster/health',
    'helm upgrade api ./chart --set image.tag=1.2.3 --set auth.password=x',
    "echo '{\"token\": \"abc\", \"replicas\": 3}' | jq .",
  ];
  const chain = `${commands.join(' && ')} && `;
  return chain.repeat(Math.ceil(MEGABYTE / chain.length));
}

export function redactionFigures(): Figure[] {
  const step = oneLineStep();
  const count = (text: string) => text.match(/=/g)?.length ?? 0;
  const realistic = sampleAgainst(() => redactSecrets(step), () => count(step), 11, 2);
  // The slowest of the unit tests' hostile inputs, each grown to 1 MB.
  const hostile = (data.slow as Array<{ unit: string; prefix?: string; suffix?: string }>).map((slow) => `${slow.prefix ?? ''}${slow.unit.repeat(Math.ceil(MEGABYTE / slow.unit.length))}${slow.suffix ?? ''}`);
  const worst = hostile
    .map((text) => ({ text, sample: sampleAgainst(() => redactSecrets(text), () => count(text), 5, 1) }))
    .reduce((a, b) => (b.sample.measured.median > a.sample.measured.median ? b : a));
  return [
    {
      name: 'redact secrets in a 1 MB one-line step',
      value: realistic.measured,
      unit: 'ms',
      reference: { name: 'one regex pass', value: realistic.reference },
      maxValue: 50,
    },
    {
      name: `  (slowest hostile 1 MB input: ${JSON.stringify(worst.text.slice(0, 24))}…)`,
      value: worst.sample.measured,
      unit: 'ms',
      reference: { name: 'one regex pass', value: worst.sample.reference },
      maxValue: 150,
    },
  ];
}
