// Screenshots of a screen at the two sizes every changed screen is looked at (1024×640 and
// 1920×1080), light and dark (the app follows the system's scheme by default).
import { expect, type Page } from '@playwright/test';
import { screenshotPath } from './preview';

export const SIZES = [
  { width: 1024, height: 640 },
  { width: 1920, height: 1080 },
] as const;

/** fullPage: the whole page, not the window; noSideways: check first that the page does not
 *  scroll sideways at that size. */
export interface ShotOptions {
  fullPage?: boolean;
  noSideways?: boolean;
}

export async function shootScreen(page: Page, name: string, options: ShotOptions = {}): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await shootSizes(page, name, scheme, options);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** The screen at both sizes in the theme it is in now (a spec that sets the app's theme names it),
 *  then back at the size it had. */
export async function shootSizes(page: Page, name: string, theme: 'light' | 'dark', options: ShotOptions = {}): Promise<void> {
  const before = page.viewportSize();
  for (const size of SIZES) {
    await page.setViewportSize(size);
    if (options.noSideways) {
      const fits = await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth);
      expect(fits, `${size.width}×${size.height}: no sideways scrolling`).toBe(true);
    }
    await page.screenshot({ path: screenshotPath(`${name}-${size.width}x${size.height}-${theme}`), fullPage: options.fullPage ?? false });
  }
  if (before) await page.setViewportSize(before);
}
