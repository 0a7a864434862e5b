import { expect, test } from './fixtures';
import { invokeCore } from './preview';
import { shootScreen } from './shots';
import { settingsField } from '../../shared/domain/settingsFields';

// The settings forms saved with one button (daily goals, notifications): a refusal says why and
// saves nothing, "Saved." follows a save and goes with the next edit, and what was saved is what
// the core holds.

type Saved = { dailyGoals: { conversations: number; advances: number; conversions: number }; notifications: { doNotDisturb: boolean } };

test('goals and notifications: refused with the reason, then saved; "Saved." goes with the next edit', async ({ page, desk }) => {
  const preview = await desk.confirmed();
  await page.goto(preview.url);
  await expect(page.getByRole('heading', { name: /Queue/ })).toBeVisible();
  await page.keyboard.press('Alt+S');

  const goals = page.getByRole('form', { name: 'Daily goals' });
  const conversations = goals.getByLabel('Conversations a day');
  await conversations.fill('ten');
  await goals.getByRole('button', { name: 'Save goals' }).click();
  // The core's rule, in words, beside the box and above the button; the box keeps "ten".
  const rule = '“Conversations a day” must be a whole number from 0 to 1000 (0: no goal).';
  await expect(goals.locator('.field-error')).toHaveText(rule);
  await expect(goals.locator('.form-error')).toHaveText(`Not saved: ${rule}`);
  await expect(conversations).toHaveValue('ten');
  expect((await invokeCore<Saved>(preview, 'settings.get', {})).dailyGoals.conversations).toBe(20);
  await conversations.fill('12');
  await goals.getByRole('button', { name: 'Save goals' }).click();
  await expect(goals.getByRole('status')).toHaveText('Saved.');
  await expect(goals.getByRole('alert')).toHaveCount(0);
  await expect(conversations).not.toHaveAttribute('aria-invalid');
  expect((await invokeCore<Saved>(preview, 'settings.get', {})).dailyGoals).toEqual({ conversations: 12, advances: 5, conversions: 1 });
  await shootScreen(page, 'settings-goals-saved', { fullPage: true });
  await conversations.fill('13');
  await expect(goals.getByRole('status')).toHaveCount(0);

  const notifications = page.getByRole('form', { name: 'Notifications' });
  await notifications.getByLabel(/Do not disturb: no notifications/).check();
  await notifications.getByRole('button', { name: 'Save notifications' }).click();
  await expect(notifications.getByRole('status')).toHaveText('Saved.');
  expect((await invokeCore<Saved>(preview, 'settings.get', {})).notifications.doNotDisturb).toBe(true);
  await notifications.getByLabel('Quiet hours on my clock').check();
  await expect(notifications.getByRole('status')).toHaveCount(0);
});

