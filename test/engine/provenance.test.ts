import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { evaluateStep } from '../../src/engine/step.js';
import { clearKernelTables, registerKernelTable, unregisterKernelTable } from '../../src/engine/efficiency/kernel-table.js';
import { parseKernelRows } from '../../src/engine/efficiency/calibration-rows.js';
import type { ClusterSpec } from '../../src/engine/types.js';
import * as m from '../fixtures/models.js';
import { decode, findOp, hgx1, input, prefill } from './helpers.js';

afterEach(() => clearKernelTables());

describe('provenance', () => {
  test('every operator says how it was obtained', () => {
    const b = evaluateStep(input(m.llama3_8b, decode(32, 2048)));
    for (const l of b.layers) for (const o of l.ops) expect(['measured', 'interpolated', 'fitted', 'extrapolated', 'spec']).toContain(o.provenance);
  });
  test('shapes inside the fitted data are fitted; beyond it extrapolated (LM head N = 128256 > 57344)', () => {
    const b = evaluateStep(input(m.llama3_8b, decode(32, 2048)));
    expect(findOp(b, 'dense', 'qkv_proj').provenance).toBe('fitted');
    expect(findOp(b, 'lm_head', 'lm_head').provenance).toBe('extrapolated');
    const long = evaluateStep(input(m.llama3_8b, prefill(1, 65536)));
    expect(findOp(long, 'dense', 'attn_prefill').provenance).toBe('extrapolated');
  });
  test('measured mode: a registered table gives exact hits (measured) and utilisation transfer (interpolated)', () => {
    const rows = parseKernelRows(readFileSync('data/calibration/h100-sxm-80gb.jsonl', 'utf8'));
    const gpuKey = 'my-h100';
    const cluster: ClusterSpec = { ...hgx1, gpu: { ...hgx1.gpu, calibration: gpuKey } };
    const before = findOp(evaluateStep(input(m.llama3_8b, decode(16, 1000), undefined, undefined, cluster)), 'dense', 'qkv_proj');
    expect(registerKernelTable(gpuKey, cluster.gpu, rows)).toBeGreaterThan(400);
    const b = evaluateStep(input(m.llama3_8b, decode(16, 1000), undefined, undefined, cluster));
    // [16 x 4096] x [4096 x 6144] bf16 is a row of the table
    const hit = findOp(b, 'dense', 'qkv_proj');
    expect(hit.provenance).toBe('measured');
    const row = rows.find((r) => r.kind === 'gemm' && r.dtype === 'bf16' && r.M === 16 && r.N === 6144 && r.K === 4096)!;
    expect(hit.timeMs).not.toBe(before.timeMs);
    expect(row.ms).toBeGreaterThan(0);
    // M = 24 is not: its ratio is interpolated between measured shapes
    const b24 = evaluateStep(input(m.llama3_8b, decode(24, 1000), undefined, undefined, cluster));
    expect(findOp(b24, 'dense', 'qkv_proj').provenance).toBe('interpolated');
    // a GPU without a table is unaffected
    expect(findOp(evaluateStep(input(m.llama3_8b, decode(16, 1000))), 'dense', 'qkv_proj').timeMs).toBe(before.timeMs);
  });
  test('registerKernelTable(key, rows) without a GpuSpec builds the ratios against the GPU that uses the key', () => {
    const rows = parseKernelRows(readFileSync('data/calibration/h100-sxm-80gb.jsonl', 'utf8'));
    const cluster: ClusterSpec = { ...hgx1, gpu: { ...hgx1.gpu, calibration: 'lab-h100' } };
    expect(registerKernelTable('lab-h100', rows)).toBeGreaterThan(400);
    const hit = findOp(evaluateStep(input(m.llama3_8b, decode(16, 1000), undefined, undefined, cluster)), 'dense', 'qkv_proj');
    expect(hit.provenance).toBe('measured');
    clearKernelTables();
    expect(findOp(evaluateStep(input(m.llama3_8b, decode(16, 1000), undefined, undefined, cluster)), 'dense', 'qkv_proj').provenance).toBe('fitted');
  });
  test('unregisterKernelTable forgets one key and keeps the others', () => {
    const rows = parseKernelRows(readFileSync('data/calibration/h100-sxm-80gb.jsonl', 'utf8'));
    const on = (key: string): ClusterSpec => ({ ...hgx1, gpu: { ...hgx1.gpu, calibration: key } });
    registerKernelTable('old-file', rows);
    registerKernelTable('other-file', rows);
    unregisterKernelTable('old-file');
    const provenance = (key: string) => findOp(evaluateStep(input(m.llama3_8b, decode(16, 1000), undefined, undefined, on(key))), 'dense', 'qkv_proj').provenance;
    expect(provenance('old-file')).toBe('fitted');
    expect(provenance('other-file')).toBe('measured');
  });
});
