/**
 * `servescope export-astra FILE --deployment NAME --phase decode|prefill
 * [--batch B] [--context C] [--roofline] [--prefix P] --out DIR`: one step of
 * a deployment as ASTRA-sim inputs (Chakra traces per rank, communicator
 * groups, network and system configurations, README with the command line).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { CliIo, Command } from '../command.js';
import { formatDiagnostic, loadScenarioFile } from '../load.js';
import { engine as realEngine } from '../../engine/index.js';
import type { Engine } from '../../engine/types.js';
import type { DeploymentSpec, Scenario } from '../../serving/types.js';
import { defaultPoint, exportAstra, type AstraExport } from '../../export/astra/index.js';
import { parseAstraCliOptions, type AstraCliOptions } from '../../export/astra/cli-options.js';

export interface ScenarioLoad {
  scenario?: Scenario;
  /** One line each, as `servescope check` prints them. */
  diagnostics: string[];
  errorCount: number;
}

export interface AstraCommandDeps {
  loadScenario(path: string): Promise<ScenarioLoad>;
  engine: Engine;
  env: NodeJS.ProcessEnv;
}

export const defaultAstraDeps: AstraCommandDeps = {
  async loadScenario(path) {
    const loaded = await loadScenarioFile(path);
    return { scenario: loaded.scenario, diagnostics: loaded.diagnostics.map(formatDiagnostic), errorCount: loaded.errorCount };
  },
  engine: realEngine,
  env: process.env,
};

/** Exit code when the export cannot be written (as for an unreadable scenario file). */
export const EXIT_FILE_ERROR = 3;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The export of the chosen step for already parsed options, or the exit code to return. */
export async function prepareAstraExport(name: string, options: AstraCliOptions, io: CliIo, deps: AstraCommandDeps, requireOut: boolean):
  Promise<{ options: AstraCliOptions; deployment: DeploymentSpec; dir: string; result: AstraExport } | number> {
  if (requireOut && !options.out) {
    io.err(`servescope ${name}: --out DIR is required`);
    return 2;
  }
  try {
    readFileSync(options.file);
  } catch {
    io.err(`servescope ${name}: cannot read ${options.file}`);
    return 3;
  }
  const loaded = await deps.loadScenario(options.file);
  if (!loaded.scenario || loaded.errorCount > 0) {
    for (const line of loaded.diagnostics) io.err(line);
    return 1;
  }
  const deployments = loaded.scenario.deployments;
  const names = deployments.map((d) => d.name).join(', ') || 'none';
  const deployment = options.deployment
    ? deployments.find((d) => d.name === options.deployment)
    : deployments.length === 1 ? deployments[0] : undefined;
  if (!deployment) {
    io.err(options.deployment
      ? `servescope ${name}: no deployment '${options.deployment}' in ${options.file} (deployments: ${names})`
      : `servescope ${name}: --deployment NAME is required (deployments: ${names})`);
    return 2;
  }
  const dir = resolve(options.out ?? '.');
  let result: AstraExport;
  try {
    // The default point costs a full estimate (with its batch search): only when --batch or --context is missing.
    const fallback = options.batch === undefined || options.context === undefined
      ? defaultPoint(deployment, options.phase, deps.engine) : undefined;
    const point = { phase: options.phase, batch: options.batch ?? fallback!.batch, contextTokens: options.context ?? fallback!.contextTokens };
    result = exportAstra(deployment, point, deps.engine, dir, options.prefix, { roofline: options.roofline, keepNodes: false });
  } catch (error) {
    // An engine input error (a layout the engine rejects) is the user's to fix, not an internal error.
    io.err(`servescope ${name}: ${errorMessage(error)}`);
    return 2;
  }
  return { options, deployment, dir, result };
}

export function writeAstraExport(dir: string, result: AstraExport): void {
  mkdirSync(dir, { recursive: true });
  for (const f of result.files) writeFileSync(resolve(dir, f.name), f.content);
}

/** Writes the export, or prints one line (EACCES, --out naming a file) and gives the exit code. */
export function writeAstraExportOrReport(name: string, dir: string, result: AstraExport, io: CliIo): number | undefined {
  try {
    writeAstraExport(dir, result);
    return undefined;
  } catch (error) {
    io.err(`servescope ${name}: cannot write ${dir}: ${errorMessage(error)}`);
    return EXIT_FILE_ERROR;
  }
}

export function createExportAstraCommand(deps: AstraCommandDeps): Command {
  return {
    name: 'export-astra',
    usage: 'export-astra FILE --deployment NAME --phase decode|prefill [--batch B] [--context C] [--roofline] --out DIR',
    summary: 'write one step as ASTRA-sim inputs: Chakra traces per rank, network, system, comm groups',
    async run(args, io) {
      const options = parseAstraCliOptions(args);
      if ('error' in options) {
        io.err(`servescope export-astra: ${options.error}`);
        return 2;
      }
      const prepared = await prepareAstraExport('export-astra', options, io, deps, true);
      if (typeof prepared === 'number') return prepared;
      const { dir, result, deployment } = prepared;
      const writeFailure = writeAstraExportOrReport('export-astra', dir, result, io);
      if (writeFailure !== undefined) return writeFailure;
      const { plan, traces, dims } = result.set;
      const nodes = traces.reduce((n, t) => n + t.nodeCount, 0);
      io.out(`${deployment.name}: ${plan.point.phase} step, batch ${plan.point.batch}, context ${plan.point.contextTokens}`
        + (plan.microbatches > 1 ? `, ${plan.microbatches} micro-batches` : ''));
      io.out(`wrote ${traces.length} Chakra traces (${nodes} nodes), ${result.set.groups.size} comm groups, ${dims.length}-dimension network to ${dir}`);
      io.out(`run ASTRA-sim: see ${resolve(dir, 'README.md')}`);
      return 0;
    },
  };
}

export const exportAstraCommand: Command = createExportAstraCommand(defaultAstraDeps);
