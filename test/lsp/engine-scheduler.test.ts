import { describe, expect, test } from 'vitest';
import { CancellationTokenSource } from 'vscode-languageserver';
import { EngineScheduler } from '../../src/language/lsp/engine-scheduler.js';
import { EngineRunCancelled, InProcessEngineRunner, type EngineRunner, type EngineRunRequest } from '../../src/language/lsp/engine-runner.js';
import { REPORT_SCHEMA_VERSION, type EstimateReport } from '../../src/serving/index.js';
import { DEFAULT_SETTINGS, type ResultsParams, type ServescopeSettings } from '../../src/protocol.js';
import { createTestServices } from './helpers.js';
import { SCENARIO } from './fixtures/scenario.js';

/** A runner whose runs finish when the test says so. */
class ManualRunner implements EngineRunner {
  readonly runs: Array<{ request: EngineRunRequest; finish: () => void; cancelled: boolean }> = [];
  start(request: EngineRunRequest) {
    let finish!: () => void;
    let fail!: (e: Error) => void;
    const entry = { request, finish: () => finish(), cancelled: false };
    const result = new Promise<EstimateReport>((resolve, reject) => {
      finish = () => resolve({ schemaVersion: REPORT_SCHEMA_VERSION, source: request.source, deployments: [], explorations: [] });
      fail = reject;
    });
    this.runs.push(entry);
    return { result, cancel: () => { entry.cancelled = true; fail(new EngineRunCancelled()); } };
  }
  dispose() {}
}

async function setUp(runner: EngineRunner, settings: ServescopeSettings = DEFAULT_SETTINGS) {
  const services = createTestServices();
  const document = await services.parse(SCENARIO);
  const uri = document.uri.toString();
  const results: ResultsParams[] = [];
  const scheduler = new EngineScheduler({
    shared: services.shared, store: services.editor.Estimates, runner, settings: () => settings, onResults: (r) => results.push(r),
  });
  return { services, document, uri, results, scheduler };
}

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('engine scheduler', () => {
  test('a save of a document without errors runs the engine and stores the results', async () => {
    const { uri, results, scheduler, services } = await setUp(new InProcessEngineRunner());
    scheduler.documentSaved(uri);
    await until(() => results.length === 1);
    expect(results[0]).toMatchObject({ uri, version: 0, errors: [] });
    expect(results[0].report?.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(services.editor.Estimates.get(uri)?.scenario).toBeDefined();
  });

  test('a document with errors gets results without a report, listing the errors', async () => {
    const services = createTestServices();
    const document = await services.parse('gpu g {\n  memory 80 GB {\n}\n');
    const results: ResultsParams[] = [];
    const scheduler = new EngineScheduler({ shared: services.shared, store: services.editor.Estimates, runner: new InProcessEngineRunner(), onResults: (r) => results.push(r) });
    scheduler.documentSaved(document.uri.toString());
    await until(() => results.length === 1);
    expect(results[0].report).toBeNull();
    expect(results[0].errors[0]).toMatch(/^2:\d+ /);
  });

  test('a change while the engine runs cancels the run and drops its result', async () => {
    const runner = new ManualRunner();
    const { uri, results, scheduler } = await setUp(runner);
    scheduler.documentSaved(uri);
    await until(() => runner.runs.length === 1);
    scheduler.documentChanged(uri);
    expect(runner.runs[0].cancelled).toBe(true);
    runner.runs[0].finish();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(results).toEqual([]);
  });

  test('runOn change: a change runs the engine after the debounce; runOn save: it does not', async () => {
    const runner = new ManualRunner();
    const eager = await setUp(runner, { engine: { runOn: 'change', debounceMs: 1 }, calibrationFile: '' });
    eager.scheduler.documentChanged(eager.uri);
    await until(() => runner.runs.length === 1);
    runner.runs[0].finish();
    await until(() => eager.results.length === 1);

    const lazyRunner = new ManualRunner();
    const lazy = await setUp(lazyRunner, { engine: { runOn: 'save', debounceMs: 1 }, calibrationFile: '' });
    lazy.scheduler.documentChanged(lazy.uri);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(lazyRunner.runs).toEqual([]);
  });

  test('explore runs the explore blocks only, keeps the deployments of the last run', async () => {
    const runner = new ManualRunner();
    const { uri, results, scheduler } = await setUp(runner);
    const answer = scheduler.explore(uri);
    await until(() => runner.runs.length === 1);
    expect(runner.runs[0].request.skipExplore).toBe(false);
    expect(runner.runs[0].request.scenario.deployments).toEqual([]);
    runner.runs[0].finish();
    expect((await answer).uri).toBe(uri);
    expect(results).toHaveLength(1);
  });

  test('running one explore block keeps the results of the others', async () => {
    const services = createTestServices();
    const text = `${SCENARIO}
explore small serves llama70b on hgx for chat { strategies aggregated gpus up to 8 }
explore big serves llama70b on hgx for chat { strategies aggregated gpus up to 16 }
`;
    const document = await services.parse(text);
    const uri = document.uri.toString();
    const scheduler = new EngineScheduler({
      shared: services.shared, store: services.editor.Estimates, runner: new InProcessEngineRunner(), settings: () => DEFAULT_SETTINGS,
    });
    await scheduler.explore(uri);
    expect(services.editor.Estimates.get(uri)?.report?.explorations.map((e) => e.name)).toEqual(['small', 'big']);
    const answer = await scheduler.explore(uri, 'big');
    expect(answer.report?.explorations.map((e) => e.name)).toEqual(['small', 'big']);
    expect(services.editor.Estimates.get(uri)?.report?.explorations.map((e) => e.name)).toEqual(['small', 'big']);
  });

  test('an edit while an explore runs keeps its stale answer out of the store', async () => {
    const runner = new ManualRunner();
    const { uri, results, scheduler, services } = await setUp(runner);
    const answer = scheduler.explore(uri);
    await until(() => runner.runs.length === 1);
    scheduler.documentChanged(uri);
    runner.runs[0].finish();
    expect((await answer).uri).toBe(uri);
    expect(results).toEqual([]);
    expect(services.editor.Estimates.get(uri)).toBeUndefined();
  });

  test('cancelling the explore request cancels the search', async () => {
    const runner = new ManualRunner();
    const { uri, results, scheduler } = await setUp(runner);
    const source = new CancellationTokenSource();
    const answer = scheduler.explore(uri, undefined, source.token);
    await until(() => runner.runs.length === 1);
    source.cancel();
    await expect(answer).rejects.toBeInstanceOf(EngineRunCancelled);
    expect(runner.runs[0].cancelled).toBe(true);
    expect(results).toEqual([]);
  });

  test('a closed document is forgotten', async () => {
    const { uri, results, scheduler, services } = await setUp(new InProcessEngineRunner());
    scheduler.documentSaved(uri);
    await until(() => results.length === 1);
    scheduler.documentClosed(uri);
    expect(services.editor.Estimates.get(uri)).toBeUndefined();
  });
});
