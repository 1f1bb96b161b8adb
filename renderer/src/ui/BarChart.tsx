// A small React wrapper around Chart.js bar charts (grouped or stacked). Only the pieces used are
// registered, so the bundle carries bars, two scales, tooltip and legend. Colours come from CSS
// variables of the current theme, read again when the theme changes.
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, Tooltip, type ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'react';
import { useTheme } from '../app/theme';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip, Legend);

export interface BarSeries {
  label: string;
  values: number[];
  /** A CSS custom property of the theme, e.g. `--chart-1`. */
  colorVar: string;
}

export interface BarChartProps {
  labels: string[];
  series: BarSeries[];
  stacked?: boolean;
  /** Value axis and tooltip text for a raw value. */
  formatValue: (v: number) => string;
  /** Accessible summary of what the chart shows. */
  ariaLabel: string;
  /** Pixel height; without it the chart fills its container (which must have a height). */
  height?: number;
  testId?: string;
}

function cssVar(style: CSSStyleDeclaration, name: string, fallback: string): string {
  const v = style.getPropertyValue(name).trim();
  return v || fallback;
}

export function BarChart({ labels, series, stacked = false, formatValue, ariaLabel, height, testId }: BarChartProps) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const theme = useTheme((s) => s.theme);
  // the formatter may be a fresh closure on every render; the chart reads the latest through a ref
  const formatRef = useRef(formatValue);
  useEffect(() => {
    formatRef.current = formatValue;
  }, [formatValue]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const style = getComputedStyle(document.documentElement);
    const text = cssVar(style, '--text-muted', '#8d9aab');
    const grid = cssVar(style, '--border', '#26303c');
    const fmt = (v: number | string) => formatRef.current(Number(v));
    const config: ChartConfiguration<'bar', number[], string> = {
      type: 'bar',
      data: {
        labels,
        datasets: series.map((s) => {
          const color = cssVar(style, s.colorVar, '#58a6ff');
          return { label: s.label, data: s.values, backgroundColor: color, borderColor: color, borderWidth: 0, maxBarThickness: 36 };
        }),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: { duration: 250 },
        interaction: { mode: 'index', intersect: false },
        scales: {
          x: { stacked, ticks: { color: text, maxRotation: 0, autoSkip: true }, grid: { display: false }, border: { color: grid } },
          y: { stacked, beginAtZero: true, ticks: { color: text, callback: (v) => fmt(v), maxTicksLimit: 5 }, grid: { color: grid }, border: { display: false } },
        },
        plugins: {
          legend: { position: 'top', align: 'end', labels: { color: text, boxWidth: 10, boxHeight: 10 } },
          tooltip: { callbacks: { label: (ctx) => `${ctx.dataset.label ?? ''}: ${fmt(ctx.parsed.y ?? 0)}` } },
        },
      },
    };
    const chart = new Chart(canvas, config);
    return () => chart.destroy();
  }, [labels, series, stacked, theme]);

  return (
    <div className="bar-chart" style={height ? { height } : undefined} data-testid={testId}>
      <canvas ref={canvasRef} role="img" aria-label={ariaLabel} />
    </div>
  );
}
