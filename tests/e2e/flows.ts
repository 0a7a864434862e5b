// Keyboard flows shared by the preview e2e tests and the Electron smoke test.
import { expect, type Page } from '@playwright/test';

/** From the queue: A focuses the form, Tab moves through it, Enter adds. */
export async function addContactByKeyboard(page: Page, first: string, last: string, company: string, phone: string): Promise<void> {
  await page.keyboard.press('a');
  await expect(page.getByLabel('First name')).toBeFocused();
  await page.keyboard.type(first);
  await page.keyboard.press('Tab');
  await page.keyboard.type(last);
  await page.keyboard.press('Tab');
  await page.keyboard.type(company);
  await page.keyboard.press('Tab');
  await page.keyboard.type(phone);
  await page.keyboard.press('Enter');
}

/** A theme colour (a CSS variable such as --bad) as the page computes it, to compare with an
 *  element's computed colour. */
export async function themeColor(page: Page, variable: `--${string}`): Promise<string> {
  return page.evaluate((name) => {
    const probe = document.createElement('span');
    probe.style.color = `var(${name})`;
    document.body.append(probe);
    const color = getComputedStyle(probe).color;
    probe.remove();
    return color;
  }, variable);
}

/** The key hints drawn with no key in them (their text): a hint for a key that is not there. */
export function bareHints(page: Page): Promise<string[]> {
  return page.locator('.key-hint').evaluateAll((hints) => hints.filter((hint) => !hint.querySelector('kbd')).map((hint) => hint.textContent?.trim() ?? ''));
}

/** Texts on the page (its words, titles and accessible names) with a time token the client did
 *  not draw (shared/domain/timeText.ts): "⟦1772641800000@America/New_York⟧" shown to the rep. */
export function undrawnTimes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts = [document.body.innerText];
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder]')) {
      texts.push(el.getAttribute('title') ?? '', el.getAttribute('aria-label') ?? '', el.getAttribute('placeholder') ?? '');
    }
    for (const field of document.querySelectorAll('input, textarea')) texts.push((field as HTMLInputElement).value);
    return texts.filter((text) => text.includes('⟦')).map((text) => text.slice(Math.max(0, text.indexOf('⟦') - 40), text.indexOf('⟦') + 60));
  });
}
