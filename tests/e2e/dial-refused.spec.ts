import { expect, test } from './fixtures';
import { addContactByKeyboard } from './flows';
import { confirmFirstRun, dialled, screenshotPath, type RunningPreview } from './preview';

// The desk's phone does not take the number (no softphone registered for tel: links): the call
// screen says what was saved, the history shows the attempt marked, and Enter dials again.

const REFUSAL = 'No application is registered to open tel: links';

async function refuseDials(running: RunningPreview, refusal: string | null): Promise<void> {
  const response = await fetch(`${running.origin}/__dialdeck/test/dialer`, {
    method: 'POST',
    headers: { 'x-dialdeck-token': running.token, 'content-type': 'application/json' },
    body: JSON.stringify({ refusal }),
  });
  expect(response.ok).toBe(true);
}

test('a dial the phone does not take: the screen says what was saved, and Enter dials again once the phone works', async ({ page, desk }) => {
  const preview = await desk.firstRun();
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.goto(preview.url);
  await confirmFirstRun(page);
  await addContactByKeyboard(page, 'Bob', 'Short', 'Nowhere Ltd', '+1 (415) 555-2671');
  await expect(page.getByRole('status')).toContainText('Added Bob Short');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('option', { name: /Bob Short/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Bob Short' })).toBeVisible();

  await refuseDials(preview, REFUSAL);
  await page.keyboard.press('Enter');
  const message = page.getByRole('alert');
  await expect(message).toContainText(`The phone did not take the number: ${REFUSAL}.`);
  await expect(message).toContainText("The attempt is in the call log, marked 'the phone did not take the number'");
  const history = page.getByRole('list', { name: 'Call history' }).getByRole('listitem');
  await expect(history).toHaveCount(1);
  await expect(history.first()).toContainText('The phone did not take the number');
  await expect(history.first()).toContainText(`The system said: ${REFUSAL}`);
  // No call is in progress: no call timer, and the dial button dials again.
  await expect(page.getByRole('timer', { name: 'Call time' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Dial/ })).toBeEnabled();
  await page.screenshot({ path: screenshotPath('dial-refused-1024x640'), fullPage: true });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: screenshotPath('dial-refused-1920x1080'), fullPage: true });

  await refuseDials(preview, null);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await expect.poll(() => dialled(preview)).toEqual(['tel:+14155552671']);
  await expect(history).toHaveCount(2);
  await page.keyboard.press('1');
  await expect(page.getByRole('status')).toContainText('Saved: No answer for Bob Short');
});
