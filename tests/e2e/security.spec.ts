import { expect, test, type Page } from '@playwright/test';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { invokeCore, makeDataDir, screenshotPath, startPreview, type RunningPreview } from './preview';

let preview: RunningPreview;
test.beforeAll(async () => {
  preview = await startPreview(makeDataDir());
});
test.afterAll(async () => {
  await preview.stop();
});

const SESSION_ENDED = "This preview's session has ended";
const appHeading = (page: Page) => page.getByRole('heading', { name: /Before you start|Queue/ });

test('the CSP is in force: injected inline script and eval do not run', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  await page.goto(preview.url);
  await expect(appHeading(page)).toBeVisible();
  const result = await page.evaluate(async () => {
    const reported: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => reported.push(e.violatedDirective));
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.head.appendChild(script);
    const handler = document.createElement('img');
    handler.setAttribute('src', 'data:,x');
    handler.setAttribute('onerror', 'window.__handler = true');
    document.body.appendChild(handler);
    // A string timer is compiled in the page (unlike this evaluate call, which the DevTools
    // protocol runs outside the page's policy), so it shows whether the CSP allows eval.
    (window.setTimeout as unknown as (code: string, ms: number) => number)('window.__evaluated = true', 0);
    await new Promise((r) => setTimeout(r, 300));
    const w = window as unknown as { __injected?: boolean; __handler?: boolean; __evaluated?: boolean };
    return { injected: w.__injected ?? false, handler: w.__handler ?? false, evaluated: w.__evaluated ?? false, reported };
  });
  expect(result.injected).toBe(false);
  expect(result.handler).toBe(false);
  expect(result.evaluated).toBe(false);
  expect(result.reported).toContain('script-src-elem');
  expect(result.reported).toContain('script-src-attr');
  expect(result.reported).toContain('script-src');
  expect(violations.length).toBeGreaterThan(0);
});

