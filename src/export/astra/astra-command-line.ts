/**
 * The ASTRA-sim analytical invocation for an exported directory (ASTRA-sim
 * 2.x flags: workload prefix, communicator groups, system, remote memory,
 * network). Shared by the README we write and by `servescope astra`.
 */
import { join } from 'node:path';

export const ASTRA_FILES = {
  comm: 'comm_groups.json',
  system: 'system.json',
  network: 'network.yml',
  memory: 'remote_memory.json',
  manifest: 'servescope.json',
  readme: 'README.md',
} as const;

/** The congestion-unaware analytical backend's binary, as ASTRA-sim's build script names it. */
export const ASTRA_DEFAULT_BINARY = 'AstraSim_Analytical_Congestion_Unaware';

export function astraSimArgs(dir: string, prefix: string): string[] {
  return [
    `--workload-configuration=${join(dir, prefix)}`,
    `--comm-group-configuration=${join(dir, ASTRA_FILES.comm)}`,
    `--system-configuration=${join(dir, ASTRA_FILES.system)}`,
    `--remote-memory-configuration=${join(dir, ASTRA_FILES.memory)}`,
    `--network-configuration=${join(dir, ASTRA_FILES.network)}`,
  ];
}

export function astraSimCommandLine(binary: string, dir: string, prefix: string): string {
  return [binary, ...astraSimArgs(dir, prefix)].join(' \\\n  ');
}
