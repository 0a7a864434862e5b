import { expect, test } from '@playwright/test';
import { confirmFirstRun, invokeCore, makeDataDir, startPreview, type RunningPreview } from './preview';
import { shootScreen } from './shots';

// A call dialled and never logged (the window closed or was reloaded mid-call) says so first in
// its lead's queue row; opened, the call screen has that call, a key logs it, and the word goes.
// Wednesday 4 March 2026, 12:00 in New York (17:00 UTC).

let preview: RunningPreview | undefined;
test.afterEach(async () => {
  await preview?.stop();
});

test('a call left without its disposition is said in the queue, logged from the lead with a key, and the word goes', async ({ page }) => {
  preview = await startPreview(makeDataDir());
  const ana = await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: 'Ana', lastName: 'Silva', company: 'Acme', phone: '+1 212 555 0101' });
  await invokeCore(preview, 'contacts.add', { firstName: 'Ben', lastName: 'Ode', company: 'Beta', phone: '+1 212 555 0102' });
  await invokeCore(preview, 'calls.dial', { contactId: ana.id });
  await page.goto(preview.url);
  await confirmFirstRun(page);

  const queue = page.getByRole('listbox', { name: 'Queue' });
  const anaRow = queue.getByRole('option', { name: /Ana Silva/ });
  // The dial's time on Ana's clock and the rep's (the preview's desk is on UTC).
  await expect(anaRow).toContainText('not logged: call dialled 12:00 PM EST · 5:00 PM UTC yours — new lead');
  await expect(queue.getByRole('option', { name: /Ben Ode/ })).not.toContainText('not logged');
  await shootScreen(page, '75-queue-call-waiting', { noSideways: true });

  await anaRow.click();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Ana Silva', exact: true })).toBeVisible();
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await page.keyboard.press('1');
  await expect(page.getByLabel('Undo', { exact: true })).toHaveText('Logged: No answer — Ctrl+Z to undo');
  await page.keyboard.press('Escape');
  await expect(queue).toBeVisible();
  await expect(queue).not.toContainText('not logged');
});
