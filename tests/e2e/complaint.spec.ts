import { expect, test } from './fixtures';
import { themeColor } from './flows';
import { advanceClock, confirmFirstRun, invokeCore } from './preview';
import { SIZES, shootSizes } from './shots';

// A complaint case from the first call to the closed loop, on the fake clock (Wednesday 4 March
// 2026, 12:00 in New York): on the complaint call X opens the case with its facts, a step is
// promised for tomorrow, follow-ups by phone and email are set; two days later the step is overdue
// (red on the lead), it is kept, the close-the-loop call is due, and the call that talks to Ana
// closes the case. Each of it is on the lead's timeline with its time.

interface CaseView {
  state: string;
  closedAt: string | null;
  steps: { keptAt: string | null }[];
}

test('a complaint case from first call to closed loop', async ({ page, desk }) => {
  test.setTimeout(120_000);
  const preview = await desk.firstRun();
  await invokeCore(preview, 'settings.update', { repName: 'Sam Reed', theme: 'light' });
  const ana = await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: 'Ana', lastName: 'Silva', company: 'Silva & Co', phone: '+1 212 555 0177' });
  await invokeCore(preview, 'contacts.update', {
    id: ana.id, firstName: 'Ana', lastName: 'Silva', company: 'Silva & Co', title: '', email: 'ana@silva.example',
    phone: '+1 212 555 0177', timeZone: 'America/New_York', kind: 'outbound', lineType: 'residential', notes: '',
  });
  await page.setViewportSize(SIZES[0]);
  await page.goto(preview.url);
  await confirmFirstRun(page);

  // The complaint call: dial; X opens the case with the facts.
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Ana Silva', exact: true })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await page.keyboard.press('x');
  const dialog = page.getByRole('dialog', { name: 'Complaint case' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Facts (what, when, who, what it cost them)').fill('Invoice 4411 charged twice on 20 Feb; $240 out of pocket');
  await dialog.getByRole('button', { name: 'Open the case' }).click();
  await expect(dialog.getByTestId('complaint-next')).toHaveText('Say the steps you will take, each with a date');

  // A step refused without words: the reason shown, the due time typed kept.
  await dialog.getByRole('button', { name: 'Promise the step' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('Say the step you will take');
  await dialog.getByLabel('Step', { exact: true }).fill('refund the second charge');
  await dialog.getByRole('button', { name: 'Promise the step' }).click();
  await expect(dialog.getByRole('list', { name: 'Steps' })).toContainText('refund the second charge');
  await expect(dialog.getByTestId('complaint-next')).toHaveText('Set the follow-up times by phone and by email');

  // Follow-ups: a call in 4 hours, an email in a day.
  await dialog.getByRole('group', { name: 'Follow-up due (your time): quick picks' }).getByRole('button', { name: 'in 4 hours' }).click();
  await dialog.getByRole('button', { name: 'Add the follow-up' }).click();
  await dialog.getByLabel('By').selectOption('email');
  await dialog.getByRole('group', { name: 'Follow-up due (your time): quick picks' }).getByRole('button', { name: 'in a day' }).click();
  await dialog.getByRole('button', { name: 'Add the follow-up' }).click();
  await expect(dialog.getByRole('list', { name: 'Follow-ups' }).getByRole('listitem')).toHaveCount(2);
  await expect(dialog.getByTestId('complaint-next')).toHaveText('Keep the steps you promised');
  await shootSizes(page, 'complaint-case-open', 'light');
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  // The call ends as a conversation.
  await page.keyboard.press('5');
  await expect(page.getByRole('timer', { name: 'Call time' })).toHaveCount(0);

  // Two days later the step is overdue: red on the lead's call screen.
  await advanceClock(preview, 2 * 86_400_000);
  await page.keyboard.press('Alt+t');
  const taskList = page.getByRole('listbox', { name: 'Open tasks' });
  await taskList.getByRole('option', { name: /refund the second charge/ }).click();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Ana Silva', exact: true })).toBeVisible();
  const line = page.getByTestId('complaint-line');
  await expect(line).toContainText('a step is overdue');
  expect(await line.locator('.late').evaluate((el) => getComputedStyle(el).color)).toBe(
    await themeColor(page, '--bad'),
  );
  await shootSizes(page, 'complaint-step-overdue', 'light');

  // Kept: the close-the-loop call is due now.
  const promises = page.getByRole('list', { name: 'Promises' });
  await promises.getByRole('button', { name: 'Kept…' }).click();
  await promises.getByLabel('How it was kept').fill('refunded to the card');
  await promises.getByRole('button', { name: 'Kept' }).click();
  await expect(line).toContainText('Every step kept: call and close the loop');
  await expect(page.getByRole('list', { name: 'Open tasks' })).toContainText('Close the loop with Ana: ask whether it is put right');
  await page.keyboard.press('x');
  await expect(dialog.getByRole('listitem').filter({ hasText: 'Close the loop' })).toContainText('call due');
  await shootSizes(page, 'complaint-close-the-loop', 'light');
  await page.keyboard.press('Escape');

  // The call that talks to Ana closes the loop.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await page.keyboard.press('5');
  await expect(page.getByRole('timer', { name: 'Call time' })).toHaveCount(0);
  await expect.poll(async () => (await invokeCore<{ current: CaseView }>(preview, 'complaints.ofLead', { contactId: ana.id })).current.state).toBe('closed');
  const closed = (await invokeCore<{ current: CaseView }>(preview, 'complaints.ofLead', { contactId: ana.id })).current;
  const timeline = await invokeCore<{ kind: string; at: string }[]>(preview, 'follow.timeline', { contactId: ana.id });
  expect(timeline.filter((e) => e.kind === 'case_opened').map((e) => e.at)).toEqual(['2026-03-04T17:00:00.000Z']);
  expect(timeline.filter((e) => e.kind === 'promise_kept').map((e) => e.at)).toEqual([closed.steps[0]!.keptAt]);
  expect(timeline.filter((e) => e.kind === 'case_closed').map((e) => e.at)).toEqual([closed.closedAt]);

  // On the lead: closed. In the dark theme too.
  await invokeCore(preview, 'settings.update', { theme: 'dark' });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.keyboard.press('Alt+t');
  await taskList.getByRole('option', { name: /Ana Silva/ }).first().click();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('complaint-line')).toContainText('Closed: the loop was closed');
  await page.keyboard.press('x');
  await expect(dialog.getByRole('listitem').filter({ hasText: /^Closed/ })).toBeVisible();
  await shootSizes(page, 'complaint-case-closed', 'dark');
});
