/**
 * Pure derivations from an EstimateReport to what the panel's views draw:
 * feasibility rows, frontier series, per-layer stacks, memory stacks and
 * strategy comparisons. No DOM and no chart.js here, so these run in unit
 * tests without a browser; the views only map them onto charts and tables.
 */
import type { OpCategory, StepBreakdown } from '../src/engine/types.js';
import type {
  DeploymentEstimate, EstimateReport, ExploreResult, FrontierPoint, SloObjectives,
} from '../src/serving/report.js';
import type { StrategyKind } from '../src/serving/types.js';
import { paretoFrontier } from '../src/serving/explore/pareto.js';
import { formatMsFixed } from '../src/format/quantities.js';

export const STRATEGY_LABEL: Readonly<Record<StrategyKind, string>> = {
  aggregated: 'Aggregated',
  disaggregated: 'P/D',
  afd: 'AFD',
};

export const STRATEGIES: readonly StrategyKind[] = ['aggregated', 'disaggregated', 'afd'];

/** The stacking order of the breakdown bars: compute first, then communication, idle last. */
export const CATEGORY_ORDER: readonly OpCategory[] = [
  'attention', 'dense_ffn', 'experts', 'elementwise', 'embedding',
  'tp_comm', 'ep_comm', 'pp_comm', 'afd_transfer', 'kv_transfer', 'bubble',
];

export const CATEGORY_LABEL: Readonly<Record<OpCategory, string>> = {
  attention: 'Attention',
  dense_ffn: 'Dense FFN',
  experts: 'Experts',
  elementwise: 'Norms & elementwise',
  embedding: 'Embedding & LM head',
  tp_comm: 'TP collectives',
  ep_comm: 'EP dispatch/combine',
  pp_comm: 'PP send/recv',
  afd_transfer: 'AFD transfer',
  kv_transfer: 'KV transfer',
  bubble: 'Idle / bubble',
};

const GIB = 1024 ** 3;

// ---------------------------------------------------------------- SLOs

/**
 * The objectives of a deployment: the report's `slo` when the serving layer
 * fills it, else what the violations name (a met objective is then unknown).
 */
export function sloOf(d: Pick<DeploymentEstimate, 'slo' | 'violations'>): SloObjectives {
  const slo: SloObjectives = { ...(d.slo ?? {}) };
  for (const v of d.violations) {
    if (v.objective === undefined) continue;
    if (v.metric === 'ttft' && slo.ttftMs === undefined) slo.ttftMs = v.objective;
    if (v.metric === 'tpot' && slo.tpotMs === undefined) slo.tpotMs = v.objective;
  }
  return slo;
}

/** One report-wide objective pair: the first stated per metric (all share one workload in the usual scenario). */
export function reportSlo(report: EstimateReport): SloObjectives {
  const slo: SloObjectives = {};
  for (const s of [...report.deployments.map(sloOf), ...report.explorations.map((e) => e.slo ?? {})]) {
    slo.ttftMs ??= s.ttftMs;
    slo.tpotMs ??= s.tpotMs;
  }
  return slo;
}

// ---------------------------------------------------------------- feasibility

export type Verdict = 'meets' | 'misses' | 'does not fit' | 'not evaluated';

export interface FeasibilityRow {
  /** Unique per report: 'd:<name>' for deployments, 'x:<explore>:<strategy>' for explored bests. */
  key: string;
  name: string;
  /** The scenario block the row comes from (deployment or explore name), for revealDeployment. */
  block: string;
  origin: 'deployment' | 'explore';
  strategy: StrategyKind;
  gpus: number;
  /** +Infinity when the stated arrival rate is at or past capacity (shownTtftMs). */
  ttftMs: number;
  /** The part of TTFT spent waiting for a server at the operating rate, when the report says. */
  queueWaitMs?: number;
  tpotMs: number;
  slo: SloObjectives;
  /** Largest used/capacity over the pools (NaN when unknown, e.g. explored points). */
  memoryUse: number;
  memoryFits: boolean;
  feasible: boolean;
  verdict: Verdict;
  tokensPerSecondPerGpu: number;
  tokensPerSecondPerUser: number;
  /** Violation messages, or the frontier label for explored points. */
  detail: string[];
}

/** A deployment the engine could not evaluate (impossible layout, engine error): its numbers are placeholders. */
export function notEvaluated(d: Pick<DeploymentEstimate, 'violations'>): boolean {
  return d.violations.some((v) => v.metric === 'config');
}

