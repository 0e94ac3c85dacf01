/**
 * Every inlay hint label fits VS Code's default `editor.inlayHints.maximumLength`
 * (MAX_HINT_CHARACTERS): over the examples and the built-in library with real
 * engine results (estimates and explore runs), and over extreme figures.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { URI, type LangiumDocument } from 'langium';
import { NodeFileSystem } from 'langium/node';
import type { InlayHint, MarkupContent } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { createServescopeServices, editorServices } from '../../src/language/lsp/lsp-module.js';
import { ensureLibrary } from '../../src/language/library.js';
import { lowerDocument } from '../../src/language/lowering.js';
import { runEstimate } from '../../src/language/lsp/engine-runner.js';
import { clusterHint, exploreHint, MAX_HINT_CHARACTERS, modelHint } from '../../src/language/lsp/inlay-hint-provider.js';
import * as ast from '../../src/language/generated/ast.js';
import type { ExploreResult, FrontierPoint, StrategyKind } from '../../src/serving/index.js';
import type { ClusterSpec, Dtype, ModelSpec } from '../../src/engine/types.js';
import type { Document } from '../../src/language/generated/ast.js';

/**
 * The examples' explore blocks search up to 1.8M candidates (up to 6 s each
 * on one core); at most 16 GPUs and batch 64 keep the test short and still
 * give real results of the same blocks (counts, best points per strategy).
 */
const EXPLORE_MAX_GPUS = 16;
const EXPLORE_MAX_BATCH = 64;

async function hintsOf(services: ReturnType<typeof createServescopeServices>, document: LangiumDocument): Promise<InlayHint[]> {
  const end = document.textDocument.positionAt(document.textDocument.getText().length);
  return await services.Servescope.lsp.InlayHintProvider!.getInlayHints(document, {
    textDocument: { uri: document.uri.toString() }, range: { start: { line: 0, character: 0 }, end },
  }) as InlayHint[];
}

function labelText(hint: InlayHint): string {
  return typeof hint.label === 'string' ? hint.label : hint.label.map((part) => part.value).join('');
}

