// Ctrl+K (issue #13): over 100,000 leads, finding one by name, company, email or a local number at p99 under
// 10 ms through the whole handler (request parsed, FTS5 query, rows turned into contacts), beside
// the contacts screen's LIKE scan over the same leads for the same text.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../../electron/core/core';
import { pathsFor } from '../../electron/core/paths';
import { prepareInsertContact } from '../../electron/core/contacts/repo';
import { FakeClock, RecordingDialer, RecordingNotifier } from '../../electron/core/testing';
import type { BenchResult } from './run';
import { seeded } from './queue.bench';
import { ms, percentile } from './stats';

const LEADS = 100_000;
const QUERIES = 600;
const BAR_MS = 10;

const FIRST = ['Ana', 'Ben', 'Carla', 'David', 'Elena', 'Farid', 'Grace', 'Hugo', 'Ines', 'Jonas', 'Keiko', 'Liam', 'Maria', 'Nadia', 'Oscar', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tomás'];
const LAST = Array.from({ length: 2_000 }, (_, i) => `${['Sil', 'Nov', 'Kow', 'Ber', 'Mar', 'Rod', 'Tan', 'Ols', 'Fer', 'Gal'][i % 10]}${['va', 'ak', 'alski', 'ger', 'tin', 'ríguez', 'aka', 'sen', 'reira', 'lagher'][Math.floor(i / 10) % 10]}${Math.floor(i / 100)}`);
// Companies as a list has them: 20,000 names from two words and a kind, a few leads each.
const COMPANY_FIRST = Array.from({ length: 200 }, (_, i) => `${['North', 'Con', 'Fabri', 'Lit', 'Adven', 'Tail', 'Wing', 'Prose', 'Lu', 'Humon'][i % 10]}${['wind', 'toso', 'kam', 'ware', 'ture', 'spin', 'tip', 'cerne', 'gous', 'line'][Math.floor(i / 10) % 10]}${i >= 100 ? 'a' : ''}`);
const COMPANY_SECOND = ['Logistics', 'Traders', 'Foods', 'Health', 'Legal', 'Motors', 'Energy', 'Media', 'Capital', 'Labs'];
const COMPANY_KIND = ['Ltd', 'Inc', 'GmbH', 'SA', 'plc', 'LLC', 'BV', 'AB', 'Oy', 'Srl'];

export async function run(): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialdeck-bench-search-'));
  const clock = new FakeClock('2026-03-04T15:00:00Z');
  const core = createCore({ paths: pathsFor(dir), clock, dialer: new RecordingDialer(), notifier: new RecordingNotifier(), initialCountry: 'US', initialTimeZone: 'America/New_York' });
  const db = core.db;
  const random = seeded(7);
  const now = clock.now().getTime();
  const insert = prepareInsertContact(db);
  const leads: { first: string; last: string; company: string; email: string; e164: string }[] = [];
  const seedStarted = performance.now();
  db.transaction(() => {
    for (let i = 0; i < LEADS; i++) {
      const first = FIRST[Math.floor(random() * FIRST.length)]!;
      const last = LAST[Math.floor(random() * LAST.length)]!;
      const c = Math.floor(random() * 20_000);
      const company = `${COMPANY_FIRST[c % 200]} ${COMPANY_SECOND[Math.floor(c / 200) % 10]} ${COMPANY_KIND[Math.floor(c / 2000)]}`;
      const email = `${first}.${last}@${company.split(' ')[0]!}.example`.toLowerCase();
      const e164 = `+1${String(2_000_000_000 + i * 7)}`;
      leads.push({ first, last, company, email, e164 });
      insert({
        first_name: first, last_name: last, company, title: '', email, email_key: email, phone_raw: e164, e164, extension: null, other_phones: '[]',
        time_zones: 'America/New_York', tz_source: 'column', country: 'US', region: '', city: '', postcode: '', kind: 'outbound', line_type: 'business',
        notes: '', owner: '', custom_fields: '{}', status: 'active', dud_reason: null, import_id: null, source_row: null, created_at: now, jurisdictions: '',
      });
    }
  })();
  const seedMs = performance.now() - seedStarted;

  // What a rep types for the prospect who calls back: their full name, the company, the email.
  const pick = () => leads[Math.floor(random() * leads.length)]!;
  const kinds: [string, () => string][] = [
    ['name', () => { const l = pick(); return `${l.first} ${l.last}`; }],
    ['company', () => pick().company.split(' ').slice(0, 2).join(' ')],
    ['email', () => pick().email],
    // A local number read off a note, without its area code: digits inside the number, not its start.
    ['number without its area code', () => { const d = leads[Math.floor(random() * leads.length)]!.e164.slice(-7); return `${d.slice(0, 3)}-${d.slice(3)}`; }],
  ];
  const lines = [`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores`, `${LEADS.toLocaleString('en-US')} leads seeded (FTS5 index filled by the insert trigger) in ${(seedMs / 1000).toFixed(1)} s`];
  const bars: BenchResult['bars'] = [];
  for (const [kind, text] of kinds) {
    const samples: number[] = [];
    const likeSamples: number[] = [];
    // CPU time beside wall time: on a shared machine the wall-clock tail is mostly waiting for a core.
    const cpuSamples: number[] = [];
    let found = 0;
    for (let i = 0; i < QUERIES; i++) {
      const query = text();
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const envelope = await core.invoke('search.leads', { text: query });
      samples.push(performance.now() - started);
      const cpu = process.cpuUsage(cpuBefore);
      cpuSamples.push((cpu.user + cpu.system) / 1000);
      if (envelope.ok && (envelope.value as { contacts: unknown[] }).contacts.length > 0) found++;
    }
    // Today's contacts search for the same kind of text, apart: its full scans would otherwise
    // stand in the cache and the collector's way of the queries measured above.
    for (let i = 0; i < 20; i++) {
      const query = text();
      const likeStarted = performance.now();
      await core.invoke('contacts.search', { text: query, limit: 12 });
      likeSamples.push(performance.now() - likeStarted);
    }
    const p50 = percentile(samples, 50);
    const p99 = percentile(samples, 99);
    lines.push(
      `by ${kind}: p50 ${ms(p50)}, p99 ${ms(p99)} (CPU time p50 ${ms(percentile(cpuSamples, 50))}, p99 ${ms(percentile(cpuSamples, 99))}; ${found}/${QUERIES} found); the LIKE scan for the same text: p50 ${ms(percentile(likeSamples, 50))}`,
    );
    bars.push({ label: `Ctrl+K search by ${kind} over 100,000 leads p99 < ${BAR_MS} ms (${ms(p99)})`, met: p99 < BAR_MS && found === QUERIES });
  }
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
  return { name: 'Ctrl+K lead search', lines, bars };
}
