// Screenshots of a screen at the two sizes every changed screen is looked at (1024×640 and
// 1920×1080), light and dark (the app follows the system's scheme by default).
import type { Page } from '@playwright/test';
import { screenshotPath } from './preview';

export const SIZES = [
  { width: 1024, height: 640 },
  { width: 1920, height: 1080 },
] as const;

export async function shootScreen(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  const before = page.viewportSize();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await page.screenshot({ path: screenshotPath(`${name}-${size.width}x${size.height}-${scheme}`), fullPage: options.fullPage ?? false });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  if (before) await page.setViewportSize(before);
}
