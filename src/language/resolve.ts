/**
 * Turns document elements into the engine's plain specs, following `extends`,
 * `= base` and `from "config.json"`, filling defaults and converting units to
 * SI. One code path serves both the validator (which reports the problems it
 * collects) and lowering (which runs only on documents without errors), so
 * what the editor checks is exactly what the engine receives.
 *
 * A field that is present but invalid (wrong unit, zero, absurd) makes the
 * element unresolvable without a new problem: the validator reports the number
 * itself at its place.
 */
import type { AstNode } from 'langium';
import {
  isAttentionItem, isCalibrationItem, isComputeItem, isExploreField, isFlagItem, isGpuBudget, isGpuField,
  isLengthItem, isMaximizeItem, isMemoryItem, isModelField, isNodesItem, isPool, isPrecisionItem, isSloItem,
  isSource, isStrategiesItem, isTier, isWorkloadField,
  type Cluster, type Deployment, type Explore, type Gpu, type Model, type Pool, type PrecisionItem, type Quantity,
  type Tier, type Workload,
} from './generated/ast.js';
import type {
  ClusterSpec, Dtype, GpuSpec, LinkTier, MemoryUse, ModelSpec, ParallelLayout, Precision, StepPart, TierTopology,
} from '../engine/types.js';
import type {
  DeploymentSpec, ExploreObjective, ExploreSpec, LengthDistribution, PoolSpec, StrategyKind, StrategySpec, WorkloadSpec,
} from '../serving/types.js';
import type { DiagnosticCode } from './validation/codes.js';
import { fieldRule } from './fields.js';
import { unitInfo } from './units.js';
import { readHfConfig, type HfConfigResult } from './hf-config.js';
import { memoryUse } from '../engine/memory.js';
import { engine } from '../engine/index.js';
import { exploreCandidateCount } from '../serving/explore/run-explore.js';
import { attentionLayout, ffnLayout } from '../serving/strategies/afd.js';
import { formatGigabytes, formatGrouped } from '../format/quantities.js';

export type Severity = 'error' | 'warning' | 'info';

export interface Problem {
  node: AstNode;
  property?: string;
  index?: number;
  code: DiagnosticCode;
  message: string;
  severity: Severity;
  /** For quick fixes (the diagnostic's `data`): see `DiagnosticFixData` in validation/codes.ts. */
  data?: Record<string, unknown>;
}

export interface Resolved<T> {
  /** Absent when the element cannot be built (a problem says why, here or at the number at fault). */
  value?: T;
  problems: Problem[];
}

/** Defaults, each with the reason it is the default. */
export const DEFAULTS = {
  /** Weights, activations and KV cache in bf16 unless the deployment says otherwise. */
  precision: { weights: 'bf16', activations: 'bf16', kvCache: 'bf16' } as Precision,
  /** vLLM V1's default max_num_batched_tokens for chunked prefill on large GPUs. */
  chunkTokens: 8192,
  /** Two micro-batches is the least that overlaps attention with FFN in AFD ping-pong (MegaScale-Infer). */
  afdMicrobatches: 2,
  /** NVLink-class one-way latency and a 400 Gb/s NDR InfiniBand NIC per GPU when a cluster does not say. */
  scaleUpLatencySeconds: 2e-6,
  scaleOutLatencySeconds: 5e-6,
  scaleOut: { name: 'infiniband', bandwidthBytesPerSecond: 50e9 },
  exploreObjective: 'tokens_per_gpu' as ExploreObjective,
  exploreStrategies: ['aggregated', 'disaggregated', 'afd'] as StrategyKind[],
};

const GB = 1e9;
/** GB with two decimals below 10 GB (activations, KV of one sequence), else one: every term of a memory message in one unit. */
const fmtGb = (bytes: number): string => formatGigabytes(bytes, bytes < 10 * GB ? 2 : 1);

/** A GPU's own scale-up link, kept with its latency for clusters that omit tiers. */
interface GpuExtra { tier?: LinkTier }

export class Resolver {
  private readonly gpus = new Map<Gpu, Resolved<GpuSpec> & GpuExtra>();
  private readonly clusters = new Map<Cluster, Resolved<ClusterSpec>>();
  private readonly models = new Map<Model, Resolved<ModelSpec>>();
  private readonly workloads = new Map<Workload, Resolved<WorkloadSpec>>();
  private readonly active = new Set<AstNode>();

  constructor(private readonly readConfig: (documentUri: string, path: string) => HfConfigResult = readHfConfig) {}

  /** The SI value of a number, or undefined when its unit or value is invalid for its field (reported by the validator). */
  quantity(q: Quantity | undefined): number | undefined {
    if (!q) return undefined;
    const rule = fieldRule(q);
    const info = unitInfo(q.unit);
    if (!rule || !info || !rule.dimensions.includes(info.dimension)) return undefined;
    const value = q.value * info.factor;
    if (!Number.isFinite(value) || value < 0 || (value === 0 && !rule.allowZero) || value > rule.max) return undefined;
    if (rule.integer && info.dimension === 'count' && !Number.isInteger(value)) return undefined;
    return value;
  }

  // ------------------------------------------------------------------ GPUs

