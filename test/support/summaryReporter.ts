// Mocha reporter: the usual spec output, then one plain closing line such as
// `unit: 42 passed, 0 failed, 0 skipped` that any CI log reader can count.
// A skipped test is reported as skipped, never as passed; suites skipped for want of the
// corpus of real runbooks get one line saying so and how to get it.
import Mocha from 'mocha';
import { corpusSkippedLine, corpusSuitesSkipped } from './corpus';

const { Spec } = Mocha.reporters;
const { EVENT_RUN_END } = Mocha.Runner.constants;

class SummaryReporter extends Spec {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    const label = process.env.ONCALL_TEST_TIER ?? inferTier(runner);
    runner.once(EVENT_RUN_END, () => {
      const { passes, failures, pending } = runner.stats ?? { passes: 0, failures: 0, pending: 0 };
      const withoutCorpus = corpusSuitesSkipped();
      if (withoutCorpus.length > 0) console.log(corpusSkippedLine(withoutCorpus));
      console.log(`${label}: ${passes} passed, ${failures} failed, ${pending} skipped`);
    });
  }
}

function inferTier(runner: Mocha.Runner): string {
  const file = runner.suite.suites[0]?.file ?? '';
  if (file.includes('/ui/')) return 'ui';
  if (file.includes('/integration/')) return 'integration';
  return 'unit';
}

module.exports = SummaryReporter;
