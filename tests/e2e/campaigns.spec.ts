import { expect, test } from './fixtures';
import { invokeCore } from './preview';
import { shootScreen } from './shots';

// Campaigns and tags (issue #13, point 9; acceptance 5): leads added to a campaign from the
// contacts filter, a lead tagged with T on the call screen, and the queue filtered by both.

test('a campaign from the contacts filter and a tag from T filter the queue', async ({ page, desk }) => {
  test.setTimeout(120_000);
  const preview = await desk.confirmed();
  for (const [firstName, company, phone] of [
    ['Ana', 'Spring Co', '+1 212 555 0971'],
    ['Ben', 'Other Inc', '+1 212 555 0972'],
    ['Cleo', 'Spring Co', '+1 212 555 0973'],
    ['Dan', 'Other Inc', '+1 212 555 0974'],
  ] as const) {
    await invokeCore(preview, 'contacts.add', { firstName, lastName: 'Lead', company, phone });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(preview.url);
  const queue = page.getByRole('listbox', { name: 'Queue' });
  await expect(queue.getByRole('option')).toHaveCount(4);

  // Contacts: the filter finds the two Spring Co leads; "Add these 2 to campaign…" makes "Spring".
  await page.keyboard.press('Alt+C');
  await page.keyboard.press('/');
  await page.keyboard.type('Spring Co');
  await expect(page.getByRole('listbox', { name: 'Contacts' }).getByRole('option')).toHaveCount(2);
  await page.getByRole('button', { name: 'Add these 2 to campaign…' }).click();
  const picker = page.getByRole('dialog', { name: 'Add 2 leads to a campaign' });
  await expect(picker).toBeVisible();
  await page.keyboard.type('  Spring ');
  await expect(picker).toContainText('Makes a new campaign: “Spring”.');
  await shootScreen(page, '90-campaign-add');
  await page.keyboard.press('Enter');
  await expect(picker).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'added to' })).toHaveText('2 added to “Spring”.');

  // The call screen: T tags Cleo "hot" (typed, Enter).
  await page.keyboard.press('Alt+Q');
  await expect(queue.getByRole('option')).toHaveCount(4);
  await queue.getByRole('option', { name: /Cleo Lead/ }).click();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Cleo Lead', exact: true })).toBeVisible();
  await page.keyboard.press('t');
  const tagPicker = page.getByRole('dialog', { name: 'Tag this lead' });
  await expect(tagPicker).toBeVisible();
  await page.keyboard.type('hot');
  await shootScreen(page, '91-tag-picker');
  await page.keyboard.press('Enter');
  await expect(tagPicker).toHaveCount(0);
  const labels = page.getByLabel('Campaigns and tags');
  await expect(labels).toContainText('Campaign: Spring');
  await expect(labels).toContainText('#hot');
  // A look-alike of a tag there (full-width, as some pages paste it) is that tag, said before Enter;
  // a name the core would refuse says why as it is typed.
  await page.keyboard.press('t');
  await expect(tagPicker).toBeVisible();
  await page.keyboard.type('ＨＯＴ');
  await expect(tagPicker).toContainText('Adds to “hot”.');
  await page.keyboard.type(', warm');
  await expect(tagPicker).toContainText('A tag cannot contain "," or ";"');
  await page.keyboard.press('Escape');
  await expect(tagPicker).toHaveCount(0);
  await page.keyboard.press('Escape');

  // The queue: F goes to the campaign filter; Spring keeps Ana and Cleo; Tab, the tag: only Cleo.
  await expect(queue.getByRole('option')).toHaveCount(4);
  await page.keyboard.press('f');
  const campaignFilter = page.getByRole('combobox', { name: /Campaign/ });
  await expect(campaignFilter).toBeFocused();
  await campaignFilter.selectOption({ label: 'Spring (2)' });
  await expect(queue.getByRole('option')).toHaveText([/Ana Lead/, /Cleo Lead/]);
  await page.keyboard.press('Tab');
  const tagFilter = page.getByRole('combobox', { name: 'Tag' });
  await expect(tagFilter).toBeFocused();
  await tagFilter.selectOption({ label: 'hot (1)' });
  await expect(queue.getByRole('option')).toHaveText([/Cleo Lead/]);
  await expect(page.getByRole('heading', { name: /Queue/ })).toContainText('1 offered now');
  await shootScreen(page, '92-queue-by-campaign-and-tag');
  // The tag alone: still only Cleo; no filter: all four again.
  await campaignFilter.selectOption({ label: 'All campaigns' });
  await expect(queue.getByRole('option')).toHaveText([/Cleo Lead/]);
  await tagFilter.selectOption({ label: 'Any tag' });
  await expect(queue.getByRole('option')).toHaveCount(4);

  // Calling through the campaign: after Ana's no answer the next lead is Cleo, the campaign's
  // other lead, not Ben (next in the whole queue); the filter is still set on the queue after.
  await campaignFilter.selectOption({ label: 'Spring (2)' });
  await expect(queue.getByRole('option')).toHaveText([/Ana Lead/, /Cleo Lead/]);
  await queue.getByRole('option', { name: /Ana Lead/ }).click();
  await page.keyboard.press('Enter');
  await expect(page.locator('#contact-name')).toHaveText('Ana Lead');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await page.keyboard.press('1');
  await expect(page.locator('#contact-name')).toHaveText('Cleo Lead');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('combobox', { name: /Campaign/ })).toHaveValue(String(await campaignIdOf('Spring')));

  async function campaignIdOf(name: string): Promise<number> {
    const campaigns = (await invokeCore(preview, 'campaigns.list', {})) as { id: number; name: string }[];
    return campaigns.find((c) => c.name === name)!.id;
  }
});
