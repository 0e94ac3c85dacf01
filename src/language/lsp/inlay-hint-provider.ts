/**
 * Inlay hints at the end of each block's header line, where the engineer
 * looks while typing: a deployment's TTFT, TPOT, tokens/s/GPU and verdict
 * (from the latest engine run); an explored block's feasible count and best
 * tokens/s/GPU (from the latest explore run); a model's parameters, active
 * parameters and KV bytes per token; a cluster's GPU count, aggregate FLOPS
 * and HBM. Every label fits in MAX_HINT_CHARACTERS by construction; what
 * does not fit is in the hint's tooltip.
 */
import { AstUtils, type AstNode } from 'langium';
import { AbstractInlayHintProvider, type InlayHintAcceptor } from 'langium/lsp';
import { InlayHintKind, MarkupKind, type MarkupContent, type Position } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { kvCacheBytesPerToken, parameterCount } from '../../engine/index.js';
import type { DeploymentEstimate, ExploreResult, FrontierPoint, StrategyKind } from '../../serving/index.js';
import type { ClusterSpec, ModelSpec, Precision } from '../../engine/types.js';
import { formatBandwidth, formatBytes, formatCount, formatDurationCompact, formatMs, formatRate, formatRateCompact } from './format-figures.js';
import { clusterFlops } from './hover-provider.js';
import type { EstimateStore } from './estimate-store.js';
import type { ScenarioSpecs } from './scenario-specs.js';

export class ServescopeInlayHintProvider extends AbstractInlayHintProvider {
  constructor(private readonly editor: { Estimates: EstimateStore; Specs: ScenarioSpecs }) {
    super();
  }

  computeInlayHint(node: AstNode, acceptor: InlayHintAcceptor): void {
    if (ast.isDeployment(node)) {
      const uri = AstUtils.getDocument(node).uri.toString();
      const estimate = this.editor.Estimates.deployment(uri, node.name);
      if (estimate) hint(node, deploymentHint(estimate), acceptor, deploymentHintTooltip(estimate));
    } else if (ast.isExplore(node)) {
      const uri = AstUtils.getDocument(node).uri.toString();
      const result = this.editor.Estimates.lastReport(uri)?.report?.explorations.find((e) => e.name === node.name);
      if (result) hint(node, exploreHint(result), acceptor, exploreHintTooltip(result));
    } else if (ast.isModel(node)) {
      const found = this.editor.Specs.model(node);
      if (found) hint(node, modelHint(found.spec, found.precision), acceptor, modelHintTooltip(node.name, found.spec, found.precision));
    } else if (ast.isCluster(node)) {
      const spec = this.editor.Specs.cluster(node);
      if (spec) hint(node, clusterHint(spec), acceptor, clusterHintTooltip(spec));
    }
  }
}

/**
 * VS Code cuts inlay hints longer than `editor.inlayHints.maximumLength`
 * (default 43 characters) with an ellipsis, which would hide the verdict.
 */
export const MAX_HINT_CHARACTERS = 43;

/**
 * "TTFT 212ms · TPOT 38.4ms · 1450 tok/s/GPU ✓": three significant figures,
 * two when three would not fit in MAX_HINT_CHARACTERS (at two figures every
 * number is at most 5 characters, so the label always fits).
 */
export function deploymentHint(e: DeploymentEstimate): string {
  const label = (significant: number) =>
    `TTFT ${formatDurationCompact(e.ttftMs, significant)} · TPOT ${formatDurationCompact(e.tpotMs, significant)} · ` +
    `${formatRateCompact(e.outputTokensPerSecondPerGpu, significant)} tok/s/GPU ${e.feasible ? '✓' : '✗'}`;
  const precise = label(3);
  return precise.length <= MAX_HINT_CHARACTERS ? precise : label(2);
}

