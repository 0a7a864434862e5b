// (Type-checked with the browser tests, tsconfig.tests.json: it runs code in the page.)
// Timing a screen from a key press to the frame that shows it, measured inside the page (the
// browser's own clock, no round trip to the test process): the clock starts in a capturing
// keydown listener, stops for the DOM when the watched element is there (and, if asked, reads
// differently from when the page was armed), and for the screen at the next animation frame,
// the frame that paints it. Animation frame callbacks run before that frame's style, layout and
// paint: a task posted from the callback runs once they are done, and times the frame drawn.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';

const ROOT = path.resolve(__dirname, '../..');

/** The renderer the preview serves, built once if it is not there. */
export function ensureRendererBuilt(): void {
  if (!fs.existsSync(path.join(ROOT, 'out', 'renderer', 'index.html'))) execFileSync(path.join(ROOT, 'node_modules', '.bin', 'electron-vite'), ['build'], { cwd: ROOT, stdio: 'ignore' });
}

export interface PaintWatch {
  /** The key that starts the clock, as KeyboardEvent.code ("KeyT", "Digit1"), with Alt or not. */
  code: string;
  altKey?: boolean;
  /** The element that says the screen is there ("#task-list [role=option]"). */
  selector: string;
  /** Stop only when the element's text differs from its text when armed (the next lead's name). */
  changedText?: boolean;
}

export interface PaintTiming {
  /** Key press to the element in the DOM, ms. */
  dom: number;
  /** Key press to the frame after, ms: on screen. */
  painted: number;
  /** Key press to the end of that frame's style, layout and paint, ms. */
  drawn: number;
}

interface Timing {
  __paintT0: number;
  __paintDom: number | null;
  __paintDone: number | null;
  __paintDrawn: number | null;
}

/** Arm the page for one measurement; the next matching key press starts it. */
export async function armFirstPaint(page: Page, watch: PaintWatch): Promise<void> {
  await page.evaluate(({ code, altKey, selector, changedText }) => {
    const w = window as unknown as Timing;
    w.__paintT0 = 0;
    w.__paintDom = null;
    w.__paintDone = null;
    w.__paintDrawn = null;
    const before = changedText ? (document.querySelector(selector)?.textContent ?? '') : null;
    // Inline functions only: a named one would be wrapped in the bundler's __name(), which the page lacks.
    document.addEventListener(
      'keydown',
      (e) => {
        if (!w.__paintT0 && e.code === code && e.altKey === altKey) w.__paintT0 = performance.now();
      },
      true,
    );
    new MutationObserver((_, observer) => {
      if (!w.__paintT0) return;
      const found = document.querySelector(selector);
      if (!found || (before !== null && (found.textContent ?? '') === before)) return;
      observer.disconnect();
      const t0 = w.__paintT0;
      w.__paintDom = performance.now() - t0;
      requestAnimationFrame(() => {
        w.__paintDone = performance.now() - t0;
        const channel = new MessageChannel();
        channel.port1.onmessage = () => (w.__paintDrawn = performance.now() - t0);
        channel.port2.postMessage(null);
      });
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  }, { code: watch.code, altKey: watch.altKey ?? false, selector: watch.selector, changedText: watch.changedText ?? false });
}

/** Wait for the armed measurement to finish and read it. */
export async function readFirstPaint(page: Page): Promise<PaintTiming> {
  await page.waitForFunction(() => (window as unknown as Timing).__paintDrawn !== null);
  return page.evaluate(() => {
    const w = window as unknown as Timing;
    return { dom: w.__paintDom ?? Number.NaN, painted: w.__paintDone ?? Number.NaN, drawn: w.__paintDrawn ?? Number.NaN };
  });
}

/** Arm, press, and read: one key press to its screen painted. */
export async function keyToPaint(page: Page, press: string, watch: PaintWatch): Promise<PaintTiming> {
  await armFirstPaint(page, watch);
  await page.keyboard.press(press);
  return readFirstPaint(page);
}
