import type { Page } from '@playwright/test';
import { expect, test, type Desk } from './fixtures';
import { advanceClock, dialled, invokeCore, screenshotPath, type RunningPreview } from './preview';

// What the README claims of the queue and the call screen, by keyboard where it names keys, on the
// preview's fake clock: Wednesday 4 March 2026, 17:00 UTC (12:00 in New York). The rep sits in
// Berlin (18:00 there), so "your time" is neither UTC nor the lead's: the page and the core both
// run on Berlin time, as on the rep's own computer.

test.use({ timezoneId: 'Europe/Berlin', locale: 'en-US' });

let preview: RunningPreview | undefined;
const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });
const queueRows = (page: Page) => page.getByRole('listbox', { name: 'Queue' }).getByRole('option');
const waitingRows = (page: Page) => page.getByRole('listbox', { name: 'Not callable now' }).getByRole('option');

async function importFile(running: RunningPreview, fileName: string, csv: string): Promise<void> {
  const staged = await invokeCore<{ stageId: string; mapping: string[] }>(running, 'imports.preview', { fileName, data: Buffer.from(csv).toString('base64') });
  await invokeCore(running, 'imports.run', { stageId: staged.stageId, mapping: staged.mapping });
}

/** A fresh preview with the first-run questions answered (US, New York) and these leads. */
async function setUp(desk: Desk, page: Page, leads: { firstName: string; lastName: string; company?: string; phone: string }[], before?: (running: RunningPreview) => Promise<void>) {
  const running = await desk.confirmed({ timeZone: 'Europe/Berlin' });
  preview = running;
  const ids: number[] = [];
  for (const lead of leads) ids.push((await invokeCore<{ id: number }>(running, 'contacts.add', lead)).id);
  await before?.(running);
  await page.goto(running.url);
  return ids;
}

const threeInNewYork = [
  { firstName: 'Ana', lastName: 'Test', company: 'Acme', phone: '+1 212 555 0701' },
  { firstName: 'Ben', lastName: 'Test', company: 'Brightline', phone: '+1 212 555 0702' },
  { firstName: 'Cy', lastName: 'Test', company: 'Cobalt', phone: '+1 212 555 0703' },
];

test('the queue filters by import, kind and zone change the rows shown', async ({ page, desk }) => {
  // Two files and one lead typed in; at 17:00 UTC every one of them is inside calling hours
  // (New York 12:00, Chicago 11:00, San Francisco 09:00, London 17:00).
  await setUp(desk, page, [{ firstName: 'Fay', lastName: 'Byhand', phone: '+1 212 555 0606' }], async (running) => {
    await importFile(running, 'spring.csv', 'Name,Phone,Lead kind\nAna Spring,+1 212 555 0601,inbound\nBen Spring,+1 415 555 0602,outbound\nCy Spring,+1 312 555 0603,inbound\n');
    await importFile(running, 'autumn.csv', 'Name,Phone,Lead kind\nDi Autumn,+44 20 7946 0604,outbound\nEd Autumn,+1 212 555 0605,outbound\n');
  });
  // Inbound enquiries first, then the fresh leads in the order they arrived.
  await expect(queueRows(page)).toHaveText([/Ana Spring/, /Cy Spring/, /Fay Byhand/, /Ben Spring/, /Di Autumn/, /Ed Autumn/]);
  await page.screenshot({ path: screenshotPath('60-claims-queue-unfiltered'), fullPage: true });

  // F focuses the campaign filter, Tab Tab the import filter (newest import first); the arrow
  // keys pick, Tab moves on to kind and zone.
  const importFilter = page.getByRole('combobox', { name: 'Import', exact: true });
  await page.keyboard.press('f');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(importFilter).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(importFilter.locator('option:checked')).toHaveText(/autumn\.csv/);
  await expect(queueRows(page)).toHaveText([/Di Autumn/, /Ed Autumn/]);
  await page.keyboard.press('ArrowDown');
  await expect(importFilter.locator('option:checked')).toHaveText(/spring\.csv/);
  await expect(queueRows(page)).toHaveText([/Ana Spring/, /Cy Spring/, /Ben Spring/]);
  await expect(page.getByRole('heading', { name: /Queue/ })).toContainText('3 offered now');
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Kind')).toHaveValue('inbound');
  await expect(queueRows(page)).toHaveText([/Ana Spring/, /Cy Spring/]);
  await page.screenshot({ path: screenshotPath('61-claims-queue-import-and-kind'), fullPage: true });
  await page.keyboard.press('Tab');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Time zone')).toHaveValue('America/Chicago');
  await expect(queueRows(page)).toHaveText([/Cy Spring/]);
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Time zone')).toHaveValue('America/Los_Angeles');
  await expect(page.getByText('Nobody to call right now.')).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Time zone')).toHaveValue('America/New_York');
  await expect(queueRows(page)).toHaveText([/Ana Spring/]);

  // Back to every kind, then the other file: its New York lead only.
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByLabel('Kind')).toHaveValue('');
  await expect(queueRows(page)).toHaveText([/Ana Spring/]);
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('ArrowUp');
  await expect(importFilter.locator('option:checked')).toHaveText(/autumn\.csv/);
  await expect(queueRows(page)).toHaveText([/Ed Autumn/]);
  await page.screenshot({ path: screenshotPath('62-claims-queue-import-and-zone'), fullPage: true });
  // Every import in New York: the one typed in is there too.
  await page.keyboard.press('ArrowUp');
  await expect(importFilter).toHaveValue('');
  await expect(queueRows(page)).toHaveText([/Ana Spring/, /Fay Byhand/, /Ed Autumn/]);
});

