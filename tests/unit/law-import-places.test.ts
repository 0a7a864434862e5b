// Issue #12, acceptance 3: where a lead is, through the real import (runImport over a temp
// database), for the leads whose zone a single lookup gets wrong. The expected zones are
// geography, not the app's output: Texas spans Central and Mountain time (El Paso, area code 915,
// is Mountain; Dallas, 214, is Central); toll-free codes name no place; South Australia keeps
// Adelaide's half-hour zone, Western Australia is Perth, the Northern Territory Darwin,
// Queensland Brisbane (no daylight saving); the Chatham Islands (+64 3 305) keep their own
// UTC+12:45 zone; a time-zone cell naming two zones keeps both.
import { describe, expect, it } from 'vitest';
import { runImport } from '../../electron/core/imports/service';
import { resolveLeadPlace } from '../../shared/domain/timeZones';
import { makeCore, type TestCore } from './helpers';

// The desk sits in Arizona: a lead whose place is unknown must never take this zone.
const DESK_ZONE = 'America/Phoenix';
// Every zone of the United States a toll-free caller might be in, from Hawaii to the East Coast.
const ALL_US_ZONES = ['America/New_York', 'America/Chicago', 'America/Denver', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'Pacific/Honolulu'];
const TOLL_FREE = ['800', '888', '877', '866', '855', '844', '833'];

const FILE = [
  'Name,Phone,State,Country,Time Zone,Line Type',
  'Tex ElPaso,(915) 555-0142,TX,United States,,residential',
  'Tex Dallas,(214) 555-0142,Texas,United States,,residential',
  'Tex Tollfree,(800) 555-0142,TX,United States,,residential',
  'Flo Tollfree,(888) 555-0142,FL,United States,,residential',
  ...TOLL_FREE.map((code) => `Toll ${code},+1 ${code} 555 0${code.slice(0, 2)}1,,,,residential`),
  'Sa Adelaide,08 8212 3456,SA,Australia,,business',
  'Sa Mobile,0412 345 678,South Australia,Australia,,business',
  'Wa Perth,08 9222 3456,WA,Australia,,business',
  'Nt Darwin,08 8941 2345,NT,Australia,,business',
  'Qld Brisbane,07 3000 1234,QLD,Australia,,business',
  'Chat Island,+64 3 305 1234,,,,residential',
  'Chat Country,03 305 1235,,New Zealand,,residential',
  'Two Zones,(972) 555-0188,,,America/Chicago; America/Denver,residential',
  // "MST": Arizona's time all year, Colorado's only in winter.
  'Mst Phoenix,(602) 555-0150,AZ,United States,MST,residential',
  'Mst AreaCode,(480) 555-0150,,,Mountain Time,residential',
  'Mst Denver,(303) 555-0150,CO,United States,MST,residential',
  'Mst Unknown,(800) 555-0150,,,MST,residential',
].join('\n');

interface Row {
  first_name: string;
  last_name: string;
  e164: string | null;
  time_zones: string;
  tz_source: string;
  jurisdictions: string;
}

async function imported(): Promise<{ t: TestCore; byName: Map<string, Row> }> {
  const t = makeCore(undefined, { zone: DESK_ZONE });
  const summary = await runImport(t.core.context, { fileName: 'places.csv', bytes: new TextEncoder().encode(FILE), onDuplicate: 'merge', country: 'US' });
  expect(summary).toMatchObject({ imported: FILE.split('\n').length - 1, rejected: 0, duds: 0 });
  const rows = t.core.db.prepare('SELECT first_name, last_name, e164, time_zones, tz_source, jurisdictions FROM contacts').all() as Row[];
  return { t, byName: new Map(rows.map((r) => [`${r.first_name} ${r.last_name}`, r])) };
}

const zonesOf = (row: Row | undefined) => (row?.time_zones ?? '').split(' ').filter(Boolean).sort();

