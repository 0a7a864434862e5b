import { expect, test } from './fixtures';
import { invokeCore } from './preview';
import { SIZES, shootScreen } from './shots';

// The Contacts list shows every number whole, extension and all, at 1024×640 and 1920×1080: the
// phone column is as wide as the longest number loaded; the name and company (and the zone) give
// way, cut with a title that says them whole; nothing scrolls sideways.

const PEOPLE = [
  { first: 'Ann', last: 'Lee', company: 'Acme', phone: '+1 212 555 0100', extension: '12' },
  { first: 'Bob', last: 'Ray', company: 'Acme', phone: '+1 212 555 0100', extension: '' },
  // The longest extension a number keeps (ten digits), on a long name at a long company.
  { first: 'Maximiliana', last: 'Featherstonehaugh-Wolfeschlegel', company: 'International Consolidated Holdings and Subsidiaries Ltd', phone: '+1 212 555 0100', extension: '1234567890' },
  { first: 'Ed', last: 'Hale', company: 'Hale & Co', phone: '+44 20 7946 0958', extension: '4321' },
];
const FILE = ['First Name,Last Name,Company,Phone,Extension', ...PEOPLE.map((p) => `${p.first},${p.last},"${p.company}",${p.phone},${p.extension}`)].join('\n');
/** How a number with its extension reads: the file's own spacing, then "ext. N". */
const shown = (p: (typeof PEOPLE)[number]) => (p.extension ? `${p.phone} ext. ${p.extension}` : p.phone);

test('the phone column shows each number whole with its extension at both sizes; the name gives way, with a title', async ({ page, desk }) => {
  const preview = await desk.confirmed();
  const staged = await invokeCore<{ stageId: string }>(preview, 'imports.preview', { fileName: 'switchboard.csv', data: Buffer.from(FILE).toString('base64') });
  await invokeCore(preview, 'imports.run', { stageId: staged.stageId, mapping: ['firstName', 'lastName', 'company', 'phone', 'extension'] });
  await page.setViewportSize(SIZES[0]);
  await page.goto(preview.url);
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option').first()).toBeVisible();
  await page.keyboard.press('Alt+C');
  const list = page.getByRole('listbox', { name: 'Contacts' });
  await expect(list.getByRole('option')).toHaveCount(PEOPLE.length);

  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const person of PEOPLE) {
      const row = list.getByRole('option').filter({ hasText: `${person.first} ${person.last}` });
      const phone = row.locator('.row-phone');
      await expect(phone).toHaveText(shown(person));
      // Whole: nothing of it hidden by its own box.
      const fits = await phone.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(fits.scroll, `${person.first} at ${size.width}×${size.height}: ${fits.scroll} in ${fits.client}`).toBeLessThanOrEqual(fits.client);
      await expect(phone).toBeInViewport({ ratio: 1 });
    }
    // The long name is what gives way: cut, and said whole in its title.
    const who = list.getByRole('option').filter({ hasText: 'Maximiliana' }).locator('.row-who');
    await expect(who).toHaveAttribute('title', `Maximiliana Featherstonehaugh-Wolfeschlegel · ${PEOPLE[2]!.company}`);
    if (size.width === SIZES[0].width) {
      const name = await who.locator('.row-name').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
      expect(name.scroll, 'at 1024×640 the long name is cut').toBeGreaterThan(name.client);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth), `${size.width}: no sideways scroll`).toBe(true);
  }
  await shootScreen(page, '92-contacts-phone-column', { noSideways: true });
});

test("a lead's form shows its number as the list does, and saving it unchanged keeps the number and the extension", async ({ page, desk }) => {
  const preview = await desk.confirmed();
  const staged = await invokeCore<{ stageId: string }>(preview, 'imports.preview', { fileName: 'switchboard.csv', data: Buffer.from(FILE).toString('base64') });
  await invokeCore(preview, 'imports.run', { stageId: staged.stageId, mapping: ['firstName', 'lastName', 'company', 'phone', 'extension'] });
  await page.goto(preview.url);
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option').first()).toBeVisible();
  await page.keyboard.press('Alt+C');
  const list = page.getByRole('listbox', { name: 'Contacts' });
  for (const person of [PEOPLE[0]!, PEOPLE[1]!, PEOPLE[3]!]) {
    await list.getByRole('option').filter({ hasText: `${person.first} ${person.last}` }).click();
    const detail = page.getByRole('region', { name: `${person.first} ${person.last}` });
    const phone = detail.getByRole('textbox', { name: 'Phone' });
    // Not the stored "+12125550100 x12": the number as the row beside it says it.
    await expect(phone).toHaveValue(shown(person));
    await detail.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(detail.getByRole('status')).toHaveText(`Saved ${person.first} ${person.last}.`);
    const { contacts } = await invokeCore<{ contacts: { firstName: string; e164: string; extension: string | null }[] }>(preview, 'contacts.search', {});
    expect(contacts.find((c) => c.firstName === person.first)).toMatchObject({ e164: `+${person.phone.replace(/\D/g, '')}`, extension: person.extension || null });
  }
  await shootScreen(page, 'contact-form-phone', { noSideways: true });
});
