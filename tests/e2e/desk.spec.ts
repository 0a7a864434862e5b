// Desk-ready in Settings (issue #16): "Your phone" (a preset's link is what the next dial opens; a
// custom template the allowlist refuses is not saved), backups listed and taken by hand, "Copy
// diagnostics", and the compact strip.
import { expect, test } from '@playwright/test';
import { dialled, invokeCore, makeDataDir, screenshotPath, startPreview, type RunningPreview } from './preview';
import { shootScreen } from './shots';

let preview: RunningPreview | undefined;
test.afterEach(async () => {
  await preview?.stop();
});

const ANA = { firstName: 'Ana', lastName: 'Silva', company: 'Acme', phone: '+1 212 555 0901' };
/** Teams' PSTN call link for ANA's number: "4:" and the E.164 number, its + written %2B (README, "Your phone"). */
const ANA_TEAMS_LINK = 'https://teams.microsoft.com/l/call/0/0?users=4:%2B12125550901';

test('Your phone: Teams is what the next dial opens and records; a custom template the allowlist refuses shows why and is not saved', async ({ page }) => {
  preview = await startPreview(makeDataDir());
  await invokeCore(preview, 'settings.update', { defaultCountry: 'US', defaultTimeZone: 'America/New_York' });
  await invokeCore(preview, 'settings.confirm', {});
  const ana = await invokeCore<{ id: number }>(preview, 'contacts.add', ANA);
  await page.goto(preview.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Queue/);
  await page.keyboard.press('Alt+S');
  const phone = page.getByRole('form', { name: 'Your phone' });
  // Each preset with the shape of its links.
  await expect(phone.getByRole('radio')).toHaveCount(10);
  await expect(phone.locator('.preset-option').filter({ hasText: 'Microsoft Teams' })).toContainText('https://teams.microsoft.com/l/call/0/0?users=4:%2B14155552671');
  await expect(phone.locator('.preset-option').filter({ hasText: 'RingCentral' })).toContainText('rcmobile://call?number=14155552671');

  await phone.getByRole('radio', { name: /Microsoft Teams/ }).focus();
  await page.keyboard.press('Space');
  await phone.getByRole('button', { name: 'Save phone' }).focus();
  await page.keyboard.press('Enter');
  await expect(phone.getByRole('status')).toHaveText('Saved. The next dial uses it.');
  await shootScreen(page, 'desk-settings-phone');

  await page.keyboard.press('Alt+Q');
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.locator('#contact-name')).toHaveText('Ana Silva');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  expect(await dialled(preview)).toEqual([ANA_TEAMS_LINK]);
  const calls = await invokeCore<{ calls: { contactId: number; dialUri: string }[] }>(preview, 'calls.search', {});
  expect(calls.calls).toEqual([expect.objectContaining({ contactId: ana.id, dialUri: ANA_TEAMS_LINK })]);
  await page.keyboard.press('1');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Queue/);

  // A custom template that would open an https: page: the core's reason beside the field, nothing saved.
  await page.keyboard.press('Alt+S');
  await phone.getByRole('radio', { name: /Custom template/ }).focus();
  await page.keyboard.press('Space');
  const template = phone.getByLabel(/Link template/);
  await template.fill('https://example.com/call?n={e164}');
  await phone.getByRole('button', { name: 'Save phone' }).click();
  await expect(template).toHaveAttribute('aria-invalid', 'true');
  await expect(phone.locator('.field-error')).toContainText('The template does not make an allowed dial link');
  await shootScreen(page, 'desk-settings-phone-bad-template');
  const settings = await invokeCore<{ phone: { preset: string; template: string } }>(preview, 'settings.get', {});
  expect(settings.phone).toMatchObject({ preset: 'teams', template: '' });

  // Test dial (T): the rep's own number, through the saved preset; without one, the core says so.
  await template.fill('');
  await phone.getByRole('radio', { name: /Microsoft Teams/ }).check();
  await page.keyboard.press('t');
  await expect(phone.getByRole('alert')).toContainText('Give your own number in Settings');
  await invokeCore(preview, 'settings.update', { repPhone: '(212) 555-0143' });
  await page.keyboard.press('t');
  await expect(phone.getByRole('status')).toContainText('Test dial: https://teams.microsoft.com/l/call/0/0?users=4:%2B12125550143 handed to the phone');
  expect((await dialled(preview)).at(-1)).toBe('https://teams.microsoft.com/l/call/0/0?users=4:%2B12125550143');
});

