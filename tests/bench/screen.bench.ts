// (Type-checked with the browser tests, tsconfig.tests.json: it runs code in the page.)
// Disposition to next lead on screen, in Chromium, over the real preview (the real core under
// Node, the real renderer): the time from the key press that logs the disposition to the frame
// after the next lead's name is in the DOM, measured inside the page. 100,000 leads in the queue.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { createCore } from '../../electron/core/core';
import { pathsFor } from '../../electron/core/paths';
import { prepareInsertContact } from '../../electron/core/contacts/repo';
import { prepareAddToQueueBacklog } from '../../electron/core/queue/repo';
import { FakeClock, RecordingDialer, RecordingNotifier } from '../../electron/core/testing';
import { makeDataDir, startPreview, confirmFirstRun } from '../e2e/preview';
import type { BenchResult } from './run';
import { THIRTY_ZONES, seeded } from './queue.bench';
import { ms, percentile } from './stats';

const LEADS = 100_000;
const ROUNDS = 60;
const START = '2026-03-04T17:00:00Z'; // 12:00 in New York, a Wednesday
const ROOT = path.resolve(__dirname, '../..');
// Plain script text (not a function): it runs in the page before the bridge does.
const SOCKET_TIMING = `(() => {
  const Native = window.WebSocket;
  window.WebSocket = class extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', () => window.__onSocketReply?.(performance.now()));
    }
  };
})();`;

function seed(dataDir: string): void {
  const core = createCore({ paths: pathsFor(dataDir), clock: new FakeClock(START), dialer: new RecordingDialer(), notifier: new RecordingNotifier(), initialCountry: 'US', initialTimeZone: 'America/New_York' });
  const db = core.db;
  const random = seeded(7);
  const now = Date.parse(START);
  const insert = prepareInsertContact(db);
  const addToBacklog = prepareAddToQueueBacklog(db);
  db.transaction(() => {
    let first = 0;
    let last = 0;
    for (let i = 0; i < LEADS; i++) {
      // The first rounds' leads are in New York (open now); the rest spread over 30 zones.
      const zone = i < ROUNDS * 2 ? 'America/New_York' : THIRTY_ZONES[Math.floor(random() * THIRTY_ZONES.length)]!;
      const e164 = `+1${String(2_000_000_000 + i * 7)}`;
      last = insert({
        first_name: `Lead${i}`, last_name: 'Screen', company: `Company ${i}`, title: '', email: '', email_key: null, phone_raw: e164, e164, extension: null, other_phones: '[]',
        time_zones: zone, tz_source: 'column', country: '', region: '', city: '', postcode: '', kind: 'outbound', line_type: 'business', notes: '', owner: '', custom_fields: '{}',
        status: 'active', dud_reason: null, import_id: null, source_row: null, created_at: now - (LEADS - i) * 1000, jurisdictions: '',
      });
      if (i === 0) first = last;
    }
    addToBacklog(first, last);
  })();
  core.queue.ensureCaughtUp();
  db.prepare("INSERT INTO settings (key, value) VALUES ('confirmed', 'true') ON CONFLICT (key) DO UPDATE SET value = 'true'").run();
  core.close();
}

