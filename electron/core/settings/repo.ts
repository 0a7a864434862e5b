// The settings table: one row per registry key, its value as JSON.
import type { Database } from 'better-sqlite3';
import { statement } from '../db/sql';

const selectAll = statement<{ key: string; value: string }>('SELECT key, value FROM settings');
const upsert = statement<never, [key: string, value: string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
const insertIfMissing = statement<never, [key: string, value: string]>('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING');

/** Every stored setting, by key, as its JSON text. */
export function storedSettings(db: Database): Map<string, string> {
  return new Map(selectAll(db).all().map((row) => [row.key, row.value]));
}

export function writeSetting(db: Database, key: string, json: string): void {
  upsert(db).run(key, json);
}

export function writeSettingIfMissing(db: Database, key: string, json: string): void {
  insertIfMissing(db).run(key, json);
}
