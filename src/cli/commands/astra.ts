/**
 * `servescope astra FILE ...`: export one step (as export-astra), run
 * ASTRA-sim's analytical binary on it, and print its per-rank finish times
 * beside servescope's estimate. The binary: --astra-sim PATH or
 * SERVESCOPE_ASTRA_SIM. Without it: how to get ASTRA-sim, exit 4.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from '../command.js';
import { buildManifest } from '../../export/astra/index.js';
import { resolveAstraSim, runAstraSim } from '../../export/astra/astra-runner.js';
import { parseAstraCliOptions } from '../../export/astra/cli-options.js';
import { astraSimReport, compareWithAstra, comparisonTable } from '../../export/astra/comparison.js';
import { defaultAstraDeps, EXIT_FILE_ERROR, prepareAstraExport, writeAstraExportOrReport, type AstraCommandDeps } from './export-astra.js';

/** Exit code when the external simulator is missing or fails. */
export const EXIT_ASTRA_UNAVAILABLE = 4;

export function createAstraCommand(deps: AstraCommandDeps): Command {
  return {
    name: 'astra',
    usage: 'astra FILE --deployment NAME --phase decode|prefill [--batch B] [--context C] [--astra-sim PATH] [--out DIR] [--json]',
    summary: 'run ASTRA-sim on one exported step and compare its finish times with servescope\'s',
    async run(args, io) {
      const parsed = parseAstraCliOptions(args);
      if ('error' in parsed) {
        io.err(`servescope astra: ${parsed.error}`);
        return 2;
      }
      const binary = resolveAstraSim(parsed.astraSim, deps.env);
      if ('error' in binary) {
        io.err(`servescope astra: ${binary.error}`);
        return EXIT_ASTRA_UNAVAILABLE;
      }
      const prepared = await prepareAstraExport('astra', parsed, io, deps, false);
      if (typeof prepared === 'number') return prepared;
      const { options, result } = prepared;
      let dir: string;
      try {
        dir = options.out ? prepared.dir : mkdtempSync(join(tmpdir(), 'servescope-astra-'));
      } catch (error) {
        io.err(`servescope astra: cannot create a directory for the export: ${error instanceof Error ? error.message : String(error)}`);
        return EXIT_FILE_ERROR;
      }
      const writeFailure = writeAstraExportOrReport('astra', dir, result, io);
      if (writeFailure !== undefined) return writeFailure;
      let run: Awaited<ReturnType<typeof runAstraSim>>;
      try {
        run = await runAstraSim(binary.binary, dir, options.prefix);
      } catch (error) {
        // spawn failed (not executable, a directory, gone since resolveAstraSim): the simulator is unavailable.
        io.err(`servescope astra: cannot run ${binary.binary}: ${error instanceof Error ? error.message : String(error)}`);
        return EXIT_ASTRA_UNAVAILABLE;
      }
      if (run.exitCode !== 0 || run.ranks.length === 0) {
        io.err(`servescope astra: ${binary.binary} exited with ${run.exitCode}${run.ranks.length === 0 ? ' and reported no finished ranks' : ''}`);
        for (const line of run.output.trim().split('\n').slice(-10)) io.err(`  ${line}`);
        return EXIT_ASTRA_UNAVAILABLE;
      }
      const manifest = buildManifest(result.set, options.prefix, { roofline: options.roofline });
      const comparison = compareWithAstra(manifest, run.ranks);
      if (options.json) {
        // The report's shape (DeploymentEstimate.astra), so the results panel can show it as is.
        io.out(JSON.stringify({ deployment: result.set.plan.deployment, dir, astra: astraSimReport(manifest, comparison) }, null, 2));
      } else {
        io.out(`${result.set.plan.deployment}: ${result.set.plan.point.phase} step, batch ${result.set.plan.point.batch}, context ${result.set.plan.point.contextTokens} (inputs in ${dir})`);
        for (const line of comparisonTable(comparison)) io.out(line);
      }
      return 0;
    },
  };
}

export const astraCommand: Command = createAstraCommand(defaultAstraDeps);