/**
 * The TTFT to show for a deployment: +Infinity when the workload's arrival rate is at or past
 * capacity (the queue grows without bound; the report's ttftMs then leaves the wait out).
 */
export function shownTtftMs(d: Pick<DeploymentEstimate, 'ttftMs' | 'queueUnbounded'>): number {
  return d.queueUnbounded ? Number.POSITIVE_INFINITY : d.ttftMs;
}

/** A TTFT for a table cell: 'unbounded' for an unbounded queue, else formatMs. */
export function formatMsOrUnbounded(ms: number): string {
  return ms === Number.POSITIVE_INFINITY ? 'unbounded' : formatMsFixed(ms);
}

/**
 * Bar lengths for a chart whose values may be unbounded: an infinite value is drawn to the
 * right edge (15% past the largest finite value or objective), where chart.js can draw it.
 */
export function chartValues(values: readonly number[], objectives: readonly (number | undefined)[]): number[] {
  const finite = [...values, ...objectives].filter((v): v is number => v !== undefined && Number.isFinite(v));
  const edge = Math.max(0, ...finite) * 1.15 || 1;
  return values.map((v) => (v === Number.POSITIVE_INFINITY ? edge : v));
}

function deploymentRow(d: DeploymentEstimate): FeasibilityRow {
  const fits = d.pools.every((p) => p.memory.fits) && !d.violations.some((v) => v.metric === 'memory');
  // From the parts, not capacity - free: free stops at 0 when a pool is over.
  const memoryUse = d.pools.length === 0 || d.pools.some((p) => p.memory.capacityBytes <= 0) ? NaN : Math.max(...d.pools.map((p) =>
    (p.memory.weightsBytes + p.memory.kvCacheBytes + p.memory.activationBytes) / p.memory.capacityBytes));
  return {
    key: `d:${d.name}`, name: d.name, block: d.name, origin: 'deployment', strategy: d.strategy, gpus: d.gpus,
    ttftMs: shownTtftMs(d), ...(d.queueWaitMs !== undefined && !d.queueUnbounded ? { queueWaitMs: d.queueWaitMs } : {}),
    tpotMs: d.tpotMs, slo: sloOf(d), memoryUse, memoryFits: fits, feasible: d.feasible,
    verdict: notEvaluated(d) ? 'not evaluated' : !fits ? 'does not fit' : d.feasible ? 'meets' : 'misses',
    tokensPerSecondPerGpu: d.outputTokensPerSecondPerGpu, tokensPerSecondPerUser: d.outputTokensPerSecondPerUser,
    detail: d.violations.map((v) => v.message),
  };
}

function exploredRow(e: ExploreResult, p: FrontierPoint, slo: SloObjectives): FeasibilityRow {
  return {
    key: `x:${e.name}:${p.strategy}`, name: `${e.name} · best ${STRATEGY_LABEL[p.strategy]}`, block: e.name, origin: 'explore',
    strategy: p.strategy, gpus: p.gpus, ttftMs: p.ttftMs, tpotMs: p.tpotMs, slo,
    memoryUse: NaN, memoryFits: true, feasible: p.feasible, verdict: p.feasible ? 'meets' : 'misses',
    tokensPerSecondPerGpu: p.outputTokensPerSecondPerGpu, tokensPerSecondPerUser: p.outputTokensPerSecondPerUser,
    detail: [p.label],
  };
}

/**
 * One row per deployment, then one per explored best-per-strategy, in report
 * order. An objective a row does not state is taken from the deployments of
 * the same workload (a met objective leaves no violation to read it from),
 * then from the report as a whole.
 */
export function feasibilityRows(report: EstimateReport): FeasibilityRow[] {
  const whole = reportSlo(report);
  const perWorkload = new Map<string, SloObjectives>();
  for (const d of report.deployments) {
    const w = perWorkload.get(d.workload) ?? {};
    const s = sloOf(d);
    perWorkload.set(d.workload, { ttftMs: w.ttftMs ?? s.ttftMs, tpotMs: w.tpotMs ?? s.tpotMs });
  }
  const fill = (own: SloObjectives, other: SloObjectives | undefined): SloObjectives => {
    const ttftMs = own.ttftMs ?? other?.ttftMs ?? whole.ttftMs;
    const tpotMs = own.tpotMs ?? other?.tpotMs ?? whole.tpotMs;
    return { ...(ttftMs !== undefined ? { ttftMs } : {}), ...(tpotMs !== undefined ? { tpotMs } : {}) };
  };
  return [
    ...report.deployments.map((d) => ({ ...deploymentRow(d), slo: fill(sloOf(d), perWorkload.get(d.workload)) })),
    ...report.explorations.flatMap((e) => e.bestPerStrategy.map((p) => exploredRow(e, p, fill(e.slo ?? {}, undefined)))),
  ];
}

