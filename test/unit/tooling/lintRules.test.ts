// The lint of eslint.config.mjs, run on small sources as if they were files of the repository:
// an import against the layers, or a function or class over the size limits, fails `npm test`.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface LintMessage {
  readonly ruleId: string | null;
  readonly message: string;
}
type Verify = (code: string, path: string) => LintMessage[];

/** A module of the repository, loaded at run time: the bundler leaves computed specifiers alone. */
async function loadModule<T>(path: string): Promise<T> {
  return (await import(pathToFileURL(join(process.cwd(), path)).href)) as T;
}

/** The repository's lint configuration without type information, which these rules do not need. */
async function loadLint(): Promise<Verify> {
  const { Linter } = await loadModule<{ Linter: new (options: { cwd: string }) => { verify(code: string, config: unknown, path: string): LintMessage[] } }>(
    'node_modules/eslint/lib/api.js',
  );
  const { default: configs } = await loadModule<{ default: unknown[] }>('eslint.config.mjs');
  const { default: tseslint } = await loadModule<{ default: { configs: { disableTypeChecked: object } } }>('node_modules/typescript-eslint/dist/index.js');
  const linter = new Linter({ cwd: process.cwd() });
  const withoutTypes = [...configs, { files: ['**/*.ts'], ...tseslint.configs.disableTypeChecked }];
  return (code, path) => linter.verify(code, withoutTypes, join(process.cwd(), path));
}

function ruleIds(messages: LintMessage[]): string[] {
  return messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

/** A function of `lines` lines as written, its name and closing brace included. */
function functionOf(name: string, lines: number): string {
  return [`export function ${name}(): number {`, '  let n = 0;', ...Array.from({ length: lines - 4 }, () => '  n++;'), '  return n;', '}', ''].join('\n');
}

function classOf(name: string, lines: number): string {
  return [`export class ${name} {`, ...Array.from({ length: lines - 2 }, (_, i) => `  readonly field${i} = ${i};`), '}', ''].join('\n');
}

describe('lint (eslint.config.mjs)', function () {
  this.timeout(60_000);
  let lint: Verify;

  before(async () => {
    lint = await loadLint();
  });

  describe('the layers', () => {
    const cases: { file: string; imports: string; allowed: boolean }[] = [
      { file: 'src/core/shared/example.ts', imports: 'vscode', allowed: false },
      { file: 'src/core/shared/example.ts', imports: '../../platform/log', allowed: false },
      { file: 'src/core/shared/example.ts', imports: '../../views/kubeStatusBar', allowed: false },
      { file: 'src/core/shared/example.ts', imports: '../../commands/kubeCommands', allowed: false },
      { file: 'src/core/shared/example.ts', imports: '../../extension', allowed: false },
      { file: 'src/core/shared/example.ts', imports: '../kube/kubeconfigModel', allowed: true },
      { file: 'src/platform/kube/example.ts', imports: '../../views/kubeStatusBar', allowed: false },
      { file: 'src/platform/kube/example.ts', imports: '../../commands/kubeCommands', allowed: false },
      { file: 'src/platform/kube/example.ts', imports: '../../services', allowed: false },
      { file: 'src/platform/kube/example.ts', imports: '../../core/kube/kubeconfigModel', allowed: true },
      { file: 'src/platform/kube/example.ts', imports: 'vscode', allowed: true },
      { file: 'src/views/example.ts', imports: '../commands/kubeCommands', allowed: false },
      { file: 'src/views/example.ts', imports: '../platform/log', allowed: true },
      { file: 'src/views/example.ts', imports: '../platform/commands', allowed: true },
      { file: 'src/platform/example.ts', imports: './commands', allowed: true },
      { file: 'src/platform/example.ts', imports: '../commands/kubeCommands', allowed: false },
      { file: 'src/platform/kube/example.ts', imports: '../commands', allowed: true },
      { file: 'src/core/execution/deep/example.ts', imports: '../../../platform/log', allowed: false },
      { file: 'src/commands/example.ts', imports: '../views/kubeStatusBar', allowed: true },
      { file: 'test/unit/example.test.ts', imports: 'vscode', allowed: false },
      { file: 'test/support/example.ts', imports: 'playwright-core', allowed: false },
      { file: 'test/integration/suite/example.test.ts', imports: 'playwright-core', allowed: false },
      { file: 'test/integration/suite/example.test.ts', imports: 'vscode', allowed: true },
    ];
    for (const { file, imports, allowed } of cases) {
      it(`${file} ${allowed ? 'may' : 'may not'} import ${imports}`, () => {
        const found = ruleIds(lint(`import type { Example } from '${imports}';\nexport type Used = Example;\n`, file));
        assert.deepEqual(found, allowed ? [] : ['no-restricted-imports']);
      });
    }

    it('refuses a type-only import of vscode in src/core too', () => {
      assert.deepEqual(ruleIds(lint(`import type * as vscode from 'vscode';\nexport type Uri = vscode.Uri;\n`, 'src/core/shared/example.ts')), ['no-restricted-imports']);
    });
  });

  describe('the size limits in src', () => {
    it('takes a function of 80 lines and refuses one of 81', () => {
      assert.deepEqual(ruleIds(lint(functionOf('countUp', 80), 'src/core/shared/example.ts')), []);
      assert.deepEqual(ruleIds(lint(functionOf('countUp', 81), 'src/core/shared/example.ts')), ['local/size-limits']);
    });

    it('takes a class of 300 lines and refuses one of 301', () => {
      assert.deepEqual(ruleIds(lint(classOf('Counter', 300), 'src/platform/example.ts')), []);
      assert.deepEqual(ruleIds(lint(classOf('Counter', 301), 'src/platform/example.ts')), ['local/size-limits']);
    });

    it('counts a method and an arrow function as written, by their names', () => {
      const method = ['export class Counter {', ...functionOf('count', 81).replace('export function ', '').split('\n').map((line) => `  ${line}`), '}', ''].join('\n');
      const [problem] = lint(method, 'src/platform/example.ts');
      assert.match(problem?.message ?? '', /^Function count has 81 lines/);
      const arrow = functionOf('countUp', 81).replace('export function countUp(): number {', 'export const countUp = (): number => {');
      assert.match(lint(arrow, 'src/platform/example.ts')[0]?.message ?? '', /^Function countUp has 81 lines/);
    });

    it('holds no limit outside src', () => {
      assert.deepEqual(ruleIds(lint(functionOf('countUp', 200), 'test/unit/example.test.ts')), []);
    });
  });
});
