// How the Electron app starts: which flags are Dialdeck's (parseAppArgs, pure), and index.ts
// itself run over a fake 'electron' module — the real core on a real SQLite file, so the data
// folder, the refusal of an unknown flag, the test clock, the guards on every webContents and the
// IPC sender check are seen working together without Electron's binary.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE } from '../../shared/ipc/contract';
import { DATABASE_FILE_NAME } from '../../electron/core/paths';
import { parseAppArgs, parseStartup, testClockStart } from '../../electron/main/startup';
import { tempDir } from './helpers';

describe("Dialdeck's flags", () => {
  // What Playwright, electron-vite and the OS put on Electron's command line besides ours.
  const ELECTRON_OWN = ['--no-sandbox', '--inspect=0', '--remote-debugging-port=0', '--enable-logging', '--disable-gpu', '-psn_0_12345', '--user-data-dir=/tmp/x', '--lang=de', '.'];

  it.each([
    [['--data-dir', '/tmp/dd'], '/tmp/dd'],
    [['--data-dir=/tmp/dd'], '/tmp/dd'],
    [['--data-dir=/tmp/a=b c'], '/tmp/a=b c'],
    [[...ELECTRON_OWN, '--data-dir', 'rel/dd', '--enable-logging'], 'rel/dd'],
    [['/opt/app', '--data-dir=/tmp/dd', '--no-sandbox'], '/tmp/dd'],
    [ELECTRON_OWN, undefined],
    [[], undefined],
    // After a bare "--" everything is positional, for Chromium as for us.
    [['--', '--data-dir=/tmp/dd'], undefined],
  ])('%j → data folder %s', (argv, dataDir) => {
    expect(parseAppArgs(argv)).toEqual({ ok: true, dataDirFlag: dataDir });
  });

  it.each([
    [['--datadir', '/tmp/dd'], '"--datadir"'],
    [['--data_dir=/tmp/dd'], '"--data_dir"'],
    [['--data-folder=/tmp/dd'], '"--data-folder"'],
    [['--Data-Dir=/tmp/dd'], '"--Data-Dir"'],
    [['-data-dir', '/tmp/dd'], '"-data-dir"'],
    [['--dialdeck-clock=2026-01-01T00:00:00Z'], '"--dialdeck-clock"'],
    [['--data-dir'], '--data-dir needs a folder'],
    [['--data-dir='], '--data-dir needs a folder'],
    [['--data-dir', '--no-sandbox'], '--data-dir needs a folder'],
    [['--data-dir', 'a', '--data-dir=b'], 'given twice'],
  ])('%j is refused, naming the problem', (argv, says) => {
    const parsed = parseAppArgs(argv);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toContain(says);
    if (says.startsWith('"')) expect(!parsed.ok && parsed.error).toContain('Dialdeck accepts --data-dir DIR (or --data-dir=DIR)');
  });

  it('the test clock is honoured in test mode only, and must be an instant', () => {
    expect(testClockStart({})).toEqual({ ok: true, start: undefined });
    expect(testClockStart({ DIALDECK_TEST_MODE: '1', DIALDECK_TEST_CLOCK: '2026-03-04T17:00:00Z' })).toEqual({ ok: true, start: new Date(Date.UTC(2026, 2, 4, 17)) });
    expect(testClockStart({ DIALDECK_TEST_CLOCK: '2026-03-04T17:00:00Z' })).toMatchObject({ ok: false, error: expect.stringContaining('DIALDECK_TEST_MODE=1') });
    expect(testClockStart({ DIALDECK_TEST_MODE: '1', DIALDECK_TEST_CLOCK: 'tomorrow' })).toMatchObject({ ok: false, error: expect.stringContaining('ISO instant') });
    expect(parseStartup(['--data-dir', 'x'], { DIALDECK_TEST_CLOCK: '2026-03-04T17:00:00Z' }).ok).toBe(false);
  });
});

// ---- index.ts over a fake Electron ----

