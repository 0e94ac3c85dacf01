/**
 * Measured mode: a user's own kernel table (the JSONL format of
 * data/calibration, e.g. written by tools/collect_kernels.py) registered for a
 * GPU whose `calibration` key matches. Kernels then take their time from the
 * table: an exact shape hit is 'measured'; other shapes borrow the
 * measured/model ratio (utilisation) of nearby shapes - a Gaussian-weighted
 * mean over log2 of the shape, as AI Configurator transfers utilisation -
 * and are 'interpolated' inside the table's shape range, 'extrapolated' beyond.
 */
import type { GpuSpec, Provenance } from '../types.js';
import { rowKey, type KernelRow } from './calibration-rows.js';
import { fittedEfficiency } from './fitted.js';
import type { EfficiencyParams } from './params.js';
import { predictRow } from './predict-row.js';

interface RatioPoint { x: number[]; logRatio: number }

export interface KernelTable {
  gpuKey: string;
  version: number;
  /** Exact hits by shape key -> measured / model ratio. */
  exact: Map<string, number>;
  /** Points per lookup family ('gemm bf16', 'gemm fp8', 'attn_prefill', 'attn_decode', 'moe_ffn'). */
  points: Map<string, RatioPoint[]>;
  ranges: Map<string, [number, number][]>;
}

export function familyAndFeatures(r: KernelRow): { family: string; x: number[] } | undefined {
  switch (r.kind) {
    case 'gemm': return { family: `gemm ${r.dtype}`, x: [Math.log2(r.M), Math.log2(r.N), Math.log2(r.K)] };
    case 'attn_prefill': return { family: 'attn_prefill', x: [Math.log2(r.B * r.H), Math.log2(r.S)] };
    case 'attn_decode': return { family: 'attn_decode', x: [Math.log2(r.B * r.KV), Math.log2(r.C)] };
    case 'moe_ffn': return { family: 'moe_ffn', x: [Math.log2((r.T * r.topk) / r.E), Math.log2(r.hidden * r.inter)] };
    default: return undefined;
  }
}

/** Registered rows per GPU key; ratio tables are built per GpuSpec on first use. */
const registered = new Map<string, { rows: KernelRow[]; params: EfficiencyParams; version: number; gpu?: GpuSpec; built: WeakMap<GpuSpec, KernelTable> }>();
let version = 0;

/**
 * Registers (or replaces) the kernel table of the GPU whose `calibration` key is
 * `gpuKey`: `registerKernelTable(key, rows)` or `registerKernelTable(key, gpu, rows)`.
 * Returns the number of usable rows (GEMM, attention, MoE rows with a time).
 */
export function registerKernelTable(gpuKey: string, gpuOrRows: GpuSpec | KernelRow[], maybeRows?: KernelRow[], params: EfficiencyParams = fittedEfficiency): number {
  const rows = Array.isArray(gpuOrRows) ? gpuOrRows : maybeRows ?? [];
  const gpu = Array.isArray(gpuOrRows) ? undefined : gpuOrRows;
  registered.set(gpuKey, { rows, params, version: ++version, gpu, built: new WeakMap() });
  return rows.filter((r) => familyAndFeatures(r) && r.ms > 0).length;
}

/** Forgets one GPU key's table (a calibration file that changed on disk). */
export function unregisterKernelTable(gpuKey: string): void {
  if (registered.delete(gpuKey)) version++;
}

export function clearKernelTables(): void {
  registered.clear();
  version++;
}

function buildTable(gpuKey: string, gpu: GpuSpec, rows: KernelRow[], params: EfficiencyParams, v: number): KernelTable {
  const exact = new Map<string, number>();
  const points = new Map<string, RatioPoint[]>();
  const ranges = new Map<string, [number, number][]>();
  for (const r of rows) {
    const f = familyAndFeatures(r);
    if (!f || !(r.ms > 0)) continue;
    const ratio = r.ms / predictRow(gpu, params, r).timeMs;
    exact.set(rowKey(r), ratio);
    const list = points.get(f.family) ?? [];
    list.push({ x: f.x, logRatio: Math.log(ratio) });
    points.set(f.family, list);
    const rg = ranges.get(f.family) ?? f.x.map((x) => [x, x] as [number, number]);
    f.x.forEach((x, i) => { rg[i][0] = Math.min(rg[i][0], x); rg[i][1] = Math.max(rg[i][1], x); });
    ranges.set(f.family, rg);
  }
  return { gpuKey, version: v, exact, points, ranges };
}

/** The table for this GPU (by its `calibration` key), built against this GpuSpec's peaks. */
export function activeKernelTable(gpu: GpuSpec): KernelTable | undefined {
  if (!gpu.calibration) return undefined;
  const reg = registered.get(gpu.calibration);
  if (!reg) return undefined;
  let t = reg.built.get(gpu);
  if (!t) {
    t = buildTable(gpu.calibration, reg.gpu ?? gpu, reg.rows, reg.params, reg.version);
    reg.built.set(gpu, t);
  }
  return t;
}

const BANDWIDTH = 0.7;

/** The measured/model ratio for a shape, and how it was obtained. */
export function tableRatio(t: KernelTable, family: string, key: string, x: number[]): { ratio: number; provenance: Provenance } | undefined {
  const hit = t.exact.get(key);
  if (hit !== undefined) return { ratio: hit, provenance: 'measured' };
  const pts = t.points.get(family);
  if (!pts || pts.length === 0) return undefined;
  let num = 0, den = 0;
  const inv = 1 / (2 * BANDWIDTH * BANDWIDTH);
  for (const p of pts) {
    let d2 = 0;
    for (let i = 0; i < x.length; i++) d2 += (p.x[i] - x[i]) ** 2;
    const w = Math.exp(-d2 * inv) + 1e-12;
    num += w * p.logRatio;
    den += w;
  }
  const rg = t.ranges.get(family)!;
  const inside = x.every((v, i) => v >= rg[i][0] - 1e-9 && v <= rg[i][1] + 1e-9);
  return { ratio: Math.exp(num / den), provenance: inside ? 'interpolated' : 'extrapolated' };
}
