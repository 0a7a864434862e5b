import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { invokeCore, type RunningPreview } from './preview';
import { shootScreen } from './shots';

// The one editor of scripts and email templates: what the email templates were promised holds for
// the scripts too — a refused save keeps every word typed and says why at the field, the edit that
// fixes the field takes its error away, and a draft survives a look at the other kind.

/** The Voicemail starter script open in the editor: its form, name box and text box. */
async function openVoicemailScript(page: Page, preview: RunningPreview) {
  await page.goto(preview.url);
  await expect(page.getByRole('heading', { name: /Queue/ })).toBeVisible();
  await page.keyboard.press('Alt+P');
  await page.getByRole('button', { name: 'Voicemail', exact: true }).click();
  const form = page.getByRole('form', { name: 'Edit script' });
  return { form, name: form.getByRole('textbox', { name: /^Name/ }), source: form.locator('textarea') };
}

test('a script: a refused save loses nothing, its error goes with the fix, the draft outlives a look at the email templates', async ({ page, desk }) => {
  const preview = await desk.confirmed();
  const { form, name, source } = await openVoicemailScript(page, preview);
  const typed = 'Hi {{contact.firstName}}, Sam here. Call me back on {{me.phone}}.';
  await source.fill(typed);
  await name.fill('');

  // Refused: said at the field and below, the text as typed.
  await page.keyboard.press('Control+s');
  // In the field's own words, not the contract's summary with the field's path in it.
  await expect(form.getByRole('alert').filter({ hasText: 'Not saved' })).toHaveText('Not saved: Give the script a name.');
  await expect(form.locator('.field-error')).toHaveText('Give the script a name');
  await expect(source).toHaveValue(typed);
  await shootScreen(page, 'template-editor-script-refused');

  // A look at the email templates and back: the draft is as it was left.
  await page.getByRole('radiogroup', { name: 'Edit' }).getByText('Email templates').click();
  await expect(page.getByRole('form', { name: 'Edit email template' })).toBeVisible();
  await expect(form).toBeHidden();
  await page.getByRole('radiogroup', { name: 'Edit' }).getByText('Call scripts').click();
  await expect(source).toHaveValue(typed);
  await expect(name).toHaveValue('');

  // The edit that fixes the name takes its error (and the refusal) away; then it saves.
  await name.fill('Voicemail, short');
  await expect(form.locator('.field-error')).toHaveCount(0);
  await expect(form.getByRole('alert')).toHaveCount(0);
  await page.keyboard.press('Control+s');
  await expect(form.getByRole('status')).toHaveText('Saved “Voicemail, short”.');
  const saved = (await invokeCore<{ name: string; body: string }[]>(preview, 'scripts.list', {})).find((s) => s.name === 'Voicemail, short');
  expect(saved?.body).toBe(typed);
});

test('at 1024×640 a refused save brings the field that says why into view and puts the cursor in it', async ({ page, desk }) => {
  const preview = await desk.confirmed();
  await page.setViewportSize({ width: 1024, height: 640 });
  const { form, name, source } = await openVoicemailScript(page, preview);
  // The script's text emptied, then the cursor back in the name at the top, as a rep would leave it.
  await source.fill('');
  await name.click();
  await page.keyboard.press('Control+s');
  const error = form.locator('.field-error');
  await expect(error).toHaveText('The script has no text');
  await expect(error).toBeInViewport({ ratio: 1 });
  await expect(source).toBeFocused();
  await shootScreen(page, 'template-editor-body-refused', { noSideways: true });
});

/** Passes the page's calls to the core through, except that from `hold()` to `release()` a
 *  scripts.save is kept on its way, as a slow disk would keep it. Set up before the page loads. */
async function saveHolder(page: Page) {
  let holding = false;
  const held: string[] = [];
  let toServer: (message: string) => void = () => {};
  await page.routeWebSocket('**/__dialdeck/socket', (socket) => {
    const server = socket.connectToServer();
    toServer = (message) => server.send(message);
    socket.onMessage((message) => {
      const text = String(message);
      if (holding && text.includes('"scripts.save"')) held.push(text);
      else server.send(text);
    });
  });
  return {
    hold: () => {
      holding = true;
    },
    arrived: () => expect.poll(() => held.length).toBe(1),
    release: () => {
      holding = false;
      for (const message of held.splice(0)) toServer(message);
    },
  };
}

test('a script opened while a save is on its way waits for its answer: a refusal is said on the draft it refused, kept as typed', async ({ page, desk }) => {
  const preview = await desk.confirmed();
  const saves = await saveHolder(page);
  const { form, name, source } = await openVoicemailScript(page, preview);
  const typed = 'Hi {{contact.firstName}}, back to you soon.';
  await source.fill(typed);
  await name.fill('');
  saves.hold();
  await page.keyboard.press('Control+s');
  await saves.arrived();
  // The rep opens another script before the answer comes.
  await page.getByRole('button', { name: 'First call', exact: true }).click();
  saves.release();
  // The refusal is on the draft it refused, every word kept; the other script did not open.
  await expect(form.getByRole('alert').filter({ hasText: 'Not saved' })).toHaveText('Not saved: Give the script a name.');
  await expect(source).toHaveValue(typed);
  await expect(name).toHaveValue('');
  await expect(form.locator('.field-error')).toHaveText('Give the script a name');

  // Once the save is accepted, the script opened meanwhile opens.
  await name.fill('Voicemail, brief');
  saves.hold();
  await page.keyboard.press('Control+s');
  await saves.arrived();
  await page.getByRole('button', { name: 'First call', exact: true }).click();
  await expect(name).toHaveValue('Voicemail, brief');
  saves.release();
  await expect(name).toHaveValue('First call');
  await expect(form.getByRole('alert')).toHaveCount(0);
  const saved = (await invokeCore<{ name: string; body: string }[]>(preview, 'scripts.list', {})).find((s) => s.name === 'Voicemail, brief');
  expect(saved?.body).toBe(typed);
});

