import type { Database } from 'better-sqlite3';
import { resolveLeadPlace } from '../../../../shared/domain/timeZones';
import type { Migration } from './index';

// The law where the lead is. Each contact keeps the places whose calling rules apply to it (its
// country and every state it may be in: "US US-FL US-GA"), and leads share a zone key only when
// those match too, so the queue asks the rules once per key. A calling rule's rolling cap that
// holds a lead is kept on its queue row (cap_rule); a call made while a switched-off rule would
// have forbidden it says so (waived).
// Existing contacts get their places computed with this version's rules; those whose zone was the
// desk's own default (tz_source 'default', which nothing sets any more) get their zone from their
// number and address instead — a Texas 1-800 lead is no longer in the desk's zone. Leads with a
// zone from a column keep it: the cell itself was not kept.
export const migration009: Migration = {
  version: 9,
  name: 'places: jurisdictions on contacts and zone keys, rule caps, waived rules',
  up: (db: Database) => {
    db.exec(`
      CREATE TABLE zone_keys_v2 (
        id             INTEGER PRIMARY KEY,
        line_type      TEXT NOT NULL,
        country        TEXT NOT NULL,
        zones          TEXT NOT NULL,
        jurisdictions  TEXT NOT NULL DEFAULT '',
        UNIQUE (line_type, country, zones, jurisdictions)
      ) STRICT;
      INSERT INTO zone_keys_v2 (id, line_type, country, zones) SELECT id, line_type, country, zones FROM zone_keys;
      DROP TABLE zone_keys;
      ALTER TABLE zone_keys_v2 RENAME TO zone_keys;
      ALTER TABLE contacts ADD COLUMN jurisdictions TEXT NOT NULL DEFAULT '';
      ALTER TABLE queue_state ADD COLUMN cap_rule TEXT;
      ALTER TABLE calls ADD COLUMN waived TEXT;
      -- What an import's leads are when a row does not say; imports before this took business.
      ALTER TABLE imports ADD COLUMN lines TEXT NOT NULL DEFAULT 'business';
    `);
    const rows = db.prepare('SELECT id, country, region, e164, tz_source FROM contacts').iterate() as IterableIterator<{ id: number; country: string; region: string; e164: string | null; tz_source: string }>;
    const setPlaces = db.prepare('UPDATE contacts SET jurisdictions = ? WHERE id = ?');
    const setPlacesAndZones = db.prepare('UPDATE contacts SET jurisdictions = ?, time_zones = ?, tz_source = ? WHERE id = ?');
    const updates: [string, string[], string, number, boolean][] = [];
    for (const row of rows) {
      const place = resolveLeadPlace({ country: row.country, region: row.region, e164: row.e164 });
      updates.push([place.jurisdictions.join(' '), place.zones, place.source, row.id, row.tz_source === 'default']);
    }
    for (const [jurisdictions, zones, source, id, rezone] of updates) {
      if (rezone) setPlacesAndZones.run(jurisdictions, zones.join(' '), source, id);
      else setPlaces.run(jurisdictions, id);
    }
    db.exec(`
      INSERT OR IGNORE INTO zone_keys (line_type, country, zones, jurisdictions)
        SELECT DISTINCT line_type, country, time_zones, jurisdictions FROM contacts;
      UPDATE queue_state SET zone_id = (
        SELECT z.id FROM contacts c JOIN zone_keys z
          ON z.line_type = c.line_type AND z.country = c.country AND z.zones = c.time_zones AND z.jurisdictions = c.jurisdictions
        WHERE c.id = queue_state.contact_id);
    `);
  },
};
