// Where Electron's binary is, and one try at fetching it. Electron 45's npm package has no install
// script: its binary (about 100 MB, from GitHub) is downloaded the first time Electron runs, by the
// package's install.js. `npm start` (tools/start.mjs) and the Electron smoke test
// (tests/electron/run.mjs) both look here before starting anything.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The Electron executable under <root>/node_modules/electron, or null when it is not there. */
export function findElectronBinary(root) {
  const electronDir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

/** Runs Electron's own installer once (quietly: on failure it prints a stack trace) and returns
 *  the binary if it is there afterwards. ELECTRON_SKIP_BINARY_DOWNLOAD=1 skips the attempt. */
export function fetchElectronBinary(root, timeoutMs) {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD === '1') return null;
  const installer = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!fs.existsSync(installer)) return null;
  spawnSync(process.execPath, [installer], { cwd: root, stdio: 'ignore', timeout: timeoutMs });
  return findElectronBinary(root);
}
