/**
 * Memory: one stacked bar per pool of each deployment, per GPU: weights,
 * KV cache, activations and what is free (or over capacity, in the error
 * colour), in GiB.
 */
import type { EstimateReport } from '../../src/serving/report.js';
import { upsertChart } from '../charts.js';
import { memoryStack } from '../derive.js';
import { chartBox, el } from '../dom.js';
import type { Palette } from '../theme.js';
import type { View } from '../view.js';
import { axis, barBorder, baseOptions } from './common.js';

export class MemoryView implements View {
  readonly id = 'memory' as const;
  readonly title = 'Memory';
  readonly root = el('section');
  private readonly chart = chartBox('memory', 'Memory per GPU of each pool');
  private readonly caption = el('p', { className: 'muted' });

  constructor() {
    this.root.append(this.caption, this.chart.box);
  }

  render(report: EstimateReport, palette: Palette): void {
    const m = memoryStack(report);
    const over = m.fits.filter((f) => !f).length;
    this.caption.textContent = `Per GPU, GiB. ${m.labels.length} pools${over ? `; ${over} do not fit` : '; all fit'}.`;
    this.chart.box.style.height = `${Math.max(180, 80 + m.labels.length * 30)}px`;
    const options = baseOptions(palette);
    const ds = (label: string, data: number[], color: string) => ({ label, data, backgroundColor: color, ...barBorder(palette) });
    upsertChart('memory', this.chart.canvas, {
      type: 'bar',
      data: {
        labels: m.labels,
        datasets: [
          ds('Weights', m.weights, palette.memory.weights),
          ds('KV cache', m.kvCache, palette.memory.kvCache),
          ds('Activations', m.activations, palette.memory.activations),
          ds('Free', m.free, palette.memory.free),
          ds('Over capacity', m.over, palette.memory.over),
        ],
      },
      options: {
        ...options,
        indexAxis: 'y',
        scales: { x: axis(palette, 'GiB per GPU', { stacked: true, beginAtZero: true }), y: axis(palette, '', { stacked: true }) },
        plugins: {
          ...options.plugins,
          legend: { position: 'bottom', labels: { color: palette.foreground, boxWidth: 10 } },
          tooltip: { ...options.plugins?.tooltip, callbacks: { label: (item) => `${item.dataset.label}: ${(item.parsed.x ?? 0).toFixed(1)} GiB` } },
        },
      },
    });
  }
}