test('Z snoozes until tomorrow morning or a chosen time, X removes and R restores from the not-callable view', async ({ page, desk }) => {
  await setUp(desk, page, threeInNewYork);
  await expect(queueRows(page)).toHaveText([/Ana Test/, /Ben Test/, /Cy Test/]);

  // Tomorrow 08:00 on the rep's clock: Thursday 08:00 in Berlin is 07:00 UTC, 02:00 in New York.
  await page.keyboard.press('z');
  const snooze = page.getByRole('dialog', { name: 'Snooze' });
  // Said in the same format as the status line below (en-US: 8:00 AM).
  await expect(snooze).toContainText('Until tomorrow 8:00 AM (your time)');
  await page.screenshot({ path: screenshotPath('63-claims-snooze-menu'), fullPage: true });
  await page.keyboard.press('2');
  await expect(page.getByRole('status')).toContainText('Ana Test: Snoozed until Thu, Mar 5, 2:00 AM EST · 8:00 AM GMT+1 yours.');
  await expect(queueRows(page)).toHaveText([/Ben Test/, /Cy Test/]);

  // A time of the rep's choosing, typed on the rep's clock: 20:30 in Berlin is 14:30 in New York.
  await page.keyboard.press('z');
  await page.keyboard.press('3');
  await expect(page.getByLabel(/Until \(your time\)/)).toBeFocused();
  await page.keyboard.type('03042026');
  await page.keyboard.press('Tab');
  await page.keyboard.type('0830PM');
  await expect(page.getByLabel(/Until \(your time\)/)).toHaveValue('2026-03-04T20:30');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Ben Test: Snoozed until 2:30 PM EST · 8:30 PM GMT+1 yours.');
  await expect(queueRows(page)).toHaveText([/Cy Test/]);

  // V: both wait, soonest first, each with why and when it is back, on the rep's clock.
  await page.keyboard.press('v');
  await expect(waitingRows(page)).toHaveText([/Ben\sTest.*snoozed\suntil\s2:30\sPM\sEST\s·\s8:30\sPM\sGMT\+1\syours/, /Ana\sTest.*snoozed\suntil\sThu,\sMar\s5,\s2:00\sAM\sEST\s·\s8:00\sAM\sGMT\+1\syours/]);
  const selected = page.getByLabel('Selected lead');
  await expect(selected).toContainText('back in the queue Wed, Mar 4, 8:30 PM GMT+1 your time');
  await page.keyboard.press('ArrowDown');
  // Snoozed to 02:00 their time, offered when a residential line's hours open (the US rule,
  // 08:00 their time): 14:00 here.
  await expect(selected).toContainText('Ana Test');
  await expect(selected).toContainText('back in the queue Thu, Mar 5, 2:00 PM GMT+1 your time');
  await page.screenshot({ path: screenshotPath('64-claims-snoozed-not-callable'), fullPage: true });

  // X on the last lead left; V shows it removed, R restores it.
  await page.keyboard.press('v');
  await expect(queueRows(page)).toHaveText([/Cy Test/]);
  await page.keyboard.press('x');
  await expect(page.getByRole('status')).toContainText('Cy Test: Removed from the queue.');
  await expect(page.getByText('Nobody to call right now.')).toBeVisible();
  await page.keyboard.press('v');
  await expect(waitingRows(page)).toHaveText([/Ben Test/, /Ana Test/, /Cy Test.*out of the queue \(removed by you\)/]);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(selected).toContainText('Cy Test');
  await expect(selected.getByRole('button', { name: /Restore to the queue/ })).toBeVisible();
  await page.screenshot({ path: screenshotPath('65-claims-removed-not-callable'), fullPage: true });
  await page.keyboard.press('r');
  await expect(page.getByRole('status')).toContainText('Cy Test: Back in the queue.');
  await expect(waitingRows(page)).toHaveText([/Ben Test/, /Ana Test/]);
  await page.keyboard.press('v');
  await expect(queueRows(page)).toHaveText([/Cy Test/]);

  // At 14:30 in New York Ben's snooze is over; Cy has waited longer.
  await advanceClock(preview!, 150 * 60_000);
  await expect(queueRows(page)).toHaveText([/Cy Test/, /Ben Test/]);
  await page.screenshot({ path: screenshotPath('66-claims-snooze-over'), fullPage: true });
});

