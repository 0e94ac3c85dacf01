/**
 * Everything about a step that depends on the model, cluster, precision,
 * layout and part but not on the operating point: per-GPU head counts, dtype
 * sizes, GEMM curves, layer kinds and their counts. Built once and cached (the
 * explore hot path evaluates 100k operating points of the same deployment).
 */
import { DTYPE_BYTES, type ClusterSpec, type GpuSpec, type ModelSpec, type ParallelLayout, type Precision, type StepPart } from './types.js';
import { fittedEfficiency } from './efficiency/fitted.js';
import { gemmMathDtype, peakFlops } from './efficiency/hardware-peaks.js';
import type { EfficiencyParams, GemmParams } from './efficiency/params.js';
import { moeTp } from './weights.js';
import { isMoeLayer } from './parameters.js';
import { validateCluster, validateLayout, validateModel, validatePrecision } from './validate.js';
import { activeKernelTable, type KernelTable } from './efficiency/kernel-table.js';

/** A group of identical layers: same FFN kind, same attention span rule. */
export interface LayerKind {
  name: string;
  ffn: 'dense' | 'moe';
  windowed: boolean;
  count: number;
}

export interface StepContext {
  model: ModelSpec;
  cluster: ClusterSpec;
  gpu: GpuSpec;
  precision: Precision;
  layout: ParallelLayout;
  part: StepPart;
  eff: EfficiencyParams;
  /** A user kernel table registered for this GPU (measured mode), if any. */
  table: KernelTable | undefined;
  /** Bytes per element of activations, weights, KV cache. */
  a: number;
  w: number;
  kv: number;
  /** GEMM math: curve, activation bytes fed to it, peak FLOP/s. */
  gemmCurve: GemmParams;
  gemmDtype: 'bf16' | 'fp8';
  gemmABytes: number;
  gemmPeak: number;
  bf16Peak: number;
  /** Whether activations are quantised before each GEMM (fp8/int8/fp4 weights with native math). */
  quantisesActivations: boolean;
  /** Query heads and KV heads per GPU (KV heads replicate when fewer than tp). */
  headsPerGpu: number;
  kvHeadsPerGpu: number;
  moeTp: number;
  expertsPerGpu: number;
  layerKinds: LayerKind[];
}

const cache = new WeakMap<ModelSpec, WeakMap<ClusterSpec, Map<string, StepContext>>>();

/** The last context, by object identity: explore evaluates many points of one deployment in a row. */
let last: { model: ModelSpec; cluster: ClusterSpec; precision: Precision; layout: ParallelLayout; part: StepPart; ctx: StepContext } | undefined;

export function stepContext(model: ModelSpec, cluster: ClusterSpec, precision: Precision, layout: ParallelLayout, part: StepPart): StepContext {
  if (last && last.model === model && last.cluster === cluster && last.precision === precision && last.layout === layout && last.part === part
    && last.ctx.table === activeKernelTable(cluster.gpu) && sameFields(last.ctx, layout, precision)) return last.ctx;
  const ctx = lookupContext(model, cluster, precision, layout, part);
  last = { model, cluster, precision, layout, part, ctx };
  return ctx;
}

/** Guards the identity cache against callers that mutate a layout or precision object in place. */
function sameFields(ctx: StepContext, layout: ParallelLayout, precision: Precision): boolean {
  const l = ctx.layout, p = ctx.precision;
  return l.tp === layout.tp && l.pp === layout.pp && l.ep === layout.ep && l.attentionDp === layout.attentionDp
    && p.weights === precision.weights && p.activations === precision.activations && p.kvCache === precision.kvCache;
}

function lookupContext(model: ModelSpec, cluster: ClusterSpec, precision: Precision, layout: ParallelLayout, part: StepPart): StepContext {
  let byCluster = cache.get(model);
  if (!byCluster) { byCluster = new WeakMap(); cache.set(model, byCluster); }
  let byKey = byCluster.get(cluster);
  if (!byKey) { byKey = new Map(); byCluster.set(cluster, byKey); }
  const table = activeKernelTable(cluster.gpu);
  const key = `${layout.tp}/${layout.pp}/${layout.ep}/${layout.attentionDp}/${precision.weights}/${precision.activations}/${precision.kvCache}/${part}/${table?.version ?? 0}`;
  let ctx = byKey.get(key);
  if (!ctx) {
    validateModel(model);
    validateCluster(cluster);
    validatePrecision(precision);
    validateLayout(model, layout);
    ctx = buildContext(model, cluster, precision, layout, part, table);
    byKey.set(key, ctx);
  }
  return ctx;
}

function buildContext(model: ModelSpec, cluster: ClusterSpec, precision: Precision, layout: ParallelLayout, part: StepPart, table: KernelTable | undefined): StepContext {
  const gpu = cluster.gpu;
  const eff = fittedEfficiency;
  const gemmDtype = gemmMathDtype(gpu, precision.weights);
  const quantisesActivations = gemmDtype === 'fp8' && DTYPE_BYTES[precision.weights] < DTYPE_BYTES[precision.activations];
  const att = model.attention;
  const kvHeads = att.kind === 'gqa' ? att.kvHeads : 1;
  return {
    model, cluster, gpu, precision: { ...precision }, layout: { ...layout }, part, eff, table,
    a: DTYPE_BYTES[precision.activations],
    w: DTYPE_BYTES[precision.weights],
    kv: DTYPE_BYTES[precision.kvCache],
    gemmCurve: eff.gemm[gemmDtype],
    gemmDtype,
    gemmABytes: quantisesActivations ? 1 : DTYPE_BYTES[precision.activations],
    gemmPeak: peakFlops(gpu, gemmDtype === 'fp8' ? precision.weights : 'bf16'),
    bf16Peak: peakFlops(gpu, 'bf16'),
    quantisesActivations,
    headsPerGpu: att.heads / layout.tp,
    kvHeadsPerGpu: Math.ceil(kvHeads / layout.tp),
    moeTp: moeTp(layout),
    expertsPerGpu: model.moe ? model.moe.experts / layout.ep : 0,
    layerKinds: layerKinds(model),
  };
}

/**
 * Layer kinds and counts. Windowed layers follow the model's pattern: with
 * slidingEvery = k, layers 0, k, 2k, ... are windowed (gpt-oss alternates,
 * starting with a sliding layer: config.json layer_types).
 */
export function layerKinds(model: ModelSpec): LayerKind[] {
  const every = model.sparsity?.slidingWindow ? model.sparsity.slidingEvery ?? 1 : 0;
  const counts = new Map<string, LayerKind>();
  for (let i = 0; i < model.layers; i++) {
    const ffn: 'dense' | 'moe' = isMoeLayer(model, i) ? 'moe' : 'dense';
    const windowed = every > 0 && i % every === 0;
    const name = windowed ? `${ffn} (sliding window)` : ffn;
    const k = counts.get(name);
    if (k) k.count++;
    else counts.set(name, { name, ffn, windowed, count: 1 });
  }
  return [...counts.values()];
}
