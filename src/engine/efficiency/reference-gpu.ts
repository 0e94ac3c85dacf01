/**
 * The GPU the shipped efficiency curves were fitted on: NVIDIA H100 SXM5 80GB.
 * Datasheet (NVIDIA H100 Tensor Core GPU datasheet, SXM column): BF16 dense
 * 989.4 TFLOP/s (1,979 with sparsity), FP8 dense 1,978.9 TFLOP/s, HBM3 3.35 TB/s,
 * 132 SMs, 50 MB L2 (NVIDIA H100 whitepaper), NVLink 4 900 GB/s bidirectional (450 GB/s per direction).
 */
import type { GpuSpec } from '../types.js';

export const H100_SXM: GpuSpec = {
  name: 'H100 SXM 80GB',
  peakFlopsPerSecond: { bf16: 989.4e12, fp16: 989.4e12, fp8: 1978.9e12, int8: 1978.9e12 },
  vectorFlopsPerSecond: 66.9e12,
  memoryBytes: 80e9,
  memoryBandwidthBytesPerSecond: 3.35e12,
  smCount: 132,
  l2CacheBytes: 50 * 2 ** 20,
  scaleUp: { name: 'NVLink 4', bandwidthBytesPerSecond: 450e9, domainGpus: 8 },
  calibration: 'h100-sxm-80gb',
  source: 'NVIDIA H100 Tensor Core GPU datasheet (SXM5)',
};
