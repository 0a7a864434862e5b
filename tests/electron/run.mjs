// Runs the Playwright _electron smoke test where an Electron binary exists. Where none can be had
// (no binary and no download possible, as on machines without internet) it says so in one line
// and runs nothing: that is reported as NOT RUN, never counted as a pass.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const electronDir = path.join(root, 'node_modules', 'electron');

function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!fs.existsSync(pathFile)) return null;
  const binary = path.join(electronDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : null;
}

let binary = electronBinary();
if (!binary && process.env.ELECTRON_SKIP_BINARY_DOWNLOAD !== '1') {
  // electron installs its binary lazily; try once, briefly.
  spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
  binary = electronBinary();
}
if (!binary) {
  // No stale report from an earlier run may count in the summary.
  fs.rmSync(path.join(root, 'test-results', 'electron.json'), { force: true });
  console.log('Electron smoke test NOT RUN: no Electron binary on this machine and none could be downloaded (0 passed, not counted).');
  process.exit(0);
}

const playwright = path.join(root, 'node_modules', '.bin', 'playwright');
const args = ['test', '-c', path.join(root, 'tests', 'electron', 'playwright.config.ts')];
const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const hasXvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0;
const [command, commandArgs] = needsDisplay && hasXvfb ? ['xvfb-run', ['-a', playwright, ...args]] : [playwright, args];
const result = spawnSync(command, commandArgs, { stdio: 'inherit', cwd: root, env: { ...process.env, DIALDECK_ELECTRON_BINARY: binary } });
process.exit(result.status ?? 1);
