// One listbox for every long list (queue, contacts, calls, import rows): only the rows on screen
// are in the DOM; the selection follows a row's id when the data changes; arrows and j/k,
// PageUp/PageDown, Home/End and Enter come from the keymap; the selected row is scrolled into view
// and named by aria-activedescendant; more rows are asked for as the end comes into view.
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCommands } from '../keys/keymap';
import type { Command, KeyPress } from '../keys/registry';
import { selectedIndex, type Selection } from './selection';

/** Which row is selected: by id, so a row that moves (a pin, a refresh) keeps the selection; when
 *  the row leaves the list, the one that took its place. `resetKey` changing starts again at the
 *  top (a new search). */
export function useListSelection<T>(count: number, itemAt: (index: number) => T | undefined, idOf: (item: T) => number, resetKey = '') {
  const [selection, setSelection] = useState<Selection>({ id: null, index: 0, resetKey });
  const index = useMemo(() => selectedIndex(selection, resetKey, count, itemAt, idOf), [selection, count, itemAt, idOf, resetKey]);
  const item = count === 0 ? undefined : itemAt(index);
  const select = (i: number) => {
    const target = itemAt(i);
    setSelection({ id: target === undefined ? null : idOf(target), index: i, resetKey });
  };
  return { index, item, select };
}

/** Row elements reused while scrolling (more than a tall window shows with its overscan). */
const SLOTS = 96;
/** How many rows short of the end the next page is asked for. */
const LOOKAHEAD_ROWS = 200;
const STEER_KEYS = new Set(['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp', 'Enter']);

export interface VirtualListboxProps<T> {
  /** The DOM id; rows are `${id}-row-${rowId}`. */
  id: string;
  label: string;
  count: number;
  itemAt: (index: number) => T | undefined;
  idOf: (item: T) => number;
  rowHeight: number;
  selectedIndex: number;
  onSelect: (index: number) => void;
  renderRow: (item: T, selected: boolean) => ReactNode;
  rowClassName?: (item: T) => string;
  /** Enter or a double click. */
  onActivate?: (item: T) => void;
  /** A click, besides selecting the row. */
  onRowClick?: (item: T) => void;
  /** What Enter does, for the "?" overlay: "Open the call screen". */
  activateLabel?: string;
  /** All rows there are, when known (more than loaded while pages are still to come). */
  total?: number | null;
  hasMore?: boolean;
  loadingMore?: boolean;
  onLoadMore?: () => void;
  /** Fields from which the arrows and Enter steer this list (its search box). */
  steerFrom?: (target: unknown) => boolean;
  /** Prefix of the command ids ("queue.list"). */
  commands: string;
  className?: string;
  /** Rows beyond the screen kept rendered, for smooth scrolling. */
  overscan?: number;
  /** Letters the screen answers to itself (the Promises screen's K for kept): the list leaves
   *  them out of its own keys (its arrows still move), so one key does one thing. */
  screenKeys?: readonly string[];
}

