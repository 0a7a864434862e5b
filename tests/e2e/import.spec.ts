import { expect, test, type Locator } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addContactByKeyboard } from './flows';
import { confirmFirstRun, makeDataDir, screenshotPath, startPreview, type RunningPreview } from './preview';

const FIXTURES = path.resolve(__dirname, '../fixtures/leads');

let preview: RunningPreview | undefined;

/** Where the page says an export of `rows` rows was saved (the preview writes into its data dir). */
async function savedExport(region: Locator, rows: number): Promise<string> {
  const status = region.getByRole('status').filter({ hasText: /^Saved / });
  await expect(status).toContainText(`Saved ${rows.toLocaleString('en-US')} rows to `, { timeout: 30_000 });
  const file = (await status.locator('.export-path').textContent())!;
  expect(file).toContain(`${path.sep}exports${path.sep}dialdeck-duds-to-return-`);
  return file;
}
test.afterEach(async () => {
  await preview?.stop();
});

test('import a Windows-1252 export with the mouse: fix the mapping, see the result, open and export the rejected rows', async ({ page }) => {
  preview = await startPreview(makeDataDir());
  await page.goto(preview.url);
  await confirmFirstRun(page);
  await page.getByRole('button', { name: /^Import/ }).click();
  await page.getByLabel('Lead file').setInputFiles(path.join(FIXTURES, 'hubspot-50.windows1252.csv'));

  const mapping = page.getByRole('region', { name: /hubspot-50.windows1252.csv/ });
  await expect(mapping).toBeVisible();
  await expect(mapping.getByLabel('Encoding')).toHaveValue('windows-1252');
  await expect(mapping.getByRole('cell', { name: 'François' }).first()).toBeVisible();
  await expect(mapping.getByLabel('Map column “Phone Number”')).toHaveValue('phone');

  // Unmap both phone columns: the wizard says why it cannot import, and the button is off.
  await mapping.getByLabel('Map column “Phone Number”').selectOption('ignore');
  await mapping.getByLabel('Map column “Mobile Phone Number”').selectOption('ignore');
  await expect(page.getByRole('alert', { name: 'Mapping problems' })).toContainText('Map at least one column to Phone or Mobile');
  await expect(page.getByRole('button', { name: /^Import 50 rows/ })).toBeDisabled();
  // Fix it, and keep City as a custom field rather than the city.
  await mapping.getByLabel('Map column “Phone Number”').selectOption('phone');
  await mapping.getByLabel('Map column “Mobile Phone Number”').selectOption('mobile');
  await mapping.getByLabel('Map column “City”').selectOption('custom');
  await expect(page.getByRole('alert', { name: 'Mapping problems' })).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('10-import-mapping'), fullPage: true });

  await page.getByRole('button', { name: /^Import 50 rows/ }).click();
  const result = page.getByRole('region', { name: /Imported hubspot-50.windows1252.csv: 50 data rows/ });
  await expect(result).toBeVisible();
  const counts = await result.locator('.count-number').allTextContents();
  expect(counts.map(Number)).toEqual([37, 3, 0, 10]);
  expect(counts.map(Number).reduce((a, b) => a + b)).toBe(50);
  await expect(result).toContainText('no phone number');
  await page.screenshot({ path: screenshotPath('11-import-result'), fullPage: true });

  await result.getByRole('button', { name: /10 rejected/ }).click();
  const rows = page.getByRole('region', { name: /Rejected rows/ });
  await expect(rows.getByRole('row')).toHaveCount(11);
  await expect(rows).toContainText('too short for US');
  await expect(rows.getByRole('cell', { name: 'Amélie' }).first()).toBeVisible();
  await page.screenshot({ path: screenshotPath('12-import-rejected-rows'), fullPage: true });

  // The preview saves exports into its data folder and says where.
  await rows.getByRole('button', { name: /Export these rows/ }).click();
  const csv = fs.readFileSync(await savedExport(rows, 10), 'utf8');
  expect(csv.split('\r\n')[0]).toContain('Source file,Row,Reason');
  expect(csv.trim().split('\r\n')).toHaveLength(11);
  // The formula-looking note is neutralised in the export.
  expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
  expect(csv).toContain("'=HYPERLINK");
  await page.screenshot({ path: screenshotPath('12b-import-rejected-exported'), fullPage: true });

  await rows.getByRole('button', { name: /Back to the result/ }).click();
  await result.getByRole('button', { name: /37 imported/ }).click();
  await expect(page.getByRole('heading', { name: /Contacts/ })).toContainText('37');
  await page.getByRole('option', { name: /José García/ }).first().click();
  const detail = page.getByRole('region', { name: 'José García' });
  await expect(detail).toContainText('America/New_York');
  await expect(detail).toContainText('City');
  await page.screenshot({ path: screenshotPath('13-contacts-imported'), fullPage: true });
});

