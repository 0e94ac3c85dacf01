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
// Language server settings (workspace configuration section `servescope`, or
// the same object as `initializationOptions`). VS Code settings keys:
// `servescope.engine.runOn`, `servescope.engine.debounceMs`, `servescope.calibrationFile`.

export const SETTINGS_SECTION = 'servescope';

export interface ServescopeSettings {
  engine: {
    /** Run the engine when a document is saved, or after every change (debounced). */
    runOn: 'save' | 'change';
    /** Quiet time after the last change before the engine runs when `runOn` is 'change'. */
    debounceMs: number;
  };
  /** A calibration data set (kernel timings) the engine should use instead of its built-in fits. */
  calibrationFile?: string;
}

export const DEFAULT_SETTINGS: ServescopeSettings = {
  engine: { runOn: 'save', debounceMs: 300 },
};

/** Client -> server request: run the `explore` blocks of a document (all, or the one named). */
export const EXPLORE_REQUEST = 'servescope/explore';

export interface ExploreParams {
  uri: string;
  /** Name of one `explore` block; all of them when absent. */
  name?: string;
}

/** The answer to EXPLORE_REQUEST; also sent as a RESULTS_NOTIFICATION with the explorations filled in. */
export type ExploreResponse = ResultsParams;

/** Client -> server request: the latest results of a document (null when the engine has not run on it yet). */
export const GET_RESULTS_REQUEST = 'servescope/getResults';

export interface GetResultsParams {
  uri: string;
}