export type SortKey = 'name' | 'strategy' | 'gpus' | 'ttftMs' | 'tpotMs' | 'memoryUse' | 'verdict' | 'tokensPerSecondPerGpu';
export interface SortState { key: SortKey; descending: boolean }

const VERDICT_RANK: Readonly<Record<Verdict, number>> = { meets: 0, misses: 1, 'does not fit': 2, 'not evaluated': 3 };

/** A stable sort; NaN (unknown) sorts last in either direction. */
export function sortRows(rows: readonly FeasibilityRow[], sort: SortState | undefined): FeasibilityRow[] {
  if (!sort) return [...rows];
  const value = (r: FeasibilityRow): number | string =>
    sort.key === 'verdict' ? VERDICT_RANK[r.verdict] : r[sort.key];
  const sign = sort.descending ? -1 : 1;
  return rows
    .map((r, i) => ({ r, i }))
    .sort((a, b) => {
      const x = value(a.r), y = value(b.r);
      const xNaN = typeof x === 'number' && Number.isNaN(x), yNaN = typeof y === 'number' && Number.isNaN(y);
      if (xNaN || yNaN) return xNaN === yNaN ? a.i - b.i : xNaN ? 1 : -1;
      const c = typeof x === 'string' ? x.localeCompare(String(y)) : x - (y as number);
      return c !== 0 ? sign * c : a.i - b.i;
    })
    .map(({ r }) => r);
}

/** Where a value and its objective sit on a bar scaled so both fit with headroom: fractions 0..1. */
export function barScale(value: number, objective: number | undefined, max: number): { value: number; objective?: number } {
  const top = Math.max(max, objective ?? 0) * 1.1 || 1;
  return { value: Math.min(1, value / top), ...(objective !== undefined ? { objective: objective / top } : {}) };
}

// ---------------------------------------------------------------- frontier

export interface FrontierDatum {
  x: number;
  y: number;
  /** Index into the exploration's frontier array. */
  index: number;
  feasible: boolean;
  label: string;
}

export interface FrontierSeries {
  strategy: StrategyKind;
  points: FrontierDatum[];
}

export interface ChosenMark {
  name: string;
  strategy: StrategyKind;
  x: number;
  y: number;
  /** 'best': the exploration's best per strategy; 'deployment': a deployment of the scenario. */
  kind: 'best' | 'deployment';
}

export interface FrontierView {
  explore: string;
  series: FrontierSeries[];
  /** The points no other point beats on both axes, by tokens/s/user: the line the frontier draws. */
  envelope: { x: number; y: number }[];
  chosen: ChosenMark[];
  /** The feasible region in chart coordinates: tokens/s/user >= 1000 / TPOT objective. */
  minTokensPerSecondPerUser?: number;
}

/**
 * The frontier of one exploration per strategy (sorted by x so lines read
 * left to right), its best points and the scenario's deployments as marks.
 */
export function frontierView(report: EstimateReport, exploreIndex: number): FrontierView | undefined {
  const e = report.explorations[exploreIndex];
  if (!e) return undefined;
  const series = STRATEGIES.map((strategy) => ({
    strategy,
    points: e.frontier
      .map((p, index) => ({ p, index }))
      .filter(({ p }) => p.strategy === strategy)
      .map(({ p, index }) => ({ x: p.outputTokensPerSecondPerUser, y: p.outputTokensPerSecondPerGpu, index, feasible: p.feasible, label: p.label }))
      .sort((a, b) => a.x - b.x),
  })).filter((s) => s.points.length > 0);
  const chosen: ChosenMark[] = [
    ...e.bestPerStrategy.map((p) => ({ name: `best ${STRATEGY_LABEL[p.strategy]}`, strategy: p.strategy, x: p.outputTokensPerSecondPerUser, y: p.outputTokensPerSecondPerGpu, kind: 'best' as const })),
    ...report.deployments.map((d) => ({ name: d.name, strategy: d.strategy, x: d.outputTokensPerSecondPerUser, y: d.outputTokensPerSecondPerGpu, kind: 'deployment' as const })),
  ];
  const tpot = e.slo?.tpotMs ?? reportSlo(report).tpotMs;
  return {
    explore: e.name, series, chosen, envelope: paretoEnvelope(series.flatMap((s) => s.points)),
    ...(tpot !== undefined && tpot > 0 ? { minTokensPerSecondPerUser: 1000 / tpot } : {}),
  };
}

