import { expect, test, type Locator } from '@playwright/test';
import { advanceClock, invokeCore, lateTaskAndCallback, makeDataDir, screenshotPath, startPreview, type RunningPreview } from './preview';

// The due strip in a narrow window keeps each item to what it is, whose, when (the lead's clock)
// and how late; the full line (with the rep's time) stays in its accessible name and tooltip, and
// a wide window shows the full line.

let preview: RunningPreview | undefined;
test.afterEach(async () => {
  await preview?.stop();
});

/** A row kept to one line, as drawn: whether its items shown are all on one line and its "and N
 *  more" hint beside its label, how many items (`item`: their class) are shown, and the hint
 *  (null when none). */
function oneLine(container: Locator, item: string): Promise<{ onOneLine: boolean; shown: number; more: string | null }> {
  return container.evaluate((el, itemClass) => {
    const drawn = (child: HTMLElement | null) => (child && child.offsetParent !== null ? child : null);
    const items = [...el.querySelectorAll<HTMLElement>(`.${itemClass}`)].filter((child) => drawn(child));
    const more = drawn(el.querySelector<HTMLElement>('[data-one-line="more"]'));
    const middle = (box: DOMRect) => box.top + box.height / 2;
    const label = (el.firstElementChild as HTMLElement).getBoundingClientRect();
    const top = items[0]?.getBoundingClientRect().top ?? 0;
    return {
      onOneLine: items.every((child) => Math.abs(child.getBoundingClientRect().top - top) < 2) && (!more || Math.abs(middle(more.getBoundingClientRect()) - middle(label)) < 4),
      shown: items.length,
      more: more?.textContent?.trim() ?? null,
    };
  }, item);
}

/** A desk in New York set up (stopped after the test), and Jo Tremblay, a lead there. */
async function deskWithJo(): Promise<{ desk: RunningPreview; jo: { id: number } }> {
  const desk = await startPreview(makeDataDir());
  preview = desk;
  await invokeCore(desk, 'settings.update', { defaultCountry: 'US', defaultTimeZone: 'America/New_York', repName: 'Sam Reed', repPhone: '(212) 555-0143' });
  await invokeCore(desk, 'settings.confirm', {});
  return { desk, jo: await invokeCore<{ id: number }>(desk, 'contacts.add', { firstName: 'Jo', lastName: 'Tremblay', company: 'Q&A #1 Ltd', phone: '+1 212 555 0143' }) };
}

