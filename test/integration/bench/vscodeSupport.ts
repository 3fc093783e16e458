// What every in-host memory measurement activates before its baseline, so that On-Call is not
// charged for it: VS Code's Markdown support (and the markdown-it plugin extensions it loads
// for an open Markdown file), and its JSON support, which a settings write activates.
import * as vscode from 'vscode';
import { sleep } from '../../support/waiting';

export const EMPTY_ID = 'oncall.oncall-bench-empty';
export const WARMUP_ID = 'oncall.oncall-bench-warmup';

/** Activates them (never the extensions named in `except`), then lets them settle. */
export async function activateVscodeSupport(except: ReadonlySet<string>): Promise<vscode.Extension<unknown>[]> {
  const triggers = ['onLanguage:markdown', 'onLanguage:json', 'onLanguage:jsonc'];
  const support = vscode.extensions.all.filter((extension) => {
    if (except.has(extension.id) || extension.isActive) return false;
    const manifest = extension.packageJSON as { activationEvents?: string[]; contributes?: Record<string, unknown> };
    return (manifest.activationEvents ?? []).some((event) => triggers.includes(event)) || manifest.contributes?.['markdown.markdownItPlugins'] === true;
  });
  for (const extension of support) await extension.activate();
  await sleep(3_000);
  return support;
}
