// Helpers for the desk tests (backups, recovery, call events): a call log of a given size, and a
// database file damaged the way a disk or a sync tool damages one.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import BetterSqlite3 from 'better-sqlite3';
import { insertDialledCall, setCallOutcome } from '../../electron/core/calls/repo';
import type { Core } from '../../electron/core/core';

export const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A lead and `count` logged calls to it (each with a note, so the table spans many pages),
 *  written straight through the repo in one transaction; returns the contact's id. */
export async function seedCalls(core: Core, count: number, phone = '+1 415 555 2671', start = Date.parse('2026-02-01T15:00:00Z')): Promise<number> {
  const added = await core.invoke('contacts.add', { firstName: 'Seed', lastName: 'Lead', phone });
  if (!added.ok) throw new Error(added.error.message);
  const contactId = (added.value as { id: number }).id;
  const e164 = (added.value as { e164: string }).e164;
  core.db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const dialedAt = start + i * 60_000;
      const id = insertDialledCall(core.db, { contactId, dialUri: `tel:${e164}`, number: e164, dialedAt });
      setCallOutcome(core.db, id, { outcome: 'no_answer', notes: `Call ${i}: rang out, left no message. ${'x'.repeat(80)}`, endedAt: dialedAt + 30_000, nextStep: null, nextAt: null, callbackAt: null, reason: null });
    }
  })();
  return contactId;
}

/** The page numbers of a table's (or index's) pages of one type, from SQLite's dbstat table. */
export function pagesOf(file: string, name: string, type: 'leaf' | 'internal' | 'overflow'): number[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return (db.prepare('SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ? ORDER BY pageno').all(name, type) as { pageno: number }[]).map((r) => r.pageno);
  } finally {
    db.close();
  }
}

/** Overwrite whole pages (1-based, as SQLite numbers them) with a repeating byte, as a failing
 *  disk or a half-synced copy leaves them. The file must have no WAL pending. */
export function damagePages(file: string, pages: readonly number[], pageSize = 4096): void {
  const fd = fs.openSync(file, 'r+');
  try {
    for (const page of pages) fs.writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, (page - 1) * pageSize);
  } finally {
    fs.closeSync(fd);
  }
}

/** Checkpoint a closed database's WAL into the file, so its pages are where damagePages looks. */
export function checkpoint(file: string): void {
  const db = new BetterSqlite3(file);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** quick_check of a file, opened read-only. */
export function quickCheckOf(file: string): string[] {
  const db = new BetterSqlite3(file, { readonly: true });
  try {
    return (db.pragma('quick_check') as { quick_check: string }[]).map((r) => r.quick_check);
  } finally {
    db.close();
  }
}