  gpu(g: Gpu): Resolved<GpuSpec> & GpuExtra {
    const cached = this.gpus.get(g);
    if (cached) return cached;
    const problems: Problem[] = [];
    let broken = false;
    if (this.active.has(g)) {
      const r = { problems: [{ node: g, property: 'base', code: 'inheritanceCycle' as const, message: `gpu ${g.name} extends itself`, severity: 'error' as const }] };
      return r;
    }
    this.active.add(g);
    let spec: Partial<GpuSpec> = {};
    let tier: LinkTier | undefined;
    if (g.base) {
      const baseGpu = g.base.ref;
      if (!baseGpu) broken = true;
      else {
        const base = this.gpu(baseGpu);
        if (!base.value) {
          broken = true;
          if (base.problems.some((p) => p.code === 'inheritanceCycle')) {
            problems.push({ node: g, property: 'base', code: 'inheritanceCycle', message: `gpu ${g.name} extends itself through ${baseGpu.name}`, severity: 'error' });
          }
        } else {
          spec = { ...base.value, peakFlopsPerSecond: { ...base.value.peakFlopsPerSecond } };
          tier = base.tier;
        }
      }
    }
    spec.name = g.name;
    spec.peakFlopsPerSecond ??= {};
    for (const item of g.items) {
      if (isComputeItem(item)) {
        for (const rate of item.rates) {
          const v = this.quantity(rate.value);
          if (v === undefined) broken = true; else spec.peakFlopsPerSecond[rate.dtype as Dtype] = v;
        }
      } else if (isMemoryItem(item)) {
        const cap = this.quantity(item.capacity);
        if (cap === undefined) broken = true; else spec.memoryBytes = cap;
        if (item.bandwidth) {
          const bw = this.quantity(item.bandwidth);
          if (bw === undefined) broken = true; else spec.memoryBandwidthBytesPerSecond = bw;
        }
      } else if (isGpuField(item)) {
        const v = this.quantity(item.value);
        if (v === undefined) broken = true;
        else if (item.key === 'sms') spec.smCount = v; else spec.vectorFlopsPerSecond = v;
      } else if (isTier(item)) {
        if (item.level !== 'scaleup') {
          problems.push({ node: item, property: 'level', code: 'gpuTierNotScaleup', message: `a gpu describes only its own scale-up link: write \`scaleup${item.link ? ' ' + item.link : ''} ...\`; put ${item.level} tiers in a cluster`, severity: 'error' });
          broken = true;
          continue;
        }
        const t = this.tier(item, 0, 8, 8);
        if (!t) { broken = true; continue; }
        tier = t;
        spec.scaleUp = { name: t.name, bandwidthBytesPerSecond: t.bandwidthBytesPerSecond, domainGpus: t.domainGpus };
      } else if (isCalibrationItem(item)) {
        spec.calibration = unquote(item.key);
      } else if (isSource(item)) {
        spec.source = unquote(item.text);
      }
    }
    if (broken) { /* the number at fault is reported where it stands */ }
    else if (Object.keys(spec.peakFlopsPerSecond).length === 0) problems.push(missing(g, 'gpu', 'compute', 'compute bf16 989 TFLOPS, fp8 1979 TFLOPS'));
    if (broken) { /* as above */ }
    else if (spec.memoryBytes === undefined) problems.push(missing(g, 'gpu', 'memory', 'memory 80 GB at 3.35 TB/s'));
    else if (spec.memoryBandwidthBytesPerSecond === undefined) problems.push(missing(g, 'gpu', 'memory bandwidth', 'memory 80 GB at 3.35 TB/s'));
    this.active.delete(g);
    const ok = !broken && problems.length === 0;
    const result = { value: ok ? (spec as GpuSpec) : undefined, problems, tier };
    this.gpus.set(g, result);
    return result;
  }

  /** One interconnect line. `defaultDomain` applies when the line has no `domain`. */
  tier(t: Tier, index: number, defaultDomain: number, _totalGpus: number): LinkTier | undefined {
    const bw = this.quantity(t.bandwidth);
    if (bw === undefined) return undefined;
    const tier: LinkTier = {
      name: t.link ?? t.level,
      domainGpus: defaultDomain,
      bandwidthBytesPerSecond: bw,
      latencySeconds: t.level === 'scaleup' || index === 0 ? DEFAULTS.scaleUpLatencySeconds : DEFAULTS.scaleOutLatencySeconds,
    };
    for (const o of t.options) {
      if (o.key === 'topology') tier.topology = o.topology as TierTopology;
      else if (o.key === 'in_network_reduction') tier.inNetworkReduction = true;
      else {
        const v = this.quantity(o.value);
        if (v === undefined) return undefined;
        if (o.key === 'latency') tier.latencySeconds = v;
        else if (o.key === 'domain') tier.domainGpus = v;
        else tier.efficiency = v;
      }
    }
    return tier;
  }

  // ------------------------------------------------------------------ clusters

  cluster(c: Cluster): Resolved<ClusterSpec> {
    const cached = this.clusters.get(c);
    if (cached) return cached;
    const problems: Problem[] = [];
    let broken = false;
    const nodesItems = c.items.filter(isNodesItem);
    const nodesItem = nodesItems[0];
    for (const extra of nodesItems.slice(1)) {
      problems.push({ node: extra, code: 'duplicateField', message: 'a cluster has one `nodes` line; this one is ignored', severity: 'warning' });
    }
    let spec: ClusterSpec | undefined;
    if (!nodesItem) {
      problems.push(missing(c, 'cluster', 'nodes', 'nodes 4 of 8 x H100_SXM'));
    } else {
      const nodes = this.quantity(nodesItem.nodes);
      const perNode = this.quantity(nodesItem.perNode);
      const gpuNode = nodesItem.gpu.ref;
      const gpu = gpuNode ? this.gpu(gpuNode) : undefined;
      if (nodes === undefined || perNode === undefined || !gpu?.value) broken = true;
      else {
        const total = nodes * perNode;
        const lines = c.items.filter(isTier);
        const tiers: LinkTier[] = [];
        lines.forEach((line, i) => {
          const last = i === lines.length - 1;
          const defaultDomain = i === 0 && !last ? perNode : last ? total : perNode;
          const t = this.tier(line, i, defaultDomain, total);
          if (!t) { broken = true; return; }
          const inner = tiers[tiers.length - 1];
          if (inner && t.domainGpus <= inner.domainGpus) {
            problems.push({ node: line, code: 'tierDomainOrder', message: `tier ${t.name} spans ${t.domainGpus} GPUs, not more than the tier inside it (${inner.name}, ${inner.domainGpus}); list tiers innermost first`, severity: 'error' });
          }
          tiers.push(t);
        });
        if (!broken) {
          if (tiers.length === 0) {
            if (!gpu.tier) {
              problems.push({ node: c, property: 'name', code: 'missingField', message: `cluster ${c.name} has no interconnect and ${gpu.value.name} names no scale-up link: add a line such as \`scaleup nvlink 450 GB/s latency 2 us domain 8\``, severity: 'error' });
            } else {
              tiers.push({ ...gpu.tier, domainGpus: Math.min(gpu.tier.domainGpus, total) });
            }
          }
          const widest = tiers[tiers.length - 1];
          if (widest && widest.domainGpus < total) {
            tiers.push({ ...DEFAULTS.scaleOut, domainGpus: total, latencySeconds: DEFAULTS.scaleOutLatencySeconds });
            problems.push({ node: c, property: 'name', code: 'missingScaleout', message: `cluster ${c.name} has ${total} GPUs but its widest tier (${widest.name}) spans ${widest.domainGpus}; assuming 400 Gb/s InfiniBand per GPU (50 GB/s, 5 us) between domains`, severity: lines.length === 0 ? 'info' : 'warning' });
          }
          if (tiers.length > 0) spec = { name: c.name, gpu: gpu.value, nodes, gpusPerNode: perNode, tiers };
        }
      }
    }
    const ok = !broken && spec !== undefined && !problems.some((p) => p.severity === 'error');
    const result = { value: ok ? spec : undefined, problems };
    this.clusters.set(c, result);
    return result;
  }

