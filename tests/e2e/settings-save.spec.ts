import { expect, test } from './fixtures';
import { invokeCore } from './preview';
import { shootScreen } from './shots';

// The settings forms saved with one button (daily goals, notifications): a refusal says why and
// saves nothing, "Saved." follows a save and goes with the next edit, and what was saved is what
// the core holds.

type Saved = { dailyGoals: { conversations: number; advances: number; conversions: number }; notifications: { doNotDisturb: boolean } };

test('goals and notifications: refused with the reason, then saved; "Saved." goes with the next edit', async ({ page, desk }) => {
  const preview = await desk.confirmed();
  await page.goto(preview.url);
  await expect(page.getByRole('heading', { name: /Queue/ })).toBeVisible();
  await page.keyboard.press('Alt+S');

  const goals = page.getByRole('form', { name: 'Daily goals' });
  const conversations = goals.getByLabel('Conversations a day');
  await conversations.fill('ten');
  await goals.getByRole('button', { name: 'Save goals' }).click();
  await expect(goals.getByRole('alert')).toHaveText('Not saved: Conversations a day must be a whole number (0 for no goal).');
  expect((await invokeCore<Saved>(preview, 'settings.get', {})).dailyGoals.conversations).toBe(20);
  await conversations.fill('12');
  await goals.getByRole('button', { name: 'Save goals' }).click();
  await expect(goals.getByRole('status')).toHaveText('Saved.');
  await expect(goals.getByRole('alert')).toHaveCount(0);
  expect((await invokeCore<Saved>(preview, 'settings.get', {})).dailyGoals).toEqual({ conversations: 12, advances: 5, conversions: 1 });
  await shootScreen(page, 'settings-goals-saved', { fullPage: true });
  await conversations.fill('13');
  await expect(goals.getByRole('status')).toHaveCount(0);

  const notifications = page.getByRole('form', { name: 'Notifications' });
  await notifications.getByLabel(/Do not disturb: no notifications/).check();
  await notifications.getByRole('button', { name: 'Save notifications' }).click();
  await expect(notifications.getByRole('status')).toHaveText('Saved.');
  expect((await invokeCore<Saved>(preview, 'settings.get', {})).notifications.doNotDisturb).toBe(true);
  await notifications.getByLabel('Quiet hours on my clock').check();
  await expect(notifications.getByRole('status')).toHaveCount(0);
});
