import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test, type Desk } from './fixtures';
import { confirmFirstRun, invokeCore, screenshotPath } from './preview';
import { shootScreen } from './shots';

// Scripts on the call screen (Wednesday 4 March 2026, 12:00 in New York): the right one for a
// first call, a follow-up, a voicemail and a complaint; merge fields filled; an objection found by
// keyboard; the complaint checklist saved with the call; nothing in a script or a lead can run.

const heading = (page: Page, name: string) => page.getByRole('heading', { name, exact: true });

async function setUp(desk: Desk, page: Page) {
  const preview = await desk.confirmed();
  const ana = await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: 'Ana', lastName: 'Silva', company: 'Acme', phone: '+1 212 555 0401' });
  const ben = await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: 'Ben', lastName: 'Okoro', company: 'Brightline', phone: '+1 212 555 0402' });
  // Ben agreed a next step on an earlier call: a follow-up.
  const call = await invokeCore<{ id: number }>(preview, 'calls.dial', { contactId: ben.id });
  await invokeCore(preview, 'calls.log', { callId: call.id, outcome: 'advance', nextStep: 'walk through the proposal', nextAt: '2026-03-04T18:00:00Z' });
  // Cy comes from a file whose Reason column says complaint.
  const csv = 'Name,Phone,Reason\nCy Novak,+1 212 555 0403,Complaint about billing\n';
  const staged = await invokeCore<{ stageId: string; mapping: string[] }>(preview, 'imports.preview', { fileName: 'recovery.csv', data: Buffer.from(csv).toString('base64') });
  await invokeCore(preview, 'imports.run', { stageId: staged.stageId, mapping: staged.mapping });
  await page.goto(preview.url);
  return { ana: ana.id, ben: ben.id };
}

async function openCall(page: Page, name: RegExp) {
  await page.keyboard.press('Alt+Q');
  const option = page.getByRole('listbox', { name: 'Queue' }).getByRole('option', { name });
  await option.waitFor();
  await option.click();
  await page.keyboard.press('Enter');
}

