import { describe, expect, test } from 'vitest';
import type { InlayHint } from 'vscode-languageserver';
import { createTestServices, estimate } from './helpers.js';
import { SCENARIO } from './fixtures/scenario.js';
import { REPORT_SCHEMA_VERSION } from '../../src/serving/index.js';
import { clusterHint, deploymentHint, exploreHint, modelHint } from '../../src/language/lsp/inlay-hint-provider.js';
import type { ClusterSpec, ModelSpec } from '../../src/engine/types.js';

const LLAMA_70B: ModelSpec = {
  name: 'llama70b', layers: 80, hidden: 8192, vocab: 128256, tiedEmbeddings: false,
  attention: { kind: 'gqa', heads: 64, kvHeads: 8, headDim: 128 }, denseIntermediate: 28672, ffnActivation: 'swiglu',
};

describe('inlay hints', () => {
  test('a deployment with results shows TTFT, TPOT, tokens/s/GPU and its verdict at the end of its header', async () => {
    const services = createTestServices();
    const document = await services.parse(SCENARIO);
    const uri = document.uri.toString();
    services.editor.Estimates.set({
      uri, version: 1, errors: [], engineMs: 2,
      report: { schemaVersion: REPORT_SCHEMA_VERSION, source: uri, deployments: [estimate({ feasible: false })], explorations: [] },
    });
    const hints = await services.Servescope.lsp.InlayHintProvider!.getInlayHints(document, {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(SCENARIO.length) },
    }) as InlayHint[];
    const header = SCENARIO.split('\n').findIndex((l) => l.startsWith('deployment main'));
    const hint = hints.find((h) => h.position.line === header);
    expect(hint?.label).toBe('TTFT 212 ms · TPOT 38.4 ms · 1,450 tok/s/GPU · ✗');
    expect(hint?.position.character).toBe(SCENARIO.split('\n')[header].length);
  });

  test('no results, no deployment hint', async () => {
    const services = createTestServices();
    const document = await services.parse(SCENARIO);
    const hints = await services.Servescope.lsp.InlayHintProvider!.getInlayHints(document, {
      textDocument: { uri: document.uri.toString() }, range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(SCENARIO.length) },
    }) as InlayHint[];
    const header = SCENARIO.split('\n').findIndex((l) => l.startsWith('deployment main'));
    expect(hints.filter((h) => h.position.line === header)).toEqual([]);
  });

  test('labels: deployment, model (parameters, KV bytes/token), cluster (GPUs, FLOPS, HBM)', () => {
    expect(deploymentHint(estimate())).toBe('TTFT 212 ms · TPOT 38.4 ms · 1,450 tok/s/GPU · ✓');
    // Llama 3.1 70B: 70.6B parameters; KV 80 layers x 2 x 8 heads x 128 x 1 byte (fp8) = 163,840 bytes.
    expect(modelHint(LLAMA_70B, { weights: 'fp8', activations: 'bf16', kvCache: 'fp8' })).toBe('70.6B params · KV 164 KB/token (fp8)');
    const moe: ModelSpec = { ...LLAMA_70B, moe: { experts: 8, active: 2, shared: 0, expertIntermediate: 28672, denseFirst: 0 } };
    expect(modelHint(moe, undefined)).toMatch(/params · .*B active · KV 328 KB\/token \(bf16\)$/);
    const cluster: ClusterSpec = {
      name: 'hgx', nodes: 2, gpusPerNode: 8, tiers: [],
      gpu: { name: 'H100', peakFlopsPerSecond: { bf16: 989e12, fp8: 1979e12 }, memoryBytes: 80e9, memoryBandwidthBytesPerSecond: 3.35e12 },
    };
    expect(clusterHint(cluster)).toBe('16 GPUs · 15.8 PFLOPS bf16 · 1.28 TB HBM');
  });

  test('an explored block shows how many candidates were feasible and the best per GPU', () => {
    const point = { gpus: 16, outputTokensPerSecondPerUser: 30, ttftMs: 200, tpotMs: 33, feasible: true, snippet: '' };
    expect(exploreHint({
      name: 'e', candidates: 500, evaluated: 480, feasible: 120, elapsedMs: 800, frontier: [],
      bestPerStrategy: [
        { ...point, strategy: 'aggregated', label: '2x(tp8) batch 64', outputTokensPerSecondPerGpu: 1200 },
        { ...point, strategy: 'disaggregated', label: 'P 1x(tp8) D 1x(tp8)', outputTokensPerSecondPerGpu: 1650 },
      ],
    })).toBe('120/480 feasible · best disaggregated P 1x(tp8) D 1x(tp8): 1,650 tok/s/GPU');
  });
});