test('due items are compact at 1024×640 and in full at 1920×1080, in both themes, and still say what, whose, when and how late', async ({ page }) => {
  test.setTimeout(120_000);
  const { desk, jo } = await deskWithJo();
  const ben = await invokeCore<{ id: number }>(desk, 'contacts.add', { firstName: 'Ben', lastName: 'Callback', company: 'Brightline', phone: '+1 212 555 0992' });
  // Jo's email task due 12:00 in New York, Ben's callback 12:30; at 20:05 UTC the callback is
  // 2 h 35 min late, the task 3 h 5 min.
  await lateTaskAndCallback(desk, jo.id, ben.id);

  for (const theme of ['light', 'dark'] as const) {
    await invokeCore(desk, 'settings.update', { theme });
    await page.setViewportSize({ width: 1024, height: 640 });
    await page.goto(desk.url);
    const strip = page.getByRole('region', { name: 'Due now' });
    const callback = strip.getByRole('button', { name: /^Callback: Ben Callback/ });
    const task = strip.getByRole('button', { name: /^Email.*: Jo Tremblay/ });
    // Narrow: kind, name, their time with its zone, lateness; no "promised for", no rep's time.
    await expect(task).toHaveText(/^Email[^·]*\s·\sJo\sTremblay\s·\s12:00\sPM\sEST\s·\s3\sh\s5\smin\slate$/);
    // Short: one line, so the screen below keeps its room. What does not fit whole on it is not
    // shown, and counted: the items shown and "and N more" make the 2 due.
    const line = await oneLine(strip.locator('.due-now'), 'due-item');
    expect(line.onOneLine).toBe(true);
    expect(line.more).toBe(line.shown === 2 ? null : `and ${2 - line.shown} more`);
    // The task (due first) and the callback are too long together at 1024.
    expect(line.shown).toBe(1);
    await expect(callback).toBeHidden();
    await page.screenshot({ path: screenshotPath(`due-strip-1024x640-${theme}`) });
    // A little wider, both fit on the line: measured again as the window grows.
    await page.setViewportSize({ width: 1279, height: 640 });
    await expect(callback).toHaveText('Callback · Ben Callback · 12:30 PM EST · 2 h 35 min late');
    expect(await oneLine(strip.locator('.due-now'), 'due-item')).toEqual({ onOneLine: true, shown: 2, more: null });
    // The full line is still its name (screen readers) and its tooltip, with the rep's time.
    await expect(callback).toHaveAccessibleName('Callback: Ben Callback · promised for 12:30 PM EST · 5:30 PM UTC yours, 2 h 35 min late');
    // A time keeps together (no-break spaces inside it), in its title as on the line.
    await expect(callback).toHaveAttribute('title', 'Callback: Ben Callback · promised for 12:30\u00a0PM\u00a0EST · 5:30\u00a0PM\u00a0UTC\u00a0yours, 2 h 35 min late');
    // No item runs out of its box, nor the strip out of the window.
    const fits = await strip.evaluate((el) => el.scrollWidth <= el.clientWidth && [...el.querySelectorAll('.due-item')].every((item) => item.scrollWidth <= item.clientWidth + 1));
    expect(fits).toBe(true);
    await page.screenshot({ path: screenshotPath(`due-strip-1279x640-${theme}`) });

    // Wide: the full line, as before.
    await page.setViewportSize({ width: 1920, height: 1080 });
    await expect(callback).toHaveText('Callback: Ben Callback · promised for 12:30 PM EST · 5:30 PM UTC yours, 2 h 35 min late');
    await expect(task).toContainText('Jo Tremblay · due 12:00 PM EST · 5:00 PM UTC yours, 3 h 5 min late');
    await page.screenshot({ path: screenshotPath(`due-strip-1920x1080-${theme}`) });
  }
});

// The row is measured again when a shown item's own text grows (its lateness, each minute), not
// only when the window's width changes: an item that no longer fits whole leaves the line.
test('a due item whose lateness grows is measured again: what no longer fits whole on the line leaves it, counted', async ({ page }) => {
  test.setTimeout(120_000);
  const { desk, jo } = await deskWithJo();
  const ben = await invokeCore<{ id: number }>(desk, 'contacts.add', { firstName: 'Ben', lastName: 'Callback', company: 'Brightline', phone: '+1 212 555 0992' });
  await lateTaskAndCallback(desk, jo.id, ben.id);
  // 21:00 UTC: the task (due 17:00 UTC) exactly "4 h late", the callback "3 h 30 min late".
  await advanceClock(desk, 55 * 60_000);
  let width = 1279;
  await page.setViewportSize({ width, height: 640 });
  await page.goto(desk.url);
  const dueNow = page.getByRole('region', { name: 'Due now' }).locator('.due-now');
  const task = dueNow.getByRole('button', { name: /^Email.*: Jo Tremblay/ });
  await expect(task).toHaveText(/ · 4 h late$/);
  expect(await oneLine(dueNow, 'due-item')).toEqual({ onOneLine: true, shown: 2, more: null });
  // Narrow the window 8 px at a time to the first width where both no longer fit, then back one
  // step: both fit, with less than 8 px to spare.
  // (Two frames after each resize: the row is measured again in a ResizeObserver, before paint.)
  const settled = () => page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  while ((await oneLine(dueNow, 'due-item')).shown === 2) {
    width -= 8;
    await page.setViewportSize({ width, height: 640 });
    await settled();
  }
  width += 8;
  await page.setViewportSize({ width, height: 640 });
  await expect.poll(() => oneLine(dueNow, 'due-item')).toEqual({ onOneLine: true, shown: 2, more: null });
  const stripWidth = await dueNow.evaluate((el) => el.getBoundingClientRect().width);
  // A minute on, "4 h late" says "4 h 1 min late": the items are wider, the window is not.
  await advanceClock(desk, 60_000);
  await expect(task).toHaveText(/ · 4 h 1 min late$/);
  await expect.poll(() => oneLine(dueNow, 'due-item')).toEqual({ onOneLine: true, shown: 1, more: 'and 1 more' });
  expect(await dueNow.evaluate((el) => el.getBoundingClientRect().width)).toBe(stripWidth);
});