/** What does not fit in the label: the figures in full, throughput in total and per user, each SLO missed. */
export function deploymentHintTooltip(e: DeploymentEstimate): MarkupContent {
  const lines = [
    `**${e.name}** ${e.feasible ? '✓ meets its SLOs' : '✗ misses its SLOs'} · ${e.strategy} on ${e.gpus} GPUs`,
    `TTFT ${formatMs(e.ttftMs)} · TPOT ${formatMs(e.tpotMs)}`,
    `${formatRate(e.outputTokensPerSecondPerGpu)} tok/s/GPU · ${formatRate(e.outputTokensPerSecond)} tok/s total · ${formatRate(e.outputTokensPerSecondPerUser)} tok/s per user`,
    ...(e.violations ?? []).map((v) => `- ${v.message}`),
  ];
  return { kind: MarkupKind.Markdown, value: lines.join('\n\n') };
}

/**
 * The first label that fits in MAX_HINT_CHARACTERS; the last candidate is the
 * one whose length is bounded by construction (each hint's tests push its
 * figures to the extremes), so it is returned even if it does not fit.
 */
function firstThatFits(...labels: string[]): string {
  return labels.find((label) => label.length <= MAX_HINT_CHARACTERS) ?? labels[labels.length - 1];
}

/** Strategy names short enough for a hint; the tooltip spells them out. */
const STRATEGY_SHORT: Readonly<Record<StrategyKind, string>> = { aggregated: 'agg', disaggregated: 'P/D', afd: 'AFD' };

/** Each strategy's best point, the highest tokens/s/GPU first. */
function bestFirst(result: ExploreResult): FrontierPoint[] {
  return [...result.bestPerStrategy].sort((a, b) => b.outputTokensPerSecondPerGpu - a.outputTokensPerSecondPerGpu);
}

/**
 * "2886/2912 feasible · best P/D 1120 tok/s/GPU": counts and the rate in 3
 * significant figures (at most 5 characters each: 43K, 1.82M, 12.3K), the
 * strategy abbreviated; the best point's configuration label ("P 1x(tp8) D
 * 1x(tp8)"), which has no length bound, is in the tooltip. Dropping the
 * evaluated count, then the strategy, bounds the label: the last form is at
 * most 42 characters for any rate (JavaScript writes at most 10 characters
 * for a number at 3 significant figures: "0.00000123").
 */
export function exploreHint(result: ExploreResult): string {
  const feasible = formatRateCompact(result.feasible);
  const head = `${feasible}/${formatRateCompact(result.evaluated)} feasible`;
  const best = bestFirst(result)[0];
  if (!best) return firstThatFits(head, `${feasible} feasible`);
  const rate = `${formatRateCompact(best.outputTokensPerSecondPerGpu)} tok/s/GPU`;
  const strategy = STRATEGY_SHORT[best.strategy] ?? best.strategy;
  return firstThatFits(
    `${head} · best ${strategy} ${rate}`,
    `${feasible} feasible · best ${strategy} ${rate}`,
    `${feasible} feasible · best ${rate}`,
  );
}

/** The search in full: candidates, pruning, time, and each strategy's best point with its configuration. */
export function exploreHintTooltip(result: ExploreResult): MarkupContent {
  const pruned = result.pruned !== undefined ? `, ${formatRate(result.pruned)} pruned` : '';
  const lines = [
    `**explore ${result.name}**: ${formatRate(result.feasible)} of ${formatRate(result.evaluated)} evaluated candidates feasible ` +
      `(${formatRate(result.candidates)} candidates${pruned}; ${formatMs(result.elapsedMs)})`,
    ...(result.message ? [result.message] : []),
    ...bestFirst(result).map((p) => `- best ${p.strategy}: ${p.label} on ${p.gpus} GPUs · ${formatRate(p.outputTokensPerSecondPerGpu)} tok/s/GPU at ` +
      `${formatRate(p.outputTokensPerSecondPerUser)} tok/s/user · TTFT ${formatMs(p.ttftMs)} · TPOT ${formatMs(p.tpotMs)}${p.feasible ? '' : ' ✗ misses its SLOs'}`),
  ];
  return { kind: MarkupKind.Markdown, value: lines.join('\n\n') };
}

