import { expect, test } from './fixtures';
import { invokeCore } from './preview';
import { shootScreen } from './shots';

// The email templates, edited beside the scripts (#14): an unknown field is pointed out as it is
// typed, a refused save keeps every word typed and says why, a saved template is what the next
// email to a lead is made from, and it is still there after a restart.

test('an email template edited beside the scripts: checked as typed, a refused save loses nothing, the saved text is what the next email says', async ({ page, desk }) => {
  test.setTimeout(120_000);
  const preview = await desk.confirmed();
  const lead = await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: 'Jo', lastName: 'Tremblay', company: 'Acme', phone: '+1 212 555 0601' });

  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(preview.url);
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Alt+P');
  await page.getByRole('radiogroup', { name: 'Edit' }).getByText('Email templates').click();
  await expect(page.getByRole('heading', { name: 'Email templates' })).toBeVisible();
  await page.getByRole('button', { name: 'After a voicemail', exact: true }).click();
  const form = page.getByRole('form', { name: 'Edit email template' });
  const subject = form.getByLabel('Subject');
  await expect(subject).toHaveValue('Sorry we haven’t connected yet, {{contact.firstName}}');

  // A field the app does not know: said at once.
  await subject.fill('Missed you, {{contact.nickname}}');
  await expect(form.getByRole('alert').filter({ hasText: 'Unknown fields' })).toContainText('{{contact.nickname}}');

  // No subject: refused with the reason, the body as typed.
  const body = form.getByLabel(/^Email/);
  const typedBody = 'Hi {{contact.firstName}},\n\nSorry I missed you at {{contact.company}} today.\n\n{{me.name}}';
  await body.fill(typedBody);
  await subject.fill('');
  await page.keyboard.press('Control+s');
  await expect(form.getByRole('alert').filter({ hasText: 'Not saved' })).toBeVisible();
  await expect(form.locator('.field-error')).toHaveText('Give the email a subject');
  await expect(body).toHaveValue(typedBody);

  // Fixed and saved; the preview fills the fields with the sample lead.
  await subject.fill('Sorry I missed you, {{contact.firstName}}');
  // The subject's error goes with the edit that fixed it.
  await expect(form.locator('.field-error')).toHaveCount(0);
  await expect(form.getByRole('alert')).toHaveCount(0);
  await expect(page.getByTestId('email-preview-subject')).toHaveText('Sorry I missed you, Ana');
  await shootScreen(page, 'email-templates', { noSideways: true });
  await page.keyboard.press('Control+s');
  await expect(form.getByRole('status')).toHaveText('Saved “After a voicemail”.');

  // The next email after a voicemail to Jo is made from it.
  const draft = await invokeCore<{ subject: string; body: string }>(preview, 'email.draft', { contactId: lead.id, situation: 'after_voicemail' });
  expect(draft.subject).toBe('Sorry I missed you, Jo');
  expect(draft.body).toContain('Sorry I missed you at Acme today.');

  // After a restart, still the saved text.
  const restarted = await desk.restart(preview);
  await page.goto(restarted.url);
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(1);
  await page.keyboard.press('Alt+P');
  await page.getByRole('radiogroup', { name: 'Edit' }).getByText('Email templates').click();
  await page.getByRole('button', { name: 'After a voicemail', exact: true }).click();
  await expect(page.getByRole('form', { name: 'Edit email template' }).getByLabel('Subject')).toHaveValue('Sorry I missed you, {{contact.firstName}}');
});
