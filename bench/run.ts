// `npm run bench`: prints one line per performance figure (value, same-run reference, ratio,
// spread, budget) and exits non-zero when a budget is missed. Not part of `npm test`: timing
// on a shared machine is too noisy for pass/fail tests.
import { resolve } from 'node:path';
import { judge } from './measure';
import { runbookFigures } from './runbooks.bench';

const repoRoot = resolve(__dirname, '../../..');
const verdicts = [...runbookFigures(repoRoot)].map(judge);
for (const verdict of verdicts) console.log(verdict.line);
const missed = verdicts.filter((v) => !v.ok).length;
console.log(missed === 0 ? 'bench: every budget met' : `bench: ${missed} budget(s) missed`);
process.exit(missed === 0 ? 0 : 1);
