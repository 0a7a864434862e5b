import { useEffect, useMemo, useRef } from 'react';
import type { ImportSummary, ResponseOf } from '../../../../shared/ipc/contract';
import { IMPORT_ROWS_PAGE, useImportRows } from '../../api/queries';
import { ExportButton } from '../../components/ExportButton';
import { pagedItems, useListSelection, VirtualListbox } from '../../components/VirtualListbox';
import { KeyHints } from '../../keys/keymap';

const TITLES: Record<'rejected' | 'merged' | 'skipped', string> = { rejected: 'Rejected rows', merged: 'Rows merged into existing contacts', skipped: 'Rows skipped as duplicates' };
const ROW_HEIGHT = 46;

type ImportRow = ResponseOf<'imports.rows'>['rows'][number];
const rowNumber = (row: ImportRow) => row.rowNumber;

/** Cells past the header's last column shown at most (a broken row can have thousands). */
const MAX_EXTRA_CELLS = 20;

/** A row's cells under their headers, then the ones past the header's last column that hold a
 *  value (a row with more cells than the header, a line cut at a stray quote), so none is hidden. */
function cellsOf(headers: string[], raw: string[]): { label: string; value: string }[] {
  const cells = headers.map((header, i) => ({ label: header || `Column ${i + 1}`, value: raw[i] ?? '' }));
  const extra = raw.flatMap((value, i) => (i >= headers.length && value.trim() !== '' ? [{ label: `Column ${i + 1}, past the header`, value }] : []));
  cells.push(...extra.slice(0, MAX_EXTRA_CELLS));
  if (extra.length > MAX_EXTRA_CELLS) cells.push({ label: 'More cells', value: `${(extra.length - MAX_EXTRA_CELLS).toLocaleString()} more past the header` });
  return cells;
}

/** An import's rejected, merged or skipped rows: each with its file row number and reason, the
 *  cells as the file had them; the selected row's cells in full below the list. */
export function ImportRows(props: { summary: ImportSummary; outcome: 'rejected' | 'merged' | 'skipped'; onBack: () => void }) {
  const { summary, outcome } = props;
  const rows = useImportRows(summary.importId, outcome);
  const back = useRef<HTMLButtonElement>(null);
  useEffect(() => back.current?.focus(), []);
  const pages = rows.data?.pages;
  const headers = pages?.[0]?.headers ?? [];
  const { count, itemAt } = useMemo(() => pagedItems(pages, (page) => page.rows, IMPORT_ROWS_PAGE), [pages]);
  const selection = useListSelection(count, itemAt, rowNumber);
  const total = outcome === 'rejected' ? summary.rejected : outcome === 'merged' ? summary.merged : summary.skipped;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = rows;
  const loadMore = useMemo(() => () => void fetchNextPage(), [fetchNextPage]);
  const selected = selection.item;

  return (
    <section className="panel import-rows" aria-labelledby="rows-title">
      <div className="actions">
        <button ref={back} type="button" className="button" onClick={props.onBack}>
          ← Back to the result
        </button>
        {outcome === 'rejected' && <ExportButton request={{ what: 'duds', importId: summary.importId }} label="Export these rows (duds to return)" primary />}
      </div>
      <h2 id="rows-title">
        {TITLES[outcome]} · {summary.fileName} <span className="count">{total.toLocaleString()}</span>
      </h2>
      {rows.error && (
        <p className="form-error" role="alert">
          {rows.error.message}
        </p>
      )}
      {count > 0 && (
        <VirtualListbox
          id="import-rows"
          label={TITLES[outcome]}
          commands="import.rows"
          className="import-row-list"
          count={count}
          itemAt={itemAt}
          idOf={rowNumber}
          rowHeight={ROW_HEIGHT}
          total={total}
          selectedIndex={selection.index}
          onSelect={selection.select}
          hasMore={hasNextPage}
          loadingMore={isFetchingNextPage}
          onLoadMore={loadMore}
          rowClassName={() => 'import-row'}
          renderRow={(row) => (
            <>
              <span className="import-row-number">Row {row.rowNumber}</span>
              <span className="reason-cell">{row.reason}</span>
              <span className="import-row-cells">{cellsOf(headers, row.raw).map((c) => (c.value ? `${c.label}: ${c.value}` : '')).filter(Boolean).join(' · ')}</span>
            </>
          )}
        />
      )}
      {selected && (
        <section className="import-row-detail" aria-label={`Row ${selected.rowNumber} as in the file`}>
          <h3>
            Row {selected.rowNumber}: {selected.reason}
          </h3>
          <dl className="extra-fields">
            {cellsOf(headers, selected.raw).map((cell, i) => (
              <div key={i}>
                <dt>{cell.label}</dt>
                <dd>{cell.value}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      <KeyHints
        hints={[
          [['import.rows.up', 'import.rows.down'], 'choose a row'],
          ['import.rows.pageDown', 'a screen down'],
          ['help.open', 'all keys'],
        ]}
      />
    </section>
  );
}
