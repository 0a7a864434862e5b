import { expect, test } from './fixtures';
import fs from 'node:fs';
import Papa from 'papaparse';
import { advanceClock, invokeCore } from './preview';
import { shootScreen } from './shots';

// The lost and stalled report (#14 acceptance 3): the reasons leads said no, counted; a lead whose
// agreed next step slipped; each call's notes; and the report exported as a CSV that reads back
// to the same calls and lead.

/** What the test logs: who said no, why, and what they said. */
const LOST = [
  { firstName: 'Ana', phone: '+1 212 555 0401', reason: 'No budget', notes: 'Budget frozen until April.' },
  { firstName: 'Ben', phone: '+1 212 555 0402', reason: 'No budget', notes: '=SUM(A1:A9) said the CFO, apparently' },
  { firstName: 'Cy', phone: '+1 212 555 0403', reason: 'Happy with current supplier', notes: '' },
] as const;

test('the lost and stalled report: reasons counted, the slipped next step, the notes, and an export that reads back', async ({ page, desk }) => {
  test.setTimeout(120_000);
  const preview = await desk.confirmed();
  const lostIds: number[] = [];
  for (const lead of LOST) {
    const { id } = await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: lead.firstName, lastName: 'Lost', phone: lead.phone });
    lostIds.push(id);
    const call = await invokeCore<{ id: number }>(preview, 'calls.dial', { contactId: id });
    await invokeCore(preview, 'calls.log', { callId: call.id, outcome: 'not_interested', reason: lead.reason, notes: lead.notes });
  }
  // Dee agreed a demo in two days; nobody calls her, and five days after it she is stalled.
  const dee = await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: 'Dee', lastName: 'Slipped', phone: '+1 212 555 0404' });
  const now = Date.parse(await advanceClock(preview, 0));
  const demoAt = new Date(now + 2 * 86_400_000).toISOString();
  const deeCall = await invokeCore<{ id: number }>(preview, 'calls.dial', { contactId: dee.id });
  await invokeCore(preview, 'calls.log', { callId: deeCall.id, outcome: 'advance', nextStep: 'Demo with their CFO', nextAt: demoAt });
  await advanceClock(preview, 7 * 86_400_000);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(preview.url);
  await expect(page.getByRole('heading', { name: /Queue/ }).first()).toBeVisible();
  await page.keyboard.press('Alt+R');
  await expect(page.getByRole('heading', { level: 1, name: 'Lost and stalled' })).toBeVisible();
  // All time: every call the test logged.
  await page.keyboard.press('4');
  await expect(page.getByRole('radio', { name: /All time/ })).toBeChecked();
  const reasons = page.getByRole('table', { name: 'Why they said no' });
  await expect(reasons.getByRole('row', { name: /^No budget/ })).toContainText(String(LOST.filter((l) => l.reason === 'No budget').length));
  await expect(reasons.getByRole('row', { name: /^Happy with current supplier/ })).toContainText('1');
  const stalled = page.getByRole('list', { name: 'Stalled leads' });
  await expect(stalled.getByRole('listitem')).toHaveCount(1);
  await expect(stalled).toContainText('Dee Slipped');
  await expect(stalled).toContainText('Demo with their CFO');
  const calls = page.getByRole('list', { name: 'Lost calls' });
  await expect(calls.getByRole('listitem')).toHaveCount(LOST.length);
  await expect(calls).toContainText('Budget frozen until April.');

  await shootScreen(page, 'report-lost-stalled', { noSideways: true });

  // E exports it: a row per lost call and per stalled lead.
  await page.keyboard.press('e');
  const saved = page.getByRole('status').filter({ hasText: /^Saved / });
  await expect(saved).toContainText(`Saved ${LOST.length + 1} rows to `, { timeout: 30_000 });
  const file = (await saved.locator('.export-path').textContent())!;
  const parsed = Papa.parse<Record<string, string>>(fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  const lostRows = parsed.data.filter((r) => r.kind === 'lost');
  expect(lostRows.map((r) => Number(r.contact_id)).sort((a, b) => a - b)).toEqual([...lostIds].sort((a, b) => a - b));
  for (const [i, lead] of LOST.entries()) {
    const row = lostRows.find((r) => Number(r.contact_id) === lostIds[i])!;
    expect(row.reason).toBe(lead.reason);
    // A note that begins like a formula is written so a spreadsheet shows it as text.
    expect(row.notes).toBe(lead.notes.startsWith('=') ? `'${lead.notes}` : lead.notes);
  }
  const stalledRows = parsed.data.filter((r) => r.kind === 'stalled');
  expect(stalledRows.map((r) => Number(r.contact_id))).toEqual([dee.id]);
});
