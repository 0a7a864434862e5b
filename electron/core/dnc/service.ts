import type { Database } from 'better-sqlite3';
import type { CoreContext } from '../context';
import { normalizePhone } from '../../../shared/domain/phone';
import { addDnc, listDnc } from './repo';
import { blockListedNumbers, syncQueueRowsForNumber } from '../queue/repo';
import { CoreError } from '../errors';
import { decodeLeadFile, isBlank, readRecords } from '../imports/leadFile';
import { fieldOfHeader, PHONE_FIELDS } from '../../../shared/domain/leads/mapping';

/** Add one number, in whatever format it arrives, to the do-not-call list. */
export function addToDnc(ctx: CoreContext, phone: string, source: string) {
  const { db, clock } = ctx;
  const result = normalizePhone(phone, ctx.settings.get('defaultCountry'));
  if (!result.ok) {
    const message = `Phone number refused: ${result.reason}.`;
    throw new CoreError('invalid_phone', message, { phone: message });
  }
  const added = db.transaction(() => {
    const isNew = addDnc(db, result.e164, clock.now().getTime(), source);
    syncQueueRowsForNumber(db, result.e164);
    return isNew;
  }).immediate();
  ctx.effects.leadsChanged(null);
  return { e164: result.e164, added };
}

/** Who put a number on the list, as a rep reads it ("from the file registry.csv"). */
export function dncSourceWords(source: string): string {
  if (source === 'manual') return 'added by hand';
  if (source === 'team') return 'by your team';
  if (source.startsWith('file ')) return `from the file ${source.slice('file '.length)}`;
  if (source.startsWith('call #')) return `by ${source}`;
  return source;
}

export function dncEntries(db: Database) {
  return listDnc(db).map((row) => ({ e164: row.e164, addedAt: new Date(row.added_at).toISOString(), source: row.source }));
}

/** A DNC file: every number on each row, read from the columns its header names as phones, as a
 *  lead file's would be (or from any cell, with no such header: an ID, a name or a date beside
 *  the number is no number).
 *  Every row is added, already listed, or rejected with its reason; nothing is ever removed. */
export function importDnc(ctx: CoreContext, fileName: string, bytes: Uint8Array) {
  const { db, clock } = ctx;
  const decoded = decodeLeadFile(bytes);
  const records = readRecords(decoded.text, decoded.delimiter);
  const country = ctx.settings.get('defaultCountry');
  const at = clock.now().getTime();
  let added = 0;
  let alreadyListed = 0;
  const rejected: { rowNumber: number; value: string; reason: string }[] = [];
  let numberColumns: number[] | null = null;
  db.transaction(() => {
    records.forEach((record, index) => {
      if (isBlank(record.cells)) return;
      // A first row without digits is the header, not a number; its number columns are read.
      if (index === 0 && !record.cells.some((c) => /\d/.test(c))) {
        const named = record.cells.flatMap((cell, column) => (PHONE_FIELDS.has(fieldOfHeader(cell) ?? 'ignore') ? [column] : []));
        numberColumns = named.length > 0 ? named : null;
        return;
      }
      const cells = (numberColumns === null ? record.cells : numberColumns.map((column) => record.cells[column] ?? '')).map((c) => c.trim()).filter((c) => /\d/.test(c));
      const read = cells.map((value) => ({ value, phone: normalizePhone(value, country) }));
      const numbers = read.flatMap((r) => (r.phone.ok ? [r.phone.e164] : []));
      if (numbers.length === 0) {
        const first = read.find((r) => !r.phone.ok);
        rejected.push(first && !first.phone.ok ? { rowNumber: record.rowNumber, value: first.value, reason: first.phone.reason } : { rowNumber: record.rowNumber, value: record.cells.join(' ').slice(0, 80), reason: 'no phone number' });
        return;
      }
      for (const e164 of new Set(numbers)) {
        if (addDnc(db, e164, at, `file ${fileName}`)) added++;
        else alreadyListed++;
      }
    });
    blockListedNumbers(db);
  }).immediate();
  ctx.effects.leadsChanged(null);
  return { added, alreadyListed, rejected };
}
