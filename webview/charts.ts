/**
 * chart.js with only what the panel uses registered (tree-shaken), a
 * registry of the panel's chart instances, and in-place updates: a chart is
 * created once and later results replace its data and options followed by
 * `update('none')`, so nothing is destroyed or re-animated (no flicker).
 */
import {
  BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineElement,
  PointElement, ScatterController, Tooltip,
  type ChartConfiguration, type ChartType, type Plugin,
} from 'chart.js';
import type { Palette } from './theme.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineElement, PointElement, ScatterController, Tooltip, Legend);

export { Chart };

/** Objective marks: per category index, a line across that bar's band at the objective value. */
export interface SloMarksOptions {
  values?: (number | undefined)[];
  color?: string;
}

/** A shaded region right of `minX` on a scatter chart, with its boundary dashed. */
export interface RegionOptions {
  minX?: number;
  fill?: string;
  line?: string;
  label?: string;
}

declare module 'chart.js' {
  interface PluginOptionsByType<TType extends ChartType> {
    sloMarks?: SloMarksOptions;
    feasibleRegion?: RegionOptions;
  }
}

/**
 * Draws each row's objective as a line across its band (horizontal bars:
 * indexAxis 'y', value axis x). Rows sharing one objective read as one line.
 */
const sloMarksPlugin: Plugin<'bar'> = {
  id: 'sloMarks',
  afterDatasetsDraw(chart, _args, options: SloMarksOptions) {
    const values = options.values;
    if (!values || values.length === 0) return;
    const horizontal = chart.options.indexAxis === 'y';
    const valueScale = horizontal ? chart.scales.x : chart.scales.y;
    const indexScale = horizontal ? chart.scales.y : chart.scales.x;
    if (!valueScale || !indexScale) return;
    const n = chart.data.labels?.length ?? 0;
    const band = n > 0 ? (horizontal ? chart.chartArea.height : chart.chartArea.width) / n : 0;
    const ctx = chart.ctx;
    ctx.save();
    ctx.strokeStyle = options.color ?? 'red';
    ctx.lineWidth = 2;
    ctx.setLineDash([5, 3]);
    values.forEach((v, i) => {
      if (v === undefined || i >= n) return;
      const at = valueScale.getPixelForValue(v);
      const mid = indexScale.getPixelForValue(i);
      ctx.beginPath();
      if (horizontal) { ctx.moveTo(at, mid - band / 2); ctx.lineTo(at, mid + band / 2); }
      else { ctx.moveTo(mid - band / 2, at); ctx.lineTo(mid + band / 2, at); }
      ctx.stroke();
    });
    ctx.restore();
  },
};

const feasibleRegionPlugin: Plugin<'scatter'> = {
  id: 'feasibleRegion',
  beforeDatasetsDraw(chart, _args, options: RegionOptions) {
    if (options.minX === undefined || !chart.scales.x) return;
    const { left, right, top, bottom } = chart.chartArea;
    const x = Math.max(left, Math.min(right, chart.scales.x.getPixelForValue(options.minX)));
    const ctx = chart.ctx;
    ctx.save();
    ctx.fillStyle = options.fill ?? 'rgba(0,128,0,0.1)';
    ctx.fillRect(x, top, right - x, bottom - top);
    if (x > left && x < right) {
      ctx.strokeStyle = options.line ?? 'green';
      ctx.setLineDash([5, 3]);
      ctx.beginPath();
      ctx.moveTo(x, top);
      ctx.lineTo(x, bottom);
      ctx.stroke();
      if (options.label) {
        ctx.setLineDash([]);
        ctx.fillStyle = options.line ?? 'green';
        ctx.font = `${Chart.defaults.font.size ?? 12}px ${Chart.defaults.font.family ?? 'sans-serif'}`;
        ctx.textBaseline = 'top';
        ctx.fillText(options.label, x + 4, top + 4);
      }
    }
    ctx.restore();
  },
};

Chart.register(sloMarksPlugin as Plugin, feasibleRegionPlugin as Plugin);

/** Fonts and default colours for every chart, from the theme. */
export function applyChartDefaults(palette: Palette, fontFamily: string, fontSizePx: number): void {
  Chart.defaults.color = palette.foreground;
  Chart.defaults.borderColor = palette.grid;
  Chart.defaults.font.family = fontFamily;
  Chart.defaults.font.size = fontSizePx;
  Chart.defaults.animation = false;
}

/** The panel's charts by id; read by the tests through window.__servescope. */
export const charts = new Map<string, Chart>();

/**
 * Create the chart on first use; afterwards update its data and options in
 * place. Datasets are matched by position and mutated (so chart.js keeps its
 * element state) and the update runs without animation.
 */
export function upsertChart<T extends ChartType>(id: string, canvas: HTMLCanvasElement, config: ChartConfiguration<T>): Chart<T> {
  const existing = charts.get(id) as Chart<T> | undefined;
  if (!existing || existing.canvas !== canvas) {
    existing?.destroy();
    const chart = new Chart<T>(canvas, config);
    charts.set(id, chart as unknown as Chart);
    return chart;
  }
  const data = existing.data;
  data.labels = config.data.labels ?? [];
  const next = config.data.datasets;
  data.datasets.length = Math.min(data.datasets.length, next.length);
  next.forEach((ds, i) => {
    const cur = data.datasets[i];
    if (cur) {
      for (const k of Object.keys(cur) as (keyof typeof cur)[]) if (!(k in ds)) delete cur[k];
      Object.assign(cur, ds);
    } else {
      data.datasets.push(ds);
    }
  });
  if (config.options) existing.options = config.options as typeof existing.options;
  existing.update('none');
  return existing;
}

/** What the tests read back: labels and each dataset's label and data. */
export function chartSnapshot(chart: Chart): { type: string; labels: unknown[]; datasets: { label: string; data: unknown[] }[] } {
  const cfg = chart.config as unknown as { type: string };
  return {
    type: cfg.type,
    labels: [...(chart.data.labels ?? [])],
    datasets: chart.data.datasets.map((d) => ({ label: String(d.label ?? ''), data: [...d.data] })),
  };
}
