// The first disposition of a session used to prepare its ~55 statements as it ran (tens of µs
// each, some of its statements far more): ~8 ms, against ~1 ms for the ones after it, and the
// first of each outcome paid for its own. Every declared statement (db/sql.ts) is prepared in
// the pauses after start instead, a few a turn, so the app keeps answering meanwhile.
import type { Database } from 'better-sqlite3';
import { prepareDeclared } from './sql';

/** Statements prepared in one turn of the event loop (a few ms at most). */
export const STATEMENTS_PER_TURN = 10;

export class StatementWarmup {
  private soon: ReturnType<typeof setImmediate> | null = null;
  private closed = false;

  constructor(private readonly db: Database) {}

  start(): void {
    this.stepFrom(0);
  }

  private stepFrom(from: number): void {
    if (this.closed) return;
    this.soon = setImmediate(() => {
      this.soon = null;
      if (this.closed || !this.db.open) return;
      const next = prepareDeclared(this.db, from, STATEMENTS_PER_TURN);
      if (next !== null) this.stepFrom(next);
    });
  }

  close(): void {
    this.closed = true;
    if (this.soon !== null) clearImmediate(this.soon);
    this.soon = null;
  }
}