// Overdue promises ran onto two and three lines at 1024×640, pushing the screen below down; they
// keep to one line as the due items do, the rest counted.
test('overdue promises keep to one line in a short window: those that fit whole, and how many more', async ({ page }) => {
  test.setTimeout(120_000);
  const { desk, jo } = await deskWithJo();
  const promised = ['send the revised price list for all twelve seats', 'ask finance about the payment terms for next year', 'book the onboarding call with their operations lead'];
  // Due an hour before the preview's clock (17:00 UTC): all three overdue at once.
  for (const what of promised) await invokeCore(desk, 'promises.add', { contactId: jo.id, what, dueAt: '2026-03-04T16:00:00Z' });
  // Only the promises are due (their reminder tasks, left out): the strip shows them, and no
  // "Due now" row.
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.goto(desk.url);
  await expect(page.getByRole('alert', { name: 'Overdue promises' })).toContainText(`${promised.length} promises overdue:`);
  await expect(page.getByRole('region', { name: 'Due now' }).locator('.due-now')).toHaveCount(0);
  // Two more, marked broken: each leaves a call task due now ("call them first and say so"),
  // longer than the line at 1024.
  const broken = ['call the depot about the twelve pallets that never arrived', 'send the signed order form back to their purchasing team'];
  for (const what of broken) {
    const made = await invokeCore<{ id: number }>(desk, 'promises.add', { contactId: jo.id, what, dueAt: '2026-03-04T16:00:00Z' });
    await invokeCore(desk, 'promises.break', { id: made.id });
  }

  for (const theme of ['light', 'dark'] as const) {
    await invokeCore(desk, 'settings.update', { theme });
    await page.setViewportSize({ width: 1024, height: 640 });
    await page.goto(desk.url);
    const overdue = page.getByRole('alert', { name: 'Overdue promises' });
    await expect(overdue).toContainText(`${promised.length} promises overdue:`);
    await expect(overdue.getByRole('button', { name: new RegExp(promised[0]!) })).toBeVisible();
    const line = await oneLine(overdue, 'promise-overdue-item');
    expect(line.onOneLine).toBe(true);
    // Three of these are too long for one line at 1024: some are left off, and counted.
    expect(line.shown).toBeLessThan(promised.length);
    expect(line.more).toBe(`and ${promised.length - line.shown} more`);
    // Each overdue promise is named once, in red: its reminder task is not in "Due now" too.
    const dueNow = page.getByRole('region', { name: 'Due now' }).locator('.due-now');
    await expect(dueNow.locator('.due-count')).toHaveText(String(broken.length));
    await expect(dueNow.getByRole('button', { name: /Promise to/ })).toHaveCount(0);
    // The broken ones' call tasks are longer than the line: the first wraps its own text beside
    // the label, and "and 1 more" stays on the label's line.
    expect(await oneLine(dueNow, 'due-item')).toEqual({ onOneLine: true, shown: 1, more: `and ${broken.length - 1} more` });
    await page.screenshot({ path: screenshotPath(`due-strip-promises-1024x640-${theme}`) });
    // A tall window names them all, on as many lines as they take.
    await page.setViewportSize({ width: 1920, height: 1080 });
    for (const what of promised) await expect(overdue.getByRole('button', { name: new RegExp(what) })).toBeVisible();
    expect((await oneLine(overdue, 'promise-overdue-item')).more).toBeNull();
    await expect(dueNow.getByRole('button', { name: /Promise to/ })).toHaveCount(0);
    for (const what of broken) await expect(dueNow.getByRole('button', { name: new RegExp(`^Promise broken \\(${what}\\)`) })).toBeVisible();
    await page.screenshot({ path: screenshotPath(`due-strip-promises-1920x1080-${theme}`) });
  }
});