test('the preview server refuses requests without its token', async ({ page }) => {
  const invoke = JSON.stringify({ channel: 'queue.list', request: {} });
  const json = { 'content-type': 'application/json' };
  const noToken = await fetch(`${preview.origin}/__dialdeck/invoke`, { method: 'POST', headers: json, body: invoke });
  expect(noToken.status).toBe(403);
  const wrongToken = await fetch(`${preview.origin}/__dialdeck/invoke`, {
    method: 'POST',
    headers: { ...json, 'x-dialdeck-token': 'not-the-token' },
    body: invoke,
  });
  expect(wrongToken.status).toBe(403);
  // The bridge reads API refusals as JSON envelopes, never as bare text.
  expect(await wrongToken.json()).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringContaining(SESSION_ENDED) } });
  const page403 = await fetch(`${preview.origin}/`);
  expect(page403.status).toBe(403);
  expect(page403.headers.get('content-type')).toBe('text/html; charset=utf-8');
  const wrongUrlToken = await fetch(`${preview.origin}/?token=guess`, { redirect: 'manual' });
  expect(wrongUrlToken.status).toBe(403);
  const events = await fetch(`${preview.origin}/__dialdeck/events`);
  expect(events.status).toBe(403);
  // A page on another host name (DNS rebinding) is refused even with the token.
  expect((await rawRequest(preview, { path: '/__dialdeck/events', headers: { host: 'evil.example', 'x-dialdeck-token': preview.token } })).status).toBe(403);
  expect((await rawRequest(preview, { path: '/__dialdeck/events', headers: { 'x-dialdeck-token': preview.token } })).status).toBe(200);
  const withToken = await fetch(`${preview.origin}/__dialdeck/invoke`, {
    method: 'POST',
    headers: { ...json, 'x-dialdeck-token': preview.token },
    body: invoke,
  });
  expect(withToken.status).toBe(200);
  expect(await withToken.json()).toEqual({ ok: true, value: { entries: [], queued: 0 } });

  // The browser gets in only through the printed URL, which sets an HttpOnly cookie. Without
  // it, the page says what to do (a page, not bare text; no script, as the CSP forbids it).
  await page.goto(`${preview.origin}/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(SESSION_ENDED);
  await expect(page.locator('body')).toContainText('open the address npm run preview printed');
  await page.screenshot({ path: screenshotPath('90-session-ended-page') });
  await page.goto(preview.url);
  await expect(page).toHaveURL(`${preview.origin}/`);
  await expect(appHeading(page)).toBeVisible();
});

test('the preview server listens on loopback only', async () => {
  expect(new URL(preview.url).hostname).toBe('127.0.0.1');
  expect(preview.output()).toContain('loopback only');
});

test('a page on another loopback port cannot add a contact through the preview', async ({ page, context }) => {
  // The victim: the preview open in this browser, so its SameSite cookie is in the jar. A page
  // on 127.0.0.1 at another port is the same site, so the browser sends that cookie along.
  await page.goto(preview.url);
  await expect(appHeading(page)).toBeVisible();
  const attacker = await serveAttackerPage(preview.origin);
  try {
    const attackerPage = await context.newPage();
    await attackerPage.goto(attacker.url);
    await attackerPage.waitForFunction(() => document.title === 'done');
    await attackerPage.close();
  } finally {
    await attacker.close();
  }
  const found = await invokeCore<{ total: number }>(preview, 'contacts.search', { text: 'Mallory' });
  expect(found.total).toBe(0);
  // The same call from the preview's own page still works.
  expect(await invokeInPage(page, 'contacts.add', { firstName: 'Own', phone: '+14155552699' })).toMatchObject({ ok: true });
});

test("state-changing requests need JSON, the preview's own Origin and a same-origin fetch", async ({ page }) => {
  const ownOrigin = preview.origin;
  const ownPort = Number(new URL(ownOrigin).port);
  const otherPort = `http://127.0.0.1:${ownPort === 5173 ? 5174 : 5173}`;
  const token = { 'x-dialdeck-token': preview.token };
  const json = { 'content-type': 'application/json' };
  const body = JSON.stringify({ channel: 'queue.list', request: {} });
  const invoke = (headers: Record<string, string>) => rawRequest(preview, { method: 'POST', path: '/__dialdeck/invoke', headers, body });

  // The tests' and CLI's path: the token header, JSON, no Origin (Node's fetch sends none).
  expect((await invoke({ ...token, ...json })).status).toBe(200);
  expect((await invoke({ ...token, 'content-type': 'application/json; charset=utf-8' })).status).toBe(200);

  // What no-cors fetch and HTML forms can send cross-origin: any other content type.
  for (const type of ['text/plain', 'text/plain;charset=UTF-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx']) {
    const answer = await invoke({ ...token, 'content-type': type });
    expect(answer, type).toMatchObject({ status: 403, body: expect.stringContaining('Content-Type: application/json') });
  }
  expect((await invoke(token)).status).toBe(403);

  // A foreign Origin is refused, with or without the token.
  for (const origin of [otherPort, 'http://localhost:1', 'https://evil.example', 'null']) {
    const answer = await invoke({ ...token, ...json, origin });
    expect(answer, origin).toMatchObject({ status: 403, body: expect.stringContaining('another origin') });
  }
  expect((await invoke({ ...token, ...json, origin: ownOrigin })).status).toBe(200);

  // Fetch metadata: another site or another port (same-site) is refused; same-origin passes.
  for (const site of ['same-site', 'cross-site']) {
    expect((await invoke({ ...token, ...json, 'sec-fetch-site': site, 'sec-fetch-mode': 'no-cors' })).status, site).toBe(403);
  }
  expect((await invoke({ ...token, ...json, 'sec-fetch-site': 'same-origin', origin: ownOrigin })).status).toBe(200);

  // The test clock is a write too.
  const clock = (headers: Record<string, string>) =>
    rawRequest(preview, { method: 'POST', path: '/__dialdeck/test/clock', headers, body: JSON.stringify({ advanceMs: 0 }) });
  expect((await clock({ ...token, 'content-type': 'text/plain' })).status).toBe(403);
  expect((await clock({ ...token, ...json, origin: otherPort })).status).toBe(403);
  expect((await clock({ ...token, ...json })).status).toBe(200);

  // The event stream refuses other origins and sites too.
  const events = (headers: Record<string, string>) => rawRequest(preview, { path: '/__dialdeck/events', headers: { ...token, ...headers } });
  expect((await events({ origin: otherPort })).status).toBe(403);
  expect((await events({ 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'cors' })).status).toBe(403);
  expect((await events({ 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors' })).status).toBe(200);

  // So do the other pages and files, except a top-level link to the page itself, and nothing
  // may frame the page.
  const statics = (headers: Record<string, string>) => rawRequest(preview, { path: '/', headers: { ...token, ...headers } });
  expect((await statics({ 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'no-cors', 'sec-fetch-dest': 'script' })).status).toBe(403);
  expect((await statics({ 'sec-fetch-site': 'same-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' })).status).toBe(403);
  const link = await statics({ 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document' });
  expect(link.status).toBe(200);
  expect(link.headers['content-security-policy']).toContain("frame-ancestors 'none'");

  // The browser's own cookie is accepted only with the page's own Origin, which browsers send
  // on every POST: a cookie with no Origin is not a request from the preview's page.
  await page.goto(preview.url);
  await expect(appHeading(page)).toBeVisible();
  const cookie = (await page.context().cookies(ownOrigin)).map((c) => `${c.name}=${c.value}`).join('; ');
  expect(cookie).not.toBe('');
  expect((await invoke({ cookie, ...json })).status).toBe(403);
  expect((await invoke({ cookie, ...json, origin: ownOrigin, 'sec-fetch-site': 'same-origin' })).status).toBe(200);
});

test("the call socket opens only with the token, for the preview's own page", async ({ page }) => {
  const ownOrigin = preview.origin;
  const otherPort = `http://127.0.0.1:${Number(new URL(ownOrigin).port) === 5173 ? 5174 : 5173}`;
  const token = { 'x-dialdeck-token': preview.token };
  expect(await socketHandshake(preview, {})).toBe(403);
  expect(await socketHandshake(preview, { 'x-dialdeck-token': 'wrong' })).toBe(403);
  expect(await socketHandshake(preview, token)).toBe(101);
  // A page elsewhere (another loopback port is the same site, so it has the cookie): refused.
  for (const origin of [otherPort, 'https://evil.example', 'null']) expect(await socketHandshake(preview, { ...token, origin }), origin).toBe(403);
  await page.goto(preview.url);
  await expect(appHeading(page)).toBeVisible();
  const cookie = (await page.context().cookies(ownOrigin)).map((c) => `${c.name}=${c.value}`).join('; ');
  expect(await socketHandshake(preview, { cookie })).toBe(403);
  expect(await socketHandshake(preview, { cookie, origin: otherPort })).toBe(403);
  expect(await socketHandshake(preview, { cookie, origin: ownOrigin })).toBe(101);
  // The page's own calls go over it (its policy lets it connect): answered with no HTTP request.
  let overHttp = 0;
  page.on('request', (request) => {
    if (request.url().endsWith('/__dialdeck/invoke')) overHttp++;
  });
  await expect
    .poll(async () => {
      const before = overHttp;
      const envelope = await invokeInPage(page, 'queue.list', {});
      return envelope.ok && overHttp === before;
    }, { timeout: 10_000 })
    .toBe(true);
});

test('a body that is not a JSON object and an address with a broken escape are 400, not 500', async () => {
  const token = { 'x-dialdeck-token': preview.token, 'content-type': 'application/json' };
  for (const body of ['null', '[]', '"queue.list"', '5', 'true']) {
    const answer = await rawRequest(preview, { method: 'POST', path: '/__dialdeck/invoke', headers: token, body });
    expect(answer.status, body).toBe(400);
    expect(JSON.parse(answer.body), body).toEqual({ ok: false, error: { code: 'invalid_request', message: expect.stringContaining('JSON object') } });
    const clock = await rawRequest(preview, { method: 'POST', path: '/__dialdeck/test/clock', headers: token, body });
    expect(clock.status, `clock ${body}`).toBe(400);
  }
  const notJson = await rawRequest(preview, { method: 'POST', path: '/__dialdeck/invoke', headers: token, body: '{"channel":' });
  expect(notJson.status).toBe(400);
  for (const path of ['/%zz', '/assets/%E0%A4%A', '/%', '/__dialdeck/%zz']) {
    const answer = await rawRequest(preview, { path, headers: { 'x-dialdeck-token': preview.token } });
    expect(answer.status, path).toBe(400);
    expect(answer.body, path).toContain('address');
  }
  // Nothing broke: the server still answers.
  expect((await rawRequest(preview, { method: 'POST', path: '/__dialdeck/invoke', headers: token, body: JSON.stringify({ channel: 'queue.list', request: {} }) })).status).toBe(200);
  expect(preview.output()).not.toContain('[preview]');
});

test('two previews open in one browser both keep working', async ({ page, context }) => {
  const second = await startPreview(makeDataDir());
  try {
    await page.goto(preview.url);
    await expect(appHeading(page)).toBeVisible();
    const secondPage = await context.newPage();
    await secondPage.goto(second.url);
    await expect(appHeading(secondPage)).toBeVisible();
    // Opening the second did not log the first out: its calls and a reload still work.
    for (const open of [page, secondPage]) {
      expect(await invokeInPage(open, 'queue.list', {})).toMatchObject({ ok: true });
    }
    await page.reload();
    await expect(appHeading(page)).toBeVisible();
    await expect(page.getByRole('alertdialog')).toHaveCount(0);
  } finally {
    await second.stop();
  }
});

test('a tab from before a restart says the session ended instead of failing with a parse error', async ({ page }) => {
  const dataDir = makeDataDir();
  const first = await startPreview(dataDir);
  await page.goto(first.url);
  await expect(appHeading(page)).toBeVisible();
  // The app's own calls are held back, so that only the event stream can tell the tab.
  await page.route('**/__dialdeck/invoke', (route) => route.abort());
  await first.stop();
  // The same port again, as `npm run preview` would be: a new run, a new token.
  const again = await startPreview(dataDir, { port: Number(new URL(first.origin).port) });
  try {
    // The open tab's event stream reconnects, is refused, and the page says what to do.
    const notice = page.getByRole('alertdialog', { name: SESSION_ENDED });
    await expect(notice).toBeVisible();
    await expect(notice).toContainText('open the address npm run preview printed');
    await expect(notice).toBeFocused();
    // The app behind cannot be reached by keyboard.
    await expect(page.locator('#root')).toHaveAttribute('inert', '');
    for (const size of [
      { width: 1024, height: 640 },
      { width: 1920, height: 1080 },
    ]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: screenshotPath(`91-session-ended-notice-${size.width}x${size.height}`) });
    }
    // A call from the app gets a clear error it can show, not "SyntaxError: Unexpected token".
    await page.unroute('**/__dialdeck/invoke');
    expect(await invokeInPage(page, 'queue.list', {})).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringContaining(SESSION_ENDED) } });
    // Opening the new address works.
    await page.goto(again.url);
    await expect(appHeading(page)).toBeVisible();
    await expect(notice).toHaveCount(0);
  } finally {
    await again.stop();
  }
});

