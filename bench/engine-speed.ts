/**
 * Engine speed: one full step breakdown of DeepSeek-V3 on 64 H100s (EP64,
 * attention-DP 64, FP8) and 100k stepTimeMs operating points (the explore hot
 * path: varying batch and context on a few deployments), one core.
 *   node scripts/run-ts.mjs bench/engine-speed.ts
 */
import { performance } from 'node:perf_hooks';
import { h100ReferenceCluster } from '../src/engine/comm/comm-tables.js';
import { engine } from '../src/engine/index.js';
import type { Precision, StepInput } from '../src/engine/types.js';
import * as m from '../test/fixtures/models.js';

const fp8: Precision = { weights: 'fp8', activations: 'bf16', kvCache: 'fp8' };
const bf16: Precision = { weights: 'bf16', activations: 'bf16', kvCache: 'bf16' };
const hgx8 = h100ReferenceCluster(8);
const hgx1 = h100ReferenceCluster(1);

const ds: StepInput = {
  model: m.deepseekV3, cluster: hgx8, precision: fp8, layout: { tp: 1, pp: 1, ep: 64, attentionDp: 64 },
  point: { phase: 'decode', groups: [{ count: 64 * 64, newTokens: 1, pastTokens: 4096 }] },
};
// Cold: the first call builds the per-deployment context (validation, layer kinds, residual grids).
let t0 = performance.now();
engine.evaluateStep(ds);
const coldMs = performance.now() - t0;
const reps = 2000;
const cpuNow = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1e3; };
let c0 = cpuNow();
t0 = performance.now();
let ops = 0;
for (let i = 0; i < reps; i++) {
  const b = engine.evaluateStep({ ...ds, point: { phase: 'decode', groups: [{ count: 64 * (32 + (i % 64)), newTokens: 1, pastTokens: 1000 + i }] } });
  ops = b.layers.reduce((s, l) => s + l.ops.length, 0);
}
const breakdownMs = (performance.now() - t0) / reps;
const breakdownCpuMs = (cpuNow() - c0) / reps;
const prefillDs: StepInput = { ...ds, point: { phase: 'prefill', groups: [{ count: 64, newTokens: 4096, pastTokens: 0 }] } };
c0 = cpuNow();
t0 = performance.now();
for (let i = 0; i < reps; i++) engine.evaluateStep({ ...prefillDs, point: { phase: 'prefill', groups: [{ count: 64, newTokens: 2048 + i, pastTokens: 0 }] } });
const prefillBreakdownMs = (performance.now() - t0) / reps;
const prefillBreakdownCpuMs = (cpuNow() - c0) / reps;

const deployments: StepInput[] = [
  ds,
  { model: m.llama3_70b, cluster: hgx1, precision: bf16, layout: { tp: 8, pp: 1, ep: 1, attentionDp: 1 }, point: ds.point },
  { model: m.qwen3_235b, cluster: hgx1, precision: fp8, layout: { tp: 8, pp: 1, ep: 8, attentionDp: 1 }, point: ds.point },
  { model: m.llama3_8b, cluster: hgx1, precision: bf16, layout: { tp: 1, pp: 1, ep: 1, attentionDp: 1 }, point: ds.point },
];
const N = 100_000;
let sink = 0;
// Wall time on a shared machine includes other processes' time slices; the CPU time this
// process used (process.cpuUsage) is the one-core figure.
const cpu0 = process.cpuUsage();
t0 = performance.now();
for (let i = 0; i < N; i++) {
  const d = deployments[i & 3];
  const decodePoint = (i & 4) === 0;
  const batch = 1 + (i % 256);
  const context = 128 + ((i * 7919) % 32000);
  sink += engine.stepTimeMs({
    ...d,
    point: decodePoint
      ? { phase: 'decode', groups: [{ count: batch, newTokens: 1, pastTokens: context }] }
      : { phase: 'prefill', groups: [{ count: 1 + (batch % 8), newTokens: 256 + (context % 8192), pastTokens: 0 }] },
  });
}
const pointsS = (performance.now() - t0) / 1e3;
const cpu = process.cpuUsage(cpu0);
const pointsCpuS = (cpu.user + cpu.system) / 1e6;

console.log(`DeepSeek-V3, 64 x H100 (EP64, attention-DP 64, FP8), decode 64 seq/GPU: first call (builds the deployment context) ${coldMs.toFixed(2)} ms`);
console.log(`  full breakdown (evaluateStep, ${ops} operators, memory verdict included): ${(breakdownCpuMs * 1e3).toFixed(1)} us CPU per step (${(breakdownMs * 1e3).toFixed(1)} us wall; mean of ${reps}); prefill 4k tokens x 64 seq: ${(prefillBreakdownCpuMs * 1e3).toFixed(1)} us CPU (${(prefillBreakdownMs * 1e3).toFixed(1)} us wall)`);
console.log(`100,000 stepTimeMs points (4 deployments, decode and prefill, varying batch/context): ${pointsCpuS.toFixed(3)} s CPU (${((pointsCpuS / N) * 1e6).toFixed(2)} us per point), ${pointsS.toFixed(3)} s wall [checksum ${sink.toFixed(0)}]`);
