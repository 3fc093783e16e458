import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Commands, ContextKeys, JOURNAL_SCHEME, Settings, USER_ONLY_WHEN_UNTRUSTED, Views } from '../../src/constants';

interface MenuItem {
  readonly command: string;
  readonly when?: string;
}

const manifest = JSON.parse(readFileSync(resolve(process.cwd(), 'package.json'), 'utf8')) as {
  contributes: { menus: Record<string, MenuItem[]>; configuration: { properties: Record<string, { default?: unknown; enum?: string[] }> } };
};
const menus = manifest.contributes.menus;

describe('incident start and end in the menus and settings', () => {
  it('keeps Start Incident offered in the palette, the Incidents view and the Sessions view while an incident is active', () => {
    const starts = (menu: string) => menus[menu]?.filter((item) => item.command === Commands.startSession) ?? [];
    for (const item of Object.keys(menus).flatMap(starts)) assert.doesNotMatch(item.when ?? '', new RegExp(ContextKeys.sessionActive.replace(/\./g, '\\.')), `${item.when}`);
    assert.ok(starts('view/title').some((item) => item.when?.includes(`view == ${Views.sessions}`)), 'in the Sessions view title');
    assert.ok(starts('view/item/context').some((item) => item.when?.includes(`view == ${Views.incidents}`)), 'on incidents');
  });

  it('puts Open Raw Journal on the readable journal', () => {
    assert.ok(menus['editor/title']?.some((item) => item.command === Commands.openRawJournal && item.when === `resourceScheme == ${JOURNAL_SCHEME}`));
  });

  it('asks before starting an incident by itself unless the user chose otherwise', () => {
    const setting = manifest.contributes.configuration.properties[Settings.autoStartIncidents];
    assert.equal(setting?.default, 'ask');
    assert.deepEqual(setting?.enum, ['ask', 'alwaysForP0P1', 'never']);
    // Steps cannot run in Restricted Mode, so no workspace value can start an incident there.
    assert.ok(!USER_ONLY_WHEN_UNTRUSTED.includes(Settings.autoStartIncidents));
  });
});