// A queue rule typed wrong (the preview's "Number must be…" at queue.maxAttemptsPerDay, and a box
// that turned "-" into 0 and reverted on save): the rule in words beside the box, naming the
// box's own label; what the rep typed stays in the box until they fix it; nothing is saved.
test('a queue rule typed wrong: said beside the box in words, kept as typed until fixed, nothing saved', async ({ page, desk }) => {
  const preview = await desk.confirmed();
  await page.goto(preview.url);
  await expect(page.getByRole('heading', { name: /Queue/ })).toBeVisible();
  await page.keyboard.press('Alt+S');
  const rules = page.getByRole('form', { name: 'Queue rules' });
  const save = rules.getByRole('button', { name: 'Save the queue rules' });
  // The box is found by its name (the setting it holds); its label is read from the page.
  const attempts = rules.locator('input[name="queue.maxAttemptsPerDay"]');
  const field = rules.locator('label.field', { has: page.locator('input[name="queue.maxAttemptsPerDay"]') });
  const label = (await field.locator('span').first().textContent())!;
  expect(label).toBe('At most, per lead per day');
  const said = `“${label}” must be a whole number of attempts from 1 to 50.`;
  type Queue = { queue: { maxAttemptsPerDay: number; skipMinutes: number } };
  const held = async () => (await invokeCore<Queue>(preview, 'settings.get', {})).queue;

  for (const typed of ['2,5', '-', '', '0', '51']) {
    await attempts.fill(typed);
    await save.click();
    await expect(field.locator('.field-error')).toHaveText(said);
    await expect(attempts).toHaveAttribute('aria-invalid', 'true');
    await expect(attempts).toHaveValue(typed);
    await expect(rules.locator('.form-error')).toHaveText(`Not saved: ${said}`);
    await expect(rules.getByRole('status')).toHaveCount(0);
    expect((await held()).maxAttemptsPerDay).toBe(3);
  }
  // Nothing says queue.maxAttemptsPerDay, a code name or zod's words anywhere on the screen.
  await expect(page.locator('body')).not.toContainText('maxAttemptsPerDay');
  await expect(page.locator('body')).not.toContainText(/Too small|expected number|Invalid input/);
  // The shots at both sizes show the box: the screen scrolls inside, so keep it in the middle
  // whatever the window's size.
  await attempts.evaluate((box) => {
    box.scrollIntoView({ block: 'center' });
    new ResizeObserver(() => box.scrollIntoView({ block: 'center' })).observe(document.documentElement);
  });
  await shootScreen(page, 'settings-queue-rule-refused', { noSideways: true });

  // Two more wrong at once, one far up the form: each beside its own box, the line above the
  // button names them.
  await rules.locator('input[name="queue.skipMinutes"]').fill('ten');
  await rules.getByLabel('Wednesday from (business)').fill('12:00');
  await rules.getByLabel('Wednesday until (business)').fill('11:00');
  await save.click();
  await expect(rules.locator('label.field', { has: page.locator('input[name="queue.skipMinutes"]') }).locator('.field-error')).toHaveText('“Skip hides a lead for” must be a whole number of minutes from 1 to 10080.');
  await expect(rules.locator('tr', { has: page.getByLabel('Wednesday until (business)') }).locator('.field-error')).toHaveText('“Wednesday until (business)” must be after the start (12:00).');
  await expect(rules.locator('.form-error')).toHaveText('Not saved: 3 fields need fixing, each says why beside it: “Wednesday until (business)”, “At most, per lead per day”, “Skip hides a lead for”.');
  await expect(rules.locator('input[name="queue.skipMinutes"]')).toHaveValue('ten');

  // Fixed: saved, and the core holds what the boxes say.
  await attempts.fill('4');
  await rules.locator('input[name="queue.skipMinutes"]').fill('90');
  await rules.getByLabel('Wednesday until (business)').fill('18:00');
  await save.click();
  await expect(rules.getByRole('status')).toHaveText('Saved. The queue uses the new rules now.');
  await expect(rules.locator('.field-error, .form-error')).toHaveCount(0);
  expect(await held()).toMatchObject({ maxAttemptsPerDay: 4, skipMinutes: 90 });
  await expect(attempts).toHaveValue('4');
});

