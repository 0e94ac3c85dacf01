/**
 * Accuracy of the engine's fitted efficiency model against measured H100 data:
 * every kernel row of data/calibration/h100-sxm-80gb.jsonl and every row of the
 * aic-samples collective/DeepEP tables, predicted from the shipped fits.
 *   node scripts/run-ts.mjs bench/accuracy.ts
 */
import { readFileSync } from 'node:fs';
import { kernelAccuracy, type ErrorStats } from '../src/engine/efficiency/accuracy.js';
import { parseKernelRows, SPLIT_DESCRIPTION } from '../src/engine/efficiency/calibration-rows.js';
import { H100_SXM } from '../src/engine/efficiency/reference-gpu.js';
import { fittedEfficiency } from '../src/engine/efficiency/fitted.js';
import { commAccuracy } from '../src/engine/comm/comm-accuracy.js';
import { parseDeepEpLowLatency, parseDeepEpNormal, parseNccl } from '../src/engine/comm/comm-tables.js';


const rows = parseKernelRows(readFileSync('data/calibration/h100-sxm-80gb.jsonl', 'utf8'));
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
function table(title: string, stats: ErrorStats[]): void {
  console.log(`\n${title}\n| kind | rows | geomean error | max error |\n| --- | ---: | ---: | ---: |`);
  for (const s of stats) console.log(`| ${s.kind} | ${s.rows} | ${pct(s.geomeanError)} | ${pct(s.maxError)} |`);
}
console.log(`split: ${SPLIT_DESCRIPTION}`);
table('Held-out kernel rows (not used by the fit), non-monotonic GEMM rows left out', kernelAccuracy(H100_SXM, fittedEfficiency, rows, 'held-out'));
table('Held-out kernel rows, unfiltered', kernelAccuracy(H100_SXM, fittedEfficiency, rows, 'held-out', false));
table('Training kernel rows', kernelAccuracy(H100_SXM, fittedEfficiency, rows, 'train'));
const nccl = [...parseNccl(readFileSync('data/reference/h100_nccl_2_4gpu.csv', 'utf8')), ...parseNccl(readFileSync('data/reference/h100_nccl_8gpu.csv', 'utf8'))];
const deepEp = parseDeepEpLowLatency(readFileSync('data/reference/h100_deepep_ll_sglang0.5.6.post2.csv', 'utf8'));
const normal = parseDeepEpNormal(readFileSync('data/reference/h100_deepep_normal_sglang0.5.6.csv', 'utf8'));
table('Collectives (NCCL 2/4/8 x H100) and DeepEP low-latency (1-8 nodes) / normal (2-8 nodes), held-out rows (every 5th by hash), non-monotonic NCCL rows left out', commAccuracy(nccl, deepEp, 'held-out', undefined, true, normal));
table('Collectives and DeepEP, held-out rows, unfiltered', commAccuracy(nccl, deepEp, 'held-out', undefined, false, normal));
table('Collectives and DeepEP, all rows, unfiltered', commAccuracy(nccl, deepEp, 'all', undefined, false, normal));