test('R restores only a lead taken out of the queue: on a snoozed or do-not-call lead it says why and changes nothing', async ({ page, desk }) => {
  const [ana, ben] = await setUp(desk, page, [threeInNewYork[0]!, threeInNewYork[1]!], async (running) => {
    await invokeCore(running, 'dnc.add', { phone: '(212) 555-0701' });
  });
  await invokeCore(preview!, 'queue.act', { contactId: ben, action: 'snooze', until: '2026-03-04T19:00:00Z' });
  await expect(page.getByText('Nobody to call right now.')).toBeVisible();
  await page.keyboard.press('v');
  await expect(waitingRows(page)).toHaveText([/Ben\sTest.*snoozed\suntil\s2:00\sPM\sEST\s·\s8:00\sPM\sGMT\+1\syours/, /Ana Test.*on the do-not-call list/]);
  const selected = page.getByLabel('Selected lead');
  await expect(selected.getByRole('button', { name: /Restore to the queue/ })).toHaveCount(0);
  await page.keyboard.press('r');
  await expect(page.getByRole('alert')).toContainText('Ben Test: snoozed until 2:00 PM EST · 8:00 PM GMT+1 yours. R restores a lead that was taken out of the queue.');
  await page.keyboard.press('ArrowDown');
  await expect(selected).toContainText('Ana Test');
  await page.keyboard.press('r');
  await expect(page.getByRole('alert')).toContainText('Ana Test: on the do-not-call list. R restores a lead that was taken out of the queue.');
  for (const [width, height] of [
    [1024, 640],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: screenshotPath(`77-claims-restore-refused-${width}x${height}`) });
  }
  await expect(waitingRows(page)).toHaveText([/Ben Test.*snoozed/, /Ana Test.*do-not-call/]);
  const notNow = await invokeCore<{ contact: { id: number }; code: string }[]>(preview!, 'queue.notNow', {});
  expect(notNow.map((n) => [n.contact.id, n.code])).toEqual([
    [ben, 'hidden'],
    [ana, 'dnc'],
  ]);
});

