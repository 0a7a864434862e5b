import { expect, test } from './fixtures';
import { themeColor } from './flows';
import { advanceClock, confirmFirstRun, dialled, invokeCore } from './preview';
import { SIZES, shootSizes } from './shots';

// Follow-through, on the fake clock: Wednesday 4 March 2026, 12:00 in New York (17:00 UTC).
// A voicemail leaves an email task; E opens it through mailto: (recorded by the test dialer);
// Enter marks it sent; the follow-up call is due two business days later, Friday 6 March at 08:00
// in New York (13:00 UTC), and the lead is back in the queue then. A promise made on the call is
// overdue in red in the due strip, then kept. All of it is still there after a restart.

test('voicemail → email task → E (mailto) → sent → follow-up call in the queue at its instant; a promise overdue in red, then kept; after a restart', async ({ page, desk }) => {
  let preview = await desk.firstRun();
  await invokeCore(preview, 'settings.update', { repName: 'Sam Reed', repPhone: '(212) 555-0100', theme: 'light' });
  const jo = await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: 'Jo', lastName: 'Tremblay', company: 'Q&A #1 Ltd', phone: '+1 212 555 0143' });
  await invokeCore(preview, 'contacts.update', {
    id: jo.id, firstName: 'Jo', lastName: 'Tremblay', company: 'Q&A #1 Ltd', title: '', email: 'jo.tremblay@example.com',
    phone: '+1 212 555 0143', timeZone: 'America/New_York', kind: 'outbound', lineType: 'residential', notes: '',
  });
  await page.setViewportSize(SIZES[0]);
  await page.goto(preview.url);
  await confirmFirstRun(page);

  // The call: dial, voicemail left.
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Jo Tremblay', exact: true })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await page.keyboard.press('3');
  // The task is due at the instant of the disposition: the scheduler's timer fires as time moves.
  await advanceClock(preview, 1_000);

  // The email task, due now, says what it is; it opens the lead's call screen.
  const strip = page.getByRole('region', { name: 'Due now' });
  await strip.getByRole('button', { name: /Email: after a voicemail: Jo Tremblay/ }).click();
  await expect(page.getByRole('heading', { name: 'Jo Tremblay', exact: true })).toBeVisible();
  const tasks = page.getByRole('list', { name: 'Open tasks' });
  await expect(tasks).toContainText('Email: after a voicemail');
  await shootSizes(page, 'follow-call-screen', 'light');

  // E: the draft goes to the mail client as a mailto: link to Jo's address, every value encoded.
  await page.keyboard.press('e');
  const dialog = page.getByRole('dialog', { name: 'Email' });
  await expect(dialog).toContainText('The draft is open in your mail client');
  const mailto = (await dialled(preview)).filter((uri) => uri.startsWith('mailto:'));
  expect(mailto).toHaveLength(1);
  expect(mailto[0]).toMatch(/^mailto:jo\.tremblay@example\.com\?subject=Sorry%20we%20haven%E2%80%99t%20connected%20yet%2C%20Jo&body=Hi%20Jo%2C%0D%0A/);
  expect(mailto[0]).toContain('Q%26A%20%231%20Ltd');
  await shootSizes(page, 'follow-email-dialog', 'light');

  // Enter: marked sent; the lead's step says when the call is due, on their clock.
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('follow-step')).toHaveText('email sent 5:00 PM UTC · call due Fri, Mar 6, 8:00 AM EST · 1:00 PM UTC yours');

  // P: a promise, due in an hour.
  await page.keyboard.press('p');
  const promiseDialog = page.getByRole('dialog', { name: 'I promised…' });
  await promiseDialog.getByLabel('What').fill('send the price list');
  await promiseDialog.getByRole('button', { name: 'in 1 hour' }).click();
  await promiseDialog.getByRole('button', { name: 'Record the promise' }).click();
  await expect(promiseDialog).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Promises' })).toContainText('send the price list · to Jo Tremblay · Sam Reed');

  // Two hours later it is overdue: loud in the due strip, in red, with how late.
  await page.keyboard.press('Escape');
  await advanceClock(preview, 2 * 3_600_000 - 1_000);
  const overdue = page.getByRole('alert', { name: 'Overdue promises' });
  await expect(overdue).toContainText('Promise overdue: send the price list — Jo Tremblay · 1 h late');
  expect(await overdue.evaluate((el) => getComputedStyle(el).color)).toBe(await themeColor(page, '--bad'));
  await shootSizes(page, 'follow-promise-overdue', 'light');

  // Kept, with a note: the red line goes.
  await overdue.getByRole('button', { name: /send the price list/ }).click();
  const promises = page.getByRole('list', { name: 'Promises' });
  await promises.getByRole('button', { name: 'Kept…' }).click();
  await promises.getByLabel('How it was kept').fill('emailed the PDF');
  await promises.getByRole('button', { name: 'Kept' }).click();
  await expect(page.getByRole('alert', { name: 'Overdue promises' })).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Promises' })).toHaveCount(0);

  // The follow-up call is not in the queue on Thursday, and is on Friday at 08:00 New York time.
  await page.keyboard.press('Escape');
  const queue = page.getByRole('listbox', { name: 'Queue' });
  await advanceClock(preview, Date.parse('2026-03-05T18:00:00Z') - Date.parse('2026-03-04T19:00:00Z'));
  await expect(queue.getByRole('option')).toHaveCount(0);
  await advanceClock(preview, Date.parse('2026-03-06T12:59:00Z') - Date.parse('2026-03-05T18:00:00Z'));
  await expect(queue.getByRole('option')).toHaveCount(0);
  await advanceClock(preview, 60_000);
  await expect(queue.getByRole('option', { name: /Jo Tremblay/ })).toBeVisible();

  // A restart on the same data: the email, the task and the kept promise are all still there.
  const port = Number(new URL(preview.url).port);
  preview = await desk.restart(preview, { clock: '2026-03-06T13:00:00Z', port });
  await page.goto(preview.url);
  // The app is up (its keys registered) before its keys are pressed.
  await expect(page.getByRole('heading', { name: /Queue/ })).toBeVisible();
  await page.keyboard.press('Alt+t');
  const taskList = page.getByRole('listbox', { name: 'Open tasks' });
  await expect(taskList.getByRole('option')).toHaveCount(1);
  await expect(taskList).toContainText('Follow-up call after the email (Phone–mail–phone)');
  const follow = await invokeCore<{ emails: { subject: string; sentAt: string }[] }>(preview, 'follow.lead', { contactId: jo.id });
  expect(follow.emails).toEqual([{ id: 1, situation: 'after_voicemail', to: 'jo.tremblay@example.com', subject: 'Sorry we haven’t connected yet, Jo', sentAt: '2026-03-04T17:00:01.000Z' }]);
  const timeline = await invokeCore<{ kind: string; text: string }[]>(preview, 'follow.timeline', { contactId: jo.id });
  expect(timeline.filter((e) => e.kind === 'promise_kept').map((e) => e.text)).toEqual(['Kept: send the price list — emailed the PDF']);
  await shootSizes(page, 'follow-tasks', 'light');

  // The same screens in the dark theme.
  await invokeCore(preview, 'settings.update', { theme: 'dark' });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.keyboard.press('Alt+t');
  await expect(taskList.getByRole('option')).toHaveCount(1);
  await shootSizes(page, 'follow-tasks', 'dark');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Jo Tremblay', exact: true })).toBeVisible();
  await invokeCore(preview, 'promises.add', { contactId: jo.id, what: 'ask finance about terms', dueAt: '2026-03-06T12:00:00Z' });
  await expect(page.getByRole('alert', { name: 'Overdue promises' })).toBeVisible();
  await shootSizes(page, 'follow-call-screen', 'dark');
  await page.keyboard.press('e');
  await expect(page.getByRole('dialog', { name: 'Email' })).toBeVisible();
  await shootSizes(page, 'follow-email-dialog', 'dark');
});
