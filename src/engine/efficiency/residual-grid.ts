/**
 * The residual correction of a fitted kernel model: a Nadaraya-Watson kernel
 * smoother of log(measured / model) over log2 of the shape (Gaussian weights,
 * bandwidth in log2 units, shrunk toward 0 where data is sparse). It absorbs
 * what the few-parameter curve cannot (cuBLAS tile/algorithm switches), the
 * way AI Configurator transfers utilisation between nearby shapes. Far from
 * the data the correction fades to 0 and the physical curve alone remains.
 *
 * Evaluating the smoother over hundreds of points per GEMM is too slow for the
 * hot path, so it is tabulated once on an integer log2 grid and read back with
 * trilinear interpolation.
 */
import type { ResidualSurface } from './params.js';

export function smoothResidual(s: ResidualSurface, x: number, y: number, z: number): number {
  let num = 0;
  let den = 0;
  const inv = 1 / (2 * s.bandwidth * s.bandwidth);
  for (const [a, b, c, r] of s.points) {
    const d2 = (a - x) ** 2 + (b - y) ** 2 + (c - z) ** 2;
    const w = Math.exp(-d2 * inv);
    num += w * r;
    den += w;
  }
  return num / (den + s.shrink);
}

export interface ResidualGrid {
  lo: [number, number, number];
  size: [number, number, number];
  values: Float64Array;
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
  if (s.points.length === 0) return { lo: [0, 0, 0], size: [1, 1, 1], values: new Float64Array(1) };
  const size: [number, number, number] = [hi[0] - lo[0] + 1, hi[1] - lo[1] + 1, hi[2] - lo[2] + 1];
  const values = new Float64Array(size[0] * size[1] * size[2]);
  for (let i = 0; i < size[0]; i++)
    for (let j = 0; j < size[1]; j++)
      for (let k = 0; k < size[2]; k++)
        values[(i * size[1] + j) * size[2] + k] = smoothResidual(s, lo[0] + i, lo[1] + j, lo[2] + k);
  return { lo, size, values };
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
  const at = (a: number, b: number, c: number) => g.values[((i + a) * sy + (j + b)) * sz + (k + c)];
  const c00 = at(0, 0, 0) * (1 - tx) + at(1, 0, 0) * tx;
  const c01 = at(0, 0, 1) * (1 - tx) + at(1, 0, 1) * tx;
  const c10 = at(0, 1, 0) * (1 - tx) + at(1, 1, 0) * tx;
  const c11 = at(0, 1, 1) * (1 - tx) + at(1, 1, 1) * tx;
  const c0 = c00 * (1 - ty) + c10 * ty;
  const c1 = c01 * (1 - ty) + c11 * ty;
  return c0 * (1 - tz) + c1 * tz;
}