  // ------------------------------------------------------------------ models

  model(m: Model): Resolved<ModelSpec> {
    const cached = this.models.get(m);
    if (cached) return cached;
    const collected = this.collectModel(m);
    const problems = collected.problems;
    let value: ModelSpec | undefined;
    if (!collected.broken) value = this.buildModel(m, collected, problems);
    const result = { value: problems.some((p) => p.severity === 'error') ? undefined : value, problems };
    this.models.set(m, result);
    return result;
  }

  private collectModel(m: Model): ModelFields {
    const out: ModelFields = { fields: new Map(), flags: new Map(), problems: [], broken: false };
    if (this.active.has(m)) {
      out.problems.push({ node: m, property: 'base', code: 'inheritanceCycle', message: `model ${m.name} extends itself`, severity: 'error' });
      out.broken = true;
      return out;
    }
    this.active.add(m);
    try {
      if (m.base) {
        const baseModel = m.base.ref;
        if (!baseModel) out.broken = true;
        else {
          const base = this.collectModel(baseModel);
          if (base.broken) {
            out.broken = true;
            if (base.problems.some((p) => p.code === 'inheritanceCycle')) {
              out.problems.push({ node: m, property: 'base', code: 'inheritanceCycle', message: `model ${m.name} extends itself through ${baseModel.name}`, severity: 'error' });
            }
          }
          for (const [k, v] of base.fields) out.fields.set(k, v);
          for (const [k, v] of base.flags) out.flags.set(k, v);
          out.attention = base.attention;
          out.source = base.source;
        }
      }
      if (m.config !== undefined) {
        const uri = m.$document?.uri.toString() ?? m.$container.$document?.uri.toString() ?? '';
        const hf = this.readConfig(uri, unquote(m.config));
        if (!hf.ok) {
          out.problems.push({ node: m, property: 'config', code: hf.code, message: hf.message, severity: 'error' });
          out.broken = true;
        } else {
          for (const [k, v] of Object.entries(hf.model.fields)) out.fields.set(k, { value: v, node: m });
          out.attention = hf.model.attention;
          out.flags.set('embeddings', hf.model.tiedEmbeddings ? 'tied_embeddings' : 'untied_embeddings');
          out.flags.set('activation', hf.model.activation);
          out.source = `Hugging Face config ${hf.model.source}`;
        }
      }
      for (const item of m.items) {
        if (isModelField(item)) {
          const v = this.quantity(item.value);
          if (v === undefined) out.broken = true;
          out.fields.set(item.key, { value: v ?? NaN, node: item });
        } else if (isAttentionItem(item)) out.attention = item.kind;
        else if (isFlagItem(item)) out.flags.set(item.flag.endsWith('embeddings') ? 'embeddings' : 'activation', item.flag);
        else if (isSource(item)) out.source = unquote(item.text);
      }
    } finally {
      this.active.delete(m);
    }
    return out;
  }

