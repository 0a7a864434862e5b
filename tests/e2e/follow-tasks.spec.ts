import { expect, test } from '@playwright/test';
import { confirmFirstRun, dialled, invokeCore, makeDataDir, startPreview, type RunningPreview } from './preview';
import { shootSizes } from './shots';

// The Tasks screen's own follow-through: E on a task row opens the lead's email in the mail
// client (the mailto: recorded by the test opener), as on the call screen, and Enter marks it sent.

let preview: RunningPreview | undefined;
test.afterEach(async () => {
  await preview?.stop();
});

test('E on an email task of the Tasks screen opens its mailto: and Enter marks it sent', async ({ page }) => {
  preview = await startPreview(makeDataDir());
  await invokeCore(preview, 'settings.update', { repName: 'Sam Reed', repPhone: '(212) 555-0100', theme: 'light' });
  const jo = await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: 'Jo', lastName: 'Tremblay', company: 'Q&A #1 Ltd', phone: '+1 212 555 0143' });
  await invokeCore(preview, 'contacts.update', {
    id: jo.id, firstName: 'Jo', lastName: 'Tremblay', company: 'Q&A #1 Ltd', title: '', email: 'jo.tremblay@example.com',
    phone: '+1 212 555 0143', timeZone: 'America/New_York', kind: 'outbound', lineType: 'residential', notes: '',
  });
  const ben = await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: 'Ben', lastName: 'Okafor', company: 'Brightline', phone: '+1 212 555 0150' });
  // Jo's voicemail leaves the email task; Ben has a promise (another kind of task) due first.
  const call = await invokeCore<{ id: number }>(preview, 'calls.dial', { contactId: jo.id });
  await invokeCore(preview, 'calls.log', { callId: call.id, outcome: 'voicemail_left' });
  await invokeCore(preview, 'promises.add', { contactId: ben.id, what: 'send the brochure', dueAt: '2026-03-04T16:00:00Z' });
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.goto(preview.url);
  await confirmFirstRun(page);
  await expect(page.getByRole('heading', { name: /Queue/ })).toBeVisible();

  await page.keyboard.press('Alt+t');
  const list = page.getByRole('listbox', { name: 'Open tasks' });
  await expect(list.getByRole('option')).toHaveCount(2);
  // Each row: when on the rep's clock, and on the lead's in the one time format, with its zone
  // (17:00 and 16:00 UTC are noon and 11:00 in New York, on EST until 8 March).
  await expect(list.getByRole('option', { name: /Email: after a voicemail/ }).locator('.task-their')).toHaveText(/^12:00\sPM\sEST\stheirs$/);
  await expect(list.getByRole('option', { name: /send the brochure/ }).locator('.task-their')).toHaveText(/^11:00\sAM\sEST\stheirs$/);
  await list.getByRole('option', { name: /Email: after a voicemail/ }).click();
  await page.keyboard.press('e');
  const dialog = page.getByRole('dialog', { name: 'Email' });
  await expect(dialog).toContainText('The draft is open in your mail client');
  const mailto = (await dialled(preview)).filter((uri) => uri.startsWith('mailto:'));
  expect(mailto).toHaveLength(1);
  expect(mailto[0]).toMatch(/^mailto:jo\.tremblay@example\.com\?subject=Sorry%20we%20haven%E2%80%99t%20connected%20yet%2C%20Jo&body=/);
  await shootSizes(page, 'follow-tasks-email', 'light');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('Email marked sent.');
  // The email task is done; the follow-up call it planned and Ben's promise are what is left.
  await expect(list.getByRole('option', { name: /Email: after a voicemail/ })).toHaveCount(0);
  await expect(list.getByRole('option', { name: /Follow-up call after the email/ })).toHaveCount(1);
  const follow = await invokeCore<{ emails: { to: string }[] }>(preview, 'follow.lead', { contactId: jo.id });
  expect(follow.emails.map((e) => e.to)).toEqual(['jo.tremblay@example.com']);
});

test('the Tasks screen shows its first page at once and the rest as the list goes on: End reaches the last of 130 open tasks', async ({ page }) => {
  preview = await startPreview(makeDataDir());
  await invokeCore(preview, 'settings.update', { theme: 'light' });
  const ana = await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: 'Ana', lastName: 'Pages', company: 'Acme', phone: '+1 212 555 0160' });
  // 130 promises a minute apart from 18:00 UTC: more than the first page (50), fewer than two.
  for (let i = 0; i < 130; i++) {
    await invokeCore(preview, 'promises.add', { contactId: ana.id, what: `item ${String(i + 1).padStart(3, '0')}`, dueAt: new Date(Date.parse('2026-03-04T18:00:00Z') + i * 60_000).toISOString() });
  }
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.goto(preview.url);
  await confirmFirstRun(page);
  await expect(page.getByRole('heading', { name: /Queue/ })).toBeVisible();
  await page.keyboard.press('Alt+t');
  await expect(page.getByRole('heading', { level: 1, name: /Tasks/ })).toContainText('130 open');
  const list = page.getByRole('listbox', { name: 'Open tasks' });
  await expect(list.getByRole('option').first()).toContainText('item 001');
  // The next page comes after the first is on screen; End then selects the last row there is.
  await expect(list).not.toHaveAttribute('aria-busy', 'true');
  await expect.poll(async () => {
    await page.keyboard.press('End');
    return list.locator('[role="option"][aria-selected="true"]').textContent();
  }).toContain('item 130');
  await expect(list.locator('[role="option"][aria-selected="true"]')).toHaveAttribute('aria-posinset', '130');
});
