import { describe, expect, it } from 'vitest';
import { dudsKept, importedTitle, rows } from '../../shared/domain/leads/importWords';

describe('import result count words', () => {
  it('one row is a row, any other count is rows', () => {
    expect(rows(1)).toBe('1 row');
    expect(rows(0)).toBe('0 rows');
    expect(rows(2)).toBe('2 rows');
    expect(rows(12_345, 'data row')).toBe('12,345 data rows');
  });
  it('the verb agrees: 1 row is kept, 2 rows are kept', () => {
    expect(dudsKept(1)).toBe('1 of the rejected rows is kept as a dud lead');
    expect(dudsKept(2)).toBe('2 of the rejected rows are kept as dud leads');
  });
  it('the title counts data rows the same way', () => {
    expect(importedTitle('leads.csv', 1)).toBe('Imported leads.csv: 1 data row');
    expect(importedTitle('leads.csv', 3)).toBe('Imported leads.csv: 3 data rows');
  });
});
