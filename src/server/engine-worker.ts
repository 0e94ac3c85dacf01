/**
 * The engine in a worker thread, so that a long estimate (or an explore)
 * never blocks the language server's event loop: typing, completion and
 * diagnostics stay responsive while it runs. One worker serves all runs in
 * order; a run is cancelled through a shared flag the serving layer polls
 * (`isCancelled`), and the main thread drops a cancelled run's result.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { EstimateReport } from '../serving/index.js';
import { EngineRunCancelled, InProcessEngineRunner, runEstimate, type EngineRun, type EngineRunner, type EngineRunRequest } from '../language/lsp/engine-runner.js';

export const ENGINE_WORKER_ROLE = 'servescope-engine';

interface RunMessage { id: number; request: EngineRunRequest; cancelFlag: SharedArrayBuffer }
type ReplyMessage = { id: number; report: EstimateReport } | { id: number; error: string } | { id: number; cancelled: true };

/** True when this thread is the engine worker (main.ts then runs `engineWorkerLoop` instead of the server). */
export function isEngineWorker(): boolean {
  return !isMainThread && (workerData as { role?: string } | undefined)?.role === ENGINE_WORKER_ROLE;
}

export function engineWorkerLoop(): void {
  const port = parentPort;
  if (!port) return;
  port.on('message', (message: RunMessage) => {
    const flag = new Int32Array(message.cancelFlag);
    const isCancelled = () => Atomics.load(flag, 0) !== 0;
    let reply: ReplyMessage;
    try {
      if (isCancelled()) {
        reply = { id: message.id, cancelled: true };
      } else {
        const report = runEstimate(message.request, isCancelled);
        reply = isCancelled() ? { id: message.id, cancelled: true } : { id: message.id, report };
      }
    } catch (error) {
      reply = { id: message.id, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
}

/**
 * Runs estimates in a worker started from `script` (the bundled server
 * itself); falls back to running in process if the worker cannot start or dies.
 */
export class WorkerEngineRunner implements EngineRunner {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: EstimateReport) => void; reject: (e: Error) => void }>();
  private readonly fallback = new InProcessEngineRunner();
  private failed = false;

  constructor(private readonly script: string, private readonly log: (message: string) => void = () => undefined) {}

  start(request: EngineRunRequest): EngineRun {
    const worker = this.ensureWorker();
    if (!worker) return this.fallback.start(request);
    const id = this.nextId++;
    const cancelFlag = new SharedArrayBuffer(4);
    const result = new Promise<EstimateReport>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    worker.postMessage({ id, request, cancelFlag } satisfies RunMessage);
    return {
      result,
      cancel: () => Atomics.store(new Int32Array(cancelFlag), 0, 1),
    };
  }

  dispose(): void {
    const worker = this.worker;
    this.worker = undefined;
    this.rejectAll(new EngineRunCancelled());
    void worker?.terminate();
  }

  private ensureWorker(): Worker | undefined {
    if (this.worker || this.failed) return this.worker;
    try {
      const worker = new Worker(this.script, { workerData: { role: ENGINE_WORKER_ROLE } });
      worker.unref();
      worker.on('message', (reply: ReplyMessage) => {
        const waiting = this.pending.get(reply.id);
        if (!waiting) return;
        this.pending.delete(reply.id);
        if ('report' in reply) waiting.resolve(reply.report);
        else if ('error' in reply) waiting.reject(new Error(reply.error));
        else waiting.reject(new EngineRunCancelled());
      });
      worker.on('error', (error) => {
        this.log(`servescope: engine worker failed: ${error.message}; running the engine in process from now on`);
        this.failed = true;
        this.worker = undefined;
        this.rejectAll(error);
      });
      worker.on('exit', () => {
        if (this.worker === worker) this.worker = undefined;
        this.rejectAll(new Error('engine worker exited'));
      });
      this.worker = worker;
      return worker;
    } catch (error) {
      this.log(`servescope: cannot start the engine worker (${error instanceof Error ? error.message : String(error)}); running the engine in process`);
      this.failed = true;
      return undefined;
    }
  }

  private rejectAll(error: Error): void {
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}
