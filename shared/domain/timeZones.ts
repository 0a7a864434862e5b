// Where a lead is: its IANA zone(s), how we know, and the places whose calling rules apply to it.
// An explicit time-zone column wins; then the address (a state or province before the number:
// an address in Texas is Central or Mountain, narrowed by a geographic area code); then the phone
// number's prefix (libphonenumber's time-zone map); then, for a number whose place in its country
// is unknown (a toll-free number, no address), every zone of that country — never the desk's own
// zone. Where several zones remain, all are kept, and calling rules treat the lead as callable
// only where every one allows it.
import phoneTimeZones from './data/phoneTimeZones.json';
import areaCodeRegions from './data/areaCodeRegions.json';
import metadata from 'libphonenumber-js/metadata.max.json';
import { countryFromName } from './countries';
import { countryOfRegion, countryZones, subdivisionOf } from './places';

export type { TimeZoneSource } from './leads/vocabulary';
import type { TimeZoneSource } from './leads/vocabulary';
export interface ResolvedTimeZones {
  zones: string[];
  source: TimeZoneSource;
}

/** A lead's zones and the places whose rules apply to it: its country ("US") and every state or
 *  province it may be in ("US-FL": the address's; "US-GA": its area code's, when that differs). */
export interface LeadPlace extends ResolvedTimeZones {
  jurisdictions: string[];
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

// Offsets that are not whole hours have no Etc/GMT zone; each is used by one place (or one place
// in summer), so the cell names that place: a lead in India written as "UTC+5:30" must not fall
// back to its UK mobile's zone and be called at 3 a.m.
const PART_HOUR_OFFSETS = new Map<number, string>([
  [-570, 'Pacific/Marquesas'], [-210, 'America/St_Johns'], [-150, 'America/St_Johns'],
  [210, 'Asia/Tehran'], [270, 'Asia/Kabul'], [330, 'Asia/Kolkata'], [345, 'Asia/Kathmandu'], [390, 'Asia/Yangon'],
  [525, 'Australia/Eucla'], [570, 'Australia/Darwin'], [630, 'Australia/Lord_Howe'], [765, 'Pacific/Chatham'], [825, 'Pacific/Chatham'],
]);

/** "UTC-5", "-0800", "+01:00" → an Etc/GMT zone (a fixed offset); "GMT+05:30" → the place that
 *  keeps that offset (Asia/Kolkata). */
function zoneForOffset(text: string): string | undefined {
  const match = /^(?:UTC|GMT)?\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/i.exec(text);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? '0');
  if (hours > 14 || minutes > 59) return undefined;
  if (minutes !== 0) return PART_HOUR_OFFSETS.get((match[1] === '-' ? -1 : 1) * (hours * 60 + minutes));
  if (hours === 0) return 'Etc/UTC';
  // Etc/GMT signs are inverted: UTC-5 is Etc/GMT+5.
  return `Etc/GMT${match[1] === '-' ? '+' : '-'}${hours}`;
}

/** The zone a time-zone cell names, or undefined when it names none we can trust. */
export function zoneFromText(text: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (isIanaZone(trimmed)) return trimmed;
  return ABBREVIATIONS.get(abbreviationOf(trimmed)) ?? zoneForOffset(trimmed.replace(/\s+/g, ''));
}

/** A zone cell as the abbreviations are written: "Central Time", " central " → "CENTRAL". */
function abbreviationOf(text: string): string {
  return text.trim().toUpperCase().replace(/\s+TIME$/, '').replace(/\s+/g, ' ');
}

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

// Countries with one zone that leads commonly come from; countries that span zones (US, CA, AU,
// NZ, BR, MX, RU, ID…) are in places.ts with their states and regions.
const COUNTRY_SINGLE_ZONE = new Map<string, string>(Object.entries({
  GB: 'Europe/London', IE: 'Europe/Dublin', DE: 'Europe/Berlin', FR: 'Europe/Paris', ES: 'Europe/Madrid',
  IT: 'Europe/Rome', NL: 'Europe/Amsterdam', BE: 'Europe/Brussels', CH: 'Europe/Zurich', AT: 'Europe/Vienna',
  SE: 'Europe/Stockholm', NO: 'Europe/Oslo', DK: 'Europe/Copenhagen', FI: 'Europe/Helsinki', PL: 'Europe/Warsaw',
  CZ: 'Europe/Prague', IN: 'Asia/Kolkata', JP: 'Asia/Tokyo', SG: 'Asia/Singapore',
  ZA: 'Africa/Johannesburg', IL: 'Asia/Jerusalem', AE: 'Asia/Dubai', HK: 'Asia/Hong_Kong', PH: 'Asia/Manila',
  GR: 'Europe/Athens', RO: 'Europe/Bucharest', HU: 'Europe/Budapest', SK: 'Europe/Bratislava', LU: 'Europe/Luxembourg',
}));

const AREA_CODE_REGIONS = new Map(Object.entries((areaCodeRegions as { regions: object }).regions) as [string, string][]);

/** The country of an E.164 number (the first of its calling code's countries: +1 is US, Canada
 *  and the Caribbean, told apart by the area code for US and Canada). */
export function countryOfNumber(e164: string): string | undefined {
  const digits = e164.startsWith('+') ? e164.slice(1) : e164;
  if (digits.startsWith('1')) {
    const region = AREA_CODE_REGIONS.get(digits.slice(1, 4));
    if (region) return region.slice(0, 2);
  }
  for (let length = 1; length <= 3; length++) {
    const countries = CALLING_CODE_COUNTRIES.get(digits.slice(0, length));
    if (countries) return countries[0];
  }
  return undefined;
}

