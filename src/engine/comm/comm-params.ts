/**
 * Fitted collective-communication parameters (tools/fit-comm.ts ->
 * data/fitted/comm.json), expressed relative to the tier's own spec so they
 * transfer to other clusters: an achievable fraction of the tier's bandwidth
 * and fixed software latencies (NCCL kernel launch + protocol handshakes).
 */
export interface ProtocolFit { baseMs: number; stepMs: number; efficiency: number; maxBytes: number }

export interface CollectiveFit {
  /** Fixed cost of one collective call, ms. */
  baseMs: number;
  /** Cost per algorithm step (ring hop / tree level), ms, on top of the tier's wire latency. */
  stepMs: number;
  /** Achievable fraction of the tier's per-GPU unidirectional bandwidth. */
  efficiency: number;
  /** NCCL's low-latency protocols (LL, then LL128: flag-carrying stores, lower fixed cost,
   * lower bandwidth), which its tuner picks for messages up to each `maxBytes` (ascending;
   * fitted: the measured steps in latency); larger messages use Simple (the fields above). */
  lowLatency?: ProtocolFit[];
  /** All-reduce through in-network reduction (NVLink SHARP 'NVLS' on NVSwitch, IB SHARP), used
   * where the tier has `inNetworkReduction`: each GPU moves its buffer once, at this efficiency. */
  inNetwork?: { baseMs: number; efficiency: number };
}

/** DeepEP low-latency kernels: fixed cost, extra fixed cost once any route leaves the scale-up
 * domain (RDMA round trip, IBGDA doorbells), a per-log2(domains) cost, and achievable fractions
 * of the scale-up and scale-out bandwidths. */
export interface DeepEpFit { baseMs: number; scaleOutBaseMs: number; perLog2NodesMs: number; scaleUpEfficiency: number; scaleOutEfficiency: number }

/** DeepEP normal kernels: fixed cost, per-log2(domains) cost, and the achievable fraction of the
 * scale-out bandwidth fitted per number of domains (2, 4, 8 nodes measured; interpolated in
 * log2 between them, held beyond): it does not follow a simple law (incast, chunking). */
export interface DeepEpNormalFit { baseMs: number; perLog2NodesMs: number; scaleOutEfficiencyByDomains: [number, number][]; bytesPerElement: number }

export interface CommParams {
  source: string;
  /** Wire latency of the reference tiers the fits were measured on [scale-up, scale-out], s:
   * the fitted costs include it, so a cluster's tier adds only its latency above this. */
  referenceLatencySeconds?: [number, number];
  /** Scale-up (NVLink) collectives fitted on NCCL 2.29 measurements, H100 HGX. */
  nccl: { allReduce: CollectiveFit; allGather: CollectiveFit; reduceScatter: CollectiveFit; allToAll: CollectiveFit };
  /** Point-to-point send/recv (PP stages, KV transfer): NCCL send/recv ~ all-gather's per-step cost. */
  sendRecv: CollectiveFit;
  /** DeepEP low-latency dispatch/combine: fixed cost, per-node-count cost and achievable fractions of the scale-up and scale-out bandwidths. */
  deepEp: {
    dispatch: DeepEpFit;
    combine: DeepEpFit;
    /** DeepEP normal (high-throughput) kernels, used for prefill: a token crosses the scale-out
     * tier once per remote domain its experts live in (then NVLink forwards it). */
    normalDispatch?: DeepEpNormalFit;
    normalCombine?: DeepEpNormalFit;
    /** Bytes of one dispatched element (FP8 with one fp32 scale per 128 values) and one combined element (BF16). */
    dispatchBytesPerElement: number;
    combineBytesPerElement: number;
  };
  split: string;
}
