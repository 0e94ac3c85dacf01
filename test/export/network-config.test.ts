import { describe, expect, it } from 'vitest';
import { involvedDimensions, networkDimensions } from '../../src/export/astra/index.js';
import { networkYaml } from '../../src/export/astra/network-yaml.js';
import { systemConfig } from '../../src/export/astra/system-config.js';
import { CommGroups } from '../../src/export/astra/comm-groups.js';
import { fullFlat, hgxIb } from './fixtures/clusters.js';

describe('network dimensions from interconnect tiers', () => {
  it('maps NVLink + InfiniBand to two dimensions, sized for the ranks exported', () => {
    const dims = networkDimensions(hgxIb, 32);
    expect(dims.map((d) => [d.tier, d.topology, d.npus])).toEqual([['nvlink', 'Switch', 8], ['infiniband', 'Switch', 4]]);
    // 450 GB/s x 0.8 efficiency, in ASTRA-sim's 2^30-byte GB.
    expect(dims[0]!.bandwidthGBps).toBeCloseTo((450e9 * 0.8) / 2 ** 30, 9);
    expect(dims[1]!.bandwidthGBps).toBeCloseTo(50e9 / 2 ** 30, 9);
    expect(dims.map((d) => d.latencyNs)).toEqual([1000, 5000]);
    expect(networkYaml(dims)).toContain('topology: [ Switch, Switch ]\nnpus_count: [ 8, 4 ]\nbandwidth: [ 335.2761269, 46.56612873 ]  # GB/s\nlatency: [ 1000.0, 5000.0 ]  # ns\n');
  });

  it('uses only the inner tier when the ranks fit in one domain, and one dimension for a flat cluster', () => {
    expect(networkDimensions(hgxIb, 4).map((d) => d.npus)).toEqual([4]);
    expect(networkDimensions(hgxIb, 12).map((d) => d.npus)).toEqual([8, 2]);
    const flat = networkDimensions(fullFlat, 48);
    expect(flat.map((d) => [d.topology, d.npus, d.bandwidthGBps])).toEqual([['FullyConnected', 48, 100]]);
    expect(networkYaml(flat)).toContain('topology: [ FullyConnected ]\nnpus_count: [ 48 ]\nbandwidth: [ 100.0 ]  # GB/s\nlatency: [ 2000.0 ]  # ns');
  });

  it('marks the dimensions a group spans', () => {
    const dims = networkDimensions(hgxIb, 32);
    expect(involvedDimensions(dims, [0, 1, 2, 3])).toEqual([true, false]);
    expect(involvedDimensions(dims, [0, 8, 16, 24])).toEqual([false, true]);
    expect(involvedDimensions(dims, [6, 7, 8, 9])).toEqual([true, true]);
  });

  it('picks the ring algorithm on rings and direct on switches and full meshes', () => {
    const dims = [
      { tier: 'a', topology: 'Ring' as const, npus: 4, bandwidthGBps: 1, latencyNs: 1 },
      { tier: 'b', topology: 'Switch' as const, npus: 2, bandwidthGBps: 1, latencyNs: 1 },
    ];
    const sys = systemConfig(hgxIb, dims, { roofline: false, mathDtype: 'fp8' });
    expect(sys['all-reduce-implementation']).toEqual(['ring', 'direct']);
    expect(sys['all-to-all-implementation']).toEqual(['ring', 'direct']);
    expect(sys['roofline-enabled']).toBe(0);
    expect(sys['peak-perf']).toBe(1979);
  });
});

describe('communicator groups', () => {
  it('numbers groups from 1 (0 is ASTRA-sim\'s all-ranks group) and reuses equal rank sets', () => {
    const g = new CommGroups();
    expect(g.idOf([1, 0], 'TP')).toBe('1');
    expect(g.idOf([2, 3], 'TP')).toBe('2');
    expect(g.idOf([0, 1], 'TP')).toBe('1');
    expect(g.toJson()).toEqual({ 1: [0, 1], 2: [2, 3] });
  });
});
