import { describe, expect, it } from 'vitest';
import { reasonGroup, swallowedLineReason, type ValueFit } from '../../shared/domain/leads/rowReasons';

// Two rows read as one: the quoted cell's last line holds one delimiter per column before it,
// each value fits its column, and one is a phone (column 1) or an email (column 2).
describe('swallowedLineReason', () => {
  const headers = ['Name', 'Phone', 'Email', 'Notes'];
  const isPhone = (v: string) => /^\+?1? ?212 555 \d{4}$/.test(v);
  const isEmail = (v: string) => /^\S+@\S+\.\S+$/.test(v);
  const fit = (column: number, value: string): ValueFit => {
    if (value === '') return 'fits';
    if (column === 1) return isPhone(value) ? 'phone number' : 'misfit';
    if (column === 2) return isEmail(value) ? 'email address' : 'misfit';
    return isPhone(value) || isEmail(value) ? 'misfit' : 'fits';
  };

  it('names the cell, its lines, the value and its column, in a semicolon file, and groups without the values', () => {
    const cells = ['Ann', '+1 212 555 0101', 'ann@acme.test', 'Hi\nBob;+1 212 555 0102;;Met'];
    const reason = swallowedLineReason(cells, headers, ';', fit);
    expect(reason).toBe(
      'the Notes cell (“Hi ↵ Bob;+1 212 555 0102;;Met”) runs onto the next line, which starts as a row does, with a phone number where the Phone column is: a quote opened in this row is probably not closed on its own line, so the next row was read into this one. Close or remove that quote, then import both rows again',
    );
    expect(reasonGroup(reason!)).toBe(reason!.replace(' (“Hi ↵ Bob;+1 212 555 0102;;Met”)', ''));
    // An email address is enough where the phone is missing.
    expect(swallowedLineReason(['Ann', '', '', 'x\r\nBob;;bob@beta.test;y'], headers, ';', fit)).toContain('with an email address where the Email column is');
    // A value holding a line separator is still grouped without it.
    const odd = swallowedLineReason(['Ann', '', '', 'a\u2028b\nBob;;bob@beta.test;y'], headers, ';', fit)!;
    expect(reasonGroup(odd)).not.toContain('\u2028');
  });

  it('keeps real multi-line cells: another count of delimiters, a value that does not fit its column, no phone or email, the first two columns', () => {
    // "Springfield, IL" after the name: one comma, as a row's start would have, but no phone.
    expect(swallowedLineReason(['Ana', '', '12 Main St,\nSpringfield, IL', ''], ['Name', 'Phone', 'Address', 'Notes'], ',', fit)).toBeNull();
    expect(swallowedLineReason(['Ana', '+1 212 555 0101', '', 'Call after 3,\r\nask for Bo'], headers, ',', fit)).toBeNull();
    // A note listing other numbers: its first value is a number where the name goes.
    expect(swallowedLineReason(['Ana', '+1 212 555 0101', '', 'Alt numbers:\n212 555 0102, 212 555 0103, desk'], headers, ',', fit)).toBeNull();
    // Text in the phone column's place: not a row's start.
    expect(swallowedLineReason(['Ana', '', '', 'Ask:\nBo, about pricing, x'], headers, ',', fit)).toBeNull();
    // A quoted cell in column 1 has one value to judge by: too little.
    expect(swallowedLineReason(['Ann', 'x\nann@acme.test, rest', '', ''], ['Email', 'Notes', 'A', 'B'], ',', (c, v) => (c === 0 && isEmail(v) ? 'email address' : 'fits'))).toBeNull();
    // Counted per delimiter of the file: commas in a semicolon file are data.
    expect(swallowedLineReason(['Ann', '', '', 'first\r\nBob,+1 212 555 0102,b@c.d,x'], headers, ';', fit)).toBeNull();
  });

  it('names a column without a header by its number', () => {
    expect(swallowedLineReason(['a', '', '', 'c\nd,+1 212 555 0102,,e'], ['A', ' ', 'C', ''], ',', fit)).toMatch(
      /^the cell in column 4 \(“c ↵ d,\+1 212 555 0102,,e”\) runs onto the next line, which starts as a row does, with a phone number where column 2 is/,
    );
  });
});
