// The Electron glue's refusals, by behaviour: the real guard functions are called with fake
// webContents, session and IPC events (Electron's binary is not needed), and each request a
// hostile page could make is seen refused.
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { denyAllPermissions, installNavigationGuards, type GuardedContents, type GuardedSession } from '../../electron/main/guards';
import { isAppFrameUrl, isTrustedSender, literalNotificationText, SECURE_WEB_PREFERENCES } from '../../electron/main/trust';
import { CONTENT_SECURITY_POLICY } from '../../electron/preview/csp';

// createMainWindow builds a real BrowserWindow; a fake one records what it was given.
const created = vi.hoisted(() => ({ windows: [] as { options: { webPreferences?: Record<string, unknown> }; loaded: string[] }[] }));
vi.mock('electron', () => ({
  BrowserWindow: class {
    readonly loaded: string[] = [];
    constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
      created.windows.push(this);
    }
    once() {}
    loadURL(url: string) {
      this.loaded.push(url);
      return Promise.resolve();
    }
  },
}));

/** A webContents that keeps its listeners and emits events the way Electron does. */
class FakeContents {
  private readonly listeners = new Map<string, ((event: FakeEvent, ...rest: unknown[]) => void)[]>();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;

  on(name: string, listener: (event: FakeEvent, ...rest: unknown[]) => void): this {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
    return this;
  }

  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }

  /** True when a listener stopped it (Electron goes ahead otherwise). */
  emitPreventable(name: string, url: string): boolean {
    const event = new FakeEvent(url);
    for (const listener of this.listeners.get(name) ?? []) listener(event, url);
    return event.defaultPrevented;
  }

  /** What Electron would do with window.open(url): a new window unless a handler denies it. */
  windowOpen(url: string): string {
    return this.windowOpenHandler?.({ url }).action ?? 'allow';
  }

  asGuarded(): GuardedContents {
    return this as unknown as GuardedContents;
  }
}

class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url: string) {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

/** A session that keeps its handlers; with none, Electron grants by default. */
class FakeSession {
  requestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void) | null = null;
  checkHandler: ((contents: unknown, permission: string, origin: string, details: unknown) => boolean) | null = null;
  deviceHandler: ((details: unknown) => boolean) | null = null;

  setPermissionRequestHandler(handler: typeof this.requestHandler): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: typeof this.checkHandler): void {
    this.checkHandler = handler;
  }
  setDevicePermissionHandler(handler: typeof this.deviceHandler): void {
    this.deviceHandler = handler;
  }

  /** The answers the page gets to one request: granted unless a handler answers otherwise. */
  request(permission: string): boolean[] {
    if (!this.requestHandler) return [true];
    const answers: boolean[] = [];
    this.requestHandler({}, permission, (granted) => answers.push(granted), { requestingUrl: 'file:///app/index.html' });
    return answers;
  }
  check(permission: string): boolean {
    return this.checkHandler ? this.checkHandler({}, permission, 'file://', {}) : true;
  }
  device(): boolean {
    return this.deviceHandler ? this.deviceHandler({ deviceType: 'usb', origin: 'file://' }) : true;
  }

  asGuarded(): GuardedSession {
    return this as unknown as GuardedSession;
  }
}

const fileApp = 'file:///opt/Dialdeck/resources/app.asar/out/renderer/index.html';
const HOSTILE_URLS = ['https://evil.example/', 'http://127.0.0.1:5199/', 'file:///etc/passwd', fileApp, 'about:blank', 'javascript:alert(1)', 'tel:+14155552671'];

describe('navigation, redirects, webviews and new windows', () => {
  let contents: FakeContents;
  beforeEach(() => {
    contents = new FakeContents();
  });

  it('the fake goes ahead when nothing guards it (so the checks below can fail)', () => {
    expect(contents.emitPreventable('will-navigate', 'https://evil.example/')).toBe(false);
    expect(contents.windowOpen('https://evil.example/')).toBe('allow');
  });

  it.each(HOSTILE_URLS)('navigating, being redirected or attaching a webview to %s is stopped', (url) => {
    installNavigationGuards(contents.asGuarded());
    expect(contents.emitPreventable('will-navigate', url)).toBe(true);
    expect(contents.emitPreventable('will-redirect', url)).toBe(true);
    expect(contents.emitPreventable('will-attach-webview', url)).toBe(true);
  });

  it.each(HOSTILE_URLS)('window.open(%s) is denied', (url) => {
    installNavigationGuards(contents.asGuarded());
    expect(contents.windowOpen(url)).toBe('deny');
  });
});

