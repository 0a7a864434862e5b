import { expect, test, type Page } from '@playwright/test';
import { advanceClock, confirmedPreview, dialled, invokeCore, type RunningPreview } from './preview';
import { shootScreen } from './shots';

// The redial loop's keys pressed fast, as a rep at hour six does: `2` (still engaged) then `Enter`
// (redial now) at once. The dial is the loop's next attempt, which then waits for the rep's
// answer: the panel says so, not the countdown the engaged had just shown.

let preview: RunningPreview | undefined;
test.afterEach(async () => {
  await preview?.stop();
  preview = undefined;
});

const name = (page: Page) => page.locator('#contact-name');

/** Ana and Ben in the queue; Ana opened from it and dialled, by keyboard. */
async function onTheCallWithAna(page: Page): Promise<RunningPreview> {
  const running = await confirmedPreview();
  preview = running;
  for (const [first, phone] of [['Ana', '+1 212 555 0101'], ['Ben', '+1 212 555 0102']] as const) {
    await invokeCore(running, 'contacts.add', { firstName: first, lastName: 'Silva', company: `${first} Co`, phone });
  }
  await page.goto(running.url);
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option').first()).toContainText('Ana Silva');
  await page.keyboard.press('Enter');
  await expect(name(page)).toHaveText('Ana Silva');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  return running;
}

test('2 then Enter at once: the panel shows the attempt dialled and waiting, not a countdown that never fires', async ({ page }) => {
  await onTheCallWithAna(page);
  await page.keyboard.press('2');
  const loop = page.getByRole('status', { name: 'Redial loop' });
  await expect(loop).toBeVisible();
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await dialled(preview!)).length).toBe(2);
  await expect(loop).toContainText('Attempt 2 dialled');
  await expect(loop).not.toContainText('Redialling in');
});

test('2 then Ctrl+Z: the engaged undone, the loop and its "redial loop is on" line go together', async ({ page }) => {
  await onTheCallWithAna(page);
  await page.keyboard.press('2');
  const loop = page.getByRole('status', { name: 'Redial loop' });
  await expect(loop).toBeVisible();
  await expect(page.getByText('The redial loop is on.')).toBeVisible();
  await page.keyboard.press('Control+z');
  await expect(page.getByLabel('Undo', { exact: true })).toContainText('Undone: Engaged for Ana Silva');
  await expect(loop).toHaveCount(0);
  await expect(page.getByText('The redial loop is on.')).toHaveCount(0);
});

for (const size of [{ width: 1024, height: 640 }, { width: 1920, height: 1080 }]) {
  test(`${size.width}×${size.height}: the undo toast after a disposition covers no disposition key or hint`, async ({ page }) => {
    await page.setViewportSize(size);
    await onTheCallWithAna(page);
    await page.keyboard.press('2');
    const toast = page.getByLabel('Undo', { exact: true });
    await expect(toast).toBeVisible();
    const covered = await page.evaluate(() => {
      const t = document.querySelector('.toast')!.getBoundingClientRect();
      return [...document.querySelectorAll<HTMLElement>('.disposition, .key-hints .key-hint, .dispositions .hint')]
        .filter((b) => {
          const r = b.getBoundingClientRect();
          return r.width > 0 && r.left < t.right && r.right > t.left && r.top < t.bottom && r.bottom > t.top;
        })
        .map((b) => b.innerText.replace(/\n/g, ' '));
    });
    expect(covered).toEqual([]);
    if (size.width === 1024) await shootScreen(page, 'call-undo-toast');
  });
}

test('a loop that runs out says so on the call screen, not only by its panel going', async ({ page }) => {
  await onTheCallWithAna(page);
  const { queue } = await invokeCore<{ queue: Record<string, unknown> }>(preview!, 'settings.get', {});
  await invokeCore(preview!, 'settings.update', { queue: { ...queue, redialLimitMinutes: 1 } });
  await page.keyboard.press('2');
  const loop = page.getByRole('status', { name: 'Redial loop', exact: true });
  await expect(loop).toBeVisible();
  // Attempt 2 after 30 s, confirmed engaged at once; then the minute is up.
  await advanceClock(preview!, 30_000);
  await expect(loop).toContainText('Attempt 2 dialled');
  await page.keyboard.press('2');
  await advanceClock(preview!, 31_000);
  await expect(loop).toHaveCount(0);
  const ended = page.getByRole('status', { name: 'Redial loop ended' });
  await expect(ended).toContainText('The redial loop ended after 2 attempts');
  await expect(ended).toContainText('its 1 minute ran out');
  await shootScreen(page, 'call-redial-ended');
});
