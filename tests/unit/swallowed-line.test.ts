import { describe, expect, it } from 'vitest';
import { reasonGroup, swallowedLineReason } from '../../shared/domain/leads/rowReasons';

// Two rows read as one: the quoted cell's last line holds one delimiter per column before it.
describe('swallowedLineReason', () => {
  const headers = ['Name', 'Phone', 'Notes'];

  it('names the cell, the line break and the delimiter of a semicolon file, and groups without the values', () => {
    // "Ann;"+1 212…" then "Bob;+1 212 555 0102";…": the Phone cell took Bob's name and number.
    const reason = swallowedLineReason(['Ann', '+1 212 555 0101\nBob;+1 212 555 0102', 'x'], headers, ';');
    expect(reason).toBe(
      'the Phone cell (“+1 212 555 0101 ↵ Bob;+1 212 555 0102”) runs onto the next line and holds 1 semicolon there, one for each column before it, as the start of a row would: a quote opened in this row is probably not closed on its own line, so the next row was read into this one. Close or remove that quote, then import both rows again',
    );
    expect(reasonGroup(reason!)).toBe(reason!.replace(' (“+1 212 555 0101 ↵ Bob;+1 212 555 0102”)', ''));
  });

  it('leaves real multi-line cells: in the first column, or with a last line of another count', () => {
    expect(swallowedLineReason(['Ana\r\nMaria', '+1 212 555 0101', ''], headers, ',')).toBeNull();
    expect(swallowedLineReason(['Ann', '+1 212 555 0101', 'Call after 3,\r\nask for Bo'], headers, ',')).toBeNull();
    expect(swallowedLineReason(['Ann', '+1 212 555 0101', 'one line, two, commas'], headers, ',')).toBeNull();
    // Counted per delimiter of the file: commas in a semicolon file are data.
    expect(swallowedLineReason(['Ann', '+1 212 555 0101', 'first\r\nBob,Jones,x'], headers, ';')).toBeNull();
  });

  it('names a column without a header by its number', () => {
    expect(swallowedLineReason(['a', 'b', 'c\nd,e,f'], ['A', 'B', ' '], ',')).toMatch(/^the column 3 cell \(“c ↵ d,e,f”\) runs onto the next line and holds 2 commas there/);
  });
});
