// The address an import matches duplicates on: the same answers as the obvious regex, in one pass
// over the cell whatever is in it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emailKey } from '../../electron/core/imports/rows';

/** The reference: the rule written as a regex (quadratic on a long cell of dots, so only here). */
const reference = (email: string) => {
  const key = email.trim().toLowerCase();
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(key) ? key : null;
};

describe('emailKey', () => {
  it('reads addresses as the regex does', () => {
    for (const text of ['Ana@Acme.com', ' ana@acme.co.uk ', 'a@b.c', 'a@.b', 'a@b.', '@acme.com', 'ana@acme', 'a@@b.c', 'a@b@c.d', 'an a@acme.com', 'ana@acme..com', '', 'ana@acme.com\n'])
      expect(emailKey(text), JSON.stringify(text)).toBe(reference(text));
    fc.assert(
      fc.property(fc.stringMatching(/^[ a@.\tB]{0,12}$/), (text) => emailKey(text) === reference(text)),
      { numRuns: 5000 },
    );
  });

  it('answers a hostile cell in linear time', () => {
    const hostile = `a@${'a.'.repeat(150_000)}@`;
    const started = performance.now();
    expect(emailKey(hostile)).toBeNull();
    expect(emailKey(`a@${'a.'.repeat(150_000)}com`)).not.toBeNull();
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
