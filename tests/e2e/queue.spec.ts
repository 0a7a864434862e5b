import { expect, test, type Page } from '@playwright/test';
import { advanceClock, confirmFirstRun, dialled, invokeCore, makeDataDir, notifications, screenshotPath, startPreview, type RunningPreview } from './preview';

// The queue issue, keyboard only: ten leads worked through the call screen with every
// disposition, the follow-up fields enforced, the redial loop counting attempts on a fake clock,
// the override outside calling hours, the call log, and a promised callback rising to the top.
// Wednesday 4 March 2026, 12:00 in New York (17:00 UTC).

let preview: RunningPreview | undefined;
test.afterEach(async () => {
  await preview?.stop();
});

const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });

async function dialAndPick(page: Page, name: string, key: string) {
  await expect(heading(page, name)).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await page.keyboard.press(key);
}

test('ten leads through the call screen with every disposition, keyboard only', async ({ page }) => {
  preview = await startPreview(makeDataDir());
  for (let i = 1; i <= 10; i++) {
    await invokeCore(preview, 'contacts.add', { firstName: `Lead${String(i).padStart(2, '0')}`, lastName: 'Test', company: `Company ${i}`, phone: `+1 212 555 01${String(i).padStart(2, '0')}` });
  }
  await invokeCore(preview, 'contacts.add', { firstName: 'Kenji', lastName: 'Sato', company: 'Tokyo KK', phone: '+81 3 1234 5678' });
  await page.goto(preview.url);
  await confirmFirstRun(page);

  const queue = page.getByRole('listbox', { name: 'Queue' });
  await expect(queue.getByRole('option')).toHaveCount(10);
  await expect(page.getByRole('heading', { name: /Queue/ })).toContainText('10 offered now · 11 in the queue');
  await expect(page.getByLabel('Selected lead')).toContainText('Now in America/New_York: 12:00 PM EST · 5:00 PM UTC yours');
  await page.screenshot({ path: screenshotPath('20-queue'), fullPage: true });

  // 1: no answer. The next lead is on screen at once: dial → disposition → next.
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Lead01 Test')).toBeVisible();
  await expect(page.getByText(/^Inside calling hours:/)).toBeVisible();
  await page.screenshot({ path: screenshotPath('21-call-screen'), fullPage: true });
  await dialAndPick(page, 'Lead01 Test', '1');

  // 2: engaged → the redial loop on the fake clock. After the countdown it dials once more, then
  // never again until the rep says that attempt was engaged: five minutes with no key give
  // exactly one further dial, and the loop pauses and asks.
  await dialAndPick(page, 'Lead02 Test', '2');
  const loop = page.getByRole('status', { name: 'Redial loop' });
  await expect(loop).toContainText('Redialling in 30 s — attempt 2, 0:00 elapsed');
  for (let s = 0; s < 300; s += 30) await advanceClock(preview, 30_000);
  await expect(loop).toContainText('Paused: Connected (C) or still engaged (2)? — attempt 2, 5:00 elapsed');
  expect(await dialled(preview)).toEqual(['tel:+12125550101', 'tel:+12125550102', 'tel:+12125550102']);
  await page.screenshot({ path: screenshotPath('22-redial-loop'), fullPage: true });
  // `2`: still engaged → one more dial after the countdown, and it waits again.
  await page.keyboard.press('2');
  await expect(loop).toContainText('Redialling in 30 s — attempt 3, 5:00 elapsed');
  await advanceClock(preview, 30_000);
  await expect(loop).toContainText('Attempt 3 dialled — 5:30 elapsed');
  expect(await dialled(preview)).toHaveLength(4);
  // Enter on "still engaged" is the same confirmation.
  await page.keyboard.press('Enter');
  await expect(loop).toContainText('Redialling in 30 s — attempt 4, 5:30 elapsed');
  await advanceClock(preview, 30_000);
  await expect(loop).toContainText('Attempt 4 dialled — 6:00 elapsed');
  expect(await dialled(preview)).toEqual(['tel:+12125550101', 'tel:+12125550102', 'tel:+12125550102', 'tel:+12125550102', 'tel:+12125550102']);
  // `C` stops it: nothing more is dialled, the call waits for its disposition.
  await page.keyboard.press('c');
  await expect(loop).toHaveCount(0);
  await advanceClock(preview, 60_000);
  expect(await dialled(preview)).toHaveLength(5);
  await page.keyboard.press('5');

  // 3: voicemail mode, then voicemail left.
  await expect(heading(page, 'Lead03 Test')).toBeVisible();
  await page.keyboard.press('Enter');
  await page.keyboard.press('v');
  await expect(page.getByRole('timer', { name: 'Voicemail stopwatch' })).toContainText('/ 0:20');
  await page.screenshot({ path: screenshotPath('23-voicemail-mode'), fullPage: true });
  await page.keyboard.press('3');

  // 4: gatekeeper.
  await dialAndPick(page, 'Lead04 Test', '4');

  // 5: advance needs the next step and its time; saving without them says so.
  await dialAndPick(page, 'Lead05 Test', '6');
  const advance = page.getByRole('form', { name: 'Advance: details' });
  await expect(page.getByLabel('Next step (the next up-front contract)')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(advance.getByRole('alert').first()).toContainText('An advance needs the next step you agreed');
  await expect(advance).toContainText('An advance needs the date and time of the next step');
  await page.screenshot({ path: screenshotPath('24-required-fields'), fullPage: true });
  await page.keyboard.type('Demo with their CFO');
  // Past the quick picks and the typed time to the exact date and time.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  await page.keyboard.type('03102026');
  await page.keyboard.type('1000AM');
  // 10 March is after the switch to daylight time in New York (8 March 2026): EDT, UTC−4.
  await expect(advance).toContainText('Their time: Tue, Mar 10, 10:00 AM EDT');
  await expect(advance).toContainText('Your time: Tue, Mar 10, 2:00 PM UTC');
  await page.keyboard.press('Enter');

  // 6: conversion.
  await dialAndPick(page, 'Lead06 Test', '7');

  // 7: not interested needs a reason from the list.
  await dialAndPick(page, 'Lead07 Test', '8');
  const notInterested = page.getByRole('form', { name: 'Not interested: details' });
  await expect(notInterested.getByRole('group', { name: 'Reasons' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(notInterested.getByRole('alert').first()).toContainText('Choose why they are not interested');
  // The reasons are numbered: 1 is the first one.
  await page.keyboard.press('1');
  await expect(notInterested.getByRole('button', { name: /No budget/ })).toHaveAttribute('aria-pressed', 'true');
  await expect(notInterested.getByRole('alert')).toHaveCount(0);
  await page.keyboard.press('Enter');

  // 8: callback requested needs the promised time; shown in their zone and the rep's.
  await dialAndPick(page, 'Lead08 Test', '9');
  const callback = page.getByRole('form', { name: 'Callback requested: details' });
  await page.keyboard.press('Enter');
  await expect(callback.getByRole('alert').first()).toContainText('A callback needs the time you promised');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.type('03042026');
  await page.keyboard.type('0300PM');
  await expect(callback).toContainText('Their time: Wed, Mar 4, 3:00 PM EST');
  await expect(callback).toContainText('Your time: Wed, Mar 4, 8:00 PM UTC');
  await page.keyboard.press('Enter');

  // 9: wrong number makes the lead a dud. 10: do not call adds the number to the list.
  await dialAndPick(page, 'Lead09 Test', '0');
  await dialAndPick(page, 'Lead10 Test', 'd');
  await expect(page.getByText('Nobody to call right now.')).toBeVisible();
  await expect(page.getByRole('status').first()).toContainText('Saved: Do not call for Lead10 Test');

  // Kenji is in Tokyo (02:00 there): not offered, and dialling him needs the override.
  await page.keyboard.press('v');
  const waiting = page.getByRole('listbox', { name: 'Not callable now' });
  await expect(waiting.getByRole('option').first()).toContainText('Kenji Sato');
  // Added by hand, so residential: its hours (the desk's residential default) open at 08:00.
  await expect(waiting.getByRole('option').first()).toContainText('outside calling hours until 8:00 AM GMT+9 · 11:00 PM UTC yours');
  await expect(waiting).toContainText('on the do-not-call list');
  await expect(waiting).toContainText('dud: no valid number');
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Kenji Sato')).toBeVisible();
  await expect(page.getByText(/^Outside calling hours:/)).toBeVisible();
  await page.keyboard.press('Enter');
  const override = page.getByRole('alertdialog', { name: 'Outside calling hours' });
  await expect(override).toContainText('For this lead (Asia/Tokyo) it is 2:07 AM GMT+9 · 5:07 PM UTC yours. Outside calling hours until 8:00 AM GMT+9 · 11:00 PM UTC yours.');
  await page.screenshot({ path: screenshotPath('25-override'), fullPage: true });
  expect(await dialled(preview)).toHaveLength(13);
  await page.keyboard.press('o');
  await expect.poll(async () => (await dialled(preview!)).length).toBe(14);
  // The call is on screen (its timer running) before its outcome is keyed: on a loaded machine the
  // dial's reply can land after the softphone has the number.
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await page.keyboard.press('1');
  await expect(page.getByText('Nobody to call right now.')).toBeVisible();

  // The call log has every attempt and every outcome.
  await page.keyboard.press('Alt+L');
  const log = page.getByRole('listbox', { name: 'Call log' });
  await expect(page.getByRole('heading', { name: /Calls/ })).toContainText('14 calls');
  for (const label of ['No answer', 'Engaged', 'Voicemail left', 'Gatekeeper', 'Conversation', 'Advance', 'Conversion', 'Not interested', 'Callback requested', 'Wrong number', 'Do not call']) {
    await expect(log).toContainText(label);
  }
  await expect(log).toContainText('override: dialled outside hours');
  await expect(log).toContainText('next: Demo with their CFO');
  await expect(log).toContainText('reason: No budget');
  await page.screenshot({ path: screenshotPath('26-calls'), fullPage: true });
  await page.keyboard.press('/');
  await page.keyboard.type('CFO');
  await expect(log.getByRole('option')).toHaveCount(1);

  // At 15:00 New York time the callback is due: it heads the queue, with its reason.
  await advanceClock(preview, 3 * 60 * 60 * 1000);
  await page.keyboard.press('Alt+Q');
  await expect(queue.getByRole('option').first()).toContainText('Lead08 Test');
  await expect(queue.getByRole('option').first()).toContainText('callback promised for 3:00 PM EST · 8:00 PM UTC yours');
  await expect(page.getByLabel('Selected lead')).toContainText('Callback');
  await expect(page.getByLabel('Selected lead')).toContainText('Now in America/New_York: 3:07 PM EST · 8:07 PM UTC yours');
  await page.screenshot({ path: screenshotPath('27-queue-callback-due'), fullPage: true });
});

test('pin, snooze and skip from the queue by keyboard', async ({ page }) => {
  preview = await startPreview(makeDataDir());
  for (const name of ['Ana', 'Ben', 'Cy']) await invokeCore(preview, 'contacts.add', { firstName: name, lastName: 'Test', phone: `+1 212 555 02${name.length}${name.charCodeAt(0) % 10}` });
  await page.goto(preview.url);
  await confirmFirstRun(page);
  const queue = page.getByRole('listbox', { name: 'Queue' });
  await expect(queue.getByRole('option')).toHaveText([/Ana/, /Ben/, /Cy/]);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('p');
  await expect(page.getByRole('status')).toContainText('Cy Test: Pinned to the top of the queue.');
  await expect(queue.getByRole('option')).toHaveText([/Cy/, /Ana/, /Ben/]);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('z');
  await expect(page.getByRole('dialog', { name: 'Snooze' })).toBeVisible();
  await page.keyboard.press('1');
  await expect(page.getByRole('status')).toContainText('Ana Test: Snoozed until 1:00 PM EST · 6:00 PM UTC yours.');
  await expect(queue.getByRole('option')).toHaveText([/Cy/, /Ben/]);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('s');
  await expect(queue.getByRole('option')).toHaveText([/Cy/]);
  await page.keyboard.press('v');
  await expect(page.getByRole('listbox', { name: 'Not callable now' })).toContainText('snoozed until 1:00 PM EST · 6:00 PM UTC yours');
  await advanceClock(preview, 60 * 60 * 1000);
  await page.keyboard.press('v');
  await expect(queue.getByRole('option')).toHaveText([/Cy/, /Ana/, /Ben/]);
});

test('queue rules in settings: calling hours per weekday are checked, saved and used by the queue', async ({ page }) => {
  preview = await startPreview(makeDataDir());
  await invokeCore(preview, 'contacts.add', { firstName: 'Ana', lastName: 'Silva', phone: '+1 212 555 0101', lineType: 'business' });
  await page.goto(preview.url);
  await confirmFirstRun(page);
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(1);

  await page.keyboard.press('Alt+S');
  const rules = page.getByRole('form', { name: 'Queue rules' });
  await expect(rules).toBeVisible();
  // Wednesday, business lines: an end before the start is refused with its reason.
  await rules.getByLabel('Wednesday from (business)').fill('12:00');
  await rules.getByLabel('Wednesday until (business)').fill('11:00');
  await rules.getByRole('button', { name: 'Save the queue rules' }).click();
  await expect(rules.getByRole('alert').first()).toHaveText('“Wednesday until (business)” must be after the start (12:00).');
  await rules.getByLabel('Wednesday from (business)').fill('06:30');
  await rules.getByRole('button', { name: 'Save the queue rules' }).click();
  await expect(rules.getByRole('status')).toContainText('Saved. The queue uses the new rules now.');
  await page.screenshot({ path: screenshotPath('28-queue-rules'), fullPage: true });

  // It is 12:00 in New York: Ana's Wednesday hours have ended.
  await page.keyboard.press('Alt+Q');
  await expect(page.getByText('Nobody to call right now.')).toBeVisible();
  await page.keyboard.press('v');
  await expect(page.getByRole('listbox', { name: 'Not callable now' })).toContainText('outside calling hours until Thu, Mar 5, 6:30 AM EST · 11:30 AM UTC yours');
  const saved = await invokeCore<{ queue: { callingHours: { business: Record<string, { start: string; end: string } | null> } } }>(preview, 'settings.get', {});
  expect(saved.queue.callingHours.business['3']).toEqual({ start: '06:30', end: '11:00' });
});

test('a callback set on the call screen tops the queue and shows in the due strip at its minute', async ({ page }) => {
  preview = await startPreview(makeDataDir());
  for (const name of ['Ana', 'Ben', 'Cy']) await invokeCore(preview, 'contacts.add', { firstName: name, lastName: 'Test', company: `${name} Co`, phone: `+1 212 555 03${name.length}${name.charCodeAt(0) % 10}` });
  await page.goto(preview.url);
  await confirmFirstRun(page);
  const queue = page.getByRole('listbox', { name: 'Queue' });
  await expect(queue.getByRole('option')).toHaveText([/Ana/, /Ben/, /Cy/]);

  // 12:00 in New York: Ana asks to be called back at 12:30 her time.
  await page.keyboard.press('Enter');
  await dialAndPick(page, 'Ana Test', '9');
  await page.keyboard.press('t');
  await page.keyboard.type('12:30pm');
  await expect(page.getByLabel('Chosen time')).toContainText('Their time: Wed, Mar 4, 12:30 PM EST');
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Ben Test')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(queue.getByRole('option')).toHaveText([/Ben/, /Cy/]);

  await page.keyboard.press('Alt+U');
  const upcoming = page.getByRole('list', { name: 'Upcoming' });
  await expect(upcoming).toContainText('Callback: Ana Test at Ana Co');
  // Its reason names the time, with the lead's zone and yours; it is not said a second time.
  await expect(upcoming).toContainText('Callback: Ana Test at Ana Co · callback promised for 12:30 PM EST · 5:30 PM UTC yours');
  await expect(upcoming).not.toContainText('their time');
  await page.screenshot({ path: screenshotPath('29-upcoming'), fullPage: true });
  await page.keyboard.press('Alt+Q');

  await advanceClock(preview, 29 * 60_000);
  await expect(page.getByRole('region', { name: 'Due now' })).toHaveCount(0);
  await advanceClock(preview, 60_000);
  const strip = page.getByRole('region', { name: 'Due now' });
  // A promised callback says so; at its minute it is not late yet.
  await expect(strip).toContainText('Callback: Ana Test · promised for 12:30 PM EST · 5:30 PM UTC yours');
  await expect(strip).not.toContainText('late');
  await expect(queue.getByRole('option').first()).toContainText('Ana Test');
  await expect(queue.getByRole('option').first()).toContainText('callback promised for 12:30 PM EST · 5:30 PM UTC yours');
  await expect(page.getByLabel('Selected lead')).toContainText('12:30 PM EST · 5:30 PM UTC yours');
  const told = await notifications(preview);
  expect(told).toEqual([expect.objectContaining({ title: 'Callback due: Ana Test at Ana Co, 12:30\u00a0PM\u00a0EST · 5:30\u00a0PM\u00a0UTC\u00a0yours', at: Date.parse('2026-03-04T17:30:00Z') })]);
  await page.screenshot({ path: screenshotPath('30-callback-due'), fullPage: true });
  await page.keyboard.press('Alt+D');
  await expect(heading(page, 'Ana Test')).toBeVisible();
  await expect(page.getByRole('list', { name: 'Call history' })).toContainText('Callback promised for');
});

test('what fell due while Dialdeck was closed is listed once when it opens', async ({ page }) => {
  const dataDir = makeDataDir();
  preview = await startPreview(dataDir);
  const ana = await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: 'Ana', lastName: 'Test', company: 'Acme', phone: '+1 212 555 0501' });
  const call = await invokeCore<{ id: number }>(preview, 'calls.dial', { contactId: ana.id });
  await invokeCore(preview, 'calls.log', { callId: call.id, outcome: 'callback_requested', callbackAt: '2026-03-04T17:10:00Z' });
  await preview.stop();

  // Opened again at 13:00 in New York: the 12:10 callback fell due while it was closed.
  preview = await startPreview(dataDir, { clock: '2026-03-04T18:00:00Z' });
  await page.goto(preview.url);
  await confirmFirstRun(page);
  const strip = page.getByRole('region', { name: 'Due now' });
  await expect(strip.getByRole('alert')).toContainText('1 callback was due while Dialdeck was closed. Ana Test (12:10 PM EST · 5:10 PM UTC yours)');
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option').first()).toContainText('Ana Test');
  expect(await notifications(preview)).toEqual([]);
  await page.screenshot({ path: screenshotPath('37-missed-while-closed'), fullPage: true });
  await strip.getByRole('button', { name: 'Got it' }).click();
  await expect(strip.getByRole('alert')).toHaveCount(0);
  // Opened at 13:00 their time, the 12:10 callback is 50 minutes late, and says so.
  await expect(strip).toContainText('Callback: Ana Test · promised for 12:10 PM EST · 5:10 PM UTC yours, 50 min late');
});
