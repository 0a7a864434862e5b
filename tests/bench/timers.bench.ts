// The timers issue's bar: computing the next wake instant over 100,000 leads with voicemail
// windows and calling hours in 30 zones, under 50 ms. Measured cold (a core just opened: every
// zone's timeline computed from the rules) and warm (as the heartbeat asks every minute).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../../electron/core/core';
import { pathsFor } from '../../electron/core/paths';
import { prepareInsertContact } from '../../electron/core/contacts/repo';
import { insertDialledCall } from '../../electron/core/calls/repo';
import { insertTask } from '../../electron/core/tasks/repo';
import { prepareAddToQueueBacklog, storePlan } from '../../electron/core/queue/repo';
import { FakeClock, RecordingDialer, RecordingNotifier } from '../../electron/core/testing';
import type { BenchResult } from './run';
import { THIRTY_ZONES, seeded } from './queue.bench';
import { ms, percentile } from './stats';

const LEADS = 100_000;
const HOUR = 3_600_000;
const START = '2026-03-04T15:00:00Z';

export async function run(): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialdeck-bench-timers-'));
  const open = () => createCore({ paths: pathsFor(dir), clock: new FakeClock(START), dialer: new RecordingDialer(), notifier: new RecordingNotifier(), initialCountry: 'US', initialTimeZone: 'America/New_York' });
  let core = open();
  const db = core.db;
  const random = seeded(11);
  const now = Date.parse(START);
  const insert = prepareInsertContact(db);
  const addToBacklog = prepareAddToQueueBacklog(db);
  const ids: number[] = [];
  db.transaction(() => {
    for (let i = 0; i < LEADS; i++) {
      const zone = THIRTY_ZONES[Math.floor(random() * THIRTY_ZONES.length)]!;
      ids.push(
        insert({
          first_name: `Lead${i}`, last_name: 'Timers', company: '', title: '', email: '', email_key: null, phone_raw: '', e164: `+1${String(2_000_000_000 + i * 7)}`, extension: null,
          other_phones: '[]', time_zones: zone, tz_source: 'column', country: '', region: '', city: '', postcode: '', kind: 'outbound', line_type: random() < 0.4 ? 'residential' : 'business',
          notes: '', owner: '', custom_fields: '{}', status: 'active', dud_reason: null, import_id: null, source_row: null, created_at: now - 10 * 24 * HOUR, jurisdictions: '',
        }),
      );
    }
    addToBacklog(ids[0]!, ids.at(-1)!);
  })();
  core.queue.ensureCaughtUp();
  // A working desk's state: retries waiting, callbacks promised, email tasks open.
  db.transaction(() => {
    for (let i = 0; i < LEADS * 0.5; i++) {
      const id = ids[Math.floor(random() * LEADS)]!;
      const callback = random() < 0.05;
      storePlan(db, id, { tier: callback ? 'callback' : 'retry', due_at: now + Math.floor((random() - 0.3) * 3 * 24 * HOUR), why: '', closed: null, voicemail_rest_until: null, last_attempt_at: now - HOUR, attempts_today: 1, cap_reached: 0, cap_rule: null });
    }
    for (let i = 0; i < 2000; i++) {
      const id = ids[Math.floor(random() * LEADS)]!;
      const callId = insertDialledCall(db, { contactId: id, dialUri: 'tel:+1', number: '+1', dialedAt: now - HOUR });
      insertTask(db, { contactId: id, kind: 'email', title: 'Email after the voicemail', dueAt: now + Math.floor(random() * 24 * HOUR), callId, at: now - HOUR });
    }
  })();
  core.close();

  // Cold: no zone timelines yet, as at start (the core arms its timer as it opens, so its caches
  // are dropped first) or after the rules change.
  const cold: number[] = [];
  for (let i = 0; i < 5; i++) {
    core = open();
    core.queue.rulesChanged();
    const t = performance.now();
    core.scheduler.nextWake(now);
    cold.push(performance.now() - t);
    core.close();
  }
  // Warm: the heartbeat's question every minute through a day.
  core = open();
  const warm: number[] = [];
  for (let minute = 0; minute < 24 * 60; minute++) {
    const t = performance.now();
    core.scheduler.nextWake(now + minute * 60_000);
    warm.push(performance.now() - t);
  }
  const zoneKeys = core.queue.zoneIds().length;
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const coldMedian = percentile(cold, 50);
  const warmP99 = percentile(warm, 99);
  return {
    name: 'Timers: next wake instant over 100,000 leads in 30 zones',
    lines: [
      `${LEADS.toLocaleString('en')} leads in ${new Set(THIRTY_ZONES).size} zones (${zoneKeys} zone keys: zone × line type), 50,000 plans (5 % callbacks), 2,000 open tasks`,
      `cold (fresh core, every zone's calling hours and voicemail windows computed): ${cold.map((c) => ms(c)).join(', ')}; median ${ms(coldMedian)}`,
      `warm (once a minute for 24 h of clock): p50 ${ms(percentile(warm, 50))}, p99 ${ms(warmP99)}, max ${ms(Math.max(...warm))}`,
    ],
    bars: [
      { label: `next wake, cold, median ${ms(coldMedian)} < 50 ms`, met: coldMedian < 50 },
      { label: `next wake, warm, p99 ${ms(warmP99)} < 50 ms`, met: warmP99 < 50 },
    ],
  };
}
