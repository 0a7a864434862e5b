import { expect, test, type Page } from '@playwright/test';
import { advanceClock, dialled, invokeCore, makeDataDir, screenshotPath, startPreview, type RunningPreview } from './preview';

// Power-dial mode (issue #13, point 6), on the preview's fake clock (it moves only when the test
// moves it): after a disposition the next lead is dialled after a visible countdown; Space pauses,
// Esc stops; a dialog pauses it; never a lead outside its hours; off by default.

let preview: RunningPreview | undefined;
test.afterEach(async () => {
  await preview?.stop();
});

const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });

async function setUp(page: Page, powerDial: boolean): Promise<RunningPreview> {
  preview = await startPreview(makeDataDir());
  await invokeCore(preview, 'settings.update', { defaultCountry: 'US', defaultTimeZone: 'America/New_York', repName: 'Sam Reed', repPhone: '(212) 555-0143' });
  if (powerDial) await invokeCore(preview, 'settings.update', { powerDial: { enabled: true, countdownSeconds: 3 } });
  await invokeCore(preview, 'settings.confirm', {});
  for (const [first, phone] of [
    ['Ana', '+1 212 555 0801'],
    ['Ben', '+1 212 555 0802'],
    ['Cy', '+1 212 555 0803'],
    ['Di', '+1 212 555 0804'],
  ] as const)
    await invokeCore(preview, 'contacts.add', { firstName: first, lastName: 'Power', company: `${first} Co`, phone });
  await page.goto(preview.url);
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(4);
  return preview;
}

test('power dial: the next lead is dialled after a 3 s countdown; Space pauses, a dialog pauses, Esc stops', async ({ page }) => {
  const running = await setUp(page, true);
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Ana Power')).toBeVisible();
  // Opened from the queue: no countdown, Enter dials.
  await expect(page.getByRole('status', { name: 'Power dial' })).toHaveCount(0);
  await page.keyboard.press('Enter');
  await expect.poll(() => dialled(running)).toHaveLength(1);
  await page.keyboard.press('1');

  // Ben: the countdown is on screen, and nothing is dialled until it has run out.
  await expect(heading(page, 'Ben Power')).toBeVisible();
  const panel = page.getByRole('status', { name: 'Power dial' });
  await expect(panel).toContainText('Dialling Ben Power in 3 s');
  for (const [width, height] of [
    [1024, 640],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: screenshotPath(`83-power-dial-${width}x${height}-${scheme}`) });
    }
  }
  await advanceClock(running, 1_000);
  await expect(panel).toContainText('in 2 s');
  // Space pauses: time passes, nothing is dialled.
  await page.keyboard.press('Space');
  await expect(panel).toContainText('Power dial paused');
  await advanceClock(running, 10_000);
  expect(await dialled(running)).toHaveLength(1);
  // Space resumes from where it was.
  await page.keyboard.press('Space');
  await expect(panel).toContainText('Dialling Ben Power in 2 s');
  await advanceClock(running, 2_000);
  await expect.poll(() => dialled(running)).toEqual(['tel:+12125550801', 'tel:+12125550802']);
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await page.keyboard.press('1');

  // Cy: a dialog (the key list) pauses the countdown while it is open.
  await expect(heading(page, 'Cy Power')).toBeVisible();
  await expect(panel).toContainText('Dialling Cy Power in 3 s');
  await page.keyboard.press('?');
  await advanceClock(running, 10_000);
  expect(await dialled(running)).toHaveLength(2);
  await page.keyboard.press('Escape');
  await expect(panel).toContainText('Dialling Cy Power in 3 s');
  // Esc stops it for this lead: nothing more is dialled.
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await advanceClock(running, 10_000);
  expect(await dialled(running)).toHaveLength(2);
});

test('power dial is off by default: after a disposition nothing counts down or dials', async ({ page }) => {
  const running = await setUp(page, false);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect.poll(() => dialled(running)).toHaveLength(1);
  await page.keyboard.press('1');
  await expect(heading(page, 'Ben Power')).toBeVisible();
  await advanceClock(running, 10_000);
  await expect(page.getByRole('status', { name: 'Power dial' })).toHaveCount(0);
  expect(await dialled(running)).toHaveLength(1);
});