  private buildModel(m: Model, c: ModelFields, problems: Problem[]): ModelSpec | undefined {
    const get = (k: string): number | undefined => c.fields.get(k)?.value;
    const need = (k: string, example: string): number => {
      const v = get(k);
      if (v === undefined) problems.push(missing(m, 'model', k, example));
      return v ?? NaN;
    };
    const layers = need('layers', 'layers 80');
    const hidden = need('hidden', 'hidden 8192');
    const vocab = need('vocab', 'vocab 128256');
    const heads = need('heads', 'heads 64');
    const kind = c.attention ?? (get('kv_rank') !== undefined ? 'mla' : 'gqa');
    let attention: ModelSpec['attention'];
    const mlaKeys = ['q_rank', 'kv_rank', 'rope_dim', 'nope_dim', 'value_dim'];
    const gqaKeys = ['kv_heads', 'head_dim'];
    const misplaced = (kind === 'mla' ? gqaKeys : mlaKeys).filter((k) => c.fields.get(k)?.node.$container === m);
    for (const k of misplaced) {
      const node = c.fields.get(k)!.node;
      problems.push({ node, property: 'key', code: 'attentionFieldsMismatch', message: `${k} does not apply to ${kind} attention and is ignored`, severity: 'warning' });
    }
    if (kind === 'mla') {
      attention = {
        kind: 'mla', heads, qRank: get('q_rank') ?? 0, kvRank: need('kv_rank', 'kv_rank 512'),
        ropeDim: need('rope_dim', 'rope_dim 64'), nopeDim: need('nope_dim', 'nope_dim 128'), valueDim: need('value_dim', 'value_dim 128'),
      };
    } else {
      const headDim = get('head_dim') ?? hidden / heads;
      if (get('head_dim') === undefined && Number.isFinite(headDim) && !Number.isInteger(headDim)) {
        problems.push(missing(m, 'model', 'head_dim', 'head_dim 128', `hidden ${hidden} is not a multiple of heads ${heads}`));
      }
      const kvHeads = kind === 'mha' ? heads : kind === 'mqa' ? 1 : get('kv_heads') ?? heads;
      if (Number.isFinite(kvHeads) && Number.isFinite(heads) && heads % kvHeads !== 0) {
        const node = c.fields.get('kv_heads')?.node ?? m;
        problems.push({ node, property: node === m ? 'name' : 'value', code: 'tpNotDividingHeads', message: `kv_heads ${kvHeads} does not divide heads ${heads}`, severity: 'error' });
      }
      attention = { kind: 'gqa', heads, kvHeads, headDim };
    }
    let moe: ModelSpec['moe'];
    const experts = get('experts');
    if (experts !== undefined) {
      moe = {
        experts, active: need('active', 'active 8'), shared: get('shared') ?? 0,
        expertIntermediate: need('expert_ffn', 'expert_ffn 2048'), denseFirst: get('dense_first') ?? 0,
      };
      const sharedFfn = get('shared_ffn');
      if (sharedFfn !== undefined) moe.sharedIntermediate = sharedFfn;
      if (moe.active > experts) {
        problems.push({ node: c.fields.get('active')!.node, property: 'value', code: 'absurdValue', message: `active ${moe.active} exceeds experts ${experts}`, severity: 'error' });
      }
      if (moe.denseFirst > layers) {
        problems.push({ node: c.fields.get('dense_first')!.node, property: 'value', code: 'absurdValue', message: `dense_first ${moe.denseFirst} exceeds layers ${layers}`, severity: 'error' });
      }
    } else {
      for (const k of ['active', 'expert_ffn', 'shared', 'shared_ffn', 'dense_first']) {
        const f = c.fields.get(k);
        if (f && f.node.$container === m) problems.push(missing(m, 'model', 'experts', 'experts 256', `${k} is set`));
      }
    }
    let denseIntermediate = get('dense_ffn');
    if (denseIntermediate === undefined) {
      if (moe && moe.denseFirst === 0) denseIntermediate = moe.expertIntermediate;
      else denseIntermediate = need('dense_ffn', 'dense_ffn 28672');
    }
    const sparsity: NonNullable<ModelSpec['sparsity']> = {};
    const sw = get('sliding_window');
    if (sw !== undefined) { sparsity.slidingWindow = sw; sparsity.slidingEvery = get('sliding_every') ?? 1; }
    const topK = get('topk_tokens');
    if (topK !== undefined) {
      sparsity.topK = topK;
      sparsity.indexerHeads = need('indexer_heads', 'indexer_heads 64');
      sparsity.indexerDim = need('indexer_dim', 'indexer_dim 128');
    }
    if (problems.some((p) => p.severity === 'error')) return undefined;
    const spec: ModelSpec = {
      name: m.name, layers, hidden, vocab,
      tiedEmbeddings: c.flags.get('embeddings') === 'tied_embeddings',
      attention, denseIntermediate,
      ffnActivation: c.flags.get('activation') === 'gelu' ? 'gelu' : 'swiglu',
    };
    if (Object.keys(sparsity).length > 0) spec.sparsity = sparsity;
    if (moe) spec.moe = moe;
    if (c.source !== undefined) spec.source = c.source;
    return spec;
  }

  // ------------------------------------------------------------------ workloads

  workload(w: Workload): Resolved<WorkloadSpec> {
    const cached = this.workloads.get(w);
    if (cached) return cached;
    const problems: Problem[] = [];
    let broken = false;
    const lengthsWritten = new Set<string>();
    let spec: Partial<WorkloadSpec> = { slo: {} };
    if (this.active.has(w)) {
      return { problems: [{ node: w, property: 'base', code: 'inheritanceCycle', message: `workload ${w.name} extends itself`, severity: 'error' }] };
    }
    this.active.add(w);
    try {
      if (w.base) {
        const baseNode = w.base.ref;
        if (!baseNode) broken = true;
        else {
          const base = this.workload(baseNode);
          if (!base.value) {
            broken = true;
            if (base.problems.some((p) => p.code === 'inheritanceCycle')) {
              problems.push({ node: w, property: 'base', code: 'inheritanceCycle', message: `workload ${w.name} extends itself through ${baseNode.name}`, severity: 'error' });
            }
          } else spec = { ...base.value, slo: { ...base.value.slo } };
        }
      }
      spec.name = w.name;
      for (const item of w.items) {
        if (isLengthItem(item)) {
          let dist: LengthDistribution | undefined;
          if (item.value) {
            const v = this.quantity(item.value);
            if (v !== undefined) dist = { mean: v };
          } else {
            const mean = this.quantity(item.mean);
            const p90 = item.p90 ? this.quantity(item.p90) : undefined;
            if (mean !== undefined && (!item.p90 || p90 !== undefined)) dist = p90 === undefined ? { mean } : { mean, p90 };
            if (dist?.p90 !== undefined && dist.p90 < dist.mean) {
              problems.push({ node: item, property: 'p90', code: 'absurdValue', message: `${item.which} p90 (${dist.p90}) is below its mean (${dist.mean})`, severity: 'warning' });
            }
          }
          lengthsWritten.add(item.which);
          if (!dist) broken = true;
          else if (item.which === 'input') spec.inputTokens = dist; else spec.outputTokens = dist;
        } else if (isSloItem(item)) {
          for (const t of item.targets) {
            const v = this.quantity(t.value);
            if (v === undefined) broken = true;
            else if (t.metric === 'ttft') spec.slo!.ttftMs = v * 1000; else spec.slo!.tpotMs = v * 1000;
          }
        } else if (isWorkloadField(item)) {
          const v = this.quantity(item.value);
          if (v === undefined) broken = true;
          else if (item.key === 'prefix_reuse') spec.prefixReuse = v; else spec.arrivalRatePerSecond = v;
        } else if (isSource(item)) spec.source = unquote(item.text);
      }
      spec.prefixReuse ??= 0;
      // A length that is written but invalid has its own diagnostic; only an absent one is missing.
      if (!spec.inputTokens && !lengthsWritten.has('input')) problems.push(missing(w, 'workload', 'input', 'input 2048 tokens'));
      if (!spec.outputTokens && !lengthsWritten.has('output')) problems.push(missing(w, 'workload', 'output', 'output 512 tokens'));
    } finally {
      this.active.delete(w);
    }
    const result = { value: broken || problems.some((p) => p.severity === 'error') ? undefined : (spec as WorkloadSpec), problems };
    this.workloads.set(w, result);
    return result;
  }

