/**
 * Runs ASTRA-sim's analytical binary on an exported directory and reads the
 * per-rank finish times back. The binary comes from `--astra-sim PATH` or
 * the SERVESCOPE_ASTRA_SIM environment variable.
 */
import { spawn } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { astraSimArgs } from './astra-command-line.js';
import { parseAstraFinishTimes, type AstraRankResult } from './astra-output.js';

export const ASTRA_SIM_ENV = 'SERVESCOPE_ASTRA_SIM';

export const HOW_TO_GET_ASTRA_SIM =
  'ASTRA-sim not found: build it (git clone --recursive https://github.com/astra-sim/astra-sim && ./build/astra_analytical/build.sh) '
  + `and set ${ASTRA_SIM_ENV} or --astra-sim to build/astra_analytical/build/bin/AstraSim_Analytical_Congestion_Unaware`;

/** The binary to run, if the user named one that exists and is executable. */
export function resolveAstraSim(flag: string | undefined, env: NodeJS.ProcessEnv): { binary: string } | { error: string } {
  const binary = flag ?? env[ASTRA_SIM_ENV];
  if (!binary) return { error: HOW_TO_GET_ASTRA_SIM };
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    return { error: `${binary} is not an executable file. ${HOW_TO_GET_ASTRA_SIM}` };
  }
  return { binary };
}

export interface AstraRun {
  exitCode: number;
  output: string;
  ranks: AstraRankResult[];
}

export function runAstraSim(binary: string, dir: string, prefix: string): Promise<AstraRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, astraSimArgs(dir, prefix), { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => chunks.push(c));
    child.stderr.on('data', (c: Buffer) => chunks.push(c));
    child.on('error', reject);
    child.on('close', (code) => {
      const output = Buffer.concat(chunks).toString('utf8');
      resolve({ exitCode: code ?? 1, output, ranks: parseAstraFinishTimes(output) });
    });
  });
}