test('the right script for each situation, filled in, driven by keyboard', async ({ page, desk }) => {
  await setUp(desk, page);

  // First call: the up-front contract with Ana's and the rep's names filled in.
  await openCall(page, /Ana Silva/);
  await expect(heading(page, 'Ana Silva')).toBeVisible();
  const panel = page.locator('.script-panel');
  await expect(panel.getByRole('heading', { name: 'First call' })).toBeVisible();
  await expect(panel).toContainText('First call · from the history');
  await expect(panel).toContainText("Hi Ana, it's Sam Reed. Did I catch you at a bad time?");
  await expect(panel).toContainText("Acme's");
  await page.screenshot({ path: screenshotPath('31-script-first-call'), fullPage: true });
  await page.keyboard.press(']');
  await expect(panel.getByRole('article', { name: 'Discovery' })).toBeVisible();
  // The objection filter: "/" then a word; Enter marks the card as having come up.
  await page.keyboard.press('/');
  await expect(page.getByLabel('Find an objection')).toBeFocused();
  await page.keyboard.type('price');
  await expect(panel.getByRole('list', { name: 'Objection cards' }).getByRole('listitem')).toHaveCount(1);
  await expect(panel.getByRole('list', { name: 'Objection cards' })).toContainText('Fair question.');
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('button', { name: 'Came up ✓' })).toBeVisible();
  await page.screenshot({ path: screenshotPath('32-script-objection'), fullPage: true });
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  // Voicemail: V shows the voicemail script beside the stopwatch, and it passes the check.
  await page.keyboard.press('v');
  await expect(panel.getByRole('heading', { name: 'Voicemail', level: 2 })).toBeVisible();
  await expect(panel).toContainText('Hi Ana, this is Sam Reed.');
  await expect(panel).toContainText('My number is 2 1 2, 5 5 5, 0 1 4 3.');
  await expect(panel.getByRole('list', { name: 'Voicemail check' }).getByRole('listitem')).toHaveCount(5);
  await expect(panel.locator('.check-bad')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('33-script-voicemail'), fullPage: true });
  await page.keyboard.press('3');

  // Cy is next (Ben's next step is at 13:00): the complaint script; ticks go into the notes.
  await expect(heading(page, 'Cy Novak')).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Complaint recovery' })).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await panel.getByRole('checkbox', { name: /Let them vent/ }).focus();
  await page.keyboard.press('Space');
  await panel.getByRole('checkbox', { name: /Thank them/ }).focus();
  await page.keyboard.press('Space');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.screenshot({ path: screenshotPath('35-script-complaint'), fullPage: true });
  await page.keyboard.press('5');
  await expect(page.getByText('Nobody to call right now.')).toBeVisible();

  // Ben waits for his 13:00 next step; his call screen opens on the follow-up script.
  await page.keyboard.press('v');
  const waiting = page.getByRole('listbox', { name: 'Not callable now' });
  await waiting.getByRole('option', { name: /Ben Okoro/ }).click();
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Ben Okoro')).toBeVisible();
  await expect(panel.getByRole('heading', { name: 'Follow-up after a proposal' })).toBeVisible();
  // The date as the OS locale says it aloud (en-US in these tests), on the lead's calendar.
  await expect(panel).toContainText('When we spoke on Wednesday, March 4 we agreed that today we would walk through the proposal');
  await page.screenshot({ path: screenshotPath('34-script-follow-up'), fullPage: true });
  // G opens the numbered script list; Voicemail's digit shows it.
  await page.keyboard.press('g');
  const digit = await page.getByRole('dialog', { name: 'Choose a script' }).getByRole('option', { name: /Voicemail/ }).locator('kbd').textContent();
  await page.keyboard.press(digit!);
  await expect(panel).toContainText('Voicemail · your choice');

  await page.keyboard.press('Alt+L');
  await page.keyboard.press('/');
  await page.keyboard.type('Cy Novak');
  await expect(page.getByRole('listbox', { name: 'Call log' })).toContainText('Checklist: [x] Let them vent: do not interrupt, do not defend [ ] Show empathy');
  await expect(page.getByRole('listbox', { name: 'Call log' })).toContainText('[x] Thank them for telling us');

  // The editor checks a voicemail as it is written, and flags a field it does not know.
  await page.keyboard.press('Alt+P');
  await page.getByRole('button', { name: 'Voicemail', exact: true }).click();
  const editor = page.getByRole('form', { name: 'Edit script' });
  await expect(editor.getByRole('list', { name: 'Voicemail check' }).locator('.check-bad')).toHaveCount(0);
  const source = editor.locator('textarea');
  await source.focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Um, trying you again, {{contact.frstName}}.');
  await expect(editor.getByRole('list', { name: 'Voicemail check' })).toContainText('Says "again"');
  await expect(editor.getByRole('list', { name: 'Voicemail check' })).toContainText('Filler words: "um"');
  await expect(editor).toContainText('Unknown fields: {{contact.frstName}}');
  await page.screenshot({ path: screenshotPath('36-scripts-editor'), fullPage: true });
  await page.keyboard.press('Control+s');
  await expect(editor.getByRole('status')).toContainText('Saved “Voicemail”.');
  await editor.getByRole('button', { name: 'Restore starter text' }).click();
  await expect(editor.getByRole('list', { name: 'Voicemail check' }).locator('.check-bad')).toHaveCount(0);
});

