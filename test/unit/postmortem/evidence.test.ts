import assert from 'node:assert/strict';
import { describeEvidenceOrigin, MAX_EVIDENCE_BYTES, prepareEvidence } from '../../../src/core/postmortem/evidence';
import { parseSession, serializeSessionLine, type EvidenceOrigin } from '../../../src/core/postmortem/sessionModel';
import { assembleTimeline, renderTimelineTable } from '../../../src/core/postmortem/timeline';

const at = '2026-11-24T14:30:00.000Z';
const fromFile: EvidenceOrigin = { kind: 'editor', path: 'logs/checkout.log', startLine: 10, endLine: 24 };
const fromTerminal: EvidenceOrigin = { kind: 'terminal', name: 'On-Call: prod-eu' };

describe('prepareEvidence', () => {
  it('keeps the selection with where it came from', () => {
    assert.deepEqual(prepareEvidence('OOMKilled\nexit code 137\n', fromFile, at), { type: 'evidence', at, text: 'OOMKilled\nexit code 137', origin: fromFile });
  });

  it('masks secrets before the evidence is stored', () => {
    const event = prepareEvidence('export DB_PASSWORD=s3cr3t-Value\npsql postgres://app:hunter2pw@db/shop', fromTerminal, at);
    assert.equal(event?.text, 'export DB_PASSWORD=***\npsql postgres://app:***@db/shop');
  });

  it('keeps at most 64 KB, cut on a whole character, and counts what was left out', () => {
    const event = prepareEvidence(`${'é'.repeat(MAX_EVIDENCE_BYTES)}`, fromFile, at);
    assert.ok(event);
    assert.ok(Buffer.byteLength(event.text, 'utf8') <= MAX_EVIDENCE_BYTES);
    assert.ok(!event.text.includes('\uFFFD'), 'no character is split');
    assert.equal(Buffer.byteLength(event.text, 'utf8') + (event.omittedBytes ?? 0), 2 * MAX_EVIDENCE_BYTES);
  });

  it('adds nothing for a selection of white space', () => {
    assert.equal(prepareEvidence(' \n\t\n', fromFile, at), undefined);
  });
});

describe('evidence in the timeline', () => {
  it('names a file and its lines, or the terminal', () => {
    assert.equal(describeEvidenceOrigin(fromFile), 'logs/checkout.log, lines 10–24');
    assert.equal(describeEvidenceOrigin({ ...fromFile, endLine: 10 }), 'logs/checkout.log, line 10');
    assert.equal(describeEvidenceOrigin(fromTerminal), 'terminal “On-Call: prod-eu”');
  });

  it('shows as a row saying where it came from, and what was cut', () => {
    const event = prepareEvidence('x'.repeat(MAX_EVIDENCE_BYTES + 10), fromTerminal, at)!;
    const [row] = assembleTimeline([event]);
    assert.equal(row.event, 'Evidence added');
    assert.ok(row.detail.startsWith('From terminal “On-Call: prod-eu”:\nxxx'), row.detail);
    assert.ok(row.detail.endsWith('… 10 bytes left out (evidence is kept up to 64 KB) …'), row.detail.slice(-80));
    assert.match(renderTimelineTable([row]), /\| Evidence added \| From terminal “On-Call: prod-eu”:<br>x+/);
  });

  it('is read back from the session file, and a line with a broken origin is skipped', () => {
    const event = prepareEvidence('OOMKilled', fromFile, at)!;
    const broken = { ...event, origin: { kind: 'editor', path: 'x', startLine: -1, endLine: 2 } };
    const parsed = parseSession(serializeSessionLine(event) + `${JSON.stringify(broken)}\n`);
    assert.deepEqual(parsed.events, [event]);
    assert.deepEqual(parsed.skippedLines, [2]);
  });
});