/** The US state or Canadian province a North American number's area code belongs to ("US-TX");
 *  undefined for toll-free and other codes that name no place. */
export function regionOfNumber(e164: string): string | undefined {
  return e164.startsWith('+1') ? AREA_CODE_REGIONS.get(e164.slice(2, 5)) : undefined;
}

// "MST" (or just "Mountain") is Arizona's time all year and Colorado's in winter: an hour apart
// all summer. Read alone it is both; the lead's state says which (mountainZonesOf).
const MOUNTAIN_STANDARD = new Set(['MST', 'MT', 'MOUNTAIN']);
const DENVER = 'America/Denver';
const PHOENIX = 'America/Phoenix';

/** A time-zone cell may name several zones ("America/Chicago; America/Denver"): all are kept. */
export function zonesFromText(text: string): string[] {
  const parts = text.split(/[;,|]|\s+or\s+/i).flatMap((part) => {
    if (MOUNTAIN_STANDARD.has(abbreviationOf(part))) return [DENVER, PHOENIX];
    const zone = zoneFromText(part);
    return zone === undefined ? [] : [zone];
  });
  return [...new Set(parts)];
}

/** Mountain time as both Denver and Phoenix, narrowed by the lead's state when one is known
 *  (Arizona: Phoenix; any other: Denver); unknown, both stay, and the lead is called only when
 *  both allow it. */
function mountainZonesOf(zones: string[], state: string | undefined): string[] {
  if (state === undefined || !zones.includes(DENVER) || !zones.includes(PHOENIX)) return zones;
  return zones.filter((zone) => zone !== (state === 'US-AZ' ? DENVER : PHOENIX));
}

/** Where a lead is, from what the file or the rep gave. */
export function resolveLeadPlace(inputs: TimeZoneInputs): LeadPlace {
  const addressCountry = inputs.country ? countryFromName(inputs.country) : undefined;
  const regionCountry = inputs.region && !addressCountry ? countryOfRegion(inputs.region) : undefined;
  const phoneCountry = inputs.e164 ? countryOfNumber(inputs.e164) : undefined;
  const country = addressCountry ?? regionCountry ?? phoneCountry;
  const subdivision = country && inputs.region ? subdivisionOf(country, inputs.region) : undefined;
  const numberRegion = inputs.e164 ? regionOfNumber(inputs.e164) : undefined;
  // Its country's rules, and those of every state it may be in: the address's and the area code's.
  const jurisdictions = [...new Set([country, phoneCountry, subdivision && country ? `${country}-${subdivision.code}` : undefined, numberRegion].filter((j): j is string => j !== undefined))];
  const place = (zones: readonly string[], source: TimeZoneSource): LeadPlace => ({ zones: [...zones], source, jurisdictions });

  const explicit = inputs.explicit ? zonesFromText(inputs.explicit) : [];
  if (explicit.length > 0) return place(mountainZonesOf(explicit, subdivision && country ? `${country}-${subdivision.code}` : numberRegion), 'column');
  const fromPhone = inputs.e164 ? geographicZones(inputs.e164) : [];
  if (subdivision) {
    // The address's state or province, narrowed by the number's area code when they agree. A
    // North American area code of another state (a Chicago mobile on a Texas address) says nothing
    // about where in the state they are: narrowing by it dropped El Paso's zone, and the lead was
    // offered at 7:30 AM there.
    const otherState = numberRegion !== undefined && country !== undefined && numberRegion !== `${country}-${subdivision.code}`;
    const narrowed = otherState ? [] : subdivision.zones.filter((zone) => fromPhone.includes(zone));
    return place(narrowed.length > 0 ? narrowed : subdivision.zones, 'address');
  }
  if (country) {
    const single = COUNTRY_SINGLE_ZONE.get(country);
    if (single) return place([single], addressCountry || regionCountry ? 'address' : 'phone');
    const all = countryZones(country);
    // A number that says where in the country, when no address did.
    if (fromPhone.length > 0 && (!all || !addressCountry || fromPhone.every((zone) => all.includes(zone)))) return place(fromPhone, 'phone');
    if (all) return place(all, 'country');
  }
  if (fromPhone.length > 0) return place(fromPhone, 'phone');
  return place([], 'unknown');
}

/** The zones a number's prefix narrows it to (an area code, a Chatham Islands exchange); [] when
 *  the prefix only restates its whole country (a toll-free or a mobile number). */
function geographicZones(e164: string): string[] {
  const zones = zonesForNumber(e164);
  return zones.length > 0 && zones.length <= 4 ? zones : [];
}

/** The lead as a call to `e164` (another of its phones) must treat it: the number's own place
 *  added to the lead's, a geographic area code's zone and state included. A 310 mobile on a New
 *  York lead is called only when Los Angeles allows it too, and under California's rules. A
 *  number that names no place (toll-free, a mobile range of a whole country) adds its country. */
export function withPlaceOfNumber<L extends { timeZones: readonly string[]; jurisdictions?: readonly string[] }>(lead: L, e164: string): L {
  const place = resolveLeadPlace({ e164 });
  const zones = place.source === 'phone' ? place.zones : [];
  return { ...lead, timeZones: [...new Set([...lead.timeZones, ...zones])], jurisdictions: [...new Set([...(lead.jurisdictions ?? []), ...place.jurisdictions])] };
}
