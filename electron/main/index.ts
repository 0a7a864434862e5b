// Electron glue only: lifecycle, window and the real adapters for the core's ports.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, dialog, Menu } from 'electron';
import { createCore, type Core } from '../core/core';
import { NewerDatabaseError } from '../core/db/migrations';
import { pathsFor, resolveDataDir } from '../core/paths';
import { systemClock } from '../core/ports';
import { dialerFromEnv } from './adapters';
import { clickableNotifier, watchAttention } from './attention';
import { saveDialogFiles } from './exportDialog';
import { registerIpc } from './ipc';
import { createMainWindow, denyAllPermissions } from './window';

const appUrl = process.env.ELECTRON_RENDERER_URL ?? pathToFileURL(path.join(__dirname, '../renderer/index.html')).href;
let mainWindow: BrowserWindow | null = null;
let core: Core | null = null;

if (!app.requestSingleInstanceLock()) app.quit();

app.on('second-instance', () => {
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
});

app.on('web-contents-created', (_event, contents) => {
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

void app.whenReady().then(() => {
  denyAllPermissions();
  Menu.setApplicationMenu(null);
  const dataDirFlag = process.argv.find((arg) => arg.startsWith('--data-dir='))?.slice('--data-dir='.length);
  const paths = pathsFor(resolveDataDir(dataDirFlag, process.env, app.getPath('userData')));
  try {
    core = createCore({
      paths,
      clock: systemClock,
      dialer: dialerFromEnv(process.env),
      notifier: clickableNotifier(() => core, () => mainWindow),
      files: saveDialogFiles(() => mainWindow),
      initialCountry: app.getLocaleCountryCode(),
      version: app.getVersion(),
    });
  } catch (error) {
    const detail = error instanceof NewerDatabaseError ? error.message : `Could not open ${paths.databaseFile}: ${String(error)}`;
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
