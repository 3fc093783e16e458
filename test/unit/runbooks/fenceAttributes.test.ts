import assert from 'node:assert/strict';
import { parseFenceInfo } from '../../../src/core/runbooks/fenceAttributes';

describe('parseFenceInfo', () => {
  it('reads a bare fence', () => {
    assert.deepEqual(parseFenceInfo(''), { language: '', attributes: {} });
    assert.deepEqual(parseFenceInfo('   '), { language: '', attributes: {} });
  });

  it('takes the first word, lower-cased, as the language', () => {
    assert.deepEqual(parseFenceInfo(' Bash  title="x"'), { language: 'bash', attributes: {} });
    assert.equal(parseFenceInfo('shell-session').language, 'shell-session');
  });

  it('reads JSON attributes', () => {
    assert.deepEqual(parseFenceInfo('bash {"name":"restart","interactive":false,"timeout":30}'), {
      language: 'bash',
      attributes: { name: 'restart', interactive: false, timeout: 30 },
    });
  });

  it('reads attributes glued to the language', () => {
    assert.deepEqual(parseFenceInfo('sh{"name":"x"}'), { language: 'sh', attributes: { name: 'x' } });
  });

  it('reads key=value attributes with quoted values, booleans and numbers', () => {
    assert.deepEqual(parseFenceInfo(`sh { name=restart confirm=true skip=false retries=3 ratio=0.5 label="two words" other='single q' id=abc-1 }`), {
      language: 'sh',
      attributes: { name: 'restart', confirm: true, skip: false, retries: 3, ratio: 0.5, label: 'two words', other: 'single q', id: 'abc-1' },
    });
  });

  it('keeps a quoted "true" as text', () => {
    assert.deepEqual(parseFenceInfo('sh { name="true" }').attributes, { name: 'true' });
  });

  it('ignores malformed attributes without failing', () => {
    assert.deepEqual(parseFenceInfo('bash {"name": "x",}'), { language: 'bash', attributes: {} });
    assert.deepEqual(parseFenceInfo('bash {"name": '), { language: 'bash', attributes: {} });
    assert.deepEqual(parseFenceInfo('bash { = broken = }'), { language: 'bash', attributes: {} });
    assert.deepEqual(parseFenceInfo('bash ["not", "an", "object"]'), { language: 'bash', attributes: {} });
    assert.deepEqual(parseFenceInfo('bash }{'), { language: 'bash', attributes: {} });
  });

  it('drops nested and null JSON values and prototype keys', () => {
    assert.deepEqual(parseFenceInfo('bash {"a":{"b":1},"c":null,"d":[1],"__proto__":"x","e":"ok"}').attributes, { e: 'ok' });
    assert.deepEqual(parseFenceInfo('bash { __proto__=x e=ok }').attributes, { e: 'ok' });
  });
});
