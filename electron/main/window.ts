import path from 'node:path';
import { BrowserWindow } from 'electron';
import { SECURE_WEB_PREFERENCES } from './trust';

/** The one window, locked down from the start: isolated, sandboxed, no Node. Navigation, new
 *  windows and permissions are refused for every page (guards.ts, installed in index.ts on
 *  each web-contents-created). The CSP is in the page itself (renderer/index.html). */
export function createMainWindow(appUrl: string): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    title: 'Dialdeck',
    show: false,
    backgroundColor: '#f6f7f9',
    webPreferences: {
      ...SECURE_WEB_PREFERENCES,
      preload: path.join(__dirname, '../preload/index.cjs'),
    },
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(appUrl);
  return window;
}
