/**
 * ASTRA-sim system-layer configuration (JSON): scheduling policy, collective
 * algorithm per network dimension, chunking, and the roofline parameters used
 * when compute nodes carry num_ops + tensor_size instead of durations.
 */
import type { ClusterSpec, Dtype } from '../../engine/types.js';
import type { AstraTopology, NetworkDimension } from './network-dimensions.js';

export interface SystemConfigOptions {
  /** Compute nodes carry num_ops + tensor_size; ASTRA-sim's roofline times them. */
  roofline: boolean;
  /** The math format of GEMMs (the weights' dtype), which picks the peak FLOP/s. */
  mathDtype: Dtype;
}

/**
 * Per-dimension algorithm: a ring on a ring; on a switch or full mesh every
 * NPU reaches every other in one hop, so the direct algorithm (reduce-scatter
 * + all-gather in one step each) is what NCCL/NVLS-style libraries run there.
 */
export function collectiveImplementation(topology: AstraTopology): string {
  return topology === 'Ring' ? 'ring' : 'direct';
}

export function systemConfig(cluster: ClusterSpec, dims: NetworkDimension[], options: SystemConfigOptions): Record<string, unknown> {
  const implementations = dims.map((d) => collectiveImplementation(d.topology));
  const peak = cluster.gpu.peakFlopsPerSecond[options.mathDtype] ?? cluster.gpu.peakFlopsPerSecond.bf16 ?? 0;
  return {
    // LIFO lets the latest-issued collective (the layer on the critical path) go first, ASTRA-sim's default for inference-like chains.
    'scheduling-policy': 'LIFO',
    'endpoint-delay': 10,
    'active-chunks-per-dimension': 1,
    'preferred-dataset-splits': 4,
    'all-reduce-implementation': implementations,
    'all-gather-implementation': implementations,
    'reduce-scatter-implementation': implementations,
    'all-to-all-implementation': implementations,
    'collective-optimization': 'localBWAware',
    // ASTRA-sim reads local-mem-bw in GB/s and peak-perf in TFLOP/s (roofline mode only).
    'local-mem-bw': Number((cluster.gpu.memoryBandwidthBytesPerSecond / 1e9).toFixed(3)),
    'boost-mode': 0,
    'roofline-enabled': options.roofline ? 1 : 0,
    'peak-perf': Number((peak / 1e12).toFixed(3)),
  };
}

/** Remote (disaggregated) memory is not part of a serving step. */
export const REMOTE_MEMORY_CONFIG = { 'memory-type': 'NO_MEMORY_EXPANSION' };