test('S stops the redial loop and the lead is back in the queue as a retry', async ({ page, desk }) => {
  await setUp(desk, page, [threeInNewYork[0]!]);
  await expect(queueRows(page)).toHaveText([/Ana Test/]);
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Ana Test')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await page.keyboard.press('2');
  const loop = page.getByRole('status', { name: 'Redial loop' });
  await expect(loop).toContainText('Redialling in 30 s — attempt 2');
  await page.keyboard.press('s');
  await expect(loop).toHaveCount(0);
  await expect(page.getByText('Redial loop stopped; the lead is back in the queue as a retry.')).toBeVisible();
  await page.screenshot({ path: screenshotPath('67-claims-redial-stopped'), fullPage: true });
  // Stopped means stopped: a minute on, nothing more was dialled.
  await advanceClock(preview!, 60_000);
  await page.waitForTimeout(500);
  expect(await dialled(preview!)).toEqual(['tel:+12125550701']);

  // Engaged at 12:00 their time: again at 14:00, as an ordinary retry.
  await page.keyboard.press('Escape');
  await expect(page.getByText('Nobody to call right now.')).toBeVisible();
  await page.keyboard.press('v');
  await expect(waitingRows(page)).toHaveText([/Ana\sTest.*engaged:\sagain\sat\s2:0\d\sPM\sEST\s·\s8:0\d\sPM\sGMT\+1\syours/]);
  await page.keyboard.press('v');
  await advanceClock(preview!, 2 * 60 * 60_000);
  await expect(queueRows(page)).toHaveText([/Ana\sTest.*Retry.*engaged:\sagain\sat\s2:0\d\sPM\sEST\s·\s8:0\d\sPM\sGMT\+1\syours/]);
  await page.screenshot({ path: screenshotPath('68-claims-retry-after-stop'), fullPage: true });
});

test('the voicemail stopwatch turns amber at 15 s and red at 20 s', async ({ page, desk }) => {
  // The stopwatch times the rep speaking on the page's own clock; Playwright's clock drives it.
  await page.clock.install();
  await setUp(desk, page, [threeInNewYork[0]!, threeInNewYork[1]!]);
  await expect(queueRows(page)).toHaveCount(2);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await page.clock.pauseAt((await page.evaluate(() => Date.now())) + 1000);
  await page.keyboard.press('v');
  const stopwatch = page.getByRole('timer', { name: 'Voicemail stopwatch' });
  await expect(stopwatch).toHaveAttribute('data-state', 'ok');
  await expect(stopwatch).toContainText('0:00 / 0:20');
  await page.clock.runFor(14_900);
  await expect(stopwatch).toContainText('0:14 / 0:20');
  await expect(stopwatch).toHaveAttribute('data-state', 'ok');
  await page.clock.runFor(100);
  await expect(stopwatch).toHaveAttribute('data-state', 'warn');
  await expect(stopwatch).toHaveClass(/voicemail-warn/);
  await expect(stopwatch).toContainText('0:15 / 0:20');
  await expect(stopwatch).toContainText('Five seconds left');
  await page.screenshot({ path: screenshotPath('69-claims-voicemail-amber'), fullPage: true });
  await page.clock.runFor(4_900);
  await expect(stopwatch).toContainText('0:19 / 0:20');
  await expect(stopwatch).toHaveAttribute('data-state', 'warn');
  await page.clock.runFor(100);
  await expect(stopwatch).toHaveAttribute('data-state', 'over');
  await expect(stopwatch).toHaveClass(/voicemail-over/);
  await expect(stopwatch).toContainText('0:20 / 0:20');
  await expect(stopwatch).toContainText('Over 20 seconds');
  await page.screenshot({ path: screenshotPath('70-claims-voicemail-red'), fullPage: true });
  for (const [width, height] of [
    [1024, 640],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: screenshotPath(`71-claims-voicemail-red-${width}x${height}`) });
  }
  await page.keyboard.press('3');
  await expect(heading(page, 'Ben Test')).toBeVisible();
  await expect(page.getByRole('status').first()).toContainText('Saved: Voicemail left for Ana Test');
});

