// Lint that holds the layers and catches the bugs the compiler lets through. Only rules that
// find real problems here, plus a few formatting rules the code already follows everywhere:
// a formatter that rewrote every file would bury the history of the code under one commit.
import stylistic from '@stylistic/eslint-plugin';
import tseslint from 'typescript-eslint';
import { sizeLimits } from './scripts/lint/sizeLimits.mjs';

/** The layers above each layer; `src/core` is pure: no editor and nothing above it. */
const ABOVE = {
  core: ['platform', 'views', 'commands'],
  platform: ['views', 'commands'],
  views: ['commands'],
};
/** Deep enough for every folder in src. */
const MAX_DEPTH = 6;

/**
 * `no-restricted-imports` for the files of `layer` at one depth below src: a relative import
 * reaches src after exactly `depth` `../`, so `../commands` is the commands layer from
 * src/views but a sibling module from src/platform (src/platform/commands.ts).
 */
function layerBlocks(layer, extra = {}) {
  return Array.from({ length: MAX_DEPTH }, (_, index) => {
    const up = `^(\\.\\./){${index + 1}}`;
    return {
      files: [`src/${layer}/${'*/'.repeat(index)}*.ts`],
      rules: {
        'no-restricted-imports': [
          'error',
          {
            ...extra,
            patterns: [
              {
                regex: `${up}(${ABOVE[layer].join('|')})(/|$)|${up}(services|extension)$`,
                message: `src/${layer} imports only from the layers below it: core <- platform <- views <- commands <- services/extension.`,
              },
            ],
          },
        ],
      },
    };
  });
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/workspace/**', 'test/launch/demoWorkspace/**', '**/*.d.ts'] },
  {
    files: ['**/*.ts', '**/*.mjs'],
    languageOptions: {
      parser: tseslint.parser,
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    plugins: { '@typescript-eslint': tseslint.plugin, '@stylistic': stylistic },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // The formatting check: what every file already does.
      '@stylistic/quotes': ['error', 'single', { avoidEscape: true, allowTemplateLiterals: 'always' }],
      '@stylistic/semi': ['error', 'always'],
      '@stylistic/comma-dangle': ['error', 'always-multiline'],
      '@stylistic/eol-last': 'error',
      '@stylistic/no-trailing-spaces': 'error',
      '@stylistic/no-multiple-empty-lines': ['error', { max: 1, maxBOF: 0, maxEOF: 0 }],
      '@stylistic/no-tabs': 'error',
    },
  },
  {
    // Plain JavaScript is outside the TypeScript project: no type information for it.
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  ...layerBlocks('core', { paths: [{ name: 'vscode', message: 'src/core runs without the editor: pass what it needs in.' }] }),
  ...layerBlocks('platform'),
  ...layerBlocks('views'),
  {
    // Test code every tier bundles: the unit tests and the bench run in plain Node, the
    // extension-host tests have no browser.
    files: ['test/support/**', 'test/fixtures/**', 'test/unit/**', 'bench/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'Only the extension-host tests (test/integration) have the editor.' },
            { name: 'playwright-core', message: 'Only the UI tests (test/ui, test/launch) drive a browser.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/integration/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'playwright-core', message: 'Only the UI tests (test/ui, test/launch) drive a browser.' }] }] },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { local: { rules: { 'size-limits': sizeLimits } } },
    rules: { 'local/size-limits': 'error' },
  },
);
