// Where the window goes, decided without Electron from the saved state and the displays there are
// now, so a unit test reaches every case: a display that was unplugged, a display left of or above
// the main one (negative coordinates), a window that was maximised, one larger than the screen it
// comes back to. index.ts only applies the answer.
import type { WindowState } from '../../shared/domain/settings';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface DisplayArea {
  id: number;
  /** The display's work area (without the taskbar or the menu bar), in screen coordinates. */
  workArea: Rect;
}

export const DEFAULT_SIZE = { width: 1280, height: 820 } as const;
export const MIN_SIZE = { width: 900, height: 600 } as const;
/** The compact strip: the lead, their time, Dial and the disposition keys, beside the softphone. */
export const COMPACT_WIDTH = 380;
export const COMPACT_MIN_SIZE = { width: 320, height: 420 } as const;
/** How much of the window's top edge (its title bar) must be on a display to call it visible. */
const TITLE_BAR = { width: 120, height: 24 } as const;

export interface Placement {
  /** The normal (not maximised) bounds to give the window. */
  bounds: Rect;
  maximized: boolean;
}

/** Where to open the window: where it was when that is still on a display (moved fully onto it),
 *  else on the display it was on if that is still there, else on the primary display at the same
 *  place relative to the display it was on; a new window in the middle of the primary display.
 *  Never larger than the display's work area. */
export function placeWindow(saved: WindowState, displays: readonly DisplayArea[], primary: DisplayArea): Placement {
  if (saved === null) return { bounds: centred(DEFAULT_SIZE, primary.workArea), maximized: false };
  const { bounds, maximized } = saved;
  const showing = displays.find((display) => titleBarOn(bounds, display.workArea));
  if (showing) return { bounds: fitInto(bounds, showing.workArea), maximized };
  const same = saved.display === null ? undefined : displays.find((display) => display.id === saved.display!.id);
  const target = same ?? primary;
  const from = saved.display?.workArea ?? null;
  if (from === null) return { bounds: fitInto({ ...bounds, ...centred(bounds, target.workArea) }, target.workArea), maximized };
  // Same place relative to the display's work area (its top-left corner), on the new one.
  const moved = { ...bounds, x: target.workArea.x + (bounds.x - from.x), y: target.workArea.y + (bounds.y - from.y) };
  return { bounds: fitInto(moved, target.workArea), maximized };
}

/** The state to save: the window's normal bounds (even while maximised), whether it is maximised,
 *  and the display it is on. */
export function windowStateOf(normalBounds: Rect, maximized: boolean, display: DisplayArea | null): NonNullable<WindowState> {
  return { bounds: roundRect(normalBounds), maximized, display: display === null ? null : { id: display.id, workArea: roundRect(display.workArea) } };
}

/** The compact strip for a window at `normal`: the same height and right edge, COMPACT_WIDTH wide. */
export function compactBounds(normal: Rect, workArea: Rect): Rect {
  const strip = { x: normal.x + normal.width - COMPACT_WIDTH, y: normal.y, width: COMPACT_WIDTH, height: normal.height };
  return fitInto(strip, workArea);
}

function titleBarOn(bounds: Rect, area: Rect): boolean {
  const bar = { x: bounds.x, y: bounds.y, width: bounds.width, height: Math.min(TITLE_BAR.height, bounds.height) };
  const across = Math.min(bar.x + bar.width, area.x + area.width) - Math.max(bar.x, area.x);
  const down = Math.min(bar.y + bar.height, area.y + area.height) - Math.max(bar.y, area.y);
  return across >= Math.min(TITLE_BAR.width, bounds.width) && down >= Math.min(TITLE_BAR.height, bar.height);
}

/** Shrunk to the area if larger, then moved the least that brings it wholly inside. */
function fitInto(bounds: Rect, area: Rect): Rect {
  const width = Math.min(bounds.width, area.width);
  const height = Math.min(bounds.height, area.height);
  const x = Math.min(Math.max(bounds.x, area.x), area.x + area.width - width);
  const y = Math.min(Math.max(bounds.y, area.y), area.y + area.height - height);
  return { x, y, width, height };
}

function centred(size: { width: number; height: number }, area: Rect): Rect {
  const width = Math.min(size.width, area.width);
  const height = Math.min(size.height, area.height);
  return { x: area.x + Math.floor((area.width - width) / 2), y: area.y + Math.floor((area.height - height) / 2), width, height };
}

function roundRect(rect: Rect): Rect {
  return { x: Math.round(rect.x), y: Math.round(rect.y), width: Math.max(1, Math.round(rect.width)), height: Math.max(1, Math.round(rect.height)) };
}

/** What the operating system is asked for "start at login": Windows and macOS only (Electron has
 *  no login items on Linux, so the setting says so there). */
export function loginItemFor(startAtLogin: boolean, platform: NodeJS.Platform): { openAtLogin: boolean } | null {
  return platform === 'win32' || platform === 'darwin' ? { openAtLogin: startAtLogin } : null;
}
