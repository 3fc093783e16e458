// SessionStore uses only Node's fs, so it is tested on real files: order, record changes,
// a torn last line from a crash, a corrupt line, and listing newest first.
import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    const id = 'INC-20261124-001';
    await store.append(id, { type: 'record', record: record(id, '2026-11-24T10:00:00.000Z') });
    await Promise.all(Array.from({ length: 30 }, (_, i) => store.append(id, { type: 'note', at: '2026-11-24T10:05:00.000Z', text: `note ${i}` })));
    await store.append(id, { type: 'record', record: record(id, '2026-11-24T10:00:00.000Z', '2026-11-24T11:00:00.000Z') });
    const session = await store.read(id);
    assert.equal(session?.record.resolvedAt, '2026-11-24T11:00:00.000Z');
    assert.deepEqual(session?.events.map((e) => (e.type === 'note' ? e.text : e.type)), Array.from({ length: 30 }, (_, i) => `note ${i}`));
  });

  it('loses only the line a crash tore, and skips a corrupt line with a warning', async () => {
    const id = 'INC-20261124-002';
    await store.append(id, { type: 'record', record: record(id, '2026-11-24T10:00:00.000Z') });
    await store.append(id, { type: 'note', at: '2026-11-24T10:01:00.000Z', text: 'before the crash' });
    appendFileSync(store.pathOf(id), '{"type":"note","at":"2026-11-24T10:02:00.000Z","te'); // torn mid-write
    await store.append(id, { type: 'note', at: '2026-11-24T10:03:00.000Z', text: 'after the reload' });
    const session = await store.read(id);
    assert.deepEqual(session?.events.map((e) => (e.type === 'note' ? e.text : e.type)), ['before the crash', 'after the reload']);
    assert.equal(warnings.length, 1);
    assert.match(warnings[0], /Skipped unreadable lines 3 of .*INC-20261124-002\.jsonl/);
  });

  it('lists every stored incident newest first, ignoring other files', async () => {
    await store.append('INC-20261123-001', { type: 'record', record: record('INC-20261123-001', '2026-11-23T08:00:00.000Z', '2026-11-23T09:00:00.000Z') });
    await store.append('INC-20261124-001', { type: 'record', record: record('INC-20261124-001', '2026-11-24T08:00:00.000Z') });
    appendFileSync(join(folder, 'notes.txt'), 'not an incident');
    assert.deepEqual((await store.list()).map((s) => s.record.id), ['INC-20261124-001', 'INC-20261123-001']);
    assert.deepEqual(await new SessionStore(join(folder, 'missing'), { info() {}, warn() {}, error() {} }).list(), []);
  });
});
