/**
 * Requests the server answers beyond LSP and src/protocol.ts (which the
 * client shares). Client -> server: the latest results of a document, or
 * null when the engine has not run on it yet; for clients that attach late.
 */
export const GET_RESULTS_REQUEST = 'servescope/getResults';

export interface GetResultsParams {
  uri: string;
}