  // ------------------------------------------------------------------ placements

  precision(items: readonly AstNode[]): Precision {
    const p = items.find(isPrecisionItem) as PrecisionItem | undefined;
    if (!p) return { ...DEFAULTS.precision };
    const activations = (p.activations ?? DEFAULTS.precision.activations) as Dtype;
    return { weights: p.weights as Dtype, activations, kvCache: (p.kv ?? DEFAULTS.precision.kvCache) as Dtype };
  }

  deployment(d: Deployment): Resolved<DeploymentSpec> {
    const problems: Problem[] = [];
    const model = d.model.ref ? this.model(d.model.ref).value : undefined;
    const cluster = d.cluster.ref ? this.cluster(d.cluster.ref).value : undefined;
    const workload = d.workload.ref ? this.workload(d.workload.ref).value : undefined;
    const precision = this.precision(d.items);
    const pools = d.items.filter(isPool);
    for (const extra of d.items.filter(isPrecisionItem).slice(1)) {
      problems.push({ node: extra, code: 'duplicateField', message: 'precision is given twice; the first one applies', severity: 'warning' });
    }
    const strategy = this.strategy(d, pools, problems);
    if (model && cluster && strategy) {
      this.checkPlacement(d, model, cluster, workload, precision, strategy, pools, problems);
    } else if (model) {
      // The placement cannot be checked (a pool's GPU count does not add up,
      // the pools do not form a strategy, the cluster has errors); the degrees
      // a pool writes are still checked against the model, so that a tp that
      // does not divide the heads is not hidden behind that other error.
      for (const pool of pools) this.checkWrittenLayout(pool, model, problems);
    }
    const ok = model && cluster && workload && strategy && !problems.some((p) => p.severity === 'error');
    return { value: ok ? { name: d.name, model, cluster, workload, precision, strategy } : undefined, problems };
  }

  private strategy(d: Deployment, pools: Pool[], problems: Problem[]): StrategySpec | undefined {
    const aggregated = pools.filter((p) => p.role === 'aggregated');
    const prefill = pools.filter((p) => p.role === 'prefill');
    const decode = pools.filter((p) => p.role === 'decode');
    const shape = (message: string): undefined => {
      problems.push({ node: d, property: 'name', code: 'poolsMismatch', message, severity: 'error' });
      return undefined;
    };
    if (pools.length === 0) return shape(`deployment ${d.name} has no pools: add \`aggregated { gpus 8 }\`, or \`prefill { ... }\` and \`decode { ... }\``);
    for (const p of pools) {
      if (p.afd && p.role !== 'decode') {
        problems.push({ node: p, property: 'afd', code: 'poolsMismatch', message: 'only a decode pool can be split into attention and FFN (afd)', severity: 'error' });
        return undefined;
      }
    }
    if (aggregated.length > 0) {
      if (pools.length > 1) return shape(`deployment ${d.name} mixes an aggregated pool with other pools; use one aggregated pool, or prefill + decode`);
      const pool = aggregated[0];
      const instance = this.poolSpec(pool, problems);
      const replicas = this.replicas(pool);
      const fields = poolFields(pool, problems);
      const chunk = fields.has('chunk') ? this.quantity(fields.get('chunk')) : DEFAULTS.chunkTokens;
      if (!instance || replicas === undefined || chunk === undefined) return undefined;
      return { kind: 'aggregated', replicas, instance, chunkTokens: chunk };
    }
    if (prefill.length !== 1 || decode.length !== 1) {
      return shape(`deployment ${d.name} needs one prefill and one decode pool (it has ${prefill.length} prefill, ${decode.length} decode)`);
    }
    const pre = this.poolSpec(prefill[0], problems);
    const preReplicas = this.replicas(prefill[0]);
    const dec = decode[0];
    const decReplicas = this.replicas(dec);
    if (!dec.afd) {
      const decInstance = this.poolSpec(dec, problems);
      if (!pre || preReplicas === undefined || !decInstance || decReplicas === undefined) return undefined;
      return {
        kind: 'disaggregated',
        prefill: { replicas: preReplicas, instance: pre },
        decode: { replicas: decReplicas, instance: decInstance },
      };
    }
    const afd = this.afdDecode(dec, problems);
    if (!pre || preReplicas === undefined || !afd || decReplicas === undefined) return undefined;
    return { kind: 'afd', prefill: { replicas: preReplicas, instance: pre }, decode: { replicas: decReplicas, ...afd } };
  }

  /** The tp, pp, ep and attention_dp a pool writes (positive whole numbers only), checked against the model. */
  private checkWrittenLayout(pool: Pool, model: ModelSpec, problems: Problem[]): void {
    const fields = poolFields(pool, []);
    const written = (k: string): number | undefined => {
      const v = fields.has(k) ? this.quantity(fields.get(k)) : undefined;
      return v !== undefined && Number.isInteger(v) && v > 0 ? v : undefined;
    };
    const layout = { tp: written('tp'), pp: written('pp'), ep: written('ep') };
    // The quick fixes' bound: the GPUs of a pipeline stage as the pool writes them (`gpus 8 tp 6` -> tp 8 fixes
    // both errors); as checkPlacement does for an AFD decode pool, its attention tp alone.
    const gpus = written('gpus');
    const stage = !pool.afd && gpus !== undefined && gpus % (layout.pp ?? 1) === 0
      ? gpus / (layout.pp ?? 1)
      : (layout.tp ?? 1) * (pool.afd ? 1 : written('attention_dp') ?? 1);
    checkLayoutAgainstModel(model, layout, stage, (k) => ({ node: fields.get(k)!.$container, property: 'value' }), problems);
  }

