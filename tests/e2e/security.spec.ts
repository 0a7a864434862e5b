import { expect, test } from '@playwright/test';
import http from 'node:http';
import { makeDataDir, startPreview, type RunningPreview } from './preview';

let preview: RunningPreview;
test.beforeAll(async () => {
  preview = await startPreview(makeDataDir());
});
test.afterAll(async () => {
  await preview.stop();
});

test('the CSP is in force: injected inline script and eval do not run', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) violations.push(message.text());
  });
  await page.goto(preview.url);
  await expect(page.getByRole('heading', { name: /Before you start|Queue/ })).toBeVisible();
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
  const invoke = { channel: 'queue.list', request: {} };
  const noToken = await fetch(`${preview.origin}/__dialdeck/invoke`, { method: 'POST', body: JSON.stringify(invoke) });
  expect(noToken.status).toBe(403);
  const wrongToken = await fetch(`${preview.origin}/__dialdeck/invoke`, {
    method: 'POST',
    headers: { 'x-dialdeck-token': 'not-the-token' },
    body: JSON.stringify(invoke),
  });
  expect(wrongToken.status).toBe(403);
  const page403 = await fetch(`${preview.origin}/`);
  expect(page403.status).toBe(403);
  expect(await page403.text()).toContain('needs its token');
  const wrongUrlToken = await fetch(`${preview.origin}/?token=guess`, { redirect: 'manual' });
  expect(wrongUrlToken.status).toBe(403);
  const events = await fetch(`${preview.origin}/__dialdeck/events`);
  expect(events.status).toBe(403);
  // A page on another host name (DNS rebinding) is refused even with the token.
  expect(await statusWithHost(preview, 'evil.example')).toBe(403);
  expect(await statusWithHost(preview, `127.0.0.1:${new URL(preview.origin).port}`)).toBe(200);
  const withToken = await fetch(`${preview.origin}/__dialdeck/invoke`, {
    method: 'POST',
    headers: { 'x-dialdeck-token': preview.token },
    body: JSON.stringify(invoke),
  });
  expect(withToken.status).toBe(200);
  expect(await withToken.json()).toEqual({ ok: true, value: { entries: [], queued: 0 } });

  // The browser gets in only through the printed URL, which sets an HttpOnly cookie.
  await page.goto(`${preview.origin}/`);
  await expect(page.locator('body')).toContainText('needs its token');
  await page.goto(preview.url);
  await expect(page).toHaveURL(`${preview.origin}/`);
  await expect(page.getByRole('heading', { name: /Before you start|Queue/ })).toBeVisible();
});

test('the preview server listens on loopback only', async () => {
  expect(new URL(preview.url).hostname).toBe('127.0.0.1');
  expect(preview.output()).toContain('loopback only');
});

/** fetch() will not send a forged Host header; node:http will. */
function statusWithHost(running: RunningPreview, host: string): Promise<number> {
  const { hostname, port } = new URL(running.origin);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { hostname, port, path: '/__dialdeck/events', method: 'GET', headers: { host, 'x-dialdeck-token': running.token } },
      (res) => {
        resolve(res.statusCode ?? 0);
        res.destroy();
      },
    );
    req.on('error', reject);
    req.end();
  });
}
