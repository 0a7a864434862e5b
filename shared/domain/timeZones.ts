// Which IANA zone(s) a lead lives in, and how we know. An explicit column wins; then address
// fields where they decide it; then the phone number's prefix (libphonenumber's time-zone map:
// country, then area code); then the rep's default. Where the best source names several zones,
// all are kept, and calling rules treat the lead as callable only where every one allows it.
import phoneTimeZones from './data/phoneTimeZones.json';
import metadata from 'libphonenumber-js/metadata.max.json';
import { countryFromName } from './countries';

export type { TimeZoneSource } from './leads/vocabulary';
import type { TimeZoneSource } from './leads/vocabulary';
export interface ResolvedTimeZones {
  zones: string[];
  source: TimeZoneSource;
}

export interface TimeZoneInputs {
  /** A time-zone cell: IANA name, abbreviation (EST, CET, AEST…) or offset (UTC-5, +01:00). */
  explicit?: string;
  country?: string;
  region?: string;
  e164?: string | null;
}

const zoneCache = new Map<string, boolean>();
export function isIanaZone(name: string): boolean {
  let known = zoneCache.get(name);
  if (known === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      known = /^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(name) && name.includes('/');
    } catch {
      known = false;
    }
    zoneCache.set(name, known);
  }
  return known;
}

const ABBREVIATIONS = new Map<string, string>(Object.entries({
  EST: 'America/New_York', EDT: 'America/New_York', ET: 'America/New_York', EASTERN: 'America/New_York',
  CST: 'America/Chicago', CDT: 'America/Chicago', CT: 'America/Chicago', CENTRAL: 'America/Chicago',
  MST: 'America/Denver', MDT: 'America/Denver', MT: 'America/Denver', MOUNTAIN: 'America/Denver',
  PST: 'America/Los_Angeles', PDT: 'America/Los_Angeles', PT: 'America/Los_Angeles', PACIFIC: 'America/Los_Angeles',
  AKST: 'America/Anchorage', AKDT: 'America/Anchorage', HST: 'Pacific/Honolulu',
  AST: 'America/Halifax', ADT: 'America/Halifax', NST: 'America/St_Johns', NDT: 'America/St_Johns',
  GMT: 'Europe/London', BST: 'Europe/London', UTC: 'Etc/UTC', UK: 'Europe/London',
  WET: 'Europe/Lisbon', WEST: 'Europe/Lisbon', IST: 'Asia/Kolkata',
  CET: 'Europe/Paris', CEST: 'Europe/Paris', EET: 'Europe/Helsinki', EEST: 'Europe/Helsinki',
  AEST: 'Australia/Sydney', AEDT: 'Australia/Sydney', ACST: 'Australia/Adelaide', ACDT: 'Australia/Adelaide',
  AWST: 'Australia/Perth', BRT: 'America/Sao_Paulo', BRST: 'America/Sao_Paulo',
}));

/** "UTC-5", "GMT+05:30", "-0800", "+01:00" → an Etc/GMT zone for whole hours (fixed offset). */
function zoneForOffset(text: string): string | undefined {
  const match = /^(?:UTC|GMT)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/i.exec(text);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? '0');
  if (hours > 14 || minutes !== 0) return undefined;
  if (hours === 0) return 'Etc/UTC';
  // Etc/GMT signs are inverted: UTC-5 is Etc/GMT+5.
  return `Etc/GMT${match[1] === '-' ? '+' : '-'}${hours}`;
}

/** The zone a time-zone cell names, or undefined when it names none we can trust. */
export function zoneFromText(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (isIanaZone(trimmed)) return trimmed;
  const upper = trimmed.toUpperCase().replace(/\s+TIME$/, '').replace(/\s+/g, ' ');
  return ABBREVIATIONS.get(upper) ?? zoneForOffset(trimmed.replace(/\s+/g, ''));
}

/** Tables written as object literals, looked up as Maps: a cell that says "constructor" or
 *  "__proto__" must find nothing, not an inherited member of Object. */
function tablesByCountry(tables: { [country in 'US' | 'CA']: { [key: string]: string } }): Map<string, Map<string, string>> {
  return new Map(Object.entries(tables).map(([country, table]) => [country, new Map(Object.entries(table))]));
}

