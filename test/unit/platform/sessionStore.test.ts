// SessionStore uses only Node's fs, so it is tested on real files: order, record changes,
// a torn last line from a crash, a corrupt line, and listing newest first.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { SessionRecord } from '../../../src/core/postmortem/sessionModel';
import { SessionStore } from '../../../src/platform/sessions/sessionStore';

function record(id: string, startedAt: string, resolvedAt?: string): SessionRecord {
  return { id, title: `Incident ${id}`, severity: 'P1', startedAt, sources: [], ...(resolvedAt ? { resolvedAt } : {}) };
}

describe('SessionStore', () => {
  let folder: string;
  let warnings: string[];
  let store: SessionStore;
  beforeEach(() => {
    folder = join(mkdtempSync(join(tmpdir(), 'oncall-sessions-')), 'incidents');
    warnings = [];
    store = new SessionStore(folder, { info() {}, warn: (m) => warnings.push(m), error() {} });
  });
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it('keeps events in the order they were appended, and the last record line wins', async () => {
    const { id } = await store.create(new Date('2026-11-24T10:00:00.000Z'), (id) => record(id, '2026-11-24T10:00:00.000Z'));
    assert.equal(id, 'INC-20261124-001');
    await Promise.all(Array.from({ length: 30 }, (_, i) => store.append(id, { type: 'note', at: '2026-11-24T10:05:00.000Z', text: `note ${i}` })));
    await store.append(id, { type: 'record', record: record(id, '2026-11-24T10:00:00.000Z', '2026-11-24T11:00:00.000Z') });
    const session = await store.read(id);
    assert.equal(session?.record.resolvedAt, '2026-11-24T11:00:00.000Z');
    assert.deepEqual(session?.events.map((e) => (e.type === 'note' ? e.text : e.type)), Array.from({ length: 30 }, (_, i) => `note ${i}`));
  });

  it('loses only the line a crash tore, and skips a corrupt line with a warning', async () => {
    const { id } = await store.create(new Date('2026-11-24T10:00:00.000Z'), (id) => record(id, '2026-11-24T10:00:00.000Z'));
    await store.append(id, { type: 'note', at: '2026-11-24T10:01:00.000Z', text: 'before the crash' });
    appendFileSync(store.pathOf(id), '{"type":"note","at":"2026-11-24T10:02:00.000Z","te'); // torn mid-write
    await store.append(id, { type: 'note', at: '2026-11-24T10:03:00.000Z', text: 'after the reload' });
    const session = await store.read(id);
    assert.deepEqual(session?.events.map((e) => (e.type === 'note' ? e.text : e.type)), ['before the crash', 'after the reload']);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /Skipped unreadable lines 3 of .*INC-20261124-001\.jsonl/);
  });

  it('lists every stored incident newest first, ignoring other files', async () => {
    await store.create(new Date('2026-11-23T08:00:00.000Z'), (id) => record(id, '2026-11-23T08:00:00.000Z', '2026-11-23T09:00:00.000Z'));
    await store.create(new Date('2026-11-24T08:00:00.000Z'), (id) => record(id, '2026-11-24T08:00:00.000Z'));
    appendFileSync(join(folder, 'notes.txt'), 'not an incident');
    assert.deepEqual((await store.list()).map((s) => s.record.id), ['INC-20261124-001', 'INC-20261123-001']);
    assert.deepEqual(await new SessionStore(join(folder, 'missing'), { info() {}, warn() {}, error() {} }).list(), []);
  });

  it('gives two processes racing to start incidents in one folder distinct ids, each record whole', async function () {
    this.timeout(60_000);
    // Two extension hosts share the workspace storage: here two Node processes run the real
    // store code, bundled from the source, and start their incidents at the same instant.
    const repo = resolve(__dirname, '../../../../..');
    const bundle = join(folder, '..', 'sessionStore.js');
    execFileSync(join(repo, 'node_modules/.bin/esbuild'), [join(repo, 'src/platform/sessions/sessionStore.ts'), '--bundle', '--platform=node', '--format=cjs', `--outfile=${bundle}`, '--log-level=warning']);
    const script = join(folder, '..', 'race.js');
    writeFileSync(
      script,
      `const { SessionStore } = require(${JSON.stringify(bundle)});
      const [folder, at, title] = process.argv.slice(2);
      const store = new SessionStore(folder, { info() {}, warn() {}, error() {} });
      (async () => {
        await store.list(); // what a window reads when it opens
        while (Date.now() < Number(at)) {}
        const ids = [];
        for (let i = 0; i < 5; i++) {
          const record = await store.create(new Date(), (id) => ({ id, title: title + ' ' + i, severity: 'P1', startedAt: new Date().toISOString(), sources: [] }));
          await store.append(record.id, { type: 'note', at: new Date().toISOString(), text: record.title });
          ids.push(record.id);
        }
        console.log(JSON.stringify(ids));
      })();`,
    );
    const at = String(Date.now() + 1_500);
    const run = (title: string) => promisify(execFile)(process.execPath, [script, folder, at, title]).then(({ stdout }) => JSON.parse(stdout) as string[]);
    const [first, second] = await Promise.all([run('Checkout down'), run('DB disk full')]);
    const ids = [...first, ...second];
    assert.equal(new Set(ids).size, 10, `ten distinct ids: ${ids.join(' ')}`);
    for (const id of ids) {
      const text = readFileSync(store.pathOf(id), 'utf8');
      assert.equal(text.split('\n').filter((line) => line.includes('"type":"record"')).length, 1, `${id} has one record`);
      const session = await store.read(id);
      assert.ok(session);
      assert.deepEqual(session.events.map((e) => (e.type === 'note' ? e.text : e.type)), [session.record.title], `${id} holds only its own note`);
    }
  });

  it('does not recreate a deleted file with one line, and writes a deleted session again whole', async () => {
    const created = await store.create(new Date('2026-11-24T10:00:00.000Z'), (id) => record(id, '2026-11-24T10:00:00.000Z'));
    const note = { type: 'note' as const, at: '2026-11-24T10:01:00.000Z', text: 'seen' };
    await store.append(created.id, note);
    unlinkSync(store.pathOf(created.id));
    assert.equal(await store.append(created.id, { ...note, text: 'after the deletion' }), 'missing');
    assert.equal(existsSync(store.pathOf(created.id)), false);
    assert.equal(await store.restore({ record: created, events: [note, { ...note, text: 'after the deletion' }] }), true);
    const session = await store.read(created.id);
    assert.deepEqual(session?.record, created);
    assert.deepEqual(session?.events.map((e) => (e.type === 'note' ? e.text : e.type)), ['seen', 'after the deletion']);
    assert.match(warnings.join('\n'), /was gone .*written again/);
  });

  it('does not take another incident that reused the id of a deleted file for the one it restores', async () => {
    const mine = await store.create(new Date('2026-11-24T10:00:00.000Z'), (id) => ({ ...record(id, '2026-11-24T10:00:00.000Z'), title: 'Checkout down' }));
    unlinkSync(store.pathOf(mine.id));
    // Another window, which never knew this incident, starts one and gets the free id.
    const other = new SessionStore(folder, { info() {}, warn() {}, error() {} });
    const theirs = await other.create(new Date('2026-11-24T11:00:00.000Z'), (id) => ({ ...record(id, '2026-11-24T11:00:00.000Z'), title: 'DB disk full' }));
    assert.equal(theirs.id, mine.id);
    assert.equal(await store.restore({ record: mine, events: [] }), false, 'the file holds another incident');
    assert.equal((await store.read(mine.id))?.record.title, 'DB disk full', 'their record is left as it is');
    assert.match(warnings.join('\n'), /INC-20261124-001 .*another incident/);
  });

  it('keeps an incident whose record line is torn, rebuilt from its events', async () => {
    const created = await store.create(new Date('2026-11-24T10:00:00.000Z'), (id) => ({ ...record(id, '2026-11-24T10:00:00.000Z'), title: 'Checkout down' }));
    await store.append(created.id, { type: 'incident-started', at: '2026-11-24T10:00:00.000Z', title: 'Checkout down', severity: 'P1' });
    await store.append(created.id, { type: 'note', at: '2026-11-24T10:01:00.000Z', text: 'seen' });
    const text = readFileSync(store.pathOf(created.id), 'utf8');
    writeFileSync(store.pathOf(created.id), text.slice(20)); // the first line torn
    const listed = await store.list();
    assert.deepEqual(listed.map((s) => [s.record.id, s.record.title, s.record.severity, s.record.resolvedAt]), [[created.id, 'Checkout down', 'P1', undefined]]);
    assert.equal(listed[0].events.length, 2, 'only the torn line is lost');
  });
});
