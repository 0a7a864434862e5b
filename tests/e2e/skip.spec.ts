import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { dialled, invokeCore } from './preview';
import { shootScreen } from './shots';

// Skipping the lead on the call screen with a numbered reason (issue #13, point 5).

const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });

test('S on the call screen skips the lead with a numbered reason; the not-callable list says why', async ({ page, desk }) => {
  const preview = await desk.confirmed();
  await invokeCore(preview, 'contacts.add', { firstName: 'Ana', lastName: 'Skip', company: 'Acme', phone: '+1 212 555 0951' });
  await invokeCore(preview, 'contacts.add', { firstName: 'Ben', lastName: 'Stay', company: 'Brightline', phone: '+1 212 555 0952' });
  await page.goto(preview.url);
  const queue = page.getByRole('listbox', { name: 'Queue' });
  await expect(queue.getByRole('option')).toHaveCount(2);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Number to dial')).toBeVisible();
  await expect(heading(page, 'Ana Skip')).toBeVisible();

  await page.keyboard.press('s');
  const dialog = page.getByRole('dialog', { name: 'Skip this lead' });
  await expect(dialog).toContainText('Skip Ana Skip for 60 min: why?');
  await shootScreen(page, '85-skip-reason');
  // 3: "Wrong person to call", the third of the numbered reasons.
  await page.keyboard.press('3');
  await expect(page.getByRole('status').first()).toContainText('Ana Skip: Skipped for 60 min: Wrong person to call.');
  await expect(queue.getByRole('option')).toHaveText([/Ben Stay/]);
  await page.keyboard.press('v');
  const waiting = page.getByRole('listbox', { name: 'Not callable now' });
  await expect(waiting.getByRole('option').filter({ hasText: 'Ana Skip' })).toContainText('skipped (wrong person to call) until');
  // Nothing was dialled.
  expect(await dialled(preview)).toEqual([]);
});

test('Alt+ screen keys work from the call screen, and the notes typed just before are kept', async ({ page, desk }) => {
  const preview = await desk.confirmed();
  const ana = await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: 'Ana', lastName: 'Notes', company: 'Acme', phone: '+1 212 555 0961' });
  await page.goto(preview.url);
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Number to dial')).toBeVisible();
  await page.keyboard.press('n');
  // Alt+L straight after typing, from inside the notes field: the screen changes at once…
  await page.keyboard.type('Asked for pricing');
  await page.keyboard.press('Alt+L');
  await expect(page.getByRole('heading', { name: /Calls/ })).toBeVisible();
  // …and the draft was sent on the way out, not dropped with the pending save.
  await expect.poll(async () => (await invokeCore<{ draft: string }>(preview, 'contacts.get', { id: ana.id })).draft).toBe('Asked for pricing');
  await page.keyboard.press('Alt+Q');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('textbox', { name: /Notes/ })).toHaveValue('Asked for pricing');
});
