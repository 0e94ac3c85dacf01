/** A step breakdown with nothing in it, for deployments the engine could not evaluate. */
import type { MemoryUse, OperatingPoint, StepBreakdown } from '../engine/types.js';

export function emptyMemory(): MemoryUse {
  return { weightsBytes: 0, kvCacheBytes: 0, activationBytes: 0, capacityBytes: 0, freeBytes: 0, fits: false };
}

export function emptyBreakdown(phase: OperatingPoint['phase']): StepBreakdown {
  return { phase, timeMs: 0, layers: [], flops: 0, bytes: 0, memory: emptyMemory() };
}
