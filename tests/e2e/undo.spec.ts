import { expect, test, type Page } from '@playwright/test';
import { advanceClock, invokeCore, makeDataDir, screenshotPath, startPreview, type RunningPreview } from './preview';
import { shootScreen } from './shots';

// Undo, keyboard only: each of D, 0, 7, 6 and 9 logged on the call screen and undone with Ctrl+Z;
// the lead is back in the queue where it was, the do-not-call entry, the dud, the next step and
// the callback are gone, the call stays in the log marked undone. A do-not-call asks first, and
// after its window (10 minutes) is refused with the reason. Fake clock: Wednesday 4 March 2026,
// 12:00 in New York.

let preview: RunningPreview | undefined;
test.afterEach(async () => {
  await preview?.stop();
});

interface Entry {
  contact: { id: number };
  tier: string;
}
interface CallRow {
  id: number;
  outcome: string | null;
  undoneAt: string | null;
}

const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });
const queueOrder = async (p: RunningPreview) => (await invokeCore<{ entries: Entry[] }>(p, 'queue.list', {})).entries.map((e) => e.contact.id);
const callsOf = async (p: RunningPreview, contactId: number) => (await invokeCore<{ calls: CallRow[] }>(p, 'calls.search', { contactId })).calls;

/** From the queue with Ana first: open her, dial, key the outcome (and its details). */
async function logOnAna(page: Page, key: string, details?: () => Promise<void>) {
  await page.keyboard.press('Alt+Q');
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option').first()).toContainText('Ana Silva');
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Ana Silva')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await page.keyboard.press(key);
  if (details) await details();
  await expect(heading(page, 'Ben Ode')).toBeVisible();
}

test('D, 0, 7, 6 and 9 undone with Ctrl+Z: the lead back where it was, what the outcome made gone, the call marked undone', async ({ page }) => {
  preview = await startPreview(makeDataDir());
  await invokeCore(preview, 'settings.update', { defaultCountry: 'US', defaultTimeZone: 'America/New_York' });
  await invokeCore(preview, 'settings.confirm', {});
  const ana = (await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: 'Ana', lastName: 'Silva', company: 'Acme', phone: '+1 212 555 0101' })).id;
  await invokeCore(preview, 'contacts.add', { firstName: 'Ben', lastName: 'Ode', company: 'Brightline', phone: '+1 212 555 0102' });
  await invokeCore(preview, 'contacts.add', { firstName: 'Cy', lastName: 'Lee', company: 'Corvid', phone: '+1 212 555 0103' });
  await page.goto(preview.url);
  const before = await queueOrder(preview);
  expect(before[0]).toBe(ana);
  const toast = page.getByLabel('Undo', { exact: true });

  // D: asks first (the number would go back on the calling list), then undone.
  await logOnAna(page, 'd');
  await expect(toast).toHaveText('Logged: Do not call — Ctrl+Z to undo');
  await page.screenshot({ path: screenshotPath('60-undo-toast'), fullPage: true });
  await page.keyboard.press('Control+z');
  const confirm = page.getByRole('alertdialog', { name: 'Undo do-not-call?' });
  await expect(confirm).toContainText('Undo "Do not call"? +1 212 555 0101 comes off the do-not-call list');
  await page.screenshot({ path: screenshotPath('61-undo-confirm'), fullPage: true });
  await page.keyboard.press('y');
  await expect(toast).toHaveText('Undone: Do not call for Ana Silva — back as before.');
  expect(await invokeCore<unknown[]>(preview, 'dnc.list', {})).toEqual([]);
  expect(await queueOrder(preview)).toEqual(before);
  expect((await callsOf(preview, ana))[0]).toMatchObject({ outcome: 'do_not_call', undoneAt: '2026-03-04T17:00:00.000Z' });
  // The log says so.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+L');
  await expect(page.getByRole('listbox', { name: 'Call log' })).toContainText('Do not call (undone)');

  // 0: the dud is a lead again.
  await logOnAna(page, '0');
  await expect(toast).toHaveText('Logged: Wrong number — Ctrl+Z to undo');
  await page.keyboard.press('Control+z');
  await expect(toast).toHaveText('Undone: Wrong number for Ana Silva — back as before.');
  expect((await invokeCore<{ contact: { status: string } }>(preview, 'contacts.get', { id: ana })).contact.status).toBe('active');
  expect(await queueOrder(preview)).toEqual(before);

  // 7: the closed lead is open again.
  await page.keyboard.press('Escape');
  await logOnAna(page, '7');
  await page.keyboard.press('Control+z');
  await expect(toast).toHaveText('Undone: Conversion for Ana Silva — back as before.');
  expect(await queueOrder(preview)).toEqual(before);

  // 6: the next step (a callback in the queue, on Upcoming) is gone.
  await page.keyboard.press('Escape');
  await logOnAna(page, '6', async () => {
    await expect(page.getByLabel('Next step (the next up-front contract)')).toBeFocused();
    await page.keyboard.type('Demo with their CFO');
    await page.keyboard.press('Tab');
    await page.keyboard.type('03102026');
    await page.keyboard.press('Tab');
    await page.keyboard.type('1000AM');
    await page.keyboard.press('Enter');
  });
  expect(JSON.stringify(await invokeCore(preview, 'due.upcoming', { hours: 168 }))).toContain('Demo with their CFO');
  expect(await queueOrder(preview)).not.toContain(ana);
  await page.keyboard.press('Control+z');
  await expect(toast).toHaveText('Undone: Advance for Ana Silva — back as before.');
  expect(await queueOrder(preview)).toEqual(before);
  expect(JSON.stringify(await invokeCore(preview, 'due.upcoming', { hours: 168 }))).not.toContain('Demo with their CFO');

  // 9: the promised callback is gone.
  await page.keyboard.press('Escape');
  await logOnAna(page, '9', async () => {
    await page.keyboard.type('03042026');
    await page.keyboard.press('Tab');
    await page.keyboard.type('0300PM');
    await page.keyboard.press('Enter');
  });
  expect(JSON.stringify(await invokeCore(preview, 'due.upcoming', {}))).toContain('callback promised');
  await page.keyboard.press('Control+z');
  await expect(toast).toHaveText('Undone: Callback requested for Ana Silva — back as before.');
  expect(await queueOrder(preview)).toEqual(before);
  expect(JSON.stringify(await invokeCore(preview, 'due.upcoming', {}))).not.toContain('callback promised');
  expect((await callsOf(preview, ana)).map((c) => [c.outcome, c.undoneAt !== null])).toEqual([
    ['callback_requested', true],
    ['advance', true],
    ['conversion', true],
    ['wrong_number', true],
    ['do_not_call', true],
  ]);

  // D again, and 11 minutes pass: refused with the reason; the number stays listed.
  await page.keyboard.press('Escape');
  await logOnAna(page, 'd');
  await advanceClock(preview, 11 * 60_000);
  await page.keyboard.press('Control+z');
  await expect(page.getByRole('alert').filter({ hasText: 'Not undone' })).toHaveText(
    'Not undone: A do-not-call can only be undone within 10 minutes of logging it; this one was logged 11 minutes ago, so +1 212 555 0101 stays on the do-not-call list.',
  );
  await page.screenshot({ path: screenshotPath('62-undo-refused'), fullPage: true });
  expect(await invokeCore<{ e164: string }[]>(preview, 'dnc.list', {})).toEqual([expect.objectContaining({ e164: '+12125550101' })]);
});

