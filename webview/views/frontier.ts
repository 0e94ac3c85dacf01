/**
 * Frontier: tokens/s/user (x) against tokens/s/GPU (y) per strategy from an
 * exploration, the TPOT-feasible region shaded (tokens/s/user >= 1000 / TPOT
 * objective), the best point per strategy and the scenario's deployments
 * marked. Clicking a point (or its row's button, for the keyboard) shows its
 * configuration as a snippet with a Copy button.
 */
import type { ActiveElement, ChartEvent } from 'chart.js';
import type { EstimateReport, FrontierPoint } from '../../src/serving/report.js';
import { charts, upsertChart } from '../charts.js';
import { formatMs, frontierView, STRATEGY_LABEL, type FrontierView as Frontier } from '../derive.js';
import { chartBox, el, setChildren } from '../dom.js';
import { withAlpha, type Palette } from '../theme.js';
import type { View, ViewContext } from '../view.js';
import { axis, baseOptions } from './common.js';

export class FrontierView implements View {
  readonly id = 'frontier' as const;
  readonly title = 'Frontier';
  readonly root = el('section');
  private readonly picker = el('select', { id: 'frontier-explore', 'aria-label': 'Exploration' });
  private readonly chart = chartBox('frontier', 'Throughput against interactivity frontier per strategy', 'tall');
  private readonly snippetBox = el('div', { className: 'snippet-box', id: 'frontier-snippet', hidden: true, 'aria-live': 'polite' });
  private readonly pointsTable = el('table', { id: 'frontier-points' });
  private readonly empty = el('p', { className: 'empty', text: 'No explore block in this document: add one to see the frontier.' });
  /** The search's own account: candidates, evaluated, feasible, and why it stopped early or found nothing. */
  private readonly summary = el('p', { className: 'muted', id: 'frontier-summary' });
  /** chart dataset index -> frontier indices of its points (undefined for marks). */
  private datasetPoints: (number[] | undefined)[] = [];
  private report: EstimateReport | undefined;

  constructor(private readonly ctx: ViewContext) {
    this.picker.addEventListener('change', () => {
      ctx.state.frontierExplore = Number(this.picker.value);
      ctx.state.frontierPoint = undefined;
      ctx.saveState();
      ctx.rerender();
    });
    this.root.append(
      el('div', { className: 'toolbar' }, el('label', {}, 'Exploration', this.picker)),
      this.empty, this.summary, this.chart.box, this.snippetBox,
      el('h2', { text: 'Frontier points' }),
      el('div', { className: 'table-scroll' }, this.pointsTable),
    );
  }

  render(report: EstimateReport, palette: Palette): void {
    this.report = report;
    const state = this.ctx.state;
    if (state.frontierExplore >= report.explorations.length) state.frontierExplore = 0;
    setChildren(this.picker, ...report.explorations.map((e, i) => el('option', { value: String(i), text: e.name, selected: i === state.frontierExplore })));
    this.picker.value = String(state.frontierExplore);
    const view = frontierView(report, state.frontierExplore);
    this.empty.hidden = view !== undefined;
    const e = report.explorations[state.frontierExplore];
    this.summary.hidden = !e;
    this.summary.textContent = e
      ? `${e.candidates} candidates, ${e.evaluated} evaluated, ${e.feasible} feasible${e.pruned ? `, ${e.pruned} pruned` : ''} in ${e.elapsedMs.toFixed(0)} ms${e.message ? `. ${e.message}` : ''}`
      : '';
    this.picker.disabled = report.explorations.length < 2;
    if (!view) {
      this.datasetPoints = [];
      upsertChart('frontier', this.chart.canvas, { type: 'scatter', data: { datasets: [] }, options: baseOptions(palette) });
      setChildren(this.pointsTable);
      this.showSnippet(undefined);
      return;
    }
    this.renderChart(view, palette);
    this.renderTable(report.explorations[state.frontierExplore]!.frontier);
    this.showSnippet(state.frontierPoint);
  }