test('import a large file with the keyboard: progress, result and rejected rows', async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialdeck-big-'));
  const file = path.join(dir, 'big-export.csv');
  const lines = ['Name,Company,Phone,Email'];
  for (let i = 0; i < 60_000; i++) {
    const phone = i % 20 === 0 ? '12345' : `+1 212 ${String(200 + (i % 700)).padStart(3, '0')} ${String(1000 + (i % 9000)).padStart(4, '0')}`;
    lines.push(`Lead ${i},Company ${i % 500},${phone},lead${i}@example.com`);
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);

  preview = await startPreview(makeDataDir());
  // Listen for the file chooser from the start: interception must be on before the key press.
  const chooserOpened = page.waitForEvent('filechooser', { timeout: 30_000 });
  await page.goto(preview.url);
  await confirmFirstRun(page);
  await page.keyboard.press('Alt+I');
  const choose = page.getByRole('button', { name: 'Choose file…' });
  await expect(choose).toBeFocused();
  await page.keyboard.press('Enter');
  const chooser = await chooserOpened;
  await chooser.setFiles(file);
  const mapping = page.getByRole('region', { name: /big-export.csv/ });
  await expect(mapping.getByLabel('Map column “Name”')).toHaveValue('fullName');
  // Keyboard only: the "Company" column becomes a custom field, then Import.
  await mapping.getByLabel('Map column “Company”').focus();
  await page.keyboard.type('Keep');
  await expect(mapping.getByLabel('Map column “Company”')).toHaveValue('custom');
  const importButton = page.getByRole('button', { name: /^Import 60,000 rows/ });
  await importButton.focus();
  // Record every value the progress bar shows, however fast the import goes.
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { __progress: number[] }).__progress = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"]');
      if (bar) seen.push(Number(bar.getAttribute('aria-valuenow')));
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  });
  await page.keyboard.press('Enter');
  const progress = page.getByRole('progressbar', { name: 'Import progress' });
  await expect(progress).toBeVisible();
  await expect.poll(async () => Number((await progress.getAttribute('aria-valuenow').catch(() => '100')) ?? 0), { intervals: [20] }).toBeGreaterThan(0);
  await page.screenshot({ path: screenshotPath('14-import-progress'), fullPage: true });
  const result = page.getByRole('region', { name: /Imported big-export.csv: 60,000 data rows/ });
  await expect(result).toBeVisible({ timeout: 60_000 });
  const counts = (await result.locator('.count-number').allTextContents()).map((t) => Number(t.replace(/,/g, '')));
  expect(counts.reduce((a, b) => a + b)).toBe(60_000);
  expect(counts[3]).toBe(3000);
  const seen = await page.evaluate(() => (window as unknown as { __progress: number[] }).__progress);
  expect(seen.some((v) => v > 0 && v < 100)).toBe(true);
  await expect(result.getByRole('button', { name: /^[\d,]+ imported/ })).toBeFocused();
  const rejectedCard = result.getByRole('button', { name: /^[\d,]+ rejected/ });
  // Tab past the count cards that are enabled (disabled ones take no focus).
  for (let i = 0; i < 4 && !(await rejectedCard.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(rejectedCard).toBeFocused();
  await page.keyboard.press('Enter');
  const rows = page.getByRole('region', { name: /Rejected rows/ });
  await expect(rows).toContainText('too short for US');
  await expect(rows.getByRole('cell', { name: '2', exact: true })).toBeVisible();
  // Back button has focus; Tab to the export and press Enter.
  await expect(rows.getByRole('button', { name: /Back to the result/ })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(rows.getByRole('button', { name: /Export these rows/ })).toBeFocused();
  await page.keyboard.press('Enter');
  expect(fs.readFileSync(await savedExport(rows, 3000), 'utf8').trim().split('\r\n')).toHaveLength(3001);
  await page.screenshot({ path: screenshotPath('15-import-rejected-keyboard'), fullPage: true });

  // Every contact (the 3,000 without a valid number are kept as duds): a progress bar while the
  // file is written, then where it went.
  await page.keyboard.press('Alt+C');
  const contacts = page.getByRole('region', { name: /Contacts/ });
  await expect(contacts.getByRole('heading', { name: /Contacts/ })).toContainText('60,000');
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { __exportProgress: number[] }).__exportProgress = seen;
    new MutationObserver(() => {
      const bar = document.querySelector('[role="progressbar"][aria-label="Export progress"]');
      if (bar) seen.push(Number(bar.getAttribute('aria-valuenow')));
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  });
  await contacts.getByRole('button', { name: 'Export all contacts (CSV)' }).click();
  const exportStatus = contacts.getByRole('status').filter({ hasText: /^Saved / });
  await expect(exportStatus).toContainText('Saved 60,000 rows to ', { timeout: 60_000 });
  const exportedFile = (await exportStatus.locator('.export-path').textContent())!;
  const exported = fs.readFileSync(exportedFile, 'utf8');
  expect(exported.startsWith('\uFEFFid,first_name,last_name,')).toBe(true);
  expect(exported.trim().split('\r\n')).toHaveLength(60_001);
  const exportProgress = await page.evaluate(() => (window as unknown as { __exportProgress: number[] }).__exportProgress);
  expect(exportProgress.some((v) => v > 0 && v < 100)).toBe(true);
  await page.screenshot({ path: screenshotPath('17-contacts-exported'), fullPage: true });
});

