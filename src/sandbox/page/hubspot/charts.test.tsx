/** @jest-environment jsdom */
import { BarChart, LineChart } from '@hubspot/ui-extensions';
import { fireEvent, screen } from '@testing-library/react';
import { chartModel, CHART_COLORS, niceTicks } from './charts';
import { renderCard } from './render-remote';

/** Sales per month and category, as HubSpot's charts example builds them. */
const SALES = [
  { month: 'Jan', category: 'Footwear', revenue: 120 },
  { month: 'Jan', category: 'Apparel', revenue: 80 },
  { month: 'Feb', category: 'Footwear', revenue: 50 },
  { month: 'Feb', category: 'Apparel', revenue: 210 },
  { month: 'Feb', category: 'Gear', revenue: 40 },
  { month: 'Mar', category: 'Gear', revenue: 30 },
];
const TOTALS: Record<string, number> = { Jan: 200, Feb: 300, Mar: 30 };
const AXES = { x: { field: 'month', fieldType: 'category', label: 'Month' }, y: { field: 'revenue', fieldType: 'linear', label: 'Revenue ($)' } } as const;

/** Reads the y scale back from two gridlines: value = a + b * pixel. */
function yScale(container: HTMLElement): (px: number) => number {
  const ticks = [...container.querySelectorAll<SVGGElement>('.hs-chart-ytick')].map((g) => ({ v: Number(g.dataset.tickValue), y: Number(g.querySelector('line')?.getAttribute('y1')) }));
  const [a, b] = [ticks[0], ticks[ticks.length - 1]];
  if (!a || !b) throw new Error('no ticks');
  return (px) => a.v + ((px - a.y) * (b.v - a.v)) / (b.y - a.y);
}

const bars = (container: HTMLElement) =>
  [...container.querySelectorAll<SVGRectElement>('rect.hs-chart-bar')].map((r) => ({
    x: r.closest<SVGGElement>('[data-x]')?.dataset.x ?? '',
    series: r.dataset.series ?? '',
    value: Number(r.dataset.value),
    top: Number(r.getAttribute('y')),
    bottom: Number(r.getAttribute('y')) + Number(r.getAttribute('height')),
    left: Number(r.getAttribute('x')),
  }));

describe('BarChart', () => {
  it('stacks grouped bars: each month one column whose top is the month’s total', async () => {
    const { container } = await renderCard(<BarChart data={SALES} axes={{ ...AXES, options: { groupFieldByColor: 'category', stacking: true } }} />);
    const toValue = yScale(container);
    for (const [month, total] of Object.entries(TOTALS)) {
      const column = bars(container).filter((b) => b.x === month);
      expect(new Set(column.map((b) => b.left)).size).toBe(1);
      const top = Math.min(...column.map((b) => b.top));
      expect(toValue(top)).toBeCloseTo(total, 5);
      // Segments sit on one another: each one's bottom is the previous one's top.
      const sorted = [...column].sort((p, q) => q.bottom - p.bottom);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]?.bottom).toBeCloseTo(sorted[i - 1]?.top ?? 0, 5);
    }
    // The axis reaches the largest total, not just the largest single value.
    const ticks = [...container.querySelectorAll<SVGGElement>('.hs-chart-ytick')].map((g) => Number(g.dataset.tickValue));
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(300);
  });

  it('draws unstacked groups side by side, each from zero', async () => {
    const { container } = await renderCard(<BarChart data={SALES} axes={{ ...AXES, options: { groupFieldByColor: 'category' } }} />);
    const toValue = yScale(container);
    const feb = bars(container).filter((b) => b.x === 'Feb');
    expect(new Set(feb.map((b) => b.left)).size).toBe(3);
    for (const b of feb) {
      expect(toValue(b.bottom)).toBeCloseTo(0, 5);
      expect(toValue(b.top)).toBeCloseTo(b.value, 5);
    }
  });

  it('labels the data only with showDataLabels, with stack totals on stacked bars', async () => {
    const stacked = { ...AXES, options: { groupFieldByColor: 'category', stacking: true } };
    const plain = await renderCard(<BarChart data={SALES} axes={stacked} />);
    expect(plain.container.querySelectorAll('.hs-chart-data-label')).toHaveLength(0);
    plain.unmount();
    const { container } = await renderCard(<BarChart data={SALES} axes={stacked} options={{ showDataLabels: true }} />);
    expect([...container.querySelectorAll('.hs-chart-total-label')].map((t) => t.textContent)).toEqual(['200', '300', '30']);
  });

  it('titles the chart and its axes, and ticks the y axis at round values', async () => {
    const { container } = await renderCard(<BarChart data={SALES} axes={AXES} options={{ title: 'Sales distribution' }} />);
    expect(screen.getByText('Sales distribution')).toBeTruthy();
    expect([...container.querySelectorAll('.hs-chart-axis-title')].map((t) => t.textContent)).toEqual(['Month', 'Revenue ($)']);
    expect([...container.querySelectorAll('.hs-chart-xtick')].map((t) => t.textContent)).toEqual(['Jan', 'Feb', 'Mar']);
    const ticks = [...container.querySelectorAll<SVGGElement>('.hs-chart-ytick')].map((g) => Number(g.dataset.tickValue));
    expect(ticks[0]).toBe(0);
    const step = (ticks[1] ?? 0) - (ticks[0] ?? 0);
    expect(ticks.every((t, i) => t === i * step)).toBe(true);
  });

  it('shows a legend only with showLegend, in colorList order, with per-value colours', async () => {
    const none = await renderCard(<BarChart data={SALES} axes={{ ...AXES, options: { groupFieldByColor: 'category' } }} />);
    expect(none.container.querySelector('.hs-chart-legend')).toBeNull();
    none.unmount();
    const { container } = await renderCard(
      <BarChart data={SALES} axes={{ ...AXES, options: { groupFieldByColor: 'category', colors: { Gear: 'darkGreen' } } }} options={{ showLegend: true, colorList: ['purple', 'pink'] }} />,
    );
    const legend = [...container.querySelectorAll<HTMLElement>('.hs-chart-legend [data-series]')];
    expect(legend.map((l) => l.textContent?.trim())).toEqual(['Footwear', 'Apparel', 'Gear']);
    const colour = (s: string) => container.querySelector(`rect[data-series="${s}"]`)?.getAttribute('fill');
    expect([colour('Footwear'), colour('Apparel'), colour('Gear')]).toEqual([CHART_COLORS.purple, CHART_COLORS.pink, CHART_COLORS.darkGreen]);
  });

  it('shows a tooltip on hover only with showTooltips', async () => {
    const quiet = await renderCard(<BarChart data={SALES} axes={AXES} />);
    const first = quiet.container.querySelector('rect.hs-chart-bar');
    if (!first) throw new Error('no bar');
    fireEvent.mouseEnter(first);
    expect(screen.queryByRole('tooltip')).toBeNull();
    quiet.unmount();
    const { container } = await renderCard(<BarChart data={SALES} axes={{ ...AXES, options: { groupFieldByColor: 'category', stacking: true } }} options={{ showTooltips: true }} />);
    const rect = container.querySelector('rect[data-series="Apparel"]');
    if (!rect) throw new Error('no bar');
    fireEvent.mouseEnter(rect);
    expect(screen.getByRole('tooltip').textContent).toBe('JanApparel: 80Total: 200');
  });

  it('relabels values with data.options.propertyLabels', () => {
    const model = chartModel({ data: { data: [{ s: 'a', n: 1 }], options: { propertyLabels: { s: { a: 'Alpha' } } } }, axes: { x: { field: 's', fieldType: 'category' }, y: { field: 'n', fieldType: 'linear' } } });
    expect(model?.categories).toEqual(['Alpha']);
  });
});

