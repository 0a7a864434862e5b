import { expect, test, type Page } from '@playwright/test';
import { invokeCore, makeDataDir, startPreview, type RunningPreview } from './preview';

// What the page asks the core, counted in the page: a disposition by key sends the disposition and
// nothing else (its reply carries the next lead, its script and, while engaged, the redial loop),
// and the queue left alone for ten minutes of the page's clock asks nothing at all.

let preview: RunningPreview | undefined;
test.afterEach(async () => {
  await preview?.stop();
});

/** Every call the page makes to the core, by channel, as it goes out (over HTTP or the socket). */
function countRequests(page: Page) {
  const sent: string[] = [];
  let pending = 0;
  let lastActivity = Date.now();
  page.on('request', (request) => {
    if (!request.url().endsWith('/__dialdeck/invoke')) return;
    sent.push((request.postDataJSON() as { channel: string }).channel);
    pending++;
    lastActivity = Date.now();
  });
  const done = (request: { url(): string }) => {
    if (!request.url().endsWith('/__dialdeck/invoke')) return;
    pending--;
    lastActivity = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  // Once its socket is open, the bridge sends its calls over it (electron/preview/socket.ts): one
  // message each way per call.
  page.on('websocket', (socket) => {
    if (!socket.url().endsWith('/__dialdeck/socket')) return;
    socket.on('framesent', ({ payload }) => {
      sent.push((JSON.parse(String(payload)) as { channel: string }).channel);
      pending++;
      lastActivity = Date.now();
    });
    // The answers; not the server's hello, which answers nothing.
    socket.on('framereceived', ({ payload }) => {
      if ((JSON.parse(String(payload)) as { id?: number }).id === undefined) return;
      pending--;
      lastActivity = Date.now();
    });
  });
  return {
    sent,
    /** Until nothing has been asked or answered for `quietMs`. */
    async settle(quietMs = 800): Promise<void> {
      await expect.poll(() => pending === 0 && Date.now() - lastActivity >= quietMs, { timeout: 15_000, intervals: [100] }).toBe(true);
    },
    clear(): void {
      sent.length = 0;
    },
  };
}

async function setUp(): Promise<void> {
  preview = await startPreview(makeDataDir());
  await invokeCore(preview, 'settings.update', { defaultCountry: 'US', defaultTimeZone: 'America/New_York', repName: 'Sam Reed', repPhone: '(212) 555-0143' });
  await invokeCore(preview, 'settings.confirm', {});
  for (const [first, phone] of [
    ['Ana', '+1 212 555 0801'],
    ['Ben', '+1 212 555 0802'],
    ['Cy', '+1 212 555 0803'],
  ] as const) {
    await invokeCore(preview, 'contacts.add', { firstName: first, lastName: 'Test', company: `${first} Co`, phone });
  }
}

test('a disposition by key sends exactly one request, the disposition, and the next lead is painted from its reply', async ({ page }) => {
  await setUp();
  const requests = countRequests(page);
  await page.goto(preview!.url);
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(3);
  await page.keyboard.press('Enter');
  await expect(page.locator('#contact-name')).toHaveText('Ana Test');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await requests.settle();

  // 1: no answer. The next lead, with its script, and nothing asked but the disposition.
  requests.clear();
  await page.keyboard.press('1');
  await expect(page.locator('#contact-name')).toHaveText('Ben Test');
  await expect(page.locator('.script-panel')).toContainText("Hi Ben, it's Sam Reed.");
  await expect(page.getByRole('region', { name: 'History' })).toContainText('No calls yet.');
  // The events the disposition causes arrive too: they must not ask again for what it brought.
  await requests.settle(2000);
  // Nothing is asked again for the lead, its script, its history, its follow-through step or the
  // session strip's numbers: all came in the reply.
  expect(requests.sent).toEqual(['calls.log']);

  // 2: engaged. The same lead with its redial loop, from the reply alone.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('timer', { name: 'Call time' })).toBeVisible();
  await requests.settle();
  requests.clear();
  await page.keyboard.press('2');
  await expect(page.getByRole('status', { name: 'Redial loop' })).toContainText('attempt 2');
  await expect(page.locator('#contact-name')).toHaveText('Ben Test');
  await requests.settle(2000);
  // The same lead, its loop and the session strip's numbers: all from the reply.
  expect(requests.sent).toEqual(['calls.log']);
});

test('the queue screen sends no request while idle for ten minutes of the page’s clock', async ({ page }) => {
  await page.clock.install();
  await setUp();
  const requests = countRequests(page);
  await page.goto(preview!.url);
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(3);
  // Whatever the screen fetches on opening (and ahead, for the selected lead), then nothing.
  await page.clock.runFor(2_000);
  await requests.settle();
  requests.clear();
  for (let minute = 0; minute < 10; minute++) await page.clock.runFor(60_000);
  await requests.settle();
  expect(requests.sent).toEqual([]);
  // Still alive: the queue answers a change the core announces.
  await invokeCore(preview!, 'contacts.add', { firstName: 'Di', lastName: 'Test', phone: '+1 212 555 0804' });
  await expect(page.getByRole('listbox', { name: 'Queue' }).getByRole('option')).toHaveCount(4);
  expect(requests.sent).toContain('queue.list');
});
