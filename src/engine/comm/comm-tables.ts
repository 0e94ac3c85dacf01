/**
 * Measured collective tables (data/reference: NVIDIA AI Configurator's public
 * performance database, aic-samples, Apache-2.0) and the reference cluster
 * they were measured on, shared by tools/fit-comm.ts and the accuracy benchmark.
 */
import type { ClusterSpec } from '../types.js';
import { fnv1a } from '../efficiency/calibration-rows.js';
import { H100_SXM } from '../efficiency/reference-gpu.js';

export interface NcclRow { op: 'all_reduce' | 'all_gather' | 'reduce_scatter' | 'alltoall'; gpus: number; bytes: number; ms: number }
export interface DeepEpRow { nodes: number; hidden: number; tokens: number; topK: number; experts: number; dispatchMs: number; combineMs: number }

/** NVLink 4 and InfiniBand NDR one-way latencies of library/clusters.serve (2 us, 5 us). */
export const REFERENCE_LATENCY_SECONDS: [number, number] = [2e-6, 5e-6];

/** H100 HGX nodes: NVLink 4 (450 GB/s per direction per GPU, third-generation NVSwitch with NVLink SHARP), ConnectX-7 400 Gb/s per GPU (50 GB/s). */
export function h100ReferenceCluster(nodes: number): ClusterSpec {
  return {
    name: `h100-hgx-x${nodes}`, gpu: H100_SXM, nodes, gpusPerNode: 8,
    tiers: [
      // Latencies as the library's H100 clusters state them; the fits include them
      // (CommParams.referenceLatencySeconds), so they add nothing here.
      { name: 'nvlink', domainGpus: 8, bandwidthBytesPerSecond: 450e9, latencySeconds: REFERENCE_LATENCY_SECONDS[0], topology: 'switch', inNetworkReduction: true },
      { name: 'ib-ndr', domainGpus: 8 * nodes, bandwidthBytesPerSecond: 50e9, latencySeconds: REFERENCE_LATENCY_SECONDS[1], topology: 'rail-optimized' },
    ],
  };
}

function csvRows(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() && !l.startsWith('#'));
  const header = lines[0].split(',');
  return lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
}

/** NCCL tables: message_size is an element count of fp16 (2 bytes), latency in ms. */
export function parseNccl(text: string): NcclRow[] {
  return csvRows(text).map((r) => ({ op: r.op_name as NcclRow['op'], gpus: Number(r.num_gpus), bytes: 2 * Number(r.message_size), ms: Number(r.latency) }));
}

/** DeepEP low-latency tables: times in microseconds. */
export function parseDeepEpLowLatency(text: string): DeepEpRow[] {
  return csvRows(text).map((r) => ({
    nodes: Number(r.node_num), hidden: Number(r.hidden_size), tokens: Number(r.num_token), topK: Number(r.num_topk),
    experts: Number(r.num_experts), dispatchMs: Number(r.dispatch_avg_t_us) / 1e3, combineMs: Number(r.combine_avg_t_us) / 1e3,
  }));
}

/** Every 5th row of each table by hash of its content is held out from the fit. */
export function commHeldOut(key: string): boolean {
  return fnv1a(key) % 5 === 2;
}

/**
 * Rows that break monotonicity: a collective cannot take 1.3x longer than the
 * same collective on a strictly larger message of the same group. Such rows are
 * measurement glitches (a descheduled rank, a protocol mis-tune) and are left
 * out of the fit and of the filtered accuracy figures (the unfiltered figures
 * are reported too).
 */
export function isMonotonicityOutlier(r: NcclRow, all: NcclRow[]): boolean {
  return all.some((o) => o.op === r.op && o.gpus === r.gpus && o.bytes > r.bytes && r.ms > 1.3 * o.ms);
}

export interface DeepEpNormalRow { nodes: number; hidden: number; tokens: number; topK: number; experts: number; dispatchMs: number; combineMs: number }

/** DeepEP normal tables (24 SMs): transmit times in microseconds. */
export function parseDeepEpNormal(text: string): DeepEpNormalRow[] {
  return csvRows(text).map((r) => ({
    nodes: Number(r.node_num), hidden: Number(r.hidden_size), tokens: Number(r.num_token), topK: Number(r.num_topk),
    experts: Number(r.num_experts), dispatchMs: Number(r.dispatch_transmit_us) / 1e3, combineMs: Number(r.combine_transmit_us) / 1e3,
  }));
}

/**
 * The token range the DeepEP normal model covers: up to 8,192 tokens per rank
 * (an 8k chunked-prefill step per GPU). Beyond it the measured 8-node combine
 * jumps 5x between 8,192 and 16,384 tokens (a buffer-regime change of the
 * kernel, not a bandwidth law); those rows are left out of the fit and
 * reported separately.
 */
export const DEEPEP_NORMAL_MAX_TOKENS = 8192;
