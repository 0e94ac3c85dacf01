import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hfConfigToFields } from '../../src/language/hf-config.js';
import { loadScenarioFile, formatDiagnostic } from '../../src/cli/load.js';
import { isModel } from '../../src/language/generated/ast.js';
import { Resolver } from '../../src/language/resolve.js';
import type { ModelSpec } from '../../src/engine/types.js';
import { deepseekV32, gptOss120b, llama3_70b, mixtral8x7b, qwen3_235b } from '../fixtures/models.js';

// The fields of the published config.json files that matter (others omitted).
const configs: Record<string, [Record<string, unknown>, ModelSpec]> = {
  llama: [{
    model_type: 'llama', num_hidden_layers: 80, hidden_size: 8192, vocab_size: 128256, num_attention_heads: 64,
    num_key_value_heads: 8, intermediate_size: 28672, hidden_act: 'silu', tie_word_embeddings: false,
  }, llama3_70b],
  mixtral: [{
    model_type: 'mixtral', num_hidden_layers: 32, hidden_size: 4096, vocab_size: 32000, num_attention_heads: 32,
    num_key_value_heads: 8, intermediate_size: 14336, num_local_experts: 8, num_experts_per_tok: 2, hidden_act: 'silu',
    sliding_window: null, tie_word_embeddings: false,
  }, mixtral8x7b],
  qwen3_moe: [{
    model_type: 'qwen3_moe', num_hidden_layers: 94, hidden_size: 4096, vocab_size: 151936, num_attention_heads: 64,
    num_key_value_heads: 4, head_dim: 128, intermediate_size: 12288, moe_intermediate_size: 1536, num_experts: 128,
    num_experts_per_tok: 8, sliding_window: null, use_sliding_window: false, tie_word_embeddings: false,
  }, qwen3_235b],
  deepseek_v32: [{
    model_type: 'deepseek_v32', num_hidden_layers: 61, hidden_size: 7168, vocab_size: 129280, num_attention_heads: 128,
    num_key_value_heads: 128, q_lora_rank: 1536, kv_lora_rank: 512, qk_rope_head_dim: 64, qk_nope_head_dim: 128,
    v_head_dim: 128, intermediate_size: 18432, moe_intermediate_size: 2048, n_routed_experts: 256, n_shared_experts: 1,
    num_experts_per_tok: 8, first_k_dense_replace: 3, index_topk: 2048, index_n_heads: 64, index_head_dim: 128,
    hidden_act: 'silu', tie_word_embeddings: false,
  }, deepseekV32],
  gpt_oss: [{
    model_type: 'gpt_oss', num_hidden_layers: 36, hidden_size: 2880, vocab_size: 201088, num_attention_heads: 64,
    num_key_value_heads: 8, head_dim: 64, intermediate_size: 2880, num_local_experts: 128, num_experts_per_tok: 4,
    experts_per_token: 4, sliding_window: 128, hidden_act: 'silu', tie_word_embeddings: false,
    layer_types: Array.from({ length: 36 }, (_, i) => (i % 2 === 0 ? 'sliding_attention' : 'full_attention')),
  }, gptOss120b],
};

describe('Hugging Face config.json', () => {
  const dir = mkdtempSync(join(tmpdir(), 'servescope-hf-'));
  for (const [name, [config]] of Object.entries(configs)) writeFileSync(join(dir, `${name}.json`), JSON.stringify(config));

  for (const [name, [, expected]] of Object.entries(configs)) {
    it(`reads a ${name} config into the same model as the library`, async () => {
      writeFileSync(join(dir, `${name}.serve`), `model m from "./${name}.json"\n`);
      const r = await loadScenarioFile(join(dir, `${name}.serve`));
      expect(r.diagnostics.map(formatDiagnostic)).toEqual([]);
      const model = new Resolver().model(r.document.parseResult.value.elements.find(isModel)!).value!;
      const { name: _a, source, ...rest } = model;
      const { name: _b, source: _c, ...want } = expected;
      expect(rest).toEqual(want);
      expect(source).toBe(`Hugging Face config ./${name}.json`);
    });
  }

  it('lets a document override fields of a config', async () => {
    writeFileSync(join(dir, 'override.serve'), 'model m from "./llama.json" { layers 40 tied_embeddings }\n');
    const r = await loadScenarioFile(join(dir, 'override.serve'));
    const model = new Resolver().model(r.document.parseResult.value.elements.find(isModel)!).value!;
    expect(model.layers).toBe(40);
    expect(model.tiedEmbeddings).toBe(true);
    expect(model.hidden).toBe(8192);
  });

  it('reports a config without the fields a model needs, at `from`', async () => {
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ model_type: 'llama', hidden_size: 10 }));
    writeFileSync(join(dir, 'bad.serve'), 'model m from "./bad.json"\n');
    const r = await loadScenarioFile(join(dir, 'bad.serve'));
    expect(r.diagnostics.map((d) => `${d.line}:${d.col} ${d.code} ${d.message}`)).toEqual([
      '1:14 hfConfigInvalid "./bad.json": config.json has no num_hidden_layers or n_layer or num_layers (needed for layers)',
    ]);
  });

  it('reports a file that is not JSON', async () => {
    writeFileSync(join(dir, 'notjson.json'), '{ nope');
    writeFileSync(join(dir, 'notjson.serve'), 'model m from "./notjson.json"\n');
    const r = await loadScenarioFile(join(dir, 'notjson.serve'));
    expect(r.diagnostics[0].code).toBe('hfConfigInvalid');
  });

  it('maps gelu activations to two-matrix FFNs', () => {
    const f = hfConfigToFields({ num_hidden_layers: 2, hidden_size: 64, vocab_size: 100, num_attention_heads: 4, intermediate_size: 256, activation_function: 'gelu_new' }, 'x');
    expect(f.activation).toBe('gelu');
    expect(f.fields).toMatchObject({ kv_heads: 4, head_dim: 16, dense_ffn: 256 });
  });
});