const fake = vi.hoisted(() => {
  class Emitter {
    readonly listeners = new Map<string, ((...args: unknown[]) => void)[]>();
    on(name: string, listener: (...args: unknown[]) => void) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    once(name: string, listener: (...args: unknown[]) => void) {
      return this.on(name, listener);
    }
    off() {
      return this;
    }
    emit(name: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(name) ?? []) listener(...args);
    }
  }
  class FakeWebContents extends Emitter {
    mainFrame = { url: '' };
    windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
    setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
      this.windowOpenHandler = handler;
    }
    send() {}
  }
  const state = {
    userData: '',
    app: null as unknown as Emitter & Record<string, unknown>,
    errorBoxes: [] as { title: string; content: string }[],
    exitCodes: [] as number[],
    windows: [] as { webContents: FakeWebContents; loaded: string[] }[],
    ipcHandlers: new Map<string, (...args: unknown[]) => unknown>(),
    permissionRequestHandler: null as null | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
    Emitter,
    FakeWebContents,
  };
  return state;
});

vi.mock('electron', () => {
  const app = Object.assign(new fake.Emitter(), {
    requestSingleInstanceLock: () => true,
    quit: () => {},
    exit: (code: number) => void fake.exitCodes.push(code),
    whenReady: () => Promise.resolve(),
    getPath: () => fake.userData,
    getLocaleCountryCode: () => 'US',
    getVersion: () => '0.0.0-test',
    setBadgeCount: () => true,
  });
  fake.app = app as unknown as typeof fake.app;
  class BrowserWindow extends fake.Emitter {
    readonly webContents = new fake.FakeWebContents();
    readonly loaded: string[] = [];
    constructor() {
      super();
      fake.windows.push(this);
      // Electron announces every new webContents before anything loads in it.
      app.emit('web-contents-created', {}, this.webContents);
    }
    loadURL(url: string) {
      this.loaded.push(url);
      this.webContents.mainFrame.url = url;
      return Promise.resolve();
    }
    isDestroyed() {
      return false;
    }
    setTitle() {}
  }
  return {
    app,
    BrowserWindow,
    dialog: { showErrorBox: (title: string, content: string) => void fake.errorBoxes.push({ title, content }) },
    Menu: { setApplicationMenu: () => {} },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: typeof fake.permissionRequestHandler) => void (fake.permissionRequestHandler = handler),
        setPermissionCheckHandler: () => {},
        setDevicePermissionHandler: () => {},
      },
    },
    ipcMain: {
      handle: (channel: string, handler: (...args: unknown[]) => unknown) => void fake.ipcHandlers.set(channel, handler),
      removeHandler: (channel: string) => void fake.ipcHandlers.delete(channel),
    },
    powerMonitor: new fake.Emitter(),
    Notification: { isSupported: () => false },
    nativeImage: { createFromDataURL: () => ({}) },
    Tray: class {},
    shell: { openExternal: () => Promise.resolve() },
  };
});

