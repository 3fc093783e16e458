import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

// Tests run from the repository root. The corpus of real runbooks is found by test/support/corpus.ts.
export const starterDir = resolve(process.cwd(), 'runbooks');

export function listMarkdown(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return listMarkdown(path);
    return name.endsWith('.md') ? [path] : [];
  });
}
