/**
 * Per-layer breakdown of one deployment: stacked bars per layer kind for the
 * prefill and the decode step, one colour per operator category; a toggle
 * between absolute ms and share of the step; and the per-operator table
 * (FLOPs, bytes, time, bound, provenance).
 */
import type { StepBreakdown } from '../../src/engine/types.js';
import type { EstimateReport } from '../../src/serving/report.js';
import { upsertChart } from '../charts.js';
import { breakdownStack, formatMs, formatSi, operatorRows, CATEGORY_LABEL } from '../derive.js';
import { chartBox, el, setChildren } from '../dom.js';
import type { Palette } from '../theme.js';
import type { View, ViewContext } from '../view.js';
import { axis, barBorder, baseOptions } from './common.js';

export class BreakdownView implements View {
  readonly id = 'breakdown' as const;
  readonly title = 'Per-layer breakdown';
  readonly root = el('section');
  private readonly picker = el('select', { id: 'breakdown-deployment', 'aria-label': 'Deployment' });
  private readonly unitButton = el('button', { type: 'button', id: 'breakdown-unit', 'aria-pressed': 'false' });
  private readonly phasePicker = el('select', { id: 'operator-phase', 'aria-label': 'Step of the operator table' },
    el('option', { value: 'prefill', text: 'prefill' }), el('option', { value: 'decode', text: 'decode' }));
  private readonly prefill = chartBox('breakdown-prefill', 'Prefill step time per layer kind and category');
  private readonly decode = chartBox('breakdown-decode', 'Decode step time per layer kind and category');
  private readonly prefillTitle = el('h2');
  private readonly decodeTitle = el('h2');
  private readonly opTable = el('table', { id: 'operator-table' });
  private readonly empty = el('p', { className: 'empty', text: 'No deployment in this document.' });

  constructor(private readonly ctx: ViewContext) {
    this.picker.addEventListener('change', () => {
      ctx.state.breakdownDeployment = this.picker.value;
      ctx.saveState();
      ctx.rerender();
    });
    this.unitButton.addEventListener('click', () => {
      ctx.state.unit = ctx.state.unit === 'ms' ? 'share' : 'ms';
      ctx.saveState();
      ctx.rerender();
    });
    this.phasePicker.addEventListener('change', () => {
      ctx.state.operatorPhase = this.phasePicker.value === 'prefill' ? 'prefill' : 'decode';
      ctx.saveState();
      ctx.rerender();
    });
    this.root.append(
      el('div', { className: 'toolbar' }, el('label', {}, 'Deployment', this.picker), this.unitButton),
      this.empty,
      el('div', { className: 'charts' },
        el('div', {}, this.prefillTitle, this.prefill.box),
        el('div', {}, this.decodeTitle, this.decode.box)),
      el('div', { className: 'toolbar' }, el('h2', { text: 'Operators' }), el('label', {}, 'Step', this.phasePicker)),
      el('div', { className: 'table-scroll' }, this.opTable),
    );
  }

  render(report: EstimateReport, palette: Palette): void {
    const state = this.ctx.state;
    const names = report.deployments.map((d) => d.name);
    const chosen = report.deployments.find((d) => d.name === state.breakdownDeployment) ?? report.deployments[0];
    setChildren(this.picker, ...names.map((n) => el('option', { value: n, text: n, selected: n === chosen?.name })));
    if (chosen) this.picker.value = chosen.name;
    this.unitButton.textContent = state.unit === 'ms' ? 'Show share per layer kind' : 'Show milliseconds per step';
    this.unitButton.setAttribute('aria-pressed', String(state.unit === 'share'));
    this.phasePicker.value = state.operatorPhase;
    this.empty.hidden = chosen !== undefined;
    const empty: StepBreakdown = { phase: 'prefill', timeMs: 0, layers: [], flops: 0, bytes: 0, memory: { weightsBytes: 0, kvCacheBytes: 0, activationBytes: 0, capacityBytes: 0, freeBytes: 0, fits: true } };
    const prefill = chosen?.prefill ?? empty;
    const decode = chosen?.decode ?? { ...empty, phase: 'decode' as const };
    this.prefillTitle.textContent = `Prefill step: ${formatMs(prefill.timeMs)}`;
    this.decodeTitle.textContent = `Decode step: ${formatMs(decode.timeMs)}`;
    this.renderChart('breakdown-prefill', this.prefill.canvas, prefill, palette);
    this.renderChart('breakdown-decode', this.decode.canvas, decode, palette);
    this.renderOperators(state.operatorPhase === 'prefill' ? prefill : decode);
  }

  private renderChart(id: string, canvas: HTMLCanvasElement, step: StepBreakdown, palette: Palette): void {
    const unit = this.ctx.state.unit;
    const stack = breakdownStack(step, unit);
    const options = baseOptions(palette);
    const fmt = (v: number) => (unit === 'share' ? `${v.toFixed(1)} %` : formatMs(v));
    upsertChart(id, canvas, {
      type: 'bar',
      data: {
        labels: stack.labels,
        datasets: stack.datasets.map((d) => ({
          label: d.label, data: d.data, backgroundColor: palette.category[d.category], ...barBorder(palette),
        })),
      },
      options: {
        ...options,
        scales: {
          x: axis(palette, '', { stacked: true }),
          y: axis(palette, unit === 'share' ? '% of the layer kind' : 'ms per step', { stacked: true, beginAtZero: true, ...(unit === 'share' ? { max: 100 } : { grace: '5%' }) }),
        },
        plugins: {
          ...options.plugins,
          legend: { position: 'bottom', labels: { color: palette.foreground, boxWidth: 10 } },
          tooltip: { ...options.plugins?.tooltip, callbacks: { label: (item) => `${item.dataset.label}: ${fmt(item.parsed.y ?? 0)}` } },
        },
      },
    });
  }

  private renderOperators(step: StepBreakdown): void {
    const head = el('tr', {}, ...['Layer', 'Operator', 'Category', 'FLOPs', 'Bytes', 'Time', 'Share', 'Bound', 'Provenance', 'Note'].map((h, i) =>
      el('th', { scope: 'col', className: i >= 3 && i <= 6 ? 'num' : '', text: h })));
    const rows = operatorRows(step).map((o) => el('tr', {},
      el('td', { text: o.count > 1 ? `${o.layer} ×${o.count}` : o.layer }),
      el('td', { text: o.name }),
      el('td', { text: CATEGORY_LABEL[o.category] }),
      el('td', { className: 'num', text: formatSi(o.flops) }),
      el('td', { className: 'num', text: `${formatSi(o.bytes)}B` }),
      el('td', { className: 'num', text: formatMs(o.timeMs) }),
      el('td', { className: 'num', text: `${(o.stepShare * 100).toFixed(1)} %` }),
      el('td', { text: o.bound }),
      el('td', { text: o.provenance }),
      el('td', { className: 'detail', text: o.note }),
    ));
    setChildren(this.opTable, el('thead', {}, head), el('tbody', {}, ...rows));
  }
}
