import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { advanceClock, dialled, invokeCore, lateTaskAndCallback } from './preview';
import { shootScreen } from './shots';

// Inbound calls (issue #13, point 7) and the call screen's smaller defects (point 8): "On the
// call" once dialled, H for talk and wrap-up apart, the gatekeeper's name, and Alt+D opening a
// promised callback before an earlier task.

const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });

test('I logs a call the prospect made, from the queue and from the call screen; the call log shows it inbound', async ({ page, desk }) => {
  test.setTimeout(120_000);
  const preview = await desk.confirmed();
  await invokeCore(preview, 'contacts.add', { firstName: 'Ana', lastName: 'Inbound', company: 'Acme', phone: '+1 212 555 0971' });
  await invokeCore(preview, 'contacts.add', { firstName: 'Ben', lastName: 'Ringback', company: 'Brightline', phone: '+1 212 555 0972' });
  await page.goto(preview.url);
  const queue = page.getByRole('listbox', { name: 'Queue' });
  await expect(queue.getByRole('option')).toHaveCount(2);

  // I on the queue's selected lead: its call screen, ready for the outcome of the call they made.
  await page.keyboard.press('i');
  await expect(heading(page, 'Ana Inbound')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Inbound call: what came of it' })).toBeVisible();
  await expect(page.getByRole('status').first()).toContainText('Inbound call from Ana Inbound: pick the outcome');
  await shootScreen(page, '86-inbound-call');
  // Engaged makes no sense for a call that came in: said, nothing logged.
  await page.keyboard.press('2');
  await expect(page.getByRole('status').first()).toContainText('Engaged cannot be logged for a call the prospect made');
  await page.keyboard.press('5');
  await expect(page.getByText('Saved: inbound call, Conversation for Ana Inbound')).toBeVisible();
  await expect(heading(page, 'Ben Ringback')).toBeVisible();

  // I on the call screen before dialling, Esc cancels; I again and 3 logs it.
  await page.keyboard.press('i');
  await expect(page.getByRole('heading', { name: 'Inbound call: what came of it' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Disposition', exact: true })).toBeVisible();
  await page.keyboard.press('i');
  await page.keyboard.press('3');
  await expect(page.getByText(/Saved: inbound call, Voicemail left for Ben Ringback/)).toBeVisible();

  await page.keyboard.press('Alt+L');
  const log = page.getByRole('listbox', { name: 'Call log' });
  await expect(log.getByRole('option')).toHaveCount(2);
  await expect(log.getByRole('option').filter({ hasText: 'Ana Inbound' })).toContainText('Inbound · Conversation');
  await expect(log.getByRole('option').filter({ hasText: 'Ben Ringback' })).toContainText('Inbound · Voicemail left');
  await shootScreen(page, '87-inbound-call-log');
  // Nothing was dialled, and the core has both calls as inbound.
  expect(await dialled(preview)).toEqual([]);
  const ana = await invokeCore<{ calls: { direction: string; outcome: string }[] }>(preview, 'contacts.get', { id: 1 });
  expect(ana.calls).toMatchObject([{ direction: 'inbound', outcome: 'conversation' }]);
});

test('once dialled the status line says "On the call", H splits talk from wrap-up, and the gatekeeper’s name is kept', async ({ page, desk }) => {
  test.setTimeout(120_000);
  const preview = await desk.confirmed();
  await invokeCore(preview, 'contacts.add', { firstName: 'Ana', lastName: 'Talk', company: 'Ó Briain & Sons', phone: '+1 212 555 0981' });
  await page.goto(preview.url);
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Ana Talk')).toBeVisible();
  await page.keyboard.press('Enter');
  await expect.poll(() => dialled(preview)).toEqual(['tel:+12125550981']);
  const status = page.getByRole('status').first();
  await expect(status).toContainText('On the call 0:00');
  await advanceClock(preview, 42_000);
  await expect(status).toContainText('On the call 0:42');
  await expect(status).not.toContainText('Dialling');
  await page.getByLabel(/Gatekeeper’s name/).fill('Mary Quinn');
  await page.keyboard.press('Escape');
  await shootScreen(page, '88-on-the-call-gatekeeper');
  await page.keyboard.press('h');
  await expect(status).toContainText('Hung up after 0:42 · wrap-up 0:00');
  await advanceClock(preview, 20_000);
  await expect(status).toContainText('wrap-up 0:20');
  await page.keyboard.press('4');
  await expect(page.getByText(/Saved: Gatekeeper for Ana Talk/)).toBeVisible();

  // The lead's history: the gatekeeper by name, talk and wrap-up apart.
  await page.keyboard.press('Alt+L');
  const log = page.getByRole('listbox', { name: 'Call log' });
  await expect(log.getByRole('option')).toHaveCount(1);
  await expect(log.getByRole('option').first()).toContainText('talk 0:42 · wrap-up 0:20');
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Ana Talk')).toBeVisible();
  const history = page.getByRole('list', { name: 'Call history' });
  await expect(history).toContainText('Gatekeeper: Mary Quinn');
  await expect(history).toContainText('talk 0:42 · wrap-up 0:20');
  await shootScreen(page, '89-history-gatekeeper-talk');
});

test('Alt+D opens the promised callback before an earlier email task, and an overdue item says how late it is', async ({ page, desk }) => {
  test.setTimeout(120_000);
  const preview = await desk.confirmed();
  const ana = await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: 'Ana', lastName: 'Email', company: 'Acme', phone: '+1 212 555 0991' });
  const ben = await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: 'Ben', lastName: 'Callback', company: 'Brightline', phone: '+1 212 555 0992' });
  // Ana's email task due at 17:00 UTC, Ben's callback at 17:30; at 20:05 UTC the callback is
  // 2 h 35 min late, the task 3 h 5 min.
  await lateTaskAndCallback(preview, ana.id, ben.id);
  await page.goto(preview.url);
  const due = page.getByRole('region', { name: 'Due now' });
  await expect(due).toContainText(/Callback: Ben Callback · promised for [^,]+, 2 h 35 min late/);
  await expect(due).toContainText(/Ana Email · due [^,]+, 3 h 5 min late/);
  await page.keyboard.press('Alt+D');
  await expect(heading(page, 'Ben Callback')).toBeVisible();
});

test('a wrong number says so with the day of the call that reported it, not "dud: no valid number"', async ({ page, desk }) => {
  test.setTimeout(120_000);
  const preview = await desk.confirmed();
  await invokeCore(preview, 'contacts.add', { firstName: 'Ana', lastName: 'Wrong', company: 'Acme', phone: '+1 212 555 0993' });
  await page.goto(preview.url);
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await expect.poll(() => dialled(preview)).toEqual(['tel:+12125550993']);
  await page.keyboard.press('0');
  await expect(page.getByText(/Saved: Wrong number for Ana Wrong/)).toBeVisible();
  await page.keyboard.press('Alt+L');
  await expect(page.getByRole('listbox', { name: 'Call log' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Ana Wrong')).toBeVisible();
  // The call was on Wednesday 4 March 2026 (the rep's locale writes it "Mar 4" or "4 Mar").
  await expect(page.locator('.status-dud')).toHaveText(/^Wrong number, reported on the call of (Mar 4|4 Mar)$/);
  await expect(page.getByText('Queue: Wrong number, reported on the call of', { exact: false })).toBeVisible();
  await expect(page.getByText('dud: no valid number')).toHaveCount(0);
});
