// electron-builder.yml as electron-builder itself reads it (its own loader, with its defaults and
// "extends" merged), and the fuse list from @electron/fuses (the version electron-builder flips
// them with): shared by the config test (tests/unit/build-config.test.ts) and the smoke test's
// check of the packaged app's fuses.
import path from 'node:path';
import type { Configuration } from 'electron-builder';
import { FuseV1Options } from '@electron/fuses';
import { getConfig } from 'app-builder-lib/out/util/config/config';

export const ROOT = path.resolve(__dirname, '../..');

export function loadBuilderConfig(projectDir = ROOT): Promise<Configuration> {
  return getConfig(projectDir, null, null);
}

/** Every fuse @electron/fuses knows, as electron-builder's electronFuses key names it
 *  (RunAsNode → runAsNode): the option's name with its first letter lowered. */
export function fuseKeys(): Map<string, FuseV1Options> {
  const keys = new Map<string, FuseV1Options>();
  for (const [name, value] of Object.entries(FuseV1Options)) {
    if (typeof value === 'number') keys.set(name.charAt(0).toLowerCase() + name.slice(1), value);
  }
  return keys;
}

/** What issue #16 asks of the fuses, by electron-builder's key. */
export const REQUIRED_FUSES = new Map<string, boolean>([
  ['runAsNode', false],
  ['enableNodeOptionsEnvironmentVariable', false],
  ['enableNodeCliInspectArguments', false],
  ['onlyLoadAppFromAsar', true],
  ['enableEmbeddedAsarIntegrityValidation', true],
  ['enableCookieEncryption', true],
]);