// Each settings box on the Settings screen, by the setting it holds (its name): the label a
// refusal names is the label the screen shows it with.
test('every settings box is labelled as its refusals name it', async ({ page, desk }) => {
  const preview = await desk.confirmed();
  await page.goto(preview.url);
  await expect(page.getByRole('heading', { name: /Queue/ })).toBeVisible();
  await page.keyboard.press('Alt+S');
  await expect(page.getByRole('form', { name: 'Queue rules' })).toBeVisible();
  // What the page says each named box is: its aria-label; a radio's group legend; a checkbox's
  // whole label; else the label's caption (the span before the box).
  const shown = await page.locator('.settings-screen [name]').evaluateAll((elements) =>
    elements.map((element) => {
      const input = element as HTMLInputElement;
      const label = input.closest('label');
      const text = input.getAttribute('aria-label') ?? (input.type === 'radio' ? input.closest('fieldset')?.querySelector('legend')?.textContent : input.type === 'checkbox' ? label?.textContent : label?.querySelector(':scope > span')?.textContent);
      return { name: input.name, type: input.type, label: text ?? '' };
    }),
  );
  const settingsBoxes = shown.filter((box) => settingsField(box.name) !== null);
  expect(settingsBoxes.length).toBeGreaterThan(60);
  for (const box of settingsBoxes) expect(box.label.trim(), `${box.name} (${box.type})`).toContain(settingsField(box.name)!.label);
  // Every setting the screen edits has its boxes named so (the team's own is on the team screen).
  const keys = new Set(settingsBoxes.map((box) => box.name.split('.')[0]));
  const editable = Object.keys(await invokeCore<Record<string, unknown>>(preview, 'settings.get', {})).filter((key) => key !== 'confirmed' && key !== 'teamAutoClaim');
  expect([...keys].sort()).toEqual(editable.sort());
  // The boxes new to the queue rules: the inbound first day's times and "Closing a lead".
  await page.locator('textarea[name="stalledReasons"]').evaluate((box) => {
    box.scrollIntoView({ block: 'center' });
    new ResizeObserver(() => box.scrollIntoView({ block: 'center' })).observe(document.documentElement);
  });
  await shootScreen(page, 'settings-queue-rules-closing', { noSideways: true });
});

// Leaving Settings used to drop what was typed and not saved without a word. Now leaving (a screen
// key, a click in the navigation) asks first, naming the forms: Esc stays with the changes as
// typed, L leaves without them; a form saved leaves without a question.
test('leaving Settings with changes not saved asks first, naming the forms: stay keeps them, leave drops them', async ({ page, desk }) => {
  const preview = await desk.confirmed();
  await page.goto(preview.url);
  await expect(page.getByRole('heading', { name: /Queue/ })).toBeVisible();
  await page.keyboard.press('Alt+S');
  const stored = await invokeCore<{ repName: string; queue: { maxAttemptsPerDay: number } }>(preview, 'settings.get', {});
  const rules = page.getByRole('form', { name: 'Queue rules' });
  const attempts = rules.locator('input[name="queue.maxAttemptsPerDay"]');
  await expect(attempts).toHaveValue(String(stored.queue.maxAttemptsPerDay));
  const typed = String(stored.queue.maxAttemptsPerDay + 1);
  await attempts.fill(typed);
  const repName = page.locator('input[name="repName"]');
  await repName.fill(`${stored.repName} Jr`);
  await repName.press('Escape');

  const question = page.getByRole('alertdialog', { name: 'Leave Settings without saving?' });
  await page.keyboard.press('Alt+Q');
  await expect(question).toContainText('“You and your leads” and “Queue rules” have changes that are not saved');
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await shootScreen(page, 'settings-unsaved-question');
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(attempts).toHaveValue(typed);
  await expect(repName).toHaveValue(`${stored.repName} Jr`);

  // Undone by hand, the name is no change; a click in the navigation asks about the rest.
  await repName.fill(stored.repName);
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: /Calls/ }).click();
  await expect(question).toContainText('“Queue rules” has changes that are not saved');
  await page.keyboard.press('l');
  await expect(page.getByRole('heading', { name: /Calls/ })).toBeVisible();
  expect((await invokeCore<typeof stored>(preview, 'settings.get', {})).queue.maxAttemptsPerDay).toBe(stored.queue.maxAttemptsPerDay);

  // Back: what is stored; saved, the screen is left without a question.
  await page.keyboard.press('Alt+S');
  await expect(attempts).toHaveValue(String(stored.queue.maxAttemptsPerDay));
  await attempts.fill(typed);
  await rules.getByRole('button', { name: 'Save the queue rules' }).click();
  await expect(rules.getByRole('status')).toHaveText(/^Saved\./);
  await page.keyboard.press('Alt+Q');
  await expect(question).toHaveCount(0);
  await expect(page.getByRole('heading', { name: /Queue/ })).toBeVisible();
  expect((await invokeCore<typeof stored>(preview, 'settings.get', {})).queue.maxAttemptsPerDay).toBe(Number(typed));
});
