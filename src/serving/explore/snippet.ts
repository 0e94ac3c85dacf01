/**
 * A candidate as scenario text the user can paste back (grammar:
 * language/servescope.langium, `Deployment` and `Pool`), and as a short label.
 */
import type { ParallelLayout, Precision } from '../../engine/types.js';
import type { StrategySpec } from '../types.js';

function layoutFields(l: ParallelLayout): string {
  const parts = [`gpus ${l.tp * l.attentionDp * l.pp}`, `tp ${l.tp}`];
  if (l.pp > 1) parts.push(`pp ${l.pp}`);
  if (l.ep > 1) parts.push(`ep ${l.ep}`);
  if (l.attentionDp > 1) parts.push(`attention_dp ${l.attentionDp}`);
  return parts.join(' ');
}

function replicasText(n: number): string {
  return ` x ${n}`;
}

export function precisionLine(p: Precision): string {
  return `precision ${p.weights} activations ${p.activations} kv ${p.kvCache}`;
}

export interface SnippetNames {
  deployment: string;
  model: string;
  cluster: string;
  workload: string;
}

export function poolLines(s: StrategySpec, batch: number): string[] {
  switch (s.kind) {
    case 'aggregated':
      return [`aggregated${replicasText(s.replicas)} { ${layoutFields(s.instance.layout)} chunk ${s.chunkTokens} tokens max_batch ${batch} }`];
    case 'disaggregated':
      return [
        `prefill${replicasText(s.prefill.replicas)} { ${layoutFields(s.prefill.instance.layout)} }`,
        `decode${replicasText(s.decode.replicas)} { ${layoutFields(s.decode.instance.layout)} max_batch ${batch} }`,
      ];
    case 'afd': {
      const d = s.decode;
      const attention = [`attention ${d.attention.gpus} gpus`];
      if (d.attention.tp > 1) attention.push(`tp ${d.attention.tp}`);
      if (d.attention.attentionDp > 1) attention.push(`attention_dp ${d.attention.attentionDp}`);
      return [
        `prefill${replicasText(s.prefill.replicas)} { ${layoutFields(s.prefill.instance.layout)} }`,
        `decode${d.replicas > 1 ? replicasText(d.replicas) : ''} afd { ${attention.join(' ')} ffn ${d.ffn.gpus} gpus ep ${d.ffn.ep} microbatches ${d.microbatches} max_batch ${batch} }`,
      ];
    }
  }
}

export function deploymentSnippet(names: SnippetNames, precision: Precision, s: StrategySpec, batch: number): string {
  return [
    `deployment ${names.deployment} serves ${names.model} on ${names.cluster} for ${names.workload} {`,
    `  ${precisionLine(precision)}`,
    ...poolLines(s, batch).map((l) => `  ${l}`),
    '}',
  ].join('\n');
}

function shortLayout(l: ParallelLayout): string {
  const parts = [`tp${l.tp}`];
  if (l.pp > 1) parts.push(`pp${l.pp}`);
  if (l.ep > 1) parts.push(`ep${l.ep}`);
  if (l.attentionDp > 1) parts.push(`dp${l.attentionDp}`);
  return parts.join(' ');
}

/** "P 2x(tp8) D 1x(ep16 dp16) batch 128" */
export function candidateLabel(s: StrategySpec, batch: number): string {
  switch (s.kind) {
    case 'aggregated':
      return `A ${s.replicas}x(${shortLayout(s.instance.layout)}) chunk ${s.chunkTokens} batch ${batch}`;
    case 'disaggregated':
      return `P ${s.prefill.replicas}x(${shortLayout(s.prefill.instance.layout)}) D ${s.decode.replicas}x(${shortLayout(s.decode.instance.layout)}) batch ${batch}`;
    case 'afd': {
      const d = s.decode;
      return `P ${s.prefill.replicas}x(${shortLayout(s.prefill.instance.layout)}) AFD ${d.replicas}x(A${d.attention.gpus} tp${d.attention.tp} F${d.ffn.gpus} k${d.microbatches}) batch ${batch}`;
    }
  }
}
