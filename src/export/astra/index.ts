/**
 * ASTRA-sim / Chakra export: one step of a deployment as per-rank Chakra
 * execution traces plus ASTRA-sim's network, system and communicator-group
 * inputs, and the runner that reads ASTRA-sim's answer back.
 */
import type { Engine } from '../../engine/types.js';
import type { DeploymentSpec } from '../../serving/types.js';
import { exportFiles, type ExportFile } from './export-files.js';
import { buildStepPlan, type ExportPoint } from './step-plan.js';
import { buildAstraTraces, type AstraExportOptions, type AstraTraceSet } from './trace-builder.js';

export { NodeType, CollectiveCommType, CHAKRA_SCHEMA_VERSION, chakraRoot } from './chakra-schema.js';
export { encodeChakraTrace, decodeChakraTrace } from './chakra-encoder.js';
export type { ChakraNode, ChakraAttr, ChakraTrace } from './chakra-node.js';
export { buildStepPlan, defaultPoint, type ExportPoint, type StepPlan, type PoolStep } from './step-plan.js';
export { buildAstraTraces, type AstraExportOptions, type AstraTraceSet } from './trace-builder.js';
export { exportFiles, buildManifest, type ExportFile, type AstraManifest } from './export-files.js';
export { parseAstraFinishTimes, type AstraRankResult } from './astra-output.js';
export { ASTRA_FILES, ASTRA_DEFAULT_BINARY, astraSimArgs, astraSimCommandLine } from './astra-command-line.js';
export { networkDimensions, involvedDimensions, type NetworkDimension } from './network-dimensions.js';

export interface AstraExport {
  set: AstraTraceSet;
  files: ExportFile[];
}

/** One step of `deployment` at `point`, ready to write into `dir` with file prefix `prefix`. */
export function exportAstra(deployment: DeploymentSpec, point: ExportPoint, engine: Engine, dir: string, prefix = 'servescope', options: AstraExportOptions = {}): AstraExport {
  const plan = buildStepPlan(deployment, point, engine);
  const set = buildAstraTraces(plan, deployment.cluster, options);
  return { set, files: exportFiles(set, deployment.cluster, dir, prefix, options) };
}