export async function run(): Promise<BenchResult> {
  if (!fs.existsSync(path.join(ROOT, 'out', 'renderer', 'index.html'))) execFileSync(path.join(ROOT, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: ROOT, stdio: 'ignore' });
  const dataDir = makeDataDir();
  seed(dataDir);
  const preview = await startPreview(dataDir, { clock: START });
  const browser = await chromium.launch({ executablePath: process.env.DIALDECK_CHROMIUM ?? '/usr/bin/chromium' });
  const samples: number[] = [];
  const replies: number[] = [];
  const inDom: number[] = [];
  try {
    const page = await browser.newPage();
    // The bridge's calls go over its socket once it is open (electron/preview/socket.ts), over
    // HTTP before: both are counted. Installed before the bridge runs, so that the socket's
    // message is timed before the bridge's own handler renders anything.
    await page.addInitScript(SOCKET_TIMING);
    await page.goto(preview.url);
    await confirmFirstRun(page).catch(() => undefined);
    await page.getByRole('listbox', { name: 'Queue' }).getByRole('option').first().waitFor();
    await page.keyboard.press('Enter');
    await page.locator('#contact-name').waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { __t0: number; __pressed: number; __marks: number[]; __name: string; __replies: number[]; __dom: number[] };
      w.__marks = [];
      w.__dom = [];
      w.__replies = [];
      w.__t0 = 0;
      w.__pressed = 0;
      // Where the time goes: the disposition's reply in (the transport and the core), then the page.
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (entry.name.endsWith('/__dialdeck/invoke') && w.__pressed && entry.startTime >= w.__pressed) w.__replies.push((entry as PerformanceResourceTiming).responseEnd - w.__pressed);
      }).observe({ type: 'resource' });
      (window as unknown as { __onSocketReply: (at: number) => void }).__onSocketReply = (at) => {
        if (w.__pressed && at >= w.__pressed) w.__replies.push(at - w.__pressed);
      };
      w.__name = document.querySelector('#contact-name')?.textContent ?? '';
      document.addEventListener('keydown', (e) => {
        if (e.key === '1') w.__t0 = w.__pressed = performance.now();
        // The dial's own requests are not the disposition's.
        if (e.key === 'Enter') w.__pressed = 0;
      }, true);
      new MutationObserver(() => {
        const name = document.querySelector('#contact-name')?.textContent ?? '';
        if (!w.__t0 || name === '' || name === w.__name) return;
        w.__name = name;
        const t0 = w.__t0;
        w.__t0 = 0;
        w.__dom.push(performance.now() - t0);
        // On screen: the frame after the change is painted.
        requestAnimationFrame(() => w.__marks.push(performance.now() - t0));
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    for (let i = 0; i < ROUNDS; i++) {
      const name = await page.locator('#contact-name').textContent();
      await page.keyboard.press('Enter');
      await page.getByRole('timer', { name: 'Call time' }).waitFor();
      // A rep speaks before the disposition: the dial's own answers are in.
      await page.waitForTimeout(100);
      await page.keyboard.press('1');
      await page.waitForFunction((before) => {
        const text = document.querySelector('#contact-name')?.textContent;
        return text !== undefined && text !== before && (window as unknown as { __marks: number[] }).__marks.length > 0;
      }, name);
      await page.waitForFunction((n) => (window as unknown as { __marks: number[] }).__marks.length >= n, i + 1);
    }
    samples.push(...(await page.evaluate(() => (window as unknown as { __marks: number[] }).__marks)));
    replies.push(...(await page.evaluate(() => (window as unknown as { __replies: number[] }).__replies)));
    inDom.push(...(await page.evaluate(() => (window as unknown as { __dom: number[] }).__dom)));
  } finally {
    await browser.close();
    await preview.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const p50 = percentile(samples, 50);
  const p99 = percentile(samples, 99);
  return {
    name: 'Disposition to next lead on screen (Chromium, preview, 100,000 leads)',
    lines: [
      `${samples.length} dispositions by key press (1 = no answer), measured in the page to the next painted frame: p50 ${ms(p50)}, p99 ${ms(p99)}, max ${ms(Math.max(...samples))}`,
      `the disposition's reply in (its request, the core, the way back): p50 ${ms(percentile(replies, 50))}, p99 ${ms(percentile(replies, 99))}; requests sent per disposition: ${(replies.length / samples.length).toFixed(2)}`,
      `the next lead in the DOM: p50 ${ms(percentile(inDom, 50))}, p99 ${ms(percentile(inDom, 99))} (rendering after the reply: p50 ${ms(percentile(inDom.map((d, i) => d - (replies[i] ?? d)), 50))}, p99 ${ms(percentile(inDom.map((d, i) => d - (replies[i] ?? d)), 99))})`,
    ],
    bars: [{ label: `disposition to next lead on screen p99 ${ms(p99)} < 50 ms`, met: p99 < 50 }],
  };
}
