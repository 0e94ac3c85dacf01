/**
 * ASTRA-sim's comm_size is the collective's data set per NPU (the buffer an
 * all-reduce reduces, the full gathered tensor of an all-gather / the input
 * of a reduce-scatter, the send buffer of an all-to-all); its ring and direct
 * algorithms then move (n-1)/n of it per NPU per pass. The engine reports
 * `messageBytes`, the bytes each GPU sends (src/engine/types.ts). Inverting
 * the bandwidth-optimal volumes (Patarasuk & Yuan 2009; Thakur et al. 2005):
 *   all-reduce:              sent = 2 (n-1)/n * S
 *   all-gather, reduce-scatter, all-to-all: sent = (n-1)/n * S
 */
import { CollectiveCommType, type CollectiveCommTypeValue } from './chakra-schema.js';

export function collectiveDataBytes(commType: CollectiveCommTypeValue, sentBytesPerGpu: number, groupSize: number): number {
  if (groupSize <= 1) return 0;
  const passes = commType === CollectiveCommType.ALL_REDUCE ? 2 : 1;
  return Math.round((sentBytesPerGpu * groupSize) / (passes * (groupSize - 1)));
}

/** The inverse: bytes each GPU sends for a data set of `dataBytes` (tests, README). */
export function collectiveSentBytes(commType: CollectiveCommTypeValue, dataBytes: number, groupSize: number): number {
  if (groupSize <= 1) return 0;
  const passes = commType === CollectiveCommType.ALL_REDUCE ? 2 : 1;
  return (dataBytes * passes * (groupSize - 1)) / groupSize;
}
