// Which calling rules apply depends on the line (issue #12): the import wizard asks what a file's
// leads are, and the add-contact form takes the line type; residential (the stricter) unless
// chosen otherwise.
import { expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { invokeCore, makeDataDir, startPreview, type RunningPreview } from './preview';
import { shootScreen } from './shots';

const FIXTURES = path.resolve(__dirname, '../fixtures/leads');
const EXPECTED = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'hubspot-50.expected.json'), 'utf8')) as { merge: { imported: number } };

let preview: RunningPreview | undefined;
test.afterEach(async () => {
  await preview?.stop();
});

type Lead = { firstName: string; lineType: 'business' | 'residential'; status: string };
const leads = async (running: RunningPreview) => (await invokeCore<{ contacts: Lead[] }>(running, 'contacts.search', { status: 'active', limit: 500 })).contacts;

test('the import sends the line choice: "business lines" makes every lead of a file that does not say a business line', async ({ page }) => {
  preview = await startPreview(makeDataDir());
  await invokeCore(preview, 'settings.confirm', {});
  await page.goto(preview.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Queue/);
  await page.keyboard.press('Alt+I');
  await page.getByLabel('Lead file').setInputFiles(path.join(FIXTURES, 'hubspot-50.utf8.csv'));
  const lines = page.getByRole('group', { name: 'These leads are (unknown = residential)' });
  await expect(lines.getByRole('radio', { name: /^Mixed/ })).toBeChecked();
  await shootScreen(page, 'lines-import-choice');
  await lines.getByRole('radio', { name: 'Business lines' }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('button', { name: /^Import \d+ rows/ }).click();
  await expect(page.getByRole('region', { name: /^Imported hubspot-50.utf8.csv/ })).toBeVisible();
  const imported = await leads(preview);
  expect(imported).toHaveLength(EXPECTED.merge.imported);
  expect(new Set(imported.map((lead) => lead.lineType))).toEqual(new Set(['business']));
});

test('add a contact: residential by default, business when chosen', async ({ page }) => {
  preview = await startPreview(makeDataDir());
  await invokeCore(preview, 'settings.confirm', {});
  await page.goto(preview.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Queue/);
  await page.keyboard.press('a');
  const dialog = page.getByRole('dialog', { name: 'Add a contact' });
  await expect(dialog.getByLabel('Line')).toHaveValue('residential');
  await page.keyboard.type('Rita');
  await dialog.getByLabel('Phone').fill('+1 212 555 0181');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toContainText('Added Rita');
  await dialog.getByLabel('First name').fill('Bob');
  await dialog.getByLabel('Phone').fill('+1 212 555 0182');
  await dialog.getByLabel('Line').focus();
  await dialog.getByLabel('Line').selectOption('business');
  await shootScreen(page, 'lines-add-contact');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('status')).toContainText('Added Bob');
  const byName = new Map((await leads(preview)).map((lead) => [lead.firstName, lead.lineType]));
  expect(byName).toEqual(new Map([['Rita', 'residential'], ['Bob', 'business']]));
});
