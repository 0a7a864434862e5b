// How the Electron app starts: which flags are Dialdeck's (parseAppArgs, pure), and index.ts
// itself run over a fake 'electron' module — the real core on a real SQLite file, so the data
// folder, the refusal of an unknown flag, the test clock, the guards on every webContents and the
// IPC sender check are seen working together without Electron's binary.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IPC_INVOKE } from '../../shared/ipc/contract';
import { DATABASE_FILE_NAME } from '../../electron/core/paths';
import { parseAppArgs, parseCallEvent, parseStartup, secondInstanceRequest, testClockStart } from '../../electron/main/startup';
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
    windows: [] as (Emitter & { webContents: FakeWebContents; loaded: string[]; options: Record<string, unknown>; alwaysOnTop: [boolean, string][]; bounds: Record<string, number> })[],
    singleInstanceData: [] as unknown[],
    loginItems: [] as unknown[],
    displays: [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }] as { id: number; workArea: { x: number; y: number; width: number; height: number } }[],
    ipcHandlers: new Map<string, (...args: unknown[]) => unknown>(),
    permissionRequestHandler: null as null | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
    Emitter,
    FakeWebContents,
  };
  return state;
});

vi.mock('electron', () => {
  const app = Object.assign(new fake.Emitter(), {
    requestSingleInstanceLock: (data: unknown) => {
      fake.singleInstanceData.push(data);
      return true;
    },
    setLoginItemSettings: (settings: unknown) => void fake.loginItems.push(settings),
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
    readonly alwaysOnTop: [boolean, string][] = [];
    bounds: Record<string, number>;
    constructor(readonly options: Record<string, unknown>) {
      super();
      this.bounds = { x: options.x as number, y: options.y as number, width: options.width as number, height: options.height as number };
      fake.windows.push(this as unknown as (typeof fake.windows)[number]);
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
    isMinimized() {
      return false;
    }
    isMaximized() {
      return false;
    }
    getNormalBounds() {
      return this.bounds;
    }
    setBounds(bounds: Record<string, number>) {
      this.bounds = bounds;
    }
    setMinimumSize() {}
    setAlwaysOnTop(flag: boolean, level: string) {
      this.alwaysOnTop.push([flag, level]);
    }
    maximize() {}
    unmaximize() {}
    show() {}
    focus() {}
    restore() {}
  }
  const screen = {
    getAllDisplays: () => fake.displays,
    getPrimaryDisplay: () => fake.displays[0],
    getDisplayMatching: () => fake.displays[0],
  };
  return {
    app,
    BrowserWindow,
    screen,
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
    // The team URL's keychain (electron/main/teamSecrets.ts): none on this fake machine.
    safeStorage: { isEncryptionAvailable: () => false, encryptString: () => Buffer.alloc(0), decryptString: () => '' },
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
    fake.singleInstanceData.length = 0;
    fake.loginItems.length = 0;
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

describe('call events on the command line', () => {
  it.each([
    [['--call-event=connected', '--number=+14155552671'], { kind: 'connected', number: '+14155552671', durationSeconds: null }],
    [['--call-event', 'ended', '--number', '+14155552671', '--duration', '95'], { kind: 'ended', number: '+14155552671', durationSeconds: 95 }],
    [['--call-event=ended', '--duration=0', '--number=14155552671'], { kind: 'ended', number: '14155552671', durationSeconds: 0 }],
    // MicroSIP appends the number after a space to the command in its ini file.
    [['--no-sandbox', '--call-event=ended', '--number=', '14155552671'], { kind: 'ended', number: '14155552671', durationSeconds: null }],
    [['--call-event=connected', '--number', 'sip:+14155552671@pbx.example.com'], { kind: 'connected', number: 'sip:+14155552671@pbx.example.com', durationSeconds: null }],
  ])('%j → %j', (argv, event) => {
    expect(parseCallEvent(argv)).toEqual({ ok: true, event });
  });

  it('a plain start has none', () => {
    expect(parseCallEvent(['--data-dir', '/tmp/x', '--no-sandbox', '.'])).toEqual({ ok: true, event: null });
    expect(parseCallEvent(['--', '--call-event=connected'])).toEqual({ ok: true, event: null });
  });

  it.each([
    [['--call-event=rang', '--number=1'], 'Unknown call event "rang"'],
    [['--call-event=connected'], 'needs the number'],
    [['--call-event=connected', '--number'], '--number needs a value'],
    [['--number=+14155552671'], 'go with --call-event'],
    [['--call-event=connected', '--number=1', '--duration=5'], 'Only an ended call has a duration'],
    [['--call-event=ended', '--number=1', '--duration=1.5'], 'whole seconds'],
    [['--call-event=ended', '--number=1', '--duration=-3'], 'whole seconds'],
    [['--call-event=ended', '--number=1', '--number=2'], 'given twice'],
  ])('%j is refused: %s', (argv, says) => {
    const parsed = parseCallEvent(argv);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.error).toContain(says);
  });

  it('a second start asks the running app to record its event, or to show itself', () => {
    expect(secondInstanceRequest({ dialdeckArgv: ['--call-event=ended', '--number=+14155552671', '--duration=95'] })).toEqual({
      kind: 'call-event',
      event: { kind: 'ended', number: '+14155552671', durationSeconds: 95 },
    });
    expect(secondInstanceRequest({ dialdeckArgv: ['--data-dir', '/x'] })).toEqual({ kind: 'show' });
    expect(secondInstanceRequest(undefined)).toEqual({ kind: 'show' });
    expect(secondInstanceRequest({ dialdeckArgv: [42] })).toEqual({ kind: 'show' });
    expect(secondInstanceRequest({ dialdeckArgv: ['--call-event=maybe', '--number=1'] })).toMatchObject({ kind: 'refused' });
  });
});

describe('the desk app over a fake Electron', () => {
  const argv = process.argv;
  const env = { ...process.env };

  beforeEach(() => {
    vi.resetModules();
    fake.app?.listeners.clear();
    fake.userData = tempDir('dialdeck-userdata-');
    fake.errorBoxes.length = 0;
    fake.exitCodes.length = 0;
    fake.windows.length = 0;
    fake.singleInstanceData.length = 0;
    fake.ipcHandlers.clear();
    delete process.env.DIALDECK_DATA_DIR;
    process.env.DIALDECK_TEST_MODE = '1';
    process.env.DIALDECK_TEST_CLOCK = '2026-03-04T17:00:00Z';
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
  });

  afterEach(() => {
    fake.app?.emit('will-quit');
    process.argv = argv;
    process.env = { ...env };
    vi.restoreAllMocks();
  });

  async function start(args: string[]): Promise<void> {
    process.argv = [argv[0]!, '.', ...args];
    await import('../../electron/main/index');
    await (fake.app.whenReady as () => Promise<void>)();
  }
  const invoke = async <T>(channel: string, request: unknown): Promise<{ ok: boolean; value?: T; error?: { code: string; message: string } }> => {
    const window = fake.windows[0]!;
    return (await fake.ipcHandlers.get(IPC_INVOKE)!({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, channel, request)) as never;
  };

  it('a softphone’s second start hands its call event to the running app, which records it without taking the focus', async () => {
    const dir = tempDir('dialdeck-desk-');
    await start(['--data-dir', dir]);
    expect(fake.singleInstanceData).toEqual([{ dialdeckArgv: ['.', '--data-dir', dir] }]);
    const lead = await invoke<{ id: number }>('contacts.add', { firstName: 'Ana', phone: '+1 415 555 2671' });
    const call = await invoke<{ id: number }>('calls.dial', { contactId: lead.value!.id, override: true });
    // Dialled two minutes before the phone reports the end of 95 s of talk (the test clock stands still).
    const writer = new BetterSqlite3(path.join(dir, DATABASE_FILE_NAME));
    writer.prepare('UPDATE calls SET dialed_at = ? WHERE id = ?').run(Date.parse('2026-03-04T16:58:00Z'), call.value!.id);
    writer.close();
    const window = fake.windows[0]!;
    const focus = vi.spyOn(window as unknown as { focus(): void }, 'focus');
    fake.app.emit('second-instance', {}, ['whatever', 'Electron', 'reordered'], '/', { dialdeckArgv: ['--call-event=ended', '--number=+14155552671', '--duration=95'] });
    const detail = await invoke<{ calls: { id: number; softphone: unknown }[] }>('contacts.get', { id: lead.value!.id });
    expect(detail.value!.calls[0]).toMatchObject({ id: call.value!.id, softphone: { talkSeconds: 95, endedAt: '2026-03-04T17:00:00.000Z', connectedAt: '2026-03-04T16:58:25.000Z' } });
    expect(focus).not.toHaveBeenCalled();
    // A plain second start brings the window forward.
    fake.app.emit('second-instance', {}, [], '/', { dialdeckArgv: [] });
    expect(focus).toHaveBeenCalledTimes(1);
  });

  it('a call event when no Dialdeck runs is recorded with no window, and the process ends', async () => {
    const dir = tempDir('dialdeck-desk-');
    await start(['--data-dir', dir, '--call-event=connected', '--number', '+442079460958']);
    expect(fake.windows).toEqual([]);
    expect(fake.exitCodes).toEqual([0]);
    const db = new BetterSqlite3(path.join(dir, DATABASE_FILE_NAME), { readonly: true });
    expect(db.prepare('SELECT kind, e164, call_id, source FROM call_events').all()).toEqual([{ kind: 'connected', e164: '+442079460958', call_id: null, source: 'softphone' }]);
    db.close();
  });

  it('a damaged call log opens the window on the recovery screen’s channels; a restore switches to the app', async () => {
    const dir = tempDir('dialdeck-desk-');
    await start(['--data-dir', dir]);
    const lead = await invoke<{ id: number }>('contacts.add', { firstName: 'Ana', phone: '+1 415 555 2671' });
    expect(lead.ok).toBe(true);
    await invoke('backups.create', {});
    fake.app.emit('will-quit');
    const file = path.join(dir, DATABASE_FILE_NAME);
    const db = new BetterSqlite3(file);
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    fs.writeFileSync(file, Buffer.concat([fs.readFileSync(file).subarray(0, 4096 * 3), Buffer.alloc(4096 * 2, 0xab), fs.readFileSync(file).subarray(4096 * 5)]));

    vi.resetModules();
    fake.app.listeners.clear();
    fake.windows.length = 0;
    fake.ipcHandlers.clear();
    await start(['--data-dir', dir]);
    expect(fake.windows).toHaveLength(1);
    expect(fake.errorBoxes).toEqual([]);
    expect(await invoke('recovery.status', {})).toMatchObject({ ok: true, value: { state: 'damaged', latestBackup: { calls: 0 } } });
    expect(await invoke('queue.list', {})).toMatchObject({ ok: false, error: { code: 'database_damaged' } });
    const restored = await invoke('recovery.restore', {});
    expect(restored.error?.message).toBeUndefined();
    expect(restored).toMatchObject({ ok: true });
    await new Promise((resolve) => setImmediate(resolve));
    expect(await invoke('recovery.status', {})).toEqual({ ok: true, value: { state: 'ok' } });
    expect(await invoke('queue.list', {})).toMatchObject({ ok: true });
  });

  it('opens where it was, on top when asked, and keeps the place when it moves', async () => {
    const dir = tempDir('dialdeck-desk-');
    fake.displays = [
      { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } },
      { id: 2, workArea: { x: -1280, y: 0, width: 1280, height: 984 } },
    ];
    await start(['--data-dir', dir]);
    await invoke('settings.update', { desk: { alwaysOnTop: true, compact: false, startAtLogin: false } });
    const window = fake.windows[0]!;
    expect(window.alwaysOnTop.at(-1)).toEqual([true, 'floating']);
    // Moved to the display on the left; closed.
    window.bounds = { x: -1200, y: 100, width: 1000, height: 700 };
    window.emit('close');
    fake.app.emit('will-quit');

    vi.resetModules();
    fake.app.listeners.clear();
    fake.windows.length = 0;
    fake.ipcHandlers.clear();
    await start(['--data-dir', dir]);
    expect(fake.windows[0]!.options).toMatchObject({ x: -1200, y: 100, width: 1000, height: 700, alwaysOnTop: true });
    fake.displays = [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } }];
  });
});
