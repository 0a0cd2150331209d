/** Data display: Statistics (+Item, +Trend) and the Table family (charts are in charts.tsx). */
import { bool, callRemote, fn, hsAttrs, num, oneOf, str, type HsProps } from './props';

export function Statistics(props: HsProps) {
  return (
    <div {...hsAttrs('Statistics', props)} className="hs-statistics">
      {props.children}
    </div>
  );
}

export function StatisticsItem(props: HsProps) {
  const value = props.number;
  return (
    <div {...hsAttrs('StatisticsItem', props)} className="hs-stat-item">
      <div className="hs-stat-label">{str(props.label) ?? ''}</div>
      <div className="hs-stat-number">{typeof value === 'number' || typeof value === 'string' ? String(value) : ''}</div>
      {props.children !== undefined ? <div className="hs-stat-extra">{props.children}</div> : null}
    </div>
  );
}

export function StatisticsTrend(props: HsProps) {
  const direction = oneOf(props.direction, ['increase', 'decrease']) ?? 'increase';
  const color = oneOf(props.color, ['red', 'green']) ?? (direction === 'increase' ? 'green' : 'red');
  return (
    <span {...hsAttrs('StatisticsTrend', props)} className={`hs-stat-trend hs-trend-${color}`}>
      <span aria-hidden="true">{direction === 'increase' ? '▲' : '▼'}</span> {str(props.value) ?? ''}
      <span className="hs-visually-hidden">{direction === 'increase' ? ' increase' : ' decrease'}</span>
    </span>
  );
}

// --- tables -----------------------------------------------------------------------------------------------------------

/** The page numbers a paginated table shows: at most `max`, around the current page. */
export function visiblePages(page: number, pageCount: number, max: number): number[] {
  const count = Math.max(1, Math.min(max, pageCount));
  const start = Math.max(1, Math.min(page - Math.floor(count / 2), pageCount - count + 1));
  return Array.from({ length: count }, (_, i) => start + i);
}

export function Table(props: HsProps) {
  const density = oneOf(props.density, ['default', 'condensed', 'compact']) ?? 'default';
  const paginated = bool(props.paginated) === true;
  const pageCount = Math.max(1, num(props.pageCount) ?? 1);
  const page = Math.min(pageCount, Math.max(1, num(props.page) ?? 1));
  const onPageChange = fn(props.onPageChange);
  const labels = bool(props.showButtonLabels) !== false;
  const firstLast = bool(props.showFirstLastButtons) === true;
  const go = (n: number) => void callRemote(onPageChange, n);
  return (
    <div {...hsAttrs('Table', props)} className={`hs-table-wrap${bool(props.flush) ? ' hs-flush' : ''}`}>
      <table className={`hs-table hs-density-${density}${bool(props.bordered) === false ? '' : ' hs-bordered'}`}>{props.children}</table>
      {paginated ? (
        <nav className="hs-pagination" aria-label="Table pages">
          {firstLast ? (
            <button type="button" aria-label="First" disabled={page <= 1} onClick={() => go(1)}>
              « {labels ? 'First' : null}
            </button>
          ) : null}
          <button type="button" aria-label="Prev" disabled={page <= 1} onClick={() => go(page - 1)}>
            ‹ {labels ? 'Prev' : null}
          </button>
          {visiblePages(page, pageCount, num(props.maxVisiblePageButtons) ?? 5).map((n) => (
            <button key={n} type="button" aria-current={n === page ? 'page' : undefined} className={n === page ? 'hs-selected' : ''} onClick={() => go(n)}>
              {n}
            </button>
          ))}
          <button type="button" aria-label="Next" disabled={page >= pageCount} onClick={() => go(page + 1)}>
            {labels ? 'Next' : null} ›
          </button>
          {firstLast ? (
            <button type="button" aria-label="Last" disabled={page >= pageCount} onClick={() => go(pageCount)}>
              {labels ? 'Last' : null} »
            </button>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

const tablePart = (name: string, Tag: 'thead' | 'tbody' | 'tfoot' | 'tr') =>
  function TablePart(props: HsProps) {
    return <Tag {...hsAttrs(name, props)}>{props.children}</Tag>;
  };
export const TableHead = tablePart('TableHead', 'thead');
export const TableBody = tablePart('TableBody', 'tbody');
export const TableFooter = tablePart('TableFooter', 'tfoot');
export const TableRow = tablePart('TableRow', 'tr');

function cellStyle(props: HsProps) {
  const width = props.width;
  return {
    textAlign: oneOf(props.align, ['left', 'center', 'right']),
    width: typeof width === 'number' ? `${width}px` : width === 'min' ? '1%' : undefined,
    whiteSpace: width === 'max' ? ('nowrap' as const) : undefined,
  };
}

export function TableCell(props: HsProps) {
  return (
    <td {...hsAttrs('TableCell', props)} style={cellStyle(props)} colSpan={num(props.colSpan)}>
      {props.children}
    </td>
  );
}

export function TableHeader(props: HsProps) {
  const sort = oneOf(props.sortDirection, ['ascending', 'descending', 'none', 'never']);
  const onSortChange = fn(props.onSortChange);
  const sortable = sort !== undefined && sort !== 'never';
  const next = sort === 'ascending' ? 'descending' : 'ascending';
  return (
    <th
      {...hsAttrs('TableHeader', props)}
      style={cellStyle(props)}
      aria-sort={sort === 'ascending' || sort === 'descending' ? sort : undefined}
      className={sortable ? 'hs-sortable' : undefined}
      onClick={sortable && bool(props.disabled) !== true ? () => void callRemote(onSortChange, next) : undefined}
    >
      {props.children}
      {sortable ? <span aria-hidden="true">{sort === 'ascending' ? ' ▲' : sort === 'descending' ? ' ▼' : ' ⇅'}</span> : null}
    </th>
  );
}

