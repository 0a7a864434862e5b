// (Type-checked with the browser tests, tsconfig.tests.json: it runs code in the page.)
// The Tasks screen at 20,000 open tasks, in Chromium over the real preview (the real core under
// Node, the real renderer): from the Alt+T key press to the frame after its first task row is in
// the DOM, measured inside the page. Each round starts from a fresh page load (nothing cached:
// the screen's first page and its count are asked for), as the first visit of a day is.
import fs from 'node:fs';
import { chromium } from '@playwright/test';
import { createCore } from '../../electron/core/core';
import { pathsFor } from '../../electron/core/paths';
import { prepareInsertContact } from '../../electron/core/contacts/repo';
import { addTask } from '../../electron/core/follow/repo';
import { prepareAddToQueueBacklog } from '../../electron/core/queue/repo';
import { FakeClock, RecordingDialer, RecordingNotifier } from '../../electron/core/testing';
import { makeDataDir, startPreview } from '../e2e/preview';
import { ensureRendererBuilt, keyToPaint } from './firstPaint';
import type { BenchResult } from './run';
import { seeded } from './queue.bench';
import { ms, percentile } from './stats';

const OPEN_TASKS = 20_000;
const LEADS = 5_000;
const ROUNDS = 25;
const HOUR = 3_600_000;
const START = '2026-03-04T17:00:00Z';

function seed(dataDir: string): void {
  const core = createCore({ paths: pathsFor(dataDir), clock: new FakeClock(START), dialer: new RecordingDialer(), notifier: new RecordingNotifier(), initialCountry: 'US', initialTimeZone: 'America/New_York' });
  const db = core.db;
  const random = seeded(20);
  const now = Date.parse(START);
  const insert = prepareInsertContact(db);
  const addToBacklog = prepareAddToQueueBacklog(db);
  db.transaction(() => {
    const ids: number[] = [];
    for (let i = 0; i < LEADS; i++) {
      ids.push(
        insert({
          first_name: `Lead${i}`, last_name: 'Tasks', company: `Company ${i}`, title: '', email: `lead${i}@example.com`, email_key: null, phone_raw: '', e164: `+1212${String(5_000_000 + i)}`, extension: null,
          other_phones: '[]', time_zones: i % 2 ? 'America/New_York' : 'America/Los_Angeles', tz_source: 'column', country: 'US', region: '', city: '', postcode: '', kind: 'outbound', line_type: 'business',
          notes: '', owner: '', custom_fields: '{}', status: 'active', dud_reason: null, import_id: null, source_row: null, created_at: now - 30 * 24 * HOUR, jurisdictions: 'US',
        }),
      );
    }
    addToBacklog(ids[0]!, ids.at(-1)!);
    const kinds = ['email', 'call', 'promise'] as const;
    for (let i = 0; i < OPEN_TASKS; i++) {
      const contactId = ids[Math.floor(random() * ids.length)]!;
      addTask(db, { contactId, kind: kinds[i % 3]!, title: `Follow-up ${i}`, dueAt: now + Math.floor((random() - 0.5) * 10 * 24 * HOUR), callId: null, at: now - HOUR });
    }
    // The desk was open as the past ones fell due: they were notified then (not a "missed while
    // closed" list of 10,000 at start).
    db.prepare('UPDATE tasks SET notified_at = due_at WHERE due_at <= ?').run(now);
  })();
  core.queue.ensureCaughtUp();
  db.prepare("INSERT INTO settings (key, value) VALUES ('confirmed', 'true') ON CONFLICT (key) DO UPDATE SET value = 'true'").run();
  core.close();
}

export async function run(): Promise<BenchResult> {
  ensureRendererBuilt();
  const dataDir = makeDataDir();
  seed(dataDir);
  const preview = await startPreview(dataDir, { clock: START });
  const browser = await chromium.launch({ executablePath: process.env.DIALDECK_CHROMIUM ?? '/usr/bin/chromium' });
  const painted: number[] = [];
  const inDom: number[] = [];
  const drawn: number[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    for (let round = 0; round < ROUNDS + 2; round++) {
      await page.goto(preview.url);
      await page.getByRole('heading', { name: /Queue/ }).waitFor();
      // The queue's own first requests are answered: the rep looks before pressing a key.
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(200);
      const timing = await keyToPaint(page, 'Alt+t', { code: 'KeyT', altKey: true, selector: '#task-list [role="option"]' });
      // The first two loads warm Chromium's caches and the core's statements.
      if (round < 2) continue;
      inDom.push(timing.dom);
      painted.push(timing.painted);
      drawn.push(timing.drawn);
    }
  } finally {
    await browser.close();
    await preview.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const p50 = percentile(painted, 50);
  const p99 = percentile(painted, 99);
  return {
    name: `Tasks screen at ${OPEN_TASKS.toLocaleString('en')} open tasks (Chromium, preview)`,
    lines: [
      `${painted.length} first visits (fresh page each), Alt+T to the first painted frame with the rows: p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(Math.max(...painted))}`,
      `the first rows in the DOM: p50 ${ms(percentile(inDom, 50))}, p99 ${ms(percentile(inDom, 99))}`,
      `that frame's style, layout and paint done: p50 ${ms(percentile(drawn, 50))}, p99 ${ms(percentile(drawn, 99))}`,
    ],
    bars: [{ label: `tasks screen first paint at ${OPEN_TASKS.toLocaleString('en')} open tasks p99 ${ms(p99)} < 50 ms`, met: p99 < 50 }],
  };
}
