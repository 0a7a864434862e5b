import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { BUSY_TIMEOUT_MS, openDatabase } from '../../electron/core/db/open';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, NewerDatabaseError, migrate, schemaVersion, type Migration } from '../../electron/core/db/migrations';
import { makeCore, tempDir } from './helpers';

function schemaOf(db: BetterSqlite3.Database): string[] {
  return (db.prepare("SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all() as { type: string; name: string; sql: string | null }[]).map(
    (r) => `${r.type} ${r.name}: ${(r.sql ?? '').replace(/\s+/g, ' ')}`,
  );
}

describe('migrations', () => {
  it('bring an empty file to the latest version', () => {
    const db = openDatabase(path.join(tempDir(), 'x.sqlite'));
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    // Versions only go up; parallel branches take numbers apart, so there may be gaps between them.
    const versions = MIGRATIONS.map((m) => m.version);
    expect(LATEST_SCHEMA_VERSION).toBe(versions.at(-1));
    expect(versions.every((v, i) => i === 0 || v > versions[i - 1]!)).toBe(true);
    db.close();
  });

  it('bring a file from every earlier version to the same schema as a fresh one, keeping its data', () => {
    const fresh = openDatabase(path.join(tempDir(), 'fresh.sqlite'));
    const expected = schemaOf(fresh);
    fresh.close();
    for (const version of [0, ...MIGRATIONS.map((m) => m.version).slice(0, -1)]) {
      const file = path.join(tempDir(), `from-${version}.sqlite`);
      const old = openDatabase(file, { migrateTo: version });
      expect(schemaVersion(old)).toBe(version);
      if (version >= 1) {
        // Data written under the old schema must survive every later migration.
        old.prepare("INSERT INTO contacts (first_name, phone_raw, e164, created_at, updated_at) VALUES ('Old', '1', '+14155552671', 1, 1)").run();
        old.prepare("INSERT INTO calls (contact_id, dial_uri, number, dialed_at, outcome) VALUES (1, 'tel:+14155552671', '+14155552671', 5, 'no_answer')").run();
      }
      old.close();
      const upgraded = openDatabase(file);
      expect(schemaVersion(upgraded)).toBe(LATEST_SCHEMA_VERSION);
      expect(schemaOf(upgraded)).toEqual(expected);
      if (version >= 1) {
        expect(upgraded.prepare('SELECT first_name, e164 FROM contacts').all()).toEqual([{ first_name: 'Old', e164: '+14155552671' }]);
        expect(upgraded.prepare('SELECT outcome FROM calls').all()).toEqual([{ outcome: 'no_answer' }]);
        expect(upgraded.pragma('foreign_key_check')).toEqual([]);
      }
      upgraded.close();
    }
  });

  it('run each migration in a transaction: one that fails after changing things leaves the file at the version before, with none of its changes', () => {
    const file = path.join(tempDir(), 'x.sqlite');
    const db = openDatabase(file, { migrateTo: 1 });
    db.prepare("INSERT INTO contacts (first_name, phone_raw, e164, created_at, updated_at) VALUES ('Old', '1', '+14155552671', 1, 1)").run();
    // Migration 2 creates imports, rebuilds contacts (copying this row, dropping the old table),
    // adds an index and three tables, and only then fails: its last table already exists.
    db.exec('CREATE TABLE dnc (e164 TEXT)');
    const before = schemaOf(db);
    db.close();
    expect(() => openDatabase(file)).toThrow(/dnc already exists/);
    const check = new BetterSqlite3(file);
    expect(schemaVersion(check)).toBe(1);
    expect(schemaOf(check)).toEqual(before);
    expect(check.prepare('SELECT first_name, e164 FROM contacts').all()).toEqual([{ first_name: 'Old', e164: '+14155552671' }]);
    check.close();
  });

  it('run each migration in a transaction: a function migration that writes rows and then throws leaves none of them, and the next migration does not run', () => {
    const file = path.join(tempDir(), 'x.sqlite');
    const db = openDatabase(file, { migrateTo: 1 });
    const before = schemaOf(db);
    const failing: Migration[] = [
      MIGRATIONS[0]!,
      {
        version: 2,
        name: 'writes, then fails',
        foreignKeysOff: true,
        up: (d) => {
          d.exec('CREATE TABLE half_done (x)');
          d.prepare('INSERT INTO half_done VALUES (?)').run('written');
          d.prepare("INSERT INTO contacts (first_name, phone_raw, e164, created_at, updated_at) VALUES ('New', '2', '+14155550000', 2, 2)").run();
          throw new Error('the data move found a row it cannot convert');
        },
      },
      { version: 3, name: 'never reached', up: 'CREATE TABLE after_the_failure (x)' },
    ];
    expect(() => migrate(db, 3, failing)).toThrow(/cannot convert/);
    expect(schemaVersion(db)).toBe(1);
    expect(schemaOf(db)).toEqual(before);
    expect(db.prepare('SELECT count(*) AS n FROM contacts').get()).toEqual({ n: 0 });
    // The foreign keys the migration switched off are on again.
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });

  it('refuse a database from a newer version with a clear error, leaving the file untouched', () => {
    const file = path.join(tempDir(), 'newer.sqlite');
    const raw = new BetterSqlite3(file);
    raw.pragma(`user_version = ${LATEST_SCHEMA_VERSION + 1}`);
    raw.exec('CREATE TABLE future (x)');
    raw.close();
    const before = fs.readFileSync(file);
    let error: unknown;
    try {
      openDatabase(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NewerDatabaseError);
    expect((error as Error).message).toMatch(new RegExp(`newer Dialdeck.*schema version ${LATEST_SCHEMA_VERSION + 1}.*up to ${LATEST_SCHEMA_VERSION}.*not been changed`, 's'));
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });
});

describe('pragmas', () => {
  it('are WAL, synchronous FULL, foreign keys on, a busy timeout and temporary sorts in memory', () => {
    const db = openDatabase(path.join(tempDir(), 'x.sqlite'));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(BUSY_TIMEOUT_MS);
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    db.close();
  });
});

describe('acknowledged writes', () => {
  it('are in the file, seen by another connection, when the handler returns', async () => {
    const { call, dir, core } = makeCore();
    const contact = await call<{ id: number }>('contacts.add', { firstName: 'Ana', phone: '(415) 555-2671' });
    const other = new BetterSqlite3(path.join(dir, 'dialdeck.sqlite'), { readonly: true });
    expect(other.prepare('SELECT first_name, e164 FROM contacts WHERE id = ?').get(contact.id)).toEqual({ first_name: 'Ana', e164: '+14155552671' });
    const dialled = await call<{ id: number }>('calls.dial', { contactId: contact.id });
    expect(other.prepare('SELECT outcome FROM calls WHERE id = ?').get(dialled.id)).toEqual({ outcome: null });
    await call('calls.log', { callId: dialled.id, outcome: 'conversation', notes: 'wants a quote' });
    expect(other.prepare('SELECT outcome, notes FROM calls WHERE id = ?').get(dialled.id)).toEqual({ outcome: 'conversation', notes: 'wants a quote' });
    other.close();
    core.close();
  });

  it('survive closing and reopening the core on the same folder', async () => {
    const first = makeCore();
    const contact = await first.call<{ id: number }>('contacts.add', { firstName: 'Ana', company: 'Acme', phone: '+44 20 7946 0958' });
    const dialled = await first.call<{ id: number }>('calls.dial', { contactId: contact.id });
    await first.call('calls.log', { callId: dialled.id, outcome: 'voicemail_left' });
    first.core.close();
    const second = makeCore(first.dir);
    const got = await second.call<{ contact: { company: string }; calls: { outcome: string }[] }>('contacts.get', { id: contact.id });
    expect(got.contact.company).toBe('Acme');
    expect(got.calls.map((c) => c.outcome)).toEqual(['voicemail_left']);
    second.core.close();
  });
});