  private renderChart(view: Frontier, palette: Palette): void {
    const datasets = [
      {
        label: 'Pareto frontier',
        data: view.envelope,
        showLine: true,
        borderColor: palette.muted,
        backgroundColor: palette.muted,
        borderDash: [4, 3],
        borderWidth: 1.5,
        pointRadius: 0,
        pointHoverRadius: 0,
        pointHitRadius: 0,
      },
      ...view.series.map((s) => ({
        label: STRATEGY_LABEL[s.strategy],
        data: s.points.map((p) => ({ x: p.x, y: p.y })),
        showLine: false,
        borderColor: palette.strategy[s.strategy],
        backgroundColor: palette.strategy[s.strategy],
        // Points that miss an SLO are drawn hollow.
        pointBackgroundColor: s.points.map((p) => (p.feasible ? palette.strategy[s.strategy] : withAlpha(palette.strategy[s.strategy], 0.15))),
        pointBorderColor: palette.strategy[s.strategy],
        pointRadius: 4,
        pointHoverRadius: 7,
        borderWidth: 1.5,
      })),
      {
        label: 'Best per strategy',
        data: view.chosen.filter((c) => c.kind === 'best').map((c) => ({ x: c.x, y: c.y })),
        pointStyle: 'star' as const,
        pointRadius: 11,
        borderWidth: 2,
        borderColor: palette.foreground,
        backgroundColor: palette.foreground,
        showLine: false,
      },
      {
        label: 'Deployments',
        data: view.chosen.filter((c) => c.kind === 'deployment').map((c) => ({ x: c.x, y: c.y })),
        pointStyle: 'triangle' as const,
        pointRadius: 7,
        borderWidth: 2,
        borderColor: palette.foreground,
        pointBorderColor: view.chosen.filter((c) => c.kind === 'deployment').map((c) => palette.strategy[c.strategy]),
        backgroundColor: palette.background,
        showLine: false,
      },
    ];
    this.datasetPoints = [undefined, ...view.series.map((s) => s.points.map((p) => p.index)), undefined, undefined];
    const marks: Record<number, { name: string }[]> = {
      [view.series.length + 1]: view.chosen.filter((c) => c.kind === 'best'),
      [view.series.length + 2]: view.chosen.filter((c) => c.kind === 'deployment'),
    };
    const options = baseOptions(palette);
    const tpot = view.minTokensPerSecondPerUser !== undefined ? 1000 / view.minTokensPerSecondPerUser : undefined;
    upsertChart('frontier', this.chart.canvas, {
      type: 'scatter',
      data: { datasets },
      options: {
        ...options,
        scales: {
          x: axis(palette, 'tokens/s per user (interactivity)', { beginAtZero: true }),
          y: axis(palette, 'tokens/s per GPU (throughput)', { beginAtZero: true }),
        },
        onClick: (_e: ChartEvent, elements: ActiveElement[]) => this.onPointClick(elements),
        onHover: (e: ChartEvent, elements: ActiveElement[]) => {
          const target = e.native?.target as HTMLElement | undefined;
          if (target) target.style.cursor = elements.some((a) => this.datasetPoints[a.datasetIndex]) ? 'pointer' : 'default';
        },
        plugins: {
          ...options.plugins,
          feasibleRegion: {
            ...(view.minTokensPerSecondPerUser !== undefined ? { minX: view.minTokensPerSecondPerUser } : {}),
            fill: palette.feasibleRegion, line: palette.good,
            ...(tpot !== undefined ? { label: `TPOT ≤ ${formatMs(tpot)}` } : {}),
          },
          tooltip: {
            ...options.plugins?.tooltip,
            callbacks: {
              label: (item) => {
                const indices = this.datasetPoints[item.datasetIndex];
                const xy = `${(item.parsed.x ?? 0).toFixed(1)} tok/s/user, ${(item.parsed.y ?? 0).toFixed(0)} tok/s/GPU`;
                if (indices) {
                  const p = this.point(indices[item.dataIndex]!);
                  return p ? `${p.label}: ${xy}${p.feasible ? '' : ' (misses SLO)'}` : xy;
                }
                const name = marks[item.datasetIndex]?.[item.dataIndex]?.name;
                return name ? `${name}: ${xy}` : `Pareto frontier: ${xy}`;
              },
            },
          },
        },
      },
    });
  }

