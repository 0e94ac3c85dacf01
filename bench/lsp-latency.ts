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
import { EmptyFileSystem, URI } from 'langium';
import { parseHelper } from 'langium/test';
import { createServescopeServices } from '../src/language/servescope-module.js';
import { lowerDocument } from '../src/language/lowering.js';
import { engine } from '../src/engine/index.js';
import { estimateScenario } from '../src/serving/index.js';
import type { Document } from '../src/language/generated/ast.js';

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
 * server's scheduling: parse + link + validate, and lower + estimate, in CPU
 * milliseconds. On a loaded machine this is the floor the process figures sit on.
 */
async function inProcess(text: string, path: string): Promise<{ validateMs: number; engineMs: number }> {
  const { Servescope } = createServescopeServices(EmptyFileSystem);
  const parse = parseHelper<Document>(Servescope);
  const validate: number[] = [];
  const estimate: number[] = [];
  for (let i = -WARMUP; i < RUNS; i++) {
    // CPU time (user + system), not wall time: on a shared machine it is what the work costs.
    const cpuMs = (since: NodeJS.CpuUsage) => { const u = process.cpuUsage(since); return (u.user + u.system) / 1000; };
    let started = process.cpuUsage();
    const document = await parse(i % 2 === 0 ? `${text}\n// edit ${i}\n` : text, { documentUri: URI.file(`${path}.${i + WARMUP}.serve`).toString(), validation: true });
    if (i >= 0) validate.push(cpuMs(started));
    started = process.cpuUsage();
    try {
      estimateScenario(lowerDocument(document.parseResult.value), engine, { skipExplore: true });
    } catch {
      // a document that does not lower yet: the validate figure still stands
    }
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
  console.log('| example | didChange→diagnostics median | p90 | didSave→results median | p90 | in-process validate (CPU) | in-process lower+estimate (CPU) | engine |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---|');
  for (const row of rows) console.log(row);
}

await main();