  private replicas(pool: Pool): number | undefined {
    return pool.replicas ? this.quantity(pool.replicas) : 1;
  }

  /** A pool's layout: any two of gpus, tp and attention_dp (with pp) give the third. */
  private poolSpec(pool: Pool, problems: Problem[]): PoolSpec | undefined {
    const fields = poolFields(pool, problems);
    for (const k of ['attention', 'ffn', 'microbatches']) {
      const q = fields.get(k);
      if (q) problems.push({ node: q.$container, property: 'key', code: 'poolsMismatch', message: `${k} applies only to an AFD decode pool (\`decode afd { ... }\`)`, severity: 'error' });
    }
    let broken = false;
    const val = (k: string, dflt?: number): number | undefined => {
      const q = fields.get(k);
      if (!q) return dflt;
      const v = this.quantity(q);
      if (v === undefined) broken = true;
      return v;
    };
    const pp = val('pp', 1)!;
    let dp = val('attention_dp');
    let tp = val('tp');
    let gpus = val('gpus');
    const ep = val('ep', 1);
    const maxBatch = val('max_batch');
    if (broken || ep === undefined) return undefined;
    if (gpus === undefined) {
      tp ??= 1; dp ??= 1;
      gpus = tp * dp * pp;
    } else if (tp === undefined) {
      dp ??= 1;
      tp = gpus / (dp * pp);
    } else if (dp === undefined) {
      dp = gpus / (tp * pp);
    }
    if (!Number.isInteger(tp) || !Number.isInteger(dp) || gpus !== tp * dp * pp) {
      const node = fields.get('gpus')?.$container ?? pool;
      const given = [fields.has('tp') ? `tp ${tp}` : '', fields.has('attention_dp') ? `attention_dp ${dp}` : '', `pp ${pp}`].filter(Boolean).join(' x ');
      const message = fields.has('tp') && fields.has('attention_dp')
        ? `gpus ${gpus} is not tp x attention_dp x pp (${fmtLayout(tp, dp, pp)} = ${tp * dp! * pp})`
        : `gpus ${gpus} is not a multiple of ${given}`;
      problems.push({ node, property: fields.get('gpus') ? 'value' : 'role', code: 'layoutMismatch', message, severity: 'error' });
      return undefined;
    }
    const stage = tp * dp;
    if (stage % ep !== 0) {
      const node = fields.get('ep')!.$container;
      problems.push({ node, property: 'value', code: 'layoutMismatch', message: `ep ${ep} does not divide the ${stage} GPUs of a pipeline stage (tp ${tp} x attention_dp ${dp})`, severity: 'error' });
      return undefined;
    }
    const layout: ParallelLayout = { tp, pp, ep, attentionDp: dp };
    return maxBatch === undefined ? { gpus, layout } : { gpus, layout, maxBatch };
  }

  private afdDecode(pool: Pool, problems: Problem[]): Omit<Extract<StrategySpec, { kind: 'afd' }>['decode'], 'replicas'> | undefined {
    const fields = poolFields(pool, problems);
    let broken = false;
    const val = (k: string, dflt?: number): number | undefined => {
      const q = fields.get(k);
      if (!q) return dflt;
      const v = this.quantity(q);
      if (v === undefined) broken = true;
      return v;
    };
    const attention = val('attention');
    const ffn = val('ffn');
    const total = val('gpus');
    let tp = val('tp');
    let dp = val('attention_dp');
    const ep = val('ep', ffn);
    const microbatches = val('microbatches', DEFAULTS.afdMicrobatches);
    const maxBatch = val('max_batch');
    const pp = fields.get('pp');
    if (pp) problems.push({ node: pp.$container, property: 'key', code: 'afdGroupsMismatch', message: 'an AFD decode pool pipelines attention and FFN by micro-batches; pp does not apply', severity: 'error' });
    if (attention === undefined && !fields.has('attention')) problems.push(missing(pool, 'decode afd pool', 'attention', 'attention 8 gpus', undefined, 'role'));
    if (ffn === undefined && !fields.has('ffn')) problems.push(missing(pool, 'decode afd pool', 'ffn', 'ffn 8 gpus', undefined, 'role'));
    if (broken || attention === undefined || ffn === undefined || ep === undefined || microbatches === undefined || pp) return undefined;
    const mismatch = (key: string, message: string): undefined => {
      const node = fields.get(key)?.$container ?? pool;
      problems.push({ node, property: node === pool ? 'role' : 'value', code: 'afdGroupsMismatch', message, severity: 'error' });
      return undefined;
    };
    if (tp === undefined && dp === undefined) { tp = 1; dp = attention; }
    else if (tp === undefined) tp = attention / dp!;
    else if (dp === undefined) dp = attention / tp;
    if (!Number.isInteger(tp) || !Number.isInteger(dp!) || tp * dp! !== attention) {
      return mismatch('attention', `attention ${attention} GPUs is not tp x attention_dp (${tp} x ${dp})`);
    }
    if (ffn % ep !== 0) return mismatch('ep', `ep ${ep} does not divide the ${ffn} FFN GPUs`);
    if (total !== undefined && total !== attention + ffn) {
      return mismatch('gpus', `gpus ${total} is not attention ${attention} + ffn ${ffn} = ${attention + ffn}`);
    }
    const out = { attention: { gpus: attention, attentionDp: dp!, tp }, ffn: { gpus: ffn, ep }, microbatches };
    return maxBatch === undefined ? out : { ...out, maxBatch };
  }

