// Electron glue only: lifecycle, window and the real adapters for the core's ports.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, Menu, session } from 'electron';
import { createCore, type Core } from '../core/core';
import { DatabaseFileError } from '../core/db/openErrors';
import { pathsFor, resolveDataDir } from '../core/paths';
import { systemClock } from '../core/ports';
import { FakeClock } from '../core/testing';
import { shellDialer } from './adapters';
import { clickableNotifier, watchAttention } from './attention';
import { saveDialogFiles } from './exportDialog';
import { registerIpc } from './ipc';
import { denyAllPermissions, installNavigationGuards } from './guards';
import { parseStartup } from './startup';
import { createMainWindow } from './window';

const appUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(path.join(__dirname, '../renderer/index.html')).href;
let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

// An unknown Dialdeck flag stops the start, loudly (stderr now, a dialog once Electron is ready):
// a mistyped --data-dir must never quietly open the real user-data folder.
const startup = parseStartup(process.argv.slice(1), process.env);
if (!startup.ok) console.error(`Dialdeck cannot start: ${startup.error}`);
else if (!app.requestSingleInstanceLock()) app.quit();

app.on('second-instance', () => {
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
});

app.on('web-contents-created', (_event, contents) => installNavigationGuards(contents));

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
  try {
    core = createCore({
      paths,
      clock,
      dialer: shellDialer,
      notifier: clickableNotifier(() => core, () => mainWindow),
      files: saveDialogFiles(() => mainWindow),
      initialCountry: app.getLocaleCountryCode(),
      version: app.getVersion(),
    });
  } catch (error) {
    const detail = error instanceof DatabaseFileError ? error.message : `Could not open ${paths.databaseFile}: ${String(error)}`;
    dialog.showErrorBox('Dialdeck cannot open its database', detail);
    app.exit(1);
    return;
  }
  registerIpc(core, () => mainWindow, appUrl);
  mainWindow = createMainWindow(appUrl);
  watchAttention(core, () => mainWindow);
  mainWindow.on('closed', () => (mainWindow = null));
});

app.on('window-all-closed', () => app.quit());
app.on('will-quit', () => core?.close());
