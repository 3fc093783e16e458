import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import type * as TypeScript from 'typescript';
import {
  BuiltInCommands,
  Commands,
  ContextKeys,
  ContextValues,
  EXTENSION_ID,
  Settings,
  USER_ONLY_WHEN_UNTRUSTED,
  ViewContainers,
  Views,
  WALKTHROUGH_ID,
  WALKTHROUGH_SHOWN_KEY,
  WalkthroughContextKeys,
} from '../../src/constants';

interface Manifest {
  name: string;
  publisher: string;
  engines: { vscode: string };
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  capabilities: { untrustedWorkspaces: { supported: string | boolean; description?: string; restrictedConfigurations?: string[] } };
  contributes: {
    viewsContainers: { activitybar: { id: string; icon: string }[] };
    views: Record<string, { id: string }[]>;
    viewsWelcome: { view: string; contents: string }[];
    commands: { command: string; title: string; category?: string }[];
    menus?: Record<string, { command: string }[]>;
    configuration?: { properties: Record<string, unknown> };
    walkthroughs?: { id: string; steps: { id: string; description: string; media: { markdown?: string }; completionEvents?: string[] }[] }[];
  };
}

const manifest = JSON.parse(readFileSync(resolve(process.cwd(), 'package.json'), 'utf8')) as Manifest;

