/**
 * Feasibility: one row per deployment and per explored best; TTFT and TPOT
 * against their objectives (meters in the table, bars with the SLO line in
 * the charts), memory fit, verdict and tokens/s/GPU. Headers are buttons
 * that sort; the charts follow the table's order.
 */
import type { EstimateReport } from '../../src/serving/report.js';
import { upsertChart } from '../charts.js';
import {
  barScale, chartValues, feasibilityRows, formatMs, formatMsOrUnbounded, sortRows, STRATEGY_LABEL,
  type FeasibilityRow, type SortKey,
} from '../derive.js';
import { chartBox, el, setChildren } from '../dom.js';
import type { Palette } from '../theme.js';
import type { View, ViewContext } from '../view.js';
import { axis, barBorder, baseOptions } from './common.js';

const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: 'name', label: 'Deployment' },
  { key: 'strategy', label: 'Strategy' },
  { key: 'gpus', label: 'GPUs', numeric: true },
  { key: 'ttftMs', label: 'TTFT' },
  { key: 'tpotMs', label: 'TPOT' },
  { key: 'memoryUse', label: 'Memory' },
  { key: 'verdict', label: 'Verdict' },
  { key: 'tokensPerSecondPerGpu', label: 'Tokens/s/GPU', numeric: true },
];

export class FeasibilityView implements View {
  readonly id = 'feasibility' as const;
  readonly title = 'Feasibility';
  readonly root = el('section');
  private readonly table = el('table', { id: 'feasibility-table' });
  private readonly ttft = chartBox('feasibility-ttft', 'TTFT per deployment against the objective', 'short');
  private readonly tpot = chartBox('feasibility-tpot', 'TPOT per deployment against the objective', 'short');

  constructor(private readonly ctx: ViewContext) {
    this.root.append(
      this.table,
      el('div', { className: 'charts' }, this.ttft.box, this.tpot.box),
    );
  }

  render(report: EstimateReport, palette: Palette): void {
    const rows = sortRows(feasibilityRows(report), this.ctx.state.sort);
    this.renderTable(rows);
    this.renderChart('feasibility-ttft', this.ttft.canvas, rows, palette, 'ttftMs', 'TTFT (ms)');
    this.renderChart('feasibility-tpot', this.tpot.canvas, rows, palette, 'tpotMs', 'TPOT (ms)');
    const h = `${Math.max(160, 56 + rows.length * 26)}px`;
    this.ttft.box.style.height = h;
    this.tpot.box.style.height = h;
  }

  private renderTable(rows: FeasibilityRow[]): void {
    const sort = this.ctx.state.sort;
    const head = el('tr', {}, ...COLUMNS.map((c) => {
      const active = sort?.key === c.key;
      const button = el('button', { type: 'button', 'data-sort': c.key, title: `Sort by ${c.label}` },
        c.label, el('span', { className: 'arrow', 'aria-hidden': 'true', text: active ? (sort!.descending ? '▼' : '▲') : '' }));
      button.addEventListener('click', () => {
        this.ctx.state.sort = { key: c.key, descending: active ? !sort!.descending : false };
        this.ctx.saveState();
        this.ctx.rerender();
        (this.table.querySelector(`button[data-sort="${c.key}"]`) as HTMLButtonElement | null)?.focus();
      });
      return el('th', {
        scope: 'col', className: c.numeric ? 'num' : '',
        'aria-sort': active ? (sort!.descending ? 'descending' : 'ascending') : 'none',
      }, button);
    }));
    const ttftMax = Math.max(...rows.map((r) => r.ttftMs).filter(Number.isFinite), 0);
    const tpotMax = Math.max(...rows.map((r) => r.tpotMs), 0);
    const body = rows.map((r) => {
      const name = el('button', { type: 'button', title: `Reveal ${r.block} in the editor`, text: r.name });
      name.addEventListener('click', () => this.ctx.post({ type: 'revealDeployment', name: r.block }));
      const verdictClass = r.verdict.replace(/ /g, '-');
      return el('tr', { 'data-key': r.key },
        el('td', { className: 'name' }, name, r.detail.length ? el('div', { className: 'detail', text: r.detail.join(' · ') }) : undefined),
        el('td', { text: STRATEGY_LABEL[r.strategy] }),
        el('td', { className: 'num', text: String(r.gpus) }),
        el('td', {}, meter(r.ttftMs, r.slo.ttftMs, ttftMax, r.queueWaitMs !== undefined ? `queueing ${formatMs(r.queueWaitMs)}` : undefined)),
        el('td', {}, meter(r.tpotMs, r.slo.tpotMs, tpotMax)),
        el('td', { text: Number.isNaN(r.memoryUse) ? (r.origin === 'explore' ? 'fits' : '–') : `${(r.memoryUse * 100).toFixed(0)} %${r.memoryFits ? '' : ' (over)'}` }),
        el('td', {}, el('span', { className: `verdict ${verdictClass}`, text: r.verdict })),
        el('td', { className: 'num', text: r.tokensPerSecondPerGpu.toFixed(0) }),
      );
    });
    setChildren(this.table, el('thead', {}, head), el('tbody', {}, ...body));
  }

