// Calling rules on screen (issue #12, acceptance 4): the not-callable view, the call screen's badge
// and the override prompt name the rule that closes a lead; Settings lists every rule with its
// source; a verified rule goes off only with a reason, and the call it then allows carries the
// waiver in the call log and the lead's history.
import { expect, test } from './fixtures';
import { invokeCore } from './preview';
import { shootScreen } from './shots';

/** 20:30 in Miami (EST, UTC−5, before the 8 March change): inside the federal 08:00–21:00, outside
 *  Florida's 08:00–20:00 (Fla. Stat. § 501.616(6), "before 8 a.m. or after 8 p.m."). */
const FLORIDA_EVENING = '2026-03-05T01:30:00Z';
/** Florida's rule as its statute puts it, and its citation. */
// The rule's hours drawn in the browser's locale (en-US here), as every time on screen.
const FLORIDA_WHY = 'Florida: calls 8:00 AM–8:00 PM their time';
const FLORIDA_CITATION = '(Fla. Stat. § 501.616(6))';
/** When it opens: 08:00 EST on Thursday 5 March, 13:00 UTC on the rep's clock (the same date). */
const FLORIDA_OPENS = 'opens at Thu, Mar 5, 8:00 AM EST · 1:00 PM UTC yours';

test('a Florida lead at 20:30 their time: the rule by name in the not-callable view, the badge and the override prompt; off with a reason, the call records the waiver', async ({ page, desk }) => {
  test.setTimeout(120_000);
  const preview = await desk.confirmed({ clock: FLORIDA_EVENING });
  // A Miami number (area code 305): Florida's rules apply, as well as the federal ones.
  await invokeCore(preview, 'contacts.add', { firstName: 'Flora', lastName: 'Diaz', company: 'Keys Marine', phone: '+1 305 555 0142' });
  await page.goto(preview.url);

  // Not offered: the not-callable view says which law, and when it opens. (The heading first: a
  // count of nothing also holds before the page has drawn, and then its keys are not yet there.)
  await expect(page.getByRole('heading', { name: /Queue/ })).toContainText('0 offered now · 1 in the queue');
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(0);
  await page.keyboard.press('v');
  const waiting = page.getByRole('listbox', { name: 'Not callable now' });
  await expect(waiting.getByRole('option')).toHaveCount(1);
  await expect(waiting.getByRole('option').first()).toContainText(FLORIDA_WHY);
  await expect(page.getByRole('complementary', { name: 'Selected lead' })).toContainText(`${FLORIDA_WHY}, ${FLORIDA_OPENS} ${FLORIDA_CITATION}`);
  await shootScreen(page, 'law-not-callable');

  // The call screen's badge, then the override prompt, name it too.
  await page.keyboard.press('Enter');
  await expect(page.locator('#contact-name')).toHaveText('Flora Diaz');
  await expect(page.locator('.lead-badges')).toContainText(`Outside calling hours: ${FLORIDA_WHY}`);
  await page.keyboard.press('Enter');
  const prompt = page.getByRole('alertdialog', { name: 'Outside calling hours' });
  await expect(prompt).toContainText(`For this lead (America/New_York) it is 8:30 PM EST · 1:30 AM UTC yours. ${FLORIDA_WHY}, ${FLORIDA_OPENS} ${FLORIDA_CITATION}`);
  await shootScreen(page, 'law-override-prompt');
  await page.keyboard.press('Escape');
  await expect(prompt).toHaveCount(0);
  await page.keyboard.press('Escape');

  // Settings lists every rule the core knows, each with its source.
  const known = await invokeCore<{ rules: { id: string; name: string; citation: string }[] }>(preview, 'law.rules', {});
  await page.keyboard.press('Alt+S');
  const rules = page.getByRole('region', { name: 'Calling rules' });
  await expect(rules.locator('tbody tr')).toHaveCount(known.rules.length);
  for (const rule of known.rules) await expect(rules.locator(`tr[data-rule="${rule.id}"]`)).toContainText(rule.citation);
  const florida = rules.locator('tr[data-rule="us-fl"]');
  await expect(florida).toContainText('verified');
  // In force since 1 July 2021 (CS/SB 1120, 2021), and it applies to the one lead.
  await expect(florida.locator('td').nth(2)).toHaveText('2021-07-01');
  await expect(florida.locator('td').nth(3)).toHaveText('1');
  await expect(rules.locator('tr[data-rule="us-tx"]')).toContainText('unverified');
  await expect(rules.getByText('No rule has been changed')).toBeVisible();
  await shootScreen(page, 'law-settings-rules', { fullPage: true });

  // Off by keyboard: without a reason the core refuses, and says which field.
  const toggle = florida.getByRole('checkbox', { name: 'Florida: on' });
  await toggle.focus();
  await page.keyboard.press('Space');
  const ask = page.getByRole('dialog', { name: 'Turn off Florida' });
  await expect(ask).toBeVisible();
  await page.keyboard.press('Control+Enter');
  await expect(ask.locator('.field-error')).toHaveText('Say why this rule does not apply to your calls');
  await shootScreen(page, 'law-turn-off-needs-reason');
  const reason = 'Business lines only: B2B list';
  await ask.getByLabel(/Why this rule does not apply/).fill(reason);
  await page.keyboard.press('Control+Enter');
  await expect(ask).toHaveCount(0);
  await expect(rules.getByRole('checkbox', { name: 'Florida: off' })).not.toBeChecked();
  await expect(rules.getByRole('list', { name: 'Calling rule changes' })).toContainText(`Florida turned off — “${reason}”`);
  await expect(florida).toContainText(reason);
  await shootScreen(page, 'law-settings-florida-off', { fullPage: true });

  // Now the lead is offered (the federal window is open until 21:00), and dialled with no prompt.
  await page.keyboard.press('Alt+Q');
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Enter');
  await expect(page.locator('#contact-name')).toHaveText('Flora Diaz');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await expect(page.getByRole('alertdialog', { name: 'Outside calling hours' })).toHaveCount(0);
  // The waiver as the call records it: the rule, its citation, what it forbids, who turned it off and why.
  const waived = `Florida (Fla. Stat. § 501.616(6)): calls 8:00 AM–8:00 PM their time; switched off on ${FLORIDA_EVENING.slice(0, 10)}: ${reason}`;
  await expect(page.getByRole('list', { name: 'Call history' })).toContainText(`Rules waived: ${waived}`);
  await page.keyboard.press('1');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Queue/);

  await page.keyboard.press('Alt+L');
  const log = page.getByRole('listbox', { name: 'Call log' });
  await expect(log.getByRole('option')).toHaveCount(1);
  await expect(log.getByRole('option').first()).toContainText(`rules waived: ${waived}`);
  await shootScreen(page, 'law-call-log-waived');
  await page.keyboard.press('Enter');
  await expect(page.locator('#contact-name')).toHaveText('Flora Diaz');
  await expect(page.getByRole('list', { name: 'Call history' })).toContainText(`Rules waived: ${waived}`);
  await shootScreen(page, 'law-history-waived');
});
