/**
 * ASTRA-sim analytical network configuration (YAML, one list entry per
 * dimension): topology (Ring | FullyConnected | Switch), npus_count,
 * bandwidth (GB/s), latency (ns).
 */
import type { NetworkDimension } from './network-dimensions.js';

const num = (x: number): string => (Number.isInteger(x) ? `${x}.0` : String(Number(x.toPrecision(10))));

export function networkYaml(dims: NetworkDimension[]): string {
  return [
    `# servescope: one dimension per interconnect tier, innermost first (${dims.map((d) => d.tier).join(', ')}).`,
    '# bandwidth is the tier\'s per-GPU bandwidth times its efficiency, in ASTRA-sim GB/s (2^30 bytes/s).',
    `topology: [ ${dims.map((d) => d.topology).join(', ')} ]`,
    `npus_count: [ ${dims.map((d) => d.npus).join(', ')} ]`,
    `bandwidth: [ ${dims.map((d) => num(d.bandwidthGBps)).join(', ')} ]  # GB/s`,
    `latency: [ ${dims.map((d) => num(d.latencyNs)).join(', ')} ]  # ns`,
    '',
  ].join('\n');
}
