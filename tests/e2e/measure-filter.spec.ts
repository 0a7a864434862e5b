import { expect, test } from '@playwright/test';
import { advanceClock, confirmFirstRun, invokeCore, makeDataDir, screenshotPath, startPreview, type RunningPreview } from './preview';

// The dashboard filtered by campaign and by tag (#13 point 9): twelve leads called once each
// today, some in the campaign "Spring push", some tagged "hot"; the expected numbers are counted
// here from that table, not read from the app.

let preview: RunningPreview | undefined;
test.afterEach(async () => {
  await preview?.stop();
});

interface SeedLead {
  outcome: string;
  campaign: boolean;
  hot: boolean;
}
const LEADS: SeedLead[] = [
  { outcome: 'conversation', campaign: true, hot: true },
  { outcome: 'conversion', campaign: true, hot: false },
  { outcome: 'no_answer', campaign: true, hot: true },
  { outcome: 'advance', campaign: true, hot: false },
  { outcome: 'voicemail_left', campaign: true, hot: false },
  { outcome: 'conversation', campaign: false, hot: true },
  { outcome: 'conversation', campaign: false, hot: false },
  { outcome: 'conversation', campaign: false, hot: false },
  { outcome: 'advance', campaign: false, hot: true },
  { outcome: 'no_answer', campaign: false, hot: false },
  { outcome: 'gatekeeper', campaign: false, hot: false },
  { outcome: 'conversion', campaign: false, hot: false },
];
const CONVERSATIONS = new Set(['conversation', 'advance', 'conversion', 'not_interested', 'callback_requested']);
/** Conversations, advances, conversions and dials of the leads a filter keeps. */
function expected(keep: (lead: SeedLead) => boolean) {
  const kept = LEADS.filter(keep);
  return {
    conversations: kept.filter((l) => CONVERSATIONS.has(l.outcome)).length,
    advances: kept.filter((l) => l.outcome === 'advance').length,
    conversions: kept.filter((l) => l.outcome === 'conversion').length,
    dials: kept.length,
  };
}

test('the dashboard filtered by a campaign and by a tag, from the keyboard', async ({ page }) => {
  preview = await startPreview(makeDataDir(), { timeZone: 'America/New_York' });
  const running = preview;
  const inCampaign: number[] = [];
  for (const [i, lead] of LEADS.entries()) {
    const contact = await invokeCore<{ id: number }>(running, 'contacts.add', { firstName: `Filter${i + 1}`, lastName: 'Lead', phone: `+1 212 555 ${String(2000 + i)}`, lineType: 'business' });
    if (lead.campaign) inCampaign.push(contact.id);
    if (lead.hot) await invokeCore(running, 'tags.add', { contactId: contact.id, tag: 'hot' });
    const call = await invokeCore<{ id: number }>(running, 'calls.dial', { contactId: contact.id, override: true });
    await advanceClock(running, 60_000);
    const details = lead.outcome === 'advance' ? { nextStep: 'Demo with the team', nextAt: '2026-03-10T15:00:00Z' } : {};
    await invokeCore(running, 'calls.log', { callId: call.id, outcome: lead.outcome, ...details });
    await advanceClock(running, 60_000);
  }
  await invokeCore(running, 'campaigns.assign', { campaign: { name: 'Spring push' }, contactIds: inCampaign });
  await invokeCore(running, 'campaigns.create', { name: 'Autumn' });

  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(running.url);
  await confirmFirstRun(page);
  await page.keyboard.press('Alt+m');
  const big = (what: string) => page.getByTestId(`dashboard-${what}`).locator('.big-number');
  const headline = page.getByTestId('dashboard-headline');
  const shows = async (want: ReturnType<typeof expected>) => {
    await expect(big('conversations')).toHaveText(String(want.conversations));
    await expect(big('advances')).toHaveText(String(want.advances));
    await expect(big('conversions')).toHaveText(String(want.conversions));
    await expect(headline).toContainText(`${want.dials} dials`);
  };
  await shows(expected(() => true));

  // F: the campaign filter, chosen with the arrow keys.
  await page.keyboard.press('f');
  const campaign = page.getByRole('combobox', { name: /^Campaign/ });
  await expect(campaign).toBeFocused();
  await expect(campaign.locator('option')).toHaveText(['All campaigns', 'Autumn (0)', 'Spring push (5)']);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(campaign).toHaveValue(/\d+/);
  await expect(campaign.locator('option:checked')).toHaveText('Spring push (5)');
  await shows(expected((l) => l.campaign));
  await expect(page.getByRole('table', { name: 'By import' })).toContainText('Added by hand');
  // The heat map follows: the campaign's 5 dials, all Wednesday around 12:00 in New York.
  await expect(page.getByRole('button', { name: /^Wednesday 12:00\sPM–1:00\sPM their time: \d+ of 5 dials connected/ })).toBeVisible();

  // T: and the tag too (leads in the campaign with the tag).
  await page.keyboard.press('Escape');
  await page.keyboard.press('t');
  const tag = page.getByRole('combobox', { name: /^Tag/ });
  await expect(tag).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(tag.locator('option:checked')).toHaveText('hot (4)');
  await shows(expected((l) => l.campaign && l.hot));

  for (const theme of ['light', 'dark'] as const) {
    await invokeCore(running, 'settings.update', { theme });
    await page.reload();
    await page.getByRole('button', { name: /^Queue/ }).waitFor();
    await page.keyboard.press('Alt+m');
    await shows(expected(() => true));
    await expect(campaign.locator('option')).toHaveCount(3);
    await expect(tag.locator('option')).toHaveCount(2);
    await page.keyboard.press('f');
    await page.keyboard.press('End');
    // Escape leaves the select (a letter typed in it would pick an option starting with it).
    await page.keyboard.press('Escape');
    await page.keyboard.press('t');
    await page.keyboard.press('End');
    await shows(expected((l) => l.campaign && l.hot));
    await page.keyboard.press('Escape');
    for (const [width, height] of [
      [1920, 1080],
      [1024, 640],
    ] as const) {
      await page.setViewportSize({ width, height });
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await page.screenshot({ path: screenshotPath(`measure-filter-${theme}-${width}`), fullPage: true });
    }
    await page.setViewportSize({ width: 1920, height: 1080 });
  }

  // Back to all campaigns: the tag alone.
  await page.keyboard.press('f');
  await page.keyboard.press('Home');
  await expect(tag.locator('option:checked')).toHaveText('hot (4)');
  await expect(campaign.locator('option:checked')).toHaveText('All campaigns');
  await shows(expected((l) => l.hot));
});
