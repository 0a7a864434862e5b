import type { Database } from 'better-sqlite3';
import type { Situation } from '../../../shared/domain/scripts';
import { sql } from '../db/statements';

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

export function listScripts(db: Database): ScriptRow[] {
  return sql(db, 'SELECT * FROM scripts ORDER BY situation, campaign, name, id').all() as ScriptRow[];
}

export function getScript(db: Database, id: number): ScriptRow | undefined {
  return sql(db, 'SELECT * FROM scripts WHERE id = ?').get(id) as ScriptRow | undefined;
}

export function getStarterScript(db: Database, key: string): ScriptRow | undefined {
  return sql(db, 'SELECT * FROM scripts WHERE starter_key = ?').get(key) as ScriptRow | undefined;
}

export function insertScript(db: Database, s: { name: string; situation: Situation; campaign: string; body: string; starterKey: string | null; at: number }): number {
  return Number(
    sql(db, 'INSERT INTO scripts (name, situation, campaign, body, starter_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(s.name, s.situation, s.campaign, s.body, s.starterKey, s.at, s.at).lastInsertRowid,
  );
}

export function updateScript(db: Database, id: number, s: { name: string; situation: Situation; campaign: string; body: string; at: number }): void {
  sql(db, 'UPDATE scripts SET name = ?, situation = ?, campaign = ?, body = ?, updated_at = ? WHERE id = ?').run(s.name, s.situation, s.campaign, s.body, s.at, id);
}

export function deleteScript(db: Database, id: number): boolean {
  return sql(db, 'DELETE FROM scripts WHERE id = ? AND starter_key IS NULL').run(id).changes > 0;
}

/** The scripts for a situation: the campaign's own first, then those for every campaign. */
export function scriptsFor(db: Database, situation: Situation, campaigns: readonly string[]): ScriptRow[] {
  return (sql(db, 'SELECT * FROM scripts WHERE situation = ? ORDER BY id').all(situation) as ScriptRow[]).sort((a, b) => {
    const rank = (s: ScriptRow) => (s.campaign === '' ? 1 : campaigns.includes(s.campaign) ? 0 : 2);
    return rank(a) - rank(b);
  }).filter((s) => s.campaign === '' || campaigns.includes(s.campaign));
}

export function setCallScriptMarks(db: Database, callId: number, objections: readonly string[], checklist: readonly { item: string; done: boolean }[]): void {
  sql(db, 'UPDATE calls SET objections = ?, checklist = ? WHERE id = ?').run(objections.length ? JSON.stringify(objections) : null, checklist.length ? JSON.stringify(checklist) : null, callId);
}
