/**
 * Strategy comparison: aggregated vs P/D vs AFD side by side for one model,
 * cluster and workload (deployments sharing all three, or an exploration's
 * best per strategy): tokens/s/GPU, tokens/s/user, TTFT and TPOT with the
 * objectives.
 */
import type { EstimateReport } from '../../src/serving/report.js';
import { upsertChart } from '../charts.js';
import { chartValues, comparisonGroups, formatMs, formatMsOrUnbounded, STRATEGY_LABEL, type ComparisonEntry, type ComparisonGroup } from '../derive.js';
import { chartBox, el, setChildren } from '../dom.js';
import type { Palette } from '../theme.js';
import type { View, ViewContext } from '../view.js';
import { axis, barBorder, baseOptions } from './common.js';

const METRICS: { id: string; title: string; value: (e: ComparisonEntry) => number; objective?: (g: ComparisonGroup) => number | undefined; lowerIsBetter?: boolean }[] = [
  { id: 'compare-tokens-gpu', title: 'tokens/s per GPU', value: (e) => e.tokensPerSecondPerGpu },
  { id: 'compare-tokens-user', title: 'tokens/s per user', value: (e) => e.tokensPerSecondPerUser },
  { id: 'compare-ttft', title: 'TTFT (ms)', value: (e) => e.ttftMs, objective: (g) => g.slo.ttftMs, lowerIsBetter: true },
  { id: 'compare-tpot', title: 'TPOT (ms)', value: (e) => e.tpotMs, objective: (g) => g.slo.tpotMs, lowerIsBetter: true },
];

export class CompareView implements View {
  readonly id = 'compare' as const;
  readonly title = 'Strategy comparison';
  readonly root = el('section');
  private readonly picker = el('select', { id: 'compare-group', 'aria-label': 'Comparison group' });
  private readonly boxes = METRICS.map((m) => chartBox(m.id, m.title, 'short'));
  private readonly table = el('table', { id: 'compare-table' });
  private readonly empty = el('p', { className: 'empty', text: 'Nothing to compare: add deployments of the same model, cluster and workload, or an explore block.' });

  constructor(private readonly ctx: ViewContext) {
    this.picker.addEventListener('change', () => {
      ctx.state.compareGroup = Number(this.picker.value);
      ctx.saveState();
      ctx.rerender();
    });
    this.root.append(
      el('div', { className: 'toolbar' }, el('label', {}, 'Compare', this.picker)),
      this.empty,
      el('div', { className: 'charts four' }, ...this.boxes.map((b) => b.box)),
      this.table,
    );
  }

  render(report: EstimateReport, palette: Palette): void {
    const groups = comparisonGroups(report);
    const state = this.ctx.state;
    if (state.compareGroup >= groups.length) state.compareGroup = 0;
    setChildren(this.picker, ...groups.map((g, i) => el('option', { value: String(i), text: g.title, selected: i === state.compareGroup })));
    this.picker.value = String(state.compareGroup);
    const group: ComparisonGroup = groups[state.compareGroup] ?? { title: '', slo: {}, entries: [] };
    this.empty.hidden = groups.length > 0;
    METRICS.forEach((m, i) => {
      const objective = m.objective?.(group);
      const options = baseOptions(palette);
      upsertChart(m.id, this.boxes[i]!.canvas, {
        type: 'bar',
        data: {
          labels: group.entries.map((e) => e.name),
          datasets: [{
            label: m.title,
            data: chartValues(group.entries.map(m.value), group.entries.map(() => objective)),
            backgroundColor: group.entries.map((e) => (objective !== undefined && m.value(e) > objective ? palette.bad : palette.strategy[e.strategy])),
            ...barBorder(palette),
          }],
        },
        options: {
          ...options,
          scales: { x: { ...axis(palette, ''), ticks: { color: palette.foreground, autoSkip: false, maxRotation: 45 } }, y: axis(palette, m.title, { beginAtZero: true, ...(objective !== undefined ? { suggestedMax: objective * 1.15 } : {}) }) },
          plugins: {
            ...options.plugins,
            legend: { display: false },
            sloMarks: { values: group.entries.map(() => objective), color: palette.slo },
          },
        },
      });
    });
    const head = el('tr', {}, ...['Name', 'Strategy', 'GPUs', 'TTFT', 'TPOT', 'tok/s/GPU', 'tok/s/user', 'Verdict'].map((h, i) =>
      el('th', { scope: 'col', className: i >= 2 && i <= 6 ? 'num' : '', text: h })));
    setChildren(this.table, el('thead', {}, head), el('tbody', {}, ...group.entries.map((e) => el('tr', {},
      el('td', { text: e.name }), el('td', { text: STRATEGY_LABEL[e.strategy] }), el('td', { className: 'num', text: String(e.gpus) }),
      el('td', { className: 'num', text: formatMsOrUnbounded(e.ttftMs) }), el('td', { className: 'num', text: formatMs(e.tpotMs) }),
      el('td', { className: 'num', text: e.tokensPerSecondPerGpu.toFixed(0) }), el('td', { className: 'num', text: e.tokensPerSecondPerUser.toFixed(1) }),
      el('td', {}, el('span', { className: `verdict ${e.feasible ? 'meets' : 'misses'}`, text: e.feasible ? 'meets' : 'misses' }))))));
  }
}
