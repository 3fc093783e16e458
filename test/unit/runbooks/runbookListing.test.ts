import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseRunbook } from '../../../src/core/runbooks/parseRunbook';
import { distinguishListings, labelListing } from '../../../src/core/runbooks/runbookListing';

const fixtures = path.join(__dirname, '../../../../../test/fixtures/runbooks');

describe('distinguishListings', () => {
  it('adds nothing to a title no other runbook has', () => {
    assert.deepEqual(distinguishListings([{ title: 'Checkout is down', path: 'runbooks/checkout.md', service: 'checkout' }, { title: 'Web pods', path: 'runbooks/web.md' }]), [
      undefined,
      undefined,
    ]);
  });

  it('tells four runbooks of one title apart by the service of their front matter', () => {
    const listings = ['payments', 'search', 'checkout', 'identity'].map((name) => {
      const file = `same-title/${name}.md`;
      const runbook = parseRunbook(readFileSync(path.join(fixtures, file), 'utf8'), { fileName: `${name}.md` });
      return { title: runbook.title, path: `runbooks/${file}`, service: runbook.frontMatter?.service };
    });
    assert.deepEqual(new Set(listings.map((listing) => listing.title)), new Set(['Incident Response Runbook']));
    assert.deepEqual(distinguishListings(listings), ['payments', 'search', 'checkout', 'identity']);
  });

  it('falls back to the file name, then the path, when the service does not tell them apart', () => {
    const listings = [
      { title: 'Incident Response Runbook', path: 'team-a/database.md', service: 'shop' },
      { title: 'incident response runbook ', path: 'team-a/cache.md', service: 'shop' },
      { title: 'Incident Response Runbook', path: 'team-b/cache.md' },
      { title: 'Other', path: 'other.md' },
    ];
    assert.deepEqual(distinguishListings(listings), ['database', 'team-a/cache.md', 'team-b/cache.md', undefined]);
  });

  it('puts what tells a runbook apart first, where a narrow side bar does not cut it', () => {
    assert.equal(labelListing('Incident Response Runbook', 'payments'), 'payments · Incident Response Runbook');
    assert.equal(labelListing('Checkout is down', undefined), 'Checkout is down');
  });
});
