/**
 * BarChart and LineChart as HubSpot documents them: rows of `{ field: value }`, `axes.x`/`axes.y` with a field,
 * a field type (`category`, `datetime`, `linear`) and a label, series split by `axes.options.groupFieldByColor`
 * (coloured by `axes.options.colors` or `options.colorList`), `axes.options.stacking`, and the options `title`,
 * `showLegend`, `showDataLabels` and `showTooltips` (all off by default). `data.options.propertyLabels` relabels
 * values. Axes have titles, gridlines and ticks at round values; stacked bars and lines add up per x value.
 *
 * Drawn by hand in SVG rather than with a charting library: the page must work without a network (so the library
 * would be bundled anyway), the documented options are few, and plain SVG keeps every bar's geometry in the DOM,
 * where the tests read it (a canvas-based library would leave jsdom and the browser tests nothing to measure).
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { hsAttrs, list, num, record, str, type HsProps } from './props';

/** HubSpot's chart colours, in the order it assigns them. */
export const CHART_COLORS = {
  orange: '#ff7a59',
  aqua: '#00bda5',
  purple: '#6a78d1',
  yellow: '#f5c26b',
  pink: '#f2547d',
  blue: '#00a4bd',
  green: '#00bd5e',
  darkOrange: '#c4461d',
  darkAqua: '#00857b',
  darkPurple: '#3f4c9c',
  darkYellow: '#c49026',
  darkPink: '#b8163f',
  darkBlue: '#006f82',
  darkGreen: '#0a7d3c',
} as const;
type ChartColor = keyof typeof CHART_COLORS;
const isChartColor = (v: unknown): v is ChartColor => typeof v === 'string' && v in CHART_COLORS;

export interface ChartPoint {
  /** Position on the x axis: the category's index, a timestamp, or the number. */
  readonly x: number;
  readonly label: string;
  readonly y: number;
}

export interface ChartSeries {
  readonly name: string;
  readonly color: string;
  readonly points: readonly ChartPoint[];
}

export interface ChartModel {
  readonly xType: 'category' | 'datetime' | 'linear';
  readonly xLabel: string;
  readonly yLabel: string;
  /** Category names in the order given (category axes), or the x values' labels in order. */
  readonly categories: readonly string[];
  readonly series: readonly ChartSeries[];
  readonly stacked: boolean;
}

const formatDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * Reads a chart's props into series. Rows without a number for y, or without an x value, are skipped; two rows with
 * the same x in one series add up (as the bars of a stack would).
 */
