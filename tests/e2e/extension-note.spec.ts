// A lead behind a switchboard (a number and an extension) dialled through a phone whose links
// have no place for the extension: the call screen says to key it, for as long as the call is
// open; through tel:, which carries it, nothing is said.
import { expect, test } from '@playwright/test';
import { dialled, invokeCore, makeDataDir, startPreview, type RunningPreview } from './preview';
import { shootScreen } from './shots';

let preview: RunningPreview | undefined;
test.afterEach(async () => {
  await preview?.stop();
});

test('callto: leaves the extension out and the call screen says to key it; tel: carries it and says nothing', async ({ page }) => {
  preview = await startPreview(makeDataDir());
  await invokeCore(preview, 'settings.update', { defaultCountry: 'US', defaultTimeZone: 'America/New_York' });
  await invokeCore(preview, 'settings.confirm', {});
  await invokeCore(preview, 'contacts.add', { firstName: 'Ana', lastName: 'Silva', company: 'Acme', phone: '+1 212 555 0100 ext. 11' });
  await invokeCore(preview, 'contacts.add', { firstName: 'Ben', lastName: 'Ode', company: 'Acme', phone: '+1 212 555 0100 ext. 12' });
  await page.goto(preview.url);
  const note = page.getByRole('note').filter({ hasText: 'Your phone is not sent extensions' });

  // tel: (the default) carries ;ext=11.
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(2);
  await page.keyboard.press('Enter');
  await expect(page.locator('#contact-name')).toHaveText('Ana Silva');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  expect(await dialled(preview)).toEqual(['tel:+12125550100;ext=11']);
  await expect(note).toHaveCount(0);
  await page.keyboard.press('1');
  await expect(page.locator('#contact-name')).toHaveText('Ben Ode');

  // callto: has no place for it: the number alone, and ext. 12 to key.
  await invokeCore(preview, 'settings.update', { phone: { preset: 'callto', sipHost: '', template: '' } });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  expect((await dialled(preview)).at(-1)).toBe('callto:+12125550100');
  await expect(note).toHaveText('Your phone is not sent extensions: key ext. 12 when the line answers.');
  await shootScreen(page, 'call-extension-to-key');
  // Still said when the screen is opened again on the open call.
  await page.reload();
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.locator('#contact-name')).toHaveText('Ben Ode');
  await expect(note).toHaveText('Your phone is not sent extensions: key ext. 12 when the line answers.');
  await page.keyboard.press('1');
  await expect(note).toHaveCount(0);
});
