/**
 * Plain-data types of the servescope engine: what goes in (hardware, cluster,
 * model, precision, parallel layout, operating point) and what comes out (a
 * step breakdown as a tree: step -> layer kind -> operator).
 *
 * The engine is a pure library: nothing here imports Langium or vscode, and
 * every value is JSON-serialisable. Units are in the field names
 * (`Bytes`, `BytesPerSecond`, `Flops`, `FlopsPerSecond`, `Seconds`, `Ms`).
 */

// ---------------------------------------------------------------------------
// Numbers and precisions

/** Numeric formats for weights, activations, KV cache and math. */
export type Dtype = 'fp32' | 'bf16' | 'fp16' | 'fp8' | 'int8' | 'fp4' | 'int4';

/** Bytes per element of each format (fp4/int4 pack two per byte). */
export const DTYPE_BYTES: Readonly<Record<Dtype, number>> = {
  fp32: 4, bf16: 2, fp16: 2, fp8: 1, int8: 1, fp4: 0.5, int4: 0.5,
};

export interface Precision {
  /** Format of weights as stored in HBM (and of GEMM math: fp8 weights -> fp8 tensor cores). */
  weights: Dtype;
  /** Format of activations between kernels and of attention math. */
  activations: Dtype;
  /** Format of the KV cache. */
  kvCache: Dtype;
}

// ---------------------------------------------------------------------------
// Hardware

export interface GpuSpec {
  name: string;
  /** Dense (not sparse) tensor-core peak per dtype, FLOP/s. A dtype missing here is not supported natively. */
  peakFlopsPerSecond: Partial<Record<Dtype, number>>;
  /** Vector (CUDA-core) fp32 peak, FLOP/s; bounds softmax/elementwise math. Optional. */
  vectorFlopsPerSecond?: number;
  memoryBytes: number;
  /** Spec-sheet HBM bandwidth, bytes/s. Achievable bandwidth is a fitted fraction of this. */
  memoryBandwidthBytesPerSecond: number;
  /** Streaming multiprocessors (or CUs); wave quantisation of small kernels depends on it. */
  smCount?: number;
  /** L2 cache size, bytes (H100: 50 MB). Only used to recognise benchmark kernels whose operands stay L2-resident across repetitions. */
  l2CacheBytes?: number;
  /** The scale-up link this GPU ships with (e.g. NVLink 4: 450 GB/s per direction, 8-GPU HGX domain). */
  scaleUp?: { name: string; bandwidthBytesPerSecond: number; domainGpus: number };
  /** Key of a calibration data set (kernel table) measured on this GPU, if any. */
  calibration?: string;
  /** Where the figures come from (datasheet URL or document). */
  source?: string;
}

export type TierTopology = 'switch' | 'ring' | 'fully-connected' | 'fat-tree' | 'rail-optimized' | 'torus';

/**
 * One level of the interconnect hierarchy. Tier 0 is the innermost (NVLink
 * inside a node/NVL domain), the last tier the outermost (scale-out network).
 */
export interface LinkTier {
  name: string;
  /** How many GPUs one domain of this tier spans (8 for an HGX node, 72 for NVL72, all GPUs for the outermost tier). */
  domainGpus: number;
  /** Unidirectional bandwidth per GPU into this tier, bytes/s. */
  bandwidthBytesPerSecond: number;
  /** One-way latency of a message on this tier, seconds (the alpha of alpha-beta). */
  latencySeconds: number;
  /** Achievable fraction of bandwidth for large messages; defaults come from fitted data. */
  efficiency?: number;
  topology?: TierTopology;
  /** In-network reduction (NVLink SHARP / InfiniBand SHARP) available for all-reduce. */
  inNetworkReduction?: boolean;
}

export interface ClusterSpec {
  name: string;
  gpu: GpuSpec;
  nodes: number;
  gpusPerNode: number;
  /** Innermost first. At least one tier. */
  tiers: LinkTier[];
}

// ---------------------------------------------------------------------------
// Models

