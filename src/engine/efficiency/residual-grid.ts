/**
 * The residual correction of a fitted kernel model: log(measured / model) of
 * the training rows, interpolated along M within each measured layer shape and
 * kernel-smoothed across shapes (Gaussian weights in log2 N, log2 K, shrunk
 * toward 0 where no measured shape is near). It absorbs
 * what the few-parameter curve cannot (cuBLAS tile/algorithm switches), the
 * way AI Configurator transfers utilisation between nearby shapes. Far from
 * the data the correction fades to 0 and the physical curve alone remains.
 *
 * Evaluating the smoother over hundreds of points per GEMM is too slow for the
 * hot path, so it is tabulated (lazily, cell by cell) on an integer log2 grid
 * and read back with trilinear interpolation.
 */
import type { ResidualSurface } from './params.js';

interface ShapeColumn { n: number; k: number; m: number[]; r: number[] }

const columnsCache = new WeakMap<ResidualSurface['points'], ShapeColumn[]>();

/** Training points grouped by layer shape (N, K), each a column sorted by M. */
function columns(points: ResidualSurface['points']): ShapeColumn[] {
  let cols = columnsCache.get(points);
  if (cols) return cols;
  const byShape = new Map<string, ShapeColumn>();
  for (const [m, n, k, r] of points) {
    const key = `${n.toFixed(3)}|${k.toFixed(3)}`;
    const c = byShape.get(key) ?? { n, k, m: [], r: [] };
    c.m.push(m);
    c.r.push(r);
    byShape.set(key, c);
  }
  cols = [...byShape.values()].map((c) => {
    const order = c.m.map((_, i) => i).sort((a, b) => c.m[a] - c.m[b]);
    return { n: c.n, k: c.k, m: order.map((i) => c.m[i]), r: order.map((i) => c.r[i]) };
  });
  columnsCache.set(points, cols);
  return cols;
}

/** Residual of one shape column at log2 M = x: linear between the bracketing M, constant beyond; weight decays with the distance to the nearest measured M. */
function columnAt(c: ShapeColumn, x: number, bandwidthM: number): { r: number; w: number } {
  const m = c.m;
  if (x <= m[0]) return { r: c.r[0], w: Math.exp(-((m[0] - x) ** 2) / (2 * bandwidthM * bandwidthM)) };
  if (x >= m[m.length - 1]) return { r: c.r[m.length - 1], w: Math.exp(-((x - m[m.length - 1]) ** 2) / (2 * bandwidthM * bandwidthM)) };
  let i = 0;
  while (m[i + 1] < x) i++;
  const t = m[i + 1] === m[i] ? 0 : (x - m[i]) / (m[i + 1] - m[i]);
  return { r: c.r[i] * (1 - t) + c.r[i + 1] * t, w: 1 };
}

/**
 * The correction at (log2 M, log2 N, log2 K) = (x, y, z): each measured layer
 * shape contributes its residual interpolated along M (AI Configurator's
 * per-axis interpolation), weighted by a Gaussian of the shape distance in
 * (log2 N, log2 K); shrunk toward 0 where no shape is near.
 */
export function smoothResidual(s: ResidualSurface, x: number, y: number, z: number): number {
  const bNK = s.bandwidthNK ?? s.bandwidth;
  const invNK = 1 / (2 * bNK * bNK);
  let num = 0;
  let den = 0;
  for (const c of columns(s.points)) {
    const wShape = Math.exp(-((c.n - y) ** 2 + (c.k - z) ** 2) * invNK);
    if (wShape < 1e-9) continue;
    const at = columnAt(c, x, s.bandwidth);
    const w = wShape * at.w;
    num += w * at.r;
    den += w;
  }
  return num / (den + s.shrink);
}

export interface ResidualGrid {
  lo: [number, number, number];
  size: [number, number, number];
  /** Filled lazily (NaN until first read): a deployment touches a few hundred of the cells. */
  values: Float64Array;
  surface: ResidualSurface;
}

const GRID_MARGIN = 3;

export function buildResidualGrid(s: ResidualSurface): ResidualGrid {
  const lo: [number, number, number] = [Infinity, Infinity, Infinity];
  const hi: [number, number, number] = [-Infinity, -Infinity, -Infinity];
  for (const p of s.points) {
    for (let i = 0; i < 3; i++) {
      lo[i] = Math.min(lo[i], Math.floor(p[i]) - GRID_MARGIN);
      hi[i] = Math.max(hi[i], Math.ceil(p[i]) + GRID_MARGIN);
    }
  }
  if (s.points.length === 0) return { lo: [0, 0, 0], size: [1, 1, 1], values: new Float64Array(1), surface: s };
  const size: [number, number, number] = [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1];
  const values = new Float64Array(size[0] * size[1] * size[2]).fill(NaN);
  return { lo, size, values, surface: s };
}

/** Trilinear read of the grid; 0 outside it (the correction has faded there). */
export function readResidualGrid(g: ResidualGrid, x: number, y: number, z: number): number {
  const fx = x - g.lo[0], fy = y - g.lo[1], fz = z - g.lo[2];
  const [sx, sy, sz] = g.size;
  if (fx < 0 || fy < 0 || fz < 0 || fx > sx - 1 || fy > sy - 1 || fz > sz - 1) return 0;
  const i = Math.min(Math.floor(fx), sx - 2 < 0 ? 0 : sx - 2);
  const j = Math.min(Math.floor(fy), sy - 2 < 0 ? 0 : sy - 2);
  const k = Math.min(Math.floor(fz), sz - 2 < 0 ? 0 : sz - 2);
  if (sx < 2 || sy < 2 || sz < 2) return g.values[0];
  const tx = fx - i, ty = fy - j, tz = fz - k;
  const at = (a: number, b: number, c: number) => {
    const idx = ((i + a) * sy + (j + b)) * sz + (k + c);
    let v = g.values[idx];
    if (v !== v) {
      v = smoothResidual(g.surface, g.lo[0] + i + a, g.lo[1] + j + b, g.lo[2] + k + c);
      g.values[idx] = v;
    }
    return v;
  };
  const c00 = at(0, 0, 0) * (1 - tx) + at(1, 0, 0) * tx;
  const c01 = at(0, 0, 1) * (1 - tx) + at(1, 0, 1) * tx;
  const c10 = at(0, 1, 0) * (1 - tx) + at(1, 1, 0) * tx;
  const c11 = at(0, 1, 1) * (1 - tx) + at(1, 1, 1) * tx;
  const c0 = c00 * (1 - ty) + c10 * ty;
  const c1 = c01 * (1 - ty) + c11 * ty;
  return c0 * (1 - tz) + c1 * tz;
}
