/**
 * What each number in a document means: the dimensions its unit may have,
 * whether it must be whole, whether zero is allowed, and the largest value any
 * real system has (beyond it a value is reported as absurd). Bounds are
 * deliberately generous: they catch typos (1e12 layers), not design choices.
 */
import type { AstNode } from 'langium';
import {
  isComputeItem, isDtypeRate, isExploreField, isGpuBudget, isGpuField, isLengthItem, isMemoryItem, isModelField,
  isNodesItem, isPool, isPoolField, isSloTarget, isTier, isTierOption, isWorkloadField, type Quantity,
} from './generated/ast.js';
import type { Dimension } from './units.js';

export interface FieldRule {
  /** Shown in messages: `memory capacity`, `tp`. */
  label: string;
  dimensions: Dimension[];
  integer?: boolean;
  allowZero?: boolean;
  /** Largest sensible value, in SI units after conversion. */
  max: number;
}

const count = (label: string, max: number, extra: Partial<FieldRule> = {}): FieldRule =>
  ({ label, dimensions: ['count'], integer: true, max, ...extra });

const MODEL: Record<string, FieldRule> = {
  layers: count('layers', 10_000),
  dense_first: count('dense_first', 10_000, { allowZero: true }),
  hidden: count('hidden', 1_000_000),
  vocab: count('vocab', 10_000_000),
  heads: count('heads', 10_000),
  kv_heads: count('kv_heads', 10_000),
  head_dim: count('head_dim', 100_000),
  q_rank: count('q_rank', 1_000_000, { allowZero: true }),
  kv_rank: count('kv_rank', 1_000_000),
  rope_dim: count('rope_dim', 100_000),
  nope_dim: count('nope_dim', 100_000),
  value_dim: count('value_dim', 100_000),
  experts: count('experts', 1_000_000),
  active: count('active', 100_000),
  shared: count('shared', 10_000, { allowZero: true }),
  expert_ffn: count('expert_ffn', 10_000_000),
  shared_ffn: count('shared_ffn', 10_000_000),
  dense_ffn: count('dense_ffn', 10_000_000),
  sliding_window: { label: 'sliding_window', dimensions: ['tokens', 'count'], integer: true, max: 1e9 },
  sliding_every: count('sliding_every', 10_000),
  topk_tokens: { label: 'topk_tokens', dimensions: ['tokens', 'count'], integer: true, max: 1e9 },
  indexer_heads: count('indexer_heads', 10_000),
  indexer_dim: count('indexer_dim', 100_000),
};

const POOL: Record<string, FieldRule> = {
  gpus: count('gpus', 1_000_000),
  tp: count('tp', 100_000),
  pp: count('pp', 10_000),
  ep: count('ep', 1_000_000),
  attention_dp: count('attention_dp', 1_000_000),
  chunk: { label: 'chunk', dimensions: ['tokens', 'count'], integer: true, max: 1e8 },
  max_batch: count('max_batch', 10_000_000),
  microbatches: count('microbatches', 1_000),
  attention: count('attention', 1_000_000),
  ffn: count('ffn', 1_000_000),
};

/** The rule for a number, from where it stands in the document; undefined for a quantity in an unknown place. */
export function fieldRule(q: Quantity): FieldRule | undefined {
  const c: AstNode | undefined = q.$container;
  const p = q.$containerProperty;
  if (isDtypeRate(c) && isComputeItem(c.$container)) return { label: `${c.dtype} compute`, dimensions: ['flops'], max: 1e18 };
  if (isMemoryItem(c)) {
    return p === 'capacity'
      ? { label: 'memory capacity', dimensions: ['bytes'], max: 1e14 }
      : { label: 'memory bandwidth', dimensions: ['bandwidth'], max: 1e15 };
  }
  if (isGpuField(c)) {
    return c.key === 'sms' ? count('sms', 100_000) : { label: 'vector compute', dimensions: ['flops'], max: 1e18 };
  }
  if (isTier(c)) return { label: `${c.level} bandwidth`, dimensions: ['bandwidth'], max: 1e15 };
  if (isTierOption(c)) {
    switch (c.key) {
      case 'latency': return { label: 'latency', dimensions: ['time'], max: 1, allowZero: true };
      case 'domain': return count('domain', 10_000_000);
      case 'efficiency': return { label: 'efficiency', dimensions: ['fraction'], max: 1 };
      default: return undefined;
    }
  }
  if (isNodesItem(c)) return p === 'nodes' ? count('nodes', 1_000_000) : count('GPUs per node', 100_000);
  if (isModelField(c)) return MODEL[c.key];
  if (isLengthItem(c)) {
    return { label: `${c.which} ${p === 'p90' ? 'p90' : p === 'mean' ? 'mean' : 'length'}`, dimensions: ['tokens', 'count'], max: 1e9 };
  }
  if (isSloTarget(c)) return { label: `${c.metric} SLO`, dimensions: ['time'], max: 3600 };
  if (isWorkloadField(c)) {
    return c.key === 'prefix_reuse'
      ? { label: 'prefix_reuse', dimensions: ['fraction'], max: 1, allowZero: true }
      : { label: 'arrival rate', dimensions: ['rate'], max: 1e7 };
  }
  if (isPool(c)) return count('replicas', 100_000);
  if (isPoolField(c)) return POOL[c.key];
  if (isGpuBudget(c)) return count('gpus up to', 10_000_000);
  if (isExploreField(c)) return c.key === 'limit' ? count('limit', 1e12) : count('max_batch', 10_000_000);
  return undefined;
}
