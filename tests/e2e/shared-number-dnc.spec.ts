import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { invokeCore, type RunningPreview } from './preview';
import { shootScreen } from './shots';

// A do-not-call is kept per number, so on a switchboard (colleagues behind one number, each a
// lead of their own) D stops calls to all of them. Before it is logged the rep is told so, by
// name, and asked: Y logs it, Esc logs nothing. A lead alone on its number is logged at once, as
// before. The same question before "Add to do-not-call" on the contact screen.

/** Three colleagues behind one switchboard (different extensions, so three leads), and a lead on
 *  a number of her own. */
const SWITCHBOARD = '+1 212 555 0100';
const SWITCHBOARD_E164 = '+12125550100';
const PEOPLE = [
  { first: 'Ann', last: 'Lee', phone: SWITCHBOARD, extension: '12' },
  { first: 'Bob', last: 'Ray', phone: SWITCHBOARD, extension: '' },
  { first: 'Cy', last: 'Oak', phone: SWITCHBOARD, extension: '3456' },
  { first: 'Dee', last: 'Fox', phone: '+1 212 555 0199', extension: '' },
];
const FILE = ['First Name,Last Name,Company,Phone,Extension', ...PEOPLE.map((p) => `${p.first},${p.last},Acme,${p.phone},${p.extension}`)].join('\n');
/** How the app names a colleague: "Cy Oak (ext. 3456)", "Bob Ray". */
const named = (p: (typeof PEOPLE)[number]) => `${p.first} ${p.last}${p.extension ? ` (ext. ${p.extension})` : ''}`;
const [ann, bob, cy, dee] = PEOPLE as [(typeof PEOPLE)[number], (typeof PEOPLE)[number], (typeof PEOPLE)[number], (typeof PEOPLE)[number]];

const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });

async function deskWithSwitchboard(running: RunningPreview): Promise<Map<string, number>> {
  const staged = await invokeCore<{ stageId: string }>(running, 'imports.preview', { fileName: 'switchboard.csv', data: Buffer.from(FILE).toString('base64') });
  await invokeCore(running, 'imports.run', { stageId: staged.stageId, mapping: ['firstName', 'lastName', 'company', 'phone', 'extension'] });
  const { contacts } = await invokeCore<{ contacts: { id: number; firstName: string }[] }>(running, 'contacts.search', {});
  return new Map(contacts.map((c) => [c.firstName, c.id]));
}

const dncNumbers = async (running: RunningPreview) => (await invokeCore<{ e164: string }[]>(running, 'dnc.list', {})).map((d) => d.e164);
const queuedIds = async (running: RunningPreview) => (await invokeCore<{ entries: { contact: { id: number } }[] }>(running, 'queue.list', {})).entries.map((e) => e.contact.id);
const lastOutcome = async (running: RunningPreview, id: number) => (await invokeCore<{ calls: { outcome: string | null }[] }>(running, 'contacts.get', { id })).calls[0]?.outcome ?? null;

test('D on a switchboard number names the colleagues it also stops and asks first: Esc logs nothing, Y logs it; a number of its own is logged at once', async ({ page, desk }) => {
  const preview = await desk.confirmed();
  const ids = await deskWithSwitchboard(preview);
  await page.goto(preview.url);
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option').first()).toContainText(`${ann.first} ${ann.last}`);
  await page.keyboard.press('Enter');
  await expect(heading(page, `${ann.first} ${ann.last}`)).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();

  await page.keyboard.press('d');
  const ask = page.getByRole('alertdialog', { name: 'Do not call a shared number?' });
  await expect(ask.getByRole('paragraph')).toHaveText(`Do not call ${ann.first} ${ann.last}? This also stops calls to ${named(bob)} and ${named(cy)} — they share ${SWITCHBOARD}.`);
  await shootScreen(page, '90-dnc-shared-number', { noSideways: true });
  // Asked, not logged.
  expect(await dncNumbers(preview)).toEqual([]);
  expect(await lastOutcome(preview, ids.get(ann.first)!)).toBeNull();

  // Esc: back to the keys, nothing logged.
  await page.keyboard.press('Escape');
  await expect(ask).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Do not call/ })).toBeVisible();
  expect(await dncNumbers(preview)).toEqual([]);
  expect(await lastOutcome(preview, ids.get(ann.first)!)).toBeNull();

  // D again, Y: logged; the number is on the list and none of the three is queued.
  await page.keyboard.press('d');
  await expect(ask).toBeVisible();
  await page.keyboard.press('y');
  await expect(heading(page, `${dee.first} ${dee.last}`)).toBeVisible();
  expect(await dncNumbers(preview)).toEqual([SWITCHBOARD_E164]);
  expect(await lastOutcome(preview, ids.get(ann.first)!)).toBe('do_not_call');
  expect(await queuedIds(preview)).toEqual([ids.get(dee.first)]);

  // Dee is alone on her number: D logs at once, nothing asked.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await page.keyboard.press('d');
  await expect(page.getByText('Nobody else can be called right now.')).toBeVisible();
  await expect(ask).toHaveCount(0);
  expect(await lastOutcome(preview, ids.get(dee.first)!)).toBe('do_not_call');
});

test('"Add to do-not-call" on the contact screen names the colleagues on the number and asks first', async ({ page, desk }) => {
  const preview = await desk.confirmed();
  await deskWithSwitchboard(preview);
  // The smaller window: the question opens below the button, in a pane that scrolls to show it.
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.goto(preview.url);
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option').first()).toBeVisible();
  await page.keyboard.press('Alt+C');
  await page.getByRole('listbox', { name: 'Contacts' }).getByRole('option').filter({ hasText: `${cy.first} ${cy.last}` }).click();
  const detail = page.getByRole('region', { name: `${cy.first} ${cy.last}` });
  // The contact screen names the others on the number too, without the caller's extension clause.
  await expect(detail.getByLabel('Shares a number')).toHaveText(`Shares a number with ${named(ann)} and ${named(bob)}: another person, not a duplicate.`);
  await detail.getByRole('button', { name: 'Add to do-not-call' }).click();
  const ask = page.getByRole('alertdialog', { name: 'Do not call a shared number?' });
  await expect(ask).toBeInViewport({ ratio: 1 });
  await expect(ask.getByRole('paragraph')).toHaveText(`Do not call ${cy.first} ${cy.last}? This also stops calls to ${named(ann)} and ${named(bob)} — they share ${SWITCHBOARD}.`);
  await shootScreen(page, '91-dnc-shared-number-contact', { noSideways: true });
  await ask.getByRole('button', { name: /^Back/ }).click();
  await expect(ask).toHaveCount(0);
  expect(await dncNumbers(preview)).toEqual([]);
  await detail.getByRole('button', { name: 'Add to do-not-call' }).click();
  await ask.getByRole('button', { name: /^Do not call any of them/ }).click();
  await expect(detail.getByRole('status')).toContainText('is on the do-not-call list');
  expect(await dncNumbers(preview)).toEqual([SWITCHBOARD_E164]);
});
