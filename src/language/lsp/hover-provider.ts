/**
 * Hover with the derivation: on a deployment, the step breakdown's top
 * operators with what bounds them and where the number comes from; on a GPU,
 * model or cluster (declared here, imported, or from the library), its
 * datasheet figures and source.
 */
import { AstUtils, CstUtils, GrammarAST, type AstNode, type LangiumDocument } from 'langium';
import { AstNodeHoverProvider, type LangiumServices } from 'langium/lsp';
import type { Hover, HoverParams } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { kvCacheBytesPerToken, parameterCount } from '../../engine/index.js';
import type { DeploymentEstimate, ExploreResult } from '../../serving/index.js';
import type { StepBreakdown } from '../../engine/types.js';
import { topOperators } from './engine-findings.js';
import { KEYWORD_DOCS } from './keyword-docs.js';
import { formatBandwidth, formatBytes, formatCount, formatFlops, formatMs, formatPercent, formatRate } from './format-figures.js';
import type { EstimateStore } from './estimate-store.js';
import type { ScenarioSpecs } from './scenario-specs.js';

export interface HoverServices {
  Estimates: EstimateStore;
  Specs: ScenarioSpecs;
}

export class ServescopeHoverProvider extends AstNodeHoverProvider {
  /** The document the hover was asked in (its results and specs come first). */
  private hoverDocument: LangiumDocument | undefined;

  constructor(services: LangiumServices, private readonly editor: HoverServices) {
    super(services);
  }

  override async getHoverContent(document: LangiumDocument, params: HoverParams): Promise<Hover | undefined> {
    this.hoverDocument = document;
    try {
      return await super.getHoverContent(document, params) ?? this.keywordHover(document, params);
    } finally {
      this.hoverDocument = undefined;
    }
  }

