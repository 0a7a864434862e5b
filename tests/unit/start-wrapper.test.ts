// `npm start` (tools/start.mjs) in a throwaway checkout: the real script beside a fake
// node_modules, so the Electron binary can be absent, fetched, or present whatever this machine has.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers';

const TOOLS = path.resolve(__dirname, '../../tools');

/** A checkout with the real tools/start.mjs and a fake electron package and electron-vite. */
function checkout(electronInstaller: 'fails' | 'fetches'): { root: string; run(args?: string[], env?: NodeJS.ProcessEnv): ReturnType<typeof spawnSync> & { stdout: string; stderr: string } } {
  const root = tempDir('dialdeck-start-');
  fs.mkdirSync(path.join(root, 'tools'));
  for (const file of ['start.mjs', 'electron-binary.mjs']) fs.copyFileSync(path.join(TOOLS, file), path.join(root, 'tools', file));
  const electron = path.join(root, 'node_modules', 'electron');
  fs.mkdirSync(electron, { recursive: true });
  // Electron's installer: either the download fails (no internet) with a stack trace, as the real
  // one does, or it puts a binary in place; either way it notes that it ran.
  fs.writeFileSync(
    path.join(electron, 'install.js'),
    electronInstaller === 'fails'
      ? `require('fs').writeFileSync(${JSON.stringify(path.join(root, 'installer-ran'))}, '');\nconsole.error(new Error('getaddrinfo ENOTFOUND github.com').stack);\nprocess.exit(1);\n`
      : `const fs = require('fs');\nfs.writeFileSync(${JSON.stringify(path.join(root, 'installer-ran'))}, '');\nfs.mkdirSync(__dirname + '/dist', { recursive: true });\nfs.writeFileSync(__dirname + '/dist/electron', '');\nfs.writeFileSync(__dirname + '/path.txt', 'electron');\n`,
  );
  // electron-vite: records how it was called.
  const electronVite = path.join(root, 'node_modules', 'electron-vite', 'bin');
  fs.mkdirSync(electronVite, { recursive: true });
  fs.writeFileSync(path.join(electronVite, 'electron-vite.js'), `require('fs').writeFileSync(${JSON.stringify(path.join(root, 'electron-vite-args.json'))}, JSON.stringify(process.argv.slice(2)));\n`);
  return {
    root,
    run: (args = [], env = {}) => {
      const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
      if (!('ELECTRON_SKIP_BINARY_DOWNLOAD' in env)) delete childEnv.ELECTRON_SKIP_BINARY_DOWNLOAD;
      return spawnSync(process.execPath, [path.join(root, 'tools', 'start.mjs'), ...args], { cwd: root, encoding: 'utf8', env: childEnv }) as ReturnType<typeof spawnSync> & { stdout: string; stderr: string };
    },
  };
}

describe('npm start', () => {
  it('without the binary and no way to fetch it: one clear line, no stack trace, a failing exit', () => {
    const { root, run } = checkout('fails');
    const result = run(['--data-dir', '/tmp/dd']);
    expect(result.status).toBe(1);
    expect(fs.existsSync(path.join(root, 'installer-ran'))).toBe(true);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Dialdeck cannot start: Electron's binary is missing and could not be downloaded/);
    expect(lines[0]).toContain('needs internet access');
    expect(lines[0]).toContain('`npm run preview` runs the same app in your browser');
    expect(result.stderr).not.toMatch(/Electron uninstall|ENOTFOUND|\n\s+at /);
    expect(fs.existsSync(path.join(root, 'electron-vite-args.json'))).toBe(false);
  });

  it('ELECTRON_SKIP_BINARY_DOWNLOAD=1: the same line without trying to download', () => {
    const { root, run } = checkout('fails');
    const result = run([], { ELECTRON_SKIP_BINARY_DOWNLOAD: '1' });
    expect(result.status).toBe(1);
    expect(fs.existsSync(path.join(root, 'installer-ran'))).toBe(false);
    expect(result.stderr).toMatch(/^Dialdeck cannot start: Electron's binary is missing[^\n]*\n$/);
  });

  it("fetches the binary on the first start, then runs electron-vite preview with the app's arguments", () => {
    const { root, run } = checkout('fetches');
    const result = run(['--data-dir', '/tmp/dd']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(fs.existsSync(path.join(root, 'installer-ran'))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(root, 'electron-vite-args.json'), 'utf8'))).toEqual(['preview', '--', '--data-dir', '/tmp/dd']);
  });

  it('with the binary in place and no arguments, runs electron-vite preview alone', () => {
    const { root, run } = checkout('fetches');
    run();
    fs.rmSync(path.join(root, 'installer-ran'));
    const result = run();
    expect(result.status).toBe(0);
    expect(fs.existsSync(path.join(root, 'installer-ran'))).toBe(false);
    expect(JSON.parse(fs.readFileSync(path.join(root, 'electron-vite-args.json'), 'utf8'))).toEqual(['preview']);
  });
});