// Opening another script, or leaving the screen, dropped what was typed and not saved without a
// word. Now both ask first, naming what holds changes: Esc stays with them as typed, L goes on
// without them; nothing typed, nothing is asked.
test('a script or email template with changes not saved is not dropped by opening another or leaving the screen: asked first', async ({ page, desk }) => {
  const preview = await desk.confirmed();
  const { form, name, source } = await openVoicemailScript(page, preview);
  const stored = (await invokeCore<{ name: string; body: string }[]>(preview, 'scripts.list', {})).find((s) => s.name === 'Voicemail')!;
  // Nothing typed: another script opens at once.
  await page.getByRole('button', { name: 'First call', exact: true }).click();
  await expect(name).toHaveValue('First call');
  await page.getByRole('button', { name: 'Voicemail', exact: true }).click();
  await expect(name).toHaveValue('Voicemail');

  const typed = 'Hi {{contact.firstName}}, Sam here, one line only.';
  await source.fill(typed);
  const opening = page.getByRole('alertdialog', { name: 'Open another script without saving?' });
  await page.getByRole('button', { name: 'First call', exact: true }).click();
  await expect(opening).toHaveText(/“Voicemail” has changes that are not saved\. Stay to save them \(Ctrl\+S\), or open “First call” without them\./);
  await shootScreen(page, 'template-editor-open-unsaved-question');
  await page.keyboard.press('Escape');
  await expect(opening).toHaveCount(0);
  await expect(name).toHaveValue('Voicemail');
  await expect(source).toHaveValue(typed);
  // Asked again, then a click in the navigation: one question on screen, the leaving one.
  const leaving = page.getByRole('alertdialog', { name: 'Leave Scripts without saving?' });
  await page.getByRole('button', { name: 'First call', exact: true }).click();
  await expect(opening).toBeVisible();
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: /Queue/ }).click();
  await expect(leaving).toBeVisible();
  await expect(page.getByRole('alertdialog')).toHaveCount(1);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('alertdialog')).toHaveCount(0);
  await expect(source).toHaveValue(typed);

  // An email template begun beside it: leaving the screen names both.
  await page.getByRole('radiogroup', { name: 'Edit' }).getByText('Email templates').click();
  const emailForm = page.getByRole('form', { name: 'Edit email template' });
  await page.getByRole('button', { name: 'New email template' }).click();
  await emailForm.getByRole('textbox', { name: /^Name/ }).fill('Renewal note');
  await page.keyboard.press('Alt+Q');
  await expect(leaving).toContainText('“Voicemail” and the new email template have changes that are not saved. Stay to save them (Ctrl+S)');
  await shootScreen(page, 'scripts-leave-unsaved-question');
  await page.keyboard.press('Escape');
  await expect(leaving).toHaveCount(0);
  await expect(emailForm.getByRole('textbox', { name: /^Name/ })).toHaveValue('Renewal note');
  await page.getByRole('radiogroup', { name: 'Edit' }).getByText('Call scripts').click();
  await expect(source).toHaveValue(typed);

  // L goes on without them: the other script opens, the stored text as it was.
  await page.getByRole('button', { name: 'First call', exact: true }).click();
  await page.keyboard.press('l');
  await expect(opening).toHaveCount(0);
  await expect(name).toHaveValue('First call');
  await expect(form.getByRole('alert')).toHaveCount(0);
  // Leaving still asks about the email template, behind the call scripts: staying brings it
  // back, as typed, so Ctrl+S saves it (it saved the script on show, which had no changes).
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: /Queue/ }).click();
  await expect(leaving).toContainText('The new email template has changes that are not saved.');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('radiogroup', { name: 'Edit' }).getByRole('radio', { name: 'Email templates' })).toBeChecked();
  await expect(emailForm.getByRole('textbox', { name: /^Name/ })).toBeVisible();
  await expect(emailForm.getByRole('textbox', { name: /^Name/ })).toHaveValue('Renewal note');
  // L leaves without it.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: /Queue/ }).click();
  await expect(leaving).toContainText('The new email template has changes that are not saved.');
  await page.keyboard.press('l');
  await expect(page.getByRole('heading', { name: /Queue/ })).toBeVisible();
  const after = (await invokeCore<{ name: string; body: string }[]>(preview, 'scripts.list', {})).find((s) => s.name === 'Voicemail');
  expect(after?.body).toBe(stored.body);
});