describe('importing leads whose place decides their law and zones', () => {
  it('a Texas address is Central or Mountain, narrowed by a geographic area code (915 El Paso: Mountain; 214 Dallas: Central); a toll-free number leaves both', async () => {
    const { t, byName } = await imported();
    expect(zonesOf(byName.get('Tex ElPaso'))).toEqual(['America/Denver']);
    expect(zonesOf(byName.get('Tex Dallas'))).toEqual(['America/Chicago']);
    expect(zonesOf(byName.get('Tex Tollfree'))).toEqual(['America/Chicago', 'America/Denver']);
    for (const name of ['Tex ElPaso', 'Tex Dallas', 'Tex Tollfree']) {
      expect(byName.get(name)!.tz_source).toBe('address');
      expect(byName.get(name)!.jurisdictions.split(' ').sort()).toEqual(['US', 'US-TX']);
    }
    t.core.close();
  });

  it('toll-free numbers (800, 888, 877, 866, 855, 844, 833) carry no place: the address decides; with none, the lead may be anywhere in the US, never just the desk\'s zone', async () => {
    const { t, byName } = await imported();
    const florida = byName.get('Flo Tollfree')!;
    // Florida spans Eastern and (the panhandle) Central time.
    expect(zonesOf(florida)).toEqual(['America/Chicago', 'America/New_York']);
    expect(florida.jurisdictions.split(' ').sort()).toEqual(['US', 'US-FL']);
    for (const code of TOLL_FREE) {
      const row = byName.get(`Toll ${code}`)!;
      expect(row.e164, code).toMatch(new RegExp(`^\\+1${code}`));
      expect(zonesOf(row), code).toEqual([...ALL_US_ZONES].sort());
      expect(zonesOf(row), code).not.toEqual([DESK_ZONE]);
      expect(row.tz_source, code).not.toBe('phone');
      // No state's law from a code that names no state.
      expect(row.jurisdictions, code).toBe('US');
    }
    t.core.close();
  });

  it('Australian states: SA is Adelaide only (whatever the number), WA Perth, NT Darwin, QLD Brisbane', async () => {
    const { t, byName } = await imported();
    expect(zonesOf(byName.get('Sa Adelaide'))).toEqual(['Australia/Adelaide']);
    expect(zonesOf(byName.get('Sa Mobile'))).toEqual(['Australia/Adelaide']);
    expect(zonesOf(byName.get('Wa Perth'))).toEqual(['Australia/Perth']);
    expect(zonesOf(byName.get('Nt Darwin'))).toEqual(['Australia/Darwin']);
    expect(zonesOf(byName.get('Qld Brisbane'))).toEqual(['Australia/Brisbane']);
    expect(byName.get('Sa Adelaide')!.jurisdictions.split(' ')).toContain('AU');
    t.core.close();
  });

  it('the Chatham Islands (+64 3 305 xxxx) are Pacific/Chatham, with or without a country cell', async () => {
    const { t, byName } = await imported();
    expect(byName.get('Chat Island')!.e164).toBe('+6433051234');
    expect(zonesOf(byName.get('Chat Island'))).toEqual(['Pacific/Chatham']);
    expect(zonesOf(byName.get('Chat Country'))).toEqual(['Pacific/Chatham']);
    expect(byName.get('Chat Island')!.jurisdictions.split(' ')).toContain('NZ');
    t.core.close();
  });

  // Area codes the geocoder names only exchange by exchange (every exchange of 713 says
  // "Houston, TX"): by the number alone the lead is in that state, whose rules then apply.
  it.each([
    ['+1 713 555 0142', 'US-TX'],
    ['+1 718 555 0142', 'US-NY'],
    ['+1 310 555 0142', 'US-CA'],
    ['+1 203 555 0142', 'US-CT'],
    ['+1 905 555 0142', 'CA-ON'],
  ])('a number alone places the lead: %s is in %s', (e164, region) => {
    expect(resolveLeadPlace({ country: '', region: '', e164: e164.replace(/ /g, '') }).jurisdictions).toContain(region);
  });

  it('a "MST" cell is Phoenix in Arizona (no daylight saving) and Denver elsewhere; with no state, both — and an Arizona lead is not dialled at 7:30 AM in July', async () => {
    const { t, byName } = await imported();
    expect(zonesOf(byName.get('Mst Phoenix'))).toEqual(['America/Phoenix']);
    expect(zonesOf(byName.get('Mst AreaCode'))).toEqual(['America/Phoenix']);
    expect(zonesOf(byName.get('Mst Denver'))).toEqual(['America/Denver']);
    expect(zonesOf(byName.get('Mst Unknown'))).toEqual(['America/Denver', 'America/Phoenix']);
    for (const name of ['Mst Phoenix', 'Mst Unknown']) expect(byName.get(name)!.tz_source).toBe('column');
    // 14:30 UTC on 6 July: 07:30 in Phoenix (UTC-7 all year), 08:30 in Denver (UTC-6 in summer).
    t.clock.advance(Date.parse('2026-07-06T14:30:00Z') - t.clock.now().getTime());
    const id = (name: string) => t.core.db.prepare("SELECT id FROM contacts WHERE first_name || ' ' || last_name = ?").pluck().get(name) as number;
    for (const name of ['Mst Phoenix', 'Mst AreaCode', 'Mst Unknown']) {
      expect(await t.core.invoke('calls.dial', { contactId: id(name) }), name).toMatchObject({ ok: false, error: { code: 'outside_hours' } });
    }
    expect(await t.core.invoke('calls.dial', { contactId: id('Mst Denver') })).toMatchObject({ ok: true });
    t.core.close();
  });

  it('a time-zone cell naming several zones keeps all of them, and the queue offers the lead only when every one allows it', async () => {
    const { t, byName } = await imported();
    const row = byName.get('Two Zones')!;
    expect(zonesOf(row)).toEqual(['America/Chicago', 'America/Denver']);
    expect(row.tz_source).toBe('column');
    const id = (t.core.db.prepare("SELECT id FROM contacts WHERE first_name = 'Two'").get() as { id: number }).id;
    const offered = (at: string) => t.core.queue.entries(Date.parse(at), 1000).some((e) => e.lead.id === id);
    // Wed 4 Mar 2026: 08:30 in Chicago is 07:30 in Denver, before the federal 8 a.m. (47 CFR §
    // 64.1200(c)(1)); at 09:00 Chicago both are past it. 20:30 Chicago is 19:30 Denver; 21:00
    // Chicago closes it though Denver is still open.
    expect(offered('2026-03-04T14:30:00Z')).toBe(false);
    expect(offered('2026-03-04T15:00:00Z')).toBe(true);
    expect(offered('2026-03-05T02:30:00Z')).toBe(true);
    expect(offered('2026-03-05T03:00:00Z')).toBe(false);
    t.core.close();
  });
});
