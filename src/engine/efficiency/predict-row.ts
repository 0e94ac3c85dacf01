/**
 * Predicts one row of a kernel timing table (an isolated, event-timed kernel)
 * from the fitted efficiency model: the link between the engine's kernel
 * models and the measured data, used by the fit, the accuracy benchmark and
 * the measured mode's utilisation transfer.
 */
import type { GpuSpec } from '../types.js';
import { decodeAttentionTime, prefillAttentionTime } from './attention-time.js';
import type { KernelRow } from './calibration-rows.js';
import { gemmTime } from './gemm-time.js';
import { peakFlops } from './hardware-peaks.js';
import type { KernelTime } from './kernel-time.js';
import { memoryKernelTime } from './memory-time.js';
import { moeTime } from './moe-time.js';
import type { EfficiencyParams } from './params.js';

export function predictRow(gpu: GpuSpec, p: EfficiencyParams, r: KernelRow): KernelTime {
  switch (r.kind) {
    case 'gemm': {
      const b = r.dtype === 'fp8' ? 1 : 2;
      return gemmTime(gpu, peakFlops(gpu, r.dtype), { M: r.M, N: r.N, K: r.K, aBytes: b, bBytes: b, outBytes: 2 }, p.gemm[r.dtype], 'isolated', p.graphLaunchMs);
    }
    case 'attn_prefill':
      return prefillAttentionTime(gpu, peakFlops(gpu, 'bf16'), {
        batch: r.B, heads: r.H, qkDim: r.D, vDim: r.D, queryTokens: r.S,
        pairs: (r.S * (r.S + 1)) / 2, bytes: r.B * r.S * (2 * r.H + 2 * r.KV) * r.D * 2,
      }, p.attentionPrefill, 'isolated', p.graphLaunchMs);
    case 'attn_decode':
      return decodeAttentionTime(gpu, peakFlops(gpu, 'bf16'), {
        bytes: r.B * r.C * 2 * r.KV * r.D * 2 + r.B * r.H * r.D * 2 * 2,
        flops: 4 * r.B * r.H * r.C * r.D,
        ctas: r.B * r.KV,
        context: r.C,
      }, p.attentionDecode, p.attentionPrefill.maxEfficiency, 'isolated', p.graphLaunchMs);
    case 'moe_ffn':
      return moeTime(gpu, peakFlops(gpu, 'bf16'), {
        routes: r.T * r.topk, experts: r.E, hidden: r.hidden, inter: r.inter, matrices: 3, aBytes: 2, wBytes: 2, evenRouting: true,
      }, p.gemm.bf16, p.moe, p.hbm, 'isolated', p.graphLaunchMs);
    case 'copy':
      return memoryKernelTime(gpu, r.bytes, p.hbm, 'isolated', p.graphLaunchMs);
  }
}
