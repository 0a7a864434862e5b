import type { Migration } from './index';

// Zone keys by the places that have calling rules. Migration 009 keyed leads by every place they
// may be in, so a New York lead with a Texas area code and one with an Ohio area code had keys of
// their own although the same rules apply to both; at 100,000 leads over every state that made
// thousands of keys whose hours the queue and the timers computed one by one. Leads are re-keyed
// by their country and those of their places that have a rule (places_with_rules, registered on
// the connection before migrating), and keys nobody uses any more are dropped.
// queue_wait: a tier's due leads in waiting order across every zone key, so when most keys are
// open the queue reads the first few of them instead of seeking once per open key.
export const migration022: Migration = {
  version: 22,
  name: 'zone keys by the places that have calling rules; a tier in waiting order',
  up: `
    INSERT OR IGNORE INTO zone_keys (line_type, country, zones, jurisdictions)
      SELECT DISTINCT line_type, country, time_zones, places_with_rules(jurisdictions) FROM contacts;
    UPDATE queue_state SET zone_id = (
      SELECT z.id FROM contacts c JOIN zone_keys z
        ON z.line_type = c.line_type AND z.country = c.country AND z.zones = c.time_zones AND z.jurisdictions = places_with_rules(c.jurisdictions)
      WHERE c.id = queue_state.contact_id);
    DELETE FROM zone_keys WHERE id NOT IN (SELECT zone_id FROM queue_state);
    CREATE INDEX queue_wait ON queue_state (rank, wait_at, contact_id) WHERE rank IS NOT NULL;
  `,
};
