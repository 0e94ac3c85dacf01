/**
 * What the engine found about a deployment, as editor diagnostics: an SLO
 * missed (with the cause the serving layer names), memory that does not fit,
 * a link that bottlenecks a step. Pure functions of the report.
 */
import type { Bound, OpCategory, Provenance, StepBreakdown } from '../../engine/types.js';
import type { DeploymentEstimate } from '../../serving/index.js';
import { formatGigabytes, formatPercent } from '../../format/quantities.js';

/** Diagnostic codes of engine findings (validation codes live in src/language/validation/codes.ts). */
export const EngineCodes = {
  sloMissed: 'engine.sloMissed',
  memoryDoesNotFit: 'engine.memoryDoesNotFit',
  linkBottleneck: 'engine.linkBottleneck',
  infeasible: 'engine.infeasible',
  engineFailed: 'engine.failed',
} as const;
export type EngineCode = (typeof EngineCodes)[keyof typeof EngineCodes];

/** `source` of every engine diagnostic, so that clients and tests tell them from validation. */
export const ENGINE_DIAGNOSTIC_SOURCE = 'servescope-engine';

export interface EngineFinding {
  /** The deployment the finding belongs to (diagnostics go on its name). */
  deployment: string;
  code: EngineCode;
  severity: 'error' | 'warning' | 'information';
  message: string;
}

const COMMUNICATION: ReadonlySet<OpCategory> = new Set<OpCategory>(['tp_comm', 'ep_comm', 'pp_comm', 'afd_transfer', 'kv_transfer']);

/**
 * A communication share of a step above this is reported as a link
 * bottleneck: communication then costs more than all the math of the step.
 * (At 30% nearly every multi-GPU example was flagged: exposed TP all-reduce
 * alone is 20-40% of a Llama-70B TP8 step.)
 */
export const LINK_BOTTLENECK_SHARE = 0.5;

export interface OperatorShare {
  name: string;
  category: OpCategory;
  /** Over the whole step: time of one occurrence x the layers it occurs in. */
  timeMs: number;
  share: number;
  bound: Bound;
  provenance: Provenance;
  note?: string;
}

/** Operators of a step by total time, largest first (same-named operators of different layer kinds summed). */
export function topOperators(step: StepBreakdown, limit = 5): OperatorShare[] {
  const byName = new Map<string, OperatorShare>();
  let total = 0;
  for (const layer of step.layers ?? []) {
    for (const op of layer.ops ?? []) {
      const t = op.timeMs * layer.count;
      total += t;
      const seen = byName.get(op.name);
      if (seen) {
        seen.timeMs += t;
      } else {
        byName.set(op.name, { name: op.name, category: op.category, timeMs: t, share: 0, bound: op.bound, provenance: op.provenance, note: op.note });
      }
    }
  }
  const denominator = Math.max(total, step.timeMs, Number.MIN_VALUE);
  return [...byName.values()]
    .map((o) => ({ ...o, share: o.timeMs / denominator }))
    .sort((a, b) => b.timeMs - a.timeMs)
    .slice(0, limit);
}

function linkBottleneck(phase: string, step: StepBreakdown | undefined): string | undefined {
  if (!step || !(step.timeMs > 0)) return undefined;
  const ops = topOperators(step, Number.MAX_SAFE_INTEGER);
  const communication = ops.filter((o) => COMMUNICATION.has(o.category));
  const share = communication.reduce((s, o) => s + o.share, 0);
  if (share < LINK_BOTTLENECK_SHARE || communication.length === 0) return undefined;
  const worst = communication[0];
  return `${phase} spends ${formatPercent(share)} of its step on communication; ${worst.name} (${worst.category}) alone takes ${formatPercent(worst.share)}${worst.note ? ` (${worst.note})` : ''}`;
}

export function deploymentFindings(estimate: DeploymentEstimate): EngineFinding[] {
  const findings: EngineFinding[] = [];
  const add = (code: EngineCode, severity: EngineFinding['severity'], message: string) =>
    findings.push({ deployment: estimate.name, code, severity, message });
  for (const v of estimate.violations ?? []) {
    if (v.metric === 'memory') add(EngineCodes.memoryDoesNotFit, 'error', v.message);
    else add(EngineCodes.sloMissed, 'warning', v.message);
  }
  const memoryMissed = (estimate.violations ?? []).some((v) => v.metric === 'memory');
  if (!memoryMissed) {
    for (const pool of estimate.pools ?? []) {
      if (pool.memory && !pool.memory.fits) {
        add(EngineCodes.memoryDoesNotFit, 'error',
          `${pool.role} pool does not fit in GPU memory: weights ${formatGigabytes(pool.memory.weightsBytes)} + KV ${formatGigabytes(pool.memory.kvCacheBytes)} + activations ${formatGigabytes(pool.memory.activationBytes)} > ${formatGigabytes(pool.memory.capacityBytes)} per GPU`);
      }
    }
  }
  for (const [phase, step] of [['prefill', estimate.prefill], ['decode', estimate.decode]] as const) {
    const message = linkBottleneck(phase, step);
    if (message) add(EngineCodes.linkBottleneck, 'information', message);
  }
  if (!estimate.feasible && findings.every((f) => f.severity !== 'error' && f.code !== EngineCodes.sloMissed)) {
    add(EngineCodes.infeasible, 'warning', `${estimate.name} is not feasible${estimate.notes?.length ? `: ${estimate.notes[0]}` : ''}`);
  }
  return findings;
}
