/**
 * Checks engine inputs before any arithmetic: a bad layout or operating point
 * must fail with one readable line, not a NaN deep in a formula. Callers
 * (CLI, serving, explore) catch EngineInputError and report its message.
 */
import { DTYPE_BYTES, type ClusterSpec, type MemoryInput, type ModelSpec, type OperatingPoint, type ParallelLayout, type Precision } from './types.js';

export class EngineInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EngineInputError';
  }
}

function fail(msg: string): never {
  throw new EngineInputError(msg);
}

function positiveInt(x: number, what: string): void {
  if (!Number.isInteger(x) || x < 1) fail(`${what} must be a positive integer, got ${x}`);
}

function positive(x: number, what: string): void {
  if (!(Number.isFinite(x) && x > 0)) fail(`${what} must be positive, got ${x}`);
}

export function validateModel(m: ModelSpec): void {
  positiveInt(m.layers, `model ${m.name}: layers`);
  positiveInt(m.hidden, `model ${m.name}: hidden`);
  positiveInt(m.vocab, `model ${m.name}: vocab`);
  positiveInt(m.attention.heads, `model ${m.name}: heads`);
  if (m.attention.kind === 'gqa') {
    positiveInt(m.attention.kvHeads, `model ${m.name}: kv heads`);
    positiveInt(m.attention.headDim, `model ${m.name}: head dim`);
    if (m.attention.heads % m.attention.kvHeads !== 0) fail(`model ${m.name}: heads (${m.attention.heads}) must be a multiple of kv heads (${m.attention.kvHeads})`);
  } else {
    positiveInt(m.attention.kvRank, `model ${m.name}: kv rank`);
    positiveInt(m.attention.valueDim, `model ${m.name}: value dim`);
  }
  if (m.moe) {
    positiveInt(m.moe.experts, `model ${m.name}: experts`);
    positiveInt(m.moe.active, `model ${m.name}: active experts`);
    positiveInt(m.moe.expertIntermediate, `model ${m.name}: expert intermediate size`);
    if (m.moe.active > m.moe.experts) fail(`model ${m.name}: active experts (${m.moe.active}) exceed experts (${m.moe.experts})`);
  }
}

export function validateCluster(c: ClusterSpec): void {
  if (!c.tiers || c.tiers.length === 0) fail(`cluster ${c.name}: needs at least one interconnect tier`);
  for (const t of c.tiers) {
    positive(t.bandwidthBytesPerSecond, `cluster ${c.name}: tier ${t.name} bandwidth`);
    positiveInt(t.domainGpus, `cluster ${c.name}: tier ${t.name} domain size`);
    if (!(t.latencySeconds >= 0)) fail(`cluster ${c.name}: tier ${t.name} latency must be >= 0`);
  }
  positive(c.gpu.memoryBandwidthBytesPerSecond, `GPU ${c.gpu.name}: memory bandwidth`);
  positive(c.gpu.memoryBytes, `GPU ${c.gpu.name}: memory`);
  if (!Object.values(c.gpu.peakFlopsPerSecond).some((v) => v !== undefined && v > 0)) fail(`GPU ${c.gpu.name}: needs at least one tensor-core peak`);
}

export function validatePrecision(p: Precision): void {
  for (const k of ['weights', 'activations', 'kvCache'] as const) if (!(p[k] in DTYPE_BYTES)) fail(`precision ${k}: unknown format ${p[k]}`);
}

export function validateLayout(model: ModelSpec, l: ParallelLayout): void {
  positiveInt(l.tp, 'tp');
  positiveInt(l.pp, 'pp');
  positiveInt(l.ep, 'ep');
  positiveInt(l.attentionDp, 'attention-dp');
  if (model.attention.heads % l.tp !== 0) fail(`tp ${l.tp} must divide the ${model.attention.heads} attention heads of ${model.name}`);
  if (l.pp > model.layers) fail(`pp ${l.pp} exceeds the ${model.layers} layers of ${model.name}`);
  const stage = l.tp * l.attentionDp;
  if (l.ep > 1 && !model.moe) fail(`ep ${l.ep} needs a mixture-of-experts model; ${model.name} is dense`);
  if (stage % l.ep !== 0) fail(`ep ${l.ep} must divide tp x attention-dp = ${stage}`);
  if (model.moe && model.moe.experts % l.ep !== 0) fail(`ep ${l.ep} must divide the ${model.moe.experts} experts of ${model.name}`);
}

/** The operating point of a step: checked on every call (the model, cluster and layout once per deployment context). */
export function validatePoint(point: OperatingPoint): void {
  if (!point.groups || point.groups.length === 0) fail('the operating point has no sequences');
  for (const g of point.groups) {
    positiveInt(g.count, 'sequences per group');
    positiveInt(g.newTokens, 'new tokens per sequence');
    if (!Number.isInteger(g.pastTokens) || g.pastTokens < 0) fail(`cached/past tokens must be a non-negative integer, got ${g.pastTokens}`);
  }
}

export function validateMemoryInput(i: MemoryInput): void {
  validateModel(i.model);
  validateCluster(i.cluster);
  validatePrecision(i.precision);
  validateLayout(i.model, i.layout);
  if (!Number.isInteger(i.sequences) || i.sequences < 0) fail(`sequences must be a non-negative integer, got ${i.sequences}`);
  if (!Number.isInteger(i.contextTokens) || i.contextTokens < 0) fail(`context tokens must be a non-negative integer, got ${i.contextTokens}`);
  if (!(i.tokensPerStep >= 0)) fail(`tokens per step must be >= 0, got ${i.tokensPerStep}`);
}
