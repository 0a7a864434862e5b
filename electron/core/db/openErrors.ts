// Why the database file could not be opened, typed so the app can offer the way out that fits
// (a dialog today, a recovery screen for damaged files later) and the command line can print it.
// Every message names the file, says why, and says what to do; it is shown as it is.

/** newer_version: written by a newer Dialdeck. no_access: this user cannot write the file or its
 *  folder. damaged: not a database Dialdeck can use (emptied, or not a database at all). */
export type DatabaseProblem = 'newer_version' | 'no_access' | 'damaged';

export class DatabaseFileError extends Error {
  constructor(
    readonly problem: DatabaseProblem,
    readonly file: string,
    message: string,
    /** Where a damaged file was moved, so nothing is lost and the next start can begin a new
     *  one; null when it was left where it is. */
    readonly keptAs: string | null = null,
    /** What SQLite's integrity check reported, for a damaged file it could open. */
    readonly problems: readonly string[] = [],
  ) {
    super(message);
    this.name = 'DatabaseFileError';
  }
}
