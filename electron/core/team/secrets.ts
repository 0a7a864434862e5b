// Where a desk keeps its team connection URL (it holds the role's password). The core only
// knows this port: Electron main encrypts it with the OS keychain (safeStorage); the command
// line and the preview, which have no keychain, keep it in a file only the user can read.
import fs from 'node:fs';
import path from 'node:path';

export interface TeamSecrets {
  save(url: string): void;
  /** The stored URL, or null before joining. */
  load(): string | null;
  /** Where and how it is kept, said to the rep when it is stored. */
  readonly description: string;
}

/** A file with mode 0600 (read and write by its owner only), replaced atomically. Not encrypted:
 *  the description says so. */
export function fileSecrets(file: string): TeamSecrets {
  return {
    description: `${file} (readable by your user only, mode 0600; not encrypted: this tool has no keychain)`,
    save(url) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const temp = `${file}.tmp`;
      fs.writeFileSync(temp, url, { mode: 0o600 });
      fs.chmodSync(temp, 0o600);
      fs.renameSync(temp, file);
    },
    load() {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}

/** The file beside the desk's database that fileSecrets uses. */
export function teamUrlFile(dataDir: string): string {
  return path.join(dataDir, 'team-url');
}