  /** Cross-checks of a placement against its model and cluster. */
  private checkPlacement(
    d: Deployment, model: ModelSpec, cluster: ClusterSpec, workload: WorkloadSpec | undefined,
    precision: Precision, strategy: StrategySpec, pools: Pool[], problems: Problem[],
  ): void {
    const capacity = cluster.nodes * cluster.gpusPerNode;
    const needed = gpusNeeded(strategy);
    if (needed > capacity) {
      problems.push({ node: d, property: 'cluster', code: 'tooManyGpus', message: `deployment ${d.name} needs ${needed} GPUs (${describeGpus(strategy)}) but cluster ${cluster.name} has ${capacity}`, severity: 'error' });
    }
    const gpu = cluster.gpu;
    const pItem = d.items.find(isPrecisionItem);
    for (const [dtype, what] of [[precision.weights, 'weights'], [precision.activations, 'activations']] as const) {
      if (gpu.peakFlopsPerSecond[dtype] === undefined && pItem) {
        problems.push({ node: pItem, property: what === 'weights' ? 'weights' : 'activations', code: 'dtypeNotSupported', message: `${gpu.name} has no ${dtype} tensor-core rate (it lists ${Object.keys(gpu.peakFlopsPerSecond).join(', ')}); ${what} math will be costed at the nearest wider format`, severity: 'warning' });
      }
    }
    const context = workload ? workload.inputTokens.mean + workload.outputTokens.mean : 0;
    const checkLayout = (pool: Pool, layout: ParallelLayout, role: string, fit = true): void => {
      const fields = poolFields(pool, []);
      const at = (k: string): { node: AstNode; property: string } => {
        const q = fields.get(k);
        return q ? { node: q.$container, property: 'value' } : { node: pool, property: 'role' };
      };
      checkLayoutAgainstModel(model, layout, layout.tp * layout.attentionDp, at, problems);
      if (!fit || problems.some((p) => p.severity === 'error')) return;
      reportFit(pool, role, layout, 'all');
    };
    // The engine's own memory model (usable capacity = 90% of HBM, workspace,
    // KV sharding), so the editor and `estimate` agree on what fits.
    const reportFit = (pool: Pool, role: string, layout: ParallelLayout, part: StepPart): void => {
      let m: MemoryUse;
      try {
        m = memoryUse({ model, cluster, precision, layout, part, sequences: 1, contextTokens: context, tokensPerStep: 1 });
      } catch {
        return; // the engine rejects this input; other checks say why
      }
      if (m.fits) return;
      const need = m.weightsBytes + m.kvCacheBytes + m.activationBytes;
      const kv = part === 'ffn' ? '' : ` + KV cache of one ${context}-token sequence (${fmtGb(m.kvCacheBytes)})`;
      problems.push({
        node: pool, property: 'role', code: 'memoryDoesNotFit',
        message: `${role}: weights (${fmtGb(m.weightsBytes)})${kv} + activations and workspace (${fmtGb(m.activationBytes)}) need ${fmtGb(need)} per GPU; ${gpu.name} has ${fmtGb(m.capacityBytes)} usable (90% of ${fmtGb(gpu.memoryBytes)}): ${fmtGb(-m.freeBytes)} short`,
        severity: 'error',
      });
    };
    const poolOf = (role: string): Pool => pools.find((p) => p.role === role)!;
    if (strategy.kind === 'aggregated') checkLayout(poolOf('aggregated'), strategy.instance.layout, 'aggregated instance');
    else {
      checkLayout(poolOf('prefill'), strategy.prefill.instance.layout, 'prefill instance');
      if (strategy.kind === 'disaggregated') checkLayout(poolOf('decode'), strategy.decode.instance.layout, 'decode instance');
      else {
        const pool = poolOf('decode');
        const a = strategy.decode.attention;
        const f = strategy.decode.ffn;
        checkLayout(pool, { tp: a.tp, pp: 1, ep: f.ep, attentionDp: 1 }, 'AFD attention group', false);
        if (problems.some((p) => p.severity === 'error')) return;
        reportFit(pool, 'AFD attention GPU', attentionLayout(strategy.decode), 'attention');
        reportFit(pool, 'AFD FFN GPU', ffnLayout(strategy.decode), 'ffn');
      }
    }
  }

  explore(e: Explore): Resolved<ExploreSpec> {
    const problems: Problem[] = [];
    const model = e.model.ref ? this.model(e.model.ref).value : undefined;
    const cluster = e.cluster.ref ? this.cluster(e.cluster.ref).value : undefined;
    const workload = e.workload.ref ? this.workload(e.workload.ref).value : undefined;
    const precision = this.precision(e.items);
    let strategies = DEFAULTS.exploreStrategies;
    let objective = DEFAULTS.exploreObjective;
    let maxGpus: number | undefined;
    let limit: number | undefined;
    let maxBatch: number | undefined;
    let broken = false;
    for (const item of e.items) {
      if (isStrategiesItem(item)) {
        strategies = [...new Set(item.strategies)] as StrategyKind[];
      } else if (isGpuBudget(item)) {
        maxGpus = this.quantity(item.max);
        if (maxGpus === undefined) broken = true;
      } else if (isMaximizeItem(item)) objective = item.objective;
      else if (isExploreField(item)) {
        const v = this.quantity(item.value);
        if (v === undefined) broken = true;
        else if (item.key === 'limit') limit = v; else maxBatch = v;
      }
    }
    if (cluster && maxGpus === undefined) maxGpus = cluster.nodes * cluster.gpusPerNode;
    if (cluster && maxGpus !== undefined && maxGpus > cluster.nodes * cluster.gpusPerNode) {
      const budget = e.items.find(isGpuBudget)!;
      problems.push({ node: budget, property: 'max', code: 'tooManyGpus', message: `gpus up to ${maxGpus} exceeds the ${cluster.nodes * cluster.gpusPerNode} GPUs of cluster ${cluster.name}`, severity: 'error' });
    }
    if (model && cluster && workload && maxGpus !== undefined && limit !== undefined && !broken && !problems.some((p) => p.severity === 'error')) {
      // The explorer's own count (its grid after pruning layouts whose weights do not fit): the number its cap applies to.
      let size: number | undefined;
      try {
        const spec: ExploreSpec = { name: e.name, model, cluster, workload, precision, strategies, maxGpus, objective, limit };
        if (maxBatch !== undefined) spec.maxBatch = maxBatch;
        size = exploreCandidateCount(spec, engine).afterPruning;
      } catch {
        size = undefined; // the engine rejects this input; estimate says why
      }
      if (size !== undefined && size > limit) {
        const field = e.items.find((i) => isExploreField(i) && i.key === 'limit')!;
        problems.push({ node: field, property: 'value', code: 'exploreSpaceTooLarge', message: `explore ${e.name} spans ${formatGrouped(size)} candidate placements, more than its limit ${formatGrouped(limit)}: lower \`gpus up to\` or \`max_batch\`, drop strategies or raise the limit`, severity: 'error' });
      }
    }
    if (!model || !cluster || !workload || maxGpus === undefined || broken || problems.some((p) => p.severity === 'error')) return { problems };
    const spec: ExploreSpec = { name: e.name, model, cluster, workload, precision, strategies, maxGpus, objective };
    if (limit !== undefined) spec.limit = limit;
    if (maxBatch !== undefined) spec.maxBatch = maxBatch;
    return { value: spec, problems };
  }
}

