// Installers that are safe by default (issue #16, acceptance 5): electron-builder.yml read with
// electron-builder's own loader and checked against its own schema (as `npm run dist` does), its
// targets, and its fuses against the fuse list of @electron/fuses.
import fs from 'node:fs';
import path from 'node:path';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { DebugLogger } from 'builder-util';
import { describe, expect, it } from 'vitest';
import { fuseKeys, loadBuilderConfig, REQUIRED_FUSES, ROOT } from '../electron/builderConfig';
import { tempDir } from './helpers';

const targetsOf = (target: unknown) => (target as { target: string; arch?: string[] }[]).map((t) => ({ target: t.target, arch: t.arch ?? null }));

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own schema', async () => {
    const config = await loadBuilderConfig();
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('a key electron-builder does not know fails the same check (the check can fail)', async () => {
    const project = tempDir('dialdeck-builder-');
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(project, 'package.json'));
    fs.writeFileSync(path.join(project, 'electron-builder.yml'), `${fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')}\nelectronFuses:\n  wasmTrapHandlers: false\n`.replace(/^electronFuses:[\s\S]*?\n\n/m, ''));
    const config = await loadBuilderConfig(project);
    await expect(validateConfiguration(config, new DebugLogger(false))).rejects.toThrow(/configuration\.electronFuses should be/);
  });

  it('Windows: a one-click installer for this user only (no administrator) and a portable exe', async () => {
    const config = await loadBuilderConfig();
    expect(targetsOf(config.win!.target)).toEqual([
      { target: 'nsis', arch: ['x64'] },
      { target: 'portable', arch: ['x64'] },
    ]);
    expect(config.nsis).toMatchObject({ oneClick: true, perMachine: false });
    expect(config.portable).toMatchObject({ requestExecutionLevel: 'user' });
  });

  it('macOS: dmg and zip for arm64 and x64, hardened runtime with its entitlements, notarised only when credentials are there', async () => {
    const config = await loadBuilderConfig();
    expect(targetsOf(config.mac!.target)).toEqual([
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'zip', arch: ['arm64', 'x64'] },
    ]);
    expect(config.mac!.hardenedRuntime).toBe(true);
    // Unset, electron-builder notarises when APPLE_* credentials are in the environment and skips
    // it otherwise; false would turn it off for good, true is not a value it takes.
    expect(config.mac!.notarize).toBeUndefined();
    for (const file of [config.mac!.entitlements!, config.mac!.entitlementsInherit!]) {
      const plist = fs.readFileSync(path.join(ROOT, file), 'utf8');
      expect(plist).toContain('<plist version="1.0">');
      expect([...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1])).toEqual(['com.apple.security.cs.allow-jit']);
    }
  });

  it('Linux: AppImage and deb', async () => {
    const config = await loadBuilderConfig();
    expect(config.linux!.target).toEqual(['AppImage', 'deb']);
  });

  it('better-sqlite3’s native binaries are unpacked from the asar', async () => {
    const config = await loadBuilderConfig();
    expect(config.asar).toBe(true);
    const patterns = config.asarUnpack as string[];
    const natives = fs.readdirSync(path.join(ROOT, 'node_modules/better-sqlite3'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.node'));
    expect(natives.length).toBeGreaterThan(0);
    for (const file of natives) expect(patterns.some((pattern) => path.matchesGlob(path.posix.join('node_modules/better-sqlite3', file.split(path.sep).join('/')), pattern)), file).toBe(true);
    expect(patterns.some((pattern) => path.matchesGlob('out/main/index.js', pattern))).toBe(false);
  });
});

describe('the fuses', () => {
  it('every fuse @electron/fuses knows is set in electronFuses, none left to its default', async () => {
    const config = await loadBuilderConfig();
    const set = new Map(Object.entries(config.electronFuses ?? {}));
    const known = fuseKeys();
    expect(known.size).toBeGreaterThanOrEqual(8);
    for (const key of known.keys()) expect(typeof set.get(key), key).toBe('boolean');
    for (const key of set.keys()) expect(known.has(key), `${key} is not a fuse`).toBe(true);
  });

  it('RunAsNode, NODE_OPTIONS and inspect off; only the asar, its integrity checked; cookies encrypted', async () => {
    const config = await loadBuilderConfig();
    const set = new Map(Object.entries(config.electronFuses ?? {}));
    for (const [key, value] of REQUIRED_FUSES) expect(set.get(key), key).toBe(value);
  });
});
