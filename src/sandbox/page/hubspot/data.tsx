/** Data display: Statistics (+Item, +Trend), the Table family, LineChart and BarChart as plain SVG. */
import { callRemote, fn, hsAttrs, list, num, oneOf, record, str, bool, type HsProps } from './props';

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

export function Table(props: HsProps) {
  const density = oneOf(props.density, ['default', 'condensed', 'compact']) ?? 'default';
  const paginated = bool(props.paginated) === true;
  const pageCount = Math.max(1, num(props.pageCount) ?? 1);
  const page = num(props.page) ?? 1;
  const onPageChange = fn(props.onPageChange);
  return (
    <div {...hsAttrs('Table', props)} className={`hs-table-wrap${bool(props.flush) ? ' hs-flush' : ''}`}>
      <table className={`hs-table hs-density-${density}${bool(props.bordered) === false ? '' : ' hs-bordered'}`}>{props.children}</table>
      {paginated ? (
        <nav className="hs-pagination" aria-label="Table pages">
          <button type="button" disabled={page <= 1} onClick={() => void callRemote(onPageChange, page - 1)}>
            ‹ Prev
          </button>
          {Array.from({ length: Math.min(pageCount, num(props.maxVisiblePageButtons) ?? 5) }, (_, i) => i + 1).map((n) => (
            <button key={n} type="button" aria-current={n === page ? 'page' : undefined} className={n === page ? 'hs-selected' : ''} onClick={() => void callRemote(onPageChange, n)}>
              {n}
            </button>
          ))}
          <button type="button" disabled={page >= pageCount} onClick={() => void callRemote(onPageChange, page + 1)}>
            Next ›
          </button>
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

// --- charts -------------------------------------------------------------------------------------------------------------

const CHART_COLORS = ['#ff7a59', '#00a4bd', '#6a78d1', '#f5c26b', '#f2547d', '#00bda5', '#516f90'];

interface Series {
  readonly name: string;
  readonly points: { x: number; label: string; y: number }[];
}

/** Reads `data` (rows or `{ data, options }`) and `axes` into series of points, x-sorted. */
export function chartSeries(props: HsProps): { series: Series[]; xLabel: string; yLabel: string; xType: string; categories: string[] } | null {
  const dataProp = props.data;
  const rows = list(dataProp) ?? list(record(dataProp)?.data) ?? [];
  const axes = record(props.axes);
  const x = record(axes?.x);
  const y = record(axes?.y);
  const xField = str(x?.field);
  const yField = str(y?.field);
  if (!xField || !yField) return null;
  const xType = str(x?.fieldType) ?? 'category';
  const group = str(record(axes?.options)?.groupFieldByColor);
  const categories: string[] = [];
  const bySeries = new Map<string, Series>();
  for (const raw of rows) {
    const row = record(raw);
    if (!row) continue;
    const yv = num(row[yField]);
    const xv = row[xField];
    if (yv === undefined || (typeof xv !== 'string' && typeof xv !== 'number')) continue;
    let xn: number;
    if (xType === 'linear') xn = Number(xv);
    else if (xType === 'datetime') xn = typeof xv === 'number' ? xv : Date.parse(xv);
    else {
      const label = String(xv);
      if (!categories.includes(label)) categories.push(label);
      xn = categories.indexOf(label);
    }
    if (!Number.isFinite(xn)) continue;
    const name = group ? String(row[group] ?? '') : yField;
    const s = bySeries.get(name) ?? { name, points: [] };
    s.points.push({ x: xn, label: xType === 'datetime' ? new Date(xn).toISOString().slice(0, 10) : String(xv), y: yv });
    bySeries.set(name, s);
  }
  const series = [...bySeries.values()].map((s) => ({ ...s, points: [...s.points].sort((a, b) => a.x - b.x) }));
  return { series, xLabel: str(x?.label) ?? xField, yLabel: str(y?.label) ?? yField, xType, categories };
}

function Chart({ name, props, kind }: { name: string; props: HsProps; kind: 'line' | 'bar' }) {
  const parsed = chartSeries(props);
  const options = record(props.options);
  const title = str(options?.title);
  const W = 320;
  const H = 160;
  const pad = { l: 36, r: 8, t: 8, b: 28 };
  if (!parsed || parsed.series.every((s) => s.points.length === 0)) {
    return (
      <div {...hsAttrs(name, props)} className="hs-chart hs-chart-empty">
        {title ? <div className="hs-chart-title">{title}</div> : null}
        <span className="hs-muted">No data to chart</span>
      </div>
    );
  }
  const all = parsed.series.flatMap((s) => s.points);
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  const xMin = Math.min(...xs);
  const xMax = Math.max(...xs);
  const yMin = Math.min(0, ...ys);
  const yMax = Math.max(...ys, yMin + 1);
  const sx = (v: number) => pad.l + (xMax === xMin ? (W - pad.l - pad.r) / 2 : ((v - xMin) / (xMax - xMin)) * (W - pad.l - pad.r));
  const sy = (v: number) => H - pad.b - ((v - yMin) / (yMax - yMin)) * (H - pad.t - pad.b);
  const first = all.reduce((a, b) => (b.x < a.x ? b : a));
  const last = all.reduce((a, b) => (b.x > a.x ? b : a));
  const barWidth = Math.max(4, (W - pad.l - pad.r) / Math.max(1, all.length) - 4);
  return (
    <figure {...hsAttrs(name, props)} className="hs-chart">
      {title ? <figcaption className="hs-chart-title">{title}</figcaption> : null}
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={`${title ?? parsed.yLabel} by ${parsed.xLabel}`}>
        <line x1={pad.l} y1={H - pad.b} x2={W - pad.r} y2={H - pad.b} className="hs-chart-axis" />
        <line x1={pad.l} y1={pad.t} x2={pad.l} y2={H - pad.b} className="hs-chart-axis" />
        <text x={pad.l - 4} y={sy(yMax) + 4} textAnchor="end" className="hs-chart-tick">
          {yMax}
        </text>
        <text x={pad.l - 4} y={sy(yMin)} textAnchor="end" className="hs-chart-tick">
          {yMin}
        </text>
        <text x={pad.l} y={H - 8} className="hs-chart-tick">
          {first.label}
        </text>
        <text x={W - pad.r} y={H - 8} textAnchor="end" className="hs-chart-tick">
          {last.label}
        </text>
        {parsed.series.map((s, i) => {
          const color = CHART_COLORS[i % CHART_COLORS.length];
          if (kind === 'bar') {
            return s.points.map((p, j) => (
              <rect key={`${i}-${j}`} x={sx(p.x) - barWidth / 2} y={sy(Math.max(p.y, 0))} width={barWidth} height={Math.abs(sy(p.y) - sy(0))} fill={color}>
                <title>{`${p.label}: ${p.y}`}</title>
              </rect>
            ));
          }
          return (
            <g key={i}>
              <polyline fill="none" stroke={color} strokeWidth="2" points={s.points.map((p) => `${sx(p.x)},${sy(p.y)}`).join(' ')} />
              {s.points.map((p, j) => (
                <circle key={j} cx={sx(p.x)} cy={sy(p.y)} r="3" fill={color}>
                  <title>{`${p.label}: ${p.y}`}</title>
                </circle>
              ))}
            </g>
          );
        })}
      </svg>
      {parsed.series.length > 1 || options?.showLegend === true ? (
        <div className="hs-chart-legend">
          {parsed.series.map((s, i) => (
            <span key={s.name}>
              <span className="hs-legend-swatch" style={{ background: CHART_COLORS[i % CHART_COLORS.length] }} /> {s.name}
            </span>
          ))}
        </div>
      ) : null}
      <div className="hs-chart-axes">
        <span>{parsed.xLabel}</span> · <span>{parsed.yLabel}</span>
      </div>
    </figure>
  );
}

export const LineChart = (props: HsProps) => <Chart name="LineChart" props={props} kind="line" />;
export const BarChart = (props: HsProps) => <Chart name="BarChart" props={props} kind="bar" />;
