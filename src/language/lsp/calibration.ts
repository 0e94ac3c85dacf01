/**
 * `servescope.calibrationFile`: kernel timings the user measured on their
 * GPU (the data/calibration format, tools/collect_kernels.py) replace the
 * engine's fitted efficiencies for every GPU of the scenario ("measured
 * mode"). The engine keys kernel tables by `GpuSpec.calibration`; each GPU
 * gets its own key because the table's ratios are taken against that GPU's peaks.
 */
import { readFileSync, statSync } from 'node:fs';
import { parseKernelRows, registerKernelTable, unregisterKernelTable } from '../../engine/index.js';
import type { GpuSpec } from '../../engine/types.js';
import type { Scenario } from '../../serving/index.js';

type KernelRows = ReturnType<typeof parseKernelRows>;

const parsed = new Map<string, { mtimeMs: number; rows: KernelRows }>();
const registered = new Set<string>();

function rowsOf(path: string): KernelRows {
  const mtimeMs = statSync(path).mtimeMs;
  const cached = parsed.get(path);
  if (cached && cached.mtimeMs === mtimeMs) return cached.rows;
  const rows = parseKernelRows(readFileSync(path, 'utf8'));
  parsed.set(path, { mtimeMs, rows });
  // The file changed: the tables of its older version go from the engine too.
  for (const key of [...registered]) {
    if (!key.startsWith(`${path}#`)) continue;
    registered.delete(key);
    unregisterKernelTable(key);
  }
  return rows;
}

/**
 * A copy of the scenario whose GPUs use the file's kernel table; on a file
 * that cannot be read, the scenario as it is and a note saying why.
 */
export function withCalibration(scenario: Scenario, path: string | undefined): { scenario: Scenario; note?: string } {
  if (!path) return { scenario };
  let rows: KernelRows;
  try {
    rows = rowsOf(path);
  } catch (error) {
    return { scenario, note: `calibration file ${path} not used (${error instanceof Error ? error.message : String(error)}); fitted efficiencies instead` };
  }
  const mtimeMs = parsed.get(path)?.mtimeMs ?? 0;
  const calibrate = (gpu: GpuSpec): GpuSpec => {
    const key = `${path}#${gpu.name}@${mtimeMs}`;
    if (!registered.has(key)) {
      registerKernelTable(key, gpu, rows);
      registered.add(key);
    }
    return { ...gpu, calibration: key };
  };
  const cluster = <T extends { cluster: { gpu: GpuSpec } }>(item: T): T => ({ ...item, cluster: { ...item.cluster, gpu: calibrate(item.cluster.gpu) } });
  return {
    scenario: { deployments: scenario.deployments.map(cluster), explorations: scenario.explorations.map(cluster) },
    note: `kernel timings from ${path} (${rows.length} rows) replace the fitted efficiencies`,
  };
}