test('a callback time typed in my zone is saved as that instant and shown in both zones', async ({ page, desk }) => {
  const [ana] = await setUp(desk, page, [threeInNewYork[0]!, threeInNewYork[1]!]);
  await expect(queueRows(page)).toHaveCount(2);
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Ana Test')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await page.keyboard.press('9');
  const form = page.getByRole('form', { name: 'Callback requested: details' });
  await expect(form.getByRole('group', { name: 'Quick picks' })).toBeFocused();
  // Past the typed time to the exact field.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(form.getByLabel('Or an exact date and time (their time, America/New_York)')).toBeFocused();
  // 20:30 on Wednesday, then "my zone": 20:30 in Berlin is 19:30 UTC, 14:30 in New York.
  await page.keyboard.type('03042026');
  await page.keyboard.type('0830PM');
  // Tab past the date picker's button to the zone choice.
  const theirZone = form.getByRole('radio', { name: 'their zone' });
  for (let i = 0; i < 3 && !(await theirZone.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(theirZone).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(form.getByRole('radio', { name: 'my zone' })).toBeChecked();
  await expect(form.getByLabel('Or an exact date and time (your time, Europe/Berlin)')).toHaveValue('2026-03-04T20:30');
  await expect(form).toContainText('Their time: Wed, Mar 4, 2:30 PM EST');
  await expect(form).toContainText('Your time: Wed, Mar 4, 8:30 PM GMT+1');
  await page.screenshot({ path: screenshotPath('72-claims-callback-my-zone'), fullPage: true });
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Ben Test')).toBeVisible();

  const saved = await invokeCore<{ calls: { outcome: string; callbackAt: string }[] }>(preview!, 'contacts.get', { id: ana });
  expect(saved.calls[0]).toMatchObject({ outcome: 'callback_requested', callbackAt: '2026-03-04T19:30:00.000Z' });

  // Upcoming lists it on the rep's clock with theirs beside.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+U');
  const upcoming = page.getByRole('list', { name: 'Upcoming' });
  await expect(upcoming.getByRole('listitem').filter({ hasText: 'Callback: Ana Test' })).toContainText(/^8:30\sPM\sGMT\+1Callback:\sAna\sTest\sat\sAcme\s·\scallback\spromised\sfor\s2:30\sPM\sEST\s·\s8:30\sPM\sGMT\+1\syours$/);
  await page.screenshot({ path: screenshotPath('73-claims-callback-upcoming'), fullPage: true });

  // At its minute it tops the queue, read in both zones.
  await page.keyboard.press('Alt+Q');
  await advanceClock(preview!, 150 * 60_000);
  await expect(queueRows(page).first()).toContainText('callback promised for 2:30 PM EST · 8:30 PM GMT+1 yours');
  await expect(page.getByLabel('Selected lead')).toContainText('Now in America/New_York: 2:30 PM EST · 8:30 PM GMT+1 yours');
  await page.screenshot({ path: screenshotPath('74-claims-callback-due'), fullPage: true });
});

test('an objection marked with / and Enter during a call is saved with the call and shown in its history', async ({ page, desk }) => {
  const [ana] = await setUp(desk, page, [threeInNewYork[0]!, threeInNewYork[1]!]);
  await expect(queueRows(page)).toHaveCount(2);
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Ana Test')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  const panel = page.locator('.script-panel');
  await page.keyboard.press('/');
  await expect(page.getByLabel('Find an objection')).toBeFocused();
  await page.keyboard.type('supplier');
  // The first-call starter script's card: "### We already have a supplier".
  await expect(panel.getByRole('list', { name: 'Objection cards' }).getByRole('listitem')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('button', { name: 'Came up ✓' })).toBeVisible();
  await expect(panel).toContainText('Came up on this call: We already have a supplier');
  await page.screenshot({ path: screenshotPath('75-claims-objection-came-up'), fullPage: true });
  await page.keyboard.press('Escape');
  await page.keyboard.press('5');
  await expect(heading(page, 'Ben Test')).toBeVisible();

  const saved = await invokeCore<{ calls: { outcome: string; objections: string[] }[] }>(preview!, 'contacts.get', { id: ana });
  expect(saved.calls).toEqual([expect.objectContaining({ outcome: 'conversation', objections: ['We already have a supplier'] })]);

  // Ana's history says so when her call screen opens again (she waits for a follow-up).
  await page.keyboard.press('Escape');
  await page.keyboard.press('v');
  await waitingRows(page).filter({ hasText: 'Ana Test' }).click();
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Ana Test')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Call history' })).toContainText('Objections that came up: We already have a supplier');
  await page.screenshot({ path: screenshotPath('76-claims-objection-in-history'), fullPage: true });
});

