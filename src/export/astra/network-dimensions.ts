/**
 * The cluster's interconnect tiers as ASTRA-sim network dimensions: tier i
 * (innermost first) becomes dimension i with as many NPUs as one domain of
 * tier i holds domains of tier i-1. Only the NPUs the trace uses are
 * simulated, so the outermost dimension is cut to what the exported ranks
 * need (and a partly used domain is padded with idle NPUs).
 */
import type { ClusterSpec, LinkTier, TierTopology } from '../../engine/types.js';

export type AstraTopology = 'Ring' | 'FullyConnected' | 'Switch';

export interface NetworkDimension {
  tier: string;
  topology: AstraTopology;
  npus: number;
  /** ASTRA-sim's unit: its analytical backend converts GB/s with 2^30 bytes (bw_GBps_to_Bpns), so this is bytes/s / 2^30. */
  bandwidthGBps: number;
  latencyNs: number;
}

/** Bytes per "GB" in ASTRA-sim's analytical network (astra-network-analytical `bw_GBps_to_Bpns`: GB/s * 2^30 / 1e9 = B/ns). */
export const ASTRA_GB = 2 ** 30;

/** Fat-tree, rail-optimised and switched tiers are all a switch to one NPU; a torus dimension is a ring. */
export function astraTopology(topology: TierTopology | undefined): AstraTopology {
  switch (topology) {
    case 'ring': case 'torus': return 'Ring';
    case 'fully-connected': return 'FullyConnected';
    default: return 'Switch';
  }
}

/**
 * Effective bandwidth of a tier: the spec figure times the achievable fraction
 * the engine uses for large messages, so ASTRA-sim's link moves what ours does.
 */
/** One-way latency in ns, rounded to the picosecond (unit conversions leave float noise: 5 us -> 4999.999999 ns). */
export function tierLatencyNs(tier: LinkTier): number {
  return Math.round(tier.latencySeconds * 1e12) / 1000;
}

export function tierBandwidthGBps(tier: LinkTier): number {
  return (tier.bandwidthBytesPerSecond * (tier.efficiency ?? 1)) / ASTRA_GB;
}

export function networkDimensions(cluster: ClusterSpec, ranks: number): NetworkDimension[] {
  if (cluster.tiers.length === 0) throw new Error(`cluster '${cluster.name}' has no interconnect tiers`);
  const dims: NetworkDimension[] = [];
  let covered = 1;
  for (let i = 0; i < cluster.tiers.length && covered < ranks; i++) {
    const tier = cluster.tiers[i]!;
    const outermost = i === cluster.tiers.length - 1;
    const span = Math.max(1, Math.round(tier.domainGpus / covered));
    const needed = Math.ceil(ranks / covered);
    const npus = outermost ? needed : Math.min(span, needed);
    if (npus <= 1) continue;
    dims.push({
      tier: tier.name,
      topology: astraTopology(tier.topology),
      npus,
      bandwidthGBps: tierBandwidthGBps(tier),
      latencyNs: tierLatencyNs(tier),
    });
    covered *= npus;
  }
  if (dims.length === 0) {
    // One rank: ASTRA-sim still needs one dimension.
    const tier = cluster.tiers[0]!;
    dims.push({ tier: tier.name, topology: astraTopology(tier.topology), npus: 1, bandwidthGBps: tierBandwidthGBps(tier), latencyNs: tierLatencyNs(tier) });
  }
  return dims;
}

/** NPUs the network simulates: the product of the dimensions (>= the exported ranks). */
export function simulatedNpus(dims: NetworkDimension[]): number {
  return dims.reduce((n, d) => n * d.npus, 1);
}

/** Which dimensions a group of ranks spans: those along which the ranks' coordinates differ. */
export function involvedDimensions(dims: NetworkDimension[], ranks: readonly number[]): boolean[] {
  let stride = 1;
  return dims.map((d) => {
    const coords = new Set(ranks.map((r) => Math.floor(r / stride) % d.npus));
    stride *= d.npus;
    return coords.size > 1;
  });
}
