/**
 * Inlay hints at the end of each block's header line, where the engineer
 * looks while typing: a deployment's TTFT, TPOT, tokens/s/GPU and verdict
 * (from the latest engine run; the other figures in its tooltip); a model's parameters, active parameters and
 * KV bytes per token; a cluster's GPU count, aggregate FLOPS and HBM.
 */
import { AstUtils, type AstNode } from 'langium';
import { AbstractInlayHintProvider, type InlayHintAcceptor } from 'langium/lsp';
import { InlayHintKind, MarkupKind, type MarkupContent, type Position } from 'vscode-languageserver';
import * as ast from '../generated/ast.js';
import { kvCacheBytesPerToken, parameterCount } from '../../engine/index.js';
import type { DeploymentEstimate, ExploreResult } from '../../serving/index.js';
import type { ClusterSpec, ModelSpec, Precision } from '../../engine/types.js';
import { formatBytes, formatCount, formatDurationCompact, formatMs, formatRate, formatRateCompact } from './format-figures.js';
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
      if (result) hint(node, exploreHint(result), acceptor);
    } else if (ast.isModel(node)) {
      const found = this.editor.Specs.model(node);
      if (found) hint(node, modelHint(found.spec, found.precision), acceptor);
    } else if (ast.isCluster(node)) {
      const spec = this.editor.Specs.cluster(node);
      if (spec) hint(node, clusterHint(spec), acceptor);
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

export function exploreHint(result: ExploreResult): string {
  const best = [...result.bestPerStrategy].sort((a, b) => b.outputTokensPerSecondPerGpu - a.outputTokensPerSecondPerGpu)[0];
  const head = `${result.feasible}/${result.evaluated} feasible`;
  return best ? `${head} · best ${best.strategy} ${best.label}: ${formatRate(best.outputTokensPerSecondPerGpu)} tok/s/GPU` : head;
}

export function modelHint(spec: ModelSpec, precision: Precision | undefined): string {
  const count = parameterCount(spec);
  const kv = precision ?? { weights: 'bf16', activations: 'bf16', kvCache: 'bf16' };
  const active = spec.moe ? ` · ${formatCount(count.active)} active` : '';
  return `${formatCount(count.total)} params${active} · KV ${formatBytes(kvCacheBytesPerToken(spec, kv))}/token (${kv.kvCache})`;
}

export function clusterHint(spec: ClusterSpec): string {
  const gpus = spec.nodes * spec.gpusPerNode;
  return `${gpus} GPUs · ${clusterFlops(spec)} · ${formatBytes(gpus * spec.gpu.memoryBytes)} HBM`;
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
