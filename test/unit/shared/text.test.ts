import assert from 'node:assert/strict';
import { escapeMarkdown, truncate } from '../../../src/core/shared/text';

describe('text helpers', () => {
  it('cuts text to the limit with an ellipsis, and leaves shorter text alone', () => {
    assert.equal(truncate('abcdef', 6), 'abcdef');
    assert.equal(truncate('abcdefg', 6), 'abcde…');
  });

  it('escapes what Markdown would read as formatting', () => {
    assert.equal(escapeMarkdown('a_b *c* [d](e) <f>'), 'a\\_b \\*c\\* \\[d\\]\\(e\\) \\<f\\>');
  });
});
