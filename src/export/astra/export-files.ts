/**
 * Everything `servescope export-astra` writes, as (file name, content) pairs:
 * one Chakra ET per simulated NPU (`<prefix>.<rank>.et`), the communicator
 * groups, the network and system configurations, a remote-memory stub, a
 * manifest with servescope's own numbers for the same step, and a README with
 * the exact command line. Pure: the CLI does the writing.
 */
import type { ClusterSpec } from '../../engine/types.js';
import { encodeChakraTrace } from './chakra-encoder.js';
import { ASTRA_DEFAULT_BINARY, ASTRA_FILES, astraSimCommandLine } from './astra-command-line.js';
import { networkYaml } from './network-yaml.js';
import { gpusOf } from './pool-ranks.js';
import { astraReadme } from './readme.js';
import { REMOTE_MEMORY_CONFIG, systemConfig } from './system-config.js';
import type { AstraExportOptions, AstraTraceSet } from './trace-builder.js';

export interface ExportFile {
  name: string;
  content: Uint8Array | string;
}

/** servescope's side of the comparison, read back by `servescope astra`. */
export interface AstraManifest {
  deployment: string;
  strategy: string;
  phase: 'prefill' | 'decode';
  batch: number;
  contextTokens: number;
  microbatches: number;
  roofline: boolean;
  prefix: string;
  /** Ranks that run the step; the network may simulate more (idle padding). */
  ranks: number;
  simulatedNpus: number;
  pools: Array<{
    role: string;
    firstRank: number;
    gpus: number;
    receiveOnly: boolean;
    /** The engine's step time for this pool's breakdown (AFD decode: one micro-batch), ms. */
    stepMs: number;
  }>;
  /** servescope's time for the step, ms (StepPlan.servescopeStepMs). */
  servescopeStepMs: number;
  /** The engine's compute time per rank (what the compute nodes carry), ms. */
  computeMsByRank: number[];
  /** Nodes per rank. */
  nodesByRank: number[];
}

export function buildManifest(set: AstraTraceSet, prefix: string, options: AstraExportOptions): AstraManifest {
  const { plan } = set;
  return {
    deployment: plan.deployment,
    strategy: plan.strategy,
    phase: plan.point.phase,
    batch: plan.point.batch,
    contextTokens: plan.point.contextTokens,
    microbatches: plan.microbatches,
    roofline: options.roofline ?? false,
    prefix,
    ranks: plan.ranks,
    simulatedNpus: set.traces.length,
    pools: plan.pools.map((p) => ({
      role: p.role, firstRank: p.ranks.first, gpus: gpusOf(p.ranks.layout), receiveOnly: p.receiveOnly, stepMs: p.breakdown.timeMs,
    })),
    servescopeStepMs: plan.servescopeStepMs,
    computeMsByRank: set.computeMsByRank,
    nodesByRank: set.traces.map((t) => t.nodeCount),
  };
}

export function exportFiles(set: AstraTraceSet, cluster: ClusterSpec, dir: string, prefix: string, options: AstraExportOptions): ExportFile[] {
  const mathDtype = set.plan.pools[0]?.input.precision.weights ?? 'bf16';
  const manifest = buildManifest(set, prefix, options);
  const files: ExportFile[] = set.traces.map((t) => ({ name: `${prefix}.${t.rank}.et`, content: t.bytes ?? encodeChakraTrace(t) }));
  files.push(
    { name: ASTRA_FILES.comm, content: JSON.stringify(set.groups.toJson(), null, 2) + '\n' },
    { name: ASTRA_FILES.network, content: networkYaml(set.dims) },
    { name: ASTRA_FILES.system, content: JSON.stringify(systemConfig(cluster, set.dims, { roofline: options.roofline ?? false, mathDtype }), null, 2) + '\n' },
    { name: ASTRA_FILES.memory, content: JSON.stringify(REMOTE_MEMORY_CONFIG, null, 2) + '\n' },
    { name: ASTRA_FILES.manifest, content: JSON.stringify(manifest, null, 2) + '\n' },
    { name: ASTRA_FILES.readme, content: astraReadme(set, manifest, astraSimCommandLine(ASTRA_DEFAULT_BINARY, dir, prefix)) },
  );
  return files;
}