// The Tasks screen's Z uses the queue's snooze dialog; the core decides when "tomorrow" is, on the
// rep's clock (Berlin here), as it does for a lead, rather than the screen working it out.
test('Z on a task snoozes it for an hour or until tomorrow 08:00 on the rep’s clock', async ({ page, desk }) => {
  const [ana] = await setUp(desk, page, threeInNewYork.slice(0, 1));
  await invokeCore(preview!, 'promises.add', { contactId: ana, what: 'send the brochure', dueAt: '2026-03-04T16:00:00Z' });
  const dueAt = async () => (await invokeCore<{ tasks: { dueAt: string }[] }>(preview!, 'tasks.list', {})).tasks.map((t) => t.dueAt);
  // The app is up (a key pressed while the page still loads goes nowhere), then Tasks.
  await expect(queueRows(page)).toHaveText([/Ana Test/]);
  await page.keyboard.press('Alt+t');
  await expect(page.getByRole('heading', { name: /^Tasks/ })).toBeVisible();
  const list = page.getByRole('listbox', { name: 'Open tasks' });
  await list.getByRole('option', { name: /send the brochure/ }).click();

  // 1: an hour from now (17:00 UTC), 19:00 in Berlin.
  await page.keyboard.press('z');
  await page.getByRole('dialog', { name: 'Snooze' }).waitFor();
  await page.keyboard.press('1');
  await expect(page.getByRole('status')).toContainText('Snoozed until Wed, Mar 4, 7:00 PM GMT+1');
  expect(await dueAt()).toEqual(['2026-03-04T18:00:00.000Z']);

  // 2: 08:00 tomorrow in Berlin, 07:00 UTC.
  await list.getByRole('option', { name: /send the brochure/ }).click();
  await page.keyboard.press('z');
  await expect(page.getByRole('dialog', { name: 'Snooze' })).toContainText('Until tomorrow 8:00 AM (your time)');
  await page.keyboard.press('2');
  await expect(page.getByRole('status')).toContainText('Snoozed until Thu, Mar 5, 8:00 AM GMT+1');
  expect(await dueAt()).toEqual(['2026-03-05T07:00:00.000Z']);
  // The row says the whole time, its date and zone (GMT+1 is longer than the UTC or EST the other
  // specs' desks see), at the smallest window too.
  const when = list.getByRole('option', { name: /send the brochure/ }).locator('.task-when');
  for (const size of [{ width: 1280, height: 800 }, { width: 1024, height: 640 }]) {
    await page.setViewportSize(size);
    await expect(when).toHaveText(/^Thu, Mar\s5, 8:00\sAM\sGMT\+1$/);
    expect(await when.evaluate((cell) => cell.scrollWidth <= cell.clientWidth)).toBe(true);
    await page.screenshot({ path: screenshotPath(`78-claims-task-snoozed-${size.width}`), fullPage: true });
  }
});
