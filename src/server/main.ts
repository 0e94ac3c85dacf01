/**
 * Entry of the bundled language server (out/server.cjs). The VS Code client
 * starts it with `--node-ipc`; tests and other editors with `--stdio`
 * (createConnection picks the transport from the command line). The same
 * bundle, started as a worker thread, is the engine worker.
 */
import { fileURLToPath } from 'node:url';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node.js';
import { engineWorkerLoop, isEngineWorker } from './engine-worker.js';
import { startServescopeServer } from './server.js';

if (isEngineWorker()) {
  engineWorkerLoop();
} else {
  const connection = createConnection(ProposedFeatures.all);
  startServescopeServer(connection, { workerScript: fileURLToPath(import.meta.url) });
}