export function chartModel(props: HsProps): ChartModel | null {
  const dataProp = props.data;
  const rows = list(dataProp) ?? list(record(dataProp)?.data) ?? [];
  const propertyLabels = record(record(record(dataProp)?.options)?.propertyLabels);
  const relabel = (field: string, value: string) => str(record(propertyLabels?.[field])?.[value]) ?? value;
  const axes = record(props.axes);
  const x = record(axes?.x);
  const y = record(axes?.y);
  const xField = str(x?.field);
  const yField = str(y?.field);
  if (!xField || !yField) return null;
  const rawType = str(x?.fieldType);
  const xType = rawType === 'datetime' || rawType === 'linear' ? rawType : 'category';
  const axisOptions = record(axes?.options);
  const group = str(axisOptions?.groupFieldByColor);
  const colorsByValue = record(axisOptions?.colors);
  const options = record(props.options);
  const colorList = (list(options?.colorList) ?? list(options?.colors) ?? []).filter(isChartColor);
  const order: ChartColor[] = [...colorList, ...(Object.keys(CHART_COLORS) as ChartColor[]).filter((c) => !colorList.includes(c))];

  const categories: string[] = [];
  const bySeries = new Map<string, Map<number, ChartPoint>>();
  for (const raw of rows) {
    const row = record(raw);
    if (!row) continue;
    const yv = num(row[yField]);
    const xv = row[xField];
    if (yv === undefined || (typeof xv !== 'string' && typeof xv !== 'number')) continue;
    let xn: number;
    let label: string;
    if (xType === 'linear') {
      xn = Number(xv);
      label = String(xv);
    } else if (xType === 'datetime') {
      xn = typeof xv === 'number' ? xv : Date.parse(xv);
      label = formatDate(xn);
    } else {
      label = relabel(xField, String(xv));
      if (!categories.includes(label)) categories.push(label);
      xn = categories.indexOf(label);
    }
    if (!Number.isFinite(xn)) continue;
    const name = group ? relabel(group, String(row[group] ?? '')) : str(y?.label) ?? yField;
    const points = bySeries.get(name) ?? new Map<number, ChartPoint>();
    const prev = points.get(xn);
    points.set(xn, { x: xn, label, y: (prev?.y ?? 0) + yv });
    bySeries.set(name, points);
  }
  let next = 0;
  const series = [...bySeries.entries()].map(([name, points]) => {
    const own = colorsByValue?.[name];
    const color = isChartColor(own) ? CHART_COLORS[own] : CHART_COLORS[order[next++ % order.length] as ChartColor];
    return { name, color, points: [...points.values()].sort((a, b) => a.x - b.x) };
  });
  const xs = [...new Set(series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  const labels = xType === 'category' ? categories : xs.map((v) => (xType === 'datetime' ? formatDate(v) : String(v)));
  return { xType, xLabel: str(x?.label) ?? xField, yLabel: str(y?.label) ?? yField, categories: labels, series, stacked: axisOptions?.stacking === true };
}

/**
 * Round tick values covering [min, max]: 1, 2, 2.5 or 5 times a power of ten, about `count` of them. A value axis
 * starts at zero (`fromZero`); an x axis of numbers starts near its smallest value.
 */
export function niceTicks(min: number, max: number, count = 5, fromZero = true): number[] {
  const lo = fromZero ? Math.min(0, min) : min;
  const hi = Math.max(lo + (fromZero ? 1 : Math.abs(lo) * 1e-9 + 1e-9), max);
  const raw = (hi - lo) / Math.max(1, count - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].find((m) => m * power >= raw) ?? 10) * power;
  const start = Math.floor(lo / step) * step;
  const ticks: number[] = [];
  for (let v = start; v < hi + step * 0.999; v += step) ticks.push(Math.round(v / step) * step);
  return ticks;
}

export const formatValue = (v: number): string => new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(v);

/** The width the chart has on the page (the browser measures it; tests get the fallback). */
function useWidth(fallback: number): [(el: HTMLDivElement | null) => void, number] {
  const [width, setWidth] = useState(fallback);
  const observer = useRef<ResizeObserver | null>(null);
  useEffect(() => () => observer.current?.disconnect(), []);
  const ref = (el: HTMLDivElement | null) => {
    observer.current?.disconnect();
    if (!el || typeof ResizeObserver === 'undefined') return;
    observer.current = new ResizeObserver((entries) => {
      const w = entries[0]?.contentRect.width;
      if (w && Math.abs(w - width) > 1) setWidth(Math.max(240, Math.floor(w)));
    });
    observer.current.observe(el);
  };
  return [ref, width];
}

interface Hover {
  readonly left: number;
  readonly top: number;
  readonly lines: readonly string[];
}

const H = 300;
const PAD = { l: 64, r: 16, t: 16, b: 58 };

/** A stack of values per x: where each series' segment starts and ends. */
function stacks(model: ChartModel): Map<number, { series: string; color: string; from: number; to: number; value: number }[]> {
  const out = new Map<number, { series: string; color: string; from: number; to: number; value: number }[]>();
  for (const s of model.series) {
    for (const p of s.points) {
      const stack = out.get(p.x) ?? [];
      // Positive values stack up from the positive total, negative ones down from the negative total.
      const base = stack.filter((seg) => (p.y >= 0 ? seg.to >= seg.from : seg.to < seg.from)).reduce((acc, seg) => (p.y >= 0 ? Math.max(acc, seg.to) : Math.min(acc, seg.to)), 0);
      stack.push({ series: s.name, color: s.color, from: base, to: base + p.y, value: p.y });
      out.set(p.x, stack);
    }
  }
  return out;
}

function Chart({ name, props, kind }: { name: 'BarChart' | 'LineChart'; props: HsProps; kind: 'bar' | 'line' }) {
  const [measure, width] = useWidth(560);
  const [hover, setHover] = useState<Hover | null>(null);
  const model = chartModel(props);
  const options = record(props.options);
  const title = str(options?.title);
  const showLegend = options?.showLegend === true;
  const showLabels = options?.showDataLabels === true;
  const showTooltips = options?.showTooltips === true;
  const header = title ? <div className="hs-chart-title">{title}</div> : null;
  if (!model || model.series.every((s) => s.points.length === 0)) {
    return (
      <div {...hsAttrs(name, props)} className="hs-chart hs-chart-empty">
        {header}
        <span className="hs-muted">No data to chart</span>
      </div>
    );
  }
  const W = width;
  const plotW = W - PAD.l - PAD.r;
  const plotH = H - PAD.t - PAD.b;
  const stacked = model.stacked;
  const stackMap = stacks(model);
  const values = stacked ? [...stackMap.values()].flatMap((st) => st.map((seg) => seg.to)) : model.series.flatMap((s) => s.points.map((p) => p.y));
  const ticks = niceTicks(Math.min(0, ...values), Math.max(0, ...values));
  const yMin = ticks[0] ?? 0;
  const yMax = ticks[ticks.length - 1] ?? 1;
  const sy = (v: number) => PAD.t + plotH - ((v - yMin) / (yMax - yMin || 1)) * plotH;
  const xs = [...new Set(model.series.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b);
  // Bars and category lines use slots; datetime and linear lines use a continuous scale.
  const slotted = kind === 'bar' || model.xType === 'category';
  const slot = plotW / Math.max(1, slotted ? xs.length : 1);
  const xMin = xs[0] ?? 0;
  const xMax = xs[xs.length - 1] ?? 1;
  const sx = (x: number) => (slotted ? PAD.l + slot * (xs.indexOf(x) + 0.5) : PAD.l + (xMax === xMin ? plotW / 2 : ((x - xMin) / (xMax - xMin)) * plotW));
  const labelOf = (x: number) => (model.xType === 'category' ? (model.categories[x] ?? String(x)) : model.xType === 'datetime' ? formatDate(x) : String(x));
  const everyNth = Math.max(1, Math.ceil((xs.length * 70) / plotW));
  const zero = sy(Math.max(yMin, Math.min(0, yMax)));
  const tip = (x: number, top: number, lines: string[]) => (showTooltips ? () => setHover({ left: sx(x), top, lines: [labelOf(x), ...lines] }) : undefined);

  let marks: ReactNode;
  if (kind === 'bar') {
    const groupW = slot * 0.7;
    const barW = stacked ? groupW : groupW / Math.max(1, model.series.length);
    marks = xs.map((x) => {
      const stack = stackMap.get(x) ?? [];
      const total = stack.reduce((a, seg) => a + seg.value, 0);
      const left = sx(x) - groupW / 2;
      return (
        <g key={x} className="hs-chart-slot" data-x={labelOf(x)} data-total={stacked ? total : undefined} onMouseLeave={() => setHover(null)}>
          {stack.map((seg, i) => {
            const top = sy(Math.max(seg.from, seg.to));
            const height = Math.abs(sy(seg.from) - sy(seg.to));
            const bx = stacked ? left : left + barW * model.series.findIndex((s) => s.name === seg.series);
            const barTop = stacked ? top : sy(Math.max(0, seg.value));
            const barHeight = stacked ? height : Math.abs(sy(seg.value) - sy(0));
            return (
              <g key={i}>
                <rect
                  className="hs-chart-bar"
                  x={bx}
                  y={barTop}
                  width={Math.max(1, barW - (stacked ? 0 : 2))}
                  height={barHeight}
                  fill={seg.color}
                  data-series={seg.series}
                  data-value={seg.value}
                  onMouseEnter={tip(x, barTop, [`${seg.series}: ${formatValue(seg.value)}`, ...(stacked ? [`Total: ${formatValue(total)}`] : [])])}
                />
                {showLabels && (!stacked || barHeight >= 14) ? (
                  <text className="hs-chart-data-label" x={bx + barW / 2} y={stacked ? barTop + barHeight / 2 + 4 : barTop - 4} textAnchor="middle">
                    {formatValue(seg.value)}
                  </text>
                ) : null}
              </g>
            );
          })}
          {stacked && showLabels ? (
            <text className="hs-chart-data-label hs-chart-total-label" x={sx(x)} y={sy(Math.max(0, ...stack.map((seg) => seg.to))) - 4} textAnchor="middle">
              {formatValue(total)}
            </text>
          ) : null}
        </g>
      );
    });
  } else {
    const running = new Map<number, number>();
    marks = model.series.map((s) => {
      const pts = s.points.map((p) => {
        const base = stacked ? (running.get(p.x) ?? 0) : 0;
        if (stacked) running.set(p.x, base + p.y);
        return { ...p, top: base + p.y };
      });
      return (
        <g key={s.name} className="hs-chart-series" data-series={s.name}>
          <polyline fill="none" stroke={s.color} strokeWidth="2" points={pts.map((p) => `${sx(p.x)},${sy(p.top)}`).join(' ')} />
          {pts.map((p) => (
            <g key={p.x} data-x={labelOf(p.x)} data-value={p.y}>
              <circle className="hs-chart-point" cx={sx(p.x)} cy={sy(p.top)} r="4" fill={s.color} onMouseEnter={tip(p.x, sy(p.top), [`${s.name}: ${formatValue(p.y)}`])} onMouseLeave={() => setHover(null)} />
              {showLabels ? (
                <text className="hs-chart-data-label" x={sx(p.x)} y={sy(p.top) - 8} textAnchor="middle">
                  {formatValue(p.y)}
                </text>
              ) : null}
            </g>
          ))}
        </g>
      );
    });
  }

  // Times are ticked evenly between the first and the last one, with the time of day when they span under two days.
  const span = xMax - xMin;
  const timeTicks = span === 0 ? [xMin] : [0, 1, 2, 3].map((i) => xMin + (span * i) / 3);
  const xTicks = slotted ? xs.filter((_, i) => i % everyNth === 0) : model.xType === 'datetime' ? timeTicks : niceTicks(xMin, xMax, 5, false).filter((v) => v >= xMin && v <= xMax);
  const timeLabel = (ms: number) => (span < 2 * 24 * 60 * 60 * 1000 ? new Date(ms).toISOString().slice(5, 16).replace('T', ' ') : formatDate(ms));
  return (
    <figure {...hsAttrs(name, props)} className="hs-chart" ref={measure}>
      {header}
      {showLegend ? (
        <div className="hs-chart-legend" role="list" aria-label="Legend">
          {model.series.map((s) => (
            <span key={s.name} role="listitem" data-series={s.name}>
              <span className="hs-legend-swatch" style={{ background: s.color }} /> {s.name}
            </span>
          ))}
        </div>
      ) : null}
      <div className="hs-chart-plot">
        <svg width={W} height={H} viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title ?? model.yLabel} by ${model.xLabel}`}>
          {ticks.map((t) => (
            <g key={t} className="hs-chart-ytick" data-tick-value={t}>
              <line x1={PAD.l} x2={W - PAD.r} y1={sy(t)} y2={sy(t)} className={t === 0 ? 'hs-chart-axis' : 'hs-chart-grid'} />
              <text x={PAD.l - 6} y={sy(t) + 4} textAnchor="end" className="hs-chart-tick">
                {formatValue(t)}
              </text>
            </g>
          ))}
          <line x1={PAD.l} y1={PAD.t} x2={PAD.l} y2={PAD.t + plotH} className="hs-chart-axis" />
          <line x1={PAD.l} y1={zero} x2={W - PAD.r} y2={zero} className="hs-chart-axis" />
          {xTicks.map((x) => (
            <text key={x} x={sx(x)} y={PAD.t + plotH + 16} textAnchor="middle" className="hs-chart-tick hs-chart-xtick">
              {slotted ? labelOf(x) : model.xType === 'datetime' ? timeLabel(x) : formatValue(x)}
            </text>
          ))}
          {marks}
          <text className="hs-chart-axis-title" x={PAD.l + plotW / 2} y={H - 10} textAnchor="middle">
            {model.xLabel}
          </text>
          <text className="hs-chart-axis-title" transform={`translate(14 ${PAD.t + plotH / 2}) rotate(-90)`} textAnchor="middle">
            {model.yLabel}
          </text>
        </svg>
        {hover ? (
          <div className="hs-chart-tooltip" role="tooltip" style={{ left: hover.left, top: Math.max(0, hover.top - 8) }}>
            {hover.lines.map((l, i) => (
              <div key={i} className={i === 0 ? 'hs-chart-tooltip-title' : undefined}>
                {l}
              </div>
            ))}
          </div>
        ) : null}
      </div>
    </figure>
  );
}

export const LineChart = (props: HsProps) => <Chart name="LineChart" props={props} kind="line" />;
export const BarChart = (props: HsProps) => <Chart name="BarChart" props={props} kind="bar" />;
