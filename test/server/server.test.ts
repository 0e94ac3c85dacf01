/**
 * The bundled language server as a real process: LSP over stdio, the
 * servescope results notification, and 2,000 random edits it must survive.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { CompletionItem, CompletionList, Definition, Diagnostic, Hover, InlayHint, LocationLink } from 'vscode-languageserver';
import { DiagnosticSeverity } from 'vscode-languageserver';
import { EmptyFileSystem } from 'langium';
import { parseHelper } from 'langium/test';
import { createServescopeServices } from '../../src/language/lsp/lsp-module.js';
import { ensureLibrary } from '../../src/language/library.js';
import { ENGINE_DIAGNOSTIC_SOURCE } from '../../src/language/lsp/engine-findings.js';
import { EXPLORE_REQUEST, LIBRARY_DOCUMENT_REQUEST, type ExploreRequestResult, type LibraryDocumentResult, type ResultsParams } from '../../src/protocol.js';
import { LIBRARY_FILES } from '../../src/language/library.js';
import { GET_RESULTS_REQUEST } from '../../src/server/requests.js';
import { SCENARIO } from '../lsp/fixtures/scenario.js';
import { buildServer, LspProcess, positionAt, ROOT, SERVER_SCRIPT } from './lsp-process.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fork } from 'node:child_process';
import { createMessageConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-jsonrpc/node.js';
import { randomEdits } from './random-edits.js';

const URI_MAIN = 'file:///workspace/main.serve';

beforeAll(() => buildServer());

test('--node-ipc (how the VS Code client starts it): initialize answers with the capabilities', async () => {
  const child = fork(SERVER_SCRIPT, ['--node-ipc'], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
  const connection = createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  connection.listen();
  try {
    const result = await connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid, rootUri: null, workspaceFolders: null, capabilities: {},
    });
    expect(result.capabilities.hoverProvider).toBe(true);
    await connection.sendRequest('shutdown');
  } finally {
    connection.dispose();
    child.kill();
  }
});

describe('language server process', () => {
  let server: LspProcess;
  beforeAll(async () => {
    server = new LspProcess(['--stdio']);
    await server.initialize({ servescope: { engine: { runOn: 'save' } } });
  });
  afterAll(() => server.shutdown());

  test('advertises the providers and the save notification', async () => {
    const restarted = new LspProcess(['--stdio']);
    try {
      const { capabilities } = await restarted.initialize();
      for (const key of ['hoverProvider', 'completionProvider', 'inlayHintProvider', 'codeActionProvider', 'documentFormattingProvider',
        'semanticTokensProvider', 'foldingRangeProvider', 'documentSymbolProvider', 'renameProvider', 'referencesProvider', 'definitionProvider']) {
        expect(capabilities[key], key).toBeTruthy();
      }
      expect((capabilities.textDocumentSync as { save?: unknown }).save).toBe(true);
    } finally {
      await restarted.shutdown();
    }
  });

  test('open: diagnostics, results; hover, completion, inlay hints answer', async () => {
    const firstResults = server.nextResults(URI_MAIN);
    await server.open(URI_MAIN, SCENARIO);
    const diagnostics = await server.diagnosticsOfVersion(URI_MAIN, 1);
    expect(diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error)).toEqual([]);
    const results = await firstResults;
    expect(results.version).toBe(1);
    expect(results.errors).toEqual([]);
    expect(results.report?.deployments.map((d) => d.name)).toEqual(['main']);
    expect(results.report?.deployments[0].ttftMs).toBeGreaterThan(0);

    const offset = SCENARIO.indexOf('llama70b on hgx');
    const hover = await server.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri: URI_MAIN }, position: positionAt(SCENARIO, offset + 2),
    });
    expect(JSON.stringify(hover?.contents)).toContain('model llama70b');

    const unitOffset = SCENARIO.indexOf('80 GB') + 3;
    const completion = await server.connection.sendRequest<CompletionList | CompletionItem[]>('textDocument/completion', {
      textDocument: { uri: URI_MAIN }, position: positionAt(SCENARIO, unitOffset),
    });
    const labels = (Array.isArray(completion) ? completion : completion.items).map((i) => i.label);
    expect(labels).toContain('TB');

    const hints = await server.connection.sendRequest<InlayHint[] | null>('textDocument/inlayHint', {
      textDocument: { uri: URI_MAIN }, range: { start: { line: 0, character: 0 }, end: positionAt(SCENARIO, SCENARIO.length) },
    });
    expect(Array.isArray(hints)).toBe(true);

    const latest = await server.connection.sendRequest<ResultsParams | null>(GET_RESULTS_REQUEST, { uri: URI_MAIN });
    expect(latest?.version).toBe(1);
    // The engine ran in its worker thread (a failing worker logs and falls back to the main thread).
    expect(server.logs.filter((l) => l.includes('engine'))).toEqual([]);
  });

  test('didChange: new diagnostics for the new version; didSave: results for it', async () => {
    const broken = SCENARIO.replace('memory 80 GB', 'memory 80 GB {');
    await server.change(URI_MAIN, 2, [{ text: broken }]);
    const errors = (await server.diagnosticsOfVersion(URI_MAIN, 2)).filter((d) => d.severity === DiagnosticSeverity.Error);
    expect(errors.length).toBeGreaterThan(0);
    const errorResults = server.nextResults(URI_MAIN, (r) => r.version === 2);
    await server.save(URI_MAIN);
    const withErrors = await errorResults;
    expect(withErrors.report).toBeNull();
    expect(withErrors.errors.length).toBeGreaterThan(0);

    const fixed = server.nextResults(URI_MAIN, (r) => r.version === 3);
    await server.change(URI_MAIN, 3, [{ text: SCENARIO }]);
    expect((await server.diagnosticsOfVersion(URI_MAIN, 3)).filter((d) => d.severity === DiagnosticSeverity.Error)).toEqual([]);
    await server.save(URI_MAIN);
    const results = await fixed;
    expect(results.report).not.toBeNull();
    expect(results.errors).toEqual([]);
  });

  test('a document opened at a later version (reopened in the editor) gets results too', async () => {
    const uri = 'file:///workspace/reopened.serve';
    const results = server.nextResults(uri, (r) => r.version === 7);
    await server.open(uri, SCENARIO, 7);
    expect((await results).report).not.toBeNull();
  });

  test('a file opened on its own loads the files it imports from disk', async () => {
    const path = resolve(ROOT, 'examples/serving-plan.serve');
    const uri = pathToFileURL(path).href;
    const results = server.nextResults(uri, (r) => r.report !== null);
    await server.open(uri, readFileSync(path, 'utf8'));
    const diagnostics = await server.waitForDiagnostics(uri, (p) => p.diagnostics.every((d) => d.severity !== DiagnosticSeverity.Error));
    expect(diagnostics.diagnostics.filter((d) => d.severity === DiagnosticSeverity.Error)).toEqual([]);
    await server.save(uri);
    expect((await results).report?.deployments.length).toBeGreaterThan(0);
  });

  test('the DeepSeek example: results, engine hints and a hover with the step breakdown', async () => {
    const path = resolve(ROOT, 'examples/deepseek-v3-strategies.serve');
    const uri = pathToFileURL(path).href;
    const text = readFileSync(path, 'utf8');
    const results = server.nextResults(uri, (r) => r.report !== null);
    await server.open(uri, text);
    const report = (await results).report!;
    expect(report.deployments.length).toBeGreaterThan(0);
    const hints = await server.connection.sendRequest<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: positionAt(text, text.length) },
    });
    const labels = hints.map((h) => String(h.label));
    expect(labels.filter((l) => l.startsWith('TTFT '))).toHaveLength(report.deployments.length);
    expect(labels.some((l) => /^\S+, \S+ active · KV /.test(l))).toBe(true);
    const name = report.deployments[0].name;
    const hover = await server.connection.sendRequest<Hover | null>('textDocument/hover', {
      textDocument: { uri }, position: positionAt(text, text.indexOf(`deployment ${name}`) + 'deployment '.length + 1),
    });
    const value = JSON.stringify(hover?.contents);
    expect(value).toContain('**Decode step**');
    expect(value).toMatch(/\| (compute|memory|network|latency) \| (measured|interpolated|fitted|extrapolated|spec) \|/);
  });

  test('go to definition on a library name targets a builtin: URI whose text the library document request returns', async () => {
    const uri = 'file:///workspace/library-user.serve';
    const text = 'cluster mine {\n  nodes 1 of 8 x H100_SXM\n}\n';
    await server.open(uri, text);
    await server.diagnosticsOfVersion(uri, 1);
    const targets = await server.connection.sendRequest<Definition | LocationLink[] | null>('textDocument/definition', {
      textDocument: { uri }, position: positionAt(text, text.indexOf('H100_SXM') + 2),
    });
    const first = Array.isArray(targets) ? targets[0] : targets;
    const target = first && ('targetUri' in first ? first.targetUri : first.uri);
    // vscode-uri writes the empty authority away: builtin:/library/gpus.serve.
    expect(target).toMatch(/^builtin:(\/\/)?\/library\/\w+\.serve$/);
    const libraryText = await server.connection.sendRequest<LibraryDocumentResult>(LIBRARY_DOCUMENT_REQUEST, { uri: target });
    const file = target!.slice(target!.lastIndexOf('/') + 1);
    expect(libraryText).toBe(LIBRARY_FILES[file]);
    expect(libraryText).toMatch(/gpu H100_SXM\b/);
    // Only library documents: not the workspace's own files, nor unknown library files.
    expect(await server.connection.sendRequest<LibraryDocumentResult>(LIBRARY_DOCUMENT_REQUEST, { uri })).toBeNull();
    expect(await server.connection.sendRequest<LibraryDocumentResult>(LIBRARY_DOCUMENT_REQUEST, { uri: 'builtin:///library/nothing.serve' })).toBeNull();

    // The client then syncs the opened library document (its language is servescope): no errors, and after
    // it closes again, the library still resolves.
    await server.open(target!, libraryText!);
    const libraryDiagnostics = await server.diagnosticsOfVersion(target!, 1);
    expect(libraryDiagnostics.filter((d) => d.severity === DiagnosticSeverity.Error)).toEqual([]);
    await server.connection.sendNotification('textDocument/didClose', { textDocument: { uri: target } });
    await server.change(uri, 2, [{ text: text.replace('nodes 1', 'nodes 2') }]);
    expect((await server.diagnosticsOfVersion(uri, 2)).filter((d) => d.severity === DiagnosticSeverity.Error)).toEqual([]);
    expect(await server.connection.sendRequest<LibraryDocumentResult>(LIBRARY_DOCUMENT_REQUEST, { uri: target })).toBe(libraryText);
  });

  test('explore request answers with the explore results and notifies them', async () => {
    const notified = server.nextResults(URI_MAIN);
    const answer = await server.connection.sendRequest<ExploreRequestResult>(EXPLORE_REQUEST, { uri: URI_MAIN });
    expect(Array.isArray(answer)).toBe(true);
    const results = await notified;
    expect(results.report?.explorations).toEqual(answer);
  });

  test('runOn change: results follow an edit without a save', async () => {
    const eager = new LspProcess(['--stdio']);
    try {
      await eager.initialize({ servescope: { engine: { runOn: 'change', debounceMs: 0 } } });
      const uri = 'file:///workspace/eager.serve';
      const opened = eager.nextResults(uri, (r) => r.version === 1);
      await eager.open(uri, SCENARIO);
      await opened;
      const changed = eager.nextResults(uri, (r) => r.version === 2);
      await eager.change(uri, 2, [{ text: `${SCENARIO}\n// a comment\n` }]);
      expect((await changed).report).not.toBeNull();
    } finally {
      await eager.shutdown();
    }
  });

  test('2,000 random edits: the server stays up, answers every request, ends with the diagnostics of a fresh parse', async () => {
    const uri = 'file:///workspace/random.serve';
    await server.open(uri, SCENARIO);
    let text = SCENARIO;
    let version = 1;
    const answers: Array<Promise<unknown>> = [];
    const failures: string[] = [];
    const ask = (method: string, params: unknown) => {
      answers.push(server.connection.sendRequest(method, params).catch((error: { code?: number; message?: string }) => {
        // A request overtaken by a newer edit may be cancelled; anything else is a server fault.
        if (error.code !== -32800 && error.code !== -32802) failures.push(`${method}: ${error.code} ${error.message}`);
      }));
    };
    for (const edit of randomEdits(text, 2000, 20251201)) {
      version++;
      await server.change(uri, version, [{ range: { start: positionAt(text, edit.start), end: positionAt(text, edit.end) }, text: edit.insert }]);
      text = text.slice(0, edit.start) + edit.insert + text.slice(edit.end);
      if (version % 40 === 0) {
        const position = positionAt(text, Math.floor(text.length / 2));
        ask('textDocument/hover', { textDocument: { uri }, position });
        ask('textDocument/completion', { textDocument: { uri }, position });
        ask('textDocument/documentSymbol', { textDocument: { uri } });
        ask('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: positionAt(text, text.length) } });
        ask('textDocument/semanticTokens/full', { textDocument: { uri } });
        ask('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
        ask('textDocument/foldingRange', { textDocument: { uri } });
        ask('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } });
      }
      if (version % 250 === 0) await server.save(uri);
    }
    await Promise.all(answers);
    expect(failures).toEqual([]);
    expect(server.alive).toBe(true);
    expect(answers.length).toBe(8 * Math.floor(2001 / 40));

    const final = (await server.diagnosticsOfVersion(uri, version)).filter((d) => d.source !== ENGINE_DIAGNOSTIC_SOURCE);
    const { shared, Servescope } = createServescopeServices(EmptyFileSystem);
    await shared.workspace.DocumentBuilder.build(ensureLibrary(shared), { validation: true });
    const fresh = await parseHelper(Servescope)(text, { validation: true, documentUri: uri });
    expect(final.map(comparable)).toEqual((fresh.diagnostics ?? []).map(comparable));
    // Still answering after the storm.
    const symbols = await server.connection.sendRequest<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
    expect(Array.isArray(symbols)).toBe(true);
  });
});

function comparable(d: Diagnostic): string {
  return `${d.range.start.line}:${d.range.start.character}-${d.range.end.line}:${d.range.end.character} ${d.severity} ${d.message}`;
}
