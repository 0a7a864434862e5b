// The calling rules' log of changes, and how many leads each place holds.
import type { Database } from 'better-sqlite3';
import { statement } from '../db/sql';

export interface RuleChangeRow {
  id: number;
  rule: string;
  on_: number;
  reason: string;
  at: number;
}

const insertChange = statement<never, [rule: string, on: number, reason: string, at: number]>('INSERT INTO rule_changes (rule, on_, reason, at) VALUES (?, ?, ?, ?)');
const allChanges = statement<RuleChangeRow>('SELECT id, rule, on_, reason, at FROM rule_changes ORDER BY at DESC, id DESC LIMIT 500');
const placeCounts = statement<{ jurisdictions: string; line_type: string; leads: number }>(
  "SELECT jurisdictions, line_type, count(*) AS leads FROM contacts WHERE status = 'active' GROUP BY jurisdictions, line_type",
);

export function logRuleChange(db: Database, change: { rule: string; on: boolean; reason: string; at: number }): void {
  insertChange(db).run(change.rule, change.on ? 1 : 0, change.reason, change.at);
}

/** The latest 500 changes, newest first. */
export function ruleChanges(db: Database): RuleChangeRow[] {
  return allChanges(db).all();
}

/** Active leads by their places ("US US-FL") and line type: a few hundred groups at most. */
export function leadsByPlace(db: Database): { jurisdictions: string; line_type: string; leads: number }[] {
  return placeCounts(db).all();
}
