/**
 * The engine's public surface: `engine` (the Engine contract of types.ts that
 * serving uses) plus the types and the helpers other layers may call directly.
 */
import type { Engine } from './types.js';
import { kvCacheBytesPerSequence } from './kv-cache.js';
import { evaluateStep, stepTimeMs } from './step.js';
import { memoryUse } from './memory.js';
import { sendRecvTimeMs } from './comm/collectives.js';

export * from './types.js';
export { parameterCount } from './parameters.js';
export { kvCacheBytesPerToken, kvCacheBytesPerSequence } from './kv-cache.js';
export { weightBytesPerGpu } from './weights.js';
export { evaluateStep, stepTimeMs } from './step.js';
export { memoryUse, maxResidentSequences, kvBytesPerSequencePerGpu } from './memory.js';
export { EngineInputError } from './validate.js';
export { allReduceTimeMs, allGatherTimeMs, reduceScatterTimeMs, allToAllTimeMs, sendRecvTimeMs, expertAllToAllTimeMs } from './comm/collectives.js';
export { registerKernelTable, unregisterKernelTable, clearKernelTables } from './efficiency/kernel-table.js';
export { parseKernelRows } from './efficiency/calibration-rows.js';

export const engine: Engine = {
  evaluateStep,
  stepTimeMs,
  memoryUse,
  kvCacheBytesPerSequence,
  transferTimeMs: (cluster, bytes, tier) => sendRecvTimeMs(cluster, bytes, tier),
};
