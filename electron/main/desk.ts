// The window beside the softphone: where it was (saved when it moves, resizes or closes), always
// on top, the compact strip, and start at login — the rep's settings applied to the window and
// the operating system, at start and whenever they change.
import { app, screen, type BrowserWindow, type Display } from 'electron';
import type { Core } from '../core/core';
import { compactBounds, COMPACT_MIN_SIZE, loginItemFor, MIN_SIZE, placeWindow, windowStateOf, type DisplayArea, type Placement, type Rect } from './windowState';

/** Moves and resizes come in bursts while dragging: the place is saved once it settles. */
const SAVE_AFTER_MS = 800;

function area(display: Display): DisplayArea {
  return { id: display.id, workArea: display.workArea };
}

/** Where the window opens, from the saved state and the displays there are now. */
export function placementFor(core: Core | null): Placement {
  const saved = core?.settings.get('windowState') ?? null;
  const placement = placeWindow(saved, screen.getAllDisplays().map(area), area(screen.getPrimaryDisplay()));
  if (core?.settings.get('desk').compact) {
    const display = screen.getDisplayMatching(placement.bounds);
    return { bounds: compactBounds(placement.bounds, display.workArea), maximized: false };
  }
  return placement;
}

/** Keep the window's place saved and the desk settings applied; returns a function that stops. */
export function manageDesk(core: Core, window: BrowserWindow): () => void {
  let compact = core.settings.get('desk').compact;
  // The normal bounds while the strip is shown: what is saved, and what "compact off" returns to.
  let normal: Rect | null = compact ? (core.settings.get('windowState')?.bounds ?? null) : null;
  let timer: NodeJS.Timeout | null = null;

  const save = () => {
    timer = null;
    if (window.isDestroyed()) return;
    const bounds = compact ? normal : window.getNormalBounds();
    if (bounds === null) return;
    const display = screen.getDisplayMatching(bounds);
    core.settings.setWindowState(windowStateOf(bounds, !compact && window.isMaximized(), area(display)));
  };
  const saveSoon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, SAVE_AFTER_MS);
  };

  const apply = () => {
    const desk = core.settings.get('desk');
    window.setAlwaysOnTop(desk.alwaysOnTop, 'floating');
    if (desk.compact !== compact) {
      if (desk.compact) {
        normal = window.getNormalBounds();
        if (window.isMaximized()) window.unmaximize();
        window.setMinimumSize(COMPACT_MIN_SIZE.width, COMPACT_MIN_SIZE.height);
        window.setBounds(compactBounds(normal, screen.getDisplayMatching(normal).workArea));
      } else {
        window.setMinimumSize(MIN_SIZE.width, MIN_SIZE.height);
        if (normal) window.setBounds(normal);
        normal = null;
      }
      compact = desk.compact;
    }
    const login = loginItemFor(desk.startAtLogin, process.platform);
    if (login) app.setLoginItemSettings(login);
  };

  apply();
  window.on('moved', saveSoon);
  window.on('resized', saveSoon);
  window.on('maximize', saveSoon);
  window.on('unmaximize', saveSoon);
  window.on('close', () => {
    if (timer) clearTimeout(timer);
    save();
  });
  const stop = core.settings.onChange((changed) => {
    if (changed.has('desk')) apply();
  });
  return () => {
    if (timer) clearTimeout(timer);
    stop();
  };
}
