import { expect, test } from '@playwright/test';
import { themeColor } from './flows';
import { advanceClock, confirmFirstRun, invokeCore, makeDataDir, startPreview, type RunningPreview } from './preview';
import { SIZES, shootSizes } from './shots';

// The Promises screen (Alt+O), on the fake clock: Wednesday 4 March 2026, 12:00 in New York
// (17:00 UTC). A promise made on a call (P, "in 1 hour": 18:00 UTC, 13:00 in New York) is listed
// with both times and its owner; two hours later it is overdue, red, "1 h late"; K keeps it with a
// note from the screen and it leaves the open list. Ben's promise, due at 16:30 UTC, is marked
// broken with B: the call task "call them first and say so" is due at once.

let preview: RunningPreview | undefined;
test.afterEach(async () => {
  await preview?.stop();
});

test('a promise made on a call is on the Promises screen, overdue in red with how late, kept from the screen with a note; a broken one leaves its call task', async ({ page }) => {
  preview = await startPreview(makeDataDir());
  await invokeCore(preview, 'settings.update', { repName: 'Sam Reed', repPhone: '(212) 555-0100', theme: 'light' });
  const jo = await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: 'Jo', lastName: 'Tremblay', company: 'Q&A #1 Ltd', phone: '+1 212 555 0143' });
  await invokeCore(preview, 'contacts.update', {
    id: jo.id, firstName: 'Jo', lastName: 'Tremblay', company: 'Q&A #1 Ltd', title: '', email: 'jo.tremblay@example.com',
    phone: '+1 212 555 0143', timeZone: 'America/New_York', kind: 'outbound', lineType: 'residential', notes: '',
  });
  const ben = await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: 'Ben', lastName: 'Okafor', company: 'Brightline', phone: '+1 212 555 0150' });
  await invokeCore(preview, 'promises.add', { contactId: ben.id, what: 'call the depot about the pallets', owner: 'Dana Cole', dueAt: '2026-03-04T16:30:00Z' });
  await page.setViewportSize(SIZES[0]);
  await page.goto(preview.url);
  await confirmFirstRun(page);

  // On Jo's call: P, "I promised…", in an hour; then the call is logged as a conversation.
  const queue = page.getByRole('listbox', { name: 'Queue' });
  await queue.getByRole('option', { name: /Jo Tremblay/ }).click();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Jo Tremblay', exact: true })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await page.keyboard.press('p');
  const promiseDialog = page.getByRole('dialog', { name: 'I promised…' });
  await promiseDialog.getByLabel('What').fill('send the price list');
  await promiseDialog.getByRole('button', { name: 'in 1 hour' }).click();
  await promiseDialog.getByRole('button', { name: 'Record the promise' }).click();
  await expect(promiseDialog).toHaveCount(0);
  await page.keyboard.press('5');
  await expect(page.getByRole('timer', { name: 'Call time' })).toHaveCount(0);

  // Alt+O: both open promises by due time; Jo's is due 13:00 on her clock, Sam's own.
  await page.keyboard.press('Alt+o');
  await expect(page.getByRole('heading', { level: 1, name: /Promises/ })).toBeVisible();
  const list = page.getByRole('listbox', { name: 'Promises' });
  await expect(list.getByRole('option')).toHaveCount(2);
  const joRow = list.getByRole('option', { name: /send the price list/ });
  await expect(joRow).toContainText('send the price list · to Jo Tremblay at Q&A #1 Ltd');
  await expect(joRow.locator('.task-their')).toHaveText(/^1:00\sPM\sEST\stheirs$/);
  await expect(joRow).toContainText('Sam Reed');
  await expect(joRow).toContainText('open');
  const benRow = list.getByRole('option', { name: /call the depot/ });
  await expect(benRow).toContainText('30 min late');
  await expect(benRow).toContainText('Dana Cole');
  // The first listed is the first due: Ben's, already late.
  await expect(list.getByRole('option').first()).toContainText('call the depot');

  // Two hours on: Jo's promise is overdue, in red, with how late.
  await advanceClock(preview, 2 * 3_600_000);
  await expect(joRow).toContainText('1 h late');
  await expect(joRow).toContainText('overdue');
  const red = await themeColor(page, '--bad');
  expect(await joRow.locator('.late').evaluate((el) => getComputedStyle(el).color)).toBe(red);
  expect(await joRow.locator('.task-title').evaluate((el) => getComputedStyle(el).color)).toBe(red);
  await expect(benRow).toContainText('2 h 30 min late');
  await page.keyboard.press('2');
  await expect(list.getByRole('option')).toHaveCount(2);
  await page.keyboard.press('1');
  await shootSizes(page, 'promises-overdue', 'light');

  // K on Jo's row: the note of how, Enter; it leaves the open list.
  await joRow.click();
  await page.keyboard.press('k');
  const keep = page.getByRole('dialog', { name: 'Promise kept' });
  await expect(keep).toBeVisible();
  await keep.getByLabel('How it was kept').fill('emailed the PDF');
  await shootSizes(page, 'promises-keep-dialog', 'light');
  await keep.getByLabel('How it was kept').press('Enter');
  await expect(keep).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('Kept: send the price list (Jo Tremblay) — emailed the PDF.');
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(joRow).toHaveCount(0);
  await page.keyboard.press('3');
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option').first()).toContainText('kept');
  await expect(list.getByRole('option').first()).toContainText('emailed the PDF');
  const timeline = await invokeCore<{ kind: string; text: string; at: string }[]>(preview, 'follow.timeline', { contactId: jo.id });
  expect(timeline.filter((e) => e.kind === 'promise_kept').map((e) => [e.text, e.at])).toEqual([['Kept: send the price list — emailed the PDF', '2026-03-04T19:00:00.000Z']]);

  // B on Ben's: marked broken; the call task to own it is due now (19:00 UTC).
  await page.keyboard.press('1');
  await expect(list.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('b');
  await expect(page.getByRole('status')).toContainText('Marked broken: call the depot about the pallets. Call Ben Okafor first and say so');
  await expect(page.getByText('No open promises.')).toBeVisible();
  await page.keyboard.press('4');
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option').first()).toContainText('call the depot about the pallets');
  await expect(list.getByRole('option').first()).toContainText('broken');
  const tasks = await invokeCore<{ tasks: { kind: string; title: string; dueAt: string; contactId: number }[] }>(preview, 'tasks.list', { due: true, kind: 'call' });
  expect(tasks.tasks.map((t) => [t.contactId, t.title, t.dueAt])).toEqual([[ben.id, 'Promise broken (call the depot about the pallets): call Ben Okafor first and say so', '2026-03-04T19:00:00.000Z']]);

  // Enter on a row opens the lead.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Ben Okafor', exact: true })).toBeVisible();

  // The screen in the dark theme, with an open and an overdue promise.
  await invokeCore(preview, 'promises.add', { contactId: jo.id, what: 'confirm the delivery date with the warehouse', dueAt: '2026-03-04T18:15:00Z' });
  await invokeCore(preview, 'promises.add', { contactId: ben.id, what: 'send the signed order form', dueAt: '2026-03-05T15:00:00Z' });
  await invokeCore(preview, 'settings.update', { theme: 'dark' });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('heading', { level: 1, name: /Queue/ })).toBeVisible();
  await page.keyboard.press('Alt+o');
  await expect(list.getByRole('option')).toHaveCount(2);
  await expect(list.getByRole('option').first()).toContainText('45 min late');
  expect(await list.getByRole('option').first().locator('.late').evaluate((el) => getComputedStyle(el).color)).toBe(await themeColor(page, '--bad'));
  await shootSizes(page, 'promises-overdue', 'dark');
});
