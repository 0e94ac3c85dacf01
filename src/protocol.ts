/**
 * Messages between the language server and the VS Code client beyond LSP.
 * Plain strings and types only, so that server, client and tests share them.
 */
import type { EstimateReport } from './serving/report.js';

/** Server -> client, after the engine ran on a document. */
export const RESULTS_NOTIFICATION = 'servescope/results';

export interface ResultsParams {
  uri: string;
  /** The document version the results were computed from. */
  version: number;
  /** null when the document has errors and the engine did not run. */
  report: EstimateReport | null;
  /** Validation errors that kept the engine from running, one line each. */
  errors: string[];
  engineMs: number;
}

// ---------------------------------------------------------------------------
// Extension host <-> results webview (postMessage). The webview's HTML comes
// from webview/html.ts `panelHtml(...)` (pure, no vscode import).

/** Host -> webview: the latest results of the document the panel follows. */
export interface ResultsMessage {
  type: 'results';
  params: ResultsParams;
}

/** Host -> webview: the workbench theme kind changed ('light' | 'dark' | 'high-contrast'). */
export interface ThemeMessage {
  type: 'theme';
  kind: 'light' | 'dark' | 'high-contrast' | 'high-contrast-light';
}

export type HostToWebviewMessage = ResultsMessage | ThemeMessage;

/** Webview -> host: loaded and listening; the host answers with the latest results. */
export interface ReadyMessage { type: 'ready' }
/** Webview -> host: put a paste-able deployment snippet on the clipboard. */
export interface CopySnippetMessage { type: 'copySnippet'; snippet: string }
/** Webview -> host: reveal the deployment (or explore) block with this name in the editor. */
export interface RevealDeploymentMessage { type: 'revealDeployment'; name: string }

export type WebviewToHostMessage = ReadyMessage | CopySnippetMessage | RevealDeploymentMessage;

// ---------------------------------------------------------------------------
// Client -> server requests and settings.

/**
 * Client -> server: run the design-space search of a document's `explore`
 * blocks (all, or the one named) and answer with their results. The same
 * results also go out in the next `servescope/results` notification.
 */
export const EXPLORE_REQUEST = 'servescope/explore';

export interface ExploreRequestParams {
  uri: string;
  /** The `explore` block to run; all of the document's when absent. */
  name?: string;
}

/** Answer to EXPLORE_REQUEST: one result per explore block run (see serving/report.ts). */
export type ExploreRequestResult = import('./serving/report.js').ExploreResult[];

/**
 * Client -> server: the text of a built-in library document (a go-to-definition
 * target such as `builtin:///library/gpus.serve`), which exists only inside
 * the server; null when the server holds no document at that URI. The client
 * shows it read-only through a TextDocumentContentProvider.
 */
export const LIBRARY_DOCUMENT_REQUEST = 'servescope/libraryDocument';

export interface LibraryDocumentParams {
  uri: string;
}

export type LibraryDocumentResult = string | null;

/**
 * The VS Code settings section. The client sends the section as LSP
 * `initializationOptions` (a ServescopeSettings) and again on every change as
 * `workspace/didChangeConfiguration` with `settings: { servescope: ServescopeSettings }`.
 */
export const SETTINGS_SECTION = 'servescope';

export interface ServescopeSettings {
  engine: {
    /** When the engine runs: after each save, or also after edits (debounced). */
    runOn: 'save' | 'change';
    /** Quiet time after the last edit before the engine runs when runOn is 'change'. */
    debounceMs: number;
  };
  /** Path of a kernel calibration file (shared/calibration format); '' for none. Relative paths are against the workspace folder. */
  calibrationFile: string;
}

export const DEFAULT_SETTINGS: ServescopeSettings = {
  engine: { runOn: 'change', debounceMs: 300 },
  calibrationFile: '',
};
