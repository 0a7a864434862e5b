import { expect, test } from '@playwright/test';
import { addContactByKeyboard } from './flows';
import { confirmFirstRun, dialled, makeDataDir, screenshotPath, startPreview, type RunningPreview } from './preview';

// The foundation slice, keyboard only: add contacts, dial with Enter, disposition with a number
// key, see the history; restart the preview on the same data folder and find it all still there.

let preview: RunningPreview | undefined;
test.afterEach(async () => {
  await preview?.stop();
});

test('add, dial, disposition and history survive a restart, keyboard only', async ({ page }) => {
  const dataDir = makeDataDir();
  preview = await startPreview(dataDir);
  await page.goto(preview.url);
  await expect(page.getByRole('heading', { name: 'Before you start' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('00-first-run'), fullPage: true });
  await confirmFirstRun(page);
  await expect(page.getByRole('heading', { name: /Queue/ })).toBeVisible();
  await expect(page.getByText('Nobody to call right now.')).toBeVisible();

  // An invalid number is refused with a clear message, and nothing is added.
  await addContactByKeyboard(page, 'Bob', 'Short', 'Nowhere Ltd', '+1 415 55');
  await expect(page.getByRole('alert')).toContainText('Phone number refused: too short');
  await expect(page.getByLabel('Phone')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('+1 (415) 555-2671');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Added Bob Short · +1 415 555 2671');

  await page.keyboard.type('Ana');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Silva');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Acme Corp');
  await page.keyboard.press('Tab');
  await page.keyboard.type('+44 20 7946 0958');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status')).toContainText('Added Ana Silva');
  await page.keyboard.press('Escape');

  const queue = page.getByRole('listbox', { name: 'Queue' });
  await expect(queue.getByRole('option')).toHaveCount(2);
  await expect(queue.getByRole('option').first()).toContainText('Bob Short');
  await page.screenshot({ path: screenshotPath('01-queue'), fullPage: true });

  // First lead: Enter opens the call screen, Enter dials, 1 logs "no answer" and the next lead
  // is on screen at once.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Bob Short' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await expect.poll(() => dialled(preview!)).toEqual(['tel:+14155552671']);
  await page.keyboard.press('1');
  await expect(page.getByRole('heading', { name: 'Ana Silva' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Saved: No answer for Bob Short');

  // Ana: notes typed during the call, then a conversation.
  await page.keyboard.press('Enter');
  await expect.poll(() => dialled(preview!)).toEqual(['tel:+14155552671', 'tel:+442079460958']);
  await page.keyboard.press('n');
  await page.keyboard.type('Interested; wants pricing for 12 seats. 5 digits typed here must not log a disposition.');
  await expect(page.getByRole('status')).not.toContainText('Saved: Conversation');
  await page.screenshot({ path: screenshotPath('02-call-in-progress'), fullPage: true });
  await page.keyboard.press('Escape');
  await page.keyboard.press('5');
  // Nobody else is due (Bob's retry is in 2 hours): back to the queue, which says so.
  await expect(page.getByRole('status')).toContainText('Saved: Conversation for Ana Silva');
  await expect(page.getByText('Nobody to call right now.')).toBeVisible();

  // The "not callable now" view says why each is waiting; Ana's call screen again, a voicemail.
  await page.keyboard.press('v');
  const waiting = page.getByRole('listbox', { name: 'Not callable now' });
  await expect(waiting.getByRole('option')).toHaveCount(2);
  await expect(waiting.getByRole('option').first()).toContainText('Bob Short');
  await expect(waiting.getByRole('option').first()).toContainText('no answer: again at 11:00 AM PST · 7:00 PM UTC yours');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Ana Silva' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect.poll(() => dialled(preview!)).toHaveLength(3);
  await page.keyboard.press('3');
  await expect(page.getByText('Nobody to call right now.')).toBeVisible();
  await page.keyboard.press('v');
  await expect(waiting.getByRole('option')).toHaveCount(2);
  await page.keyboard.press('ArrowDown');
  await expect(waiting.getByRole('option', { selected: true })).toContainText('Ana Silva');
  await page.keyboard.press('Enter');
  const history = page.getByRole('list', { name: 'Call history' });
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await expect(history.getByRole('listitem').first()).toContainText('Voicemail left');
  await expect(history.getByRole('listitem').nth(1)).toContainText('Conversation');
  await expect(history).toContainText('wants pricing for 12 seats');
  // The call is over: no timer, the next dial is possible, the bar waits for a dial.
  await expect(page.getByRole('timer')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Dial/ })).toBeEnabled();
  await expect(page.getByRole('button', { name: /Conversation/ })).toBeDisabled();
  await page.screenshot({ path: screenshotPath('03-call-history'), fullPage: true });

  // Restart the core on the same data folder: everything is still there.
  await preview.stop();
  preview = await startPreview(dataDir);
  await page.goto(preview.url);
  await expect(page.getByText('Nobody to call right now.')).toBeVisible();
  await page.keyboard.press('v');
  await expect(waiting.getByRole('option')).toHaveCount(2);
  await expect(waiting.getByRole('option').first()).toContainText('Bob Short');
  await page.keyboard.press('ArrowDown');
  await expect(waiting.getByRole('option', { selected: true })).toContainText('Ana Silva');
  await page.keyboard.press('Enter');
  const historyAfter = page.getByRole('list', { name: 'Call history' });
  await expect(historyAfter.getByRole('listitem')).toHaveCount(2);
  await expect(historyAfter).toContainText('Voicemail left');
  await expect(historyAfter).toContainText('Conversation');
  await expect(historyAfter).toContainText('wants pricing for 12 seats');
  await page.screenshot({ path: screenshotPath('04-history-after-restart'), fullPage: true });
});

test('a call dialled but not dispositioned comes back after a restart', async ({ page }) => {
  const dataDir = makeDataDir();
  preview = await startPreview(dataDir);
  await page.goto(preview.url);
  await confirmFirstRun(page);
  await expect(page.getByText('Nobody to call right now.')).toBeVisible();
  await addContactByKeyboard(page, 'Cara', 'Nolan', 'Brightline', '+353 1 234 5678');
  await expect(page.getByRole('status')).toContainText('Added Cara Nolan');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('option', { name: /Cara Nolan/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Cara Nolan' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect.poll(() => dialled(preview!)).toEqual(['tel:+35312345678']);
  await preview.stop();

  preview = await startPreview(dataDir);
  await page.goto(preview.url);
  await expect(page.getByRole('option', { name: /Cara Nolan/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await page.keyboard.press('1');
  await expect(page.getByRole('status')).toContainText('Saved: No answer for Cara Nolan');
  await page.keyboard.press('v');
  await expect(page.getByRole('option', { name: /Cara Nolan/ })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('list', { name: 'Call history' }).getByRole('listitem')).toHaveCount(1);
});
