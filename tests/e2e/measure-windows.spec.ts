import Database from 'better-sqlite3';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { advanceClock, confirmFirstRun, invokeCore, makeDataDir, screenshotPath, startPreview, type RunningPreview } from './preview';

// Measure (#15), acceptance 4: adopting a learned window changes the voicemail windows in
// Settings and the queue. The log is the unit test's (learned-windows-core.test.ts): 40 weekdays
// from 5 January 2026 in New York; 312 voicemails left at 07:00 their time (inside the default
// windows), 9 of them returned by the lead's call the next day, and 320 left at 15:00 (outside),
// 30 returned. Returns are inbound calls, so the log has calls.direction, as the inbound change
// (#13) adds it; written straight into the data folder's database, as an older desk would have it.

let preview: RunningPreview | undefined;
test.afterEach(async () => {
  await preview?.stop();
});

function seedVoicemailLog(dataDir: string): void {
  const db = new Database(path.join(dataDir, 'dialdeck.sqlite'));
  try {
    const columns = new Set((db.pragma('table_info(calls)') as { name: string }[]).map((c) => c.name));
    if (!columns.has('direction')) db.exec("ALTER TABLE calls ADD COLUMN direction TEXT NOT NULL DEFAULT 'outbound'");
    const insertLead = db.prepare("INSERT INTO contacts (first_name, last_name, phone_raw, e164, time_zones, created_at, updated_at) VALUES ('Old', 'Voicemail', ?, ?, 'America/New_York', 0, 0)");
    const insertCall = db.prepare("INSERT INTO calls (contact_id, dial_uri, number, dialed_at, outcome, direction) VALUES (?, 'tel:x', 'x', ?, ?, ?)");
    // 5 January 2026 (a Monday) was in EST (UTC−5); so were all 40 weekdays after it.
    const weekdays: number[] = [];
    for (let day = Date.UTC(2026, 0, 5); weekdays.length < 40; day += 86_400_000) if (![0, 6].includes(new Date(day).getUTCDay())) weekdays.push(day);
    let lead = 0;
    const leave = (hour: number, count: number, returned: number) => {
      for (let i = 0; i < count; i++) {
        const phone = `+1646555${String(++lead).padStart(4, '0')}`;
        const id = Number(insertLead.run(phone, phone).lastInsertRowid);
        const at = weekdays[i % weekdays.length]! + (hour + 5) * 3_600_000 + ((i * 7) % 60) * 60_000;
        insertCall.run(id, at, 'voicemail_left', 'outbound');
        if (i < returned) insertCall.run(id, at + 86_400_000, 'conversation', 'inbound');
      }
    };
    db.transaction(() => {
      leave(7, 312, 9);
      leave(15, 320, 30);
    })();
  } finally {
    db.close();
  }
}

test('adopting a suggested voicemail window changes the windows in Settings and the queue', async ({ page }) => {
  // Wednesday 4 March 2026, 09:00 in New York: a lead is called and not answered; at 15:20 its
  // retry is due, outside the default voicemail windows (06:45–08:00, 16:30–18:30 their time).
  preview = await startPreview(makeDataDir(), { clock: '2026-03-04T14:00:00Z', timeZone: 'America/New_York' });
  const running = preview;
  seedVoicemailLog(running.dataDir);
  const lead = await invokeCore<{ id: number }>(running, 'contacts.add', { firstName: 'Grace', lastName: 'Retry', phone: '+1 212 555 0199', lineType: 'business' });
  const call = await invokeCore<{ id: number }>(running, 'calls.dial', { contactId: lead.id, override: true });
  await invokeCore(running, 'calls.log', { callId: call.id, outcome: 'no_answer' });
  await advanceClock(running, 6 * 3_600_000 + 20 * 60_000);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(running.url);
  await confirmFirstRun(page);
  const graceInQueue = page.getByRole('listbox', { name: 'Queue' }).getByRole('option', { name: /Grace Retry/ });
  await expect(graceInQueue).toContainText('Retry');
  await expect(graceInQueue).not.toContainText('Voicemail window');

  await page.keyboard.press('Alt+s');
  await expect(page.getByLabel('Voicemail window 1 from')).toHaveValue('06:45');
  await expect(page.getByLabel('Voicemail window 1 until')).toHaveValue('08:00');

  await page.keyboard.press('Alt+m');
  const suggestion = page.getByRole('region', { name: 'Suggested voicemail window' });
  await expect(suggestion).toContainText('Voicemails left 3:00 PM–4:00 PM their time were returned 3.3× as often as 7:00 AM–8:00 AM (30 of 320');
  for (const theme of ['light', 'dark'] as const) {
    await invokeCore(running, 'settings.update', { theme });
    await page.reload();
    await page.getByRole('button', { name: /^Queue/ }).waitFor();
    await page.keyboard.press('Alt+m');
    await expect(suggestion).toBeVisible();
    for (const [width, height] of [
      [1920, 1080],
      [1024, 640],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: screenshotPath(`measure-suggestion-${theme}-${width}`) });
    }
  }
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.keyboard.press('y');
  await expect(page.getByRole('status').filter({ hasText: 'Voicemail windows changed: 3:00 PM–4:00 PM, 4:30 PM–6:30 PM their time.' })).toBeVisible();

  await page.keyboard.press('Alt+s');
  await expect(page.getByLabel('Voicemail window 1 from')).toHaveValue('15:00');
  await expect(page.getByLabel('Voicemail window 1 until')).toHaveValue('16:00');
  await page.keyboard.press('Alt+q');
  // 15:20 in New York is inside the adopted window: the retry is now in the voicemail tier.
  await expect(graceInQueue).toContainText('Voicemail window');
});
