import type { Migration } from './index';

// An import's new leads go into the Ctrl+K index (lead_search, migration 014) right after the
// import, many at a time, not one by one as they are written: a row at a time, the index's
// upkeep was half of a 100,000-row import. While an import batch writes its contacts it sets
// lead_search_paused (in its own transaction, so no other connection ever sees it set), the
// insert trigger stands aside, and the batch's id range goes into lead_search_backlog; every
// search indexes what is left there before it reads, and the app indexes it in the pauses after
// the import (search/service.ts).
const PHONES = `trim(coalesce(replace(NEW.e164, '+', ''), '') || ' ' || coalesce((
    SELECT group_concat(replace(json_extract(value, '$.e164'), '+', ''), ' ')
      FROM json_each(NEW.other_phones) WHERE json_extract(value, '$.e164') IS NOT NULL), ''))`;

export const migration043: Migration = {
  version: 43,
  name: 'an import indexes its leads for Ctrl+K after it, many at a time',
  up: `
    CREATE TABLE lead_search_paused (only INTEGER PRIMARY KEY CHECK (only = 1)) STRICT;
    CREATE TABLE lead_search_backlog (from_id INTEGER NOT NULL, to_id INTEGER NOT NULL) STRICT;

    DROP TRIGGER lead_search_insert;
    CREATE TRIGGER lead_search_insert AFTER INSERT ON contacts WHEN NOT EXISTS (SELECT 1 FROM lead_search_paused) BEGIN
      INSERT INTO lead_search (rowid, name, company, email, phones)
        VALUES (NEW.id, NEW.first_name || ' ' || NEW.last_name, NEW.company, NEW.email, ${PHONES});
    END;
  `,
};
