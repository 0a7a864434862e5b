import path from 'node:path';
import { BrowserWindow } from 'electron';
import { SECURE_WEB_PREFERENCES } from './trust';
import { COMPACT_MIN_SIZE, MIN_SIZE, type Placement } from './windowState';

/** The one window, locked down from the start: isolated, sandboxed, no Node. Navigation, new
 *  windows and permissions are refused for every page (guards.ts, installed in index.ts on
 *  each web-contents-created). The CSP is in the page itself (renderer/index.html). It opens
 *  where it was (windowState.ts), on top of other windows when the rep asked for that. */
export function createMainWindow(appUrl: string, placement: Placement, options: { alwaysOnTop: boolean; compact: boolean }): BrowserWindow {
  const minimum = options.compact ? COMPACT_MIN_SIZE : MIN_SIZE;
  const window = new BrowserWindow({
    ...placement.bounds,
    minWidth: minimum.width,
    minHeight: minimum.height,
    title: 'Dialdeck',
    show: false,
    alwaysOnTop: options.alwaysOnTop,
    backgroundColor: '#f6f7f9',
    webPreferences: {
      ...SECURE_WEB_PREFERENCES,
      preload: path.join(__dirname, '../preload/index.cjs'),
    },
  });
  window.once('ready-to-show', () => {
    if (placement.maximized) window.maximize();
    window.show();
  });
  void window.loadURL(appUrl);
  return window;
}
