import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

// Tests run from the repository root; the corpus of real runbooks is the shared folder next to it.
export const starterDir = resolve(process.cwd(), 'runbooks');
export const corpusDir = resolve(process.cwd(), '..', 'shared', 'corpus');

export function listMarkdown(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listMarkdown(path);
    return name.endsWith('.md') ? [path] : [];
  });
}
