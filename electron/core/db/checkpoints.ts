// Checkpoints in the pauses, not inside a rep's commit. SQLite's automatic checkpoint runs in
// whichever commit pushes the WAL past its threshold (1,000 pages by default): that commit, a
// disposition as often as not, then also copies ~4 MB into the database file and syncs it — one
// disposition in a hundred or so took several times the others. Here the WAL is copied back on
// the event loop's next turn once a few writes have piled up (after the write's reply has gone)
// and after a pause; SQLite's own checkpoint stays, as a safety net, at a much larger WAL.
import type { Database } from 'better-sqlite3';

/** SQLite's own checkpoint threshold (pages): reached only when the app never pauses. */
export const SAFETY_NET_PAGES = 10_000;
/** Writes after which the next turn of the event loop checkpoints. */
export const WRITES_PER_CHECKPOINT = 16;
/** A pause this long after the last write checkpoints what is left. */
export const IDLE_CHECKPOINT_MS = 2_000;

export class WalCheckpoints {
  private writes = 0;
  private soon: ReturnType<typeof setImmediate> | null = null;
  private idle: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(
    private readonly db: Database,
    /** A small write that starts the WAL over (db/walRestartsRepo.ts); the time is only a value. */
    private readonly restartWal: () => void = () => {},
  ) {
    db.pragma(`wal_autocheckpoint = ${SAFETY_NET_PAGES}`);
  }

  /** A write was committed (its effects are being told). */
  afterWrite(): void {
    if (this.closed) return;
    this.writes++;
    if (this.writes >= WRITES_PER_CHECKPOINT && this.soon === null) {
      this.soon = setImmediate(() => {
        this.soon = null;
        this.run();
      });
    }
    if (this.idle === null) {
      this.idle = setTimeout(() => {
        this.idle = null;
        this.run();
      }, IDLE_CHECKPOINT_MS);
      // A pending checkpoint never keeps the process (the command line, a test) alive.
      this.idle.unref();
    } else this.idle.refresh();
  }

  /** Copy the WAL back now, without waiting for readers (PASSIVE): what a reader still needs is
   *  copied next time. */
  run(): void {
    if (this.closed || this.writes === 0 || !this.db.open) return;
    this.writes = 0;
    try {
      const [result] = this.db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
      // All of it copied back: the next commit starts the WAL over, writing and syncing a new
      // header before its frames (two syncs, twice a commit's time). Let that commit be this
      // one, in the pause, rather than the rep's next disposition.
      if (result && result.busy === 0 && result.log > 0 && result.checkpointed === result.log) this.restartWal();
    } catch {
      // Busy (a backup or another Dialdeck holds the file): the next pause tries again.
    }
  }

  close(): void {
    this.closed = true;
    if (this.soon !== null) clearImmediate(this.soon);
    if (this.idle !== null) clearTimeout(this.idle);
    this.soon = null;
    this.idle = null;
  }
}
