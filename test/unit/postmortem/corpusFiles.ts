import { resolve } from 'node:path';

// Tests run from the repository root. The corpus of real runbooks is found by test/support/corpus.ts.
export const starterDir = resolve(process.cwd(), 'runbooks');
export { listMarkdown } from '../../support/corpus';
