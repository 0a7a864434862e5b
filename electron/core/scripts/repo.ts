// Call scripts, and the marks a call keeps from its script (objections that came up, the checklist).
import type { Database } from 'better-sqlite3';
import type { Situation } from '../../../shared/domain/scripts';
import { scalar, statement } from '../db/sql';

export interface ScriptRow {
  id: number;
  name: string;
  situation: Situation;
  campaign: string;
  body: string;
  starter_key: string | null;
  created_at: number;
  updated_at: number;
}

const SCRIPT_COLUMNS = 'id, name, situation, campaign, body, starter_key, created_at, updated_at';
const all = statement<ScriptRow>(`SELECT ${SCRIPT_COLUMNS} FROM scripts ORDER BY situation, campaign, name, id`);
const byId = statement<ScriptRow, [id: number]>(`SELECT ${SCRIPT_COLUMNS} FROM scripts WHERE id = ?`);
const byStarterKey = statement<ScriptRow, [key: string]>(`SELECT ${SCRIPT_COLUMNS} FROM scripts WHERE starter_key = ?`);
// A desk keeps a handful of scripts: read in id order straight from the table, not through the
// (situation, campaign) index and then sorted (a temporary b-tree, ~70 µs on every disposition).
const bySituation = statement<ScriptRow, [situation: Situation]>(`SELECT ${SCRIPT_COLUMNS} FROM scripts NOT INDEXED WHERE situation = ? ORDER BY id`);
const insert = statement<never, [name: string, situation: Situation, campaign: string, body: string, starterKey: string | null, createdAt: number, updatedAt: number]>(
  'INSERT INTO scripts (name, situation, campaign, body, starter_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
);
const update = statement<never, [name: string, situation: Situation, campaign: string, body: string, at: number, id: number]>(
  'UPDATE scripts SET name = ?, situation = ?, campaign = ?, body = ?, updated_at = ? WHERE id = ?',
);
const remove = statement<never, [id: number]>('DELETE FROM scripts WHERE id = ? AND starter_key IS NULL');
// The script rule reads the titles of a lead's tasks (a promise naming a proposal): a handful
// per lead, through tasks_by_contact.
const taskTitles = scalar<string, [contactId: number]>('SELECT title FROM tasks WHERE contact_id = ?');
const setMarks = statement<never, [objections: string | null, checklist: string | null, callId: number]>('UPDATE calls SET objections = ?, checklist = ? WHERE id = ?');

export function listScripts(db: Database): ScriptRow[] {
  return all(db).all();
}

export function getScript(db: Database, id: number): ScriptRow | undefined {
  return byId(db).get(id);
}

export function getStarterScript(db: Database, key: string): ScriptRow | undefined {
  return byStarterKey(db).get(key);
}

export function insertScript(db: Database, s: { name: string; situation: Situation; campaign: string; body: string; starterKey: string | null; at: number }): number {
  return Number(insert(db).run(s.name, s.situation, s.campaign, s.body, s.starterKey, s.at, s.at).lastInsertRowid);
}

export function updateScript(db: Database, id: number, s: { name: string; situation: Situation; campaign: string; body: string; at: number }): void {
  update(db).run(s.name, s.situation, s.campaign, s.body, s.at, id);
}

export function deleteScript(db: Database, id: number): boolean {
  return remove(db).run(id).changes > 0;
}

/** The scripts for a situation: the campaign's own first, then those for every campaign. */
export function scriptsFor(db: Database, situation: Situation, campaigns: readonly string[]): ScriptRow[] {
  const rank = (s: ScriptRow) => (s.campaign === '' ? 1 : campaigns.includes(s.campaign) ? 0 : 2);
  return bySituation(db)
    .all(situation)
    .sort((a, b) => rank(a) - rank(b))
    .filter((s) => s.campaign === '' || campaigns.includes(s.campaign));
}

/** The titles of the lead's tasks, open or done (promises, emails, calls). */
export function taskTitlesOf(db: Database, contactId: number): string[] {
  return taskTitles(db).all(contactId);
}

export function setCallScriptMarks(db: Database, callId: number, objections: readonly string[], checklist: readonly { item: string; done: boolean }[]): void {
  setMarks(db).run(objections.length ? JSON.stringify(objections) : null, checklist.length ? JSON.stringify(checklist) : null, callId);
}