describe('constants mirror package.json', () => {
  it('names the extension as the marketplace will', () => {
    assert.equal(`${manifest.publisher}.${manifest.name}`, EXTENSION_ID);
  });

  it('declares every command in constants, and only those', () => {
    const declared = manifest.contributes.commands.map((c) => c.command).sort();
    assert.deepEqual(declared, Object.values(Commands).sort());
  });

  it('puts every command in the On-Call category with an oncall.<area>.<verb> id', () => {
    for (const command of manifest.contributes.commands) {
      assert.equal(command.category, 'On-Call', command.command);
      assert.match(command.command, /^oncall\.[a-z][A-Za-z]*\.[a-z][A-Za-z]*$/, command.command);
    }
  });

  it('contributes the On-Call container with every view, each with welcome content', () => {
    const containers = manifest.contributes.viewsContainers.activitybar.map((c) => c.id);
    assert.deepEqual(containers, Object.values(ViewContainers));
    const views = manifest.contributes.views[ViewContainers.oncall].map((v) => v.id);
    assert.deepEqual(views.sort(), Object.values(Views).sort());
    const welcomed = new Set(manifest.contributes.viewsWelcome.map((w) => w.view));
    for (const view of Object.values(Views)) assert.ok(welcomed.has(view), `${view} has no welcome content`);
  });

  it('only uses known commands in menus and welcome links', () => {
    const known = new Set<string>([...Object.values(Commands), 'vscode.openFolder', 'workbench.action.openSettings']);
    for (const items of Object.values(manifest.contributes.menus ?? {})) {
      for (const item of items) assert.ok(known.has(item.command), `menu names unknown command ${item.command}`);
    }
    for (const welcome of manifest.contributes.viewsWelcome) {
      for (const [, command] of welcome.contents.matchAll(/\(command:([\w.]+)/g)) {
        assert.ok(known.has(command), `welcome of ${welcome.view} links unknown command ${command}`);
      }
    }
  });

  it('keeps settings under oncall.<area>.<name>', () => {
    for (const key of Object.keys(manifest.contributes.configuration?.properties ?? {})) {
      assert.match(key, /^oncall\.[a-zA-Z]+\.[a-zA-Z.]+$/, key);
    }
  });

  it('pins the versions the extension hosts can load', () => {
    assert.equal(manifest.engines.vscode, '^1.93.0');
    // @types/vscode must not be newer than the oldest supported VS Code, or the build would use APIs it lacks.
    assert.equal(manifest.devDependencies['@types/vscode'], '1.93.0');
    // client-node 2.x pulls undici 8, which cannot load on the Node 20 of VS Code 1.93-1.100 hosts.
    assert.match(manifest.dependencies['@kubernetes/client-node'], /^~1\.4\./);
  });

  it('declares limited support for untrusted workspaces with a reason', () => {
    assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
    assert.ok((manifest.capabilities.untrustedWorkspaces.description ?? '').length > 20);
  });

  it('has a walkthrough whose links name real commands and whose pages are packaged', () => {
    const walkthrough = manifest.contributes.walkthroughs?.find((w) => `${EXTENSION_ID}#${w.id}` === WALKTHROUGH_ID);
    assert.ok(walkthrough, 'the walkthrough the Get Started command opens exists');
    assert.deepEqual(walkthrough.steps.map((step) => step.id), ['runbooks', 'context', 'alertmanager', 'pagerduty', 'firstStep']);
    // Each step also completes when what it asks for is already there (see walkthroughProgress.ts).
    for (const step of walkthrough.steps) {
      const key = WalkthroughContextKeys[step.id as keyof typeof WalkthroughContextKeys];
      assert.ok(step.completionEvents?.includes(`onContext:${WALKTHROUGH_SHOWN_KEY} && ${key}`), `${step.id} completes on onContext:${WALKTHROUGH_SHOWN_KEY} && ${key}`);
    }
    const views = Object.values(Views).map((view) => `${view}.focus`);
    const known = new Set<string>([...Object.values(Commands), ...views, 'vscode.openFolder']);
    const packaged = readFileSync(resolve(process.cwd(), '.vscodeignore'), 'utf8');
    for (const step of walkthrough.steps) {
      for (const [, command] of step.description.matchAll(/\(command:([\w.]+)/g)) assert.ok(known.has(command), `${step.id} links unknown command ${command}`);
      const page = step.media.markdown;
      assert.ok(page && existsSync(resolve(process.cwd(), page)), `${step.id}: ${page} is missing`);
      assert.match(packaged, /^!media\/walkthrough\/\*\.md$/m, 'walkthrough pages are in the .vsix');
      assert.ok((step.completionEvents ?? []).length > 0, `${step.id} can be completed`);
    }
  });

  it('matches menus only on the context values tree items are given', () => {
    const known = new Set<string>(Object.values(ContextValues).map((value) => value.slice('oncall:'.length)));
    for (const items of Object.values(manifest.contributes.menus ?? {})) {
      for (const item of items as { command: string; when?: string }[]) {
        for (const [, kinds] of (item.when ?? '').matchAll(/viewItem =~ \/\^oncall:\(?([\w|]+)/g)) {
          for (const kind of kinds.split('|')) assert.ok(known.has(kind), `${item.command} matches unknown context value oncall:${kind}`);
        }
      }
    }
  });

  it('restricts in Restricted Mode every setting that decides where credentials go and what is shown or notified', () => {
    assert.deepEqual([...(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [])].sort(), [...USER_ONLY_WHEN_UNTRUSTED].sort());
    for (const setting of [Settings.alertmanagerInstances, Settings.pagerDutyApiUrl, Settings.severityMapping, Settings.notifyIncidents, Settings.showSilencedIncidents, Settings.alertmanagerPollInterval, Settings.pagerDutyPollInterval]) {
      assert.ok(USER_ONLY_WHEN_UNTRUSTED.includes(setting), setting);
    }
    const properties = manifest.contributes.configuration?.properties ?? {};
    for (const setting of USER_ONLY_WHEN_UNTRUSTED) assert.ok(setting in properties, `${setting} is a contributed setting`);
  });
});

describe('ids appear in src only through the constants', () => {
  // Loaded at run time: the TypeScript compiler is too big to bundle into the unit tests.
  const ts = createRequire(resolve(process.cwd(), 'package.json'))('typescript') as typeof TypeScript;
  const exact = new Set<string>([...Object.values(Views), ...Object.values(BuiltInCommands), WALKTHROUGH_SHOWN_KEY, ...Object.values(WalkthroughContextKeys)]);
  for (const view of Object.values(Views)) exact.add(`${view}.focus`);
  // A literal that starts with one of these ids spells the id too (`${id}...`).
  const prefixes = [...Object.values(Commands), ...Object.values(ContextKeys), ...Object.values(Settings)];
  // A tree item's contextValue starts with the `oncall:` tag of its kind.
  const spellsAnId = (text: string) => exact.has(text) || prefixes.some((id) => text.startsWith(id)) || text.startsWith('oncall:');

  function sourceFiles(folder: string): string[] {
    return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
      const path = join(folder, entry.name);
      return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
    });
  }

  /** Every string literal of a file, and the fixed head of every template literal, with its line. */
  function literals(path: string): { text: string; line: number }[] {
    const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
    const found: { text: string; line: number }[] = [];
    const visit = (node: TypeScript.Node): void => {
      if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateHead(node)) {
        found.push({ text: node.text, line: source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1 });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  }

  const root = process.cwd();
  const offending = sourceFiles(resolve(root, 'src'))
    .filter((path) => relative(root, path) !== join('src', 'constants.ts'))
    .flatMap((path) => literals(path).filter((literal) => spellsAnId(literal.text)).map((literal) => ({ file: relative(root, path).replace(/\\/g, '/'), ...literal })));

  it('has no literal command, view, context key or setting id outside constants.ts', () => {
    assert.deepEqual(offending.map((literal) => `${literal.file}:${literal.line}: '${literal.text}'`), [], 'use the constants of src/constants.ts (and executeCommand/setContext of src/platform/commands.ts)');
  });

  it('catches a stray id, a view focus command, a context key and a context value in template or quotes', () => {
    for (const text of [Commands.addTimelineNote, `${Views.incidents}.focus`, ContextKeys.sessionActive, Settings.showSilencedIncidents, BuiltInCommands.setContext, `${ContextValues.step}+shell`]) {
      assert.ok(spellsAnId(text), text);
    }
    assert.ok(!spellsAnId('oncall.incidents.ownSilences'), 'a state key that only shares the view id as prefix');
  });
});
