import { expect, test, type Page } from '@playwright/test';
import { bareHints } from './flows';
import { invokeCore, makeDataDir, startPreview, type RunningPreview } from './preview';

// One keymap: "?" lists the keys of the screen shown, exactly the README's keys for that screen
// (and the header's), and every key hint drawn on a screen is one of them, so a key shown is a
// key that works.

let preview: RunningPreview | undefined;
test.afterEach(async () => {
  await preview?.stop();
});

/** The header's keys, on every screen: the screens, "?", Esc out of a field. */
const HEADER = ['Alt+Q', 'Alt+U', 'Alt+L', 'Alt+C', 'Alt+I', 'Alt+P', 'Alt+S', 'Alt+M', '?', 'Esc', 'Alt+T', 'Ctrl+K', 'Alt+E', 'Alt+R', 'Alt+O'];
/** Alt+D opens the first lead due, where the due strip is (every screen but the call screen). */
const DUE = ['Alt+D'];
/** A list: rows, a screen at a time, the ends. */
const LIST = ['↓ J', '↑ K', 'PgDn', 'PgUp', 'Home', 'End'];

/** The README's keys for each screen, as the overlay prints them (one row per command: its keys). */
const EXPECTED = {
  queue: [...HEADER, ...DUE, ...LIST, 'Enter', 'A', 'F', 'V', 'P', 'Z', 'S', 'X', 'Ctrl+Z', 'I', 'W'],
  notCallable: [...HEADER, ...DUE, ...LIST, 'Enter', 'A', 'F', 'V', 'R', 'Ctrl+Z', 'I'],
  call: [...HEADER, 'Ctrl+Z', 'Enter', '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', 'D', 'N', 'T', 'V', 'Esc', 'S', ']', '[', '/', 'G', 'K', 'E', 'P', 'I', 'X'],
  callInRedialLoop: [...HEADER, 'Ctrl+Z', 'Enter', '1', '2', '3', '4', '5', '6', '7', '8', '9', '0', 'D', 'N', 'T', 'V', 'Esc', 'C', 'S', ']', '[', '/', 'G', 'K', 'E', 'P', 'X'],
  calls: [...HEADER, ...DUE, ...LIST, 'Enter', '/ F'],
  contacts: [...HEADER, ...DUE, ...LIST, 'Enter', '/'],
  upcoming: [...HEADER, ...DUE],
  importPick: [...HEADER, ...DUE],
  scripts: [...HEADER, ...DUE, 'Ctrl+S Meta+S'],
  settings: [...HEADER, ...DUE, 'T', 'B', 'Y'],
  // K filters by kind on Tasks and keeps a promise on Promises: there the list moves with ↑ alone.
  tasks: [...HEADER, ...DUE, '↓ J', '↑', 'PgDn', 'PgUp', 'Home', 'End', 'Enter', 'D', 'Z', 'F', 'K', 'E'],
  promises: [...HEADER, ...DUE, '↓ J', '↑', 'PgDn', 'PgUp', 'Home', 'End', 'Enter', '1', '2', '3', '4', 'K', 'B'],
};

