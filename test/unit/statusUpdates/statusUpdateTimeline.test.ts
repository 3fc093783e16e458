import assert from 'node:assert/strict';
import { parseSession, serializeSessionLine, type TimelineEvent } from '../../../src/core/postmortem/sessionModel';
import { assembleTimeline } from '../../../src/core/postmortem/timeline';
import { record } from '../postmortem/sessionFixtures';

describe('a status update in the timeline', () => {
  const posted: TimelineEvent = { type: 'status-update-posted', at: '2026-11-24T14:33:00.000Z', text: '*P1 INC-20261124-001*\nRolling back; export TOKEN=tok-98765', via: 'Slack' };

  it('is read back from the session file', () => {
    const text = serializeSessionLine({ type: 'record', record }) + serializeSessionLine(posted) + '{"type":"status-update-posted","at":"2026-11-24T14:40:00Z","via":"Slack"}\n';
    const parsed = parseSession(text);
    assert.deepEqual(parsed.events, [posted]);
    assert.deepEqual(parsed.skippedLines, [3], 'an update without its text is not a timeline event');
  });

  it('reads as "Status update posted", with its text redacted', () => {
    const [row] = assembleTimeline([posted]);
    assert.equal(row.event, 'Status update posted');
    assert.match(row.detail, /^Slack: \*P1 INC-20261124-001\*\nRolling back; export TOKEN=\*\*\*$/);
  });
});
