// Where a worker thread's script is. The app ships each worker built beside the bundled main
// (electron.vite.config.ts lists them as entries; this file is bundled into main, so __dirname is
// main's folder there and electron/core here). In development, the CLI, the preview and the
// tests, the TypeScript source is bundled with esbuild (a dev dependency) on first use.
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const bundled = new Map<string, string>();

/** The runnable file for a worker: `<name>.js` beside the bundled main in the app, else its
 *  TypeScript source (a path under electron/core) bundled; null when there is neither. */
export function workerFile(name: string, sourceInCore: string): string | null {
  const built = path.join(__dirname, `${name}.js`);
  if (fs.existsSync(built)) return built;
  const source = path.join(__dirname, sourceInCore);
  if (!fs.existsSync(source)) return null;
  let file = bundled.get(name);
  if (!file) {
    // better-sqlite3 stays outside the bundle (its native binary is found from its own folder),
    // so the bundle goes where require('better-sqlite3') finds the project's copy: under
    // node_modules/.cache, named by its content, so processes share it and never leave copies.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- a dev-only tool, loaded only when no built worker exists
    const esbuild = require('esbuild') as typeof import('esbuild');
    const result = esbuild.buildSync({ entryPoints: [source], bundle: true, platform: 'node', format: 'cjs', target: 'node22', write: false, external: ['better-sqlite3'], logLevel: 'silent' });
    const code = result.outputFiles[0]!.contents;
    const nodeModules = path.dirname(path.dirname(require.resolve('better-sqlite3/package.json')));
    const dir = path.join(nodeModules, '.cache', 'dialdeck-workers');
    file = path.join(dir, `${name}-${createHash('sha256').update(code).digest('hex').slice(0, 16)}.js`);
    if (!fs.existsSync(file)) {
      fs.mkdirSync(dir, { recursive: true });
      // Written aside and renamed, so a process starting the same worker never reads half a file.
      const partial = `${file}.${randomUUID()}.part`;
      fs.writeFileSync(partial, code);
      fs.renameSync(partial, file);
    }
    bundled.set(name, file);
  }
  return file;
}