  /** A field keyword (`tp`, `slo`, `scaleup`, ...): what it means. */
  private keywordHover(document: LangiumDocument, params: HoverParams): Hover | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const leaf = CstUtils.findLeafNodeAtOffset(root, document.textDocument.offsetAt(params.position));
    if (!leaf || !GrammarAST.isKeyword(leaf.grammarSource)) return undefined;
    const doc = KEYWORD_DOCS[leaf.text];
    return doc ? { contents: { kind: 'markdown', value: `\`${leaf.text}\`: ${doc}` }, range: leaf.range } : undefined;
  }

  protected getAstNodeHoverContent(node: AstNode): string | undefined {
    if (ast.isDeployment(node)) return this.deploymentHover(node);
    if (ast.isExplore(node)) return this.exploreHover(node);
    if (ast.isGpu(node)) return this.gpuHover(node);
    if (ast.isModel(node)) return this.modelHover(node);
    if (ast.isCluster(node)) return this.clusterHover(node);
    if (ast.isWorkload(node)) return declarationHover('workload', node);
    return undefined;
  }

  private deploymentHover(node: ast.Deployment): string {
    const uri = AstUtils.getDocument(node).uri.toString();
    const estimate = this.editor.Estimates.deployment(uri, node.name);
    const header = `**deployment ${node.name}** serves \`${node.model?.$refText ?? '?'}\` on \`${node.cluster?.$refText ?? '?'}\` for \`${node.workload?.$refText ?? '?'}\``;
    if (!estimate) return `${header}\n\n_No estimate yet: the engine runs on save when the document has no errors._`;
    return [header, deploymentSummary(estimate), stepTable('Decode step', estimate.decode), stepTable('Prefill step', estimate.prefill)]
      .filter(Boolean).join('\n\n');
  }

  private exploreHover(node: ast.Explore): string {
    const uri = AstUtils.getDocument(node).uri.toString();
    const result = this.editor.Estimates.lastReport(uri)?.report?.explorations.find((e) => e.name === node.name);
    const header = `**explore ${node.name}** serves \`${node.model?.$refText ?? '?'}\` on \`${node.cluster?.$refText ?? '?'}\` for \`${node.workload?.$refText ?? '?'}\``;
    if (!result) return `${header}\n\n_Not explored yet: run \`servescope: Explore\` (request \`servescope/explore\`)._`;
    return [header, exploreSummary(result)].join('\n\n');
  }

  private gpuHover(node: ast.Gpu): string {
    const lines = [`**gpu ${node.name}**${node.base ? ` extends \`${node.base.$refText}\`` : ''}`];
    for (const item of node.items) {
      if (ast.isComputeItem(item)) lines.push(`- compute: ${item.rates.map((r) => `${r.dtype} ${quantityText(r.value)}`).join(', ')} (dense)`);
      else if (ast.isMemoryItem(item)) lines.push(`- memory: ${quantityText(item.capacity)}${item.bandwidth ? ` at ${quantityText(item.bandwidth)}` : ''}`);
      else if (ast.isGpuField(item)) lines.push(`- ${item.key}: ${quantityText(item.value)}`);
    }
    lines.push(sourceLine(node.items));
    return lines.join('\n');
  }

  private modelHover(node: ast.Model): string {
    const lines = [`**model ${node.name}**${node.base ? ` (from \`${node.base.$refText}\`)` : ''}${node.config ? ` from \`${node.config}\`` : ''}`];
    const usedIn = this.hoverDocument?.parseResult.value as ast.Document | undefined;
    const found = this.editor.Specs.model(node, usedIn?.elements.some((e) => (ast.isDeployment(e) || ast.isExplore(e)) && e.model?.ref === node) ? usedIn : undefined);
    if (found) {
      const { spec, precision } = found;
      const count = parameterCount(spec);
      lines.push(`- parameters: ${formatCount(count.total)} (${formatCount(count.active)} active per token)`);
      const attention = spec.attention.kind === 'mla'
        ? `MLA, ${spec.attention.heads} heads, latent ${spec.attention.kvRank} + rope ${spec.attention.ropeDim}`
        : `${spec.attention.kvHeads === spec.attention.heads ? 'MHA' : 'GQA'}, ${spec.attention.heads} heads, ${spec.attention.kvHeads} KV heads x ${spec.attention.headDim}`;
      lines.push(`- ${spec.layers} layers, hidden ${spec.hidden}, vocab ${spec.vocab}; attention ${attention}`);
      if (spec.moe) lines.push(`- MoE: ${spec.moe.experts} experts, ${spec.moe.active} active, ${spec.moe.shared} shared, expert FFN ${spec.moe.expertIntermediate}`);
      const kv = precision ?? { weights: 'bf16', activations: 'bf16', kvCache: 'bf16' } as const;
      lines.push(`- KV cache: ${formatBytes(kvCacheBytesPerToken(spec, kv))} per token (${kv.kvCache})`);
    } else {
      for (const item of node.items) {
        if (ast.isModelField(item)) lines.push(`- ${item.key}: ${quantityText(item.value)}`);
        else if (ast.isAttentionItem(item)) lines.push(`- attention: ${item.kind}`);
      }
    }
    lines.push(sourceLine(node.items));
    return lines.join('\n');
  }

  private clusterHover(node: ast.Cluster): string {
    const lines = [`**cluster ${node.name}**`];
    const spec = this.editor.Specs.cluster(node);
    if (spec) {
      const gpus = spec.nodes * spec.gpusPerNode;
      lines.push(`- ${spec.nodes} x ${spec.gpusPerNode} x ${spec.gpu.name} = ${gpus} GPUs`);
      lines.push(`- ${clusterFlops(spec)}; HBM ${formatBytes(gpus * spec.gpu.memoryBytes)} at ${formatBandwidth(spec.gpu.memoryBandwidthBytesPerSecond)} per GPU`);
      for (const tier of spec.tiers) {
        lines.push(`- tier ${tier.name}: ${formatBandwidth(tier.bandwidthBytesPerSecond)} per GPU, ${tier.domainGpus} GPUs per domain, ${formatMs(tier.latencySeconds * 1e3)} latency`);
      }
    } else {
      for (const item of node.items) {
        if (ast.isNodesItem(item)) lines.push(`- nodes: ${quantityText(item.nodes)} of ${quantityText(item.perNode)} x ${item.gpu?.$refText}`);
        else if (ast.isTier(item)) lines.push(`- ${item.level} ${item.link}: ${quantityText(item.bandwidth)}`);
      }
    }
    lines.push(sourceLine(node.items));
    return lines.join('\n');
  }
}

export function clusterFlops(spec: { nodes: number; gpusPerNode: number; gpu: { peakFlopsPerSecond: Partial<Record<string, number>> } }): string {
  const gpus = spec.nodes * spec.gpusPerNode;
  const peaks = spec.gpu.peakFlopsPerSecond;
  const dtype = peaks.bf16 !== undefined ? 'bf16' : Object.keys(peaks)[0];
  const peak = dtype ? peaks[dtype] ?? 0 : 0;
  return dtype ? `${formatFlops(gpus * peak)} ${dtype}` : 'no compute figures';
}

export function deploymentSummary(e: DeploymentEstimate): string {
  const verdict = e.feasible ? '✓ meets its SLOs' : '✗ misses its SLOs';
  const lines = [
    `${verdict} · ${e.strategy} on ${e.gpus} GPUs`,
    `TTFT ${formatMs(e.ttftMs)} · TPOT ${formatMs(e.tpotMs)} · ${formatRate(e.outputTokensPerSecondPerGpu)} tok/s/GPU · ${formatRate(e.outputTokensPerSecondPerUser)} tok/s/user`,
  ];
  for (const v of e.violations ?? []) lines.push(`- ${v.message}`);
  return lines.join('\n\n');
}

export function exploreSummary(result: ExploreResult): string {
  const lines = [`${result.evaluated} of ${result.candidates} candidates evaluated, ${result.feasible} feasible, in ${formatMs(result.elapsedMs)}`];
  if (result.bestPerStrategy.length > 0) {
    lines.push('| strategy | configuration | GPUs | tok/s/GPU | tok/s/user | TTFT | TPOT |', '|---|---|---:|---:|---:|---:|---:|');
    for (const p of result.bestPerStrategy) {
      lines.push(`| ${p.strategy} | ${p.label} | ${p.gpus} | ${formatRate(p.outputTokensPerSecondPerGpu)} | ${formatRate(p.outputTokensPerSecondPerUser)} | ${formatMs(p.ttftMs)} | ${formatMs(p.tpotMs)} |`);
    }
  }
  return lines.join('\n');
}

function stepTable(title: string, step: StepBreakdown | undefined): string | undefined {
  if (!step || !step.layers?.length) return undefined;
  const rows = topOperators(step, 5).map((o) =>
    `| ${o.name} | ${o.category} | ${formatMs(o.timeMs)} | ${formatPercent(o.share)} | ${o.bound} | ${o.provenance} |`);
  return [
    `**${title}** ${formatMs(step.timeMs)}`,
    '| operator | kind | time | share | bound | provenance |',
    '|---|---|---:|---:|---|---|',
    ...rows,
  ].join('\n');
}

function declarationHover(keyword: string, node: ast.Workload): string {
  return [`**${keyword} ${node.name}**`, ...node.items.filter((i) => !ast.isSource(i)).map((i) => `- ${i.$cstNode?.text.trim() ?? ''}`), sourceLine(node.items)].join('\n');
}

function sourceLine(items: readonly AstNode[]): string {
  const source = items.find(ast.isSource);
  return source ? `\nSource: ${source.text}` : '';
}

/** The quantity as written (value and unit), whatever the unit. */
function quantityText(q: ast.Quantity | undefined): string {
  if (!q) return '?';
  return q.$cstNode?.text ?? `${q.value}${q.unit ? ` ${q.unit}` : ''}`;
}
