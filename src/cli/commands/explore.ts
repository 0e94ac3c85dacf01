/**
 * `servescope explore FILE [--json|--csv] [--name NAME]`: run the file's
 * explore blocks (all, or the one named) and print the frontier and the best
 * deployment per strategy (text with paste-able snippets, JSON
 * ExploreResult[], or CSV). Progress goes to stderr about once a second on
 * long runs. Exit codes as in command.ts.
 */
import { accessSync, constants } from 'node:fs';
import type { CliIo, Command } from '../command.js';
import type { Engine } from '../../engine/types.js';
import { engine as realEngine } from '../../engine/index.js';
import { CliUserError, formatDiagnostic as formatCliDiagnostic, loadScenarioFile, type CliDiagnostic } from '../load.js';
import { explore, type ExploreResult, type Scenario } from '../../serving/index.js';
import { formatGrouped } from '../../format/quantities.js';
import { EXPLORE_CSV_HEADER, exploreCsvRows, exploreText } from '../../serving/explore/explore-text.js';

export interface LoadedScenario {
  scenario?: Scenario;
  diagnostics: readonly unknown[];
  errorCount: number;
}

export type ScenarioLoader = (path: string) => Promise<LoadedScenario>;

const USAGE = 'explore FILE [--json|--csv] [--name NAME]';

interface ExploreArgs { file: string; format: 'text' | 'json' | 'csv'; name?: string }

function parseArgs(args: string[]): ExploreArgs | string {
  let file: string | undefined;
  let format: ExploreArgs['format'] = 'text';
  let name: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json' || a === '--csv') {
      const f = a === '--json' ? 'json' : 'csv';
      if (format !== 'text' && format !== f) return '--json and --csv exclude each other';
      format = f;
    } else if (a === '--name') {
      name = args[++i];
      if (!name) return '--name needs a value';
    } else if (a.startsWith('--name=')) name = a.slice('--name='.length);
    else if (a.startsWith('-')) return `unknown option '${a}'`;
    else if (file) return `one FILE only (got '${file}' and '${a}')`;
    else file = a;
  }
  return file ? { file, format, name } : 'missing FILE';
}

/** Fallback wording of a diagnostic when no formatter is given. */
function diagnosticLine(d: unknown): string {
  if (typeof d === 'string') return d;
  if (d && typeof d === 'object') {
    const o = d as { message?: unknown; line?: unknown; range?: { start?: { line?: number; character?: number } } };
    const at = o.range?.start ? `${(o.range.start.line ?? 0) + 1}:${(o.range.start.character ?? 0) + 1}: ` : typeof o.line === 'number' ? `${o.line}: ` : '';
    if (typeof o.message === 'string') return at + o.message;
  }
  return JSON.stringify(d);
}

export function makeExploreCommand(load: ScenarioLoader, engine: Engine, formatDiagnostic: (d: unknown) => string = diagnosticLine): Command {
  return {
    name: 'explore',
    usage: USAGE,
    summary: 'search strategies, layouts, batches and pool ratios; print the frontier and the best per strategy',
    async run(args: string[], io: CliIo): Promise<number> {
      const parsed = parseArgs(args);
      if (typeof parsed === 'string') {
        io.err(`servescope explore: ${parsed}\nusage: servescope ${USAGE}`);
        return 2;
      }
      try {
        accessSync(parsed.file, constants.R_OK);
      } catch {
        io.err(`servescope explore: cannot read '${parsed.file}'`);
        return 3;
      }
      let loaded: LoadedScenario;
      try {
        loaded = await load(parsed.file);
      } catch (error) {
        if (!(error instanceof CliUserError)) throw error;
        io.err(`servescope explore: ${error.message}`);
        return 3;
      }
      if (loaded.errorCount > 0 || !loaded.scenario) {
        for (const d of loaded.diagnostics) io.err(formatDiagnostic(d));
        io.err(`servescope explore: ${parsed.file} has ${loaded.errorCount} error(s); nothing explored`);
        return 1;
      }
      const all = loaded.scenario.explorations;
      const specs = parsed.name ? all.filter((e) => e.name === parsed.name) : all;
      if (specs.length === 0) {
        io.err(parsed.name
          ? `servescope explore: no explore block named '${parsed.name}' in ${parsed.file} (found: ${all.map((e) => e.name).join(', ') || 'none'})`
          : `servescope explore: ${parsed.file} has no explore block`);
        return 1;
      }
      const results: ExploreResult[] = [];
      for (const spec of specs) {
        let last = Date.now();
        results.push(explore(spec, engine, {
          onProgress: (done, total) => {
            const now = Date.now();
            if (now - last >= 1000 && done < total) {
              last = now;
              io.err(`explore ${spec.name}: ${Math.floor((100 * done) / total)}% (${formatGrouped(done)} of ${formatGrouped(total)} candidates)`);
            }
          },
        }));
      }
      if (parsed.format === 'json') io.out(JSON.stringify(results, null, 2));
      else if (parsed.format === 'csv') {
        io.out(EXPLORE_CSV_HEADER);
        for (const r of results) for (const line of exploreCsvRows(r)) io.out(line);
      } else {
        results.forEach((r, i) => {
          if (i > 0) io.out('');
          for (const line of exploreText(r)) io.out(line);
        });
      }
      return results.some((r) => r.truncated || r.cancelled) ? 1 : 0;
    },
  };
}

/** Only errors are printed (as `servescope check` words them); warnings do not stop a search. */
const fileLoader: ScenarioLoader = async (path) => {
  const r = await loadScenarioFile(path);
  return { scenario: r.scenario, errorCount: r.errorCount, diagnostics: r.diagnostics.filter((d) => d.severity === 'error') };
};

export const exploreCommand: Command = makeExploreCommand(fileLoader, realEngine, (d) => formatCliDiagnostic(d as CliDiagnostic));