// US states and Canadian provinces that lie in one zone. States split between zones (Florida,
// Texas, Indiana, Kentucky, Tennessee, Michigan, Kansas, Nebraska, the Dakotas, Oregon, Idaho,
// Alaska) are left out on purpose: the address does not decide it, the phone may.
const REGION_ZONES = tablesByCountry({
  US: {
    AL: 'America/Chicago', AZ: 'America/Phoenix', AR: 'America/Chicago', CA: 'America/Los_Angeles',
    CO: 'America/Denver', CT: 'America/New_York', DE: 'America/New_York', DC: 'America/New_York',
    GA: 'America/New_York', HI: 'Pacific/Honolulu', IL: 'America/Chicago', IA: 'America/Chicago',
    LA: 'America/Chicago', ME: 'America/New_York', MD: 'America/New_York', MA: 'America/New_York',
    MN: 'America/Chicago', MS: 'America/Chicago', MO: 'America/Chicago', MT: 'America/Denver',
    NV: 'America/Los_Angeles', NH: 'America/New_York', NJ: 'America/New_York', NM: 'America/Denver',
    NY: 'America/New_York', NC: 'America/New_York', OH: 'America/New_York', OK: 'America/Chicago',
    PA: 'America/New_York', RI: 'America/New_York', SC: 'America/New_York', UT: 'America/Denver',
    VT: 'America/New_York', VA: 'America/New_York', WA: 'America/Los_Angeles', WV: 'America/New_York',
    WI: 'America/Chicago', WY: 'America/Denver', PR: 'America/Puerto_Rico',
  },
  CA: {
    BC: 'America/Vancouver', AB: 'America/Edmonton', SK: 'America/Regina', MB: 'America/Winnipeg',
    ON: 'America/Toronto', QC: 'America/Toronto', NB: 'America/Halifax', NS: 'America/Halifax',
    PE: 'America/Halifax', NL: 'America/St_Johns', YT: 'America/Whitehorse',
  },
});
const REGION_NAMES = tablesByCountry({
  US: {
    ALABAMA: 'AL', ARIZONA: 'AZ', ARKANSAS: 'AR', CALIFORNIA: 'CA', COLORADO: 'CO', CONNECTICUT: 'CT',
    DELAWARE: 'DE', 'DISTRICT OF COLUMBIA': 'DC', GEORGIA: 'GA', HAWAII: 'HI', ILLINOIS: 'IL', IOWA: 'IA',
    LOUISIANA: 'LA', MAINE: 'ME', MARYLAND: 'MD', MASSACHUSETTS: 'MA', MINNESOTA: 'MN', MISSISSIPPI: 'MS',
    MISSOURI: 'MO', MONTANA: 'MT', NEVADA: 'NV', 'NEW HAMPSHIRE': 'NH', 'NEW JERSEY': 'NJ', 'NEW MEXICO': 'NM',
    'NEW YORK': 'NY', 'NORTH CAROLINA': 'NC', OHIO: 'OH', OKLAHOMA: 'OK', PENNSYLVANIA: 'PA', 'RHODE ISLAND': 'RI',
    'SOUTH CAROLINA': 'SC', UTAH: 'UT', VERMONT: 'VT', VIRGINIA: 'VA', WASHINGTON: 'WA', 'WEST VIRGINIA': 'WV',
    WISCONSIN: 'WI', WYOMING: 'WY', 'PUERTO RICO': 'PR',
  },
  CA: {
    'BRITISH COLUMBIA': 'BC', ALBERTA: 'AB', SASKATCHEWAN: 'SK', MANITOBA: 'MB', ONTARIO: 'ON', QUEBEC: 'QC',
    'QUÉBEC': 'QC', 'NEW BRUNSWICK': 'NB', 'NOVA SCOTIA': 'NS', 'PRINCE EDWARD ISLAND': 'PE',
    'NEWFOUNDLAND AND LABRADOR': 'NL', NEWFOUNDLAND: 'NL', YUKON: 'YT',
  },
});

// libphonenumber's prefix-to-zone map and its calling codes, as Maps (built on first use).
let phoneZones: { zones: readonly string[]; prefixes: Map<string, readonly number[]>; longest: number } | undefined;
function phoneZoneTable() {
  if (!phoneZones) {
    const data = phoneTimeZones as { zones: string[]; prefixes: object };
    const prefixes = new Map(Object.entries(data.prefixes) as [string, number[]][]);
    // Prefix entries that only restate a whole calling code with every zone it covers ("1" → 42
    // zones) do not decide anything; only entries that narrow it down count as "from the phone".
    phoneZones = { zones: data.zones, prefixes, longest: Math.max(...[...prefixes.keys()].map((p) => p.length)) };
  }
  return phoneZones;
}

const CALLING_CODE_COUNTRIES = new Map(Object.entries((metadata as unknown as { country_calling_codes: object }).country_calling_codes) as [string, string[]][]);

