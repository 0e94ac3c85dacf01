import { describe, expect, test } from 'vitest';
import type { InlayHint, MarkupContent } from 'vscode-languageserver';
import { createTestServices, estimate } from './helpers.js';
import { SCENARIO } from './fixtures/scenario.js';
import { REPORT_SCHEMA_VERSION } from '../../src/serving/index.js';
import { clusterHint, clusterHintTooltip, deploymentHint, exploreHint, exploreHintTooltip, MAX_HINT_CHARACTERS, modelHint, modelHintTooltip } from '../../src/language/lsp/inlay-hint-provider.js';
import { EngineScheduler } from '../../src/language/lsp/engine-scheduler.js';
import { InProcessEngineRunner } from '../../src/language/lsp/engine-runner.js';
import { DEFAULT_SETTINGS } from '../../src/protocol.js';
import { formatDurationCompact, formatRateCompact } from '../../src/language/lsp/format-figures.js';
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
      report: {
        schemaVersion: REPORT_SCHEMA_VERSION, source: uri, explorations: [],
        deployments: [estimate({ feasible: false, violations: [{ metric: 'tpot', value: 38.4, objective: 30, message: 'TPOT 38.4 ms > 30 ms objective' }] })],
      },
    });
    const hints = await services.Servescope.lsp.InlayHintProvider!.getInlayHints(document, {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(SCENARIO.length) },
    }) as InlayHint[];
    const header = SCENARIO.split('\n').findIndex((l) => l.startsWith('deployment main'));
    const hint = hints.find((h) => h.position.line === header);
    expect(hint?.label).toBe('TTFT 212ms · TPOT 38.4ms · 1450 tok/s/GPU ✗');
    expect(hint?.position.character).toBe(SCENARIO.split('\n')[header].length);
    // What the label has no room for is in the tooltip: throughput in total and per user, the SLO missed.
    const tooltip = hint?.tooltip as MarkupContent;
    expect(tooltip.kind).toBe('markdown');
    expect(tooltip.value).toContain('23,200 tok/s total');
    expect(tooltip.value).toContain('26 tok/s per user');
    expect(tooltip.value).toContain('- TPOT 38.4 ms > 30 ms objective');
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
    expect(deploymentHint(estimate())).toBe('TTFT 212ms · TPOT 38.4ms · 1450 tok/s/GPU ✓');
    // Llama 3.1 70B: 70.6B parameters; KV 80 layers x 2 x 8 heads x 128 x 1 byte (fp8) = 163,840 bytes.
    expect(modelHint(LLAMA_70B, { weights: 'fp8', activations: 'bf16', kvCache: 'fp8' })).toBe('70.6B params · KV 164 KB/token (fp8)');
    const moe: ModelSpec = { ...LLAMA_70B, moe: { experts: 8, active: 2, shared: 0, expertIntermediate: 28672, denseFirst: 0 } };
    // MoE: "<total> params · <active> active · KV 328 KB/token (bf16)" would be 50 characters.
    expect(modelHint(moe, undefined)).toMatch(/^\d+B, \d+(\.\d+)?B active · KV 328 KB\/tok \(bf16\)$/);
    const tiny: ModelSpec = { ...LLAMA_70B, layers: 2, hidden: 1024, attention: { kind: 'gqa', heads: 8, kvHeads: 8, headDim: 128 }, denseIntermediate: 4096, vocab: 32000 };
    expect(modelHint({ ...tiny, moe: { experts: 8, active: 2, shared: 0, expertIntermediate: 1024, denseFirst: 0 } }, undefined))
      .toBe('124M, 53.8M active · KV 8.19 KB/tok (bf16)');
    const cluster: ClusterSpec = {
      name: 'hgx', nodes: 2, gpusPerNode: 8, tiers: [],
      gpu: { name: 'H100', peakFlopsPerSecond: { bf16: 989e12, fp8: 1979e12 }, memoryBytes: 80e9, memoryBandwidthBytesPerSecond: 3.35e12 },
    };
    expect(clusterHint(cluster)).toBe('16 GPUs · 15.8 PFLOPS bf16 · 1.28 TB HBM');
    expect(clusterHintTooltip(cluster).value).toBe('**cluster hgx**: 2 x 8 x H100 = 16 GPUs; 15.8 PFLOPS bf16; 1.28 TB HBM at 3.35 TB/s per GPU');
    expect(modelHintTooltip('llama70b', LLAMA_70B, { weights: 'fp8', activations: 'bf16', kvCache: 'fp8' }).value)
      .toBe('**model llama70b**: 70.6B parameters; KV cache 164 KB per token in fp8');
    // A GPU count whose FLOPS and HBM would not fit keeps the count and the HBM.
    expect(clusterHint({ ...cluster, nodes: 131_072, gpusPerNode: 8, gpu: { ...cluster.gpu, peakFlopsPerSecond: { fp8: 1979e12 } } }))
      .toBe('1048576 GPUs · 2075 EFLOPS · 83886 TB HBM');
  });

  test('an explored block shows how many candidates were feasible and the best per GPU; its configuration is in the tooltip', () => {
    const point = { gpus: 16, outputTokensPerSecondPerUser: 30, ttftMs: 200, tpotMs: 33, feasible: true, snippet: '' };
    const result = {
      name: 'e', candidates: 500, evaluated: 480, feasible: 120, elapsedMs: 800, frontier: [], pruned: 20,
      bestPerStrategy: [
        { ...point, strategy: 'aggregated' as const, label: '2x(tp8) batch 64', outputTokensPerSecondPerGpu: 1200 },
        { ...point, strategy: 'disaggregated' as const, label: 'P 1x(tp8) D 1x(tp8)', outputTokensPerSecondPerGpu: 1650 },
      ],
    };
    expect(exploreHint(result)).toBe('120/480 feasible · best P/D 1650 tok/s/GPU');
    const tooltip = exploreHintTooltip(result).value;
    expect(tooltip).toContain('**explore e**: 120 of 480 evaluated candidates feasible (500 candidates, 20 pruned; 800 ms)');
    // Best first, strategies spelled out, with the configuration the label has no room for.
    expect(tooltip.indexOf('- best disaggregated: P 1x(tp8) D 1x(tp8) on 16 GPUs · 1,650 tok/s/GPU')).toBeGreaterThan(0);
    expect(tooltip.indexOf('- best aggregated: 2x(tp8) batch 64')).toBeGreaterThan(tooltip.indexOf('- best disaggregated'));
    // Two four-digit counts leave no room for the evaluated count; a search that found nothing has no best.
    expect(exploreHint({ ...result, evaluated: 9_660, feasible: 9_660 })).toBe('9660 feasible · best P/D 1650 tok/s/GPU');
    expect(exploreHint({ ...result, evaluated: 43_020, feasible: 9_660 })).toBe('9660/43K feasible · best P/D 1650 tok/s/GPU');
    const at357 = [{ ...result.bestPerStrategy[1], outputTokensPerSecondPerGpu: 357 }];
    expect(exploreHint({ ...result, evaluated: 262_560, feasible: 256_592, bestPerStrategy: at357 })).toBe('257K/263K feasible · best P/D 357 tok/s/GPU');
    const refused = { ...result, evaluated: 0, feasible: 0, bestPerStrategy: [], message: 'explore e: 1,820,280 candidates exceed the limit of 1,000,000; nothing was evaluated' };
    expect(exploreHint(refused)).toBe('0/0 feasible');
    // Why nothing was evaluated is in the tooltip, under the counts.
    expect(exploreHintTooltip(refused).value.split('\n\n')[1]).toBe(refused.message);
  });

  test('a real explore run of a small block puts its hint on the explore header', async () => {
    const services = createTestServices();
    const text = `${SCENARIO}
explore small serves llama70b on hgx for chat {
  strategies aggregated, disaggregated
  gpus up to 8
  max_batch 32
}
`;
    const document = await services.parse(text);
    const uri = document.uri.toString();
    const scheduler = new EngineScheduler({
      shared: services.shared, store: services.editor.Estimates, runner: new InProcessEngineRunner(), settings: () => DEFAULT_SETTINGS,
    });
    const answer = await scheduler.explore(uri);
    const result = answer.report!.explorations[0];
    expect(result.evaluated).toBeGreaterThan(0);
    const best = [...result.bestPerStrategy].sort((a, b) => b.outputTokensPerSecondPerGpu - a.outputTokensPerSecondPerGpu)[0];
    const hints = await services.Servescope.lsp.InlayHintProvider!.getInlayHints(document, {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: document.textDocument.positionAt(text.length) },
    }) as InlayHint[];
    const header = text.split('\n').findIndex((l) => l.startsWith('explore small'));
    const hint = hints.find((h) => h.position.line === header);
    expect(hint?.label).toBe(exploreHint(result));
    expect(hint?.label).toMatch(new RegExp(`^${result.feasible}/${result.evaluated} feasible · best (agg|P/D) ${formatRateCompact(best.outputTokensPerSecondPerGpu)} tok/s/GPU$`));
    expect((hint?.label as string).length).toBeLessThanOrEqual(MAX_HINT_CHARACTERS);
    expect((hint?.tooltip as MarkupContent).value).toContain(`- best ${best.strategy}: ${best.label} on ${best.gpus} GPUs`);
  }, 30_000);

  test('deployment hints fit VS Code\'s default maximum length (43), falling back to 2 significant figures', () => {
    // The brief's example figures, and the same at 3 significant figures.
    expect(deploymentHint(estimate({ ttftMs: 2000, tpotMs: 22, outputTokensPerSecondPerGpu: 87 }))).toBe('TTFT 2s · TPOT 22ms · 87 tok/s/GPU ✓');
    expect(deploymentHint(estimate({ ttftMs: 2046, tpotMs: 22.41, outputTokensPerSecondPerGpu: 87.24 }))).toBe('TTFT 2.05s · TPOT 22.4ms · 87.2 tok/s/GPU ✓');
    // Three figures everywhere would be 45 characters: two it is.
    expect(deploymentHint(estimate({ ttftMs: 38.44, tpotMs: 12.34, outputTokensPerSecondPerGpu: 12_345, feasible: false })))
      .toBe('TTFT 38ms · TPOT 12ms · 12K tok/s/GPU ✗');
    const extremes = [0, 0.000_4, 0.912, 9.99, 38.44, 999.7, 1234.5, 99_999, 3_599_999, 1e9, Infinity];
    const rates = [0, 0.05, 87.24, 999.5, 1450, 12_345, 123_456, 9_876_543];
    for (const ttftMs of extremes) for (const tpotMs of extremes) for (const rate of rates) {
      const label = deploymentHint(estimate({ ttftMs, tpotMs, outputTokensPerSecondPerGpu: rate }));
      expect(label.length, label).toBeLessThanOrEqual(MAX_HINT_CHARACTERS);
      expect(label).toMatch(/^TTFT \S+ · TPOT \S+ · \S+ tok\/s\/GPU ✓$/);
    }
  });

  test('compact figures: 3 significant digits, units chosen after rounding', () => {
    expect(formatDurationCompact(212)).toBe('212ms');
    expect(formatDurationCompact(0.912)).toBe('912µs');
    expect(formatDurationCompact(999.7)).toBe('1s');
    expect(formatDurationCompact(2046)).toBe('2.05s');
    expect(formatDurationCompact(7_200_000)).toBe('2h');
    expect(formatDurationCompact(Infinity)).toBe('∞');
    expect(formatRateCompact(1450)).toBe('1450');
    expect(formatRateCompact(12_345)).toBe('12.3K');
    expect(formatRateCompact(9_999_999)).toBe('10M');
  });
});
