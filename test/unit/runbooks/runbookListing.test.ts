import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';
import { describeListings } from '../../../src/core/runbooks/runbookListing';

const fixtures = path.join(__dirname, '../../../../../test/fixtures/runbooks');

describe('describeListings', () => {
  it('keeps the path beside a title no other runbook has', () => {
    assert.deepEqual(describeListings([{ title: 'Checkout is down', path: 'runbooks/checkout.md', service: 'checkout' }, { title: 'Web pods', path: 'runbooks/web.md' }]), [
      'runbooks/checkout.md',
      'runbooks/web.md',
    ]);
  });

  it('tells four runbooks of one title apart by the service of their front matter', () => {
    const listings = ['payments', 'search', 'checkout', 'identity'].map((name) => {
      const file = `same-title/${name}.md`;
      const runbook = parseRunbook(readFileSync(path.join(fixtures, file), 'utf8'), { fileName: `${name}.md` });
      return { title: runbook.title, path: `runbooks/${file}`, service: runbook.frontMatter?.service };
    });
    assert.deepEqual(new Set(listings.map((listing) => listing.title)), new Set(['Incident Response Runbook']));
    assert.deepEqual(describeListings(listings), ['payments', 'search', 'checkout', 'identity']);
  });

  it('falls back to the file name, then the path, when the service does not tell them apart', () => {
    const listings = [
      { title: 'Incident Response Runbook', path: 'team-a/database.md', service: 'shop' },
      { title: 'incident response runbook ', path: 'team-a/cache.md', service: 'shop' },
      { title: 'Incident Response Runbook', path: 'team-b/cache.md' },
      { title: 'Other', path: 'other.md' },
    ];
    assert.deepEqual(describeListings(listings), ['database.md', 'team-a/cache.md', 'team-b/cache.md', 'other.md']);
  });
});
