import { expect, test, type Page } from '@playwright/test';
import { advanceClock, invokeCore, makeDataDir, screenshotPath, startPreview, type RunningPreview } from './preview';

// The screens the calling-day issue changed, at 1024×640 and 1920×1080, light and dark: leads
// that share a number (linked on the call screen, the rows merged into a lead on the contact
// screen), the redial loop paused asking, and the undo toast.

let preview: RunningPreview | undefined;
test.afterEach(async () => {
  await preview?.stop();
});

// Row 4 (no name, Ana's number and extension) merges into Ana, fills her empty email and tags her.
const FILE = [
  'First Name,Last Name,Phone,Extension,Email,Tags',
  'Ana,Silva,+1 212 555 0100,11,,',
  'Ben,Ode,+1 212 555 0100,12,ben@acme.com,',
  ',,(212) 555-0100,11,reception@acme.com,front desk',
].join('\n');

/** Four screenshots of what is on screen now: each size, each theme. */
async function shoot(page: Page, name: string) {
  for (const [w, h] of [
    [1024, 640],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.screenshot({ path: screenshotPath(`70-${name}-${w}x${h}-${scheme}`) });
    }
  }
}

test('linked leads, the paused redial loop, the undo toast and merged rows, at both sizes and in both themes', async ({ page }) => {
  preview = await startPreview(makeDataDir());
  await invokeCore(preview, 'settings.update', { defaultCountry: 'US', defaultTimeZone: 'America/New_York' });
  await invokeCore(preview, 'settings.confirm', {});
  const staged = await invokeCore<{ stageId: string }>(preview, 'imports.preview', { fileName: 'switchboard.csv', data: Buffer.from(FILE).toString('base64') });
  await invokeCore(preview, 'imports.run', { stageId: staged.stageId, mapping: ['firstName', 'lastName', 'phone', 'extension', 'email', 'tags'] });
  await page.goto(preview.url);

  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option').first()).toContainText('Ana Silva');
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Shares a number')).toHaveText('Shares a number with Ben Ode (ext. 12) · this lead is ext. 11: another person, not a duplicate.');
  await shoot(page, 'linked-leads');

  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await page.keyboard.press('2');
  const loop = page.getByRole('status', { name: 'Redial loop' });
  await expect(loop).toContainText('Redialling in 30 s');
  await advanceClock(preview, 30_000);
  await advanceClock(preview, 30_000);
  await expect(loop).toContainText('Paused: Connected (C) or still engaged (2)?');
  await shoot(page, 'redial-paused');

  await page.keyboard.press('c');
  await page.keyboard.press('5');
  await expect(page.getByLabel('Undo', { exact: true })).toHaveText('Logged: Conversation — Ctrl+Z to undo');
  await shoot(page, 'undo-toast');

  await page.keyboard.press('Escape');
  await page.keyboard.press('Alt+C');
  const contacts = page.getByRole('listbox', { name: 'Contacts' });
  await contacts.getByRole('option').filter({ hasText: 'Ana Silva' }).click();
  const merged = page.getByRole('list', { name: 'Rows merged into this lead' });
  await expect(merged).toContainText('switchboard.csv, row 4: Phone (212) 555-0100 · Extension 11 · Email reception@acme.com');
  await expect(page.getByRole('textbox', { name: 'Email', exact: true })).toHaveValue('reception@acme.com');
  await expect(page.getByLabel('Campaigns and tags')).toHaveText('#front desk');
  await merged.scrollIntoViewIfNeeded();
  await shoot(page, 'merged-rows');
  await merged.getByRole('button', { name: 'Split into its own lead' }).click();
  await expect(merged).toContainText('split into contact #3');
  // The email the merge filled in went with the row, on screen too: Save cannot write it back.
  await expect(page.getByRole('status').filter({ hasText: 'Split:' })).toHaveText(
    'Split: the row is a lead of its own (contact #3); the calls stay here. What the merge filled in here went with them: email, the tag “front desk”.',
  );
  await expect(page.getByRole('textbox', { name: 'Email', exact: true })).toHaveValue('');
  await expect(page.getByLabel('Campaigns and tags')).toHaveCount(0);
  await page.getByRole('status').filter({ hasText: 'Split:' }).scrollIntoViewIfNeeded();
  await shoot(page, 'merged-rows-split');
});