/**
 * Pareto-optimal points (x = tokens/s/user, y = tokens/s/GPU, both
 * maximised), ascending in x: serving's `paretoFrontier`, the one the
 * explorer uses. The explorer's frontier is one over all strategies, so its
 * points of one strategy need not be neighbours: the line goes through the
 * envelope, not through each strategy's points.
 */
export function paretoEnvelope(points: readonly { x: number; y: number }[]): { x: number; y: number }[] {
  return paretoFrontier(points.map((p) => ({ outputTokensPerSecondPerUser: p.x, outputTokensPerSecondPerGpu: p.y })))
    .map((p) => ({ x: p.outputTokensPerSecondPerUser, y: p.outputTokensPerSecondPerGpu }))
    .reverse();
}

// ---------------------------------------------------------------- breakdown

export type BreakdownUnit = 'ms' | 'share';

export interface BreakdownStack {
  /** One label per bar: a layer kind with its repeat count ('moe ×58'). */
  labels: string[];
  /** One dataset per category present, in CATEGORY_ORDER; data[i] belongs to labels[i]. */
  datasets: { category: OpCategory; label: string; data: number[] }[];
  /** Step time, ms. */
  totalMs: number;
}

/**
 * Time per layer kind and category over one step: op time × the layer's
 * repeat count, ms ('ms': where the step's time goes), or each bar as 100 %
 * ('share': what each layer kind's time is made of, readable even for the
 * kinds that run once). Step time not covered by the layers (overlap slack,
 * pipeline fill) shows as an 'idle' bar in the bubble category.
 */
export function breakdownStack(step: StepBreakdown, unit: BreakdownUnit): BreakdownStack {
  const labels = step.layers.map((l) => (l.count > 1 ? `${l.kind} ×${l.count}` : l.kind));
  const perCategory = new Map<OpCategory, number[]>();
  step.layers.forEach((l, i) => {
    for (const op of l.ops) {
      let row = perCategory.get(op.category);
      if (!row) perCategory.set(op.category, (row = new Array<number>(step.layers.length).fill(0)));
      row[i]! += op.timeMs * l.count;
    }
  });
  const layered = step.layers.reduce((t, l) => t + l.timeMs * l.count, 0);
  const idle = step.timeMs - layered;
  // Rounding in the engine leaves sub-percent slack; only show real idle time.
  if (idle > step.timeMs * 0.005) {
    labels.push('idle');
    for (const row of perCategory.values()) row.push(0);
    const bubble = perCategory.get('bubble') ?? new Array<number>(labels.length).fill(0);
    bubble[labels.length - 1] = idle;
    perCategory.set('bubble', bubble);
  }
  const barTotals = labels.map((_, i) => [...perCategory.values()].reduce((t, row) => t + row[i]!, 0));
  const datasets = CATEGORY_ORDER
    .filter((c) => perCategory.has(c))
    .map((c) => ({
      category: c,
      label: CATEGORY_LABEL[c],
      data: perCategory.get(c)!.map((v, i) => (unit === 'share' ? (barTotals[i]! > 0 ? (100 * v) / barTotals[i]! : 0) : v)),
    }));
  return { labels, datasets, totalMs: step.timeMs };
}

export interface OperatorRow {
  layer: string;
  count: number;
  name: string;
  category: OpCategory;
  flops: number;
  bytes: number;
  timeMs: number;
  /** timeMs × count as a share of the step, 0..1. */
  stepShare: number;
  bound: string;
  provenance: string;
  note: string;
}

/** Every operator of a step, layer by layer, with its share of the step time. */
export function operatorRows(step: StepBreakdown): OperatorRow[] {
  return step.layers.flatMap((l) => l.ops.map((o) => ({
    layer: l.kind, count: l.count, name: o.name, category: o.category, flops: o.flops, bytes: o.bytes,
    timeMs: o.timeMs, stepShare: step.timeMs > 0 ? (o.timeMs * l.count) / step.timeMs : 0,
    bound: o.bound, provenance: o.provenance, note: o.note ?? '',
  })));
}

