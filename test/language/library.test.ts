import { describe, expect, it } from 'vitest';
import { isCluster, isGpu, isModel, isWorkload, type Document } from '../../src/language/generated/ast.js';
import { Resolver } from '../../src/language/resolve.js';
import { LIBRARY_FILES, libraryUri } from '../../src/language/library.js';
import { libraryReady, services } from './helpers.js';
import * as fixtures from '../fixtures/models.js';
import type { ModelSpec } from '../../src/engine/types.js';
import { parameterCount } from '../../src/engine/parameters.js';

async function libraryDoc(file: string): Promise<Document> {
  await libraryReady();
  const doc = services.shared.workspace.LangiumDocuments.getDocument(libraryUri(file))!;
  return doc.parseResult.value as Document;
}

describe('built-in library', () => {
  for (const file of Object.keys(LIBRARY_FILES)) {
    it(`${file} parses and validates without any diagnostic`, async () => {
      await libraryReady();
      const doc = services.shared.workspace.LangiumDocuments.getDocument(libraryUri(file))!;
      expect(doc.parseResult.parserErrors).toEqual([]);
      expect((doc.diagnostics ?? []).map((d) => `${d.range.start.line + 1}: ${d.message}`)).toEqual([]);
    });
  }

  it('has every GPU, cluster, model and workload the issue lists, each with a source', async () => {
    const names = async (file: string) => (await libraryDoc(file)).elements.map((e) => e.name);
    expect(await names('gpus.serve')).toEqual(expect.arrayContaining(['H100_SXM', 'H800', 'H200', 'B200', 'GB200', 'MI300X']));
    expect(await names('clusters.serve')).toEqual(expect.arrayContaining(['hgx_h100_8', 'h100_rack_32', 'hgx_h200_8', 'gb200_nvl72']));
    expect(await names('models.serve')).toEqual(expect.arrayContaining(['llama3_1_8b', 'llama3_1_70b', 'llama3_1_405b', 'llama3_8b', 'llama3_70b', 'mixtral_8x7b', 'deepseek_v3', 'deepseek_v32', 'qwen3_235b_a22b', 'gpt_oss_120b']));
    expect(await names('workloads.serve')).toEqual(['chat', 'coding', 'agentic_coding']);
    const r = new Resolver();
    for (const file of Object.keys(LIBRARY_FILES)) {
      for (const e of (await libraryDoc(file)).elements) {
        const spec = isGpu(e) ? r.gpu(e).value : isModel(e) ? r.model(e).value : isWorkload(e) ? r.workload(e).value : undefined;
        if (spec) expect((spec as { source?: string }).source, e.name).toMatch(/\w{5}/);
        if (isCluster(e)) expect(r.cluster(e).value, e.name).toBeDefined();
      }
    }
  });

  it('carries the same model figures as the engine test fixtures (Hugging Face configs)', async () => {
    const doc = await libraryDoc('models.serve');
    const r = new Resolver();
    const byName = new Map(doc.elements.filter(isModel).map((m) => [m.name, r.model(m).value!]));
    const strip = ({ name: _n, source: _s, ...rest }: ModelSpec) => rest;
    for (const fixture of Object.values(fixtures) as ModelSpec[]) {
      expect(strip(byName.get(fixture.name)!), fixture.name).toEqual(strip(fixture));
    }
  });

  it('gives published parameter counts (DeepSeek-V3 671B, Llama-3.1-70B 70.6B)', async () => {
    const doc = await libraryDoc('models.serve');
    const r = new Resolver();
    const model = (n: string) => r.model(doc.elements.filter(isModel).find((m) => m.name === n)!).value!;
    expect(parameterCount(model('deepseek_v3')).total / 1e9).toBeCloseTo(671, -1);
    expect(parameterCount(model('llama3_70b')).total / 1e9).toBeCloseTo(70.6, 0);
  });

  it('has NVL72 as one 72-GPU NVLink domain and agentic coding with long, reused inputs', async () => {
    const r = new Resolver();
    const nvl = (await libraryDoc('clusters.serve')).elements.filter(isCluster).find((c) => c.name === 'gb200_nvl72')!;
    expect(r.cluster(nvl).value!.tiers[0].domainGpus).toBe(72);
    const agentic = (await libraryDoc('workloads.serve')).elements.filter(isWorkload).find((w) => w.name === 'agentic_coding')!;
    const w = r.workload(agentic).value!;
    expect(w.inputTokens.mean).toBeGreaterThanOrEqual(16384);
    expect(w.prefixReuse).toBeGreaterThanOrEqual(0.8);
  });
});
