import { expect, test, type Page } from '@playwright/test';
import { confirmFirstRun, invokeCore, makeDataDir, screenshotPath, startPreview, type RunningPreview } from './preview';

// Measure (#15): the session strip on every screen, moving with each disposition.
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
  await page.keyboard.press('Enter');
  await dialAndPick(page, 'Lead1 Strip', '1');
  await expect(strip.getByTestId('session-dials')).toHaveText('1 dials');
  await expect(number('conversations')).toHaveText('0');

  // Gatekeeper: a connect, still no conversation.
  await dialAndPick(page, 'Lead2 Strip', '4');
  await expect(strip.getByTestId('session-dials')).toHaveText('2 dials');
  await expect(number('conversations')).toHaveText('0');

  // Conversation: 1 of 2.
  await dialAndPick(page, 'Lead3 Strip', '5');
  await expect(strip.getByTestId('session-dials')).toHaveText('3 dials');
  await expect(number('conversations')).toHaveText('1');
  await expect(strip.getByLabel("conversations: 1 of today's goal of 2")).toBeVisible();

  // Conversion: a conversation and a conversion; the conversions goal is reached.
  await dialAndPick(page, 'Lead4 Strip', '7');
  await expect(strip.getByTestId('session-dials')).toHaveText('4 dials');
  await expect(number('conversations')).toHaveText('2');
  await expect(number('conversions')).toHaveText('1');
  await expect(strip.getByTestId('session-conversions')).toHaveClass(/reached/);
  await expect(number('advances')).toHaveText('0');
  await page.screenshot({ path: screenshotPath('measure-strip-1024') });

  // On every screen.
  for (const key of ['l', 'c', 'p', 's', 'u', 'q']) {
    await page.keyboard.press(`Alt+${key}`);
    await expect(number('conversations')).toHaveText('2');
  }
});