test('Backups: B backs up now and the list shows it with its size, schema and calls; Y copies the diagnostics and shows them', async ({ page, context }) => {
  // A backup, four screenshots and a restart of the form: more than a minute on a busy CI machine.
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  preview = await startPreview(makeDataDir());
  await invokeCore(preview, 'settings.confirm', {});
  const ana = await invokeCore<{ id: number }>(preview, 'contacts.add', ANA);
  for (let i = 0; i < 3; i++) {
    const call = await invokeCore<{ id: number }>(preview, 'calls.dial', { contactId: ana.id, override: true });
    await invokeCore(preview, 'calls.log', { callId: call.id, outcome: 'no_answer' });
  }
  const { schemaVersion } = await invokeCore<{ schemaVersion: number }>(preview, 'app.info', {});
  await page.goto(preview.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Queue/);
  await page.keyboard.press('Alt+S');
  const panel = page.getByRole('region', { name: 'Backups' });
  const table = panel.getByRole('table', { name: 'Backups' });
  const before = await table.locator('tbody tr').count();

  await page.keyboard.press('b');
  await expect(panel.getByRole('status')).toContainText(/Backed up: dialdeck-.*-manual\.sqlite/);
  await expect(table.locator('tbody tr')).toHaveCount(before + 1);
  const newest = table.locator('tbody tr').filter({ hasText: 'by hand' }).first();
  // Schema as the core reports it, and the three calls logged above.
  await expect(newest.locator('td').nth(3)).toHaveText(String(schemaVersion));
  await expect(newest.locator('td').nth(4)).toHaveText('3');
  await expect(newest.locator('td').nth(2)).toHaveText(/^\d+ KB$/);
  await panel.scrollIntoViewIfNeeded();
  await shootScreen(page, 'desk-settings-backups');

  // Kept: a number out of range is the core's field error, a good one is saved.
  const kept = panel.getByLabel('Backups kept');
  await kept.fill('0');
  await panel.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(panel.locator('.field-error')).toHaveText('“Backups kept” must be a whole number of backups from 1 to 365.');
  await kept.fill('7');
  await panel.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(panel.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  expect((await invokeCore<{ backupsKept: number }>(preview, 'settings.get', {})).backupsKept).toBe(7);

  await page.keyboard.press('Escape');
  await page.keyboard.press('y');
  const diagnostics = page.getByRole('region', { name: 'Diagnostics' });
  await expect(diagnostics.getByRole('status')).toHaveText('Copied to the clipboard:');
  const shown = await diagnostics.getByLabel('Diagnostics copied').inputValue();
  expect(shown).toContain('Rows: 1 contacts, 3 calls');
  expect(shown).toContain('Phone preset: tel');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
  await diagnostics.scrollIntoViewIfNeeded();
  await shootScreen(page, 'desk-settings-diagnostics');
});

test('Compact: the window switch turns the app into a strip — the lead, their time, Dial and the disposition keys', async ({ page }) => {
  preview = await startPreview(makeDataDir());
  await invokeCore(preview, 'settings.update', { defaultCountry: 'US', defaultTimeZone: 'America/New_York' });
  await invokeCore(preview, 'settings.confirm', {});
  await invokeCore(preview, 'contacts.add', ANA);
  await page.goto(preview.url);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Queue/);
  await page.keyboard.press('Alt+S');
  const compact = page.getByRole('checkbox', { name: /^Compact/ });
  await compact.focus();
  await page.keyboard.press('Space');
  await expect(compact).toBeChecked();
  await expect(page.locator('.app.compact')).toBeVisible();
  await shootScreen(page, 'desk-settings-window');

  await page.setViewportSize({ width: 420, height: 640 });
  await page.keyboard.press('Alt+Q');
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(1);
  await page.screenshot({ path: screenshotPath('desk-compact-queue-420x640') });
  await page.keyboard.press('Enter');
  await expect(page.locator('#contact-name')).toHaveText('Ana Silva');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  // The strip: the lead, their time, Dial and every disposition key in view; the script and history are not.
  for (const shown of [page.locator('#contact-name'), page.getByLabel('Their local time'), page.getByRole('button', { name: /^Dialled/ }), page.locator('.disposition').first(), page.locator('.disposition').last()]) await expect(shown).toBeInViewport();
  await expect(page.locator('.script-column')).toBeHidden();
  await expect(page.locator('.history')).toBeHidden();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBe(0);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await page.screenshot({ path: screenshotPath(`desk-compact-call-420x640-${scheme}`) });
  }
  await page.keyboard.press('1');
});