test('a call refused with 403 ends the session, whatever the answer says', async ({ page }) => {
  await callsOverHttp(page);
  await page.goto(preview.url);
  await expect(appHeading(page)).toBeVisible();
  // As a preview from before per-port cookies answered, or another server now on the port.
  await page.route('**/__dialdeck/invoke', (route) => route.fulfill({ status: 403, contentType: 'text/plain', body: 'Forbidden: this preview needs its token.' }));
  expect(await invokeInPage(page, 'queue.list', {})).toEqual({ ok: false, error: { code: 'forbidden', message: expect.stringContaining(SESSION_ENDED) } });
  await expect(page.getByRole('alertdialog', { name: SESSION_ENDED })).toBeVisible();
});

test('a call answered with something that is not JSON is a clear error', async ({ page }) => {
  await callsOverHttp(page);
  await page.goto(preview.url);
  await expect(appHeading(page)).toBeVisible();
  await page.route('**/__dialdeck/invoke', (route) => route.fulfill({ status: 502, contentType: 'text/html', body: '<h1>Bad gateway</h1>' }));
  const envelope = await invokeInPage(page, 'queue.list', {});
  expect(envelope).toEqual({ ok: false, error: { code: 'internal', message: expect.stringContaining('HTTP 502') } });
  expect(envelope.error?.message).not.toContain('SyntaxError');
});

