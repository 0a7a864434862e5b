import type { Database } from 'better-sqlite3';
import type { CoreContext } from '../context';
import { normalizePhone } from '../../../shared/domain/phone';
import { addDnc, listDnc } from './repo';
import { blockListedNumbers, syncQueueRowsForNumber } from '../queue/repo';
import { CoreError } from '../errors';
import { decodeLeadFile, isBlank, readRecords } from '../imports/leadFile';

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

/** A DNC file: one number per row in the first column that holds one (a header row is fine).
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
  db.transaction(() => {
    records.forEach((record, index) => {
      if (isBlank(record.cells)) return;
      const value = record.cells.find((c) => /\d/.test(c))?.trim();
      if (!value) {
        // A first row without digits is the header, not a number.
        if (index > 0) rejected.push({ rowNumber: record.rowNumber, value: record.cells.join(' ').slice(0, 80), reason: 'no phone number' });
        return;
      }
      const phone = normalizePhone(value, country);
      if (!phone.ok) rejected.push({ rowNumber: record.rowNumber, value, reason: phone.reason });
      else if (addDnc(db, phone.e164, at, `file ${fileName}`)) added++;
      else alreadyListed++;
    });
    blockListedNumbers(db);
  }).immediate();
  ctx.effects.leadsChanged(null);
  return { added, alreadyListed, rejected };
}
