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
  await expect(picks.getByRole('button', { name: /Later today/ })).toContainText('4:00 PM EST');
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

/** Every control of the open details form, the chosen time's lines and the warning: drawn whole
 *  inside the window and not covered or clipped (the points at each one's centre and corners are
 *  its own), with nothing scrolled to reach them; names what is not. */
async function formOutOfView(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const form = document.querySelector('form.detail-form-panel');
    if (!form) return ['no details form open'];
    const found: string[] = [];
    const parts = form.querySelectorAll('button, input, legend, .both-zones, .time-warning');
    for (const el of parts) {
      const box = el.getBoundingClientRect();
      const name = `${el.tagName.toLowerCase()} "${(el.textContent || (el as HTMLInputElement).value || el.getAttribute('aria-label') || '').trim().slice(0, 30)}"`;
      if (box.top < 0 || box.left < 0 || box.bottom > window.innerHeight || box.right > window.innerWidth) {
        found.push(`${name} at ${Math.round(box.top)}–${Math.round(box.bottom)} of ${window.innerHeight}`);
        continue;
      }
      // Its centre and (just inside) its corners: a toast over the bottom of Save covers it.
      const inset = Math.min(2, box.width / 4, box.height / 4);
      const points = [
        [box.left + box.width / 2, box.top + box.height / 2],
        [box.left + inset, box.top + inset],
        [box.right - inset, box.top + inset],
        [box.left + inset, box.bottom - inset],
        [box.right - inset, box.bottom - inset],
      ] as const;
      for (const [x, y] of points) {
        const hit = document.elementFromPoint(x, y);
        if (!hit || !(hit === el || el.contains(hit) || hit.contains(el))) {
          found.push(`${name}: covered or clipped at (${Math.round(x)}, ${Math.round(y)}) by ${hit ? `${hit.tagName.toLowerCase()}.${String(hit.className)}` : 'nothing'}`);
          break;
        }
      }
    }
    for (const box of [form.closest('.dispositions'), document.querySelector('.app-main')]) {
      if (box && box.scrollTop > 0) found.push(`${box.className} is scrolled`);
      if (box && box.scrollHeight > box.clientHeight + 1) found.push(`${box.className} scrolls (${box.scrollHeight} in ${box.clientHeight})`);
    }
    return found;
  });
}

test('the callback and advance forms fit at 1024×640 and 1920×1080: every control, the time line and Save in view without scrolling', async ({ page, desk }) => {
  const ana = await onTheCall(desk, page);
  // An overdue promise: its line sits above the call screen, taking height from it.
  await invokeCore(preview!, 'promises.add', { contactId: ana, what: 'send the price list', dueAt: '2026-03-04T16:00:00Z' });
  await expect(page.getByText(/send the price list/).first()).toBeVisible();
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.keyboard.press('9');
  const callback = page.getByRole('form', { name: 'Callback requested: details' });
  await page.keyboard.press('t');
  // The tallest the form gets: a time chosen, in both zones, with the outside-hours warning.
  await page.keyboard.type('10pm');
  // 22:00 in New York on Wednesday 4 March (EST, UTC−5) is 03:00 UTC on the 5th, 04:00 in Berlin.
  await expect(callback.getByLabel('Chosen time')).toContainText('Their time: Wed, Mar 4, 10:00 PM EST');
  await expect(callback.getByLabel('Chosen time')).toContainText('Your time: Thu, Mar 5, 4:00 AM GMT+1');
  await expect(callback.getByRole('alert')).toContainText('Outside their calling hours');
  const save = callback.getByRole('button', { name: /^Save callback requested/ });
  for (const size of [
    { width: 1024, height: 640 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    const box = (await save.boundingBox())!;
    expect(box.y, `${size.width}×${size.height}: Save's top`).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height, `${size.width}×${size.height}: Save's bottom`).toBeLessThanOrEqual(size.height);
    await expect(save).toBeInViewport({ ratio: 1 });
    await expect(callback.getByText(/^Their time:/)).toBeInViewport({ ratio: 1 });
    await expect(callback.getByText(/^Your time:/)).toBeInViewport({ ratio: 1 });
    expect(await formOutOfView(page), `${size.width}×${size.height}`).toEqual([]);
  }
  await shootScreen(page, '83-callback-form-fits', { noSideways: true });
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Ben Test')).toBeVisible();
  expect(await savedCall(ana)).toMatchObject({ outcome: 'callback_requested', callbackAt: '2026-03-05T03:00:00.000Z' });

  // The advance's form has the next step above the same time fields.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await page.keyboard.press('6');
  const advance = page.getByRole('form', { name: 'Advance: details' });
  await page.keyboard.type('Demo with their CFO');
  await page.keyboard.press('Tab');
  await page.keyboard.press('t');
  await page.keyboard.type('10pm');
  await expect(advance.getByRole('alert')).toContainText('Outside their calling hours');
  for (const size of [
    { width: 1024, height: 640 },
    { width: 1920, height: 1080 },
  ]) {
    await page.setViewportSize(size);
    await expect(advance.getByRole('button', { name: /^Save advance/ })).toBeInViewport({ ratio: 1 });
    expect(await formOutOfView(page), `advance at ${size.width}×${size.height}`).toEqual([]);
  }
  await shootScreen(page, '84-advance-form-fits', { noSideways: true });
});
