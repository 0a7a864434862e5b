#!/usr/bin/env node
// `npm start`: build and run the desktop app (electron-vite preview). Arguments are the app's:
// `npm start -- --data-dir DIR`. Without Electron's binary, and no way to fetch it, this says so
// in one line (electron-vite itself would print "Electron uninstall" and a stack trace).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchElectronBinary, findElectronBinary } from './electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const MISSING_BINARY =
  "Dialdeck cannot start: Electron's binary is missing and could not be downloaded (npm start fetches it once from GitHub, which needs internet access). Meanwhile `npm run preview` runs the same app in your browser.";

let binary = findElectronBinary(root);
if (!binary) {
  // A progress note for a person at a terminal, erased again: the outcome is one line either way.
  const note = process.stdout.isTTY ? 'Downloading the Electron binary (first start only)…' : '';
  process.stdout.write(note);
  binary = fetchElectronBinary(root, 15 * 60_000);
  if (note) process.stdout.write('\r\x1b[K');
}
if (!binary) {
  console.error(MISSING_BINARY);
  process.exit(1);
}

const appArgs = process.argv.slice(2);
const electronVite = path.join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
const result = spawnSync(process.execPath, [electronVite, 'preview', ...(appArgs.length > 0 ? ['--', ...appArgs] : [])], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
