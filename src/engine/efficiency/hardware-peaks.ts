/**
 * Spec peaks of a GPU as the kernel models need them. A dtype without native
 * tensor-core support runs at the next wider format's peak (e.g. fp8 GEMMs on
 * A100 run as bf16 after dequantisation), which is what frameworks do.
 */
import type { Dtype, GpuSpec } from '../types.js';

const WIDER: Partial<Record<Dtype, Dtype>> = { fp4: 'fp8', int4: 'int8', fp8: 'bf16', int8: 'bf16', fp16: 'bf16', bf16: 'fp16', fp32: 'bf16' };

/** Dense tensor-core FLOP/s for `dtype` math on `gpu`, falling back to wider formats. */
export function peakFlops(gpu: GpuSpec, dtype: Dtype): number {
  let d: Dtype | undefined = dtype;
  const seen = new Set<Dtype>();
  while (d && !seen.has(d)) {
    const p = gpu.peakFlopsPerSecond[d];
    if (p && p > 0) return p;
    seen.add(d);
    d = WIDER[d];
  }
  const any = Object.values(gpu.peakFlopsPerSecond).find((v) => v && v > 0);
  if (!any) throw new Error(`GPU ${gpu.name} has no tensor-core peak`);
  return any;
}

/** The math format a GEMM with weights in `dtype` runs in: fp8/int8/fp4 natively where supported. */
export function gemmMathDtype(gpu: GpuSpec, dtype: Dtype): 'bf16' | 'fp8' {
  if ((dtype === 'fp8' || dtype === 'int8' || dtype === 'fp4' || dtype === 'int4') && (gpu.peakFlopsPerSecond.fp8 ?? 0) > 0) return 'fp8';
  return 'bf16';
}

export function smCount(gpu: GpuSpec): number {
  return gpu.smCount ?? 132;
}