describe('permissions', () => {
  const PERMISSIONS = ['media', 'geolocation', 'notifications', 'clipboard-read', 'display-capture', 'openExternal', 'fullscreen', 'hid', 'serial', 'usb', 'midiSysex', 'unknown'];

  it('the fake grants when nothing guards it (so the checks below can fail)', () => {
    const session = new FakeSession();
    expect(session.request('media')).toEqual([true]);
    expect(session.check('media')).toBe(true);
    expect(session.device()).toBe(true);
  });

  it.each(PERMISSIONS)('a request for %s is answered once, with no', (permission) => {
    const session = new FakeSession();
    denyAllPermissions(session.asGuarded());
    expect(session.request(permission)).toEqual([false]);
    expect(session.check(permission)).toBe(false);
  });

  it('no device (USB, HID, serial) is ever granted', () => {
    const session = new FakeSession();
    denyAllPermissions(session.asGuarded());
    expect(session.device()).toBe(false);
  });
});

describe('IPC sender check', () => {
  it.each([
    [fileApp, fileApp, true],
    [`${fileApp}#/queue`, fileApp, true],
    ['file:///tmp/evil.html', fileApp, false],
    // The same path on another machine's share (Windows opens file://host/… over SMB).
    ['file://attacker-share/opt/Dialdeck/resources/app.asar/out/renderer/index.html', fileApp, false],
    ['https://example.com/', fileApp, false],
    ['about:blank', fileApp, false],
    ['http://localhost:5173/', 'http://localhost:5173/', true],
    ['http://localhost:5173/some/route', 'http://localhost:5173/', true],
    ['http://localhost:5174/', 'http://localhost:5173/', false],
    ['http://evil.localhost:5173/', 'http://localhost:5173/', false],
    ['not a url', fileApp, false],
    ['', fileApp, false],
  ])('a frame at %s, app at %s → %s', (frame, app, trusted) => {
    expect(isAppFrameUrl(frame, app)).toBe(trusted);
  });

  // Fakes with Electron's identities: a window's webContents and its frames are distinct objects.
  function fakeWindow(url: string) {
    const mainFrame = { url };
    return { webContents: { mainFrame }, mainFrame };
  }
  type TrustArgs = Parameters<typeof isTrustedSender>;
  const ask = (sender: unknown, senderFrame: unknown, window: unknown) =>
    isTrustedSender({ sender, senderFrame } as unknown as TrustArgs[0], window as TrustArgs[1], fileApp);

  it("answers the Dialdeck window's own top frame", () => {
    const app = fakeWindow(fileApp);
    expect(ask(app.webContents, app.mainFrame, app)).toBe(true);
  });

  it('refuses another window, even one showing the same page', () => {
    const app = fakeWindow(fileApp);
    const intruder = fakeWindow(fileApp);
    expect(ask(intruder.webContents, intruder.mainFrame, app)).toBe(false);
    // Each identity is checked on its own: the right frame from the wrong sender is refused too.
    expect(ask(intruder.webContents, app.mainFrame, app)).toBe(false);
  });

  it('refuses a frame embedded in the window, even at the same address', () => {
    const app = fakeWindow(fileApp);
    expect(ask(app.webContents, { url: fileApp }, app)).toBe(false);
  });

  it('refuses the window once it shows another page', () => {
    const app = fakeWindow('file:///tmp/evil.html');
    expect(ask(app.webContents, app.mainFrame, app)).toBe(false);
  });

  it('refuses when the frame is gone or there is no window', () => {
    const app = fakeWindow(fileApp);
    expect(ask(app.webContents, null, app)).toBe(false);
    expect(ask(app.webContents, app.mainFrame, null)).toBe(false);
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

  it('is created with those preferences and the preload, and loads the app', async () => {
    const { createMainWindow } = await import('../../electron/main/window');
    createMainWindow(fileApp, { bounds: { x: 10, y: 20, width: 1200, height: 800 }, maximized: false }, { alwaysOnTop: true, compact: false });
    const [window] = created.windows;
    // Where the desk glue placed it, on top as the rep asked.
    expect(window?.options).toMatchObject({ x: 10, y: 20, width: 1200, height: 800, alwaysOnTop: true, minWidth: 900, minHeight: 600 });
    expect(window?.options.webPreferences).toEqual({ ...SECURE_WEB_PREFERENCES, preload: expect.stringMatching(/preload[\\/]index\.cjs$/) });
    expect(window?.loaded).toEqual([fileApp]);
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

describe('notification text', () => {
  it('is escaped for Linux notification servers, which read the body as markup, and left as it is elsewhere', () => {
    const body = 'Ana <b>Silva</b> at Smith & Sons <a href="https://evil.example">x</a>';
    expect(literalNotificationText(body, 'linux')).toBe('Ana &lt;b&gt;Silva&lt;/b&gt; at Smith &amp; Sons &lt;a href="https://evil.example"&gt;x&lt;/a&gt;');
    for (const platform of ['win32', 'darwin'] as const) expect(literalNotificationText(body, platform)).toBe(body);
  });
});
