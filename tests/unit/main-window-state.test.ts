// Where the window opens (issue #16, acceptance 5): a pure function of the saved state and the
// displays there are now. Expected bounds are worked out by hand from each case's numbers.
import { describe, expect, it } from 'vitest';
import { compactBounds, COMPACT_WIDTH, DEFAULT_SIZE, loginItemFor, placeWindow, windowStateOf, type DisplayArea } from '../../electron/main/windowState';

const laptop: DisplayArea = { id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1040 } };
// A monitor to the left of the laptop (negative x), its top 200 px above the laptop's (negative y).
const left: DisplayArea = { id: 2, workArea: { x: -1280, y: -200, width: 1280, height: 984 } };
const small: DisplayArea = { id: 3, workArea: { x: 0, y: 0, width: 1280, height: 680 } };

describe('placeWindow', () => {
  it('a first start: the default size in the middle of the primary display', () => {
    expect(placeWindow(null, [laptop], laptop)).toEqual({ bounds: { x: (1920 - 1280) / 2, y: (1040 - 820) / 2, ...DEFAULT_SIZE }, maximized: false });
  });

  it('a first start on a screen smaller than the default: the whole work area', () => {
    expect(placeWindow(null, [small], small)).toEqual({ bounds: { x: 0, y: 0, width: 1280, height: 680 }, maximized: false });
  });

  it('where it was, on the primary display', () => {
    const saved = { bounds: { x: 300, y: 120, width: 1000, height: 700 }, maximized: false, display: laptop };
    expect(placeWindow(saved, [laptop, left], laptop)).toEqual({ bounds: saved.bounds, maximized: false });
  });

  it('where it was, on a display left of and above the primary one (negative coordinates)', () => {
    const saved = { bounds: { x: -1200, y: -150, width: 1000, height: 700 }, maximized: false, display: left };
    expect(placeWindow(saved, [laptop, left], laptop)).toEqual({ bounds: saved.bounds, maximized: false });
  });

  it('the display it was on is gone: on the primary, at the same place relative to that display', () => {
    // 80 px from the left monitor's left edge and 50 px below its top → 80, 50 on the laptop.
    const saved = { bounds: { x: -1200, y: -150, width: 1000, height: 700 }, maximized: false, display: left };
    expect(placeWindow(saved, [laptop], laptop)).toEqual({ bounds: { x: 80, y: 50, width: 1000, height: 700 }, maximized: false });
  });

  it('the display is gone and the window was at its far edge: moved just enough to be wholly on the primary', () => {
    const saved = { bounds: { x: -900, y: 600, width: 800, height: 500 }, maximized: false, display: left };
    // Relative place: 380, 800 → the bottom edge would be at 1300 > 1040: moved up to 540.
    expect(placeWindow(saved, [laptop], laptop)).toEqual({ bounds: { x: 380, y: 540, width: 800, height: 500 }, maximized: false });
  });

  it('a maximised window comes back maximised, over its normal bounds', () => {
    const saved = { bounds: { x: 200, y: 100, width: 1100, height: 760 }, maximized: true, display: laptop };
    expect(placeWindow(saved, [laptop], laptop)).toEqual({ bounds: saved.bounds, maximized: true });
  });

  it('a maximised window whose display is gone is maximised on the primary', () => {
    const saved = { bounds: { x: -1280, y: -200, width: 1280, height: 984 }, maximized: true, display: left };
    expect(placeWindow(saved, [laptop], laptop)).toEqual({ bounds: { x: 0, y: 0, width: 1280, height: 984 }, maximized: true });
  });

  it('larger than the screen it comes back to (the display is smaller now): shrunk to its work area', () => {
    const saved = { bounds: { x: 100, y: 100, width: 1800, height: 1000 }, maximized: false, display: { id: 3, workArea: laptop.workArea } };
    expect(placeWindow(saved, [small], small)).toEqual({ bounds: { x: 0, y: 0, width: 1280, height: 680 }, maximized: false });
  });

  it('half off the screen with its title bar still on it: brought wholly onto that display', () => {
    const saved = { bounds: { x: 1500, y: 900, width: 1000, height: 700 }, maximized: false, display: laptop };
    expect(placeWindow(saved, [laptop], laptop)).toEqual({ bounds: { x: 920, y: 340, width: 1000, height: 700 }, maximized: false });
  });

  it('its title bar above every display (unreachable): back on its display at the top', () => {
    const saved = { bounds: { x: 300, y: -400, width: 1000, height: 700 }, maximized: false, display: laptop };
    expect(placeWindow(saved, [laptop, left], laptop)).toEqual({ bounds: { x: 300, y: 0, width: 1000, height: 700 }, maximized: false });
  });

  it('saved with no display: moved into the middle of the primary when it shows nowhere', () => {
    const saved = { bounds: { x: 5000, y: 5000, width: 1000, height: 700 }, maximized: false, display: null };
    expect(placeWindow(saved, [laptop], laptop)).toEqual({ bounds: { x: 460, y: 170, width: 1000, height: 700 }, maximized: false });
  });
});

describe('the compact strip', () => {
  it('keeps the right edge and the height, COMPACT_WIDTH wide', () => {
    expect(compactBounds({ x: 300, y: 100, width: 1000, height: 700 }, laptop.workArea)).toEqual({ x: 1300 - COMPACT_WIDTH, y: 100, width: COMPACT_WIDTH, height: 700 });
  });

  it('stays on the display when the window was at its left edge', () => {
    expect(compactBounds({ x: -1280, y: -200, width: 300, height: 900 }, left.workArea)).toEqual({ x: -1280, y: -200, width: COMPACT_WIDTH, height: 900 });
  });
});

describe('the saved state', () => {
  it('is whole pixels, with the display it is on', () => {
    expect(windowStateOf({ x: 10.4, y: -3.6, width: 999.5, height: 700 }, true, left)).toEqual({ bounds: { x: 10, y: -4, width: 1000, height: 700 }, maximized: true, display: left });
  });
});

describe('start at login', () => {
  it('is asked of Windows and macOS, and of nothing on Linux (no login items there)', () => {
    expect(loginItemFor(true, 'win32')).toEqual({ openAtLogin: true });
    expect(loginItemFor(false, 'darwin')).toEqual({ openAtLogin: false });
    expect(loginItemFor(true, 'linux')).toBeNull();
  });
});
