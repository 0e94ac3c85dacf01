/**
 * The results panel: tabs, diagnostics, the views, state and theme.
 *
 * Results may arrive faster than they can be drawn (one per keystroke-save);
 * each message replaces the pending one and a single render runs on the next
 * task, so the panel always ends showing the latest results. Results for an
 * older version of the same document are dropped. A results message without
 * a report shows its diagnostics and keeps the last good charts, dimmed.
 * Only the shown view is drawn on an update; the others when selected.
 */
import type { HostToWebviewMessage, ResultsParams, WebviewToHostMessage } from '../src/protocol.js';
import type { EstimateReport } from '../src/serving/report.js';
import { applyChartDefaults, charts, chartSnapshot } from './charts.js';
import { el, setChildren } from './dom.js';
import { bodyClassOf, readPalette, type Palette, type ThemeKind } from './theme.js';
import { DEFAULT_STATE, type PanelState, type View, type ViewContext, type ViewId } from './view.js';
import { BreakdownView } from './views/breakdown.js';
import { CompareView } from './views/compare.js';
import { FeasibilityView } from './views/feasibility.js';
import { FrontierView } from './views/frontier.js';
import { MemoryView } from './views/memory.js';

/** The slice of acquireVsCodeApi() the panel uses. */
export interface HostApi {
  postMessage(message: WebviewToHostMessage): void;
  getState(): unknown;
  setState(state: unknown): void;
}

/** What tests read through window.__servescope. */
export interface Introspection {
  readonly view: ViewId;
  readonly version: number | undefined;
  readonly uri: string | undefined;
  readonly stale: boolean;
  readonly renders: number;
  /** Wall time of the last render (derive + charts + tables), ms. */
  readonly lastRenderMs: number;
  readonly theme: ThemeKind;
  charts(): Record<string, ReturnType<typeof chartSnapshot>>;
  chartColors(id: string): unknown[];
  chartBorders(id: string): unknown[];
  /** The theme-dependent colours a chart was last drawn with. */
  chartTheme(id: string): { tickColor: unknown; gridColor: unknown; legendColor: unknown } | undefined;
  /** Where chart.js drew a data point, in page coordinates (for click tests). */
  pointPosition(id: string, datasetIndex: number, index: number): { x: number; y: number } | undefined;
}

export class Panel implements ViewContext {
  state: PanelState;
  private readonly views: View[];
  private readonly tabs = new Map<ViewId, HTMLButtonElement>();
  private report: EstimateReport | undefined;
  private shown: ResultsParams | undefined;
  private pending: ResultsParams | undefined;
  private scheduled = false;
  private stale = false;
  private renders = 0;
  private lastRenderMs = 0;
  /** Views whose drawing is older than the current report or theme. */
  private outdated = new Set<ViewId>();
  private palette: Palette;

  constructor(private readonly host: HostApi, private readonly doc: Document, initial: unknown) {
    this.state = { ...DEFAULT_STATE, ...(isObject(initial) ? (initial as Partial<PanelState>) : {}) };
    this.views = [new FeasibilityView(this), new FrontierView(this), new BreakdownView(this), new MemoryView(), new CompareView(this)];
    this.palette = this.applyTheme();
    this.buildTabs();
    if (this.state.results) this.accept(this.state.results);
  }

  post(message: WebviewToHostMessage): void {
    this.host.postMessage(message);
  }

  saveState(): void {
    this.host.setState(this.state);
  }

  rerender(): void {
    if (this.report) this.draw();
  }

  onMessage(message: HostToWebviewMessage): void {
    if (!isObject(message)) return;
    if (message.type === 'results') this.accept(message.params);
    else if (message.type === 'theme') this.onThemeChange(message.kind);
  }

  /** Theme class changed on <body> (VS Code) or a theme message came: new colours, same data. */
  onThemeChange(kind?: ThemeKind): void {
    if (kind) {
      // VS Code sets the body class itself; a host message (or a test) may come first.
      const want = bodyClassOf(kind).split(' ');
      const body = this.doc.body;
      if (!want.every((c) => body.classList.contains(c))) {
        body.classList.remove('vscode-light', 'vscode-dark', 'vscode-high-contrast', 'vscode-high-contrast-light');
        body.classList.add(...want);
      }
    }
    // Body class and <html> style change together on a switch, and the host's message follows: redraw once.
    if (this.sameColours(readPalette(this.doc))) return;
    this.palette = this.applyTheme();
    this.rerender();
  }

  introspection(): Introspection {
    const self = this;
    return {
      get view() { return self.state.view; },
      get version() { return self.shown?.version; },
      get uri() { return self.shown?.uri; },
      get stale() { return self.stale; },
      get renders() { return self.renders; },
      get lastRenderMs() { return self.lastRenderMs; },
      get theme() { return self.palette.kind; },
      charts: () => Object.fromEntries([...charts].map(([id, c]) => [id, chartSnapshot(c)])),
      chartColors: (id: string) => charts.get(id)?.data.datasets.map((d) => d.backgroundColor) ?? [],
      chartBorders: (id: string) => charts.get(id)?.data.datasets.map((d) => d.borderColor) ?? [],
      pointPosition: (id: string, datasetIndex: number, index: number) => {
        const c = charts.get(id);
        const point = c?.getDatasetMeta(datasetIndex).data[index];
        if (!c || !point) return undefined;
        const box = c.canvas.getBoundingClientRect();
        return { x: box.left + point.x, y: box.top + point.y };
      },
      chartTheme: (id: string) => {
        const c = charts.get(id);
        if (!c) return undefined;
        const x = c.options.scales?.x as { ticks?: { color?: unknown }; grid?: { color?: unknown } } | undefined;
        return { tickColor: x?.ticks?.color, gridColor: x?.grid?.color, legendColor: c.options.plugins?.legend?.labels?.color };
      },
    };
  }