/** Multi-head / grouped-query / multi-query attention. */
export interface GqaAttention {
  kind: 'gqa';
  heads: number;
  kvHeads: number;
  headDim: number;
}

/** DeepSeek multi-head latent attention (arXiv 2405.04434, config names in comments). */
export interface MlaAttention {
  kind: 'mla';
  heads: number;
  /** q_lora_rank; 0 means queries are projected directly from the hidden state (V2-Lite). */
  qRank: number;
  /** kv_lora_rank: the compressed latent cached per token. */
  kvRank: number;
  /** qk_rope_head_dim: the decoupled rotary key, cached per token beside the latent. */
  ropeDim: number;
  /** qk_nope_head_dim */
  nopeDim: number;
  /** v_head_dim */
  valueDim: number;
}

/** Which tokens each query attends to, beyond plain causal attention. */
export interface AttentionSparsity {
  /** Sliding window in tokens, for the layers it applies to. */
  slidingWindow?: number;
  /** 1 = every layer is windowed; 2 = every other layer (gpt-oss alternates windowed and full). */
  slidingEvery?: number;
  /** Top-k token selection (DeepSeek-V3.2 DSA): each query attends to at most this many tokens. */
  topK?: number;
  /** The lightning indexer that scores tokens for top-k selection: its heads and head dim. */
  indexerHeads?: number;
  indexerDim?: number;
}

export interface MoeSpec {
  experts: number;
  /** Routed experts per token (top-k). */
  active: number;
  /** Shared experts every token goes through. */
  shared: number;
  /** Intermediate size of one routed expert. */
  expertIntermediate: number;
  /** Intermediate size of one shared expert (defaults to expertIntermediate). */
  sharedIntermediate?: number;
  /** The first k layers are dense FFN layers (DeepSeek first_k_dense_replace). */
  denseFirst: number;
}

export interface ModelSpec {
  name: string;
  layers: number;
  hidden: number;
  vocab: number;
  tiedEmbeddings: boolean;
  attention: GqaAttention | MlaAttention;
  sparsity?: AttentionSparsity;
  /** Intermediate size of the dense FFN (SwiGLU: gate, up, down), used by dense layers. */
  denseIntermediate: number;
  /** 'swiglu' (3 matrices) or 'gelu' (2 matrices). */
  ffnActivation: 'swiglu' | 'gelu';
  moe?: MoeSpec;
  source?: string;
}

// ---------------------------------------------------------------------------
// Placement

/**
 * The parallel layout of one model instance (one engine replica / pool member).
 * gpus = tp * attentionDp * pp. Attention and dense layers are sharded over tp
 * and replicated over attentionDp; routed experts are spread over ep GPUs of a
 * stage (ep divides tp * attentionDp); what is left of a stage shards each
 * expert tensor-parallel (moeTp = tp * attentionDp / ep).
 */
export interface ParallelLayout {
  tp: number;
  pp: number;
  ep: number;
  attentionDp: number;
}

// ---------------------------------------------------------------------------
// Operating points

/**
 * `count` sequences that each bring `newTokens` tokens to this step and have
 * `pastTokens` tokens already in the KV cache (prefix-cache hits, earlier
 * chunks, or the decoded context).
 *  - prefill of S tokens with P cached: { newTokens: S - P, pastTokens: P }
 *  - decode at context C:               { newTokens: 1,     pastTokens: C }
 */
export interface SequenceGroup {
  count: number;
  newTokens: number;
  pastTokens: number;
}

/** One forward step of one model instance. A chunked-prefill step mixes groups. */
export interface OperatingPoint {
  phase: 'prefill' | 'decode' | 'mixed';
  /** Per instance (all attention-DP ranks together). */
  groups: SequenceGroup[];
}

// ---------------------------------------------------------------------------
// Results

export type Bound = 'compute' | 'memory' | 'network' | 'latency';

/** How a number was obtained. Peers lose trust by extrapolating silently. */
export type Provenance = 'measured' | 'interpolated' | 'fitted' | 'extrapolated' | 'spec';

