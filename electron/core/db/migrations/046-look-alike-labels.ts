import type { Database } from 'better-sqlite3';
import { checkLabelName, labelKey } from '../../../../shared/domain/campaigns';
import type { Migration } from './index';

// Campaign and tag names that only look alike ("VIP", full-width "ＶＩＰ", "VIP" with a zero-width
// space pasted in) were different names, so the queue's tag filter missed half the rep's VIPs.
// Names are now compared with compatibility forms folded and invisible characters dropped
// (labelKey). Existing names lose their invisible characters and get keys of this version's form;
// where two existing names now share a key, the older keeps it and the newer is renamed "… (2)":
// nothing is merged behind the rep's back, both stay with their leads, one clearly named.
export const migration046: Migration = {
  version: 46,
  name: 'campaign and tag names that look alike are one name',
  up: (db: Database) => {
    for (const table of ['campaigns', 'tags'] as const) relabel(db, table);
  },
};

function relabel(db: Database, table: 'campaigns' | 'tags'): void {
  const rows = db.prepare(`SELECT id, name FROM ${table} ORDER BY id`).all() as { id: number; name: string }[];
  const taken = new Set<string>();
  const renamed: { id: number; name: string; key: string }[] = [];
  for (const row of rows) {
    const checked = checkLabelName(table === 'tags' ? 'tag' : 'campaign', row.name);
    // A name of invisible characters only (or one the old rules let through otherwise) is kept as it was.
    const base = checked.ok ? checked.name : row.name;
    let name = base;
    let key = labelKey(name);
    for (let n = 2; taken.has(key); n++) {
      name = `${base} (${n})`;
      key = labelKey(name);
    }
    taken.add(key);
    renamed.push({ id: row.id, name, key });
  }
  // Keys out of the way first: a new key may be an old key of a later row (UNIQUE on name_key).
  db.prepare(`UPDATE ${table} SET name_key = '#' || id`).run();
  const set = db.prepare(`UPDATE ${table} SET name = ?, name_key = ? WHERE id = ?`);
  for (const row of renamed) set.run(row.name, row.key, row.id);
}
