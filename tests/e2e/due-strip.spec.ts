import { expect, test, type Locator } from '@playwright/test';
import { advanceClock, invokeCore, makeDataDir, screenshotPath, startPreview, type RunningPreview } from './preview';

// The due strip in a narrow window keeps each item to what it is, whose, when (the lead's clock)
// and how late; the full line (with the rep's time) stays in its accessible name and tooltip, and
// a wide window shows the full line.

let preview: RunningPreview | undefined;

/** The "Due now" row as drawn: whether everything shown sits on the label's line, how many items
 *  are shown, and the "and N more" hint (null when there is none). */
function oneLine(strip: Locator): Promise<{ onOneLine: boolean; shown: number; more: string | null }> {
  return strip.locator('.due-now').evaluate((row) => {
    const label = row.firstElementChild as HTMLElement;
    const drawn = [...row.children].filter((child) => (child as HTMLElement).offsetParent !== null) as HTMLElement[];
    const more = drawn.find((child) => child.classList.contains('hint'));
    return {
      onOneLine: drawn.every((child) => child.offsetTop < label.offsetTop + label.offsetHeight),
      shown: drawn.filter((child) => child.classList.contains('due-item')).length,
      more: more?.textContent ?? null,
    };
  });
}
test.afterEach(async () => {
  await preview?.stop();
});

test('due items are compact at 1024×640 and in full at 1920×1080, in both themes, and still say what, whose, when and how late', async ({ page }) => {
  test.setTimeout(120_000);
  preview = await startPreview(makeDataDir());
  await invokeCore(preview, 'settings.update', { defaultCountry: 'US', defaultTimeZone: 'America/New_York', repName: 'Sam Reed', repPhone: '(212) 555-0143' });
  await invokeCore(preview, 'settings.confirm', {});
  const jo = await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: 'Jo', lastName: 'Tremblay', company: 'Q&A #1 Ltd', phone: '+1 212 555 0143' });
  const ben = await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: 'Ben', lastName: 'Callback', company: 'Brightline', phone: '+1 212 555 0992' });
  // Jo: a voicemail, so an email task falls due at once (17:00 UTC, 12:00 in New York). Ben: a
  // callback promised for 17:30 UTC (12:30 in New York).
  const first = await invokeCore<{ id: number }>(preview, 'calls.dial', { contactId: jo.id });
  await invokeCore(preview, 'calls.log', { callId: first.id, outcome: 'voicemail_left' });
  const second = await invokeCore<{ id: number }>(preview, 'calls.dial', { contactId: ben.id });
  await invokeCore(preview, 'calls.log', { callId: second.id, outcome: 'callback_requested', callbackAt: '2026-03-04T17:30:00Z' });
  // 20:05 UTC: the callback is 2 h 35 min late, the task 3 h 5 min.
  await advanceClock(preview, (3 * 60 + 5) * 60_000);

  for (const theme of ['light', 'dark'] as const) {
    await invokeCore(preview, 'settings.update', { theme });
    await page.setViewportSize({ width: 1024, height: 640 });
    await page.goto(preview.url);
    const strip = page.getByRole('region', { name: 'Due now' });
    const callback = strip.getByRole('button', { name: /^Callback: Ben Callback/ });
    const task = strip.getByRole('button', { name: /^Email.*: Jo Tremblay/ });
    // Narrow: kind, name, their time with its zone, lateness; no "promised for", no rep's time.
    await expect(task).toHaveText(/^Email[^·]* · Jo Tremblay · 12:00 PM EST · 3 h 5 min late$/);
    // Short: one line, so the screen below keeps its room. What does not fit whole on it is not
    // shown, and counted: the items shown and "and N more" make the 2 due.
    const line = await oneLine(strip);
    expect(line.onOneLine).toBe(true);
    expect(line.more).toBe(line.shown === 2 ? null : `and ${2 - line.shown} more`);
    // The task (due first) and the callback are too long together at 1024.
    expect(line.shown).toBe(1);
    await expect(callback).toBeHidden();
    await page.screenshot({ path: screenshotPath(`due-strip-1024x640-${theme}`) });
    // A little wider, both fit on the line: measured again as the window grows.
    await page.setViewportSize({ width: 1279, height: 640 });
    await expect(callback).toHaveText('Callback · Ben Callback · 12:30 PM EST · 2 h 35 min late');
    expect(await oneLine(strip)).toEqual({ onOneLine: true, shown: 2, more: null });
    // The full line is still its name (screen readers) and its tooltip, with the rep's time.
    await expect(callback).toHaveAccessibleName('Callback: Ben Callback · promised for 12:30 PM EST · 5:30 PM UTC yours, 2 h 35 min late');
    await expect(callback).toHaveAttribute('title', 'Callback: Ben Callback · promised for 12:30 PM EST · 5:30 PM UTC yours, 2 h 35 min late');
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
