import type { Page } from '@playwright/test';
import { expect, test, type Desk } from './fixtures';
import { invokeCore } from './preview';
import { shootScreen } from './shots';

// The script's keys on the call screen (issue #13, point 5): K hands the complaint checklist the
// keys (a number or Space ticks), and G opens a numbered list of scripts instead of cycling.

async function openComplaintLead(desk: Desk, page: Page) {
  const preview = await desk.confirmed();
  const csv = 'Name,Company,Phone,Complaint\nAna Upset,Acme,+1 212 555 0981,late delivery\n';
  const staged = await invokeCore<{ stageId: string; mapping: string[] }>(preview, 'imports.preview', { fileName: 'complaints.csv', data: Buffer.from(csv).toString('base64') });
  await invokeCore(preview, 'imports.run', { stageId: staged.stageId, mapping: staged.mapping });
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(preview.url);
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Ana Upset', exact: true })).toBeVisible();
  await expect(page.locator('#script-title')).toHaveText('Complaint recovery');
  return preview;
}

test('K then a number or Space ticks the complaint checklist; the ticks are saved with the call', async ({ page, desk }) => {
  const running = await openComplaintLead(desk, page);
  const checklist = page.getByRole('group', { name: /Checklist/ });
  const boxes = checklist.getByRole('checkbox');
  await expect(boxes).toHaveCount(3);
  await page.keyboard.press('k');
  await expect(boxes.first()).toBeFocused();
  // 2 ticks the second item (not the "engaged" disposition: the checklist has the keys)…
  await page.keyboard.press('2');
  await expect(boxes.nth(1)).toBeChecked();
  // …Space the focused one, ↓ moves on.
  await page.keyboard.press('Space');
  await expect(boxes.first()).toBeChecked();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(boxes.nth(2)).toBeFocused();
  await page.keyboard.press('3');
  await page.keyboard.press('3');
  await expect(boxes.nth(2)).not.toBeChecked();
  await shootScreen(page, '94-checklist-keys');
  await page.keyboard.press('Escape');
  await expect(page.getByText('Checklist: a number ticks its item')).toHaveCount(0);
  // The call keys are back: dial, 5 (conversation); the ticks are in the call's notes.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await page.keyboard.press('5');
  await expect(page.getByText(/Saved: Conversation for Ana Upset/)).toBeVisible();
  const saved = await invokeCore<{ calls: { outcome: string; notes: string }[] }>(running, 'contacts.get', { id: 1 });
  expect(saved.calls[0]!.outcome).toBe('conversation');
  expect(saved.calls[0]!.notes).toContain(
    'Checklist:\n[x] Let them vent: do not interrupt, do not defend\n[x] Show empathy: "I understand how frustrating that must have been"\n[ ] Thank them for telling us',
  );
});

test('G opens a numbered script list: a digit shows that script, arrows and Enter too, 0 the lead’s own, Esc closes', async ({ page, desk }) => {
  const running = await openComplaintLead(desk, page);
  const scripts = await invokeCore<{ id: number; name: string }[]>(running, 'scripts.list', {});
  const voicemail = scripts.findIndex((s) => s.name === 'Voicemail') + 1;
  const firstCall = scripts.findIndex((s) => s.name === 'First call') + 1;
  expect(voicemail).toBeGreaterThan(0);

  await page.keyboard.press('g');
  const list = page.getByRole('dialog', { name: 'Choose a script' });
  await expect(list).toBeVisible();
  await expect(list.getByRole('option')).toHaveCount(scripts.length + 1);
  await expect(list.getByRole('option').nth(voicemail)).toContainText(`${voicemail} Voicemail`);
  await shootScreen(page, '95-script-list');
  await page.keyboard.press(String(voicemail));
  await expect(list).toHaveCount(0);
  await expect(page.locator('#script-title')).toHaveText('Voicemail');
  await expect(page.locator('.script-head .badge')).toContainText('your choice');

  // Arrows and Enter: from the current one (Voicemail) to First call.
  await page.keyboard.press('g');
  await expect(list.getByRole('option', { selected: true })).toContainText('Voicemail');
  for (let i = 0; i < Math.abs(firstCall - voicemail); i++) await page.keyboard.press(firstCall > voicemail ? 'ArrowDown' : 'ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.locator('#script-title')).toHaveText('First call');

  // Esc closes without a change; 0 is the lead's own script again.
  await page.keyboard.press('g');
  await page.keyboard.press('Escape');
  await expect(list).toHaveCount(0);
  await expect(page.locator('#script-title')).toHaveText('First call');
  await page.keyboard.press('g');
  await page.keyboard.press('0');
  await expect(page.locator('#script-title')).toHaveText('Complaint recovery');
  await expect(page.locator('.script-head .badge')).toContainText('from the history');
});