/**
 * Dense: "70.6B params · KV 164 KB/token (fp8)" (at most 38 characters: counts
 * and bytes are at most 5 and 7). MoE: "671B params · 37.5B active · KV 70.3 KB/token (fp8)"
 * would be 51, so it reads "671B, 37.5B active · KV 70.3 KB/tok (fp8)" (at most 43).
 */
export function modelHint(spec: ModelSpec, precision: Precision | undefined): string {
  const count = parameterCount(spec);
  const kv = kvPrecision(precision);
  const bytes = formatBytes(kvCacheBytesPerToken(spec, kv));
  return spec.moe
    ? `${formatCount(count.total)}, ${formatCount(count.active)} active · KV ${bytes}/tok (${kv.kvCache})`
    : `${formatCount(count.total)} params · KV ${bytes}/token (${kv.kvCache})`;
}

export function modelHintTooltip(name: string, spec: ModelSpec, precision: Precision | undefined): MarkupContent {
  const count = parameterCount(spec);
  const kv = kvPrecision(precision);
  const active = spec.moe ? `, ${formatCount(count.active)} active per token` : '';
  return {
    kind: MarkupKind.Markdown,
    value: `**model ${name}**: ${formatCount(count.total)} parameters${active}; KV cache ${formatBytes(kvCacheBytesPerToken(spec, kv))} per token in ${kv.kvCache}` +
      (precision ? '' : ' (bf16 unless a deployment sets `kv`)'),
  };
}

function kvPrecision(precision: Precision | undefined): Precision {
  return precision ?? { weights: 'bf16', activations: 'bf16', kvCache: 'bf16' };
}

/**
 * "16 GPUs · 15.8 PFLOPS bf16 · 1.28 TB HBM"; at very large GPU counts the
 * FLOPS dtype goes, then the FLOPS (the tooltip has them all).
 */
export function clusterHint(spec: ClusterSpec): string {
  const gpus = spec.nodes * spec.gpusPerNode;
  const hbm = `${formatBytes(gpus * spec.gpu.memoryBytes)} HBM`;
  const flops = clusterFlops(spec);
  return firstThatFits(
    `${gpus} GPUs · ${flops} · ${hbm}`,
    `${gpus} GPUs · ${flops.replace(/ \S+$/, '')} · ${hbm}`,
    `${formatCount(gpus)} GPUs · ${hbm}`,
  );
}

export function clusterHintTooltip(spec: ClusterSpec): MarkupContent {
  const gpus = spec.nodes * spec.gpusPerNode;
  return {
    kind: MarkupKind.Markdown,
    value: `**cluster ${spec.name}**: ${spec.nodes} x ${spec.gpusPerNode} x ${spec.gpu.name} = ${gpus} GPUs; ${clusterFlops(spec)}; ` +
      `${formatBytes(gpus * spec.gpu.memoryBytes)} HBM at ${formatBandwidth(spec.gpu.memoryBandwidthBytesPerSecond)} per GPU`,
  };
}

/** At the end of the line that holds the block's name (its header), before the body. */
function hint(node: AstNode, label: string, acceptor: InlayHintAcceptor, tooltip?: MarkupContent): void {
  const header = headerEnd(node);
  if (header) acceptor({ position: header, label, kind: InlayHintKind.Type, paddingLeft: true, ...(tooltip ? { tooltip } : {}) });
}

function headerEnd(node: AstNode): Position | undefined {
  const cst = node.$cstNode;
  if (!cst) return undefined;
  const document = AstUtils.getDocument(node).textDocument;
  const line = cst.range.start.line;
  const text = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } });
  const end = text.replace(/\r?\n$/, '').length;
  // On a one-line block (`model m = lib`) the hint goes after the node itself.
  const character = cst.range.end.line === line ? Math.min(end, cst.range.end.character) : end;
  return { line, character };
}
