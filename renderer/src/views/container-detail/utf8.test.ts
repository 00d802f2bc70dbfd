import { describe, expect, it } from 'vitest';
import { utf8Length } from './utf8.js';

describe('utf8Length', () => {
  it('equals the encoded size for ASCII, 2-, 3- and 4-byte characters and lone surrogates', () => {
    for (const s of [
      '',
      'x'.repeat(5000),
      'é',
      'ü€\u0800',
      '😀a😀',
      '\ud800',
      'a\udc00b',
      '\ud83d\ud83d\ude00',
      'žluťoučký kůň 🐴',
    ]) {
      expect(utf8Length(s), JSON.stringify(s)).toBe(new TextEncoder().encode(s).length);
    }
  });
});
