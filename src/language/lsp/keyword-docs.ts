/**
 * One-line explanations of the scenario language's field keywords, shown on
 * hover. Wording follows docs/metrics.md and docs/strategies.md.
 */
export const KEYWORD_DOCS: Readonly<Record<string, string>> = {
  // placement
  tp: 'Tensor parallelism: attention heads and dense layers are sharded over this many GPUs of one instance (must divide the attention heads).',
  pp: 'Pipeline parallelism: the layers are split into this many stages, one per GPU group.',
  ep: 'Expert parallelism: the routed experts are spread over this many GPUs (must divide the experts and a stage).',
  attention_dp: 'Attention data parallelism: attention is replicated this many times; each replica serves its own sequences.',
  gpus: 'GPUs of one instance (tp x attention_dp x pp).',
  chunk: 'Chunked-prefill token budget of one iteration (prefill chunk plus the decodes batched with it).',
  max_batch: 'Upper bound on concurrent sequences per instance; the strategy may choose fewer to meet the SLOs.',
  microbatches: 'AFD: micro-batches in flight between the attention and FFN groups, to overlap their transfers.',
  aggregated: 'One pool runs prefill and decode together (continuous batching with chunked prefill).',
  prefill: 'The prefill pool of a disaggregated (P/D) deployment; its KV cache is sent to the decode pool.',
  decode: 'The decode pool of a disaggregated (P/D) deployment; `decode afd` splits it into attention and FFN groups.',
  afd: 'Attention-FFN disaggregation: decode attention and the routed experts run on separate GPU groups.',
  precision: 'Formats of weights, activations and KV cache (weights fp8 means fp8 tensor-core math).',
  // workload
  input: 'Prompt length in tokens, fixed or `mean ... p90 ...`.',
  output: 'Generated tokens per request, fixed or `mean ... p90 ...`.',
  slo: 'Service-level objectives: time to first token (ttft) and time per output token (tpot).',
  ttft: 'Time to first token: queueing + prefill of the prompt (+ KV transfer in P/D).',
  tpot: 'Time per output token: one decode step of the batch the request is in.',
  prefix_reuse: 'Share of input tokens served from a prefix KV cache (not recomputed).',
  arrival: 'Offered load in requests per second.',
  // hardware
  compute: 'Dense tensor-core peak per dtype (datasheet figures are often quoted with sparsity: halve those).',
  memory: 'HBM capacity, and `at` its bandwidth.',
  scaleup: 'The scale-up link (NVLink): bandwidth per GPU per direction.',
  scaleout: 'The scale-out network (InfiniBand/RoCE): bandwidth per GPU per direction.',
  nodes: '`nodes N of M x GPU`: N nodes of M GPUs each.',
  latency: 'One-way latency of a message on this tier (the alpha of the alpha-beta model).',
  efficiency: 'Achievable share of the link bandwidth for large messages.',
  domain: 'GPUs one domain of this tier spans (8 for an HGX node, 72 for NVL72).',
  // models
  layers: 'Transformer layers.',
  hidden: 'Hidden size (d_model).',
  heads: 'Attention (query) heads.',
  kv_heads: 'Key/value heads (GQA); equal to heads for MHA, 1 for MQA.',
  experts: 'Routed experts per MoE layer.',
  active: 'Routed experts each token goes through (top-k).',
  dense_first: 'The first k layers use a dense FFN instead of MoE (DeepSeek first_k_dense_replace).',
  kv_rank: 'MLA: rank of the compressed KV latent cached per token (kv_lora_rank).',
  q_rank: 'MLA: rank of the query down-projection (q_lora_rank; 0 for none).',
  // explore
  explore: 'Search the placements of a model on a cluster for a workload: the Pareto frontier of tokens/s/GPU against tokens/s/user.',
  strategies: 'Serving strategies the search may use: aggregated, disaggregated, afd.',
  maximize: 'What the best configuration maximizes.',
};
