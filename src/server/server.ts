/**
 * The servescope language server: Langium's handlers, our diagnostics
 * publisher (validation + engine findings, with the document version), the
 * engine scheduler and the custom requests/notifications of src/protocol.ts.
 */
import { isAbsolute, resolve as resolvePath } from 'node:path';
import { DocumentState, URI, type LangiumDocument } from 'langium';
import * as lsp from 'langium/lsp';
import { NodeFileSystem } from 'langium/node';
import type { Connection } from 'vscode-languageserver';
import { createServescopeServices } from '../language/lsp/lsp-module.js';
import { isLibraryUri } from '../language/library.js';
import { editorServices } from '../language/lsp/lsp-module.js';
import { engineDiagnostics } from '../language/lsp/engine-diagnostics.js';
import { EngineScheduler } from '../language/lsp/engine-scheduler.js';
import { EngineRunCancelled, InProcessEngineRunner, type EngineRunner } from '../language/lsp/engine-runner.js';
import { LSPErrorCodes, ResponseError } from 'vscode-languageserver';
import {
  EXPLORE_REQUEST, LIBRARY_DOCUMENT_REQUEST, RESULTS_NOTIFICATION, SETTINGS_SECTION,
  type ExploreRequestParams, type LibraryDocumentParams, type LibraryDocumentResult, type ExploreRequestResult, type ResultsParams, type ServescopeSettings,
} from '../protocol.js';
import { GET_RESULTS_REQUEST, type GetResultsParams } from './requests.js';
import { SettingsTracker } from './settings.js';
import { WorkerEngineRunner } from './engine-worker.js';
import { loadImportsOnDemand } from './import-loader.js';

export interface ServerOptions {
  /** The bundled server script, to start the engine worker from; the engine runs in process without it. */
  workerScript?: string;
}

