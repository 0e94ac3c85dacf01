/**
 * Fitted collective-communication parameters (tools/fit-comm.ts ->
 * data/fitted/comm.json), expressed relative to the tier's own spec so they
 * transfer to other clusters: an achievable fraction of the tier's bandwidth
 * and fixed software latencies (NCCL kernel launch + protocol handshakes).
 */
export interface CollectiveFit {
  /** Fixed cost of one collective call, ms. */
  baseMs: number;
  /** Cost per algorithm step (ring hop / tree level), ms, on top of the tier's wire latency. */
  stepMs: number;
  /** Achievable fraction of the tier's per-GPU unidirectional bandwidth. */
  efficiency: number;
  /** NCCL's low-latency protocol (LL/LL128: flag-carrying stores, lower fixed cost, lower
   * bandwidth), which NCCL's tuner picks for messages up to `maxBytes` (fitted: the measured
   * step in latency where it switches to the Simple protocol). */
  lowLatency?: { baseMs: number; stepMs: number; efficiency: number; maxBytes: number };
  /** All-reduce through in-network reduction (NVLink SHARP 'NVLS' on NVSwitch, IB SHARP), used
   * where the tier has `inNetworkReduction`: each GPU moves its buffer once, at this efficiency. */
  inNetwork?: { baseMs: number; efficiency: number };
}

export interface CommParams {
  source: string;
  /** Scale-up (NVLink) collectives fitted on NCCL 2.29 measurements, H100 HGX. */
  nccl: { allReduce: CollectiveFit; allGather: CollectiveFit; reduceScatter: CollectiveFit; allToAll: CollectiveFit };
  /** Point-to-point send/recv (PP stages, KV transfer): NCCL send/recv ~ all-gather's per-step cost. */
  sendRecv: CollectiveFit;
  /** DeepEP low-latency dispatch/combine: fixed cost, per-node-count cost and achievable fractions of the scale-up and scale-out bandwidths. */
  deepEp: {
    dispatch: { baseMs: number; perLog2NodesMs: number; scaleUpEfficiency: number; scaleOutEfficiency: number };
    combine: { baseMs: number; perLog2NodesMs: number; scaleUpEfficiency: number; scaleOutEfficiency: number };
    /** Bytes of one dispatched element (FP8 with one fp32 scale per 128 values) and one combined element (BF16). */
    dispatchBytesPerElement: number;
    combineBytesPerElement: number;
  };
  split: string;
}