/** Zones for an E.164 number: a calling code that belongs to one single-zone country gives that
 *  country's zone (the prefix map has errors there, e.g. +353 listed as London); otherwise the
 *  longest known prefix of libphonenumber's map; [] when none is known. */
export function zonesForNumber(e164: string): string[] {
  const digits = e164.startsWith('+') ? e164.slice(1) : e164;
  for (let length = 1; length <= 3; length++) {
    const countries = CALLING_CODE_COUNTRIES.get(digits.slice(0, length));
    if (!countries) continue;
    const only = countries.length === 1 ? COUNTRY_SINGLE_ZONE.get(countries[0]!) : undefined;
    if (only) return [only];
    break;
  }
  const table = phoneZoneTable();
  for (let length = Math.min(table.longest, digits.length); length > 0; length--) {
    const entry = table.prefixes.get(digits.slice(0, length));
    if (entry) return entry.map((i) => table.zones[i]!).filter(isIanaZone);
  }
  return [];
}

/** A country's zone when the country has exactly one (by its calling code's map), else []. */
function zonesForCountry(country: string): string[] {
  const code = countryFromName(country);
  if (!code) return [];
  if (REGION_ZONES.has(code)) return []; // US and Canada: the country alone never decides.
  const zones = COUNTRY_SINGLE_ZONE.get(code);
  return zones ? [zones] : [];
}

// Countries with one zone that leads commonly come from; multi-zone countries (US, CA, AU, BR,
// MX, RU…) are absent on purpose.
const COUNTRY_SINGLE_ZONE = new Map<string, string>(Object.entries({
  GB: 'Europe/London', IE: 'Europe/Dublin', DE: 'Europe/Berlin', FR: 'Europe/Paris', ES: 'Europe/Madrid',
  IT: 'Europe/Rome', NL: 'Europe/Amsterdam', BE: 'Europe/Brussels', CH: 'Europe/Zurich', AT: 'Europe/Vienna',
  SE: 'Europe/Stockholm', NO: 'Europe/Oslo', DK: 'Europe/Copenhagen', FI: 'Europe/Helsinki', PL: 'Europe/Warsaw',
  CZ: 'Europe/Prague', IN: 'Asia/Kolkata', JP: 'Asia/Tokyo', SG: 'Asia/Singapore', NZ: 'Pacific/Auckland',
  ZA: 'Africa/Johannesburg', IL: 'Asia/Jerusalem', AE: 'Asia/Dubai', HK: 'Asia/Hong_Kong', PH: 'Asia/Manila',
  GR: 'Europe/Athens', RO: 'Europe/Bucharest', HU: 'Europe/Budapest', SK: 'Europe/Bratislava', LU: 'Europe/Luxembourg',
}));

function zonesForRegion(country: string, region: string): string[] {
  const code = countryFromName(country) ?? inferCountryFromRegion(region);
  if (!code) return [];
  const table = REGION_ZONES.get(code);
  if (!table) return [];
  const key = region.trim().toUpperCase();
  const abbreviation = table.has(key) ? key : REGION_NAMES.get(code)?.get(key);
  const zone = abbreviation ? table.get(abbreviation) : undefined;
  return zone ? [zone] : [];
}

function inferCountryFromRegion(region: string): string | undefined {
  const key = region.trim().toUpperCase();
  if (key === '') return undefined;
  for (const code of ['US', 'CA'] as const) {
    if (REGION_ZONES.get(code)!.has(key) || REGION_NAMES.get(code)!.has(key)) return code;
  }
  return undefined;
}

export function resolveTimeZones(inputs: TimeZoneInputs, defaultZone: string): ResolvedTimeZones {
  const explicit = inputs.explicit ? zoneFromText(inputs.explicit) : undefined;
  if (explicit) return { zones: [explicit], source: 'column' };
  const region = inputs.region ? zonesForRegion(inputs.country ?? '', inputs.region) : [];
  if (region.length > 0) return { zones: region, source: 'address' };
  const country = inputs.country ? zonesForCountry(inputs.country) : [];
  if (country.length > 0) return { zones: country, source: 'address' };
  if (inputs.e164) {
    const fromPhone = zonesForNumber(inputs.e164);
    // A whole-calling-code entry with many zones (+1, +7) says nothing useful.
    if (fromPhone.length > 0 && fromPhone.length <= 4) return { zones: fromPhone, source: 'phone' };
  }
  return { zones: [isIanaZone(defaultZone) ? defaultZone : 'Etc/UTC'], source: 'default' };
}
