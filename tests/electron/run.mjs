// Runs the Playwright _electron smoke test against the built app (`npm run test:electron` builds
// first) where an Electron binary exists. It packages the app first (electron-builder --dir, from
// that same Electron binary, no download) so the smoke test can check the packaged app's fuses. Where none can be had (no binary and no download
// possible, as on machines without internet) it says so in one line, runs nothing, and leaves
// test-results/electron-not-run.json for tests/summary.mjs: NOT RUN, never counted as a pass.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fetchElectronBinary, findElectronBinary } from '../../tools/electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const results = path.join(root, 'test-results');
const report = path.join(results, 'electron.json');
const notRunMarker = path.join(results, 'electron-not-run.json');
const playwright = path.join(root, 'node_modules', '@playwright', 'test', 'cli.js');
const config = path.join(root, 'tests', 'electron', 'playwright.config.ts');

// Nothing from an earlier run may count in the summary.
fs.mkdirSync(results, { recursive: true });
fs.rmSync(report, { force: true });
fs.rmSync(notRunMarker, { force: true });

const binary = findElectronBinary(root) ?? fetchElectronBinary(root, 180_000);
if (!binary) {
  const reason = 'no Electron binary';
  fs.writeFileSync(notRunMarker, `${JSON.stringify({ reason, tests: countTests(), at: new Date().toISOString() }, null, 2)}\n`);
  console.log('Electron smoke test NOT RUN: no Electron binary on this machine and none could be downloaded (0 passed, not counted).');
  process.exit(0);
}

const packaged = packageApp();
const args = [playwright, 'test', '-c', config];
const needsDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const hasXvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { stdio: 'ignore' }).status === 0;
const [command, commandArgs] = needsDisplay && hasXvfb ? ['xvfb-run', ['-a', process.execPath, ...args]] : [process.execPath, args];
const result = spawnSync(command, commandArgs, { stdio: 'inherit', cwd: root, env: { ...process.env, DIALDECK_ELECTRON_BINARY: binary, DIALDECK_PACKAGED_APP: packaged ?? '' } });
process.exit(result.status ?? 1);

/** The app packaged by electron-builder into dist/ (unpacked, for this platform), its fuses
 *  flipped as electron-builder.yml says; the path of its executable, or null when packaging
 *  failed (the fuse test then fails and says so). */
function packageApp() {
  const builder = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
  const electronDist = path.join(root, 'node_modules', 'electron', 'dist');
  const run = spawnSync(process.execPath, [builder, '--dir', '--publish', 'never', `-c.electronDist=${electronDist}`], { cwd: root, stdio: 'inherit', timeout: 600_000 });
  if (run.status !== 0) {
    console.log('Packaging the app with electron-builder --dir failed: the fuse check will fail.');
    return null;
  }
  const candidates =
    process.platform === 'win32'
      ? [path.join(root, 'dist', 'win-unpacked', 'Dialdeck.exe')]
      : process.platform === 'darwin'
        ? ['mac', 'mac-arm64', 'mac-universal'].map((folder) => path.join(root, 'dist', folder, 'Dialdeck.app', 'Contents', 'MacOS', 'Dialdeck'))
        : [path.join(root, 'dist', 'linux-unpacked', 'dialdeck'), path.join(root, 'dist', 'linux-arm64-unpacked', 'dialdeck')];
  return candidates.find((file) => fs.existsSync(file)) ?? null;
}

/** How many tests did not run, from Playwright's own listing (null if it cannot list them). */
function countTests() {
  const listed = spawnSync(process.execPath, [playwright, 'test', '-c', config, '--list', '--reporter=json'], { cwd: root, encoding: 'utf8' });
  try {
    const count = (suite) => (suite.specs ?? []).reduce((n, spec) => n + spec.tests.length, 0) + (suite.suites ?? []).reduce((n, s) => n + count(s), 0);
    return JSON.parse(listed.stdout).suites.reduce((n, suite) => n + count(suite), 0);
  } catch {
    return null;
  }
}
