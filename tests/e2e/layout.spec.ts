import { expect, test, type Page } from '@playwright/test';
import Database from 'better-sqlite3';
import path from 'node:path';
import { bareHints, undrawnTimes } from './flows';
import { advanceClock, invokeCore, makeDataDir, screenshotPath, startPreview, type RunningPreview } from './preview';

// The look a rep lives in for eight hours: every screen at 1024×640 and at 1920×1080, in the light
// and the dark theme, with no horizontal overflow (the page scrolls only downwards) and no control
// cut by its own box or by the window; on the call screen at 1024×640 the disposition keys and the
// notes are in view without scrolling. A screenshot of each state for a person to look at.

const SIZES = [
  { width: 1024, height: 640 },
  { width: 1920, height: 1080 },
] as const;
const FIXTURES = path.resolve(__dirname, '../fixtures/leads');

let preview: RunningPreview | undefined;
test.afterEach(async () => {
  await preview?.stop();
});

/** What overflows sideways: the page itself, or a control wider than its own box or running out
 *  of the window. Each entry names the element so a failure says where. */
async function overflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) found.push(`page: scrollWidth ${doc.scrollWidth} > ${doc.clientWidth}`);
    if (document.body.scrollWidth > document.body.clientWidth) found.push(`body: scrollWidth ${document.body.scrollWidth} > ${document.body.clientWidth}`);
    const name = (el: Element) => `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
    const controls = document.querySelectorAll('button, input, select, textarea, label, kbd, h1, h2, h3, th, [role="option"], .badge, .tier, .outcome-badge, .due-item, .key-hint');
    for (const el of controls) {
      const box = el.getBoundingClientRect();
      // Not drawn, or drawn for screen readers only (a labelled file input behind its button).
      if (box.width <= 1 || box.height <= 1) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden') continue;
      // A text field's own value scrolls inside it by design (a company name longer than the
      // field); its box must still fit, below.
      const typed = el instanceof HTMLTextAreaElement || (el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'file'].includes(el.type));
      if (!typed && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) found.push(`${name(el)}: content ${el.scrollWidth}px in ${el.clientWidth}px`);
      if (box.right > window.innerWidth + 0.5 || box.left < -0.5) found.push(`${name(el)}: outside the window (${Math.round(box.left)}–${Math.round(box.right)} of ${window.innerWidth})`);
      // Cut by a scrolling or clipping ancestor: the part of the control its ancestors show.
      for (let parent = el.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const clip = getComputedStyle(parent).overflowX;
        if (clip === 'visible') continue;
        const outer = parent.getBoundingClientRect();
        if (box.right > outer.right + 1 || box.left < outer.left - 1) found.push(`${name(el)}: cut by ${name(parent)}`);
        break;
      }
    }
    return found;
  });
}

/** Check the screen as it stands and keep a screenshot of it. */
async function look(page: Page, shot: string): Promise<void> {
  await page.evaluate(() => document.fonts.ready);
  expect(await overflow(page), shot).toEqual([]);
  expect(await bareHints(page), `${shot}: key hints without a key`).toEqual([]);
  expect(await undrawnTimes(page), `${shot}: a time the client did not draw`).toEqual([]);
  await page.screenshot({ path: screenshotPath(`layout-${shot}`) });
}

/** Fully inside the window, without scrolling. */
async function inView(page: Page, selector: string): Promise<void> {
  const outside = await page.evaluate((sel) => {
    return [...document.querySelectorAll(sel)]
      .map((el) => ({ text: (el.textContent ?? '').trim().slice(0, 30), box: el.getBoundingClientRect() }))
      .filter(({ box }) => box.top < 0 || box.bottom > window.innerHeight || box.left < 0 || box.right > window.innerWidth)
      .map(({ text, box }) => `${text} at ${Math.round(box.top)}–${Math.round(box.bottom)} of ${window.innerHeight}`);
  }, selector);
  expect(outside, selector).toEqual([]);
}

/** The elements matching `selector` inside `container` that are not wholly in its visible box
 *  (cut off, or reached only by scrolling it). */
async function wholeIn(page: Page, container: string, selector: string): Promise<void> {
  const cut = await page.evaluate(([outer, sel]) => {
    const box = document.querySelector(outer)!.getBoundingClientRect();
    return [...document.querySelectorAll(`${outer} ${sel}`)]
      .map((el) => ({ text: (el.textContent ?? '').trim().slice(0, 30), r: el.getBoundingClientRect() }))
      .filter(({ r }) => r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5)
      .map(({ text, r }) => `${text} at ${Math.round(r.top)}–${Math.round(r.bottom)} in ${Math.round(box.top)}–${Math.round(box.bottom)}`);
  }, [container, selector] as const);
  expect(cut, `${selector} in ${container}`).toEqual([]);
}

/** How many of a listbox's rows are wholly in its visible box (not the ones drawn ahead). */
async function wholeRows(page: Page, listbox: string): Promise<number> {
  return page.getByRole('listbox', { name: listbox }).evaluate((list) => {
    const box = list.getBoundingClientRect();
    return [...list.querySelectorAll('[role="option"]')].filter((row) => {
      const r = row.getBoundingClientRect();
      return r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5;
    }).length;
  });
}

async function importFile(running: RunningPreview, fileName: string, data: Buffer): Promise<{ importId: number }> {
  const staged = await invokeCore<{ stageId: string; mapping: string[] }>(running, 'imports.preview', { fileName, data: data.toString('base64') });
  return invokeCore(running, 'imports.run', { stageId: staged.stageId, mapping: staged.mapping });
}

/** A desk mid-afternoon: leads in New York, one in Tokyo (outside hours), a long name, an import
 *  with rejected rows, an import that stopped part-way, calls in the log with every kind of
 *  outcome, a callback due now and a task. */
async function seed(theme: 'light' | 'dark'): Promise<RunningPreview> {
  const dataDir = makeDataDir();
  let running = await startPreview(dataDir);
  await invokeCore(running, 'settings.update', { defaultCountry: 'US', defaultTimeZone: 'America/New_York', repName: 'Sam Reed', repPhone: '(212) 555-0143', theme });
  await invokeCore(running, 'settings.confirm', {});
  await running.stop();
  // A disk that fills up on one row: the import with that row stops part-way.
  const db = new Database(path.join(dataDir, 'dialdeck.sqlite'));
  db.exec("CREATE TRIGGER disk_full BEFORE INSERT ON contacts WHEN NEW.first_name = 'Crash' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
  db.close();
  running = await startPreview(dataDir);
  const rows = ['Name,Phone', ...Array.from({ length: 30 }, (_, i) => `${i === 20 ? 'Crash Here' : `Cut ${i}`},+1 212 555 ${String(3000 + i)}`)];
  await expect(importFile(running, 'cut-short.csv', Buffer.from(`${rows.join('\n')}\n`))).rejects.toThrow(/disk is full/);
  const fs = await import('node:fs');
  await importFile(running, 'hubspot-50.windows1252.csv', fs.readFileSync(path.join(FIXTURES, 'hubspot-50.windows1252.csv')));
  const leads = [
    // Long names, one for the call screen at each size (its redial loop takes it out of the queue).
    { firstName: 'Maximiliana', lastName: 'Featherstonehaugh-Wolfeschlegel', company: 'International Consolidated Holdings and Subsidiaries Ltd', phone: '+1 212 555 0190' },
    { firstName: 'Bartholomew', lastName: 'Abercrombie-Fitzwilliam', company: 'Worldwide Amalgamated Logistics and Warehousing Group plc', phone: '+1 212 555 0191' },
    ...Array.from({ length: 14 }, (_, i) => ({ firstName: `Lead${String(i + 1).padStart(2, '0')}`, lastName: 'Test', company: `Company ${i + 1}`, phone: `+1 212 555 01${String(i + 10)}` })),
  ];
  const ids: number[] = [];
  for (const lead of leads) ids.push((await invokeCore<{ id: number }>(running, 'contacts.add', lead)).id);
  await invokeCore(running, 'contacts.add', { firstName: 'Kenji', lastName: 'Sato', company: 'Tokyo KK', phone: '+81 3 1234 5678' });
  const outcomes = [
    { outcome: 'conversation', notes: 'Wants pricing for 12 seats; call after their board meeting.', objections: ['We already have a supplier'] },
    { outcome: 'advance', nextStep: 'Demo with their CFO', nextAt: '2026-03-05T15:00:00Z' },
    { outcome: 'not_interested', reason: 'No budget' },
    { outcome: 'callback_requested', callbackAt: '2026-03-04T17:01:00Z' },
    { outcome: 'voicemail_left' },
  ];
  for (const [i, logged] of outcomes.entries()) {
    const call = await invokeCore<{ id: number }>(running, 'calls.dial', { contactId: ids[leads.length - 1 - i]! });
    await invokeCore(running, 'calls.log', { callId: call.id, ...logged });
  }
  // Promises for the Promises screen: a long one and a short one, not yet due (an overdue one
  // would be on every screen, above the call screen's keys).
  await invokeCore(running, 'promises.add', { contactId: ids[0]!, what: 'send the revised price list for all twelve seats with the annual discount and the onboarding plan', toWhom: 'Maximiliana Featherstonehaugh-Wolfeschlegel', owner: 'Alexandra Montgomery-Smythe', dueAt: '2026-03-05T15:00:00Z' });
  await invokeCore(running, 'promises.add', { contactId: ids[2]!, what: 'ask finance about terms', dueAt: '2026-03-06T15:00:00Z' });
  // The callback falls due.
  await advanceClock(running, 60_000);
  return running;
}

/** A row of a virtual list, scrolled to until it is rendered, then clicked. */
async function pickRow(page: Page, listbox: string, name: RegExp): Promise<void> {
  const list = page.getByRole('listbox', { name: listbox });
  const option = list.getByRole('option', { name });
  await list.evaluate((el) => (el.scrollTop = 0));
  for (let i = 0; i < 100 && (await option.count()) === 0; i++) await list.evaluate((el) => (el.scrollTop += el.clientHeight / 2));
  await option.click();
}

async function screenKey(page: Page, key: string, heading: RegExp | string): Promise<void> {
  await page.keyboard.press(key);
  await expect(page.getByRole('heading', { level: 1, name: heading }).first()).toBeVisible();
}

for (const theme of ['light', 'dark'] as const) {
  test(`every screen at 1024×640 and 1920×1080 in the ${theme} theme: nothing overflows sideways, nothing is cut`, async ({ page }) => {
    test.setTimeout(240_000);
    preview = await seed(theme);
    // The OS says the other theme: the one chosen in Settings wins.
    await page.emulateMedia({ colorScheme: theme === 'light' ? 'dark' : 'light' });
    await page.setViewportSize(SIZES[0]);
    await page.goto(preview.url);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(theme === 'dark' ? 'rgb(18, 22, 27)' : 'rgb(238, 240, 243)');

    // The import cut short, on the Import screen, at both sizes; then kept, out of the way.
    for (const size of SIZES) {
      const at = `${size.width}x${size.height}-${theme}`;
      await page.setViewportSize(size);
      await screenKey(page, 'Alt+Q', /Queue/);
      await expect(page.getByRole('region', { name: 'Unfinished import' })).toBeVisible();
      await look(page, `queue-interrupted-notice-${at}`);
      await screenKey(page, 'Alt+I', 'Import leads');
      await expect(page.getByRole('region', { name: 'An import did not finish' })).toBeVisible();
      await look(page, `import-interrupted-${at}`);
    }
    await page.getByRole('button', { name: 'Keep what was imported' }).click();
    await expect(page.getByRole('region', { name: 'An import did not finish' })).toHaveCount(0);

    for (const size of SIZES) {
      const at = `${size.width}x${size.height}-${theme}`;
      await page.setViewportSize(size);

      // Queue, its dialogs, the keys overlay and the not-callable view.
      await screenKey(page, 'Alt+Q', /Queue/);
      await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option').first()).toBeVisible();
      await look(page, `queue-${at}`);
      if (size.height === 640) {
        // With the due strip up (four items, kept to one line): seven rows whole in view, and the
        // selected lead's buttons without scrolling its card.
        expect(await wholeRows(page, 'Queue')).toBeGreaterThanOrEqual(7);
        await wholeIn(page, '.selected-lead', 'button');
      }
      await page.keyboard.press('z');
      await expect(page.getByRole('dialog', { name: 'Snooze' })).toBeVisible();
      await look(page, `queue-snooze-${at}`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('a');
      await expect(page.getByRole('dialog', { name: 'Add a contact' })).toBeVisible();
      await page.keyboard.press('Enter');
      await expect(page.getByRole('dialog', { name: 'Add a contact' }).getByRole('alert').first()).toBeVisible();
      await look(page, `queue-add-contact-${at}`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('?');
      await expect(page.getByRole('dialog', { name: 'Keys: Queue' })).toBeVisible();
      await look(page, `queue-keys-${at}`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('v');
      await expect(page.getByRole('listbox', { name: 'Not callable now' })).toBeVisible();
      await look(page, `queue-not-callable-${at}`);
      await page.keyboard.press('v');

      // The call screen: before the dial, in voicemail mode, a disposition's details, the redial
      // loop, and the override prompt for a lead outside their hours.
      const longName = size.width === 1024 ? /Maximiliana/ : /Bartholomew/;
      await pickRow(page, 'Queue', longName);
      await page.keyboard.press('Enter');
      await expect(page.locator('#contact-name')).toHaveText(longName);
      await look(page, `call-${at}`);
      if (size.height === 640) {
        await inView(page, '.disposition');
        await inView(page, '.notes textarea');
      }
      await page.keyboard.press('Enter');
      await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
      await page.keyboard.press('v');
      await expect(page.getByRole('timer', { name: 'Voicemail stopwatch' })).toBeVisible();
      await look(page, `call-voicemail-${at}`);
      if (size.height === 640) {
        await inView(page, '.disposition');
        await inView(page, '.notes textarea');
      }
      await page.keyboard.press('v');
      await page.keyboard.press('6');
      await expect(page.getByRole('form', { name: 'Advance: details' })).toBeVisible();
      await look(page, `call-advance-details-${at}`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('2');
      await expect(page.getByRole('status', { name: 'Redial loop' })).toBeVisible();
      await look(page, `call-redial-${at}`);
      if (size.height === 640) {
        await inView(page, '.disposition');
        await inView(page, '.notes textarea');
      }
      await page.keyboard.press('s');
      await expect(page.getByRole('status', { name: 'Redial loop' })).toHaveCount(0);
      await page.keyboard.press('Escape');
      await page.keyboard.press('v');
      await pickRow(page, 'Not callable now', /Kenji/);
      await page.keyboard.press('Enter');
      await expect(page.locator('#contact-name')).toHaveText('Kenji Sato');
      await page.keyboard.press('Enter');
      await expect(page.getByRole('alertdialog', { name: 'Outside calling hours' })).toBeVisible();
      await look(page, `call-override-${at}`);
      await page.keyboard.press('Escape');
      await page.keyboard.press('Escape');
      await page.keyboard.press('v');

      // The other screens.
      await screenKey(page, 'Alt+L', /Calls/);
      await expect(page.getByRole('listbox', { name: 'Call log' }).getByRole('option').first()).toBeVisible();
      await look(page, `calls-${at}`);
      await screenKey(page, 'Alt+C', /Contacts/);
      await pickRow(page, 'Contacts', longName);
      await expect(page.getByRole('region', { name: longName })).toBeVisible();
      await look(page, `contacts-${at}`);
      await screenKey(page, 'Alt+U', /Next 24 hours/);
      await look(page, `upcoming-${at}`);
      await screenKey(page, 'Alt+P', /Scripts/);
      await look(page, `scripts-${at}`);
      await screenKey(page, 'Alt+S', 'Settings');
      await look(page, `settings-${at}`);
      await screenKey(page, 'Alt+T', /Tasks/);
      await look(page, `tasks-${at}`);
      await screenKey(page, 'Alt+O', /Promises/);
      await expect(page.getByRole('listbox', { name: 'Promises' }).getByRole('option')).toHaveCount(2);
      await look(page, `promises-${at}`);
      await screenKey(page, 'Alt+M', /Numbers/);
      // Drawn with its numbers and its heat map, not while they are on their way.
      await expect(page.getByTestId('dashboard-headline')).toBeVisible();
      await expect(page.getByRole('button', { name: /their time/ }).first()).toBeVisible();
      await look(page, `numbers-${at}`);
      await screenKey(page, 'Alt+R', 'Lost and stalled');
      await expect(page.getByRole('table', { name: 'Why they said no' })).toBeVisible();
      await look(page, `report-${at}`);
      // Ctrl+K over the screen: the lead who rings back, found by part of a name.
      await page.keyboard.press('Control+k');
      const search = page.getByRole('dialog', { name: 'Find a lead' });
      await search.getByRole('combobox').fill('Lead0');
      await expect(search.getByRole('listbox', { name: 'Leads found' }).getByRole('option').first()).toBeVisible();
      await look(page, `search-${at}`);
      await page.keyboard.press('Escape');
      await expect(search).toHaveCount(0);

      // Import: the file step, the mapping, the result and the rejected rows.
      await screenKey(page, 'Alt+I', 'Import leads');
      await look(page, `import-${at}`);
      // A file of this size's own leads, a few with numbers too short to dial.
      const lines = ['First Name,Last Name,Company,Phone,Notes', ...Array.from({ length: 12 }, (_, i) => `Row${i},Size${size.width},Firm ${i},${i % 4 === 0 ? '555' : `+1 646 555 ${size.width % 10}${String(100 + i)}`},${i === 1 ? 'A long note that goes on about what was said at the fair and what they want next quarter' : ''}`)];
      await page.getByLabel('Lead file').setInputFiles({ name: `spring-${size.width}.csv`, mimeType: 'text/csv', buffer: Buffer.from(`${lines.join('\n')}\n`) });
      await expect(page.getByRole('region', { name: new RegExp(`spring-${size.width}.csv`) })).toBeVisible();
      await look(page, `import-mapping-${at}`);
      await page.getByRole('button', { name: /^Import 12 rows/ }).click();
      const result = page.getByRole('region', { name: new RegExp(`Imported spring-${size.width}.csv`) });
      await expect(result).toBeVisible();
      await look(page, `import-result-${at}`);
      await result.getByRole('button', { name: /^3 rejected/ }).click();
      await expect(page.getByRole('listbox', { name: 'Rejected rows' })).toBeVisible();
      await look(page, `import-rejected-${at}`);
    }
  });
}

test('the first-run questions fit at 1024×640 in both themes', async ({ page }) => {
  preview = await startPreview(makeDataDir());
  for (const colorScheme of ['light', 'dark'] as const) {
    // "System" follows the OS.
    await page.emulateMedia({ colorScheme });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.goto(preview.url);
      await expect(page.getByRole('heading', { name: 'Before you start' })).toBeVisible();
      expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(colorScheme === 'dark' ? 'rgb(18, 22, 27)' : 'rgb(238, 240, 243)');
      await look(page, `first-run-${size.width}x${size.height}-${colorScheme}`);
    }
  }
});