describe('the app started with', () => {
  const argv = process.argv;
  const env = { ...process.env };
  let stderr: string[];

  beforeEach(() => {
    vi.resetModules();
    // The fake module outlives each import of index.ts: only this test's listeners may count.
    fake.app?.listeners.clear();
    fake.userData = tempDir('dialdeck-userdata-');
    fake.errorBoxes.length = 0;
    fake.exitCodes.length = 0;
    fake.windows.length = 0;
    fake.ipcHandlers.clear();
    fake.permissionRequestHandler = null;
    delete process.env.DIALDECK_DATA_DIR;
    delete process.env.DIALDECK_TEST_MODE;
    delete process.env.DIALDECK_TEST_CLOCK;
    stderr = [];
    vi.spyOn(console, 'error').mockImplementation((...parts: unknown[]) => void stderr.push(parts.join(' ')));
  });

  afterEach(() => {
    fake.app?.emit('will-quit'); // closes the core
    process.argv = argv;
    process.env = { ...env };
    vi.restoreAllMocks();
  });

  /** Runs electron/main/index.ts as Electron would with these arguments, up to its window. */
  async function start(args: string[]): Promise<void> {
    process.argv = [argv[0]!, '.', ...args];
    await import('../../electron/main/index');
    await (fake.app.whenReady as () => Promise<void>)();
  }

  const invoke = (sender: unknown, senderFrame: unknown, channel: string, request: unknown) =>
    fake.ipcHandlers.get(IPC_INVOKE)!({ sender, senderFrame }, channel, request) as Promise<{ ok: boolean; value?: unknown; error?: { code: string } }>;

  it.each([['--data-dir', 'DIR'], ['--data-dir=DIR']])('%s %s opens the database in that folder, not the user-data folder', async (...form) => {
    const dir = tempDir('dialdeck-flag-');
    await start([...form.map((part) => part.replace('DIR', dir)), '--no-sandbox']);
    expect(fake.errorBoxes).toEqual([]);
    expect(fs.existsSync(path.join(dir, DATABASE_FILE_NAME))).toBe(true);
    expect(fs.existsSync(path.join(fake.userData, DATABASE_FILE_NAME))).toBe(false);
  });

  it('no flag opens the user-data folder', async () => {
    await start(['--no-sandbox']);
    expect(fs.existsSync(path.join(fake.userData, DATABASE_FILE_NAME))).toBe(true);
  });

  it('an unknown flag of ours stops it, on stderr and in a dialog, before any database is opened', async () => {
    const dir = tempDir('dialdeck-flag-');
    await start(['--datadir', dir]);
    expect(stderr.join('\n')).toContain('Dialdeck cannot start: Unknown option "--datadir"');
    expect(fake.errorBoxes).toEqual([{ title: 'Dialdeck cannot start', content: expect.stringContaining('"--datadir"') }]);
    expect(fake.exitCodes).toEqual([2]);
    expect(fake.windows).toEqual([]);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(fs.existsSync(path.join(fake.userData, DATABASE_FILE_NAME))).toBe(false);
  });

  it('guards every webContents and denies permissions, and answers IPC from its own window only', async () => {
    await start(['--data-dir', tempDir('dialdeck-flag-')]);
    const [window] = fake.windows;
    const appUrl = pathToFileURL(path.resolve(__dirname, '../../electron/renderer/index.html')).href;
    expect(window?.loaded).toEqual([appUrl]);

    const navigation = { defaultPrevented: false, preventDefault: () => void (navigation.defaultPrevented = true) };
    window!.webContents.emit('will-navigate', navigation, 'https://evil.example/');
    expect(navigation.defaultPrevented).toBe(true);
    expect(window!.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    // Any other webContents (a second window, DevTools) gets the same guards.
    const other = new fake.FakeWebContents();
    fake.app.emit('web-contents-created', {}, other);
    expect(other.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    const answers: boolean[] = [];
    fake.permissionRequestHandler?.({}, 'media', (granted) => answers.push(granted));
    expect(answers).toEqual([false]);

    expect(await invoke(window!.webContents, window!.webContents.mainFrame, 'queue.list', {})).toMatchObject({ ok: true, value: { entries: [] } });
    other.mainFrame.url = appUrl;
    expect(await invoke(other, other.mainFrame, 'queue.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await invoke(window!.webContents, { url: appUrl }, 'queue.list', {})).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('DIALDECK_TEST_CLOCK puts the core on that instant in test mode', async () => {
    process.env.DIALDECK_TEST_MODE = '1';
    process.env.DIALDECK_TEST_CLOCK = '2026-03-04T17:00:00Z';
    await start(['--data-dir', tempDir('dialdeck-flag-')]);
    const [window] = fake.windows;
    expect(await invoke(window!.webContents, window!.webContents.mainFrame, 'app.now', {})).toEqual({ ok: true, value: { now: '2026-03-04T17:00:00.000Z', rate: 0 } });
  });

  it('DIALDECK_TEST_CLOCK outside test mode stops it', async () => {
    process.env.DIALDECK_TEST_CLOCK = '2026-03-04T17:00:00Z';
    await start(['--data-dir', tempDir('dialdeck-flag-')]);
    expect(fake.errorBoxes[0]?.content).toContain('DIALDECK_TEST_MODE=1');
    expect(fake.exitCodes).toEqual([2]);
  });
});