interface ModelFields {
  fields: Map<string, { value: number; node: AstNode }>;
  flags: Map<string, string>;
  attention?: string;
  source?: string;
  problems: Problem[];
  broken: boolean;
}

function missing(node: AstNode, kind: string, field: string, example: string, why?: string, property = 'name'): Problem {
  const name = (node as { name?: string }).name;
  return {
    node, property, code: 'missingField', severity: 'error', data: { field, insert: example },
    message: `${kind}${name ? ' ' + name : ''} needs ${field}${why ? ` (${why})` : ''}: add e.g. \`${example}\``,
  };
}

/** Divisors of `n` not above `max`, ascending: the values a quick fix may offer. */
/**
 * A layout against its model: tp divides the attention heads, ep the routed
 * experts, pp at most the layers, ep only with experts. Degrees left out
 * (`undefined`) are not checked; `at` names where each degree is written.
 * The quick fixes' `values` are the dividing degrees within `stage`, the
 * GPUs of one pipeline stage.
 */
function checkLayoutAgainstModel(
  model: ModelSpec, layout: { tp?: number; pp?: number; ep?: number }, stage: number,
  at: (key: string) => { node: AstNode; property: string }, problems: Problem[],
): void {
  const { tp, pp, ep } = layout;
  if (tp !== undefined && model.attention.heads % tp !== 0) {
    problems.push({ ...at('tp'), code: 'tpNotDividingHeads', message: `tp ${tp} does not divide the ${model.attention.heads} attention heads of ${model.name}`, severity: 'error', data: { values: divisorsUpTo(model.attention.heads, stage) } });
  }
  if (pp !== undefined && pp > model.layers) {
    problems.push({ ...at('pp'), code: 'pipelineTooDeep', message: `pp ${pp} exceeds the ${model.layers} layers of ${model.name}`, severity: 'error' });
  }
  if (ep !== undefined && model.moe && model.moe.experts % ep !== 0) {
    problems.push({ ...at('ep'), code: 'expertsNotDivisibleByEp', message: `ep ${ep} does not divide the ${model.moe.experts} routed experts of ${model.name}`, severity: 'error', data: { values: divisorsUpTo(model.moe.experts, stage).filter((v) => stage % v === 0) } });
  }
  if (ep !== undefined && !model.moe && ep > 1) {
    problems.push({ ...at('ep'), code: 'epWithoutExperts', message: `${model.name} has no routed experts; ep ${ep} has no effect`, severity: 'warning' });
  }
}

function divisorsUpTo(n: number, max: number): number[] {
  const out: number[] = [];
  for (let v = 1; v <= Math.min(n, max); v++) if (n % v === 0) out.push(v);
  return out;
}

function unquote(s: string): string {
  return s.length >= 2 && (s[0] === '"' || s[0] === "'") ? s.slice(1, -1).replace(/\\(.)/g, '$1') : s;
}

function fmtLayout(tp: number | undefined, dp: number | undefined, pp: number): string {
  return `${tp ?? '?'} x ${dp ?? '?'} x ${pp}`;
}

/** The pool field the language reads: the last one written (a repeat is warned about in poolFields). */
export function lastPoolField(pool: Pool, key: string): Pool['fields'][number] | undefined {
  for (let i = pool.fields.length - 1; i >= 0; i--) if (pool.fields[i].key === key) return pool.fields[i];
  return undefined;
}

export function poolFieldValue(pool: Pool, key: string): number | undefined {
  return lastPoolField(pool, key)?.value.value;
}

/** Last value of each pool field, warning on repeats. */
function poolFields(pool: Pool, problems: Problem[]): Map<string, Quantity> {
  const out = new Map<string, Quantity>();
  for (const f of pool.fields) {
    if (out.has(f.key)) problems.push({ node: f, property: 'key', code: 'duplicateField', message: `${f.key} is given twice in this pool; the last one applies`, severity: 'warning' });
    out.set(f.key, f.value);
  }
  return out;
}

export function gpusNeeded(s: StrategySpec): number {
  switch (s.kind) {
    case 'aggregated': return s.replicas * s.instance.gpus;
    case 'disaggregated': return s.prefill.replicas * s.prefill.instance.gpus + s.decode.replicas * s.decode.instance.gpus;
    case 'afd': return s.prefill.replicas * s.prefill.instance.gpus + s.decode.replicas * (s.decode.attention.gpus + s.decode.ffn.gpus);
  }
}

function describeGpus(s: StrategySpec): string {
  switch (s.kind) {
    case 'aggregated': return `${s.replicas} x ${s.instance.gpus}`;
    case 'disaggregated': return `prefill ${s.prefill.replicas} x ${s.prefill.instance.gpus} + decode ${s.decode.replicas} x ${s.decode.instance.gpus}`;
    case 'afd': return `prefill ${s.prefill.replicas} x ${s.prefill.instance.gpus} + decode ${s.decode.replicas} x (${s.decode.attention.gpus} attention + ${s.decode.ffn.gpus} FFN)`;
  }
}
