import { useLayoutEffect, useRef, type RefObject } from 'react';

/** What `fitOnOneLine` hides: items from the end, and the "and N more" hint's text. */
export interface OneLineParts {
  /** The row of items: its first child stays and marks the first line. */
  row: HTMLElement;
  items: HTMLElement[];
  /** The "and N more" hint, beside the row (on its label's line); hidden when nothing is left out. */
  more: HTMLElement | null;
  /** Left out before any is hidden here (not rendered at all). */
  alreadyLeftOut: number;
  moreText: (leftOut: number) => string;
}

/** Hide the items of a wrapping row, last first, until what is left sits on the row's first line
 *  (the hint beside it saying how many are not shown); at least one item stays. Returns how many
 *  it hid. Hidden items are `hidden` (out of the layout, the tab order and the accessibility tree), so
 *  nothing is drawn half cut off. Synchronous: measured and settled in the same frame. */
export function fitOnOneLine({ row, items, more, alreadyLeftOut, moreText }: OneLineParts): number {
  const first = row.firstElementChild as HTMLElement | null;
  for (const item of items) item.hidden = false;
  if (!first) return 0;
  const onFirstLine = (el: HTMLElement) => el.offsetTop < first.offsetTop + first.offsetHeight;
  let hidden = 0;
  for (;;) {
    // The hint's width narrows the row beside it: written before the row is measured.
    tellLeftOut(more, alreadyLeftOut + hidden, moreText);
    const shown = items.slice(0, items.length - hidden);
    if (shown.length <= 1 || shown.every(onFirstLine)) return hidden;
    items[items.length - hidden - 1]!.hidden = true;
    hidden++;
  }
}

/** "and N more" on the hint, or the hint hidden when nothing is left out. */
function tellLeftOut(more: HTMLElement | null, leftOut: number, moreText: (leftOut: number) => string): void {
  if (!more) return;
  more.hidden = leftOut === 0;
  more.textContent = moreText(leftOut);
}

/** The window height under which the due strip's rows keep to one line (a laptop at 1024×640). */
export const SHORT_WINDOW = '(max-height: 799px)';

/** The hint's words for the items not shown. */
export const andMore = (leftOut: number): string => `and ${leftOut} more`;

/** A row kept to one line while `active` (a short window): measured when its items change and
 *  whenever its width or a shown item's changes. Mark the row with `rowRef`, its items with
 *  `data-one-line="item"`, and give `moreRef` to an empty hint element beside the row:
 *  its text ("and N more") is written here, as it is part of what is measured. Inactive, nothing
 *  is hidden and the hint counts only `alreadyLeftOut`. `moreText` should be one function for good
 *  (a module constant): a new one measures again. */
export function useOneLine(
  active: boolean,
  alreadyLeftOut: number,
  moreText: (leftOut: number) => string,
  itemsKey: string,
): { rowRef: RefObject<HTMLDivElement | null>; moreRef: RefObject<HTMLSpanElement | null> } {
  const rowRef = useRef<HTMLDivElement | null>(null);
  const moreRef = useRef<HTMLSpanElement | null>(null);
  useLayoutEffect(() => {
    const row = rowRef.current;
    if (!row) return;
    const parts = (): OneLineParts => ({
      row,
      items: [...row.querySelectorAll<HTMLElement>(':scope > [data-one-line="item"]')],
      more: moreRef.current,
      alreadyLeftOut,
      moreText,
    });
    if (!active) {
      for (const item of parts().items) item.hidden = false;
      tellLeftOut(moreRef.current, alreadyLeftOut, moreText);
      return;
    }
    // Measured again when the row's width or a shown item's width changes (its text: a lateness
    // that grew, a shorter form in a narrower window). Hiding items changes the row's height and
    // the hidden ones' sizes only: no reason to measure again, so no loop.
    const widths = new Map<Element, number>();
    const fit = () => {
      const now = parts();
      fitOnOneLine(now);
      widths.clear();
      for (const el of [row, ...now.items]) if (!el.hidden) widths.set(el, el.offsetWidth);
    };
    fit();
    const observer = new ResizeObserver((entries) => {
      const moved = entries.some(({ target, borderBoxSize }) => !(target as HTMLElement).hidden && Math.abs((widths.get(target) ?? -2) - (borderBoxSize[0]?.inlineSize ?? 0)) > 1);
      if (moved) fit();
    });
    for (const el of [row, ...parts().items]) observer.observe(el);
    return () => observer.disconnect();
    // itemsKey says the items changed.
  }, [active, alreadyLeftOut, itemsKey, moreText]);
  return { rowRef, moreRef };
}
