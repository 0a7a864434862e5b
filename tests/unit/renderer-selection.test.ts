// A list's selection follows its row (renderer/src/components/selection.ts): a pin or a refresh
// moves the row and the selection with it; a row that leaves hands the selection to the row that
// took its place; a new search starts at the top.
import { describe, expect, it } from 'vitest';
import { selectedIndex, type Selection } from '../../renderer/src/components/selection';

const rows = (ids: number[]) => ({ count: ids.length, itemAt: (i: number) => (i < ids.length ? { id: ids[i]! } : undefined), idOf: (r: { id: number }) => r.id });
const at = (selection: Selection, ids: number[], resetKey = '') => {
  const list = rows(ids);
  return selectedIndex(selection, resetKey, list.count, list.itemAt, list.idOf);
};

describe('selection by id', () => {
  it('stays on its row where the row still is', () => {
    expect(at({ id: 12, index: 1, resetKey: '' }, [11, 12, 13])).toBe(1);
  });
  it('follows its row when the row moves (pinned to the top)', () => {
    expect(at({ id: 13, index: 2, resetKey: '' }, [13, 11, 12])).toBe(0);
  });
  it('when its row leaves (snoozed), the row that took its place', () => {
    expect(at({ id: 12, index: 1, resetKey: '' }, [11, 13])).toBe(1);
  });
  it('when the last row leaves, the new last row', () => {
    expect(at({ id: 13, index: 2, resetKey: '' }, [11, 12])).toBe(1);
  });
  it('nothing chosen yet: the first row; an empty list: 0', () => {
    expect(at({ id: null, index: 0, resetKey: '' }, [11, 12])).toBe(0);
    expect(at({ id: 12, index: 1, resetKey: '' }, [])).toBe(0);
  });
  it('another list (a new search): the top, wherever the old row is', () => {
    expect(at({ id: 12, index: 1, resetKey: 'ana' }, [11, 12, 13], 'ben')).toBe(0);
  });
});
