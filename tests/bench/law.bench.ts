// Issue #12's bars: with 100,000 leads spread over every US state (and DC) and six countries
// (US, Canada, Australia, Great Britain, New Zealand, Mexico), every calling rule switched on,
// picking the next lead at p99 under 1 ms, and the scheduler's first computation of due timers
// after start (cold: every zone key's lawful hours computed from the rules) under 50 ms. A lead's
// zone key is its zones × line type × jurisdictions, so the rules multiply the keys the queue and
// the timers compute: that is what this measures.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../../electron/core/core';
import { pathsFor } from '../../electron/core/paths';
import { prepareInsertContact } from '../../electron/core/contacts/repo';
import { insertDialledCall, setCallOutcome } from '../../electron/core/calls/repo';
import { prepareAddToQueueBacklog, storePlan } from '../../electron/core/queue/repo';
import { FakeClock, RecordingDialer, RecordingNotifier } from '../../electron/core/testing';
import { CALLING_RULES } from '../../shared/domain/law/rules';
import { forgetLocalDays } from '../../shared/domain/localWindows';
import { resolveLeadPlace, type LeadPlace } from '../../shared/domain/timeZones';
import type { BenchResult } from './run';
import { seeded } from './queue.bench';
import { ms, percentile } from './stats';

const LEADS = 100_000;
const PICKS = 5_000;
const HOUR = 3_600_000;
// Wednesday 4 March 2026, 10:00 in New York.
const START = '2026-03-04T15:00:00Z';

const US_STATES = ['AL', 'AK', 'AZ', 'AR', 'CA', 'CO', 'CT', 'DE', 'DC', 'FL', 'GA', 'HI', 'ID', 'IL', 'IN', 'IA', 'KS', 'KY', 'LA', 'ME', 'MD', 'MA', 'MI', 'MN', 'MS', 'MO', 'MT', 'NE', 'NV', 'NH', 'NJ', 'NM', 'NY', 'NC', 'ND', 'OH', 'OK', 'OR', 'PA', 'RI', 'SC', 'SD', 'TN', 'TX', 'UT', 'VT', 'VA', 'WA', 'WV', 'WI', 'WY'];
const REGIONS: [country: string, regions: readonly (string | null)[]][] = [
  ['US', US_STATES],
  ['CA', ['ON', 'QC', 'BC', 'AB', 'MB', 'SK', 'NS', 'NB', 'NL', 'PE']],
  ['AU', ['NSW', 'VIC', 'QLD', 'SA', 'WA', 'TAS', 'NT', 'ACT']],
  ['GB', [null]],
  ['NZ', [null, 'Chatham Islands']],
  ['MX', ['CMX', 'JAL', 'NLE', 'BCN', 'SON', 'ROO', 'CHH']],
];
// Most leads in the US, as a US desk's list is.
const COUNTRY_WEIGHTS = [0.7, 0.08, 0.08, 0.06, 0.04, 0.04];

