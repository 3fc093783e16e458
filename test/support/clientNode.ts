// The real @kubernetes/client-node for tests and the bench, as the product loads its own bundle.
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as ClientNodeModule from '@kubernetes/client-node';

/** The whole library; it also serves where the product's narrower `KubeClient` is asked for. */
export type ClientNode = typeof ClientNodeModule;

/**
 * Loads the ESM-only client from the repository's node_modules. The specifier is computed so
 * that esbuild leaves the import alone in every build (the bundle may live outside the repo,
 * where a bare `import('@kubernetes/client-node')` would not resolve).
 */
export async function loadClientNode(repoRoot = process.cwd()): Promise<ClientNode> {
  const entry = createRequire(join(repoRoot, 'package.json')).resolve('@kubernetes/client-node');
  return (await import(pathToFileURL(entry).href)) as ClientNode;
}
