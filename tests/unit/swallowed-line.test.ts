import { describe, expect, it } from 'vitest';
import { reasonGroup, swallowedLineReason, type RecognisedValue } from '../../shared/domain/leads/rowReasons';

// Two rows read as one: the quoted cell's last line holds one delimiter per column before it,
// and a value on it is what its column holds (here: column 1 is the phone, column 2 the email).
describe('swallowedLineReason', () => {
  const headers = ['Name', 'Phone', 'Email', 'Notes'];
  const recognise = (column: number, value: string): RecognisedValue | null =>
    column === 1 && /^\+1 212 555 \d{4}$/.test(value) ? 'phone number' : column === 2 && value.includes('@') ? 'email address' : null;

  it('names the cell, its lines, the value and its column, in a semicolon file, and groups without the values', () => {
    const cells = ['Ann', '+1 212 555 0101', 'ann@acme.test', 'Hi\nBob;+1 212 555 0102;;Met'];
    const reason = swallowedLineReason(cells, headers, ';', recognise);
    expect(reason).toBe(
      'the Notes cell (“Hi ↵ Bob;+1 212 555 0102;;Met”) runs onto the next line, which starts as a row does, with a phone number where the Phone column is: a quote opened in this row is probably not closed on its own line, so the next row was read into this one. Close or remove that quote, then import both rows again',
    );
    expect(reasonGroup(reason!)).toBe(reason!.replace(' (“Hi ↵ Bob;+1 212 555 0102;;Met”)', ''));
    // An email address is enough where the phone is missing.
    expect(swallowedLineReason(['Ann', '', '', 'x\r\nBob;;bob@beta.test;y'], headers, ';', recognise)).toContain('with an email address where the Email column is');
  });

  it('leaves real multi-line cells: of another count of delimiters, in the first column, or with no phone or email where the row would have them', () => {
    // "Springfield, IL" after the name: one comma, as a row's start would have, but no phone.
    expect(swallowedLineReason(['Ana', '12 Main St,\nSpringfield, IL', '', ''], headers, ',', recognise)).toBeNull();
    expect(swallowedLineReason(['Ana', '+1 212 555 0101', '', 'Call after 3,\r\nask for Bo'], headers, ',', recognise)).toBeNull();
    expect(swallowedLineReason(['Bob,+1 212 555 0102\nAna', '', '', ''], headers, ',', recognise)).toBeNull();
    // Counted per delimiter of the file: commas in a semicolon file are data.
    expect(swallowedLineReason(['Ann', '', '', 'first\r\nBob,+1 212 555 0102,b@c.d,x'], headers, ';', recognise)).toBeNull();
  });

  it('names a column without a header by its number', () => {
    expect(swallowedLineReason(['a', '', '', 'c\nd,+1 212 555 0102,,e'], ['A', ' ', 'C', ''], ',', recognise)).toMatch(
      /^the cell in column 4 \(“c ↵ d,\+1 212 555 0102,,e”\) runs onto the next line, which starts as a row does, with a phone number where column 2 is/,
    );
  });
});
