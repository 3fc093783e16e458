import { join } from 'node:path';
import type * as ParsersBundle from './parsersBundle';

export type Parsers = typeof ParsersBundle;

/**
 * Set to true by the extension's build, which also writes dist/parsers.js. Test bundles leave
 * it undefined and get the parsers inline.
 */
declare const ONCALL_SEPARATE_PARSERS: boolean | undefined;

let loading: Promise<Parsers> | undefined;

/**
 * The runbook, kubeconfig and pin-file parsers, loaded on first use. In the extension they
 * come from dist/parsers.js next to dist/extension.js: esbuild inlines `import()` into a
 * CommonJS bundle, so only a require of a computed path keeps them off the activation path.
 */
export function loadParsers(): Promise<Parsers> {
  loading ??=
    typeof ONCALL_SEPARATE_PARSERS !== 'undefined' && ONCALL_SEPARATE_PARSERS
      ? Promise.resolve().then(() => require(join(__dirname, 'parsers.js')) as Parsers)
      : import('./parsersBundle');
  return loading;
}
