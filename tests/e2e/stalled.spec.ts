import { expect, test } from './fixtures';
import { advanceClock, confirmFirstRun, invokeCore } from './preview';
import { shootSizes } from './shots';

// Stalled leads raised in the queue, on the fake clock (Wednesday 4 March 2026, 17:00 UTC): two
// advances agreed for Thursday 5 March; nobody calls; on Tuesday 10 March both are stalled. W and
// 2 close the first with "Chose someone else" (it leaves the queue, on its timeline); W and Enter
// open the second to act on it.

test('stalled leads raised in the queue: closed with a numbered reason, or opened to act on', async ({ page, desk }) => {
  test.setTimeout(120_000);
  const preview = await desk.firstRun();
  await invokeCore(preview, 'settings.update', { repName: 'Sam Reed', theme: 'light' });
  const ids: number[] = [];
  for (const [firstName, phone, step] of [['Dee', '+1 212 555 0104', 'proposal review'], ['Eli', '+1 212 555 0105', 'pilot sign-off']] as const) {
    const lead = await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName, lastName: 'Test', phone });
    const call = await invokeCore<{ id: number }>(preview, 'calls.dial', { contactId: lead.id });
    await invokeCore(preview, 'calls.log', { callId: call.id, outcome: 'advance', nextStep: step, nextAt: '2026-03-05T15:00:00Z' });
    ids.push(lead.id);
  }
  await advanceClock(preview, Date.parse('2026-03-10T15:00:00Z') - Date.parse('2026-03-04T17:00:00Z'));
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.goto(preview.url);
  await confirmFirstRun(page);

  const stalled = page.getByRole('region', { name: 'Stalled leads' });
  await expect(stalled).toContainText('2 stalled:');
  await expect(stalled).toContainText('Dee Test — next step slipped: proposal review was due Thu, Mar 5, 10:00 AM EST · 3:00 PM UTC yours');
  await expect(stalled).toContainText('Eli Test — next step slipped: pilot sign-off was due Thu, Mar 5, 10:00 AM EST · 3:00 PM UTC yours');
  await shootSizes(page, 'stalled-queue', 'light');

  await page.keyboard.press('w');
  const dialog = page.getByRole('dialog', { name: 'A stalled lead' });
  await expect(dialog).toContainText('Dee Test: next step slipped: proposal review was due Thu, Mar 5, 10:00 AM EST · 3:00 PM UTC yours');
  await expect(dialog.getByRole('list', { name: 'Why it stalled' }).getByRole('listitem')).toHaveCount(5);
  await shootSizes(page, 'stalled-dialog', 'light');
  await page.keyboard.press('2');
  await expect(dialog).toHaveCount(0);
  await expect(stalled.getByRole('status')).toHaveText('Dee Test: closed as stalled (Chose someone else).');
  await expect(stalled).not.toContainText('Dee Test —');
  const queue = await invokeCore<{ entries: { contact: { id: number } }[] }>(preview, 'queue.list', {});
  expect(queue.entries.map((e) => e.contact.id)).not.toContain(ids[0]);
  const timeline = await invokeCore<{ kind: string; at: string; text: string }[]>(preview, 'follow.timeline', { contactId: ids[0] });
  expect(timeline.filter((e) => e.kind === 'stalled_closed').map((e) => [e.at, e.text])).toEqual([['2026-03-10T15:00:00.000Z', 'Stalled, closed: Chose someone else']]);

  // The other: opened, to act on it.
  await page.keyboard.press('w');
  await expect(dialog).toContainText('Eli Test: next step slipped');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Eli Test', exact: true })).toBeVisible();
  // Opened, nothing else: not dialled, and not closed by a focused reason.
  await page.waitForTimeout(500);
  await expect(page.getByRole('timer', { name: 'Call time' })).toHaveCount(0);
  expect((await invokeCore<unknown[]>(preview, 'stalled.list', {})).length).toBe(1);

  await invokeCore(preview, 'settings.update', { theme: 'dark' });
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(stalled).toContainText('Eli Test — next step slipped');
  await shootSizes(page, 'stalled-queue', 'dark');
  await page.keyboard.press('w');
  await expect(dialog).toBeVisible();
  await shootSizes(page, 'stalled-dialog', 'dark');
});
