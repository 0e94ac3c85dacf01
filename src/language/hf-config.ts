/**
 * Reads a Hugging Face `config.json` as users already have it and maps it to
 * the model fields of the language (`layers`, `hidden`, `experts`, ...).
 * Architectures: Llama/Mistral (dense), Mixtral, Qwen2/3 (dense and MoE),
 * DeepSeek-V2/V3/V3.2 (MLA, shared experts, first-k dense, DSA indexer) and
 * gpt-oss (alternating sliding window). Field names follow the transformers
 * configuration classes of each architecture.
 */
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { URI, UriUtils } from 'langium';

export interface HfModelFields {
  fields: Record<string, number>;
  attention: 'gqa' | 'mla';
  tiedEmbeddings: boolean;
  activation: 'swiglu' | 'gelu';
  source: string;
}

export type HfConfigResult =
  | { ok: true; model: HfModelFields }
  | { ok: false; code: 'hfConfigNotFound' | 'hfConfigInvalid'; message: string };

type Json = Record<string, unknown>;

function num(config: Json, ...keys: string[]): number | undefined {
  for (const k of keys) {
    const v = config[k];
    if (typeof v === 'number' && Number.isFinite(v)) return v;
  }
  return undefined;
}

/** Maps a parsed config.json to language fields; throws an Error with a one-line message when it cannot. */
export function hfConfigToFields(config: Json, source: string): HfModelFields {
  // Multimodal wrappers keep the language model under text_config.
  if (typeof config.text_config === 'object' && config.text_config !== null && num(config, 'num_hidden_layers') === undefined) {
    return hfConfigToFields(config.text_config as Json, source);
  }
  const fields: Record<string, number> = {};
  const put = (key: string, value: number | undefined): void => { if (value !== undefined) fields[key] = value; };
  const need = (key: string, ...names: string[]): void => {
    const v = num(config, ...names);
    if (v === undefined) throw new Error(`config.json has no ${names.join(' or ')} (needed for ${key})`);
    fields[key] = v;
  };
  need('layers', 'num_hidden_layers', 'n_layer', 'num_layers');
  need('hidden', 'hidden_size', 'n_embd', 'd_model');
  need('vocab', 'vocab_size');
  need('heads', 'num_attention_heads', 'n_head');
  const isMla = num(config, 'kv_lora_rank') !== undefined;
  if (isMla) {
    put('q_rank', num(config, 'q_lora_rank') ?? 0);
    need('kv_rank', 'kv_lora_rank');
    need('rope_dim', 'qk_rope_head_dim');
    need('nope_dim', 'qk_nope_head_dim');
    need('value_dim', 'v_head_dim');
  } else {
    put('kv_heads', num(config, 'num_key_value_heads') ?? fields.heads);
    put('head_dim', num(config, 'head_dim') ?? fields.hidden / fields.heads);
  }
  const experts = num(config, 'n_routed_experts', 'num_local_experts', 'num_experts');
  const intermediate = num(config, 'intermediate_size', 'n_inner', 'ffn_dim');
  if (experts !== undefined && experts > 0) {
    put('experts', experts);
    need('active', 'num_experts_per_tok', 'experts_per_token', 'moe_topk');
    // Mixtral and gpt-oss size their experts with intermediate_size; DeepSeek and Qwen-MoE with moe_intermediate_size.
    const expertFfn = num(config, 'moe_intermediate_size') ?? intermediate;
    if (expertFfn === undefined) throw new Error('config.json has no moe_intermediate_size or intermediate_size');
    put('expert_ffn', expertFfn);
    put('shared', num(config, 'n_shared_experts') ?? 0);
    const sharedFfn = num(config, 'shared_expert_intermediate_size');
    if (sharedFfn !== undefined) { put('shared', Math.max(1, fields.shared)); put('shared_ffn', sharedFfn); }
    put('dense_first', num(config, 'first_k_dense_replace') ?? 0);
    put('dense_ffn', intermediate ?? expertFfn);
  } else {
    if (intermediate === undefined) throw new Error('config.json has no intermediate_size');
    put('dense_ffn', intermediate);
  }
  // DeepSeek-V3.2 sparse attention: the lightning indexer picks index_topk tokens.
  put('topk_tokens', num(config, 'index_topk'));
  put('indexer_heads', num(config, 'index_n_heads'));
  put('indexer_dim', num(config, 'index_head_dim'));
  const window = num(config, 'sliding_window');
  const layerTypes = Array.isArray(config.layer_types) ? (config.layer_types as unknown[]) : undefined;
  if (window !== undefined && window > 0) {
    if (layerTypes) {
      const sliding = layerTypes.filter((t) => t === 'sliding_attention').length;
      if (sliding > 0) {
        put('sliding_window', window);
        put('sliding_every', Math.max(1, Math.round(layerTypes.length / sliding)));
      }
    } else if (config.use_sliding_window !== false) {
      put('sliding_window', window);
      put('sliding_every', 1);
    }
  }
  const act = String(config.hidden_act ?? config.activation_function ?? 'silu');
  // Gated activations (SwiGLU: silu; gpt-oss's clamped swiglu) use three matrices; plain gelu two.
  const gated = config.model_type === 'gpt_oss' || /silu|swiglu|swish/.test(act) || !/gelu/.test(act);
  return {
    fields,
    attention: isMla ? 'mla' : 'gqa',
    tiedEmbeddings: config.tie_word_embeddings === true,
    activation: gated ? 'swiglu' : 'gelu',
    source,
  };
}

const cache = new Map<string, { mtimeMs: number; result: HfConfigResult }>();

/** Reads `path` relative to the document at `documentUri`; cached by path and modification time. */
export function readHfConfig(documentUri: string, path: string): HfConfigResult {
  const doc = URI.parse(documentUri);
  if (doc.scheme !== 'file') {
    return { ok: false, code: 'hfConfigNotFound', message: `cannot read "${path}": the document is not a file on disk` };
  }
  const target = UriUtils.resolvePath(UriUtils.dirname(doc), path);
  const file = fileURLToPath(target.toString());
  let mtimeMs: number;
  try {
    mtimeMs = statSync(file).mtimeMs;
  } catch {
    return { ok: false, code: 'hfConfigNotFound', message: `cannot read "${path}": no such file` };
  }
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.result;
  let result: HfConfigResult;
  try {
    const config = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new Error('config.json is not a JSON object');
    result = { ok: true, model: hfConfigToFields(config as Json, path) };
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    result = { ok: false, code: 'hfConfigInvalid', message: `"${path}": ${message}` };
  }
  cache.set(file, { mtimeMs, result });
  return result;
}