  private renderChart(id: string, canvas: HTMLCanvasElement, rows: FeasibilityRow[], palette: Palette, metric: 'ttftMs' | 'tpotMs', title: string): void {
    const objective = (r: FeasibilityRow) => (metric === 'ttftMs' ? r.slo.ttftMs : r.slo.tpotMs);
    const colors = rows.map((r) => {
      const o = objective(r);
      return o !== undefined && r[metric] > o ? palette.bad : palette.strategy[r.strategy];
    });
    const options = baseOptions(palette);
    // Room right of the objective so its line never sits on the chart's edge.
    const objectives = rows.map(objective).filter((o): o is number => o !== undefined);
    const headroom = objectives.length > 0 ? { suggestedMax: Math.max(...objectives) * 1.15 } : {};
    upsertChart(id, canvas, {
      type: 'bar',
      data: {
        labels: rows.map((r) => r.name),
        datasets: [{ label: title, data: chartValues(rows.map((r) => r[metric]), rows.map(objective)), backgroundColor: colors, ...barBorder(palette) }],
      },
      options: {
        ...options,
        indexAxis: 'y',
        scales: { x: axis(palette, title, { beginAtZero: true, ...headroom }), y: axis(palette, '') },
        plugins: {
          ...options.plugins,
          legend: { display: false },
          sloMarks: { values: rows.map(objective), color: palette.slo },
        },
      },
    });
  }
}

/** A bar of the value on a scale that also fits the objective, with the objective as a tick. */
function meter(value: number, objective: number | undefined, max: number, extra?: string): HTMLElement {
  const s = barScale(value, objective, max);
  const fill = el('div', { className: `fill${objective !== undefined && value > objective ? ' over' : ''}` });
  fill.style.width = `${(s.value * 100).toFixed(1)}%`;
  const unbounded = value === Number.POSITIVE_INFINITY ? ', arrival rate at or past capacity' : '';
  const label = `${formatMsOrUnbounded(value)}${objective !== undefined ? ` of ${formatMs(objective)} objective` : ''}${unbounded}${extra ? `, ${extra}` : ''}`;
  const bar = el('div', { className: 'meter', role: 'img', 'aria-label': label, title: label }, fill);
  if (s.objective !== undefined) {
    const mark = el('div', { className: 'slo', title: `objective ${formatMs(objective!)}` });
    mark.style.left = `${(s.objective * 100).toFixed(1)}%`;
    bar.append(mark);
  }
  return el('div', { className: 'cellbar' }, el('span', { className: 'num', text: formatMsOrUnbounded(value) }), bar);
}
