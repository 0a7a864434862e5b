import { describe, expect, it } from 'vitest';
import { placesWithRules, CALLING_RULES } from '../../shared/domain/law/rules';
import { openDatabase } from '../../electron/core/db/open';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, migrate } from '../../electron/core/db/migrations';
import { pathsFor } from '../../electron/core/paths';
import { makeCore, tempDir } from './helpers';

// Zone keys by the places that have calling rules (migration 022): leads that differ only in
// places no rule is written for share a key, so their hours are computed once.
describe('placesWithRules', () => {
  it('keeps the country and the places some rule is written for, in order', () => {
    const withRule = new Set(CALLING_RULES.map((rule) => rule.place));
    // Read from the rules' data, not assumed: Florida has a rule; New York and Ohio do not.
    expect(withRule.has('US-FL')).toBe(true);
    expect(withRule.has('US-NY') || withRule.has('US-OH')).toBe(false);
    expect(placesWithRules('US US-NY US-FL')).toBe('US US-FL');
    expect(placesWithRules('US US-NY US-OH')).toBe('US');
    expect(placesWithRules('GB')).toBe('GB');
    expect(placesWithRules('')).toBe('');
    // The first place is the country whatever it is (the desk's hours by country need it).
    expect(placesWithRules('JP')).toBe('JP');
  });
});

describe('zone keys', () => {
  it('an Ohio lead and a New Jersey lead (both Eastern, neither state with a rule) share a key; a Florida lead does not', async () => {
    const t = makeCore();
    const add = (firstName: string, phone: string) => t.call<{ id: number }>('contacts.add', { firstName, phone });
    await add('Ohio', '+1 614 555 0101');
    await add('Jersey', '+1 201 555 0102');
    const before = t.core.queue.zoneIds().length;
    await add('Florida', '+1 305 555 0103');
    const after = t.core.queue.zoneIds().length;
    const rows = t.core.db.prepare('SELECT c.first_name AS name, c.jurisdictions, q.zone_id FROM contacts c JOIN queue_state q ON q.contact_id = c.id ORDER BY c.id').all() as { name: string; jurisdictions: string; zone_id: number }[];
    // Each keeps all its places on the contact (the rules read them there)…
    expect(rows.map((r) => r.jurisdictions.split(' ').length)).toEqual([2, 2, 2]);
    // …while the key is by the places with rules.
    expect(rows[0]!.zone_id).toBe(rows[1]!.zone_id);
    expect(rows[2]!.zone_id).not.toBe(rows[0]!.zone_id);
    expect(after).toBe(before + 1);
    t.core.close();
  });

  it('migration 022 re-keys a database keyed by every place, and drops the keys nobody uses', async () => {
    const dir = tempDir();
    const t = makeCore(dir);
    await t.call('contacts.add', { firstName: 'Ohio', phone: '+1 614 555 0101' });
    await t.call('contacts.add', { firstName: 'Jersey', phone: '+1 201 555 0102' });
    t.core.close();
    // As migration 009 left it: each lead keyed by every place it may be in.
    const db = openDatabase(pathsFor(dir).databaseFile);
    // The version just before 022 (versions have gaps between branches' numbers).
    const before = MIGRATIONS[MIGRATIONS.findIndex((m) => m.version === 22) - 1]!.version;
    db.exec(`
      PRAGMA user_version = ${before};
      DROP INDEX queue_wait;
      INSERT INTO zone_keys (line_type, country, zones, jurisdictions) SELECT DISTINCT line_type, country, time_zones, jurisdictions FROM contacts;
      UPDATE queue_state SET zone_id = (SELECT z.id FROM contacts c JOIN zone_keys z ON z.line_type = c.line_type AND z.country = c.country AND z.zones = c.time_zones AND z.jurisdictions = c.jurisdictions WHERE c.id = queue_state.contact_id);
      DELETE FROM zone_keys WHERE id NOT IN (SELECT zone_id FROM queue_state);
    `);
    expect((db.prepare('SELECT count(DISTINCT zone_id) AS n FROM queue_state').get() as { n: number }).n).toBe(2);
    // Only 022 runs again: the migrations after it are in the file already (they need not be
    // re-runnable), so the file is put back at the latest version once 022 has run.
    expect(migrate(db, 22)).toBe(22);
    db.pragma(`user_version = ${LATEST_SCHEMA_VERSION}`);
    db.close();
    const migrated = openDatabase(pathsFor(dir).databaseFile);
    expect((migrated.prepare('SELECT count(DISTINCT zone_id) AS n FROM queue_state').get() as { n: number }).n).toBe(1);
    expect((migrated.prepare('SELECT count(*) AS n FROM zone_keys').get() as { n: number }).n).toBe(1);
    expect((migrated.prepare('SELECT jurisdictions FROM zone_keys').get() as { jurisdictions: string }).jurisdictions).toBe('US');
    migrated.close();
  });
});
