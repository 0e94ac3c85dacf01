/**
 * Memory-bound kernels (copies and elementwise work: norms, rotary, activation,
 * residual adds, KV writes, quantisation): time = bytes / (spec HBM bandwidth x
 * fitted large-copy efficiency). The H100 copy data reaches ~3.0 TB/s of the
 * 3.35 TB/s spec (~90%) at >= 2 GiB; smaller copies are dominated by the launch floor.
 */
import type { GpuSpec } from '../types.js';
import { withLaunch, type KernelTime, type LaunchMode } from './kernel-time.js';
import type { HbmParams } from './params.js';

export function memoryBodyMs(gpu: GpuSpec, bytes: number, p: HbmParams): number {
  return (bytes / (gpu.memoryBandwidthBytesPerSecond * p.efficiency)) * 1e3;
}

export function memoryKernelTime(gpu: GpuSpec, bytes: number, p: HbmParams, mode: LaunchMode, graphLaunchMs: number): KernelTime {
  const body = memoryBodyMs(gpu, bytes, p);
  const timeMs = withLaunch(body, p, mode, graphLaunchMs);
  return {
    timeMs,
    bound: body < 0.25 * timeMs ? 'latency' : 'memory',
    efficiency: Math.min(1, bytes / (gpu.memoryBandwidthBytesPerSecond * timeMs * 1e-3)),
    provenance: 'fitted',
  };
}
