import type { Database } from 'better-sqlite3';
import { toSafeCsv } from '../../../shared/domain/csvExport';
import { allContacts } from '../db/repos/contacts';
import { listRejectedRows } from '../db/repos/imports';
import type { Clock } from '../ports';
import { contactView } from './contacts';

const CONTACT_COLUMNS = [
  'id', 'first_name', 'last_name', 'company', 'title', 'email', 'phone_e164', 'extension', 'phone_as_imported',
  'status', 'dud_reason', 'do_not_call', 'time_zones', 'tz_source', 'country', 'region', 'city', 'postcode',
  'kind', 'line_type', 'owner', 'notes', 'last_called_at', 'last_outcome', 'import_id', 'source_row',
];

export function exportContacts(db: Database, clock: Clock) {
  let rows = 0;
  const lines = (function* () {
    for (const row of allContacts(db)) {
      rows++;
      const c = contactView(db, row);
      yield [
        String(c.id), c.firstName, c.lastName, c.company, c.title, c.email, c.e164 ?? '', c.extension ?? '', c.phoneRaw,
        c.status, c.dudReason ?? '', c.doNotCall ? 'yes' : 'no', c.timeZones.join(' '), c.tzSource, c.country, c.region, c.city,
        c.postcode, c.kind, c.lineType, c.owner, c.notes, c.lastCalledAt ?? '', c.lastOutcome ?? '', c.importId === null ? '' : String(c.importId),
        c.sourceRow === null ? '' : String(c.sourceRow),
      ];
    }
  })();
  const csv = toSafeCsv(CONTACT_COLUMNS, lines);
  return { fileName: `dialdeck-contacts-${stamp(clock)}.csv`, csv, rows };
}

/** "Duds to return": each rejected row with its original columns, then where it came from and
 *  why it was rejected, so it can go back to whoever supplied the list. */
export function exportDuds(db: Database, clock: Clock, importId: number | null) {
  const rejected = listRejectedRows(db, importId);
  const headerSets = new Map<string, string[]>();
  for (const r of rejected) headerSets.set(r.headers, JSON.parse(r.headers) as string[]);
  // One import: its own columns. Several: the widest header, since files may differ.
  const originalHeader = [...headerSets.values()].reduce<string[]>((widest, h) => (h.length > widest.length ? h : widest), []);
  const width = Math.max(originalHeader.length, ...rejected.map((r) => (JSON.parse(r.raw) as string[]).length));
  const header = [...Array.from({ length: width }, (_, i) => originalHeader[i] ?? `Column ${i + 1}`), 'Source file', 'Row', 'Reason'];
  const rows = rejected.map((r) => {
    const cells = JSON.parse(r.raw) as string[];
    return [...Array.from({ length: width }, (_, i) => cells[i] ?? ''), r.file_name, String(r.row_number), r.reason];
  });
  return { fileName: `dialdeck-duds-to-return-${stamp(clock)}.csv`, csv: toSafeCsv(header, rows), rows: rows.length };
}

function stamp(clock: Clock): string {
  return clock.now().toISOString().slice(0, 16).replace(/[-:]/g, '').replace('T', '-');
}