test('nothing in a script or a lead runs: HTML, handlers, javascript: and web links are inert; the CSP reports nothing; axe finds nothing serious', async ({ page, desk }) => {
  const preview = await desk.firstRun();
  const scripts = await invokeCore<{ id: number; name: string }[]>(preview, 'scripts.list', {});
  const first = scripts.find((s) => s.name === 'First call')!;
  await invokeCore(preview, 'scripts.save', {
    id: first.id,
    name: 'First call',
    situation: 'first_call',
    body: '## Opening\nHi {{contact.firstName}} <script>window.__owned = 1</script>\n\n<img src=x onerror="window.__owned = 2">\n\n[press me](javascript:window.__owned=3) and [our site](https://example.com)\n\n## Objections\n### Price\nPre-handle: <b>early</b>\nAnswer: fair',
  });
  await invokeCore(preview, 'contacts.add', { firstName: '<img src=x onerror="window.__owned=4">', company: 'Acme <script>x</script>', phone: '+1 212 555 0499' });
  await page.addInitScript(() => {
    (window as unknown as { __violations: string[] }).__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => (window as unknown as { __violations: string[] }).__violations.push(e.violatedDirective));
  });
  await page.goto(preview.url);
  await confirmFirstRun(page);
  await page.getByRole('listbox', { name: 'Queue' }).getByRole('option').first().waitFor();
  await page.keyboard.press('Enter');
  const panel = page.locator('.script-panel');
  await expect(panel).toContainText('Hi <img src=x onerror="window.__owned=4"> <script>window.__owned = 1</script>');
  await expect(panel).toContainText('[press me](javascript:window.__owned=3)');
  await expect(panel.locator('img, script, a, iframe')).toHaveCount(0);
  await expect(panel.locator('.script-link')).toHaveText('our site');
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as unknown as { __owned?: number }).__owned)).toBeUndefined();
  expect(await page.evaluate(() => (window as unknown as { __violations: string[] }).__violations)).toEqual([]);

  const results = await new AxeBuilder({ page }).include('.call-layout').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.length})`)).toEqual([]);
});

test('a lead whose last call was a conversation that agreed nothing opens on the first call, not the follow-up after a proposal', async ({ page, desk }) => {
  const preview = await desk.confirmed();
  const dee = await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: 'Dee', lastName: 'Park', company: 'Dovetail', phone: '+1 212 555 0404' });
  const call = await invokeCore<{ id: number }>(preview, 'calls.dial', { contactId: dee.id });
  await invokeCore(preview, 'calls.log', { callId: call.id, outcome: 'conversation', notes: 'Friendly; nothing agreed.' });
  await page.goto(preview.url);
  // Dee waits a business day for the follow-up call: she is in the not-callable view.
  await expect(page.getByText('Nobody to call right now.')).toBeVisible();
  await page.getByRole('button', { name: /Not callable now/ }).click();
  await page.getByRole('listbox', { name: 'Not callable now' }).getByRole('option', { name: /Dee Park/ }).click();
  await page.keyboard.press('Enter');
  await expect(heading(page, 'Dee Park')).toBeVisible();
  const panel = page.locator('.script-panel');
  await expect(panel.getByRole('heading', { name: 'First call' })).toBeVisible();
  await expect(panel).toContainText('First call · from the history');
  await expect(panel).not.toContainText('we agreed that today we would');
});

test('a script name another script has (capitals and spaces aside) is refused beside the name, on a new script and on a rename; the draft stays as typed', async ({ page, desk }) => {
  const preview = await desk.confirmed();
  await page.goto(preview.url);
  await expect(page.getByRole('heading', { name: /Queue/ })).toBeVisible();
  await page.keyboard.press('Alt+P');
  const list = page.getByRole('complementary', { name: 'Scripts' });
  // The four starters, listed.
  const count = (await invokeCore<unknown[]>(preview, 'scripts.list', {})).length;
  await expect(list.getByRole('listitem')).toHaveCount(count);
  await list.getByRole('button', { name: 'New script' }).click();
  const editor = page.getByRole('form', { name: 'Edit script' });
  // The field's error is inside its label: the input's name starts with "Name".
  const name = editor.getByRole('textbox', { name: /^Name/ });
  await name.fill('  first   CALL ');
  const source = editor.locator('textarea');
  await source.fill('## Opening\nHi {{contact.firstName}}, a spring offer.\n');
  await editor.getByRole('button', { name: /Save/ }).click();
  const nameField = name.locator('xpath=..');
  await expect(nameField.getByRole('alert')).toHaveText('There is already a script called “First call”. Give this one a name of its own (capitals and spaces do not make a name different).');
  await expect(name).toHaveAttribute('aria-invalid', 'true');
  await expect(name).toHaveValue('  first   CALL ');
  await expect(source).toHaveValue('## Opening\nHi {{contact.firstName}}, a spring offer.\n');
  await expect(list.getByRole('listitem')).toHaveCount(count);
  await shootScreen(page, 'scripts-duplicate-name', { noSideways: true });
  // A name of its own saves; renaming it to an existing one (Voicemail, any capitals) is refused too.
  await name.fill('Spring offer');
  await expect(nameField.getByRole('alert')).toHaveCount(0);
  await editor.getByRole('button', { name: /Save/ }).click();
  await expect(editor.getByRole('status')).toHaveText('Saved “Spring offer”.');
  await expect(list.getByRole('listitem')).toHaveCount(count + 1);
  await name.fill('VOICEMAIL');
  await editor.getByRole('button', { name: /Save/ }).click();
  await expect(nameField.getByRole('alert')).toContainText('There is already a script called “Voicemail”.');
  const names = (await invokeCore<{ name: string }[]>(preview, 'scripts.list', {})).map((s) => s.name);
  expect(names.filter((n) => n.toLowerCase() === 'voicemail')).toEqual(['Voicemail']);
  expect(names).toContain('Spring offer');
});
