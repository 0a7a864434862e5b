// A disposition's commit and its reply's reads, side by side. With synchronous=FULL the COMMIT
// waits for the WAL's fsync (~0.8 ms here, p99 ~3 ms on a virtual disk) before the reply's reads
// (the next lead and its screen, ~1.4 ms) can start. Committed with synchronous=NORMAL instead,
// the transaction's frames are written to the WAL but not synced; the WAL file is then synced on
// libuv's thread pool while the reply is built, and the reply goes only once that sync is done.
// What the screen acknowledges is on the disk as with FULL (the same fdatasync of the same file),
// only no longer in series with the reads. Every other reply of the core waits for a sync still
// running (core.ts), so nothing read from a commit not yet on disk is shown before it is.
//
// On macOS Node's datasync is F_FULLFSYNC (libuv), several times SQLite's plain fsync there, so
// the commit stays SQLite's own; likewise for a database that is not a file in WAL mode.
import fs from 'node:fs';
import type { Database } from 'better-sqlite3';

/** Flush one file's written data to the disk. */
export type SyncFile = (file: string) => Promise<void>;

/** The WAL file is opened here, on the calling thread, so that the one step left to the thread
 *  pool is the sync itself: a chain of asynchronous steps (open, then sync) would wait for the
 *  reply's reads to end before its second step could start. Opened read-write (Windows'
 *  FlushFileBuffers needs write access) and closed after: a handle kept open could outlive the
 *  file SQLite deletes when it closes. */
export function fdatasyncFile(file: string): Promise<void> {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r+');
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
  return new Promise((resolve, reject) => {
    fs.fdatasync(fd, (error) => {
      fs.close(fd, () => undefined);
      if (error) reject(error);
      else resolve();
    });
  });
}

/** The WAL beside a file database in WAL mode, where its sync can run beside the reply; null where
 *  the commit stays SQLite's own. */
export function overlappableWal(db: Database, platform: NodeJS.Platform = process.platform): string | null {
  if (db.memory || platform === 'darwin') return null;
  const mode = db.pragma('journal_mode', { simple: true });
  return mode === 'wal' ? `${db.name}-wal` : null;
}

export class OverlappedCommits {
  private pending: Promise<void> | null = null;

  constructor(
    private readonly db: Database,
    /** The WAL file to sync; null: every commit is SQLite's own (synchronous=FULL). */
    private readonly walFile: string | null,
    private readonly syncFile: SyncFile = fdatasyncFile,
  ) {}

  /** Run `commit` (a whole transaction) with its sync left for later, and start that sync. The
   *  promise settles once what it committed is on the disk: the caller replies only then. */
  commit<T>(commit: () => T): { result: T; onDisk: Promise<void> } {
    if (this.walFile === null) return { result: commit(), onDisk: Promise.resolve() };
    // exec, not a prepared statement: SQLite applies this pragma when it compiles it, so a
    // prepared one run again would change nothing.
    this.db.exec('PRAGMA synchronous = NORMAL');
    let result: T;
    try {
      result = commit();
    } finally {
      // Back before anything else can write: every other commit is FULL, as before.
      this.db.exec('PRAGMA synchronous = FULL');
    }
    const onDisk = this.syncFile(this.walFile);
    const settled = onDisk.then(
      () => undefined,
      () => undefined,
    );
    this.pending = settled;
    void settled.then(() => {
      if (this.pending === settled) this.pending = null;
    });
    return { result, onDisk };
  }

  /** A sync still running (null when none): a reply that may show what it committed waits for it.
   *  A later sync covers every frame written before it, so the latest is the one to wait for. */
  running(): Promise<void> | null {
    return this.pending;
  }
}