/** Open "?", read its rows (each command's keys), check the hints on the screen behind, close. */
async function overlayKeys(page: Page, title: string): Promise<string[]> {
  // Every key hint drawn shows its key: no bare words for a key that is not there.
  expect(await bareHints(page), `${title}: key hints without a key`).toEqual([]);
  // Every key hint on the screen names a registered command.
  const hinted = await page.locator('kbd').evaluateAll((kbds) => kbds.map((k) => k.getAttribute('data-command') ?? `(no command) ${k.textContent}`));
  await page.keyboard.press('?');
  const overlay = page.getByRole('dialog', { name: `Keys: ${title}` });
  await expect(overlay).toBeVisible();
  const rows = overlay.locator('tr[data-command]');
  const keys = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th kbd')].map((k) => k.textContent).join(' ')));
  const listed = new Set(await rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-command'))));
  const shownButNotListed = hinted.filter((command) => !listed.has(command) && !command.startsWith('help.'));
  expect(shownButNotListed, `${title}: key hints for commands the overlay does not list`).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(overlay).toHaveCount(0);
  return keys;
}

const sorted = (keys: readonly string[]) => [...keys].sort();

test('"?" lists exactly the keys of the screen shown, and every key hint is one of them', async ({ page }) => {
  preview = await startPreview(makeDataDir());
  await invokeCore(preview, 'settings.update', { defaultCountry: 'US', defaultTimeZone: 'America/New_York', repName: 'Sam Reed', repPhone: '(212) 555-0143' });
  await invokeCore(preview, 'settings.confirm', {});
  const ana = await invokeCore<{ id: number }>(preview, 'contacts.add', { firstName: 'Ana', lastName: 'Test', company: 'Acme', phone: '+1 212 555 0901' });
  await invokeCore(preview, 'contacts.add', { firstName: 'Ben', lastName: 'Test', company: 'Brightline', phone: '+1 212 555 0902' });
  // A task due now, so the due strip (and its Alt+D) is there.
  const call = await invokeCore<{ id: number }>(preview, 'calls.dial', { contactId: ana.id });
  await invokeCore(preview, 'calls.log', { callId: call.id, outcome: 'voicemail_left' });
  await page.goto(preview.url);
  await expect(page.getByRole('region', { name: 'Due now' })).toBeVisible();

  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(1);
  expect(sorted(await overlayKeys(page, 'Queue'))).toEqual(sorted(EXPECTED.queue));
  await page.keyboard.press('v');
  await expect(page.getByRole('listbox', { name: 'Not callable now' })).toBeVisible();
  expect(sorted(await overlayKeys(page, 'Queue'))).toEqual(sorted(EXPECTED.notCallable));
  await page.keyboard.press('v');

  await page.keyboard.press('Enter');
  await expect(page.locator('#contact-name')).toHaveText('Ben Test');
  expect(sorted(await overlayKeys(page, 'Call screen'))).toEqual(sorted(EXPECTED.call));
  // While the redial loop runs, C and S too.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await page.keyboard.press('2');
  await expect(page.getByRole('status', { name: 'Redial loop' })).toBeVisible();
  expect(sorted(await overlayKeys(page, 'Call screen'))).toEqual(sorted(EXPECTED.callInRedialLoop));
  await page.keyboard.press('s');
  await expect(page.getByRole('status', { name: 'Redial loop' })).toHaveCount(0);
  await page.keyboard.press('Escape');

  for (const [key, title, expected] of [
    ['Alt+L', 'Calls', EXPECTED.calls],
    ['Alt+C', 'Contacts', EXPECTED.contacts],
    ['Alt+U', 'Upcoming', EXPECTED.upcoming],
    ['Alt+I', 'Import', EXPECTED.importPick],
    ['Alt+P', 'Scripts', EXPECTED.scripts],
    ['Alt+S', 'Settings', EXPECTED.settings],
  ] as const) {
    await page.keyboard.press(key);
    await expect(page.getByRole('navigation', { name: 'Screens' }).getByRole('button', { name: new RegExp(`^${title}`) })).toHaveAttribute('aria-current', 'page');
    // The lists have their rows before their keys are read.
    if (title === 'Calls') await expect(page.getByRole('listbox', { name: 'Call log' }).getByRole('option').first()).toBeVisible();
    if (title === 'Contacts') await expect(page.getByRole('listbox', { name: 'Contacts' }).getByRole('option').first()).toBeVisible();
    expect(sorted(await overlayKeys(page, title)), title).toEqual(sorted(expected));
  }
  // Tasks has no header button (no room at 1024 px): Alt+T.
  await page.keyboard.press('Alt+T');
  await expect(page.getByRole('listbox', { name: 'Open tasks' }).getByRole('option').first()).toBeVisible();
  expect(sorted(await overlayKeys(page, 'Tasks')), 'Tasks').toEqual(sorted(EXPECTED.tasks));
  // Promises, by key only too (Alt+O), with a promise to act on.
  await invokeCore(preview, 'promises.add', { contactId: ana.id, what: 'send the price list', dueAt: '2026-03-05T15:00:00Z' });
  await page.keyboard.press('Alt+O');
  await expect(page.getByRole('listbox', { name: 'Promises' }).getByRole('option').first()).toBeVisible();
  expect(sorted(await overlayKeys(page, 'Promises')), 'Promises').toEqual(sorted(EXPECTED.promises));
});

test('with nobody to call, the queue hints no keys for the list that is not there; a lead in the queue brings them back', async ({ page }) => {
  preview = await startPreview(makeDataDir());
  await invokeCore(preview, 'settings.update', { defaultCountry: 'US', defaultTimeZone: 'America/New_York', repName: 'Sam Reed', repPhone: '(212) 555-0143' });
  await invokeCore(preview, 'settings.confirm', {});
  await page.goto(preview.url);
  await expect(page.getByText('Nobody to call right now.')).toBeVisible();
  const hints = page.locator('.key-hints');
  // "choose" and "call screen" were drawn with no key (↑ ↓ and Enter belong to the list).
  await expect(hints).toContainText('not callable now');
  await expect(hints).not.toContainText('choose');
  await expect(hints).not.toContainText('call screen');
  expect(await bareHints(page)).toEqual([]);
  await invokeCore(preview, 'contacts.add', { firstName: 'Ana', lastName: 'Test', company: 'Acme', phone: '+1 212 555 0901' });
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(1);
  await expect(hints.locator('.key-hint', { hasText: 'choose' }).locator('kbd')).toHaveText(['↑', '↓']);
  await expect(hints.locator('.key-hint', { hasText: 'call screen' }).locator('kbd')).toHaveText('Enter');
  expect(await bareHints(page)).toEqual([]);
});

test('a dialog has the keyboard: only its keys work while it is open, and Esc from any field closes it', async ({ page }) => {
  preview = await startPreview(makeDataDir());
  await invokeCore(preview, 'settings.confirm', {});
  await invokeCore(preview, 'contacts.add', { firstName: 'Ana', lastName: 'Test', phone: '+1 212 555 0911' });
  await page.goto(preview.url);
  const queue = page.getByRole('listbox', { name: 'Queue' });
  await expect(queue.getByRole('option')).toHaveCount(1);
  await page.keyboard.press('z');
  const snooze = page.getByRole('dialog', { name: 'Snooze' });
  await expect(snooze).toBeVisible();
  // The screen's keys are off behind it: V would show the not-callable view, Alt+L the call log.
  await page.keyboard.press('v');
  await page.keyboard.press('Alt+L');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Queue/);
  await expect(snooze).toBeVisible();
  // 3 goes to the time field; Esc from inside it closes the dialog, and the screen's keys are back.
  await page.keyboard.press('3');
  await expect(snooze.getByLabel(/Until \(your time\)/)).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(snooze).toHaveCount(0);
  await page.keyboard.press('v');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Not callable now/);
});