export function VirtualListbox<T>(props: VirtualListboxProps<T>) {
  const { id, count, itemAt, idOf, rowHeight, selectedIndex, onSelect, onActivate, hasMore = false, loadingMore = false, onLoadMore, steerFrom } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = count + (hasMore ? 1 : 0);
  const virtualizer = useVirtualizer({ count: rows, getScrollElement: () => scrollRef.current, estimateSize: () => rowHeight, overscan: props.overscan ?? 8 });
  const items = virtualizer.getVirtualItems();
  // Enough slots for every row rendered at once (the window plus overscan), never fewer.
  const slots = Math.max(SLOTS, items.length);
  const lastShown = items.length > 0 ? items[items.length - 1]!.index : -1;

  // More rows well before the end comes into view: a rep flicking down the log never waits.
  useEffect(() => {
    if (hasMore && !loadingMore && lastShown >= count - LOOKAHEAD_ROWS) onLoadMore?.();
  }, [lastShown, count, hasMore, loadingMore, onLoadMore]);

  // The selected row in view when the selection moves (a key, a row that moved), not when more
  // rows arrive while the rep scrolls. A new search remounts the list (its key), from the top.
  // A list mounts at its top: row 0 is in view without a scroll (whose reconciling frames would
  // read the layout before the first paint).
  const scrolledTo = useRef(0);
  useEffect(() => {
    if (count === 0 || scrolledTo.current === selectedIndex) return;
    scrolledTo.current = selectedIndex;
    virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, count, virtualizer]);

  const pageRows = () => Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? rowHeight * 10) / rowHeight) - 1);
  const move = (to: number) => {
    if (count === 0) return;
    onSelect(Math.min(Math.max(0, to), count - 1));
  };
  const alsoFrom = steerFrom ? (press: KeyPress) => STEER_KEYS.has(press.key) && steerFrom(press.target) : undefined;
  const selected = count > 0 ? itemAt(selectedIndex) : undefined;
  const free = (keys: string[]) => (props.screenKeys ? keys.filter((key) => !props.screenKeys!.includes(key)) : keys);
  const list: Command[] = [
    { id: `${props.commands}.down`, keys: free(['ArrowDown', 'j']), label: 'Next row', group: 'List', run: () => move(selectedIndex + 1), alsoFrom },
    { id: `${props.commands}.up`, keys: free(['ArrowUp', 'k']), label: 'Previous row', group: 'List', run: () => move(selectedIndex - 1), alsoFrom },
    { id: `${props.commands}.pageDown`, keys: ['PageDown'], label: 'A screen down', group: 'List', run: () => move(selectedIndex + pageRows()), alsoFrom },
    { id: `${props.commands}.pageUp`, keys: ['PageUp'], label: 'A screen up', group: 'List', run: () => move(selectedIndex - pageRows()), alsoFrom },
    { id: `${props.commands}.first`, keys: ['Home'], label: 'First row', group: 'List', run: () => move(0) },
    { id: `${props.commands}.last`, keys: ['End'], label: 'Last row loaded', group: 'List', run: () => move(count - 1) },
  ];
  if (onActivate) {
    list.push({
      id: `${props.commands}.open`,
      keys: ['Enter'],
      label: props.activateLabel ?? 'Open',
      group: 'List',
      run: () => (selected === undefined ? false : onActivate(selected)),
      alsoFrom,
    });
  }
  useCommands('screen', list);

  const activeId = selected === undefined ? undefined : `${id}-row-${idOf(selected)}`;
  const setSize = props.total ?? (hasMore ? -1 : count);
  return (
    <div
      id={id}
      ref={scrollRef}
      className={`virtual-list ${props.className ?? ''}`}
      role="listbox"
      aria-label={props.label}
      tabIndex={0}
      aria-activedescendant={activeId}
      aria-busy={loadingMore || undefined}
    >
      <div className="virtual-list-inner" style={{ height: virtualizer.getTotalSize() }}>
        {items.map((virtual) => {
          const item = virtual.index < count ? itemAt(virtual.index) : undefined;
          const style = { height: rowHeight, transform: `translateY(${virtual.start}px)` };
          if (item === undefined) {
            return (
              <div key={`loading-${virtual.index}`} className="virtual-row loading-row" style={style} aria-hidden="true">
                Loading more…
              </div>
            );
          }
          const isSelected = virtual.index === selectedIndex;
          return (
            <div
              // Keyed by its slot on screen, not by its row: scrolling moves rows through the same
              // elements (their text changes) instead of building and dropping elements each frame.
              key={virtual.index % slots}
              id={`${id}-row-${idOf(item)}`}
              role="option"
              aria-selected={isSelected}
              aria-setsize={setSize}
              aria-posinset={virtual.index + 1}
              className={`virtual-row ${props.rowClassName?.(item) ?? ''}${isSelected ? ' selected' : ''}`}
              style={style}
              onClick={() => {
                onSelect(virtual.index);
                props.onRowClick?.(item);
              }}
              onDoubleClick={() => onActivate?.(item)}
            >
              {props.renderRow(item, isSelected)}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** `itemAt` over pages of a fixed size (the last one may be shorter). */
export function pagedItems<P, T>(pages: readonly P[] | undefined, rowsOf: (page: P) => readonly T[], pageSize: number) {
  const count = pages ? pages.reduce((sum, page) => sum + rowsOf(page).length, 0) : 0;
  const itemAt = (index: number): T | undefined => {
    const page = pages?.[Math.floor(index / pageSize)];
    return page === undefined ? undefined : rowsOf(page)[index % pageSize];
  };
  return { count, itemAt };
}
