// The follow-through issue's bars: a lead's timeline (calls, tasks, promises, emails) with 2,000
// calls, p99 under 10 ms; the tasks screen's data at 20,000 open tasks. Both through the core's
// handler table (parse, service, SQL, response), as the renderer asks for them.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCore } from '../../electron/core/core';
import { pathsFor } from '../../electron/core/paths';
import { prepareInsertContact } from '../../electron/core/contacts/repo';
import { insertDialledCall } from '../../electron/core/calls/repo';
import { addTask, insertEmail, insertPromise } from '../../electron/core/follow/repo';
import { prepareAddToQueueBacklog } from '../../electron/core/queue/repo';
import { FakeClock, RecordingDialer, RecordingNotifier } from '../../electron/core/testing';
import type { BenchResult } from './run';
import { seeded } from './queue.bench';
import { ms, percentile } from './stats';

const CALLS = 2_000;
const OPEN_TASKS = 20_000;
const HOUR = 3_600_000;
const START = '2026-03-04T17:00:00Z';

export async function run(): Promise<BenchResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialdeck-bench-follow-'));
  const core = createCore({ paths: pathsFor(dir), clock: new FakeClock(START), dialer: new RecordingDialer(), notifier: new RecordingNotifier(), initialCountry: 'US', initialTimeZone: 'America/New_York', startTimers: false });
  const db = core.db;
  const random = seeded(14);
  const now = Date.parse(START);
  const insert = prepareInsertContact(db);
  const addToBacklog = prepareAddToQueueBacklog(db);
  const ids: number[] = [];
  db.transaction(() => {
    for (let i = 0; i < 5_000; i++) {
      ids.push(
        insert({
          first_name: `Lead${i}`, last_name: 'Follow', company: `Company ${i}`, title: '', email: `lead${i}@example.com`, email_key: null, phone_raw: '', e164: `+1212${String(5_000_000 + i)}`, extension: null,
          other_phones: '[]', time_zones: 'America/New_York', tz_source: 'column', country: 'US', region: '', city: '', postcode: '', kind: 'outbound', line_type: 'residential',
          notes: '', owner: '', custom_fields: '{}', status: 'active', dud_reason: null, import_id: null, source_row: null, created_at: now - 400 * 24 * HOUR, jurisdictions: 'US US-NY',
        }),
      );
    }
    addToBacklog(ids[0]!, ids.at(-1)!);
    // One lead worked for a year: 2,000 calls, with tasks, promises and emails among them.
    const heavy = ids[0]!;
    for (let i = 0; i < CALLS; i++) {
      const at = now - (CALLS - i) * 4 * HOUR;
      const callId = insertDialledCall(db, { contactId: heavy, dialUri: 'tel:+12125000000', number: '+12125000000', dialedAt: at });
      db.prepare('UPDATE calls SET outcome = ?, ended_at = ?, notes = ? WHERE id = ?').run(i % 3 === 0 ? 'voicemail_left' : 'no_answer', at + 60_000, `call ${i}: notes of what was said`, callId);
      if (i % 10 === 0) {
        const taskId = addTask(db, { contactId: heavy, kind: 'email', title: 'Email: after a voicemail', dueAt: at, callId, at });
        insertEmail(db, { contactId: heavy, taskId, templateId: null, situation: 'after_voicemail', to: 'lead0@example.com', subject: 'Sorry we haven’t connected yet', sentAt: at + HOUR });
      }
      if (i % 40 === 0) {
        const taskId = addTask(db, { contactId: heavy, kind: 'promise', title: 'Promise', dueAt: at + 24 * HOUR, callId, at });
        insertPromise(db, { contactId: heavy, callId, what: `promise ${i}`, toWhom: 'Lead0', owner: 'Sam', dueAt: at + 24 * HOUR, at, taskId });
      }
    }
    // 20,000 open tasks across the desk.
    for (let i = 0; i < OPEN_TASKS; i++) {
      const id = ids[1 + Math.floor(random() * (ids.length - 1))]!;
      addTask(db, { contactId: id, kind: random() < 0.5 ? 'email' : 'call', title: 'Follow-up', dueAt: now + Math.floor((random() - 0.5) * 10 * 24 * HOUR), callId: null, at: now - HOUR });
    }
  })();

  const time = async (channel: string, request: unknown, runs: number): Promise<number[]> => {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      const envelope = await core.invoke(channel, request);
      samples.push(performance.now() - t);
      if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
    }
    return samples;
  };
  await time('follow.timeline', { contactId: ids[0] }, 5);
  const timeline = await time('follow.timeline', { contactId: ids[0] }, 200);
  const lead = await time('follow.lead', { contactId: ids[0] }, 200);
  // The tasks screen's first paint asks for its first page (500 rows, keyset) and the count.
  const tasks = await time('tasks.list', { limit: 500 }, 50);
  const entries = ((await core.invoke('follow.timeline', { contactId: ids[0] })) as { ok: true; value: unknown[] }).value.length;
  core.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const timelineP99 = percentile(timeline, 99);
  const tasksMedian = percentile(tasks, 50);
  return {
    name: 'Follow-through: a lead timeline with 2,000 calls; 20,000 open tasks',
    lines: [
      `timeline of a lead with ${CALLS.toLocaleString('en')} calls (${entries.toLocaleString('en')} entries: calls, tasks, emails, promises): p50 ${ms(percentile(timeline, 50))}, p99 ${ms(timelineP99)}`,
      `the lead's follow-up (step, emails, open promises and tasks): p50 ${ms(percentile(lead, 50))}, p99 ${ms(percentile(lead, 99))}`,
      `tasks.list, first page of 500 of ${OPEN_TASKS.toLocaleString('en')} open tasks with their total (the tasks screen's first paint, core side): p50 ${ms(tasksMedian)}, p99 ${ms(percentile(tasks, 99))}`,
    ],
    bars: [
      { label: `timeline p99 ${ms(timelineP99)} < 10 ms`, met: timelineP99 < 10 },
      { label: `tasks screen's first page at 20,000 open tasks, p99 ${ms(percentile(tasks, 99))} < 50 ms`, met: percentile(tasks, 99) < 50 },
    ],
  };
}