/** The bridge sends its calls over its socket once the server has said hello there: a stand-in
 *  socket that never does keeps them on HTTP, where these tests answer them. */
async function callsOverHttp(page: Page): Promise<void> {
  await page.routeWebSocket('**/__dialdeck/socket', () => undefined);
}

/** The status line of a WebSocket handshake to the preview's call socket (101 when it opens). */
function socketHandshake(target: RunningPreview, headers: Record<string, string>): Promise<number> {
  const { port } = new URL(target.origin);
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: '127.0.0.1',
      port,
      path: '/__dialdeck/socket',
      headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers },
    });
    request.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode ?? 0);
    });
    request.on('response', (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('error', reject);
    request.end();
  });
}

interface LooseEnvelope {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

/** Call the page's bridge (window.dialdeck) as the app's api client does. */
function invokeInPage(page: Page, channel: string, request: unknown): Promise<LooseEnvelope> {
  return page.evaluate(
    ([c, r]) => (window as unknown as { dialdeck: { invoke(channel: unknown, request: unknown): Promise<LooseEnvelope> } }).dialdeck.invoke(c, r),
    [channel, request] as const,
  );
}

/** A neighbouring web page on another loopback port that tries to add contacts to the preview:
 *  a no-cors fetch with a text/plain body, and an HTML form posting text/plain into a frame
 *  (its field name and value make the body valid JSON). Sets its title to "done" when both ran. */
async function serveAttackerPage(previewOrigin: string): Promise<{ url: string; close(): Promise<void> }> {
  const invokeUrl = `${previewOrigin}/__dialdeck/invoke`;
  const fetchBody = JSON.stringify({ channel: 'contacts.add', request: { firstName: 'Mallory', lastName: 'Fetch', phone: '+14155552671' } });
  const formName = '{"channel":"contacts.add","request":{"firstName":"Mallory","lastName":"Form","phone":"+14155552672"},"pad":"';
  const html = `<!doctype html><html><head><title>attacker</title></head><body>
<iframe name="sink"></iframe>
<form method="POST" action="${invokeUrl}" enctype="text/plain" target="sink"><input type="hidden" name='${formName}' value='"}'></form>
<script>
(async () => {
  try {
    await fetch(${JSON.stringify(invokeUrl)}, { method: 'POST', mode: 'no-cors', credentials: 'include', headers: { 'content-type': 'text/plain' }, body: ${JSON.stringify(fetchBody)} });
  } catch {}
  const frame = document.querySelector('iframe');
  await new Promise((resolve) => { frame.onload = resolve; document.forms[0].submit(); });
  document.title = 'done';
})();
</script></body></html>`;
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** node:http, not fetch: it sends any Host, Origin, Cookie or Sec-Fetch-* header it is given,
 *  as a browser on another page would. An event stream is not read past its headers. */
function rawRequest(running: RunningPreview, options: { method?: string; path: string; headers?: Record<string, string>; body?: string }): Promise<RawAnswer> {
  const { hostname, port } = new URL(running.origin);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, path: options.path, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      if (res.headers['content-type'] === 'text/event-stream') {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: '' });
        res.destroy();
        return;
      }
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}