export function startServescopeServer(connection: Connection, options: ServerOptions = {}): void {
  const log = (message: string) => connection.console.error(message);
  process.on('uncaughtException', (error) => log(`servescope: uncaught ${error.stack ?? error.message}`));
  process.on('unhandledRejection', (reason) => log(`servescope: unhandled rejection ${reason instanceof Error ? reason.stack : String(reason)}`));

  const services = createServescopeServices({ connection, ...NodeFileSystem });
  const { shared } = services;
  const editor = editorServices(services.Servescope);
  const settings = new SettingsTracker();
  const runner: EngineRunner = options.workerScript ? new WorkerEngineRunner(options.workerScript, log) : new InProcessEngineRunner();

  const publishDiagnostics = (document: LangiumDocument) => {
    connection.sendDiagnostics({
      uri: document.uri.toString(),
      version: document.textDocument.version,
      diagnostics: [...(document.diagnostics ?? []), ...engineDiagnostics(document, editor.Estimates)],
    }).catch((error: unknown) => log(`servescope: cannot send diagnostics: ${String(error)}`));
  };

  const scheduler = new EngineScheduler({
    shared,
    store: editor.Estimates,
    runner,
    settings: effectiveSettings,
    log,
    onResults: (results: ResultsParams) => {
      void connection.sendNotification(RESULTS_NOTIFICATION, results);
      // Engine findings join the validation diagnostics of the same text.
      const document = shared.workspace.LangiumDocuments.getDocument(URI.parse(results.uri));
      if (document && document.state >= DocumentState.Validated && document.textDocument.version === results.version) {
        publishDiagnostics(document);
      }
    },
  });

  loadImportsOnDemand(shared, log);

  // didSave: Langium advertises `save` only when the update handler has this method.
  shared.lsp.DocumentUpdateHandler.didSaveDocument = (event) => scheduler.documentSaved(event.document.uri);
  const documents = shared.workspace.TextDocuments;
  // didOpen fires onDidOpen then onDidChangeContent for the same text; the open schedules the run.
  const justOpened = new Set<string>();
  documents.onDidOpen((event) => {
    justOpened.add(event.document.uri);
    scheduler.documentSaved(event.document.uri);
  });
  documents.onDidChangeContent((event) => {
    if (justOpened.delete(event.document.uri)) return;
    scheduler.documentChanged(event.document.uri);
  });
  documents.onDidClose((event) => scheduler.documentClosed(event.document.uri));

  // A relative calibration file is relative to the (first) workspace folder.
  let rootPath: string | undefined;
  shared.lsp.LanguageServer.onInitialize((params) => {
    settings.initialize(params.initializationOptions);
    const root = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    rootPath = root ? URI.parse(root).fsPath : undefined;
  });
  function effectiveSettings(): ServescopeSettings {
    const current = settings.settings;
    const file = current.calibrationFile;
    return file && !isAbsolute(file) && rootPath ? { ...current, calibrationFile: resolvePath(rootPath, file) } : current;
  }
  const configuration = shared.workspace.ConfigurationProvider;
  configuration.onConfigurationSectionUpdate((update) => {
    if (update.section === SETTINGS_SECTION) settings.update(update.configuration);
  });
  void configuration.ready.then(async () => {
    const engine = await configuration.getConfiguration(SETTINGS_SECTION, 'engine');
    const calibrationFile = await configuration.getConfiguration(SETTINGS_SECTION, 'calibrationFile');
    if (engine !== undefined || calibrationFile !== undefined) settings.update({ engine, calibrationFile });
  }).catch((error: unknown) => log(`servescope: cannot read the configuration: ${String(error)}`));

  connection.onRequest(EXPLORE_REQUEST, async (params: ExploreRequestParams, token): Promise<ExploreRequestResult | ResponseError<void>> => {
    try {
      const results = await scheduler.explore(params.uri, params.name, token);
      if (!results.report) return new ResponseError(-32803, `servescope: cannot explore: ${results.errors[0] ?? 'the document has errors'}`);
      return results.report.explorations.filter((e) => params.name === undefined || e.name === params.name);
    } catch (error) {
      if (error instanceof EngineRunCancelled) return new ResponseError(LSPErrorCodes.RequestCancelled, 'servescope: explore cancelled');
      return new ResponseError(-32803, `servescope: explore failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  });
  connection.onRequest(GET_RESULTS_REQUEST, (params: GetResultsParams): ResultsParams | null => {
    const results = editor.Estimates.get(params.uri);
    if (!results) return null;
    const { scenario: _scenario, ...plain } = results;
    void _scenario;
    return plain;
  });
  connection.onRequest(LIBRARY_DOCUMENT_REQUEST, async (params: LibraryDocumentParams): Promise<LibraryDocumentResult> => {
    // Only the library's own documents: the client has the workspace's files itself.
    if (!isLibraryUri(params.uri)) return null;
    // The workspace manager loads the library with the workspace, after `initialized`.
    await shared.workspace.WorkspaceManager.ready;
    return shared.workspace.LangiumDocuments.getDocument(URI.parse(params.uri))?.textDocument.getText() ?? null;
  });
  connection.onShutdown(() => scheduler.dispose());

  startWithoutDefaultDiagnostics(connection, services.shared, publishDiagnostics);
}

/**
 * Langium's `startLanguageServer`, with our diagnostics publisher instead of
 * `addDiagnosticsHandler` (which sends validation only, without the version).
 */
function startWithoutDefaultDiagnostics(
  connection: Connection,
  shared: lsp.LangiumSharedServices,
  publishDiagnostics: (document: LangiumDocument) => void,
): void {
  lsp.addDocumentUpdateHandler(connection, shared);
  lsp.addFileOperationHandler(connection, shared);
  const builder = shared.workspace.DocumentBuilder;
  builder.onUpdate((_changed, deleted) => {
    for (const uri of deleted) void connection.sendDiagnostics({ uri: uri.toString(), diagnostics: [] });
  });
  builder.onDocumentPhase(DocumentState.Validated, async (document) => publishDiagnostics(document));
  lsp.addCompletionHandler(connection, shared);
  lsp.addFindReferencesHandler(connection, shared);
  lsp.addDocumentSymbolHandler(connection, shared);
  lsp.addGotoDefinitionHandler(connection, shared);
  lsp.addGoToTypeDefinitionHandler(connection, shared);
  lsp.addGoToImplementationHandler(connection, shared);
  lsp.addDocumentHighlightHandler(connection, shared);
  lsp.addFoldingRangeHandler(connection, shared);
  lsp.addFormattingHandler(connection, shared);
  lsp.addCodeActionHandler(connection, shared);
  lsp.addRenameHandler(connection, shared);
  lsp.addHoverHandler(connection, shared);
  lsp.addInlayHintHandler(connection, shared);
  lsp.addSemanticTokenHandler(connection, shared);
  lsp.addExecuteCommandHandler(connection, shared);
  lsp.addSignatureHelpHandler(connection, shared);
  lsp.addCallHierarchyHandler(connection, shared);
  lsp.addTypeHierarchyHandler(connection, shared);
  lsp.addCodeLensHandler(connection, shared);
  lsp.addDocumentLinkHandler(connection, shared);
  lsp.addConfigurationChangeHandler(connection, shared);
  lsp.addGoToDeclarationHandler(connection, shared);
  lsp.addWorkspaceSymbolHandler(connection, shared);
  connection.onInitialize((params) => shared.lsp.LanguageServer.initialize(params));
  connection.onInitialized((params) => shared.lsp.LanguageServer.initialized(params));
  shared.workspace.TextDocuments.listen(connection);
  connection.listen();
}