  private sameColours(p: Palette): boolean {
    return JSON.stringify(p) === JSON.stringify(this.palette);
  }

  private applyTheme(): Palette {
    const palette = readPalette(this.doc);
    const style = getComputedStyle(this.doc.body);
    applyChartDefaults(palette, style.fontFamily || 'sans-serif', parseFloat(style.fontSize) || 13);
    return palette;
  }

  private accept(params: ResultsParams): void {
    if (!isObject(params)) return;
    const latest = this.pending ?? this.shown;
    if (latest && latest.uri === params.uri && params.version < latest.version) return;
    this.pending = params;
    if (this.scheduled) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      const p = this.pending;
      this.pending = undefined;
      if (p) this.apply(p);
    }, 0);
  }

  private apply(params: ResultsParams): void {
    this.shown = params;
    this.showDiagnostics(params);
    const name = params.uri.split('/').pop() ?? params.uri;
    const status = this.doc.getElementById('status')!;
    const title = this.doc.getElementById('title')!;
    title.textContent = `servescope · ${decodeURIComponent(name)}`;
    if (params.report) {
      this.stale = false;
      this.report = params.report;
      this.state.results = params;
      status.textContent = `version ${params.version} · engine ${params.engineMs.toFixed(0)} ms`;
    } else {
      this.stale = this.report !== undefined;
      status.textContent = `version ${params.version}: not evaluated${this.report ? ' · showing the last good results' : ''}`;
    }
    this.doc.getElementById('views')!.classList.toggle('stale', this.stale);
    this.saveState();
    if (params.report) this.draw();
    else if (!this.report) this.showEmpty('The document has errors; results appear once it validates.');
  }

  private showDiagnostics(params: ResultsParams): void {
    const box = this.doc.getElementById('diagnostics')!;
    const errors = params.errors ?? [];
    box.hidden = errors.length === 0;
    if (errors.length === 0) { setChildren(box); return; }
    setChildren(box,
      el('strong', { text: params.report ? 'Warnings' : `${errors.length} error${errors.length > 1 ? 's' : ''} kept the engine from running` }),
      el('ul', {}, ...errors.map((e) => el('li', { text: e }))));
  }

  private showEmpty(text: string): void {
    for (const v of this.views) v.root.hidden = true;
    let empty = this.doc.getElementById('empty');
    if (!empty) this.doc.getElementById('views')!.append((empty = el('p', { id: 'empty', className: 'empty' })));
    empty.textContent = text;
  }

  /**
   * Draw the shown view now; the hidden ones are marked stale and drawn when
   * their tab is selected, so an update costs one view, not five.
   */
  private draw(): void {
    const start = performance.now();
    this.doc.getElementById('empty')?.remove();
    this.renders++;
    this.outdated = new Set(this.views.map((v) => v.id));
    for (const v of this.views) v.root.hidden = v.id !== this.state.view;
    this.drawView(this.state.view);
    this.lastRenderMs = performance.now() - start;
  }

  private drawView(id: ViewId): void {
    const view = this.views.find((v) => v.id === id);
    if (!view || !this.report || !this.outdated.has(id)) return;
    this.outdated.delete(id);
    view.render(this.report, this.palette);
  }

  private buildTabs(): void {
    const nav = this.doc.getElementById('tabs')!;
    const main = this.doc.getElementById('views')!;
    for (const v of this.views) {
      v.root.id = `view-${v.id}`;
      v.root.className = 'view';
      v.root.setAttribute('role', 'tabpanel');
      v.root.setAttribute('aria-labelledby', `tab-${v.id}`);
      v.root.hidden = true;
      const tab = el('button', { type: 'button', role: 'tab', id: `tab-${v.id}`, 'aria-controls': `view-${v.id}`, text: v.title });
      tab.addEventListener('click', () => this.select(v.id));
      tab.addEventListener('keydown', (e) => this.onTabKey(e, v.id));
      this.tabs.set(v.id, tab);
      nav.append(tab);
      main.append(v.root);
    }
    this.markTabs();
  }

  select(view: ViewId): void {
    this.state.view = view;
    this.saveState();
    this.markTabs();
    for (const v of this.views) v.root.hidden = !this.report || v.id !== view;
    // Shown first, then drawn: charts created in a visible box get their size at once.
    this.drawView(view);
  }

  /** WAI-ARIA tabs: arrows move between tabs and select, Home/End jump. */
  private onTabKey(e: KeyboardEvent, current: ViewId): void {
    const ids = this.views.map((v) => v.id);
    const i = ids.indexOf(current);
    const next = e.key === 'ArrowRight' ? ids[(i + 1) % ids.length]
      : e.key === 'ArrowLeft' ? ids[(i - 1 + ids.length) % ids.length]
        : e.key === 'Home' ? ids[0] : e.key === 'End' ? ids[ids.length - 1] : undefined;
    if (!next) return;
    e.preventDefault();
    this.select(next);
    this.tabs.get(next)!.focus();
  }

  private markTabs(): void {
    for (const [id, tab] of this.tabs) {
      const on = id === this.state.view;
      tab.setAttribute('aria-selected', String(on));
      tab.tabIndex = on ? 0 : -1;
    }
  }
}

function isObject(x: unknown): x is Record<string, unknown> & { type?: string } {
  return typeof x === 'object' && x !== null;
}
