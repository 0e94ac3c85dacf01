/**
 * `servescope step FILE --deployment NAME --phase decode|prefill --batch B
 *  (--context C | --tokens S [--cached P]) [--part attention|ffn] [--top N] [--json]`
 *
 * One operating point of one deployment through the performance engine: the
 * step breakdown (per layer kind, top operators with FLOPs, bytes, bound and
 * provenance) and, separately, whether the point fits in memory. The time is
 * always computed, fit or not. Usage errors and invalid engine inputs print
 * one line and exit 2; an unreadable file exits 3; a file with errors exits 1.
 */
import type { CliIo, Command } from '../command.js';
import { evaluateStep } from '../../engine/step.js';
import { EngineInputError } from '../../engine/validate.js';
import { formatBreakdown, formatMemoryVerdict } from '../../engine/format-step.js';
import type { OperatingPoint, ParallelLayout, StepBreakdown, StepPart } from '../../engine/types.js';
import type { DeploymentSpec, Scenario } from '../../serving/types.js';
import { CliUserError, formatDiagnostic, loadScenarioFile } from '../load.js';

export interface StepArgs {
  file: string;
  deployment?: string;
  phase: 'decode' | 'prefill';
  batch: number;
  context?: number;
  tokens?: number;
  cached: number;
  part?: 'attention' | 'ffn';
  top: number;
  json: boolean;
}

export class UsageError extends Error {}

const USAGE = 'step FILE --deployment NAME --phase decode|prefill --batch B (--context C | --tokens S [--cached P]) [--part attention|ffn] [--json]';