test('after a reload Ctrl+Z offers the last disposition the core can still undo, named, and Y undoes it; then "Nothing to undo"', async ({ page }) => {
  preview = await startPreview(makeDataDir());
  await invokeCore(preview, 'settings.update', { defaultCountry: 'US', defaultTimeZone: 'America/New_York' });
  await invokeCore(preview, 'settings.confirm', {});
  const ana = (await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: 'Ana', lastName: 'Silva', company: 'Acme', phone: '+1 212 555 0101' })).id;
  await invokeCore(preview, 'contacts.add', { firstName: 'Ben', lastName: 'Ode', company: 'Brightline', phone: '+1 212 555 0102' });
  await page.goto(preview.url);
  const before = await queueOrder(preview);
  const toast = page.getByLabel('Undo', { exact: true });
  const offer = page.getByRole('alertdialog', { name: 'Undo the last disposition?' });

  // 9 on Ana (a callback tomorrow), then the window is reloaded: the page's own list is gone.
  await logOnAna(page, '9', async () => {
    await page.keyboard.press('3');
    await page.keyboard.press('Enter');
  });
  expect(await queueOrder(preview)).not.toEqual(before);
  await page.reload();
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option').first()).toBeVisible();
  await page.keyboard.press('Control+z');
  // Logged at the preview's clock, 12:00 in New York (the page's zone is UTC here: 5:00 PM).
  await expect(offer.getByRole('paragraph')).toHaveText(
    'Undo the last disposition you logged, Callback requested for Ana Silva at 5:00 PM UTC? The lead goes back as it was before it. The call stays in the log, marked undone.',
  );
  await shootScreen(page, '63-undo-after-reload', { noSideways: true });
  // Esc keeps it.
  await page.keyboard.press('Escape');
  await expect(offer).toHaveCount(0);
  expect((await callsOf(preview, ana))[0]).toMatchObject({ outcome: 'callback_requested', undoneAt: null });
  await page.keyboard.press('Control+z');
  await expect(offer).toBeVisible();
  await page.keyboard.press('y');
  await expect(toast).toHaveText('Undone: Callback requested for Ana Silva — back as before.');
  expect((await callsOf(preview, ana))[0]).toMatchObject({ outcome: 'callback_requested', undoneAt: '2026-03-04T17:00:00.000Z' });
  expect(await queueOrder(preview)).toEqual(before);
  expect(JSON.stringify(await invokeCore(preview, 'due.upcoming', {}))).not.toContain('callback promised');

  // Nothing else can be undone: said so.
  await page.keyboard.press('Control+z');
  await expect(offer).toHaveCount(0);
  await expect(toast).toHaveText('Nothing to undo: no recent disposition can still be undone.');
  await shootScreen(page, '64-nothing-to-undo', { noSideways: true });

  // A do-not-call, reloaded: the offer says the number comes off the list; its Y is the one
  // confirmation. Past its window (10 minutes) it is not offered.
  await logOnAna(page, 'd');
  await page.reload();
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option').first()).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(offer.getByRole('paragraph')).toContainText('Do not call for Ana Silva at 5:00 PM UTC? +1 212 555 0101 comes off the do-not-call list and the lead goes back into the queue.');
  await page.keyboard.press('y');
  await expect(toast).toHaveText('Undone: Do not call for Ana Silva — back as before.');
  expect(await invokeCore<unknown[]>(preview, 'dnc.list', {})).toEqual([]);
  expect(await queueOrder(preview)).toEqual(before);
  await logOnAna(page, 'd');
  await advanceClock(preview, 11 * 60_000);
  await page.reload();
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option').first()).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(toast).toHaveText('Nothing to undo: no recent disposition can still be undone.');
  expect(await invokeCore<{ e164: string }[]>(preview, 'dnc.list', {})).toEqual([expect.objectContaining({ e164: '+12125550101' })]);
});
