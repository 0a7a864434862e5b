import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isAppFrameUrl, SECURE_WEB_PREFERENCES } from '../../electron/main/trust';
import { CONTENT_SECURITY_POLICY } from '../../electron/preview/csp';

describe('IPC sender check', () => {
  const fileApp = 'file:///opt/Dialdeck/resources/app.asar/out/renderer/index.html';
  it.each([
    [fileApp, fileApp, true],
    [`${fileApp}#/queue`, fileApp, true],
    ['file:///tmp/evil.html', fileApp, false],
    ['https://example.com/', fileApp, false],
    ['about:blank', fileApp, false],
    ['http://localhost:5173/', 'http://localhost:5173/', true],
    ['http://localhost:5173/some/route', 'http://localhost:5173/', true],
    ['http://localhost:5174/', 'http://localhost:5173/', false],
    ['http://evil.localhost:5173/', 'http://localhost:5173/', false],
    ['not a url', fileApp, false],
    ['', fileApp, false],
  ])('%s from app %s → %s', (frame, app, trusted) => {
    expect(isAppFrameUrl(frame, app)).toBe(trusted);
  });
});

describe('the window', () => {
  it('is isolated and sandboxed with no Node in the page', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('uses those preferences, and denies navigation, new windows and permissions', () => {
    const source = fs.readFileSync(path.resolve(__dirname, '../../electron/main/window.ts'), 'utf8');
    expect(source).toContain('...SECURE_WEB_PREFERENCES');
    expect(source).toMatch(/will-navigate', \(event\) => event\.preventDefault\(\)/);
    expect(source).toMatch(/setWindowOpenHandler\(\(\) => \(\{ action: 'deny' \}\)\)/);
    expect(source).toMatch(/setPermissionRequestHandler\([^)]*\) => callback\(false\)\)/);
  });
});

describe('Content-Security-Policy', () => {
  const html = fs.readFileSync(path.resolve(__dirname, '../../renderer/index.html'), 'utf8');
  const meta = html.match(/http-equiv="Content-Security-Policy"\s+content="([^"]+)"/)?.[1];

  it('the page and the preview server send the same strict policy', () => {
    expect(meta).toBe(CONTENT_SECURITY_POLICY);
  });

  it('allows no inline script and no eval', () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });

  it('the page has no inline script of its own', () => {
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  });
});
