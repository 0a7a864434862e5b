import os from 'node:os';
import path from 'node:path';
import type { Paths } from './ports';

export const APP_NAME = 'Dialdeck';
export const DATABASE_FILE_NAME = 'dialdeck.sqlite';

/** The same folder Electron's app.getPath('userData') gives for productName "Dialdeck", so the
 *  CLI and the app open the same file without Electron. */
export function defaultDataDir(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
  home: string = os.homedir(),
): string {
  if (platform === 'win32') return path.win32.join(env.APPDATA ?? path.win32.join(home, 'AppData', 'Roaming'), APP_NAME);
  if (platform === 'darwin') return path.posix.join(home, 'Library', 'Application Support', APP_NAME);
  return path.posix.join(env.XDG_CONFIG_HOME ?? path.posix.join(home, '.config'), APP_NAME);
}

/** --data-dir wins, then DIALDECK_DATA_DIR, then the platform default. */
export function resolveDataDir(flag: string | undefined, env: NodeJS.ProcessEnv = process.env, fallback?: string): string {
  const chosen = flag ?? env.DIALDECK_DATA_DIR ?? fallback ?? defaultDataDir();
  return path.resolve(chosen);
}

export function pathsFor(dataDir: string): Paths {
  return { dataDir, databaseFile: path.join(dataDir, DATABASE_FILE_NAME) };
}