describe('LineChart', () => {
  it('stacks grouped lines: the last series’ points are the running totals', async () => {
    const { container } = await renderCard(<LineChart data={SALES} axes={{ ...AXES, options: { groupFieldByColor: 'category', stacking: true } }} />);
    const toValue = yScale(container);
    const feb = [...container.querySelectorAll<SVGGElement>('[data-series="Gear"] [data-x="Feb"] circle')][0];
    expect(toValue(Number(feb?.getAttribute('cy')))).toBeCloseTo(300, 5);
  });

  it('ticks a date-time x axis between its first and last time, with dates', async () => {
    const day = 24 * 60 * 60 * 1000;
    const start = Date.UTC(2026, 10, 1);
    const { container } = await renderCard(
      <LineChart data={[0, 3, 6].map((d) => ({ t: start + d * day, n: d }))} axes={{ x: { field: 't', fieldType: 'datetime' }, y: { field: 'n', fieldType: 'linear' } }} />,
    );
    expect([...container.querySelectorAll('.hs-chart-xtick')].map((t) => t.textContent)).toEqual(['2026-11-01', '2026-11-03', '2026-11-05', '2026-11-07']);
  });

  it('labels each point with showDataLabels', async () => {
    const { container } = await renderCard(<LineChart data={[{ m: 'a', n: 3 }, { m: 'b', n: 7 }]} axes={{ x: { field: 'm', fieldType: 'category' }, y: { field: 'n', fieldType: 'linear' } }} options={{ showDataLabels: true }} />);
    expect([...container.querySelectorAll('.hs-chart-data-label')].map((t) => t.textContent)).toEqual(['3', '7']);
  });
});

test.each`
  min   | max      | ticks
  ${0}  | ${300}   | ${[0, 100, 200, 300]}
  ${0}  | ${7}     | ${[0, 2, 4, 6, 8]}
  ${-5} | ${20}    | ${[-10, 0, 10, 20]}
  ${0}  | ${0}     | ${[0, 0.25, 0.5, 0.75, 1]}
  ${0}  | ${1234}  | ${[0, 500, 1000, 1500]}
`('ticks from $min to $max: $ticks', ({ min, max, ticks }: { min: number; max: number; ticks: number[] }) => {
  expect(niceTicks(min, max)).toEqual(ticks);
});

it('ticks a numeric x axis near its values, not from zero', () => {
  expect(niceTicks(1000, 1004, 5, false)).toEqual([1000, 1001, 1002, 1003, 1004]);
});