test('the do-not-call list: add a number, import a file; those numbers never reach the queue', async ({ page }) => {
  preview = await startPreview(makeDataDir());
  await page.goto(preview.url);
  await confirmFirstRun(page);
  await addContactByKeyboard(page, 'Ana', 'Silva', 'Acme', '+1 415 555 2671');
  await expect(page.getByRole('status')).toContainText('Added Ana Silva');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(1);

  await page.keyboard.press('Alt+I');
  const dnc = page.getByRole('region', { name: /Do-not-call list/ });
  await dnc.getByLabel('Add a number').fill('12');
  await dnc.getByLabel('Add a number').press('Enter');
  await expect(dnc.getByRole('alert')).toContainText('Phone number refused: too short for US');
  await dnc.getByLabel('Add a number').fill('(415) 555-2671');
  await dnc.getByLabel('Add a number').press('Enter');
  await expect(dnc.getByRole('status')).toContainText('+14155552671 added to the do-not-call list');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dialdeck-dnc-'));
  const file = path.join(dir, 'dnc.csv');
  fs.writeFileSync(file, 'Phone\n415.555.2671\n+44 20 7946 0958\nnot a number\n');
  await dnc.getByLabel('Do-not-call file').setInputFiles(file);
  await expect(dnc.getByRole('status')).toContainText('dnc.csv: 1 number added, 1 already listed. 1 row was not a number: row 4 (no phone number).');
  await expect(dnc.getByRole('heading')).toContainText('2 numbers');
  await page.screenshot({ path: screenshotPath('16-do-not-call'), fullPage: true });

  await page.keyboard.press('Alt+Q');
  await expect(page.getByText('Nobody to call right now.')).toBeVisible();
  await page.keyboard.press('v');
  await expect(page.getByRole('listbox', { name: 'Not callable now' }).getByRole('option')).toContainText(['on the do-not-call list']);
});