/** The breakdown bucket an operator belongs to (the webview's stacked bars). */
export type OpCategory =
  | 'attention'        // attention core (QK^T, softmax, PV) and its projections
  | 'dense_ffn'
  | 'experts'          // routed + shared experts, router
  | 'elementwise'      // norms, rotary, activation, residual adds, KV writes, (de)quantisation
  | 'tp_comm'          // all-reduce / reduce-scatter / all-gather for TP
  | 'ep_comm'          // all-to-all dispatch and combine
  | 'pp_comm'
  | 'afd_transfer'     // attention <-> FFN activations (AFD)
  | 'kv_transfer'      // P/D KV-cache transfer
  | 'embedding'        // embedding lookup and LM head
  | 'bubble';          // idle time (pipeline fill, unbalanced stages)

export interface OperatorCost {
  name: string;                 // 'q_a_proj', 'attn_decode', 'moe_dispatch', ...
  category: OpCategory;
  /** Per GPU, for one occurrence in one layer. */
  flops: number;
  /** HBM bytes read + written per GPU (weights + activations + KV). */
  bytes: number;
  /** For communication operators: the collective's buffer on each GPU (the NCCL/DeepEP
   * benchmark's size: what all-reduce reduces, what dispatch sends before fan-out),
   * or the bytes one GPU sends for point-to-point transfers. */
  messageBytes?: number;
  timeMs: number;
  bound: Bound;
  provenance: Provenance;
  /** Achieved fraction of the bounding peak (0..1], where meaningful. */
  efficiency?: number;
  /** Short free text: the shape, the algorithm chosen, the overlap assumed. */
  note?: string;
}

export interface LayerCost {
  /** 'dense', 'moe', 'embedding', 'lm_head' ... */
  kind: string;
  /** How many identical layers of this kind the step runs (per pipeline stage chain). */
  count: number;
  ops: OperatorCost[];
  /** Time of one such layer, ms (not multiplied by count). */
  timeMs: number;
}

export interface MemoryUse {
  weightsBytes: number;
  kvCacheBytes: number;
  activationBytes: number;
  capacityBytes: number;
  freeBytes: number;
  fits: boolean;
}

export interface StepBreakdown {
  phase: OperatingPoint['phase'];
  timeMs: number;
  layers: LayerCost[];
  /** Per GPU totals over the step. */
  flops: number;
  bytes: number;
  memory: MemoryUse;
}

// ---------------------------------------------------------------------------
// The engine as its callers see it

/** Which part of each layer a GPU group runs. AFD splits a decode layer between
 * attention GPUs ('attention': embedding, norms, attention, dense-layer FFNs,
 * router, LM head) and FFN GPUs ('ffn': routed and shared experts); the
 * activations sent between the two are the caller's to cost. */
export type StepPart = 'all' | 'attention' | 'ffn';

export interface StepInput {
  model: ModelSpec;
  cluster: ClusterSpec;
  precision: Precision;
  layout: ParallelLayout;
  point: OperatingPoint;
  part?: StepPart;
}

export interface MemoryInput {
  model: ModelSpec;
  cluster: ClusterSpec;
  precision: Precision;
  layout: ParallelLayout;
  part?: StepPart;
  /** Sequences resident per instance and the KV tokens each holds. */
  sequences: number;
  contextTokens: number;
  /** Tokens one step processes per instance (sizes activations/workspace). */
  tokensPerStep: number;
}

/**
 * What src/serving needs from the engine; src/engine/index.ts exports an
 * object of this type. Serving tests may pass a toy implementation whose
 * times are small integers.
 */
export interface Engine {
  evaluateStep(input: StepInput): StepBreakdown;
  /** Same time as evaluateStep(input).timeMs without building the tree. */
  stepTimeMs(input: StepInput): number;
  memoryUse(input: MemoryInput): MemoryUse;
  kvCacheBytesPerSequence(model: ModelSpec, precision: Precision, contextTokens: number): number;
  /** One GPU sends `bytes` to one GPU `tier` levels out (0: same scale-up domain), ms. */
  transferTimeMs(cluster: ClusterSpec, bytes: number, tier: number): number;
}
