/**
 * The engine's public surface. Placeholder until the engine lands: the
 * signatures are the contract (src/engine/types.ts `Engine`).
 */
import type { Engine } from './types.js';
import { kvCacheBytesPerSequence } from './kv-cache.js';

export * from './types.js';
export { parameterCount } from './parameters.js';
export { kvCacheBytesPerToken, kvCacheBytesPerSequence } from './kv-cache.js';
export { weightBytesPerGpu } from './weights.js';

function notYet(): never {
  throw new Error('the performance engine is not implemented yet');
}

export const engine: Engine = {
  evaluateStep: notYet,
  stepTimeMs: notYet,
  memoryUse: notYet,
  kvCacheBytesPerSequence,
  transferTimeMs: notYet,
};
