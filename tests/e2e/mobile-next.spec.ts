import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { dialled, invokeCore } from './preview';
import { shootScreen } from './shots';

// "Try the mobile next" (issue #13, point 5; a setting, off by default): after a no answer on
// the main number, the call screen stays on the lead and Enter dials its mobile.

const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });

test('after 1 on the main number, Enter dials the lead’s mobile; after 1 on the mobile, the next lead', async ({ page, desk }) => {
  const preview = await desk.confirmed({ settings: { tryMobileNext: true } });
  const csv = 'Name,Company,Phone,Mobile\nAna Mobile,Acme,+1 212 555 0901,(212) 555-0999\nBen Next,Brightline,+1 212 555 0902,\n';
  const staged = await invokeCore<{ stageId: string; mapping: string[] }>(preview, 'imports.preview', { fileName: 'leads.csv', data: Buffer.from(csv).toString('base64') });
  await invokeCore(preview, 'imports.run', { stageId: staged.stageId, mapping: staged.mapping });
  await page.goto(preview.url);
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(2);
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Ana Mobile')).toBeVisible();
  await expect(page.getByLabel('Number to dial')).toHaveText('+1 212 555 0901');
  await page.keyboard.press('Enter');
  await expect.poll(() => dialled(preview)).toEqual(['tel:+12125550901']);
  await page.keyboard.press('1');

  // Still Ana: the mobile is the next dial, said and shown.
  await expect(page.getByLabel('Next number')).toHaveText('No answer on the main number: the next dial is the mobile number, (212) 555-0999.');
  await expect(heading(page, 'Ana Mobile')).toBeVisible();
  await expect(page.getByLabel('Number to dial')).toHaveText('(212) 555-0999');
  await shootScreen(page, '93-mobile-next');
  await page.keyboard.press('Enter');
  await expect.poll(() => dialled(preview)).toEqual(['tel:+12125550901', 'tel:+12125550999']);
  await page.keyboard.press('1');
  await expect(heading(page, 'Ben Next')).toBeVisible();
  await expect(page.getByLabel('Next number')).toHaveCount(0);
});
