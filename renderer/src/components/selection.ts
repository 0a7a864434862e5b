/** A list's selection as last chosen: the row's id, where it was, and for which list (a new
 *  search is another list). */
export interface Selection {
  id: number | null;
  index: number;
  resetKey: string;
}

/** Where the selection is now in a list of `count` rows: the chosen row wherever it moved, else
 *  (it left the list) the row that took its place, else the last; the top of another list. */
export function selectedIndex<T>(selection: Selection, resetKey: string, count: number, itemAt: (index: number) => T | undefined, idOf: (item: T) => number): number {
  if (count === 0 || selection.resetKey !== resetKey) return 0;
  const clamp = (i: number) => Math.min(Math.max(0, i), count - 1);
  if (selection.id === null) return clamp(selection.index);
  const atIndex = itemAt(selection.index);
  if (atIndex !== undefined && idOf(atIndex) === selection.id) return selection.index;
  for (let i = 0; i < count; i++) {
    const item = itemAt(i);
    if (item !== undefined && idOf(item) === selection.id) return i;
  }
  return clamp(selection.index);
}
