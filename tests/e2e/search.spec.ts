import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { invokeCore } from './preview';
import { shootScreen } from './shots';

// Ctrl+K from any screen (issue #13): the prospect who calls back, found by a number in the
// format they read it out in, by name, company or email.

const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });

test('Ctrl+K finds a lead by a national-format number from any screen and opens its call screen', async ({ page, desk }) => {
  const preview = await desk.confirmed();
  await invokeCore(preview, 'contacts.add', { firstName: 'Ana', lastName: 'Silva', company: 'Acme Logistics', phone: '+1 212 555 0701' });
  await invokeCore(preview, 'contacts.add', { firstName: 'Ben', lastName: 'Okafor', company: 'Brightline Foods', phone: '+12125550702' });
  await invokeCore(preview, 'contacts.add', { firstName: 'Cy', lastName: 'Novak', company: 'Brightline Media', phone: '+1 415 555 0703' });
  await page.goto(preview.url);
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(3);

  // From the Calls screen: the number as Ben reads it out, national format.
  await page.keyboard.press('Alt+L');
  await page.keyboard.press('Control+K');
  const dialog = page.getByRole('dialog', { name: 'Find a lead' });
  await expect(dialog.getByRole('combobox')).toBeFocused();
  await page.keyboard.type('(212) 555-0702');
  const results = dialog.getByRole('listbox', { name: 'Leads found' }).getByRole('option');
  await expect(results).toHaveText([/Ben Okafor.*Brightline Foods/]);
  await shootScreen(page, '82-search-number');
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Ben Okafor')).toBeVisible();
  await expect(dialog).toHaveCount(0);

  // From the call screen: by company, two leads; ↓ chooses the second.
  await page.keyboard.press('Control+K');
  await page.keyboard.type('brightline');
  await expect(results).toHaveText([/Ben Okafor/, /Cy Novak/]);
  await page.keyboard.press('ArrowDown');
  await expect(results.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Cy Novak')).toBeVisible();

  // Nothing found says so; Esc closes and the screen's keys work again.
  await page.keyboard.press('Control+K');
  await page.keyboard.type('nobody here');
  await expect(dialog).toContainText('No lead matches “nobody here”.');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});
