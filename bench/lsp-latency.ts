/**
 * Editor latency of the bundled language server, as a client sees it:
 *  - didChange -> publishDiagnostics of that version (parse + link + validate);
 *  - didSave   -> servescope/results of that version (lower + engine, no explore).
 * Over every examples/*.serve (the editor test scenario when there is none),
 * `--runs N` edits each (default 30); medians and p90 in milliseconds.
 * Goals (issue 5): results < 100 ms, diagnostics < 50 ms.
 *
 *   node esbuild.mjs && node scripts/run-ts.mjs bench/lsp-latency.ts [--runs 30]
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LspProcess, ROOT, SERVER_SCRIPT } from '../test/server/lsp-process.js';
import { SCENARIO } from '../test/lsp/fixtures/scenario.js';
import { loadScenarioText } from '../src/cli/load.js';
import { engine } from '../src/engine/index.js';
import { estimateScenario } from '../src/serving/index.js';

const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 30;
/** Edits before measuring, so that the figures are of JIT-compiled code, as in a long editing session. */
const WARMUP = 5;

function examples(): Array<{ name: string; path: string; text: string }> {
  const dir = resolve(ROOT, 'examples');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.serve')).sort() : [];
  if (files.length === 0) return [{ name: 'test/lsp/fixtures (scenario)', path: resolve(ROOT, 'bench/scenario.serve'), text: SCENARIO }];
  return files.map((f) => ({ name: f, path: resolve(dir, f), text: readFileSync(resolve(dir, f), 'utf8') }));
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/**
 * The same work in this process, without the client round trip and the
 * server's scheduling: load (parse, link, validate the file, its imports and
 * the library) and estimate, in CPU milliseconds. On a loaded machine this is the floor the process figures sit on.
 */
async function inProcess(text: string, path: string): Promise<{ validateMs: number; engineMs: number }> {
  const validate: number[] = [];
  const estimate: number[] = [];
  // CPU time (user + system), not wall time: on a shared machine it is what the work costs.
  const cpuMs = (since: NodeJS.CpuUsage) => { const u = process.cpuUsage(since); return (u.user + u.system) / 1000; };
  for (let i = -WARMUP; i < RUNS; i++) {
    let started = process.cpuUsage();
    // The CLI's loader: the document, the files it imports and the library, validated.
    const loaded = await loadScenarioText(i % 2 === 0 ? `${text}\n// edit ${i}\n` : text, path);
    if (i >= 0) validate.push(cpuMs(started));
    if (!loaded.scenario) throw new Error(`${path}: ${loaded.diagnostics[0]?.message ?? 'does not lower'}`);
    started = process.cpuUsage();
    estimateScenario(loaded.scenario, engine, { skipExplore: true });
    if (i >= 0) estimate.push(cpuMs(started));
  }
  return { validateMs: quantile(validate, 0.5), engineMs: quantile(estimate, 0.5) };
}

async function main(): Promise<void> {
  if (!existsSync(SERVER_SCRIPT)) throw new Error('build the server first: node esbuild.mjs');
  const server = new LspProcess(['--stdio']);
  await server.initialize({ servescope: { engine: { runOn: 'save' } } });
  const rows: string[] = [];
  try {
    for (const example of examples()) {
      const uri = pathToFileURL(example.path).href;
      const opened = server.nextResults(uri, (r) => r.version === 1);
      await server.open(uri, example.text);
      const first = await opened;
      const diagnosticsMs: number[] = [];
      const resultsMs: number[] = [];
      let version = 1;
      for (let i = -WARMUP; i < RUNS; i++) {
        version++;
        // A comment at the end toggles: the text changes, its meaning does not.
        const text = i % 2 === 0 ? `${example.text}\n// edit ${i}\n` : example.text;
        let started = performance.now();
        const diagnostics = server.diagnosticsOfVersion(uri, version);
        await server.change(uri, version, [{ text }]);
        await diagnostics;
        if (i >= 0) diagnosticsMs.push(performance.now() - started);
        started = performance.now();
        const results = server.nextResults(uri, (r) => r.version === version);
        await server.save(uri);
        await results;
        if (i >= 0) resultsMs.push(performance.now() - started);
      }
      const local = await inProcess(example.text, example.path);
      const engineState = first.report ? `${first.report.deployments.length} deployments` : `errors: ${first.errors[0] ?? ''}`;
      rows.push(`| ${example.name} | ${quantile(diagnosticsMs, 0.5).toFixed(1)} | ${quantile(diagnosticsMs, 0.9).toFixed(1)} | ${quantile(resultsMs, 0.5).toFixed(1)} | ${quantile(resultsMs, 0.9).toFixed(1)} | ${local.validateMs.toFixed(1)} | ${local.engineMs.toFixed(1)} | ${engineState} |`);
      await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    }
  } finally {
    await server.shutdown();
  }
  console.log(`LSP latency, ${RUNS} edits per example (ms; goal: diagnostics < 50, results < 100)\n`);
  console.log('| example | didChange→diagnostics median | p90 | didSave→results median | p90 | in-process load+validate (CPU) | in-process estimate (CPU) | engine |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---|');
  for (const row of rows) console.log(row);
}

await main();
