// The chart above a report: revenue (invoiced vs collected per month), AR aging buckets (stacked),
// top talkers, subscribers per plan by status (stacked). Series come from `reports.chart`.
import { useMemo } from 'react';
import { BarChart, type BarSeries } from '../../../ui/BarChart';
import { formatBytes, formatInt, formatMoneyCompact } from '../format';
import { defOf, useBilling } from '../store';
import type { ReportChartData } from '../types';

const PALETTES: Record<ReportChartData['kind'], string[]> = {
  'revenue-bars': ['--chart-blue', '--chart-green', '--chart-purple', '--chart-orange'],
  'aging-stack': ['--chart-green', '--chart-yellow', '--chart-orange', '--chart-red', '--chart-darkred', '--chart-purple'],
  'usage-bars': ['--chart-blue', '--chart-purple', '--chart-green', '--chart-orange'],
  'plan-bars': ['--chart-green', '--chart-yellow', '--chart-grey', '--chart-blue'],
  none: ['--chart-blue'],
};

const TITLES: Record<ReportChartData['kind'], string> = {
  'revenue-bars': 'Invoiced and collected per month',
  'aging-stack': 'Open balances by days past due',
  'usage-bars': 'Top talkers',
  'plan-bars': 'Subscribers per plan by status',
  none: '',
};

export function ReportChart() {
  const view = useBilling((s) => s.view);
  const defs = useBilling((s) => s.defs);
  const chart = useBilling((s) => s.chart);
  const loading = useBilling((s) => s.chartLoading);
  const error = useBilling((s) => s.chartError);
  const currency = useBilling((s) => s.meta?.currency ?? 'USD');

  const def = defOf(defs, view?.query.name);
  const kind = def?.chart ?? 'none';

  const series = useMemo<BarSeries[]>(() => {
    if (!chart) return [];
    const palette = PALETTES[chart.kind];
    return chart.series.map((s, i) => ({ label: s.label, values: s.values, colorVar: palette[i % palette.length] ?? '--chart-blue' }));
  }, [chart]);

  const unit = chart?.series[0]?.unit ?? 'count';
  const formatValue = (v: number) => (unit === 'money' ? formatMoneyCompact(v, currency) : unit === 'bytes' ? formatBytes(v) : formatInt(v));

  if (kind === 'none') return null;
  const empty = chart !== null && (chart.labels.length === 0 || chart.series.every((s) => s.values.every((v) => v === 0)));

  return (
    <section className="report-chart" data-testid="report-chart" data-kind={kind} aria-busy={loading} aria-label={TITLES[kind]}>
      <h2 className="report-chart-title">{TITLES[kind]}</h2>
      {error ? (
        <p className="report-chart-message" role="alert">
          Could not load the chart: {error}
        </p>
      ) : !chart ? (
        <p className="report-chart-message">{loading ? 'Loading chart…' : ''}</p>
      ) : empty ? (
        <p className="report-chart-message">Nothing to chart for these filters.</p>
      ) : (
        <BarChart
          labels={chart.labels}
          series={series}
          stacked={chart.kind === 'aging-stack' || chart.kind === 'plan-bars'}
          formatValue={formatValue}
          ariaLabel={`${TITLES[kind]}: ${chart.series.map((s) => s.label).join(', ')} for ${chart.labels.length} ${chart.labels.length === 1 ? 'category' : 'categories'}`}
        />
      )}
    </section>
  );
}