// ---------------------------------------------------------------- memory

export interface MemoryStack {
  /** One bar per pool: 'agg_dp2 · aggregated'. */
  labels: string[];
  /** GiB per GPU. */
  weights: number[];
  kvCache: number[];
  activations: number[];
  free: number[];
  /** Over capacity (GiB), 0 when it fits. */
  over: number[];
  capacity: number[];
  fits: boolean[];
}

/** Per-GPU memory of each pool of each deployment, GiB. */
export function memoryStack(report: EstimateReport): MemoryStack {
  const m: MemoryStack = { labels: [], weights: [], kvCache: [], activations: [], free: [], over: [], capacity: [], fits: [] };
  for (const d of report.deployments) {
    for (const p of d.pools) {
      const u = p.memory;
      const used = u.weightsBytes + u.kvCacheBytes + u.activationBytes;
      m.labels.push(`${d.name} · ${p.role}`);
      m.weights.push(u.weightsBytes / GIB);
      m.kvCache.push(u.kvCacheBytes / GIB);
      m.activations.push(u.activationBytes / GIB);
      m.free.push(Math.max(0, u.capacityBytes - used) / GIB);
      m.over.push(Math.max(0, used - u.capacityBytes) / GIB);
      m.capacity.push(u.capacityBytes / GIB);
      m.fits.push(u.fits);
    }
  }
  return m;
}

// ---------------------------------------------------------------- strategy comparison

export interface ComparisonEntry {
  name: string;
  strategy: StrategyKind;
  gpus: number;
  ttftMs: number;
  tpotMs: number;
  tokensPerSecondPerGpu: number;
  tokensPerSecondPerUser: number;
  feasible: boolean;
}

export interface ComparisonGroup {
  /** 'deepseek_v3 on h100_x32 for chat' or 'explore best_for_chat'. */
  title: string;
  slo: SloObjectives;
  entries: ComparisonEntry[];
}

/**
 * Deployments grouped by (model, cluster, workload) — only those are
 * comparable — each group ordered aggregated, P/D, AFD; then one group per
 * exploration with its best point per strategy.
 */
export function comparisonGroups(report: EstimateReport): ComparisonGroup[] {
  const groups = new Map<string, ComparisonGroup>();
  for (const d of report.deployments) {
    const key = `${d.model}\u0000${d.cluster}\u0000${d.workload}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { title: `${d.model} on ${d.cluster} for ${d.workload}`, slo: sloOf(d), entries: [] }));
    g.entries.push({
      name: d.name, strategy: d.strategy, gpus: d.gpus, ttftMs: shownTtftMs(d), tpotMs: d.tpotMs,
      tokensPerSecondPerGpu: d.outputTokensPerSecondPerGpu, tokensPerSecondPerUser: d.outputTokensPerSecondPerUser, feasible: d.feasible,
    });
  }
  const byStrategy = (a: ComparisonEntry, b: ComparisonEntry) => STRATEGIES.indexOf(a.strategy) - STRATEGIES.indexOf(b.strategy);
  const out = [...groups.values()].map((g) => ({ ...g, entries: [...g.entries].sort(byStrategy) }));
  for (const e of report.explorations) {
    if (e.bestPerStrategy.length === 0) continue;
    out.push({
      title: `explore ${e.name}: best per strategy`, slo: { ...(e.slo ?? {}) },
      entries: e.bestPerStrategy.map((p) => ({
        name: `best ${STRATEGY_LABEL[p.strategy]}`, strategy: p.strategy, gpus: p.gpus, ttftMs: p.ttftMs, tpotMs: p.tpotMs,
        tokensPerSecondPerGpu: p.outputTokensPerSecondPerGpu, tokensPerSecondPerUser: p.outputTokensPerSecondPerUser, feasible: p.feasible,
      })).sort(byStrategy),
    });
  }
  return out;
}

// ---------------------------------------------------------------- formatting

/*
 * The panel's table variants of the shared formatters (src/format/quantities.ts),
 * under the names the views import: fixed decimals so a column lines up, an
 * en dash for an unknown time.
 *   formatSi: 3.2e12 -> '3.20 T', 1234567 -> '1.23 M' (FLOPs, bytes).
 *   formatMs: 1234.4 -> '1234 ms', 34.07 -> '34.1 ms', NaN -> '–'.
 */
export { formatMsFixed as formatMs, formatSiFixed as formatSi } from '../src/format/quantities.js';
