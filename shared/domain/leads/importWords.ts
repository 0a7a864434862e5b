// The import result's count words agree with their numbers (#13, point 8): "1 data row", "1 row
// is kept", "2 rows are kept" — the screen and the command line say the same.

/** "1 row", "2 rows", "1,000 rows" (en digits: the result is read beside the file's own counts). */
export function rows(count: number, what = 'row'): string {
  return `${count.toLocaleString('en')} ${what}${count === 1 ? '' : 's'}`;
}

/** "1 of the rejected rows is kept as a dud lead", "3 of the rejected rows are kept as dud leads". */
export function dudsKept(count: number): string {
  return count === 1 ? '1 of the rejected rows is kept as a dud lead' : `${count.toLocaleString('en')} of the rejected rows are kept as dud leads`;
}

/** "Imported leads.csv: 1 data row". */
export function importedTitle(fileName: string, dataRows: number): string {
  return `Imported ${fileName}: ${rows(dataRows, 'data row')}`;
}
