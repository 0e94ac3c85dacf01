/**
 * Test harness: the bundled language server (out/server.cjs) as a real child
 * process over stdio, driven with vscode-jsonrpc, and what it sent back.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection,
} from 'vscode-jsonrpc/node.js';
import type { Diagnostic, PublishDiagnosticsParams } from 'vscode-languageserver';
import { RESULTS_NOTIFICATION, type ResultsParams } from '../../src/protocol.js';

/** The repository root: the nearest folder above this file (or the bench script bundling it) with servescope's package.json. */
export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = resolve(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'servescope') return dir;
    if (dirname(dir) === dir) throw new Error(`servescope's package.json not found above ${from}`);
  }
}
export const SERVER_SCRIPT = resolve(ROOT, 'out/server.cjs');

/** `node esbuild.mjs`: the same bundle the extension ships. */
export function buildServer(): void {
  execFileSync(process.execPath, ['esbuild.mjs'], { cwd: ROOT, stdio: 'inherit' });
}

type Waiter<T> = { accept: (value: T) => boolean; resolve: (value: T) => void };

export class LspProcess {
  readonly connection: MessageConnection;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly results: ResultsParams[] = [];
  readonly stderr: string[] = [];
  /** window/logMessage texts (the server's connection.console). */
  readonly logs: string[] = [];
  private readonly child: ChildProcess;
  private exited = false;
  private diagnosticWaiters: Waiter<PublishDiagnosticsParams>[] = [];
  private resultWaiters: Waiter<ResultsParams>[] = [];

  constructor(args: string[] = ['--stdio']) {
    this.child = spawn(process.execPath, [SERVER_SCRIPT, ...args], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr!.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.child.on('exit', () => { this.exited = true; });
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.diagnostics.set(params.uri, params);
      this.diagnosticWaiters = this.diagnosticWaiters.filter((w) => !(w.accept(params) && (w.resolve(params), true)));
    });
    this.connection.onNotification(RESULTS_NOTIFICATION, (params: ResultsParams) => {
      this.results.push(params);
      this.resultWaiters = this.resultWaiters.filter((w) => !(w.accept(params) && (w.resolve(params), true)));
    });
    // The server asks for configuration and registers capabilities; answer like a client would.
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => null));
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onNotification('window/logMessage', (params: { message: string }) => { this.logs.push(params.message); });
    this.connection.listen();
  }

  get alive(): boolean {
    return !this.exited && this.child.exitCode === null;
  }

  async initialize(initializationOptions: unknown = {}): Promise<{ capabilities: Record<string, unknown> }> {
    const result = await this.connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      initializationOptions,
      capabilities: {
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          synchronization: { didSave: true, dynamicRegistration: false },
          inlayHint: { dynamicRegistration: false },
        },
        workspace: { configuration: true },
      },
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'servescope', version, text } });
  }

  change(uri: string, version: number, changes: Array<{ range?: unknown; text: string }>): Promise<void> {
    return this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: changes });
  }

  save(uri: string): Promise<void> {
    return this.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
  }

  /** The first diagnostics for `uri` that pass `accept` (already received, or the next ones). */
  waitForDiagnostics(uri: string, accept: (p: PublishDiagnosticsParams) => boolean = () => true): Promise<PublishDiagnosticsParams> {
    const seen = this.diagnostics.get(uri);
    if (seen && accept(seen)) return Promise.resolve(seen);
    return new Promise((resolveWait) => this.diagnosticWaiters.push({ accept: (p) => p.uri === uri && accept(p), resolve: resolveWait }));
  }

  diagnosticsOfVersion(uri: string, version: number): Promise<Diagnostic[]> {
    return this.waitForDiagnostics(uri, (p) => p.version === version).then((p) => p.diagnostics);
  }

  /** The next results notification for `uri` that passes `accept` (earlier ones are not considered). */
  nextResults(uri: string, accept: (p: ResultsParams) => boolean = () => true): Promise<ResultsParams> {
    return new Promise((resolveWait) => this.resultWaiters.push({ accept: (p) => p.uri === uri && accept(p), resolve: resolveWait }));
  }

  async shutdown(): Promise<void> {
    if (this.alive) {
      try {
        await this.connection.sendRequest('shutdown');
        await this.connection.sendNotification('exit');
      } catch {
        // already gone
      }
    }
    await new Promise<void>((done) => {
      if (!this.alive) return done();
      const timer = setTimeout(() => { this.child.kill(); done(); }, 2000);
      this.child.on('exit', () => { clearTimeout(timer); done(); });
    });
    this.connection.dispose();
  }
}

/** Line/character of an offset in `text` (LSP positions, UTF-16 as JS strings). */
export function positionAt(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (text.charCodeAt(i) === 10) { line++; lineStart = i + 1; }
  }
  return { line, character: offset - lineStart };
}
