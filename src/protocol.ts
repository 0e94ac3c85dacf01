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
