// Two windows (two extension hosts sharing one storage, see runIntegration's `windows`) start
// an incident at the same instant. Each window runs this file: they meet in a folder next to
// the workspace the launcher prepared, agree on an instant, start, then compare what they got.
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { Commands } from '../../../src/constants';
import { waitFor } from '../../support/waiting';
import { activateExtension } from '../support/hostHelpers';

/**
 * Leaves `text` for the other window under `name`. Written aside and renamed into place: the
 * other window may read the file at any moment, and a file being written can read as empty.
 */
function leave(meeting: string, name: string, text: string): void {
  writeFileSync(join(meeting, `${name}.writing`), text);
  renameSync(join(meeting, `${name}.writing`), join(meeting, name));
}

/** The contents of the meeting files ending in `suffix`, once there is one per window. */
function fromBothWindows(meeting: string, suffix: string): Promise<string[]> {
  return waitFor(
    `a ${suffix} file from each window`,
    () => {
      const names = readdirSync(meeting).filter((name) => name.endsWith(suffix));
      return names.length >= 2 && names.map((name) => readFileSync(join(meeting, name), 'utf8'));
    },
    90_000,
  );
}

describe('two windows sharing one storage', function () {
  this.timeout(180_000);

  it('start incidents at the same instant under two ids, each record whole and its own', async () => {
    const api = await activateExtension();
    await api.sessions.ready();
    const meeting = join(process.env.ONCALL_TEST_WORKSPACE ?? '', '..', 'windows');
    mkdirSync(meeting, { recursive: true });
    leave(meeting, `${process.pid}.ready`, String(Date.now()));
    const at = Math.max(...(await fromBothWindows(meeting, '.ready')).map(Number)) + 2_000;
    // Both hosts leave this loop within a few milliseconds of each other.
    while (Date.now() < at);
    const title = `Window ${process.pid}`;
    const id = await vscode.commands.executeCommand<string>(Commands.startSession, undefined, { title });
    assert.match(id ?? '', /^INC-\d{8}-\d{3}$/);
    leave(meeting, `${process.pid}.id`, id ?? '');
    leave(meeting, `${process.pid}.path`, api.sessions.store.pathOf(id ?? ''));
    const ids = await fromBothWindows(meeting, '.id');
    assert.equal(new Set(ids).size, 2, `two distinct ids: ${ids.join(', ')} in ${(await fromBothWindows(meeting, '.path')).join(', ')}`);
    for (const each of ids) {
      const stored = await api.sessions.store.read(each);
      assert.ok(stored, `${each} has a record`);
      assert.match(stored.record.title, /^Window \d+$/);
      assert.equal(stored.record.title === title, each === id, `${each} is the record its window wrote`);
      assert.deepEqual(stored.events.map((event) => event.type === 'incident-started' && event.title), [stored.record.title], `${each} holds only its own start`);
    }
  });
});