describe('inlay hint length', () => {
  test('every hint over examples/*.serve and the library, with real estimates and explore results, fits', async () => {
    const services = createServescopeServices({ ...NodeFileSystem });
    const editor = editorServices(services.Servescope);
    const { LangiumDocuments, DocumentBuilder } = services.shared.workspace;
    const library = ensureLibrary(services.shared);
    const examples = await Promise.all(readdirSync('examples').filter((f) => f.endsWith('.serve')).sort()
      .map((f) => LangiumDocuments.getOrCreateDocument(URI.file(resolve('examples', f))) as Promise<LangiumDocument<Document>>));
    await DocumentBuilder.build([...library, ...examples], { validation: true });

    let explored = 0;
    for (const document of examples) {
      expect((document.diagnostics ?? []).filter((d) => d.severity === DiagnosticSeverity.Error), document.uri.path).toEqual([]);
      const scenario = lowerDocument(document.parseResult.value);
      scenario.explorations = scenario.explorations.map((e) =>
        ({ ...e, maxGpus: Math.min(e.maxGpus, EXPLORE_MAX_GPUS), maxBatch: Math.min(e.maxBatch ?? Infinity, EXPLORE_MAX_BATCH) }));
      const uri = document.uri.toString();
      const report = runEstimate({ scenario, source: uri, skipExplore: false }, () => false);
      editor.Estimates.set({ uri, version: 1, errors: [], engineMs: 0, report });
      explored += report.explorations.length;
    }
    // The examples explore (deepseek-v3-strategies, deepseek-v32-afd, serving-plan): explore hints are covered.
    expect(explored).toBeGreaterThanOrEqual(3);

    const kinds = new Map<string, number>();
    for (const document of [...library, ...examples]) {
      const root = document.parseResult.value as Document;
      const headers = new Map(root.elements.map((e) => [e.$cstNode?.range.start.line, e.$type]));
      for (const hint of await hintsOf(services, document)) {
        const label = labelText(hint);
        expect(label.length, `${document.uri.path}:${hint.position.line + 1} "${label}"`).toBeLessThanOrEqual(MAX_HINT_CHARACTERS);
        expect((hint.tooltip as MarkupContent | undefined)?.value, label).toBeTruthy();
        const kind = headers.get(hint.position.line) ?? 'other';
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      }
    }
    // Not vacuous: hints of every kind were produced (each explore block, every deployment).
    const count = (is: (e: unknown) => boolean) => examples.reduce((n, d) => n + d.parseResult.value.elements.filter(is).length, 0);
    expect(kinds.get(ast.Explore.$type)).toBe(count(ast.isExplore));
    expect(kinds.get(ast.Deployment.$type)).toBe(count(ast.isDeployment));
    expect(kinds.get(ast.Model.$type)).toBeGreaterThan(10);
    expect(kinds.get(ast.Cluster.$type)).toBeGreaterThan(5);
  }, 60_000);

  const point = (strategy: StrategyKind, rate: number): FrontierPoint => ({
    strategy, gpus: 16, outputTokensPerSecondPerUser: 30, ttftMs: 200, tpotMs: 33, feasible: true, snippet: '',
    label: 'P 12x(tp8 ep16 dp2) D 31x(tp4 ep64 attention_dp16) batch 1024', outputTokensPerSecondPerGpu: rate,
  });

  test('explore hints fit for any counts, rates and strategy', () => {
    const counts = [0, 7, 999, 9_999, 43_020, 262_560, 1_820_280, 99_999_999, 1e9];
    const rates = [0, 0.000_001_23, 0.000_123, 0.05, 87.24, 999.5, 3_200, 12_345, 123_456, 9_876_543];
    const strategies: StrategyKind[] = ['aggregated', 'disaggregated', 'afd'];
    for (const evaluated of counts) for (const feasible of counts.filter((c) => c <= evaluated)) {
      for (const rate of rates) for (const strategy of strategies) {
        const result: ExploreResult = {
          name: 'e', candidates: evaluated * 10, evaluated, feasible, elapsedMs: 1, frontier: [], bestPerStrategy: [point(strategy, rate)],
        };
        const label = exploreHint(result);
        expect(label.length, label).toBeLessThanOrEqual(MAX_HINT_CHARACTERS);
        expect(label).toMatch(/ feasible · best /);
      }
      expect(exploreHint({ name: 'e', candidates: evaluated, evaluated, feasible, elapsedMs: 1, frontier: [], bestPerStrategy: [] }).length)
        .toBeLessThanOrEqual(MAX_HINT_CHARACTERS);
    }
  });

  test('model hints fit from 1M to 10T parameters, dense and MoE, any KV precision', () => {
    const dtypes: Dtype[] = ['fp32', 'bf16', 'fp16', 'fp8', 'int8', 'fp4', 'int4'];
    for (const hidden of [64, 1024, 8192, 65_536]) for (const layers of [1, 61, 126, 1000]) {
      const dense: ModelSpec = {
        name: 'm', layers, hidden, vocab: 128_256, tiedEmbeddings: false,
        attention: { kind: 'gqa', heads: 64, kvHeads: 64, headDim: hidden / 64 }, denseIntermediate: hidden * 4, ffnActivation: 'swiglu',
      };
      const moe: ModelSpec = { ...dense, moe: { experts: 256, active: 8, shared: 1, expertIntermediate: hidden / 2, denseFirst: 3 } };
      for (const spec of [dense, moe]) for (const kvCache of dtypes) {
        const label = modelHint(spec, { weights: 'bf16', activations: 'bf16', kvCache });
        expect(label.length, label).toBeLessThanOrEqual(MAX_HINT_CHARACTERS);
        expect(label).toMatch(new RegExp(`^\\S+ .*KV \\S+ \\S+/tok(en)? \\(${kvCache}\\)$`));
      }
    }
  });

  test('cluster hints fit from 1 GPU to a million', () => {
    for (const nodes of [1, 2, 18, 1_000, 12_500, 131_072]) for (const gpusPerNode of [1, 8, 72]) {
      for (const peak of [{ bf16: 989e12, fp8: 1979e12 }, { fp8: 5e15 }, {}]) {
        const cluster: ClusterSpec = {
          name: 'c', nodes, gpusPerNode, tiers: [],
          gpu: { name: 'B200', peakFlopsPerSecond: peak, memoryBytes: 192e9, memoryBandwidthBytesPerSecond: 8e12 },
        };
        const label = clusterHint(cluster);
        expect(label.length, label).toBeLessThanOrEqual(MAX_HINT_CHARACTERS);
        expect(label).toMatch(/^\S+ GPUs · .* HBM$/);
      }
    }
  });
});