function integer(flag: string, v: string | undefined, min: number): number {
  if (v === undefined) throw new UsageError(`${flag} needs a value`);
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be an integer >= ${min}, got '${v}'`);
  return n;
}

export function parseStepArgs(args: string[]): StepArgs {
  let file: string | undefined;
  const out: Partial<StepArgs> = { cached: 0, top: 12, json: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const next = () => args[++i];
    switch (a) {
      case '--deployment': { const v = next(); if (!v) throw new UsageError('--deployment needs a name'); out.deployment = v; break; }
      case '--phase': {
        const v = next();
        if (v !== 'decode' && v !== 'prefill') throw new UsageError(`--phase must be decode or prefill, got '${v ?? ''}'`);
        out.phase = v;
        break;
      }
      case '--batch': out.batch = integer('--batch', next(), 1); break;
      case '--context': out.context = integer('--context', next(), 0); break;
      case '--tokens': out.tokens = integer('--tokens', next(), 1); break;
      case '--cached': out.cached = integer('--cached', next(), 0); break;
      case '--top': out.top = integer('--top', next(), 1); break;
      case '--part': {
        const v = next();
        if (v !== 'attention' && v !== 'ffn') throw new UsageError(`--part must be attention or ffn, got '${v ?? ''}'`);
        out.part = v;
        break;
      }
      case '--json': out.json = true; break;
      default:
        if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
        if (file) throw new UsageError(`one FILE expected, got '${file}' and '${a}'`);
        file = a;
    }
  }
  if (!file) throw new UsageError('missing FILE');
  if (!out.phase) throw new UsageError('missing --phase decode|prefill');
  if (out.batch === undefined) throw new UsageError('missing --batch B');
  if (out.phase === 'decode') {
    if (out.context === undefined) throw new UsageError('decode needs --context C');
    if (out.tokens !== undefined) throw new UsageError('--tokens is for prefill; decode takes --context');
  } else {
    if (out.tokens === undefined) throw new UsageError('prefill needs --tokens S');
    if (out.context !== undefined) throw new UsageError('--context is for decode; prefill takes --tokens (and --cached)');
    if ((out.cached ?? 0) >= out.tokens) throw new UsageError(`--cached (${out.cached}) must be below --tokens (${out.tokens})`);
  }
  return { ...(out as StepArgs), file };
}

export function operatingPoint(a: StepArgs): OperatingPoint {
  return a.phase === 'decode'
    ? { phase: 'decode', groups: [{ count: a.batch, newTokens: 1, pastTokens: a.context! }] }
    : { phase: 'prefill', groups: [{ count: a.batch, newTokens: a.tokens! - a.cached, pastTokens: a.cached }] };
}

/** The pool a phase runs on, per strategy, and the engine layout and part of each side. */
export interface StepTarget { pool: string; part: StepPart; layout: ParallelLayout; gpus: number }

export function stepTargets(d: DeploymentSpec, phase: 'decode' | 'prefill', part?: 'attention' | 'ffn'): StepTarget[] {
  const s = d.strategy;
  if (s.kind === 'aggregated') return [{ pool: 'instance', part: 'all', layout: s.instance.layout, gpus: s.instance.gpus }];
  if (phase === 'prefill') return [{ pool: 'prefill', part: 'all', layout: s.prefill.instance.layout, gpus: s.prefill.instance.gpus }];
  if (s.kind === 'disaggregated') return [{ pool: 'decode', part: 'all', layout: s.decode.instance.layout, gpus: s.decode.instance.gpus }];
  const a = s.decode.attention, f = s.decode.ffn;
  const sides: StepTarget[] = [
    { pool: 'decode attention', part: 'attention', layout: { tp: a.tp, pp: 1, ep: 1, attentionDp: a.attentionDp }, gpus: a.gpus },
    // Experts over the FFN GPUs: EP over ep of them, each expert TP-sliced over the rest.
    { pool: 'decode ffn', part: 'ffn', layout: { tp: 1, pp: 1, ep: f.ep, attentionDp: f.gpus }, gpus: f.gpus },
  ];
  return part ? sides.filter((t) => t.part === part) : sides;
}

export interface StepResult { target: StepTarget; breakdown: StepBreakdown }

export function runStepPoint(d: DeploymentSpec, a: StepArgs): StepResult[] {
  return stepTargets(d, a.phase, a.part).map((target) => ({
    target,
    breakdown: evaluateStep({ model: d.model, cluster: d.cluster, precision: d.precision, layout: target.layout, point: operatingPoint(a), part: target.part }),
  }));
}

export function stepJson(d: DeploymentSpec, a: StepArgs, results: StepResult[]): unknown {
  return {
    deployment: d.name,
    strategy: d.strategy.kind,
    model: d.model.name,
    gpu: d.cluster.gpu.name,
    precision: d.precision,
    phase: a.phase,
    point: operatingPoint(a),
    steps: results.map((r) => ({
      pool: r.target.pool, part: r.target.part, gpus: r.target.gpus, layout: r.target.layout,
      timeMs: r.breakdown.timeMs,
      memory: r.breakdown.memory,
      breakdown: r.breakdown,
    })),
  };
}

export function stepText(d: DeploymentSpec, a: StepArgs, results: StepResult[], top: number): string[] {
  const lines: string[] = [];
  const p = d.precision;
  const what = a.phase === 'decode'
    ? `decode step: ${a.batch} sequence(s) at context ${a.context}`
    : `prefill step: ${a.batch} sequence(s) x ${a.tokens} tokens${a.cached ? ` (${a.cached} prefix-cached)` : ''}`;
  lines.push(`deployment ${d.name} (${d.strategy.kind}): ${d.model.name} on ${d.cluster.gpu.name}, weights ${p.weights} / activations ${p.activations} / KV ${p.kvCache}`);
  lines.push(what);
  for (const r of results) {
    const l = r.target.layout;
    lines.push('');
    lines.push(`== pool ${r.target.pool}${r.target.part !== 'all' ? ` (${r.target.part} side)` : ''}: ${r.target.gpus} GPU(s), TP${l.tp} PP${l.pp} EP${l.ep} attention-DP${l.attentionDp}`);
    lines.push(...formatBreakdown(r.breakdown, top));
    lines.push(formatMemoryVerdict(r.breakdown.memory));
  }
  return lines;
}

/** Loads a scenario; throws CliUserError (with its exit code) when the file cannot be read. */
export type ScenarioLoader = (path: string) => Promise<{ scenario?: Scenario; diagnostics: readonly unknown[]; errorCount: number }>;

function describeDiagnostic(d: unknown): string {
  if (typeof d === 'string') return d;
  if (d && typeof d === 'object' && 'line' in d && 'severity' in d && 'file' in d) return formatDiagnostic(d as Parameters<typeof formatDiagnostic>[0]);
  if (d && typeof d === 'object' && 'message' in d) return String((d as { message: unknown }).message);
  return JSON.stringify(d);
}

function isError(d: unknown): boolean {
  return !(d && typeof d === 'object' && 'severity' in d) || (d as { severity: unknown }).severity === 'error';
}

export async function runStep(args: string[], io: CliIo, load: ScenarioLoader = loadScenarioFile): Promise<number> {
  let a: StepArgs;
  try {
    a = parseStepArgs(args);
  } catch (e) {
    if (e instanceof UsageError) { io.err(`servescope step: ${e.message} (usage: servescope ${USAGE})`); return 2; }
    throw e;
  }
  let loaded;
  try {
    loaded = await load(a.file);
  } catch (e) {
    if (e instanceof CliUserError) { io.err(`servescope step: ${e.message}`); return e.exitCode; }
    throw e;
  }
  if (loaded.errorCount > 0 || !loaded.scenario) {
    for (const d of loaded.diagnostics) if (isError(d)) io.err(describeDiagnostic(d));
    io.err(`servescope step: ${a.file} has ${loaded.errorCount} error${loaded.errorCount === 1 ? '' : 's'}; run servescope check ${a.file}`);
    return 1;
  }
  const deployments = loaded.scenario.deployments;
  if (deployments.length === 0) { io.err(`servescope step: ${a.file} has no deployment`); return 2; }
  let d: DeploymentSpec | undefined;
  if (a.deployment) {
    d = deployments.find((x) => x.name === a.deployment);
    if (!d) { io.err(`servescope step: no deployment '${a.deployment}' in ${a.file} (have: ${deployments.map((x) => x.name).join(', ')})`); return 2; }
  } else if (deployments.length === 1) {
    d = deployments[0];
  } else {
    io.err(`servescope step: ${a.file} has ${deployments.length} deployments; choose one with --deployment (${deployments.map((x) => x.name).join(', ')})`);
    return 2;
  }
  if (a.part && !(d.strategy.kind === 'afd' && a.phase === 'decode')) {
    io.err(`servescope step: --part applies to the decode pool of an afd deployment; ${d.name} is ${d.strategy.kind}`);
    return 2;
  }
  let results: StepResult[];
  try {
    results = runStepPoint(d, a);
  } catch (e) {
    if (e instanceof EngineInputError) { io.err(`servescope step: ${d.name}: ${e.message}`); return 2; }
    throw e;
  }
  if (a.json) io.out(JSON.stringify(stepJson(d, a, results), null, 2));
  else for (const line of stepText(d, a, results, a.top)) io.out(line);
  return 0;
}

export const stepCommand: Command = {
  name: 'step',
  usage: USAGE,
  summary: 'one operating point: step-time breakdown per layer and operator, and the memory verdict',
  run: (args, io) => runStep(args, io),
};
