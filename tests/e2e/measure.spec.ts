import { expect, test, type Page } from '@playwright/test';
import { advanceClock, confirmFirstRun, invokeCore, makeDataDir, screenshotPath, startPreview, type RunningPreview } from './preview';

// Measure (#15): the session strip on every screen, moving with each disposition.
// Wednesday 4 March 2026, 12:00 in New York (17:00 UTC).

let preview: RunningPreview | undefined;
test.afterEach(async () => {
  await preview?.stop();
});

/** Dial the lead on the call screen (whichever of the four the queue offers next) and log. */
async function dialAndPick(page: Page, key: string) {
  await expect(page.getByRole('heading', { name: /^Lead\d Strip$/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await page.keyboard.press(key);
  // Logged: the next lead is on screen (no call running) before the next Enter, which would
  // otherwise land on the lead just logged.
  await expect(page.getByRole('timer', { name: 'Call time' })).toHaveCount(0);
}

test('the session strip moves with each disposition, on every screen', async ({ page }) => {
  preview = await startPreview(makeDataDir(), { timeZone: 'America/New_York' });
  for (let i = 1; i <= 4; i++) {
    await invokeCore(preview, 'contacts.add', { firstName: `Lead${i}`, lastName: 'Strip', company: `Company ${i}`, phone: `+1 212 555 02${String(i).padStart(2, '0')}` });
  }
  await invokeCore(preview, 'settings.update', { dailyGoals: { conversations: 2, advances: 1, conversions: 1 } });
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.goto(preview.url);
  await confirmFirstRun(page);

  const strip = page.getByRole('region', { name: "Today's session" });
  const number = (what: string) => strip.getByTestId(`session-${what}`).locator('.session-number');
  await expect(number('conversations')).toHaveText('0');
  await expect(strip.getByTestId('session-dials')).toHaveText('0 dials');

  // No answer: a dial, nothing that counts.
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(4);
  await page.keyboard.press('Enter');
  await dialAndPick(page, '1');
  await expect(strip.getByTestId('session-dials')).toHaveText('1 dials');
  await expect(number('conversations')).toHaveText('0');

  // Gatekeeper: a connect, still no conversation.
  await dialAndPick(page, '4');
  await expect(strip.getByTestId('session-dials')).toHaveText('2 dials');
  await expect(number('conversations')).toHaveText('0');

  // Conversation: 1 of 2.
  await dialAndPick(page, '5');
  await expect(strip.getByTestId('session-dials')).toHaveText('3 dials');
  await expect(number('conversations')).toHaveText('1');
  await expect(strip.getByLabel("conversations: 1 of today's goal of 2")).toBeVisible();

  // Conversion: a conversation and a conversion; the conversions goal is reached.
  await dialAndPick(page, '7');
  await expect(strip.getByTestId('session-dials')).toHaveText('4 dials');
  await expect(number('conversations')).toHaveText('2');
  await expect(number('conversions')).toHaveText('1');
  await expect(strip.getByTestId('session-conversions')).toHaveClass(/reached/);
  await expect(number('advances')).toHaveText('0');
  await page.screenshot({ path: screenshotPath('measure-strip-1024') });

  // On every screen.
  for (const key of ['l', 'c', 'p', 's', 'u', 'm', 'q']) {
    await page.keyboard.press(`Alt+${key}`);
    await expect(number('conversations')).toHaveText('2');
  }
});

// A week seeded through the core's own handlers (dial, then log) on the preview's fake clock:
// Monday 2 to Friday 6 March 2026, 25 dials a day in New York between 09:00 and 09:48 their time
// (the rep is in New York too). Each day: 10 no answer, 6 voicemails, 3 gatekeepers, 4
// conversations, 2 conversions.
const DAY_PATTERN = [...Array<string>(10).fill('no_answer'), ...Array<string>(6).fill('voicemail_left'), ...Array<string>(3).fill('gatekeeper'), ...Array<string>(4).fill('conversation'), ...Array<string>(2).fill('conversion')];

test('the dashboard and the heat map after a seeded week, in both themes', async ({ page }) => {
  preview = await startPreview(makeDataDir(), { clock: '2026-03-02T14:00:00Z', timeZone: 'America/New_York' });
  const running = preview;
  let lead = 0;
  for (let day = 0; day < 5; day++) {
    for (const outcome of DAY_PATTERN) {
      lead++;
      const contact = await invokeCore<{ id: number }>(running, 'contacts.add', { firstName: `Week${lead}`, lastName: 'Lead', phone: `+1 212 555 ${String(1000 + lead)}`, lineType: 'business' });
      const call = await invokeCore<{ id: number }>(running, 'calls.dial', { contactId: contact.id, override: true });
      await advanceClock(running, 60_000);
      await invokeCore(running, 'calls.log', { callId: call.id, outcome });
      await advanceClock(running, 60_000);
    }
    if (day < 4) await advanceClock(running, 24 * 3_600_000 - DAY_PATTERN.length * 120_000);
  }

  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(running.url);
  await confirmFirstRun(page);
  await page.keyboard.press('Alt+m');
  await expect(page.getByRole('heading', { name: 'Numbers' })).toBeVisible();
  // This week (the default): 5 × the day's pattern.
  const headline = page.getByTestId('dashboard-headline');
  await expect(page.getByTestId('dashboard-conversations').locator('.big-number')).toHaveText('30');
  await expect(page.getByTestId('dashboard-conversions').locator('.big-number')).toHaveText('10');
  await expect(page.getByTestId('dashboard-advances').locator('.big-number')).toHaveText('0');
  await expect(headline).toContainText('45 connects (36 %) · 125 dials');
  await expect(page.getByTestId('dashboard-conversations')).toContainText('24 % of dials');
  // By day: five rows of 25 dials in the trend's table (by import: all added by hand).
  await expect(page.getByRole('table', { name: 'By import' })).toContainText('Added by hand');
  await expect(page.getByRole('table', { name: 'By your hour' }).getByRole('row', { name: /^9:00\sAM/ })).toContainText('125');

  // The heat map: Monday–Friday 09:00 their time, 25 dials each, 9 connects (36 %).
  const mondayNine = page.getByRole('button', { name: /^Monday 9:00\sAM–10:00\sAM their time: 9 of 25 dials connected \(36 %\); 90 % credible interval/ });
  await expect(mondayNine).toBeVisible();
  await mondayNine.focus();
  await expect(page.getByTestId('heatmap-detail')).toContainText('Monday 9:00 AM–10:00 AM their time: 9 of 25 dials connected (36 %)');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('heatmap-detail')).toContainText('Tuesday 9:00 AM–10:00 AM their time: 9 of 25 dials connected');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('heatmap-detail')).toContainText('Tuesday 10:00 AM–11:00 AM their time: no dials yet.');
  // A cell with too few calls is greyed; the full ones are not.
  await expect(page.locator('td.heat:not(.thin)')).toHaveCount(5);
  await page.locator('label', { hasText: 'Voicemails returned' }).click();
  await expect(page.getByRole('radio', { name: 'Voicemails returned' })).toBeChecked();
  await expect(page.getByRole('button', { name: /^Friday 9:00\sAM–10:00\sAM their time: 0 of 6 voicemails returned \(0 %\).* too few to say\.$/ })).toBeVisible();
  await page.locator('label', { hasText: 'Connect rate' }).click();

  for (const theme of ['light', 'dark'] as const) {
    await invokeCore(running, 'settings.update', { theme });
    await page.reload();
    await page.getByRole('button', { name: /^Queue/ }).waitFor();
    await page.keyboard.press('Alt+m');
    await expect(page.getByTestId('dashboard-conversations').locator('.big-number')).toHaveText('30');
    for (const [width, height] of [
      [1920, 1080],
      [1024, 640],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: screenshotPath(`measure-dashboard-${theme}-${width}`), fullPage: true });
      await page.locator('section.heatmap').screenshot({ path: screenshotPath(`measure-heatmap-${theme}-${width}`) });
    }
    await page.setViewportSize({ width: 1920, height: 1080 });
  }
  await page.emulateMedia({ media: 'print' });
  await page.screenshot({ path: screenshotPath('measure-dashboard-print'), fullPage: true });
});