export async function run(): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialdeck-bench-law-'));
  const clock = new FakeClock(START);
  const open = (c: FakeClock) => createCore({ paths: pathsFor(dir), clock: c, dialer: new RecordingDialer(), notifier: new RecordingNotifier(), initialCountry: 'US', initialTimeZone: 'America/New_York' });
  let core = open(clock);
  // Every rule on: the unverified ones too.
  for (const rule of CALLING_RULES.filter((r) => !r.verified)) {
    const set = await core.invoke('law.set', { rule: rule.id, on: true, reason: '' });
    if (!set.ok) throw new Error(set.error.message);
  }
  const db = core.db;
  const random = seeded(12);
  const now = clock.now().getTime();
  const places = new Map<string, LeadPlace>();
  const placeOf = (country: string, region: string | null) => {
    const key = `${country}|${region ?? ''}`;
    let place = places.get(key);
    if (!place) places.set(key, (place = resolveLeadPlace({ country, region: region ?? undefined })));
    return place;
  };

  const seedStarted = performance.now();
  const insert = prepareInsertContact(db);
  const addToBacklog = prepareAddToQueueBacklog(db);
  const ids: number[] = [];
  db.transaction(() => {
    for (let i = 0; i < LEADS; i++) {
      let r = random();
      let c = 0;
      while (c < COUNTRY_WEIGHTS.length - 1 && r >= COUNTRY_WEIGHTS[c]!) r -= COUNTRY_WEIGHTS[c++]!;
      const [country, regions] = REGIONS[c]!;
      const region = regions[Math.floor(random() * regions.length)]!;
      const place = placeOf(country, region);
      // One US lead in ten has an area code from another state: both states' laws apply.
      const jurisdictions = country === 'US' && random() < 0.1 ? [...new Set([...place.jurisdictions, `US-${US_STATES[Math.floor(random() * US_STATES.length)]}`])] : place.jurisdictions;
      const e164 = `+1${String(2_000_000_000 + i * 7)}`;
      ids.push(
        insert({
          first_name: `Lead${i}`, last_name: 'Law', company: `Company ${i % 5000}`, title: '', email: '', email_key: null, phone_raw: e164, e164, extension: null, other_phones: '[]',
          time_zones: place.zones.join(' '), tz_source: 'address', country, region: region ?? '', city: '', postcode: '', kind: random() < 0.1 ? 'inbound' : 'outbound',
          line_type: random() < 0.6 ? 'residential' : 'business', notes: '', owner: '', custom_fields: '{}', status: 'active', dud_reason: null, import_id: null, source_row: null,
          created_at: now - Math.floor(random() * 30 * 24 * HOUR), jurisdictions: jurisdictions.join(' '),
        }),
      );
    }
    addToBacklog(ids[0]!, ids.at(-1)!);
  })();
  core.queue.ensureCaughtUp();
  // A working desk: half the leads called lately, their plans stored; some at a rolling cap.
  db.transaction(() => {
    for (let i = 0; i < LEADS * 0.5; i++) {
      const contactId = ids[Math.floor(random() * LEADS)]!;
      const calls = 1 + Math.floor(random() * 3);
      let last = 0;
      for (let k = 0; k < calls; k++) {
        const dialedAt = now - Math.floor(random() * 30 * HOUR);
        last = Math.max(last, dialedAt);
        const callId = insertDialledCall(db, { contactId, dialUri: 'tel:+1', number: '+1', dialedAt });
        setCallOutcome(db, callId, { outcome: 'no_answer', notes: '', endedAt: dialedAt + 30_000, nextStep: null, nextAt: null, callbackAt: null, reason: null });
      }
      const capped = calls === 3 && random() < 0.5;
      const dueAt = capped ? last + 20 * HOUR : now + Math.floor((random() - 0.6) * 3 * 24 * HOUR);
      storePlan(db, contactId, { tier: random() < 0.05 ? 'callback' : 'retry', due_at: dueAt, why: 'bench', closed: null, voicemail_rest_until: null, last_attempt_at: last, attempts_today: 1, cap_reached: 0, cap_rule: capped ? 'us-fl' : null });
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.pragma('optimize');
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  const zoneKeys = core.queue.zoneIds().length;

  // The next lead as a session picks it: the clock moving on through a whole day, so zones open
  // and close under every country's and state's rules.
  const picks: number[] = [];
  let offered = 0;
  for (let i = 0; i < PICKS; i++) {
    clock.advance(17_000);
    const t = performance.now();
    const next = core.queue.next();
    picks.push(performance.now() - t);
    if (next) offered++;
  }
  core.close();

  // Cold: a core just opened, every zone key's lawful hours and voicemail windows computed anew.
  const cold: number[] = [];
  for (let i = 0; i < 5; i++) {
    core = open(new FakeClock(START));
    core.queue.rulesChanged();
    // As a process that has just started: no local date remembered from the runs before.
    forgetLocalDays();
    const t = performance.now();
    core.scheduler.nextWake(now);
    cold.push(performance.now() - t);
    core.close();
  }
  fs.rmSync(dir, { recursive: true, force: true });

  const pickP99 = percentile(picks, 99);
  const coldMedian = percentile(cold, 50);
  return {
    name: 'Law: next lead and cold timers at 100,000 leads in every state and six countries, every rule on',
    lines: [
      `${LEADS.toLocaleString('en')} leads: ${places.size} places, ${zoneKeys} zone keys (zones × line type × the places with rules); ${CALLING_RULES.length} rules on (seeded in ${seedSeconds.toFixed(1)} s)`,
      `next lead (QueueService.next, ${PICKS} picks over 24 h of clock, ${offered} offered a lead): p50 ${ms(percentile(picks, 50))}, p99 ${ms(pickP99)}, max ${ms(Math.max(...picks))}`,
      `cold timers (scheduler.nextWake on a fresh core, every zone key's lawful hours computed): ${cold.map((c) => ms(c)).join(', ')}; median ${ms(coldMedian)}`,
    ],
    bars: [
      { label: `next lead p99 ${ms(pickP99)} < 1 ms`, met: pickP99 < 1 },
      { label: `cold timers, median ${ms(coldMedian)} < 50 ms`, met: coldMedian < 50 },
    ],
  };
}
