import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { dialled, invokeCore, type RunningPreview } from './preview';
import { shootScreen } from './shots';

// Every phone a lead has is dialable with a key (issue #13, point 5): M the mobile, Alt+2… each
// other number, with the same checks as the main one.

const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });

/** Ana Mobile (a main number and a mobile) imported, the only lead: her call screen opened. */
async function openAnaMobile(page: Page, preview: RunningPreview): Promise<void> {
  const csv = 'Name,Company,Phone,Mobile\nAna Mobile,Acme,+1 212 555 0901,(212) 555-0999\n';
  const staged = await invokeCore<{ stageId: string; mapping: string[] }>(preview, 'imports.preview', { fileName: 'leads.csv', data: Buffer.from(csv).toString('base64') });
  expect(staged.mapping).toEqual(['fullName', 'company', 'phone', 'mobile']);
  await invokeCore(preview, 'imports.run', { stageId: staged.stageId, mapping: staged.mapping });
  await page.goto(preview.url);
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Ana Mobile')).toBeVisible();
}

test('M dials the lead’s mobile from the call screen, and the call log has that number', async ({ page, desk }) => {
  const preview = await desk.confirmed();
  await openAnaMobile(page, preview);
  await expect(page.getByLabel('Number to dial')).toBeVisible();
  const others = page.getByRole('list', { name: 'Other numbers' });
  await expect(others).toContainText('(212) 555-0999');
  await shootScreen(page, '84-other-phones');
  await page.keyboard.press('m');
  await expect.poll(() => dialled(preview)).toEqual(['tel:+12125550999']);
  // Once dialled the status line is the call's, with the number it went to.
  await expect(page.getByRole('status').first()).toContainText('On the call 0:00 with the mobile number, (212) 555-0999');
  await page.keyboard.press('1');
  // Saved (the only lead: back to the queue) before leaving for the call log.
  await expect(page.getByText(/Saved: No answer for Ana Mobile/)).toBeVisible();
  await page.keyboard.press('Alt+L');
  await expect(page.getByRole('listbox', { name: 'Call log' })).toContainText('No answer');
  const saved = await invokeCore<{ calls: { number: string; outcome: string }[] }>(preview, 'contacts.get', { id: 1 });
  expect(saved.calls[0]).toMatchObject({ number: '+12125550999', outcome: 'no_answer' });
});

test('a wrong number on the mobile is the mobile’s: the lead stays callable on its main number, the mobile has no Dial and M does nothing', async ({ page, desk }) => {
  const preview = await desk.confirmed();
  await openAnaMobile(page, preview);
  await page.keyboard.press('m');
  await expect.poll(() => dialled(preview)).toEqual(['tel:+12125550999']);
  await page.keyboard.press('0');
  await expect(page.getByText(/Saved: Wrong number for Ana Mobile/)).toBeVisible();
  // Her form (from the contacts list) says which number was wrong; she is no dud, so her call
  // screen opens, where the mobile says why it has no Dial.
  await page.keyboard.press('Alt+C');
  await page.getByRole('listbox', { name: 'Contacts' }).getByRole('option').filter({ hasText: 'Ana Mobile' }).click();
  await expect(page.locator('.extra-fields')).toContainText('(212) 555-0999 (Wrong number)');
  await shootScreen(page, '84c-contact-other-phone-wrong');
  await page.getByRole('button', { name: 'Call screen' }).click();
  await expect(heading(page, 'Ana Mobile')).toBeVisible();
  await expect(page.locator('.status-dud')).toHaveCount(0);
  const mobile = page.getByRole('list', { name: 'Other numbers' }).getByRole('listitem');
  await expect(mobile).toContainText(/\(212\) 555-0999 \(Wrong number, reported on the call of /);
  await expect(mobile.getByRole('button')).toHaveCount(0);
  await shootScreen(page, '84b-other-phone-wrong');
  await page.keyboard.press('m');
  await page.waitForTimeout(300);
  expect(await dialled(preview)).toEqual(['tel:+12125550999']);
  const saved = await invokeCore<{ contact: { status: string; otherPhones: { wrong?: string }[] } }>(preview, 'contacts.get', { id: 1 });
  expect(saved.contact.status).toBe('active');
  expect(saved.contact.otherPhones[0]?.wrong).toMatch(/^wrong number \(call #\d+\)$/);
});