  private point(index: number | undefined): FrontierPoint | undefined {
    if (index === undefined || !this.report) return undefined;
    return this.report.explorations[this.ctx.state.frontierExplore]?.frontier[index];
  }

  private onPointClick(elements: ActiveElement[]): void {
    const hit = elements.find((a) => this.datasetPoints[a.datasetIndex]);
    if (!hit) return;
    this.select(this.datasetPoints[hit.datasetIndex]![hit.index]);
  }

  /** Open the snippet of a frontier point (index into the exploration's frontier). */
  select(index: number | undefined): void {
    this.ctx.state.frontierPoint = index;
    this.ctx.saveState();
    this.showSnippet(index);
    const chart = charts.get('frontier');
    if (chart && index !== undefined) {
      const di = this.datasetPoints.findIndex((d) => d?.includes(index));
      if (di >= 0) chart.setActiveElements([{ datasetIndex: di, index: this.datasetPoints[di]!.indexOf(index) }]);
      chart.update('none');
    }
  }

  private showSnippet(index: number | undefined): void {
    const p = this.point(index);
    this.snippetBox.hidden = !p;
    if (!p) { setChildren(this.snippetBox); return; }
    const copy = el('button', { type: 'button', id: 'copy-snippet', text: 'Copy' });
    copy.addEventListener('click', () => this.ctx.post({ type: 'copySnippet', snippet: p.snippet }));
    setChildren(this.snippetBox,
      el('h2', { text: `${STRATEGY_LABEL[p.strategy]} · ${p.label}` }),
      el('div', { className: 'muted', text: `${p.gpus} GPUs · TTFT ${formatMs(p.ttftMs)} · TPOT ${formatMs(p.tpotMs)} · ${p.outputTokensPerSecondPerUser.toFixed(1)} tok/s/user · ${p.outputTokensPerSecondPerGpu.toFixed(0)} tok/s/GPU · ${p.feasible ? 'meets the SLOs' : 'misses an SLO'}` }),
      el('pre', { className: 'snippet', text: p.snippet }),
      copy,
    );
  }

  private renderTable(points: FrontierPoint[]): void {
    const head = el('tr', {}, ...['Strategy', 'Configuration', 'GPUs', 'tok/s/user', 'tok/s/GPU', 'TTFT', 'TPOT', 'SLO', ''].map((h, i) =>
      el('th', { scope: 'col', className: i >= 2 && i <= 6 ? 'num' : '', text: h })));
    const rows = points.map((p, i) => {
      const show = el('button', { type: 'button', 'data-point': String(i), text: 'Snippet', 'aria-label': `Show snippet of ${p.label}` });
      show.addEventListener('click', () => {
        this.select(i);
        (this.snippetBox.querySelector('#copy-snippet') as HTMLButtonElement | null)?.focus();
      });
      return el('tr', {},
        el('td', { text: STRATEGY_LABEL[p.strategy] }), el('td', { text: p.label }),
        el('td', { className: 'num', text: String(p.gpus) }),
        el('td', { className: 'num', text: p.outputTokensPerSecondPerUser.toFixed(1) }),
        el('td', { className: 'num', text: p.outputTokensPerSecondPerGpu.toFixed(0) }),
        el('td', { className: 'num', text: formatMs(p.ttftMs) }), el('td', { className: 'num', text: formatMs(p.tpotMs) }),
        el('td', {}, el('span', { className: `verdict ${p.feasible ? 'meets' : 'misses'}`, text: p.feasible ? 'meets' : 'misses' })),
        el('td', {}, show));
    });
    setChildren(this.pointsTable, el('thead', {}, head), el('tbody', {}, ...rows));
  }
}
