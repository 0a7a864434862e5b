import { useLayoutEffect, useRef, type RefObject } from 'react';

/** What `fitOnOneLine` hides: items from the end, and the "and N more" hint's text. */
export interface OneLineParts {
  /** The row: its first child (a label, or its first item) stays and marks the first line. */
  row: HTMLElement;
  items: HTMLElement[];
  /** The "and N more" hint: in the row, kept on its first line too; or beside it. Hidden when
   *  nothing is left out. */
  more: HTMLElement | null;
  /** Left out before any is hidden here (not rendered at all). */
  alreadyLeftOut: number;
  moreText: (leftOut: number) => string;
}

/** Hide the items of a wrapping row, last first, until what is left (and the hint saying how many
 *  are not shown) sits on the row's first line; at least one item stays. Returns how many it hid.
 *  Hidden items are `hidden` (out of the layout, the tab order and the accessibility tree), so
 *  nothing is drawn half cut off. Synchronous: measured and settled in the same frame. */
export function fitOnOneLine({ row, items, more, alreadyLeftOut, moreText }: OneLineParts): number {
  const first = row.firstElementChild as HTMLElement | null;
  for (const item of items) item.hidden = false;
  if (!first) return 0;
  const onFirstLine = (el: HTMLElement) => el.offsetTop < first.offsetTop + first.offsetHeight;
  let hidden = 0;
  for (;;) {
    const leftOut = alreadyLeftOut + hidden;
    if (more) {
      more.hidden = leftOut === 0;
      more.textContent = moreText(leftOut);
    }
    const shown = items.slice(0, items.length - hidden);
    const fits = shown.every(onFirstLine) && (!more || more.hidden || !row.contains(more) || onFirstLine(more));
    if (fits || shown.length <= 1) return hidden;
    items[items.length - hidden - 1]!.hidden = true;
    hidden++;
  }
}

/** A row kept to one line while `active` (a short window): measured when its items change and
 *  whenever its width or a shown item's changes. Mark the row with `rowRef`, its items with
 *  `data-one-line="item"`, and give `moreRef` to an empty hint element (in the row or beside it):
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
      const { items, more } = parts();
      for (const item of items) item.hidden = false;
      if (more) {
        more.hidden = alreadyLeftOut === 0;
        more.textContent = moreText(alreadyLeftOut);
      }
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
