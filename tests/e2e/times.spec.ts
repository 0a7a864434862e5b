import type { Page } from '@playwright/test';
import { expect, test, type Desk } from './fixtures';
import { invokeCore, screenshotPath, type RunningPreview } from './preview';
import { shootScreen } from './shots';

// Callback and next-step times (issue #13, point 4): numbered quick picks in the lead's time,
// typed times read on their clock, both times shown before saving, a warning outside their
// calling hours. The preview's clock: Wednesday 4 March 2026, 17:00 UTC — 12:00 in New York,
// 18:00 in Berlin, where the rep sits (so "your time" is neither UTC nor theirs).

test.use({ timezoneId: 'Europe/Berlin', locale: 'en-US' });

let preview: RunningPreview | undefined;
const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });

/** A fresh preview (US, New York) with two residential leads in New York (08:00–21:00 their
 *  time), on the call screen of the first with its call placed. */
async function onTheCall(desk: Desk, page: Page): Promise<number> {
  preview = await desk.confirmed({ timeZone: 'Europe/Berlin' });
  const ana = await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: 'Ana', lastName: 'Test', company: 'Acme', phone: '+1 212 555 0701' });
  await invokeCore(preview, 'contacts.add', { firstName: 'Ben', lastName: 'Test', company: 'Brightline', phone: '+1 212 555 0702' });
  await page.goto(preview.url);
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(2);
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Ana Test')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  return ana.id;
}

async function savedCall(id: number) {
  const saved = await invokeCore<{ calls: { outcome: string; callbackAt: string | null; nextAt: string | null }[] }>(preview!, 'contacts.get', { id });
  return saved.calls[0];
}

test('a callback set with a quick pick in two keys after 9, shown in both zones first', async ({ page, desk }) => {
  const ana = await onTheCall(desk, page);
  await page.keyboard.press('9');
  const form = page.getByRole('form', { name: 'Callback requested: details' });
  const picks = form.getByRole('group', { name: 'Quick picks' });
  await expect(picks).toBeFocused();
  // Noon in New York: "later today 16:00" and "tomorrow 09:00" are theirs, not the rep's.
  await expect(picks.getByRole('button', { name: /Later today 16:00/ })).toContainText('4:00 PM EST');
  await page.keyboard.press('3');
  // Thursday 09:00 EST is 14:00 UTC, 15:00 in Berlin.
  await expect(form.getByLabel('Chosen time')).toContainText('Their time: Thu, Mar 5, 9:00 AM EST');
  await expect(form.getByLabel('Chosen time')).toContainText('Your time: Thu, Mar 5, 3:00 PM GMT+1');
  for (const [width, height] of [
    [1024, 640],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: screenshotPath(`80-times-quick-pick-${width}x${height}-${scheme}`) });
    }
  }
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Ben Test')).toBeVisible();
  expect(await savedCall(ana)).toMatchObject({ outcome: 'callback_requested', callbackAt: '2026-03-05T14:00:00.000Z' });
});

test('typed "tomorrow 9" is read in their time and shown in both before saving; 10pm warns', async ({ page, desk }) => {
  const ana = await onTheCall(desk, page);
  await page.keyboard.press('9');
  const form = page.getByRole('form', { name: 'Callback requested: details' });
  const chosen = form.getByLabel('Chosen time');
  // Saving with no time says so; the message goes once a time is chosen.
  await page.keyboard.press('Enter');
  await expect(form.getByRole('alert')).toContainText('A callback needs the time you promised');
  await page.keyboard.press('t');
  await expect(form.getByLabel(/Or type a time/)).toBeFocused();
  await page.keyboard.type('tomorrow 10pm');
  await expect(form.getByRole('alert')).toHaveCount(1);
  await expect(form.getByRole('alert')).toContainText('Outside their calling hours');
  await expect(form).not.toContainText('A callback needs the time you promised');
  await expect(chosen).toContainText('Their time: Thu, Mar 5, 10:00 PM EST');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: screenshotPath(`81-times-outside-hours-${scheme}`), fullPage: true });
  }
  await page.keyboard.press('Control+A');
  await page.keyboard.type('tomorrow 9');
  await expect(chosen).toContainText('Their time: Thu, Mar 5, 9:00 AM EST');
  await expect(chosen).toContainText('Your time: Thu, Mar 5, 3:00 PM GMT+1');
  await expect(form.getByText('Outside their calling hours')).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Ben Test')).toBeVisible();
  expect(await savedCall(ana)).toMatchObject({ outcome: 'callback_requested', callbackAt: '2026-03-05T14:00:00.000Z' });
});

test('the exact date field takes a four-digit year, so the keys run on into the hour', async ({ page, desk }) => {
  const ana = await onTheCall(desk, page);
  await page.keyboard.press('6');
  const form = page.getByRole('form', { name: 'Advance: details' });
  await page.keyboard.type('Demo with their CFO');
  // Next step, then the quick picks, the typed time and the exact field.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Tab');
  const exact = form.getByLabel(/Or an exact date and time/);
  await expect(exact).toBeFocused();
  await page.keyboard.type('031020261000AM');
  await expect(exact).toHaveValue('2026-03-10T10:00');
  // 10 March is after the switch to daylight time in New York (8 March 2026): EDT, UTC−4.
  await expect(form.getByLabel('Chosen time')).toContainText('Their time: Tue, Mar 10, 10:00 AM EDT');
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Ben Test')).toBeVisible();
  expect(await savedCall(ana)).toMatchObject({ outcome: 'advance', nextAt: '2026-03-10T14:00:00.000Z' });
});

test('an advance’s time by quick pick: Tab from the next step, then a digit', async ({ page, desk }) => {
  const ana = await onTheCall(desk, page);
  await page.keyboard.press('6');
  const form = page.getByRole('form', { name: 'Advance: details' });
  await page.keyboard.type('Send the proposal');
  await page.keyboard.press('Tab');
  await expect(form.getByRole('group', { name: 'Quick picks' })).toBeFocused();
  // Wednesday: the next business day is Thursday, 09:00 EST.
  await page.keyboard.press('4');
  await expect(form.getByLabel('Chosen time')).toContainText('Their time: Thu, Mar 5, 9:00 AM EST');
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Ben Test')).toBeVisible();
  expect(await savedCall(ana)).toMatchObject({ outcome: 'advance', nextAt: '2026-03-05T14:00:00.000Z' });
});

test('typed "3" is 15:00 today their time, as "at 3" and "3pm"; "next year" keeps noon and shows 2027', async ({ page, desk }) => {
  const ana = await onTheCall(desk, page);
  await page.keyboard.press('9');
  const form = page.getByRole('form', { name: 'Callback requested: details' });
  const chosen = form.getByLabel('Chosen time');
  await page.keyboard.press('t');
  for (const text of ['3', 'at 3', '3pm']) {
    await page.keyboard.press('Control+A');
    await page.keyboard.type(text);
    await expect(chosen).toContainText('Their time: Wed, Mar 4, 3:00 PM EST');
  }
  await page.keyboard.press('Control+A');
  await page.keyboard.type('next year');
  await expect(chosen).toContainText('Their time: Thu, Mar 4, 2027, 12:00 PM EST');
  await expect(chosen).toContainText('Your time: Thu, Mar 4, 2027, 6:00 PM GMT+1');
  await shootScreen(page, '82-times-next-year', { fullPage: true, noSideways: true });
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Ben Test')).toBeVisible();
  expect(await savedCall(ana)).toMatchObject({ outcome: 'callback_requested', callbackAt: '2027-03-04T17:00:00.000Z' });
});
