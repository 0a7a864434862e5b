// Electron glue only: lifecycle, window and the real adapters for the core's ports.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, Menu, safeStorage, session } from 'electron';
import { createCore, startCore, type Core, type CoreOptions } from '../core/core';
import { DatabaseFileError } from '../core/db/openErrors';
import { diagnosticsLogFor, type DiagnosticsLog } from '../core/diagnostics/log';
import { pathsFor, resolveDataDir } from '../core/paths';
import { systemClock } from '../core/ports';
import { FakeClock } from '../core/testing';
import { shellDialer } from './adapters';
import { clickableNotifier, watchAttention } from './attention';
import { manageDesk, placementFor } from './desk';
import { saveDialogFiles } from './exportDialog';
import { registerIpc, type Backend } from './ipc';
import { denyAllPermissions, installNavigationGuards } from './guards';
import { parseStartup, secondInstanceRequest, type CallEventArgs } from './startup';
import { createMainWindow } from './window';
import { keychainSecrets } from './teamSecrets';

const appUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(path.join(__dirname, '../renderer/index.html')).href;
let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;
let log: DiagnosticsLog | null = null;
/** Call events handed over before the core was ready (the app was still starting). */
const pendingCallEvents: CallEventArgs[] = [];

// An unknown Dialdeck flag stops the start, loudly (stderr now, a dialog once Electron is ready):
// a mistyped --data-dir must never quietly open the real user-data folder.
const startup = parseStartup(process.argv.slice(1), process.env);
if (!startup.ok) console.error(`Dialdeck cannot start: ${startup.error}`);
// The arguments go along to the running Dialdeck (Electron's own copy of them may be reordered).
else if (!app.requestSingleInstanceLock({ dialdeckArgv: process.argv.slice(1) })) app.quit();

app.on('second-instance', (_event, _argv, _workingDirectory, additionalData) => {
  const request = secondInstanceRequest(additionalData);
  // A softphone's hook: recorded quietly, never taking the focus from the call.
  if (request.kind === 'call-event') return takeCallEvent(request.event);
  if (request.kind === 'refused') return log?.error('main', `A call event was refused: ${request.error}`);
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
});

function takeCallEvent(event: CallEventArgs): void {
  if (!core) {
    pendingCallEvents.push(event);
    return;
  }
  try {
    core.callEvents.record({ ...event, source: 'softphone' });
  } catch (error) {
    log?.error('main', `A call event could not be recorded: ${error instanceof Error ? error.message : String(error)}`, error instanceof Error ? error.stack : null);
  }
}

app.on('web-contents-created', (_event, contents) => installNavigationGuards(contents));

process.on('uncaughtException', (error) => {
  console.error('[dialdeck] uncaught:', error);
  log?.error('main', error.message, error.stack);
});
process.on('unhandledRejection', (reason) => {
  console.error('[dialdeck] unhandled rejection:', reason);
  log?.error('main', reason instanceof Error ? reason.message : String(reason), reason instanceof Error ? reason.stack : null);
});

void app.whenReady().then(() => {
  if (!startup.ok) {
    dialog.showErrorBox('Dialdeck cannot start', startup.error);
    app.exit(2);
    return;
  }
  denyAllPermissions(session.defaultSession);
  Menu.setApplicationMenu(null);
  const paths = pathsFor(resolveDataDir(startup.dataDirFlag, process.env, app.getPath('userData')));
  const clock = startup.testClockStart ? new FakeClock(startup.testClockStart) : systemClock;
  log = diagnosticsLogFor(paths.dataDir);
  const options: CoreOptions = {
    paths,
    clock,
    dialer: shellDialer,
    notifier: clickableNotifier(() => core, () => mainWindow),
    files: saveDialogFiles(() => mainWindow),
    initialCountry: app.getLocaleCountryCode(),
    version: app.getVersion(),
    diagnostics: log,
    // The team URL holds the rep's database password: encrypted with the OS keychain.
    teamSecrets: keychainSecrets(path.join(paths.dataDir, 'team-url.enc'), safeStorage),
  };

  // Started by a softphone's hook while no Dialdeck runs: record the event and stop, no window.
  if (startup.callEvent) {
    try {
      const headless = createCore({ ...options, startTimers: false });
      try {
        headless.callEvents.record({ ...startup.callEvent, source: 'softphone' });
      } finally {
        headless.close();
      }
      app.exit(0);
    } catch (error) {
      log.error('main', `A call event could not be recorded: ${error instanceof Error ? error.message : String(error)}`);
      app.exit(1);
    }
    return;
  }

  let started: ReturnType<typeof startCore>;
  try {
    started = startCore(options, {
      // The recovery screen restored a backup: the app starts on it; the page reloads itself.
      restored: () => {
        try {
          const next = startCore(options, { restored: () => undefined, quit: () => app.quit() });
          if (next.kind === 'core') becomeCore(next.core);
        } catch (error) {
          dialog.showErrorBox('Dialdeck cannot open its database', error instanceof Error ? error.message : String(error));
          app.exit(1);
        }
      },
      quit: () => app.quit(),
    });
  } catch (error) {
    const detail = error instanceof DatabaseFileError ? error.message : `Could not open ${paths.databaseFile}: ${String(error)}`;
    log.error('main', detail);
    dialog.showErrorBox('Dialdeck cannot open its database', detail);
    app.exit(1);
    return;
  }

  // The damaged file's way out: the recovery screen answers until a backup is restored.
  const first: Backend = started.kind === 'core' ? started.core : started.mode;
  const ipc = registerIpc(first, () => mainWindow, appUrl);
  const becomeCore = (opened: Core) => {
    core = opened;
    ipc.switchTo(opened);
    if (mainWindow) {
      watchAttention(opened, () => mainWindow);
      manageDesk(opened, mainWindow);
    }
    for (const event of pendingCallEvents.splice(0)) takeCallEvent(event);
  };
  mainWindow = createMainWindow(appUrl, placementFor(started.kind === 'core' ? started.core : null), {
    alwaysOnTop: started.kind === 'core' && started.core.settings.get('desk').alwaysOnTop,
    compact: started.kind === 'core' && started.core.settings.get('desk').compact,
  });
  mainWindow.on('closed', () => (mainWindow = null));
  if (started.kind === 'core') becomeCore(started.core);
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => {
  // Events the softphone sent while the call log could not be written (it was damaged, and not
  // restored) are not lost without a word.
  if (pendingCallEvents.length > 0) log?.error('main', `${pendingCallEvents.length} call events from the softphone could not be recorded: the call log was not open.`);
  core?.close();
});
